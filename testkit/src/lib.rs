//! A small recording HTTP server on 127.0.0.1 for the integration tests: it keeps every
//! request it receives and answers each with what the test's closure says, including
//! faults (a delay, a dropped connection). HTTP is hyper's (bodies of any framing,
//! chunked included); malformed answers are the hostile server's ([`hostile`]).

pub mod hostile;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};

/// A request as received.
#[derive(Clone, Debug)]
pub struct Received {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string.
    pub query: String,
    /// The raw body.
    pub body: String,
}

impl Received {
    /// The decoded parameters of the query and the form body.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut p = domaincontext::form::decode(&self.query);
        p.extend(domaincontext::form::decode(&self.body));
        p
    }

    /// The parameters without the credentials.
    pub fn args(&self) -> Vec<(String, String)> {
        self.params()
            .into_iter()
            .filter(|(k, _)| k != "auth_login" && k != "auth_password")
            .collect()
    }

    /// The command: the path without its leading `/`.
    pub fn command(&self) -> &str {
        self.path.trim_start_matches('/')
    }
}

/// What the server does with a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Status and body.
    Body(u16, String),
    /// Wait, then reply.
    Delay(Duration, Box<Reply>),
    /// Close the connection without answering.
    Drop,
}

impl Reply {
    /// A 200 answer with this body.
    pub fn json(body: &str) -> Self {
        Reply::Body(200, body.to_owned())
    }
}

/// A recording server; stops when dropped.
pub struct Server {
    /// Its base URL, `http://127.0.0.1:PORT`.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Starts a server answering every request with `reply(request)`.
    pub async fn start(reply: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let reply = Arc::new(reply);
        let rec = received.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (rec, reply) = (rec.clone(), reply.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, rec, reply).await;
                });
            }
        });
        Server {
            url,
            received,
            task,
        }
    }

    /// Answers every request with this JSON body.
    pub async fn answering(body: &'static str) -> Server {
        Self::start(move |_| Reply::json(body)).await
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// A client for this server: demo credentials, no rate limit, no retries.
    pub fn client(&self) -> domaincontext::Client {
        domaincontext::Client::builder()
            .base_url(&self.url)
            .credentials("demo", "s3cr3t-pa55")
            .rate_limit(None)
            .retry(domaincontext::RetryPolicy::NONE)
            .build()
            .expect("client")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The reply function, shared by every connection.
type ReplyFn = Arc<dyn Fn(&Received) -> Reply + Send + Sync>;

/// Why a connection is closed without an answer ([`Reply::Drop`]): hyper closes a
/// connection whose service fails, writing nothing.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dropped on purpose")
    }
}

impl std::error::Error for Dropped {}

async fn serve(
    stream: TcpStream,
    rec: Arc<Mutex<Vec<Received>>>,
    reply: ReplyFn,
) -> Result<(), hyper::Error> {
    let service = service_fn(move |req| answer(req, rec.clone(), reply.clone()));
    http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service)
        .await
}

/// Records one request and answers it as the test's closure says.
async fn answer(
    req: Request<Incoming>,
    rec: Arc<Mutex<Vec<Received>>>,
    reply: ReplyFn,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return Err(Dropped),
    };
    let received = Received {
        method,
        path,
        query,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    rec.lock().expect("lock").push(received.clone());
    let mut r = reply(&received);
    loop {
        match r {
            Reply::Delay(d, inner) => {
                tokio::time::sleep(d).await;
                r = *inner;
            }
            Reply::Drop => return Err(Dropped),
            Reply::Body(status, body) => {
                let mut response = Response::new(Full::new(Bytes::from(body)));
                *response.status_mut() =
                    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                response
                    .headers_mut()
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                return Ok(response);
            }
        }
    }
}

impl Server {
    /// A client for a server that is not there: for `prepare`, which sends nothing.
    pub fn offline_client() -> domaincontext::Client {
        domaincontext::Client::builder()
            .base_url("http://127.0.0.1:9")
            .credentials("demo", "s3cr3t-pa55")
            .build()
            .expect("client")
    }
}
