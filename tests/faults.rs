//! The client under the sandbox's fault injection: a lost answer of a registration makes
//! one registration and one "outcome unknown"; a lost answer of a read is retried; slow
//! answers time out; 429 and 5xx back off; the rate limit holds on the sandbox's own
//! request log; and a 10,000-item bulk run with failing chunks returns every item once,
//! in order.

use std::time::Duration;

use domaincontext::requests::{
    DomainGetInfo, DomainRegister, DomainSetNote, DomainsCheck, DomainsSetNote,
};
use domaincontext::{
    BulkOptions, Client, ErrorKind, ItemError, RateLimit, RetryPolicy, Sent, Timeout,
};
use domaincontext_sandbox::{Config, Fault, FaultKind, Running, start};

fn retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
        max_elapsed: Duration::from_secs(10),
    }
}

fn client(sandbox: &Running) -> Client {
    Client::builder()
        .base_url(sandbox.url())
        .credentials("demo", "demo")
        .rate_limit(None)
        .retry(retries())
        .build()
        .expect("client")
}

async fn sandbox(faults: Vec<Fault>) -> Running {
    start(Config::new().faults(faults)).await.expect("sandbox")
}

fn balance(s: &Running) -> i64 {
    s.state()
        .clients
        .get("demo")
        .expect("demo account")
        .balance
        .cents()
}

#[tokio::test]
async fn a_lost_registration_answer_registers_once_and_says_outcome_unknown() {
    let s = sandbox(vec![Fault::on("domainRegister", FaultKind::DropAfterApply)]).await;
    let price = s.state().zones.get("com").expect("com price").cents();
    let before = balance(&s);
    let err = client(&s)
        .domain_register(&DomainRegister::new(
            "brand-new-name.com".parse().expect("domain"),
        ))
        .await
        .expect_err("dropped");
    assert!(err.is_outcome_unknown(), "{err}");
    assert_ne!(err.sent(), Sent::No);
    assert!(
        err.to_string().contains("domainRegister") && err.to_string().contains("outcome unknown"),
        "{err}"
    );
    let state = s.state();
    assert_eq!(
        state
            .domains
            .values()
            .filter(|d| d.domain == "brand-new-name.com")
            .count(),
        1,
        "registered exactly once"
    );
    assert_eq!(before - balance(&s), price, "charged exactly once");
    assert_eq!(
        s.requests()
            .iter()
            .filter(|r| r.command == "domainRegister")
            .count(),
        1,
        "never repeated"
    );
}

#[tokio::test]
async fn a_lost_read_answer_is_retried() {
    let s = sandbox(vec![
        Fault::on("domainGetInfo", FaultKind::DropAfterApply).times(2),
    ])
    .await;
    let info = client(&s)
        .domain_get_info(&DomainGetInfo::new().domain("test.com".parse().expect("domain")))
        .await
        .expect("retried");
    assert_eq!(
        info.domain.map(|d| d.to_string()).as_deref(),
        Some("test.com")
    );
    assert_eq!(
        s.requests()
            .iter()
            .filter(|r| r.command == "domainGetInfo")
            .count(),
        3
    );
}

#[tokio::test]
async fn a_slow_answer_hits_the_timeout() {
    let s = sandbox(vec![Fault::on(
        "domainsCheck",
        FaultKind::Delay(Duration::from_secs(3)),
    )])
    .await;
    let c = Client::builder()
        .base_url(s.url())
        .credentials("demo", "demo")
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let err = c
        .domains_check(&DomainsCheck::new("a.com".parse().expect("domains")))
        .await
        .expect_err("slow");
    assert_eq!(err.timeout_kind(), Some(Timeout::Answer));
}

#[tokio::test]
async fn status_429_and_5xx_back_off_then_succeed() {
    for status in [429, 500, 503] {
        let s = sandbox(vec![
            Fault::on("domainsCheck", FaultKind::HttpStatus(status, String::new())).times(2),
        ])
        .await;
        let answer = client(&s)
            .domains_check(&DomainsCheck::new("test.com".parse().expect("domains")))
            .await
            .expect("retried");
        assert_eq!(answer.get("test.com"), Some(&false));
        let log: Vec<_> = s
            .requests()
            .into_iter()
            .filter(|r| r.command == "domainsCheck")
            .collect();
        assert_eq!(log.len(), 3, "HTTP {status}");
        // Backoff: the first delay is at least half of 20 ms, the second of 40 ms.
        assert!(log[1].at.duration_since(log[0].at) >= Duration::from_millis(10));
        assert!(log[2].at.duration_since(log[1].at) >= Duration::from_millis(20));
    }
    // A changing command is not repeated on 503.
    let s = sandbox(vec![Fault::on(
        "domainRegister",
        FaultKind::HttpStatus(503, String::new()),
    )])
    .await;
    let err = client(&s)
        .domain_register(&DomainRegister::new("x-y-z.com".parse().expect("domain")))
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(s.requests().len(), 1);
}

#[tokio::test]
async fn garbled_and_blank_answers_are_unreadable() {
    for kind in [FaultKind::Garbled, FaultKind::Blank] {
        let s = sandbox(vec![Fault::on("domainsCheck", kind.clone())]).await;
        let c = Client::builder()
            .base_url(s.url())
            .credentials("demo", "demo")
            .rate_limit(None)
            .retry(RetryPolicy::NONE)
            .build()
            .expect("client");
        let err = c
            .domains_check(&DomainsCheck::new("a.com".parse().expect("domains")))
            .await
            .expect_err("unreadable");
        assert_eq!(err.kind(), ErrorKind::Answer, "{kind:?}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_holds_on_the_sandbox_log() {
    let s = sandbox(Vec::new()).await;
    let (rate, burst, n) = (20.0, 2u32, 30usize);
    let c = Client::builder()
        .base_url(s.url())
        .credentials("demo", "demo")
        .rate_limit(Some(RateLimit {
            per_second: rate,
            burst,
        }))
        .build()
        .expect("client");
    let request = DomainGetInfo::new().domain("test.com".parse().expect("domain"));
    // Clones share the limiter: fire everything at once from several tasks.
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (c, r) = (c.clone(), request.clone());
        tasks.spawn(async move { c.domain_get_info(&r).await.map(|_| ()) });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("task").expect("answer");
    }
    let mut times: Vec<_> = s.requests().into_iter().map(|r| r.at).collect();
    times.sort();
    assert_eq!(times.len(), n);
    // The k-th request (from 0) may not arrive before (k - burst + 1) / rate seconds after
    // the first; 15 ms of slack for scheduling.
    for (k, t) in times.iter().enumerate().skip(burst as usize) {
        let earliest = Duration::from_secs_f64((k + 1 - burst as usize) as f64 / rate);
        let at = t.duration_since(times[0]);
        assert!(
            at + Duration::from_millis(15) >= earliest,
            "request {k} came {at:?} after the first, before {earliest:?}"
        );
    }
    // A bulk call costs one token per item: 10 items at 20 a second take about half a second.
    let s2 = sandbox(Vec::new()).await;
    let c2 = Client::builder()
        .base_url(s2.url())
        .credentials("demo", "demo")
        .rate_limit(Some(RateLimit {
            per_second: rate,
            burst: 1,
        }))
        .build()
        .expect("client");
    let note = |n: usize| {
        DomainSetNote::new()
            .domain("test.com".parse().expect("domain"))
            .note(format!("n{n}").parse().expect("label"))
    };
    let started = std::time::Instant::now();
    c2.domain_get_info(&request).await.expect("first");
    c2.domains_set_note(&DomainsSetNote::new((0..10).map(note)))
        .await
        .expect("bulk");
    c2.domain_get_info(&request).await.expect("after the bulk");
    assert!(
        started.elapsed() >= Duration::from_millis(450),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_items_with_failing_chunks_keep_order_and_count() {
    // Every 7th bulk request fails with 503; changing commands are not retried.
    let s = sandbox(vec![
        Fault::on("domainsSetNote", FaultKind::HttpStatus(503, String::new())).every(7),
    ])
    .await;
    let c = client(&s);
    let items: Vec<DomainSetNote> = (0..10_000)
        .map(|i| {
            DomainSetNote::new()
                .domain("test.com".parse().expect("domain"))
                .note(format!("note {i}").parse().expect("label"))
        })
        .collect();
    let outcomes = c
        .bulk::<DomainsSetNote>(
            items,
            BulkOptions {
                chunk_size: 100,
                concurrency: 4,
            },
        )
        .await;
    assert_eq!(outcomes.len(), 10_000);
    assert!(
        outcomes.iter().enumerate().all(|(i, o)| o.index == i),
        "in input order, each once"
    );
    let failed: Vec<usize> = outcomes
        .iter()
        .filter(|o| matches!(o.result, Err(ItemError::Chunk(_))))
        .map(|o| o.index)
        .collect();
    assert_eq!(
        failed.len(),
        14 * 100,
        "100 requests, every 7th failed: 14 chunks of 100"
    );
    assert!(
        failed
            .chunks(100)
            .all(|c| c[0] % 100 == 0 && c.windows(2).all(|w| w[1] == w[0] + 1)),
        "whole chunks fail together"
    );
    assert_eq!(
        outcomes.iter().filter(|o| o.result.is_ok()).count(),
        10_000 - 1400
    );
    assert_eq!(s.requests().len(), 100, "no chunk was sent twice");
    if let Some(Err(ItemError::Chunk(e))) = outcomes
        .iter()
        .find(|o| o.result.is_err())
        .map(|o| &o.result)
    {
        assert!(e.is_outcome_unknown() && e.status() == Some(503), "{e}");
    }
}
