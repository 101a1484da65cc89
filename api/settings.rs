//! What a client is built with: the endpoints, the account's secret, the request method,
//! the retry policy, per-call options, and `ClientBuilder` with the checks it applies
//! before anything can be sent.

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;
use crate::limit::RateLimit;

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
        f.write_str(crate::wire::REDACTED)
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

/// Builds a [`Client`](crate::Client).
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    pub(crate) base_url: String,
    pub(crate) login: String,
    pub(crate) password: Secret,
    pub(crate) method: Method,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) deadline: Option<Duration>,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_answer_bytes: usize,
    pub(crate) http: Option<reqwest::Client>,
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
    /// [`Timeout::Deadline`](crate::Timeout::Deadline).
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
}

/// Refuses a zero duration: it would fail every call without trying.
pub(crate) fn check_duration(what: &str, d: Duration) -> Result<(), Error> {
    if d.is_zero() {
        return Err(Error::config(format!("the {what} must not be zero")));
    }
    Ok(())
}

/// Accepts `https://...`, and `http://...` only for loopback hosts.
pub(crate) fn check_base_url(url: &str) -> Result<String, Error> {
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
