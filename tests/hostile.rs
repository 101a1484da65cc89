//! A hostile server on loopback, one table row per behaviour: what the client makes of
//! it (success, or the exact error kind, what was sent, whether the outcome is unknown,
//! which timeout fired, the message), for a changing and a read-only command.

use std::time::Duration;

use domaincontext::{Client, ErrorKind, Request, RetryPolicy, Sent, Timeout};
use domaincontext_testkit::hostile::{Hostile, Script, Step, response};
use serde_json::json;

fn register() -> Request {
    Request::from_args("domainRegister", &json!({"domain": "a.com"})).unwrap()
}

fn read() -> Request {
    Request::from_args("domainGetInfo", &json!({"domain": "a.com"})).unwrap()
}

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .credentials("demo", "x")
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .timeout(Duration::from_millis(300))
        .max_answer_bytes(1 << 20)
        .build()
        .unwrap()
}

/// What a row expects of an error.
struct Expect {
    kind: ErrorKind,
    sent: Sent,
    timeout: Option<Timeout>,
    /// The message of the changing command's error, after `domainRegister: `.
    message: &'static str,
    /// The error keeps a cause in `source()`.
    source: bool,
}

const fn err(kind: ErrorKind, sent: Sent, message: &'static str, source: bool) -> Expect {
    Expect {
        kind,
        sent,
        timeout: None,
        message,
        source,
    }
}

const UNKNOWN: &str =
    "; outcome unknown: the command may have been carried out, check before repeating it";

fn rows() -> Vec<(&'static str, Script, Expect)> {
    let status = |s, h: &[&str], b: &str| Script::raw(response(s, h, b.as_bytes()));
    let raw = |b: &[u8]| Script::raw(b.to_vec());
    vec![
        (
            "closed before reading the request",
            Script::close_at_once(),
            err(
                ErrorKind::Transport,
                Sent::Maybe,
                "the connection failed before an answer came; the request may have been sent",
                true,
            ),
        ),
        (
            "closed after the request, no answer",
            Script::close_after_request(),
            err(
                ErrorKind::Transport,
                Sent::Maybe,
                "the connection failed before an answer came; the request may have been sent",
                true,
            ),
        ),
        (
            "half a head, then closed",
            raw(b"HTTP/1.1 200 OK\r\nContent-Le"),
            err(
                ErrorKind::Transport,
                Sent::Maybe,
                "the connection failed before an answer came; the request may have been sent",
                true,
            ),
        ),
        (
            "not HTTP at all",
            raw(b"SSH-2.0-OpenSSH\r\n\r\n"),
            err(
                ErrorKind::Transport,
                Sent::Maybe,
                "the connection failed before an answer came; the request may have been sent",
                true,
            ),
        ),
        (
            "content-length larger than the body",
            raw(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"id\": 1}"),
            err(
                ErrorKind::Transport,
                Sent::Yes,
                "the answer broke off or was malformed after it began",
                true,
            ),
        ),
        (
            "chunked garbage",
            raw(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n"),
            err(
                ErrorKind::Transport,
                Sent::Yes,
                "the answer broke off or was malformed after it began",
                true,
            ),
        ),
        (
            "never answers",
            Script::never_answer(),
            Expect {
                timeout: Some(Timeout::Answer),
                ..err(
                    ErrorKind::Timeout,
                    Sent::Maybe,
                    "answer timeout: no answer came in time",
                    true,
                )
            },
        ),
        (
            "a slow drip past the timeout",
            Script::drip(200, "true", 4, Duration::from_millis(40)),
            Expect {
                timeout: Some(Timeout::Answer),
                ..err(
                    ErrorKind::Timeout,
                    Sent::Maybe,
                    "answer timeout: no answer came in time",
                    true,
                )
            },
        ),
        (
            "a body larger than the limit, announced",
            status(200, &[], &" ".repeat(2 << 20)),
            err(
                ErrorKind::Answer,
                Sent::Yes,
                "the answer is larger than the limit of 1048576 bytes",
                false,
            ),
        ),
        (
            "a body larger than the limit, not announced",
            Script(vec![
                Step::ReadRequest,
                Step::Write(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec()),
                Step::Write(vec![b' '; 2 << 20]),
            ]),
            err(
                ErrorKind::Answer,
                Sent::Yes,
                "the answer is larger than the limit of 1048576 bytes",
                false,
            ),
        ),
        (
            "an empty _error",
            Script::json(r#"{"_error": ""}"#),
            err(
                ErrorKind::Api,
                Sent::Yes,
                "the API answered an empty error",
                false,
            ),
        ),
        (
            "a 503 with an _error",
            status(
                503,
                &[],
                r#"{"_error": "maintenance", "_error_ops": {"until": "10:00"}}"#,
            ),
            err(
                ErrorKind::Status,
                Sent::Yes,
                "the server answered HTTP 503",
                true,
            ),
        ),
        (
            "HTML with 200",
            Script::json("<html>oops</html>"),
            err(
                ErrorKind::Answer,
                Sent::Yes,
                "the answer is HTML, not JSON (expected value at line 1 column 1)",
                false,
            ),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_answers() {
    let mut checked = 0;
    for (what, script, expect) in rows() {
        let server = Hostile::always(script).await;
        let c = client(&server.url);
        for (request, changes) in [(register(), true), (read(), false)] {
            let started = std::time::Instant::now();
            let e = c.call(&request).await.expect_err(what);
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "{what}: {:?}",
                started.elapsed()
            );
            assert_eq!(e.kind(), expect.kind, "{what}: {e}");
            assert_eq!(e.sent(), expect.sent, "{what}: {e}");
            assert_eq!(e.timeout_kind(), expect.timeout, "{what}: {e}");
            assert_eq!(e.attempts(), 1, "{what}");
            let unknown = changes && expect.sent != Sent::No && expect.kind != ErrorKind::Api;
            assert_eq!(e.is_outcome_unknown(), unknown, "{what}: {e}");
            let command = if changes {
                "domainRegister"
            } else {
                "domainGetInfo"
            };
            let text = format!(
                "{command}: {}{}",
                expect.message,
                if unknown { UNKNOWN } else { "" }
            );
            assert_eq!(e.to_string(), text, "{what}");
            assert_eq!(
                std::error::Error::source(&e).is_some(),
                expect.source,
                "{what}: {e:?}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 13 * 2);
}

#[tokio::test]
async fn a_5xx_keeps_its_error_text() {
    let body = r#"{"_error": "maintenance", "_error_ops": {"until": "10:00"}}"#;
    let server = Hostile::always(Script::answer(503, body)).await;
    let e = client(&server.url).call(&register()).await.unwrap_err();
    let api = e.api_error().expect("the body's _error");
    assert_eq!(api.message(), "maintenance");
    assert_eq!(api.ops(), Some(&json!({"until": "10:00"})));
    assert_eq!(
        std::error::Error::source(&e).map(ToString::to_string),
        Some("maintenance {\"until\":\"10:00\"}".to_owned())
    );
}

#[tokio::test]
async fn refused_connections_say_nothing_was_sent() {
    let url = Hostile::refused_url().await;
    let e = client(&url).call(&register()).await.unwrap_err();
    assert_eq!(
        (e.kind(), e.sent(), e.is_outcome_unknown()),
        (ErrorKind::Transport, Sent::No, false)
    );
    assert_eq!(
        e.to_string(),
        "domainRegister: cannot connect to the server (nothing was sent)"
    );
}

#[tokio::test]
async fn a_byte_order_mark_and_exact_numbers() {
    let rows = [
        ("\u{feff}{\"id\": 1}", "{\"id\": 1}"),
        ("\u{feff} true\n", "true"),
        (
            "{\"id\": 123456789012345678901234567890, \"price\": 990.00}",
            "{\"id\": 123456789012345678901234567890, \"price\": 990.00}",
        ),
    ];
    let mut checked = 0;
    for (body, text) in rows {
        let server = Hostile::always(Script::json(body)).await;
        let reply = client(&server.url).call(&register()).await.expect(body);
        assert_eq!(reply.raw_text(), text);
        checked += 1;
    }
    // Bulk answers keep theirs too.
    let server = Hostile::always(Script::json(
        "\u{feff}{\"0\": {\"id\": 99999999999999999999}}",
    ))
    .await;
    let bulk = Request::from_args("domainsRegister", &json!([{"domain": "a.com"}])).unwrap();
    let reply = client(&server.url).call(&bulk).await.unwrap();
    assert!(reply.is_ok());
    assert_eq!(reply.raw_text(), "{\"0\": {\"id\": 99999999999999999999}}");
    assert_eq!(checked, 3);
}
