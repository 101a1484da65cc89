//! Searches that never truncate: against the sandbox seeded with 1,234 more domains, the
//! paging stream of domainsSearch yields every row exactly once, in order, whatever the
//! page size; a fault on page 5 is retried; pages go through the rate limiter; and the
//! stream asks for a page only when the rows before it are consumed. The tests keep only
//! a count and the last id, never the rows.

use std::time::{Duration, Instant};

use domaincontext::requests::DomainsSearch;
use domaincontext::{Client, RateLimit, RetryPolicy};
use domaincontext_sandbox::{Config, Fault, FaultKind, Running};
use futures_util::{StreamExt, pin_mut};

const GENERATED: usize = 1_234;

async fn seeded(faults: Vec<Fault>) -> Running {
    domaincontext_sandbox::start(Config::new().generated_domains(GENERATED).faults(faults))
        .await
        .expect("sandbox")
}

fn client(s: &Running, limit: Option<RateLimit>) -> Client {
    s.client_builder()
        .rate_limit(limit)
        .retry(RetryPolicy {
            base_delay: Duration::from_millis(10),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client")
}

/// How many rows the demo account has, by the API's own count.
async fn total(c: &Client) -> usize {
    let reply = c
        .call_raw(&DomainsSearch::new().count(true))
        .await
        .expect("count");
    reply.raw().as_u64().expect("a number") as usize
}

/// Streams every row with `page_size`, checking each id is above the last: each row
/// once, in order. Returns how many rows came.
async fn stream_all(c: &Client, page_size: u32) -> usize {
    let rows = c.domains_search_all(&DomainsSearch::new(), page_size);
    pin_mut!(rows);
    let (mut n, mut last) = (0, 0);
    while let Some(row) = rows.next().await {
        let id = row.expect("a row").id.expect("an id").get();
        assert!(id > last, "page size {page_size}: id {id} after {last}");
        last = id;
        n += 1;
    }
    assert_eq!(
        last,
        5_600_000 + GENERATED as u64,
        "the last generated domain"
    );
    n
}

fn searches(s: &Running) -> usize {
    s.requests()
        .iter()
        .filter(|r| r.command == "domainsSearch")
        .count()
}

#[tokio::test]
async fn every_row_once_in_order_whatever_the_page_size() {
    let s = seeded(Vec::new()).await;
    let c = client(&s, None);
    let all = total(&c).await;
    assert!(all > GENERATED, "{all}");
    // 1, 7, 100, and one page larger than every row (the sandbox, as the provider's
    // panel, takes any limit).
    let mut checked = 0;
    for size in [1, 7, 100, 5_000] {
        let before = searches(&s);
        assert_eq!(stream_all(&c, size).await, all, "page size {size}");
        let pages = searches(&s) - before;
        // Pages until a short one: a full last page costs one empty page more.
        assert_eq!(pages, all / size as usize + 1, "page size {size}");
        checked += 1;
    }
    assert_eq!(checked, 4);
    s.shutdown().await;
}

#[tokio::test]
async fn a_fault_on_page_5_is_retried_through_the_rate_limiter() {
    let s = seeded(vec![
        Fault::on("domainsSearch", FaultKind::HttpStatus(503, "busy".into()))
            .every(5)
            .times(1),
    ])
    .await;
    let rate = 50.0;
    let c = client(&s, Some(RateLimit::new(rate, 1).expect("a rate")));
    let started = Instant::now();
    let n = stream_all(&c, 100).await;
    let elapsed = started.elapsed();
    let log = s.requests();
    let pages: Vec<String> = log
        .iter()
        .filter(|r| r.command == "domainsSearch")
        .map(|r| {
            r.params
                .iter()
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
        .collect();
    let faulted: Vec<&str> = log
        .iter()
        .zip(&pages)
        .filter(|(r, _)| r.fault.is_some())
        .map(|(_, p)| p.as_str())
        .collect();
    assert_eq!(faulted, ["5"], "the fault hit page 5");
    assert_eq!(
        pages.iter().filter(|p| *p == "5").count(),
        2,
        "page 5 asked twice: {pages:?}"
    );
    let c2 = client(&s, None);
    assert_eq!(n, total(&c2).await, "every row despite the fault");
    // Every request waited for the limiter: at most `rate` a second after the first.
    let min = Duration::from_secs_f64((pages.len() - 1) as f64 / rate);
    assert!(elapsed >= min.mul_f64(0.9), "{elapsed:?} < {min:?}");
    s.shutdown().await;
}

#[tokio::test]
async fn a_page_is_asked_for_only_when_the_rows_before_it_are_consumed() {
    let s = seeded(Vec::new()).await;
    let c = client(&s, None);
    let rows = c.domains_search_all(&DomainsSearch::new(), 7);
    pin_mut!(rows);
    assert_eq!(searches(&s), 0, "nothing asked before the first row is");
    let mut seen = 0;
    for expected_pages in [1, 1, 1, 1, 1, 1, 1, 2, 2, 2] {
        rows.next().await.expect("a row").expect("ok");
        seen += 1;
        assert_eq!(searches(&s), expected_pages, "after {seen} rows");
    }
    assert_eq!(seen, 10);
    s.shutdown().await;
}
