//! Throughput against the sandbox on loopback: domainGetInfo calls through the generated
//! client, one at a time and 8 at a time; and the chunked bulk helper with the rate
//! limiter off, in items a second, with the peak memory of a 100,000-item run (client and
//! sandbox in this one process) printed first.
//!
//! `cargo bench --bench sandbox`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use domaincontext::requests::{DomainGetInfo, DomainSetNote, DomainsSetNote};
use domaincontext::{BulkOptions, Client};

/// Counts live heap bytes and keeps the peak.
struct Peak;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded to the system allocator with the caller's layout.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Peak = Peak;

/// One thread, as in `benches/request.rs`: the client and the sandbox take turns on it,
/// so the figures measure their work rather than cross-thread wake-ups.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

async fn setup() -> (domaincontext_sandbox::Running, Client) {
    let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new())
        .await
        .expect("sandbox");
    let client = Client::builder()
        .base_url(sandbox.url())
        .credentials("demo", "demo")
        .rate_limit(None)
        .build()
        .expect("client");
    (sandbox, client)
}

fn notes(n: usize) -> Vec<DomainSetNote> {
    (0..n)
        .map(|i| {
            DomainSetNote::new()
                .domain("test.com".parse().expect("domain"))
                .note(format!("note {i}").parse().expect("label"))
        })
        .collect()
}

fn main() {
    let rt = runtime();
    let (_sandbox, client) = rt.block_on(setup());
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let started = std::time::Instant::now();
    let outcomes = rt.block_on(client.bulk::<DomainsSetNote>(
        notes(100_000),
        BulkOptions {
            chunk_size: 1000,
            concurrency: 4,
        },
    ));
    let secs = started.elapsed().as_secs_f64();
    assert!(outcomes.iter().all(|o| o.result.is_ok()));
    println!(
        "bulk 100,000 items: {:.0} items/s, peak heap above the start {:.1} MiB (client and sandbox together)",
        100_000.0 / secs,
        (PEAK.load(Ordering::Relaxed) - base) as f64 / (1 << 20) as f64
    );
    drop(outcomes);
    divan::main();
}

const CALLS: usize = 200;

#[divan::bench(sample_count = 10)]
fn domain_get_info_sequential(b: divan::Bencher) {
    let rt = runtime();
    let (_sandbox, client) = rt.block_on(setup());
    let request = DomainGetInfo::new().domain("test.com".parse().expect("domain"));
    b.counter(divan::counter::ItemsCount::new(CALLS)).bench(|| {
        rt.block_on(async {
            for _ in 0..CALLS {
                divan::black_box(client.domain_get_info(&request).await.expect("answer"));
            }
        })
    });
}

#[divan::bench(sample_count = 10)]
fn domain_get_info_8_concurrent(b: divan::Bencher) {
    let rt = runtime();
    let (_sandbox, client) = rt.block_on(setup());
    let request = DomainGetInfo::new().domain("test.com".parse().expect("domain"));
    b.counter(divan::counter::ItemsCount::new(CALLS)).bench(|| {
        rt.block_on(async {
            let mut tasks = tokio::task::JoinSet::new();
            for _ in 0..8 {
                let (c, r) = (client.clone(), request.clone());
                tasks.spawn(async move {
                    for _ in 0..CALLS / 8 {
                        divan::black_box(c.domain_get_info(&r).await.expect("answer"));
                    }
                });
            }
            while tasks.join_next().await.is_some() {}
        })
    });
}

#[divan::bench(args = [10_000], sample_count = 5)]
fn bulk_set_note(b: divan::Bencher, n: usize) {
    let rt = runtime();
    let (_sandbox, client) = rt.block_on(setup());
    b.counter(divan::counter::ItemsCount::new(n))
        .with_inputs(|| notes(n))
        .bench_values(|items| {
            rt.block_on(client.bulk::<DomainsSetNote>(
                items,
                BulkOptions {
                    chunk_size: 1000,
                    concurrency: 4,
                },
            ))
        });
}
