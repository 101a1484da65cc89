//! Options that are not usable numbers, and credentials that are not text, are refused
//! with exit status 2 and a message naming them; nothing is sent.

mod common;

use std::time::Duration;

use common::{against, bin, outcome, output};
use domaincontext_testkit::Server;

#[tokio::test(flavor = "multi_thread")]
async fn unusable_numbers_are_refused_before_sending() {
    let server = Server::answering("true").await;
    let timeout = |flag: &str, v: &str| {
        format!(
            "error: --{flag} must be a number of seconds from 0.001 to 86400, got {v:?} (nothing was sent)\n"
        )
    };
    let rate = |v: &str| {
        format!(
            "error: --rate must be 0 (no limit) or a number of requests a second from 1/3600 (one an hour) to 1000000, got {v:?} (nothing was sent)\n"
        )
    };
    let whole = |flag: &str, v: &str| {
        format!("error: {flag} must be a whole number above 0, got {v:?} (nothing was sent)\n")
    };
    let mut cases: Vec<(Vec<&str>, String)> = Vec::new();
    for v in [
        "nan", "inf", "-inf", "0", "-1", "1e-300", "0.0005", "1e9", "ten",
    ] {
        cases.push((vec!["--timeout", v], timeout("timeout", v)));
    }
    for v in ["NaN", "0", "1e-300"] {
        cases.push((vec!["--connect-timeout", v], timeout("connect-timeout", v)));
    }
    for v in ["nan", "inf", "-1", "1e-300", "0.0001", "-0.5"] {
        cases.push((vec!["--rate", v], rate(v)));
    }
    for v in ["0", "-5", "1.5"] {
        cases.push((vec!["--chunk-size", v], whole("--chunk-size", v)));
        cases.push((vec!["--json-limit", v], whole("--json-limit", v)));
    }
    let mut checked = 0;
    for (flags, expected) in &cases {
        // `against` sets `--rate 0`; the rate cases give their own.
        let mut c = bin();
        c.args(["--base-url", &server.url])
            .env("DOMAINCONTEXT_LOGIN", "demo")
            .env("DOMAINCONTEXT_PASSWORD", common::PASSWORD)
            .args(flags)
            .args(["domainRegister", "--domain", "a.com"]);
        let o = output(&mut c, Duration::from_secs(20));
        let (code, out, err) = outcome(&o);
        assert_eq!(code, 2, "{flags:?}: {err}");
        assert_eq!(out, "");
        assert_eq!(&err, expected, "{flags:?}");
        checked += 1;
    }
    assert_eq!(checked, 24);
    let o = output(
        against(&server.url)
            .env("DOMAINCONTEXT_JSON_LIMIT", "lots")
            .args(["domainRegister", "--domain", "a.com"]),
        Duration::from_secs(20),
    );
    assert_eq!(
        outcome(&o),
        (
            2,
            String::new(),
            "error: DOMAINCONTEXT_JSON_LIMIT must be a whole number above 0, got \"lots\" (nothing was sent)\n".to_owned()
        )
    );
    assert!(server.received().is_empty(), "nothing was sent");
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn credentials_that_are_not_utf8_are_named() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let server = Server::answering("true").await;
    let bad = OsStr::from_bytes(b"pa\xffss");
    let mut checked = 0;
    for (var, other) in [
        ("DOMAINCONTEXT_PASSWORD", "DOMAINCONTEXT_LOGIN"),
        ("DOMAINCONTEXT_LOGIN", "DOMAINCONTEXT_PASSWORD"),
    ] {
        let o = output(
            bin()
                .args([
                    "--base-url",
                    &server.url,
                    "domainsCheck",
                    "--domains",
                    "a.com",
                ])
                .env(other, "demo")
                .env(var, bad),
            Duration::from_secs(20),
        );
        let (code, _, err) = outcome(&o);
        assert_eq!(code, 2, "{err}");
        assert_eq!(err, format!("error: {var} is not UTF-8 text\n"));
        checked += 1;
    }
    assert_eq!(checked, 2);
    assert!(server.received().is_empty());
}
