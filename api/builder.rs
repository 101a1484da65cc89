//! [`ClientBuilder::build`]: the settings checked (base URL, durations, rate limit, answer
//! limit) and the client made from them.

use std::sync::Arc;

use crate::client::{Client, Inner};
use crate::error::Error;
use crate::limit::Limiter;
use crate::settings::{ClientBuilder, check_base_url, check_duration};

impl ClientBuilder {
    /// Checks the settings and builds the client. A plain-HTTP URL to a host that is not
    /// a loopback address is refused.
    /// Timeouts and the deadline must not be zero, the rate limit must pass
    /// [`RateLimit::new`](crate::RateLimit::new)'s check, and the answer limit must not be zero.
    pub fn build(self) -> Result<Client, Error> {
        let base = check_base_url(&self.base_url)?;
        // Parsed once: each call only sets the path of a copy (no host parsing, no IDNA).
        let base_url = reqwest::Url::parse(&base)
            .map_err(|e| Error::config(format!("invalid base URL {base:?}: {e}")))?;
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
                base_url,
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
