//! Faults, limits and hostile answers against recording servers on 127.0.0.1: retries only
//! where repeating is harmless, "outcome unknown" where an answer of a changing command is
//! lost, timeouts that say which fired, bounded memory, and no panic on any body.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use domaincontext::requests::{DomainGetInfo, DomainRegister, DomainsRegister};
use domaincontext::{Client, ErrorKind, RetryPolicy, Sent, Timeout};
use domaincontext_testkit::hostile::{Hostile, Script};
use domaincontext_testkit::{Reply, Server};

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        max_elapsed: Duration::from_secs(10),
    }
}

fn client(server: &Server, timeout: Duration) -> Client {
    Client::builder()
        .base_url(&server.url)
        .credentials("demo", "s3cr3t-pa55")
        .rate_limit(None)
        .retry(quick_retries())
        .timeout(timeout)
        .build()
        .expect("client")
}

/// Answers `first` to the first `n` requests, then `then`.
async fn flaky(n: usize, first: Reply, then: &'static str) -> Server {
    let count = Arc::new(AtomicUsize::new(0));
    Server::start(move |_| {
        if count.fetch_add(1, Ordering::SeqCst) < n {
            first.clone()
        } else {
            Reply::json(then)
        }
    })
    .await
}

fn info() -> DomainGetInfo {
    DomainGetInfo::new().domain("test.com".parse().expect("domain"))
}

fn register() -> DomainRegister {
    DomainRegister::new("new-domain.com".parse().expect("domain"))
}

#[tokio::test]
async fn reads_retry_on_5xx_429_and_lost_answers() {
    for fault in [
        Reply::Body(503, "busy".into()),
        Reply::Body(429, "".into()),
        Reply::Drop,
        Reply::Body(502, "<html>".into()),
    ] {
        let server = flaky(2, fault.clone(), r#"{"id": 1}"#).await;
        let answer = client(&server, Duration::from_secs(5))
            .domain_get_info(&info())
            .await;
        assert_eq!(
            answer.expect("retried to success").id.map(|i| i.get()),
            Some(1),
            "{fault:?}"
        );
        assert_eq!(
            server.received().len(),
            3,
            "{fault:?}: two failures, then the answer"
        );
    }
}

#[tokio::test]
async fn retries_are_bounded() {
    let server = Server::start(|_| Reply::Body(503, "busy".into())).await;
    let err = client(&server, Duration::from_secs(5))
        .domain_get_info(&info())
        .await
        .expect_err("always 503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        server.received().len(),
        4,
        "one try and max_retries = 3 retries"
    );
}

#[tokio::test]
async fn changes_are_never_repeated_and_a_lost_answer_is_an_unknown_outcome() {
    for fault in [
        Reply::Drop,
        Reply::Body(503, "busy".into()),
        Reply::Body(200, "<html>oops".into()),
    ] {
        let server = flaky(1, fault.clone(), "true").await;
        let err = client(&server, Duration::from_secs(5))
            .domain_register(&register())
            .await
            .expect_err("lost");
        assert_eq!(
            server.received().len(),
            1,
            "{fault:?}: a registration is sent once"
        );
        assert!(err.is_outcome_unknown(), "{fault:?}: {err}");
        assert_ne!(err.sent(), Sent::No);
        let text = err.to_string();
        assert!(
            text.starts_with("domainRegister: ") && text.contains("outcome unknown"),
            "{text}"
        );
    }
    // A bulk change names its items.
    let server = Server::start(|_| Reply::Drop).await;
    let bulk = DomainsRegister::new([
        register(),
        DomainRegister::new("b.com".parse().expect("domain")),
    ]);
    let err = client(&server, Duration::from_secs(5))
        .domains_register(&bulk)
        .await
        .expect_err("lost");
    assert_eq!(err.items(), ["0", "1"]);
    assert!(err.to_string().contains("for items 0, 1"), "{err}");
}

#[tokio::test]
async fn nothing_sent_is_not_an_unknown_outcome() {
    // A port nothing listens on: the connection is refused before anything is sent.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let client = Client::builder()
        .base_url(url)
        .credentials("demo", "x")
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .build()
        .expect("client");
    let err = client
        .domain_register(&register())
        .await
        .expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert_eq!(err.sent(), Sent::No);
    assert!(!err.is_outcome_unknown());
    assert!(err.to_string().contains("nothing was sent"), "{err}");
}

#[tokio::test]
async fn a_slow_answer_hits_the_answer_timeout() {
    let server =
        Server::start(|_| Reply::Delay(Duration::from_secs(3), Box::new(Reply::json("true"))))
            .await;
    let started = Instant::now();
    let err = client(&server, Duration::from_millis(300))
        .domain_register(&register())
        .await
        .expect_err("timeout");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.timeout_kind(), Some(Timeout::Answer));
    assert!(err.is_outcome_unknown(), "{err}");
    assert!(err.to_string().contains("answer timeout"), "{err}");
    // Per call, too.
    let c = client(&server, Duration::from_secs(60));
    let options = domaincontext::CallOptions {
        timeout: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let err = c
        .call_with(&register(), options)
        .await
        .expect_err("per-call timeout");
    assert_eq!(err.timeout_kind(), Some(Timeout::Answer));
}

#[tokio::test]
async fn backoff_waits_between_retries() {
    let server = flaky(2, Reply::Body(503, String::new()), "true").await;
    let policy = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(200),
        max_delay: Duration::from_secs(1),
        max_elapsed: Duration::from_secs(10),
    };
    let c = Client::builder()
        .base_url(&server.url)
        .credentials("demo", "x")
        .rate_limit(None)
        .retry(policy)
        .build()
        .expect("client");
    let started = Instant::now();
    c.domain_get_info(&info()).await.expect("retried");
    // Delays are 100..200 ms, then 200..400 ms: at least 300 ms in all.
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn plain_http_is_refused_except_to_loopback() {
    for url in [
        "http://api.domaincontext.com",
        "http://10.0.0.1:8080",
        "ftp://127.0.0.1",
        "not a url",
    ] {
        let err = Client::builder().base_url(url).build().expect_err(url);
        assert_eq!(err.kind(), ErrorKind::Config, "{url}");
    }
    for url in [
        "https://api.domaincontext.com",
        "http://127.0.0.1:1",
        "http://localhost:1",
        "http://[::1]:1",
        "http://127.8.9.10",
    ] {
        Client::builder()
            .base_url(url)
            .build()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }
}

#[tokio::test]
async fn answers_are_bounded_in_size_and_never_panic() {
    let big = format!("[{}1]", "1,".repeat(600_000));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let bodies: Vec<Vec<u8>> = vec![
        big.into_bytes(),
        deep.into_bytes(),
        b"\xff\xfe\xfd".to_vec(),
        b"{\"_error\": ".to_vec(),
        b"{\"_error\": {\"nested\": [1, 2]}}".to_vec(),
        vec![0u8; 1000],
    ];
    for body in bodies {
        let len = body.len();
        let raw = [
            format!("HTTP/1.1 200 OK\r\ncontent-length: {len}\r\n\r\n").into_bytes(),
            body,
        ]
        .concat();
        let server = Hostile::always(Script::raw(raw)).await;
        let c = Client::builder()
            .base_url(&server.url)
            .credentials("demo", "x")
            .rate_limit(None)
            .max_answer_bytes(1 << 20)
            .build()
            .expect("client");
        let err = c.domain_get_info(&info()).await.expect_err("not a success");
        assert!(
            matches!(err.kind(), ErrorKind::Answer | ErrorKind::Api),
            "{len} bytes: {err}"
        );
    }
    // A truncated answer (fewer bytes than announced) is a transport error, not a panic.
    let server = Hostile::always(Script::raw(
        b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"id\"".to_vec(),
    ))
    .await;
    let c = Client::builder()
        .base_url(&server.url)
        .credentials("demo", "x")
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .build()
        .expect("client");
    let err = c.domain_get_info(&info()).await.expect_err("truncated");
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
}

#[tokio::test]
async fn the_password_never_shows() {
    let secret = "s3cr3t-pa55";
    let server = Server::start(|_| Reply::Drop).await;
    let c = client(&server, Duration::from_secs(5));
    let mut seen = format!("{c:?}");
    let err = c.domain_register(&register()).await.expect_err("dropped");
    seen += &format!("{err} {err:?}");
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        seen += &format!(" {s} {s:?}");
        source = s.source();
    }
    seen += &c.prepare(&register()).expect("prepare").to_string();
    // GET puts the password in the URL; no error may repeat it.
    let get = Client::builder()
        .base_url(&server.url)
        .credentials("demo", secret)
        .method(domaincontext::Method::Get)
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .build()
        .expect("client");
    let err = get.domain_get_info(&info()).await.expect_err("dropped");
    seen += &format!("{err} {err:?} {:?}", std::error::Error::source(&err));
    assert!(!seen.contains(secret), "{seen}");
    assert!(seen.contains("***"));
    // It was sent, though: in the form body of the POST, never in its URL.
    let r = &server.received()[0];
    assert!(r.body.contains(secret) && !r.query.contains(secret));
}
