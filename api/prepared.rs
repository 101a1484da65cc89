//! `Prepared`: a request as it would be sent, for `--dry-run` and logs, secrets already
//! redacted.

use std::fmt;

use crate::settings::Method;

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
    pub(crate) params: Vec<(String, String)>,
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
