//! `Client`: `call` validates a request, sends it as a form within the rate limit, the
//! timeouts and the retry policy, and applies the answer rules. What it is built with is
//! in `settings.rs`.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::answer::{Refusal, Reply, decode, decode_bulk};
use crate::error::{ApiError, Error, ErrorKind, Sent, Timeout};
use crate::info::{AnswerKind, Command, DynCommand, Effect};
use crate::limit::Limiter;
pub use crate::prepared::Prepared;
use crate::settings::{CallOptions, ClientBuilder, Method, RetryPolicy, Secret, check_duration};
use crate::transport::{broken_answer, transport};
use crate::writer::FormWriter;
use secrecy::ExposeSecret;
use tracing::Instrument;
use tracing::field::Empty;

/// A client of the API. Cheap to clone; clones share the connection pool and the rate
/// limiter.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// What clones of a client share; built by [`ClientBuilder::build`](crate::ClientBuilder::build).
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base: String,
    /// `base`, parsed.
    pub(crate) base_url: reqwest::Url,
    pub(crate) login: String,
    pub(crate) password: Secret,
    pub(crate) method: Method,
    pub(crate) timeout: Duration,
    pub(crate) deadline: Option<Duration>,
    pub(crate) limiter: Option<Limiter>,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_answer_bytes: usize,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base)
            .field("login", &self.inner.login)
            .field("password", &self.inner.password)
            .field("method", &self.inner.method)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The endpoint.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// Validates and sends `request`, and decodes its answer.
    ///
    /// # Cancellation
    ///
    /// Dropping the returned future (a `select!`, a timeout of the caller's own, Ctrl-C)
    /// stops the call where it is. Before the request is written nothing was sent; once it
    /// may have been written, the server may carry it out whatever the client does. For a
    /// changing command the outcome is then unknown, as for [`Error::is_outcome_unknown`]:
    /// check the state before repeating it. Prefer [`CallOptions::deadline`], which ends
    /// the call with an error that says whether anything was sent.
    pub async fn call<C: Command>(&self, request: &C) -> Result<C::Output, Error> {
        self.call_with(request, CallOptions::default()).await
    }

    /// As [`Client::call`], with options for this call.
    pub async fn call_with<C: Command>(
        &self,
        request: &C,
        options: CallOptions,
    ) -> Result<C::Output, Error> {
        let reply = self.send(request, options).await?;
        <C::Output as crate::answer::FromReply>::from_reply(reply).map_err(|e| {
            e.for_command(
                request.name(),
                request.effect() == Effect::Change,
                Vec::new(),
            )
        })
    }

    /// Validates and sends any command's `request`, and gives its answer undecoded: the
    /// exact text and JSON of a single answer, each item's JSON text for a bulk one. The
    /// escape hatch for answers that do not fit their typed shape.
    pub async fn call_raw<C: Command>(&self, request: &C) -> Result<Reply, Error> {
        self.send(request, CallOptions::default()).await
    }

    /// What `request` would send, validated, with the password and every secret argument
    /// redacted. Sends nothing.
    pub fn prepare<C: Command>(&self, request: &C) -> Result<Prepared, Error> {
        Command::validate(request).map_err(Error::validation)?;
        let mut w = FormWriter::new();
        request.encode(&mut w);
        let mut params = vec![
            ("auth_login".to_owned(), self.inner.login.clone()),
            ("auth_password".to_owned(), crate::wire::REDACTED.to_owned()),
        ];
        params.extend(w.into_pairs());
        Ok(Prepared {
            method: self.inner.method,
            url: format!("{}/{}", self.inner.base, Command::name(request)),
            params,
        })
    }

    /// One call, as the span `domaincontext.call`: its command, then the number of the
    /// attempt under way, the last HTTP status and the time taken. No argument's value is
    /// recorded, so the span never holds a secret.
    async fn send(&self, request: &dyn DynCommand, options: CallOptions) -> Result<Reply, Error> {
        let span = tracing::info_span!(
            "domaincontext.call",
            command = request.name(),
            attempt = Empty,
            status = Empty,
            elapsed_ms = Empty,
        );
        let started = Instant::now();
        let result = self
            .send_in(request, options, &span)
            .instrument(span.clone())
            .await;
        span.record(
            "elapsed_ms",
            u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        );
        result
    }

    async fn send_in(
        &self,
        request: &dyn DynCommand,
        options: CallOptions,
        span: &tracing::Span,
    ) -> Result<Reply, Error> {
        request.validate().map_err(Error::validation)?;
        let name = request.name();
        let effect = request.effect();
        let answer_kind = request.answer();
        let keys = request.bulk_keys();
        let changes = effect == Effect::Change;
        let tag = |e: Error, attempts: u32| {
            e.for_command(name, changes, keys.clone().unwrap_or_default())
                .with_attempts(attempts)
        };
        let timeout = options.timeout.unwrap_or(self.inner.timeout);
        let deadline = options.deadline.or(self.inner.deadline);
        check_duration("timeout", timeout).map_err(|e| tag(e, 0))?;
        if let Some(d) = deadline {
            check_duration("deadline", d).map_err(|e| tag(e, 0))?;
        }
        let mut w = FormWriter::encoding();
        w.raw("auth_login", &self.inner.login);
        w.raw("auth_password", self.inner.password.expose_secret());
        request.encode(&mut w);
        let form = w.into_body();
        let url = self.endpoint(name);
        let cost = keys
            .as_ref()
            .map_or(1, |k| u32::try_from(k.len()).unwrap_or(u32::MAX));
        let started = Instant::now();
        let deadline = deadline.map(|d| started + d);
        let policy = &self.inner.retry;
        let retry_until = started + policy.max_elapsed;
        let mut attempts = 0;
        let mut last: Option<Error> = None;
        let answer = loop {
            // The first attempt waits for the limiter up to the deadline; a retry only if
            // it can still start within the retry bounds.
            let until = match (attempts, deadline) {
                (0, d) => d,
                (_, Some(d)) => Some(d.min(retry_until)),
                (_, None) => Some(retry_until),
            };
            if let Some(l) = &self.inner.limiter {
                if l.acquire(cost, until).await.is_err() {
                    let by_deadline = deadline.is_some_and(|d| until == Some(d));
                    return Err(tag(stopped(last, by_deadline), attempts));
                }
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let (limit, by_deadline) = match left {
                Some(left) if left.is_zero() => return Err(tag(stopped(last, true), attempts)),
                Some(left) if left < timeout => (left, true),
                _ => (timeout, false),
            };
            attempts += 1;
            span.record("attempt", attempts);
            let sent = self.send_once(&url, &form, limit).await;
            if let Ok(a) = &sent {
                span.record("status", a.status);
            }
            let (error, retry_after) = match sent {
                Ok(a) if (200..300).contains(&a.status) => break a,
                Ok(a) => {
                    let retry = a.status == 429 || a.status >= 500;
                    let after = a.retry_after;
                    let e = Error::http_status(a.status, status_error(a.body));
                    if !retry || changes {
                        return Err(tag(e, attempts));
                    }
                    (e, after)
                }
                Err(e) => {
                    let e = match (by_deadline, e.timeout_kind()) {
                        (true, Some(Timeout::Answer)) => {
                            Error::timeout(Timeout::Deadline, e.sent()).with_source_of(e)
                        }
                        _ => e,
                    };
                    // A request that never left may be repeated whatever the command.
                    let retry = matches!(e.kind(), ErrorKind::Transport | ErrorKind::Timeout)
                        && e.timeout_kind() != Some(Timeout::Deadline)
                        && (e.sent() == Sent::No || !changes);
                    if !retry {
                        return Err(tag(e, attempts));
                    }
                    (e, None)
                }
            };
            if attempts > policy.max_retries {
                return Err(tag(error, attempts));
            }
            let delay = retry_after.map_or_else(
                || policy.delay(attempts - 1),
                |d| d.min(policy.max_delay.max(policy.base_delay)),
            );
            // The sleep must end within the deadline and the retry bounds, never past.
            let wake = Instant::now() + delay;
            if deadline.is_some_and(|d| wake >= d) {
                return Err(tag(stopped(Some(error), true), attempts));
            }
            if wake > retry_until {
                return Err(tag(error, attempts));
            }
            tokio::time::sleep(delay).await;
            last = Some(error);
        };
        let refused = |r: Refusal| match r {
            Refusal::Status(s) => Error::http_status(s, None),
            Refusal::Unreadable(m) => Error::new(ErrorKind::Answer, Sent::Yes, m),
            Refusal::Api(e) => Error::api(e),
        };
        match (answer_kind, &keys) {
            (AnswerKind::Bulk, Some(keys)) => decode_bulk(answer.status, answer.body, keys, effect)
                .map(Reply::Bulk)
                .map_err(|r| tag(refused(r), attempts)),
            _ => decode(answer.status, answer.body, answer_kind)
                .map(Reply::Value)
                .map_err(|r| tag(refused(r), attempts)),
        }
    }

    /// `{base}/{command}`: the parsed base URL with the command appended to its path.
    fn endpoint(&self, command: &str) -> reqwest::Url {
        let mut url = self.inner.base_url.clone();
        let path = format!("{}/{command}", url.path().trim_end_matches('/'));
        url.set_path(&path);
        url
    }

    async fn send_once(
        &self,
        url: &reqwest::Url,
        form: &str,
        timeout: Duration,
    ) -> Result<Answer, Error> {
        let request = match self.inner.method {
            Method::Post => self
                .inner
                .http
                .post(url.clone())
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(form.to_owned()),
            Method::Get => {
                let mut url = url.clone();
                url.set_query(Some(form));
                self.inner.http.get(url)
            }
        };
        let mut response = request.timeout(timeout).send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let max = self.inner.max_answer_bytes;
        let too_large = || {
            Error::new(
                ErrorKind::Answer,
                Sent::Yes,
                format!("the answer is larger than the limit of {max} bytes"),
            )
        };
        // Sized once from the announced length (never above the limit), so that reading
        // does not double the buffer on the way.
        let announced = response.content_length().unwrap_or(0);
        if announced > max as u64 {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
        while let Some(chunk) = response.chunk().await.map_err(broken_answer)? {
            if body.len() + chunk.len() > max {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            retry_after,
            body,
        })
    }
}

struct Answer {
    status: u16,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

/// The error of a call whose retries stopped (or that never started) because a time
/// bound would pass: the deadline's, with the last attempt's error as its source; or,
/// when the retry policy's own bound ran out, the last attempt's error itself.
fn stopped(last: Option<Error>, by_deadline: bool) -> Error {
    match (last, by_deadline) {
        (Some(last), false) => last,
        (Some(last), true) => Error::timeout(Timeout::Deadline, last.sent()).with_source(last),
        (None, _) => Error::timeout(Timeout::Deadline, Sent::No),
    }
}

/// The `_error` an HTTP error answer carries in its body, if it is JSON with one.
fn status_error(body: Vec<u8>) -> Option<ApiError> {
    match decode(200, body, AnswerKind::Value) {
        Err(Refusal::Api(e)) => Some(e),
        _ => None,
    }
}
