//! The HTTP side: an accept loop on 127.0.0.1 serving each connection with hyper, every
//! command at `/{command}` (GET query or POST form, a query on a POST too), the request
//! log, and the faults, including closing a connection with no answer at all. Slow or
//! stalled clients are bounded: a header read timeout, and a cap on open connections.

use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::{JoinHandle, JoinSet};

use crate::config::{Config, Served};
use crate::fault::{Fault, FaultKind, Faults};
use crate::state::State;

/// The most requests the log keeps; older ones are dropped first.
const MAX_LOG: usize = 100_000;

/// The largest request body read.
const MAX_BODY: usize = 8 << 20;

/// One request as the sandbox received it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedRequest {
    /// When it arrived.
    pub at: Instant,
    /// `GET` or `POST` (or whatever else was sent).
    pub method: String,
    /// The command named by the path.
    pub command: String,
    /// The decoded parameters (query, then body), `auth_password` left out and every
    /// argument of a secret type (`password`, `pincode`) as `***`.
    pub params: Vec<(String, String)>,
    /// The fault applied to it, if any.
    pub fault: Option<FaultKind>,
}

/// The path of the sandbox's own top-up: `login` (default `demo`) and `amount`.
pub const TOP_UP_PATH: &str = "/_sandbox/topup";

struct Shared {
    state: Mutex<State>,
    faults: Mutex<Faults>,
    log: Mutex<std::collections::VecDeque<LoggedRequest>>,
    save_to: Option<std::path::PathBuf>,
    observer: Option<crate::config::Observer>,
}

/// A lock that survives a panic elsewhere: the data is plain and stays usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running sandbox. Dropping it stops the server too; [`Running::shutdown`] also waits
/// until every connection is closed.
pub struct Running {
    url: String,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// Starts a sandbox on 127.0.0.1 with `config`.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        state: Mutex::new(config.data),
        faults: Mutex::new(Faults::new(config.faults)),
        log: Mutex::new(std::collections::VecDeque::new()),
        save_to: config.save_to,
        observer: config.observer,
    });
    let (stop, stopped) = watch::channel(false);
    let limits = Limits {
        header_read_timeout: config.header_read_timeout,
        connections: Arc::new(Semaphore::new(config.max_connections)),
    };
    let task = tokio::spawn(accept_loop(listener, shared.clone(), limits, stopped));
    Ok(Running {
        url: format!("http://{addr}"),
        shared,
        stop,
        task: Some(task),
    })
}

impl Running {
    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A client builder for this sandbox: its URL, the demo account's credentials
    /// (`demo`/`demo`) and no rate limit, the rest at the client's defaults; set anything
    /// else before `build`.
    pub fn client_builder(&self) -> domaincontext::ClientBuilder {
        domaincontext::Client::builder()
            .base_url(self.url.as_str())
            .credentials("demo", "demo")
            .rate_limit(None)
    }

    /// A copy of the state now.
    pub fn state(&self) -> State {
        lock(&self.shared.state).clone()
    }

    /// Adds `amount` to the balance of client `login` (see [`State::top_up`]), saving the
    /// state when [`crate::Config::save_to`] says where.
    pub fn top_up(&self, login: &str, amount: crate::Money) -> Result<crate::Money, String> {
        let mut state = lock(&self.shared.state);
        let balance = state.top_up(login, amount)?;
        if let Some(path) = &self.shared.save_to {
            state.save(path).map_err(|e| e.to_string())?;
        }
        Ok(balance)
    }

    /// Replaces the faults in force (their counters start again).
    pub fn set_faults(&self, faults: Vec<Fault>) {
        *lock(&self.shared.faults) = Faults::new(faults);
    }

    /// The requests received so far, in order (the last 100,000).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).iter().cloned().collect()
    }

    /// Stops accepting, closes every connection and waits for the server to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// What bounds the connections of one server.
struct Limits {
    header_read_timeout: Duration,
    /// One permit a served connection: when none is left, the accept loop waits.
    connections: Arc<Semaphore>,
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = accept(&listener, &limits.connections) => match accepted {
                Ok((stream, permit)) => {
                    let _ = stream.set_nodelay(true);
                    let shared = shared.clone();
                    let timeout = limits.header_read_timeout;
                    connections.spawn(async move {
                        connection(stream, shared, timeout).await;
                        drop(permit);
                    });
                }
                // Out of file descriptors and the like: wait a little instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// The next connection, once a permit for it is free. Connections beyond the cap are left
/// in the listener's queue (the client sees its connect succeed and no answer yet), so
/// that they are served in turn as soon as one closes.
async fn accept(
    listener: &TcpListener,
    limit: &Arc<Semaphore>,
) -> std::io::Result<(TcpStream, OwnedSemaphorePermit)> {
    let permit = limit
        .clone()
        .acquire_owned()
        .await
        .map_err(std::io::Error::other)?;
    let (stream, _) = listener.accept().await?;
    Ok((stream, permit))
}

/// Serves one connection until it ends, or until a handler asks for it to be dropped:
/// then the connection is dropped at once, closing the socket before any answer byte.
/// A request header not read whole within `header_read_timeout` closes the connection.
async fn connection(stream: TcpStream, shared: Arc<Shared>, header_read_timeout: Duration) {
    let drop_now = Arc::new(Notify::new());
    let service = {
        let drop_now = drop_now.clone();
        service_fn(move |req| serve(shared.clone(), drop_now.clone(), req))
    };
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = conn => {}
        _ = drop_now.notified() => {}
    }
}

fn reply(status: u16, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}

/// The answer's top-level `_error`, if any.
fn api_error(body: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(rename = "_error")]
        error: Option<serde_json::Value>,
    }
    match serde_json::from_str::<Answer>(body).ok()?.error? {
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// What the observer is told, before it is built.
struct Seen<'a> {
    method: &'a Method,
    command: &'a str,
    started: Instant,
    status: u16,
    body: &'a str,
    fault: Option<FaultKind>,
    save_error: Option<String>,
}

/// Tells the observer, if any, how a request went.
fn observe(shared: &Shared, seen: Seen<'_>) {
    if let Some(o) = &shared.observer {
        (o.0)(&Served {
            method: seen.method.to_string(),
            command: seen.command.to_owned(),
            status: seen.status,
            error: api_error(seen.body),
            fault: seen.fault,
            elapsed: seen.started.elapsed(),
            save_error: seen.save_error,
        });
    }
}

/// The sandbox's own top-up, answered outside the API's commands.
fn top_up(shared: &Shared, pairs: &[(String, String)]) -> (u16, String, Option<String>) {
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let login = get("login").unwrap_or("demo");
    let Some(amount) = get("amount").and_then(crate::Money::parse) else {
        let e = "amount must be a sum of money such as 100 or 25.50";
        return (200, serde_json::json!({ "_error": e }).to_string(), None);
    };
    let mut state = lock(&shared.state);
    match state.top_up(login, amount) {
        Ok(balance) => {
            let saved = shared.save_to.as_ref().and_then(|p| state.save(p).err());
            let body = serde_json::json!({ "login": login, "balance": balance.to_string() });
            (200, body.to_string(), saved.map(|e| e.to_string()))
        }
        Err(e) => (200, serde_json::json!({ "_error": e }).to_string(), None),
    }
}

async fn serve(
    shared: Arc<Shared>,
    drop_now: Arc<Notify>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let command = path.trim_start_matches('/').to_owned();
    let mut pairs = req
        .uri()
        .query()
        .map(domaincontext::form::decode)
        .unwrap_or_default();
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return Ok(reply(413, r#"{"_error":"request too large"}"#)),
    };
    if method == Method::POST {
        pairs.extend(domaincontext::form::decode(&String::from_utf8_lossy(&body)));
    }
    // Borrows the answer: nothing is copied for an observer that is not there.
    let served = |status, body, fault, save_error| Seen {
        method: &method,
        command: &command,
        started,
        status,
        body,
        fault,
        save_error,
    };
    if path == TOP_UP_PATH {
        let (status, body, save_error) = top_up(&shared, &pairs);
        observe(&shared, served(status, &body, None, save_error));
        return Ok(reply(status, body));
    }
    let fault = lock(&shared.faults).pick(&command);
    {
        let mut log = lock(&shared.log);
        if log.len() >= MAX_LOG {
            log.pop_front();
        }
        log.push_back(LoggedRequest {
            at: Instant::now(),
            method: method.to_string(),
            command: command.clone(),
            params: crate::redact::logged(&command, &pairs),
            fault: fault.clone(),
        });
    }
    if let Some(FaultKind::HttpStatus(status, body)) = fault {
        observe(&shared, served(status, &body, None, None));
        return Ok(reply(status, body));
    }
    if method != Method::GET && method != Method::POST {
        let body = r#"{"_error":"method not allowed: use GET or POST"}"#;
        observe(&shared, served(405, body, None, None));
        return Ok(reply(405, body));
    }
    let (status, body, save_error) = {
        let mut state = lock(&shared.state);
        let (status, body) = crate::dispatch::handle(&mut state, &command, &pairs);
        // Saved under the lock, so that saves land in the order the changes were made.
        // The command is looked up only when there is somewhere to save.
        let save_error = match &shared.save_to {
            Some(path)
                if domaincontext::command(&command)
                    .is_some_and(|c| c.effect == domaincontext::Effect::Change) =>
            {
                state.save(path).err().map(|e| e.to_string())
            }
            _ => None,
        };
        (status, body, save_error)
    };
    observe(&shared, served(status, &body, fault.clone(), save_error));
    match fault {
        None | Some(FaultKind::HttpStatus(..)) => Ok(reply(status, body)),
        Some(FaultKind::Delay(d)) => {
            tokio::time::sleep(d).await;
            Ok(reply(status, body))
        }
        Some(FaultKind::DropAfterApply) => {
            drop_now.notify_one();
            std::future::pending().await
        }
        Some(FaultKind::Garbled) => Ok(reply(status, crate::fault::garble(&body))),
        Some(FaultKind::Blank) => Ok(reply(status, Bytes::new())),
    }
}
