//! The global options of an API command: endpoint, credentials, timeouts, rate, chunking
//! and input limits, each checked before anything is sent (a bad value is exit status 2).

use std::time::Duration;

use clap::ArgMatches;
use domaincontext::{Client, RateLimit};

use crate::input;

/// The sandbox's own credentials, used by `--sandbox` whatever the environment says.
pub const SANDBOX_LOGIN: &str = "demo";
/// The sandbox's own password (public: it is the sandbox's documented demo account).
pub const SANDBOX_PASSWORD: &str = "demo";

/// Shortest usable timeout: below it nothing could even be sent.
const MIN_TIMEOUT: f64 = 0.001;
/// Longest accepted timeout (a day): longer is a typo, and far-future instants overflow.
const MAX_TIMEOUT: f64 = 86_400.0;
/// Slowest usable rate: one request an hour.
const MIN_RATE: f64 = 1.0 / 3600.0;
/// Fastest accepted rate; `0` turns the limiter off instead.
const MAX_RATE: f64 = 1e6;
/// Items per request of a bulk `--json`, as the library's `BulkOptions`.
pub const CHUNK_SIZE: usize = 100;

/// The settings shared by every API command.
pub struct Settings {
    /// The endpoint.
    pub base_url: String,
    login: String,
    password: String,
}

/// Reads an environment variable; a value that is not UTF-8 is an error, not "unset".
fn env(name: &str) -> Result<Option<String>, String> {
    match std::env::var(name) {
        Ok(v) => Ok(Some(v)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not UTF-8 text")),
    }
}

/// Endpoint and credentials; `sandbox_url` when `--sandbox` runs one.
pub fn settings(m: &ArgMatches, sandbox_url: Option<&str>) -> Result<Settings, String> {
    let base_url = match (
        sandbox_url,
        m.get_one::<String>("base-url"),
        m.get_flag("demo"),
    ) {
        (Some(url), _, _) => url.to_owned(),
        (None, Some(url), false) => url.clone(),
        (None, None, true) => domaincontext::DEMO.to_owned(),
        (None, None, false) => domaincontext::PRODUCTION.to_owned(),
        (None, Some(_), true) => return Err("--base-url and --demo are exclusive".to_owned()),
    };
    // The sandbox has its own accounts: the environment's credentials (for the real API)
    // are never used there; flags before the command still pick another sandbox account.
    let from_env = |name: &str| {
        if sandbox_url.is_some() {
            Ok(None)
        } else {
            env(name)
        }
    };
    let login = match m.get_one::<String>("login") {
        Some(l) => Some(l.clone()),
        None => from_env("DOMAINCONTEXT_LOGIN")?,
    };
    let password = match (
        m.get_one::<String>("password"),
        m.get_one::<String>("password-file"),
    ) {
        (Some(_), Some(_)) => return Err("--password and --password-file are exclusive".to_owned()),
        (Some(p), None) => Some(p.clone()),
        (None, Some(file)) => Some(input::password_file(file)?),
        (None, None) => from_env("DOMAINCONTEXT_PASSWORD")?,
    };
    let (login, password) = match (login, password, sandbox_url.is_some()) {
        (Some(l), Some(p), _) => (l, p),
        (l, p, true) => (
            l.unwrap_or_else(|| SANDBOX_LOGIN.to_owned()),
            p.unwrap_or_else(|| SANDBOX_PASSWORD.to_owned()),
        ),
        (l, p, false) if m.get_flag("dry-run") => (l.unwrap_or_default(), p.unwrap_or_default()),
        (None, _, false) => {
            return Err("no login: give --login or set DOMAINCONTEXT_LOGIN".to_owned());
        }
        (_, None, false) => {
            return Err(
                "no password: give --password-file, --password or set DOMAINCONTEXT_PASSWORD"
                    .to_owned(),
            );
        }
    };
    Ok(Settings {
        base_url,
        login,
        password,
    })
}

/// A number of seconds for `--<flag>`: finite, from 1 ms to a day.
pub fn seconds(flag: &str, text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (MIN_TIMEOUT..=MAX_TIMEOUT).contains(&v) => Ok(Duration::from_secs_f64(v)),
        _ => Err(format!(
            "--{flag} must be a number of seconds from {MIN_TIMEOUT} to {MAX_TIMEOUT}, got {text:?}"
        )),
    }
}

/// `--rate`: requests a second, from one an hour up; `0` turns the limiter off.
pub fn rate(text: &str) -> Result<Option<RateLimit>, String> {
    match text.trim().parse::<f64>() {
        Ok(0.0) => Ok(None),
        Ok(v) if (MIN_RATE..=MAX_RATE).contains(&v) => Ok(Some(RateLimit {
            per_second: v,
            // Whole requests: a burst below one would never let a request through.
            burst: (v.ceil() as u32).max(1),
        })),
        _ => Err(format!(
            "--rate must be 0 (no limit) or a number of requests a second from 1/3600 (one an hour) to {MAX_RATE}, got {text:?}"
        )),
    }
}

/// A positive whole number for `--<flag>` (or the variable `name`).
pub fn count(name: &str, text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "{name} must be a whole number above 0, got {text:?}"
        )),
    }
}

/// `--chunk-size`: items per request of a bulk `--json`.
pub fn chunk_size(m: &ArgMatches) -> Result<usize, String> {
    match m.get_one::<String>("chunk-size") {
        None => Ok(CHUNK_SIZE),
        Some(t) => count("--chunk-size", t).map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
    }
}

/// `--json-limit` or `DOMAINCONTEXT_JSON_LIMIT`: the size limit of a `--json` input.
pub fn json_limit(m: &ArgMatches) -> Result<u64, String> {
    if let Some(t) = m.get_one::<String>("json-limit") {
        return count("--json-limit", t);
    }
    match env("DOMAINCONTEXT_JSON_LIMIT")? {
        Some(t) => count("DOMAINCONTEXT_JSON_LIMIT", &t),
        None => Ok(input::JSON_LIMIT),
    }
}

/// Checks the numeric options of the client, before anything else is done.
pub struct Limits {
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    rate: Option<Option<RateLimit>>,
}

/// Parses `--timeout`, `--connect-timeout` and `--rate`.
pub fn limits(m: &ArgMatches) -> Result<Limits, String> {
    let timeout = m
        .get_one::<String>("timeout")
        .map(|t| seconds("timeout", t))
        .transpose()?;
    let connect_timeout = m
        .get_one::<String>("connect-timeout")
        .map(|t| seconds("connect-timeout", t))
        .transpose()?;
    let rate = m.get_one::<String>("rate").map(|r| rate(r)).transpose()?;
    Ok(Limits {
        timeout,
        connect_timeout,
        rate,
    })
}

/// The client for these settings.
pub fn client(m: &ArgMatches, s: &Settings, limits: &Limits) -> Result<Client, String> {
    let mut b = Client::builder()
        .base_url(&s.base_url)
        .credentials(&s.login, &s.password);
    if m.get_flag("get") {
        b = b.method(domaincontext::Method::Get);
    }
    if let Some(t) = limits.timeout {
        // `--timeout` bounds the whole call: rate-limiter waits, every attempt and the
        // backoff between them.
        b = b.deadline(t);
    }
    if let Some(t) = limits.connect_timeout {
        b = b.connect_timeout(t);
    }
    if let Some(r) = limits.rate {
        b = b.rate_limit(r);
    }
    b.build().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_timeouts_are_refused() {
        let refused = [
            "nan", "NaN", "inf", "-inf", "infinity", "0", "0.0", "-1", "-0.5", "0.0009", "1e-300",
            "86401", "1e300", "", "5s", "abc",
        ];
        for t in refused {
            assert_eq!(
                seconds("timeout", t).unwrap_err(),
                format!("--timeout must be a number of seconds from 0.001 to 86400, got {t:?}")
            );
        }
        let accepted = [
            ("0.001", 1),
            ("0.5", 500),
            ("5", 5000),
            ("86400", 86_400_000),
        ];
        for (t, ms) in accepted {
            assert_eq!(seconds("timeout", t).unwrap().as_millis(), ms, "{t}");
        }
        assert_eq!(refused.len() + accepted.len(), 20);
    }

    #[test]
    fn unusable_rates_are_refused() {
        let refused = [
            "nan", "inf", "-inf", "-1", "1e-300", "0.0002", "1e7", "", "fast",
        ];
        for r in refused {
            assert_eq!(
                rate(r).unwrap_err(),
                format!(
                    "--rate must be 0 (no limit) or a number of requests a second from 1/3600 (one an hour) to 1000000, got {r:?}"
                )
            );
        }
        assert_eq!(rate("0").unwrap(), None);
        let slow = rate("0.0003").unwrap().unwrap();
        assert_eq!((slow.per_second, slow.burst), (0.0003, 1));
        let fast = rate("2.5").unwrap().unwrap();
        assert_eq!((fast.per_second, fast.burst), (2.5, 3));
        assert_eq!(refused.len(), 9);
    }

    #[test]
    fn counts_are_whole_and_positive() {
        for t in ["0", "-1", "1.5", "", "x", "99999999999999999999"] {
            assert_eq!(
                count("--chunk-size", t).unwrap_err(),
                format!("--chunk-size must be a whole number above 0, got {t:?}")
            );
        }
        assert_eq!(count("--chunk-size", "100").unwrap(), 100);
    }
}
