//! The rate limiter: unusable limits are refused when the client is built; waiting is
//! first come, first served (a bulk call is not starved by single calls through clones);
//! and a retry never waits on the limiter past the retry bounds.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use domaincontext::{Client, ErrorKind, RateLimit, Request, RetryPolicy};
use domaincontext_testkit::hostile::{Hostile, Script};
use domaincontext_testkit::{Reply, Server};
use serde_json::json;

#[test]
fn unusable_limits_are_refused_when_built() {
    let cases: &[(f64, u32)] = &[
        (0.0, 5),
        (-0.0, 5),
        (-1.0, 5),
        (f64::NAN, 5),
        (f64::INFINITY, 5),
        (f64::NEG_INFINITY, 5),
        (1e-300, 5),
        (1.0 / 7200.0, 5),
        (2.0, 0),
    ];
    let mut checked = 0;
    for &(per_second, burst) in cases {
        let err = Client::builder()
            .base_url("http://127.0.0.1:9")
            .rate_limit(Some(RateLimit { per_second, burst }))
            .build()
            .expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::Config, "{per_second} {burst}: {err}");
        let expected = if burst == 0 {
            "the rate limit's burst must be at least 1".to_owned()
        } else {
            format!(
                "the rate limit must be a finite number of requests a second, at least one an hour, got {per_second}"
            )
        };
        assert_eq!(err.to_string(), expected);
        let checked_new = RateLimit::new(per_second, burst).expect_err("refused");
        assert_eq!(checked_new.to_string(), expected);
        checked += 1;
    }
    assert_eq!(checked, cases.len());
    // The edges that are usable.
    assert!(RateLimit::new(RateLimit::SLOWEST, 1).is_ok());
    assert!(RateLimit::new(1e9, u32::MAX).is_ok());
}

fn single() -> Request {
    Request::from_args("domainGetInfo", &json!({"domain": "a.com"})).unwrap()
}

fn bulk(n: usize) -> Request {
    let items: Vec<_> = (0..n)
        .map(|i| json!({"domain": format!("d{i}.com")}))
        .collect();
    Request::from_args("domainsGetInfo", &json!(items)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_call_is_not_starved_by_single_calls() {
    let server = Server::start(|_| Reply::json("true")).await;
    let client = Client::builder()
        .base_url(&server.url)
        .credentials("demo", "x")
        .rate_limit(Some(RateLimit::new(40.0, 5).unwrap()))
        .build()
        .unwrap();
    // Four clones call as fast as the limiter lets them, 40 calls each (4 s in all).
    let stop = Arc::new(AtomicBool::new(false));
    let mut singles = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let (c, stop) = (client.clone(), stop.clone());
        singles.spawn(async move {
            for _ in 0..40 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                c.call(&single()).await.unwrap();
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    client.call(&bulk(5)).await.unwrap();
    let waited = started.elapsed();
    stop.store(true, Ordering::SeqCst);
    while singles.join_next().await.is_some() {}
    // First come, first served: at most the four singles queued before it (0.1 s) and
    // its own five tokens (0.125 s); starved, it would wait for the singles to end (4 s).
    assert!(
        waited < Duration::from_millis(800),
        "the bulk waited {waited:?}"
    );
}

#[tokio::test]
async fn a_retry_does_not_wait_on_the_limiter_past_the_retry_bounds() {
    // 40 items at 2 a second leave a debt of 17.5 s; the retry bound is 1 s.
    let server = Hostile::start(vec![Script::answer(503, ""), Script::json("true")]).await;
    let client = Client::builder()
        .base_url(&server.url)
        .credentials("demo", "x")
        .rate_limit(Some(RateLimit::CONSERVATIVE))
        .retry(RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(10),
            max_elapsed: Duration::from_secs(1),
        })
        .build()
        .unwrap();
    let started = Instant::now();
    let err = tokio::time::timeout(Duration::from_secs(3), client.call(&bulk(40)))
        .await
        .expect("bounded by max_elapsed, not by the limiter's debt")
        .expect_err("the 503 stands");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deadline_holds_while_queued_behind_another_caller() {
    let server = Hostile::always(Script::json("true")).await;
    let client = Client::builder()
        .base_url(&server.url)
        .credentials("demo", "x")
        .rate_limit(Some(RateLimit::new(1.0, 1).unwrap()))
        .build()
        .unwrap();
    client.call(&single()).await.unwrap();
    // The next caller waits a second for its token, first in the queue.
    let first = tokio::spawn({
        let c = client.clone();
        async move { c.call(&single()).await.map(|_| ()) }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let options = domaincontext::CallOptions {
        deadline: Some(Duration::from_millis(200)),
        ..Default::default()
    };
    let started = Instant::now();
    let err = client
        .call_with(&single(), options)
        .await
        .expect_err("deadline");
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.timeout_kind(), Some(domaincontext::Timeout::Deadline));
    assert_eq!(err.sent(), domaincontext::Sent::No);
    first.await.unwrap().unwrap();
    assert_eq!(server.requests().len(), 2);
}
