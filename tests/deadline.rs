//! Time bounds of a call: the attempt timeout and the overall deadline (the error says
//! which fired, how many attempts were made and whether anything was sent); `max_elapsed`
//! bounds the backoff sleep; a changing command whose request never left is retried;
//! zero durations are refused.

use std::time::{Duration, Instant};

use domaincontext::{
    CallOptions, Client, ClientBuilder, ErrorKind, RateLimit, Request, RetryPolicy, Sent, Timeout,
};
use domaincontext_testkit::hostile::{Hostile, Script};
use serde_json::json;

fn read() -> Request {
    Request::from_args("domainGetInfo", &json!({"domain": "a.com"})).unwrap()
}

fn register() -> Request {
    Request::from_args("domainRegister", &json!({"domain": "a.com"})).unwrap()
}

fn retries(max_elapsed: Duration) -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(40),
        max_elapsed,
    }
}

fn builder(url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(url)
        .credentials("demo", "x")
        .rate_limit(None)
        .retry(retries(Duration::from_secs(10)))
}

#[tokio::test]
async fn the_deadline_bounds_a_read_with_retries() {
    let server = Hostile::always(Script::never_answer()).await;
    let client = builder(&server.url)
        .timeout(Duration::from_millis(200))
        .deadline(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.call(&read()).await.expect_err("no answer");
    let took = started.elapsed();
    assert!(took < Duration::from_millis(900), "{took:?}");
    assert_eq!(err.timeout_kind(), Some(Timeout::Deadline), "{err}");
    assert!(err.attempts() >= 2, "{err}");
    assert_eq!(err.attempts() as usize, server.connections());
    assert_eq!(err.sent(), Sent::Maybe);
    assert_eq!(
        err.to_string(),
        format!(
            "domainGetInfo: deadline passed before an answer came (after {} attempts)",
            err.attempts()
        )
    );
    // Per call, the same, and the attempt timeout alone says so when it fires.
    let client = builder(&server.url)
        .retry(RetryPolicy::NONE)
        .build()
        .unwrap();
    let options = CallOptions {
        timeout: Some(Duration::from_millis(100)),
        ..Default::default()
    };
    let err = client
        .call_with(&read(), options)
        .await
        .expect_err("no answer");
    assert_eq!(err.timeout_kind(), Some(Timeout::Answer));
    assert_eq!(err.attempts(), 1);
    let options = CallOptions {
        deadline: Some(Duration::from_millis(100)),
        ..Default::default()
    };
    let err = client
        .call_with(&register(), options)
        .await
        .expect_err("no answer");
    assert_eq!(err.timeout_kind(), Some(Timeout::Deadline));
    assert!(err.is_outcome_unknown(), "{err}");
}

#[tokio::test]
async fn a_deadline_that_fires_before_sending_says_nothing_was_sent() {
    let server = Hostile::always(Script::json("true")).await;
    let client = builder(&server.url)
        .rate_limit(Some(RateLimit::new(1.0, 1).unwrap()))
        .build()
        .unwrap();
    client.call(&register()).await.unwrap();
    // The next token comes in a second; the deadline is 100 ms.
    let options = CallOptions {
        deadline: Some(Duration::from_millis(100)),
        ..Default::default()
    };
    let started = Instant::now();
    let err = client
        .call_with(&register(), options)
        .await
        .expect_err("deadline");
    assert!(
        started.elapsed() < Duration::from_millis(50),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.timeout_kind(), Some(Timeout::Deadline));
    assert_eq!(err.sent(), Sent::No);
    assert_eq!(err.attempts(), 0);
    assert!(!err.is_outcome_unknown());
    assert_eq!(
        err.to_string(),
        "domainRegister: deadline passed while waiting to send (nothing was sent)"
    );
    assert_eq!(server.requests().len(), 1, "only the first call");
}

#[tokio::test]
async fn max_elapsed_bounds_the_backoff_sleep() {
    let server = Hostile::always(Script::answer(503, "")).await;
    let client = builder(&server.url)
        .retry(RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(2),
            max_elapsed: Duration::from_millis(300),
        })
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.call(&read()).await.expect_err("503");
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!((err.status(), err.attempts()), (Some(503), 1));
}

#[tokio::test]
async fn a_changing_command_that_never_left_is_retried() {
    let url = Hostile::refused_url().await;
    let client = builder(&url).build().unwrap();
    let err = client.call(&register()).await.expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert_eq!(err.sent(), Sent::No);
    assert_eq!(err.attempts(), 4, "the first try and 3 retries: {err}");
    assert!(!err.is_outcome_unknown());
    assert_eq!(
        err.to_string(),
        "domainRegister: cannot connect to the server (after 4 attempts) (nothing was sent)"
    );
    assert!(
        std::error::Error::source(&err).is_some(),
        "the cause is kept"
    );
    // Once it may have left, never.
    let server = Hostile::always(Script::close_after_request()).await;
    let client = builder(&server.url).build().unwrap();
    let err = client.call(&register()).await.expect_err("dropped");
    assert_eq!((err.attempts(), server.requests().len()), (1, 1));
    assert!(err.is_outcome_unknown());
}

#[tokio::test]
async fn zero_durations_are_refused() {
    let url = "http://127.0.0.1:9";
    let builders = [
        ("timeout", builder(url).timeout(Duration::ZERO)),
        (
            "connect timeout",
            builder(url).connect_timeout(Duration::ZERO),
        ),
        ("deadline", builder(url).deadline(Duration::ZERO)),
    ];
    let mut checked = 0;
    for (what, b) in builders {
        let err = b.build().expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::Config);
        assert_eq!(err.to_string(), format!("the {what} must not be zero"));
        checked += 1;
    }
    let client = builder(url).build().unwrap();
    for options in [
        CallOptions {
            timeout: Some(Duration::ZERO),
            ..Default::default()
        },
        CallOptions {
            deadline: Some(Duration::ZERO),
            ..Default::default()
        },
    ] {
        let err = client
            .call_with(&read(), options)
            .await
            .expect_err("refused");
        assert_eq!(
            (err.kind(), err.sent(), err.attempts()),
            (ErrorKind::Config, Sent::No, 0)
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
}
