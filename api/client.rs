//! `Client` and `ClientBuilder`: credentials, base URL, timeouts, rate limit and retries;
//! `call` validates a request, sends it as a form, and applies the answer rules.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::answer::{Refusal, Reply, decode, decode_bulk};
use crate::error::{ApiError, Error, ErrorKind, Sent, Timeout};
use crate::info::{AnswerKind, Command, DynCommand, Effect};
use crate::limit::{Limiter, RateLimit};
use crate::rt::FormWriter;
use secrecy::{ExposeSecret, SecretString};
use tracing::Instrument;
use tracing::field::Empty;

/// The production endpoint.
pub const PRODUCTION: &str = "https://api.domaincontext.com";
/// The provider's demo endpoint (it may have been retired; never depend on it).
pub const DEMO: &str = "https://demo-api.domaincontext.com";

/// A secret text: the account password, or an auth code in a decoded answer. Held by
/// [`secrecy`] (zeroized when dropped), shown as `***` by `Debug`, with no `Display`; read
/// it with [`ExposeSecret::expose_secret`].
#[derive(Clone, Default)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret.
    pub fn new(s: impl Into<String>) -> Self {
        Self(SecretString::from(s.into()))
    }
}

impl ExposeSecret<str> for Secret {
    fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose_secret() == other.expose_secret()
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::rt::REDACTED)
    }
}

/// How requests are sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Method {
    /// A form body: the credentials stay out of URLs and server logs. The default.
    #[default]
    Post,
    /// A query string. The password then travels in the URL, where proxies and server
    /// logs may keep it: use only when a POST is impossible.
    Get,
}

/// When and how calls are retried: read-only commands after a transport error, a
/// timeout, 5xx or 429; changing commands only when their request provably never left
/// (the connection could not be made).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first try.
    pub max_retries: u32,
    /// The first delay; each retry doubles it, with jitter.
    pub base_delay: Duration,
    /// The longest delay.
    pub max_delay: Duration,
    /// No retry starts after this much time since the first try: the backoff sleep and
    /// the rate limiter's wait before a retry must both end within it.
    pub max_elapsed: Duration,
}

impl RetryPolicy {
    /// No retries.
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        base_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
        max_elapsed: Duration::ZERO,
    };

    /// The delay before retry `attempt` (from 0): exponential, capped, with full jitter in
    /// its upper half.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX));
        let capped = exp.min(self.max_delay);
        capped / 2 + capped.mul_f64(fastrand::f64() / 2.0)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(60),
        }
    }
}

/// Options of one call. A zero duration is refused with a config error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// The answer timeout of each attempt of this call, instead of the client's.
    pub timeout: Option<Duration>,
    /// The overall deadline of this call (rate-limiter waits, every attempt and the
    /// backoff between them), instead of the client's.
    pub deadline: Option<Duration>,
}

/// Builds a [`Client`].
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    base_url: String,
    login: String,
    password: Secret,
    method: Method,
    connect_timeout: Duration,
    timeout: Duration,
    deadline: Option<Duration>,
    rate_limit: Option<RateLimit>,
    retry: RetryPolicy,
    max_answer_bytes: usize,
    http: Option<reqwest::Client>,
}

/// The default answer limit. The largest answers are searches with `limit=ALL`: at a few
/// hundred bytes a domain, 32 MiB holds over 50,000 domains. Building a `Value` costs
/// several times the text (see `max_answer_bytes`), so the limit also bounds memory.
const DEFAULT_MAX_ANSWER_BYTES: usize = 32 << 20;

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: PRODUCTION.to_owned(),
            login: String::new(),
            password: Secret::default(),
            method: Method::Post,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(600),
            deadline: None,
            rate_limit: Some(RateLimit::CONSERVATIVE),
            retry: RetryPolicy::default(),
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
            http: None,
        }
    }
}

impl ClientBuilder {
    /// The endpoint (default [`PRODUCTION`]). HTTPS, or plain HTTP to a loopback address.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The provider's demo endpoint.
    pub fn demo(self) -> Self {
        self.base_url(DEMO)
    }

    /// The reseller's login and password, sent with every request.
    pub fn credentials(mut self, login: impl Into<String>, password: impl Into<String>) -> Self {
        self.login = login.into();
        self.password = Secret::new(password);
        self
    }

    /// POST (default) or GET.
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// How long to wait for a connection (default 10 s). Not applied to a client given
    /// with [`ClientBuilder::http_client`].
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// How long each attempt waits for an answer (default 10 minutes, the provider's
    /// advice).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// The overall deadline of every call: rate-limiter waits, every attempt and the
    /// backoff between them (default none: each attempt is bounded by the timeout, and
    /// retries by [`RetryPolicy::max_elapsed`]). When it passes, the call ends with
    /// [`Timeout::Deadline`].
    pub fn deadline(mut self, d: Duration) -> Self {
        self.deadline = Some(d);
        self
    }

    /// The rate limit (default [`RateLimit::CONSERVATIVE`]); `None` turns it off.
    pub fn rate_limit(mut self, limit: Option<RateLimit>) -> Self {
        self.rate_limit = limit;
        self
    }

    /// The retry policy of read-only commands.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest answer read (default 32 MiB); a larger one is an error. A call holds
    /// about its answer's size (the text, read once for the answer rules); building the
    /// answer's `Value` of typical rows costs about 8 times more, a bulk answer's items
    /// included.
    pub fn max_answer_bytes(mut self, n: usize) -> Self {
        self.max_answer_bytes = n;
        self
    }

    /// Sends through `http`, the caller's own client: its proxies, root certificates,
    /// connection pool and middleware apply. Its own settings then replace three of this
    /// builder's: the connect timeout ([`ClientBuilder::connect_timeout`]), the redirect
    /// policy (this crate's own client follows none; keep redirects off, since a redirect
    /// could carry the form and its password to another URL) and the user agent. Everything
    /// else still applies: the base URL's checks (HTTPS, or plain HTTP to loopback only),
    /// each attempt's timeout, the deadline, the rate limit, retries and the answer limit.
    ///
    /// ```
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .build()?;
    /// let client = domaincontext::Client::builder().http_client(http).build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Checks the settings and builds the client. A plain-HTTP URL to a host that is not
    /// a loopback address is refused.
    /// Timeouts and the deadline must not be zero, the rate limit must pass
    /// [`RateLimit::new`]'s check, and the answer limit must not be zero.
    pub fn build(self) -> Result<Client, Error> {
        let base = check_base_url(&self.base_url)?;
        check_duration("connect timeout", self.connect_timeout)?;
        check_duration("timeout", self.timeout)?;
        if let Some(d) = self.deadline {
            check_duration("deadline", d)?;
        }
        if let Some(limit) = &self.rate_limit {
            limit.check()?;
        }
        if self.max_answer_bytes == 0 {
            return Err(Error::config("the answer limit must not be zero"));
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(concat!("domaincontext/", env!("CARGO_PKG_VERSION")))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| {
                    Error::config("cannot set up the HTTP client").with_source(e.without_url())
                })?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                login: self.login,
                password: self.password,
                method: self.method,
                timeout: self.timeout,
                deadline: self.deadline,
                limiter: self.rate_limit.map(Limiter::new),
                retry: self.retry,
                max_answer_bytes: self.max_answer_bytes,
            }),
        })
    }
}

/// Refuses a zero duration: it would fail every call without trying.
fn check_duration(what: &str, d: Duration) -> Result<(), Error> {
    if d.is_zero() {
        return Err(Error::config(format!("the {what} must not be zero")));
    }
    Ok(())
}

/// Accepts `https://...`, and `http://...` only for loopback hosts.
fn check_base_url(url: &str) -> Result<String, Error> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::config(format!("invalid base URL {url:?}: {e}")))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match parsed.scheme() {
        "https" if parsed.host().is_some() => {}
        "http" if loopback => {}
        "http" => {
            return Err(Error::config(format!(
                "refusing plain HTTP to {url:?}: use https (plain HTTP is allowed only to loopback addresses)"
            )));
        }
        other => {
            return Err(Error::config(format!(
                "invalid base URL {url:?}: scheme {other:?} is not https"
            )));
        }
    }
    if !parsed.username().is_empty() || parsed.password().is_some() || parsed.query().is_some() {
        return Err(Error::config(
            "the base URL must not carry credentials or a query",
        ));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// A client of the API. Cheap to clone; clones share the connection pool and the rate
/// limiter.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: String,
    login: String,
    password: Secret,
    method: Method,
    timeout: Duration,
    deadline: Option<Duration>,
    limiter: Option<Limiter>,
    retry: RetryPolicy,
    max_answer_bytes: usize,
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

/// A request as it would be sent, for `--dry-run` and logs. It holds no secret: the
/// account password and every argument of a secret type are `***` already, in `params`,
/// `Display` and `Debug` alike. The real body is not available from it, by design: it is a
/// value to show, clone and compare, and the only place the real body exists is the
/// sending of a call, which builds it, sends it and drops it.
#[derive(Clone, PartialEq, Eq)]
pub struct Prepared {
    /// POST or GET.
    pub method: Method,
    /// The URL (for a GET, without its query: see `params`).
    pub url: String,
    params: Vec<(String, String)>,
}

impl Prepared {
    /// The decoded parameters, credentials first; the password and secret arguments as
    /// `***`.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} {}",
            if self.method == Method::Post {
                "POST"
            } else {
                "GET"
            },
            self.url
        )?;
        for (k, v) in &self.params {
            writeln!(f, "{k}={v}")?;
        }
        Ok(())
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
            ("auth_password".to_owned(), crate::rt::REDACTED.to_owned()),
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
        let url = format!("{}/{}", self.inner.base, name);
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

    async fn send_once(&self, url: &str, form: &str, timeout: Duration) -> Result<Answer, Error> {
        let request = match self.inner.method {
            Method::Post => self
                .inner
                .http
                .post(url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(form.to_owned()),
            Method::Get => self.inner.http.get(format!("{url}?{form}")),
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

/// Maps an error of sending and awaiting the answer's head, dropping its URL (a GET URL
/// carries the password).
fn transport(e: reqwest::Error) -> Error {
    let e = e.without_url();
    let err = if e.is_connect() {
        // The connection was never made: nothing of the request was written.
        if e.is_timeout() {
            Error::timeout(Timeout::Connect, Sent::No)
        } else {
            Error::new(
                ErrorKind::Transport,
                Sent::No,
                "cannot connect to the server",
            )
        }
    } else if e.is_timeout() {
        // The client cannot see whether the request was written before the timer fired.
        Error::timeout(Timeout::Answer, Sent::Maybe)
    } else {
        Error::new(
            ErrorKind::Transport,
            Sent::Maybe,
            "the connection failed before an answer came; the request may have been sent",
        )
    };
    err.with_source(e)
}

/// Maps an error while reading the answer's body: the server answered, so the request
/// was sent.
fn broken_answer(e: reqwest::Error) -> Error {
    let e = e.without_url();
    let err = if e.is_timeout() {
        Error::timeout(Timeout::Answer, Sent::Yes)
    } else {
        Error::new(
            ErrorKind::Transport,
            Sent::Yes,
            "the answer broke off or was malformed after it began",
        )
    };
    err.with_source(e)
}
