//! `Client` and `ClientBuilder`: credentials, base URL, timeouts, rate limit and retries;
//! `call` validates a request, sends it as a form, and applies the answer rules.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::answer::{BulkAnswer, Refusal, Reply, classify};
use crate::error::{Error, ErrorKind, Sent, Timeout};
use crate::info::{AnswerKind, Command, DynCommand, Effect};
use crate::limit::{Limiter, RateLimit};
use crate::rt::FormWriter;
use secrecy::{ExposeSecret, SecretString};

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

/// When and how read-only commands are retried. Changing commands never are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first try.
    pub max_retries: u32,
    /// The first delay; each retry doubles it, with jitter.
    pub base_delay: Duration,
    /// The longest delay.
    pub max_delay: Duration,
    /// No retry starts after this much time since the first try.
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

/// Options of one call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// The answer timeout of this call, instead of the client's.
    pub timeout: Option<Duration>,
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
    rate_limit: Option<RateLimit>,
    retry: RetryPolicy,
    max_answer_bytes: usize,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: PRODUCTION.to_owned(),
            login: String::new(),
            password: Secret::default(),
            method: Method::Post,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(600),
            rate_limit: Some(RateLimit::CONSERVATIVE),
            retry: RetryPolicy::default(),
            max_answer_bytes: 64 << 20,
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

    /// How long to wait for a connection (default 10 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// How long to wait for an answer (default 10 minutes, the provider's advice).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
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

    /// The largest answer read (default 64 MiB); a larger one is an error.
    pub fn max_answer_bytes(mut self, n: usize) -> Self {
        self.max_answer_bytes = n;
        self
    }

    /// Checks the settings and builds the client. A plain-HTTP URL to a host that is not
    /// a loopback address is refused.
    pub fn build(self) -> Result<Client, Error> {
        let base = check_base_url(&self.base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("domaincontext/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                Error::config("cannot set up the HTTP client").with_source(e.without_url())
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                login: self.login,
                password: self.password,
                method: self.method,
                timeout: self.timeout,
                limiter: self.rate_limit.map(Limiter::new),
                retry: self.retry,
                max_answer_bytes: self.max_answer_bytes,
            }),
        })
    }
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
        Ok(<C::Output as crate::answer::FromReply>::from_reply(reply))
    }

    /// What `request` would send, validated, with the password and every secret argument
    /// redacted. Sends nothing.
    pub fn prepare<C: DynCommand + ?Sized>(&self, request: &C) -> Result<Prepared, Error> {
        request.validate().map_err(Error::validation)?;
        let info = request.info();
        let mut w = FormWriter::new();
        request.encode(&mut w);
        let mut params = vec![
            ("auth_login".to_owned(), self.inner.login.clone()),
            ("auth_password".to_owned(), crate::rt::REDACTED.to_owned()),
        ];
        params.extend(w.into_pairs());
        Ok(Prepared {
            method: self.inner.method,
            url: format!("{}/{}", self.inner.base, info.name),
            params,
        })
    }

    async fn send<C: DynCommand + ?Sized>(
        &self,
        request: &C,
        options: CallOptions,
    ) -> Result<Reply, Error> {
        request.validate().map_err(Error::validation)?;
        let info = request.info();
        let keys = request.bulk_keys();
        let changes = info.effect == Effect::Change;
        let tag = |e: Error| e.for_command(info.name, changes, keys.clone().unwrap_or_default());
        let mut w = FormWriter::encoding();
        w.raw("auth_login", &self.inner.login);
        w.raw("auth_password", self.inner.password.expose_secret());
        request.encode(&mut w);
        let form = w.into_body();
        let url = format!("{}/{}", self.inner.base, info.name);
        let timeout = options.timeout.unwrap_or(self.inner.timeout);
        let cost = keys
            .as_ref()
            .map_or(1, |k| u32::try_from(k.len()).unwrap_or(u32::MAX));
        let started = Instant::now();
        let mut attempt = 0;
        let (status, body) = loop {
            if let Some(l) = &self.inner.limiter {
                l.acquire(cost).await;
            }
            let result = self.send_once(&url, &form, timeout).await;
            let retry_after = match &result {
                Ok(a) if a.status == 429 || a.status >= 500 => Some(a.retry_after),
                Ok(_) => None,
                Err(e) if matches!(e.kind(), ErrorKind::Transport | ErrorKind::Timeout) => {
                    Some(None)
                }
                Err(_) => None,
            };
            let policy = &self.inner.retry;
            match retry_after {
                Some(after)
                    if !changes
                        && attempt < policy.max_retries
                        && started.elapsed() < policy.max_elapsed =>
                {
                    let delay = after.map_or_else(
                        || policy.delay(attempt),
                        |d| d.min(policy.max_delay.max(policy.base_delay)),
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                _ => match result {
                    Ok(a) => break (a.status, a.body),
                    Err(e) => return Err(tag(e)),
                },
            }
        };
        let value = match classify(status, &body, info.answer) {
            Ok(v) => v,
            Err(Refusal::Status(s)) => return Err(tag(Error::http_status(s))),
            Err(Refusal::Unreadable(m)) => {
                return Err(tag(Error::new(ErrorKind::Answer, Sent::Yes, m)));
            }
            Err(Refusal::Api(e)) => return Err(tag(Error::api(e))),
        };
        match (info.answer, &keys) {
            (AnswerKind::Bulk, Some(keys)) => BulkAnswer::split(value, keys)
                .map(Reply::Bulk)
                .map_err(|e| tag(Error::api(e))),
            _ => Ok(Reply::Value(value)),
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
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > self.inner.max_answer_bytes {
                return Err(Error::new(
                    ErrorKind::Answer,
                    Sent::Yes,
                    format!(
                        "the answer is larger than the limit of {} bytes",
                        self.inner.max_answer_bytes
                    ),
                ));
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

/// Maps a transport error, dropping its URL (a GET URL carries the password).
fn transport(e: reqwest::Error) -> Error {
    let e = e.without_url();
    let err = if e.is_connect() {
        if e.is_timeout() {
            Error::timeout(Timeout::Connect)
        } else {
            Error::new(
                ErrorKind::Transport,
                Sent::No,
                "cannot connect to the server",
            )
        }
    } else if e.is_timeout() {
        Error::timeout(Timeout::Answer)
    } else {
        Error::new(
            ErrorKind::Transport,
            Sent::Maybe,
            "the connection failed after the request was sent",
        )
    };
    err.with_source(e)
}
