//! Throughput against the sandbox on loopback: domainGetInfo calls through the generated
//! client, one at a time and 8 at a time; and the chunked bulk helper with the rate
//! limiter off, in items a second, with the peak memory of a 100,000-item run (client and
//! sandbox in this one process) printed first (left out when `DOMAINCONTEXT_BENCH_QUICK`
//! is set). The group `concurrent_64` sets the sandbox against a hyper hello-world server:
//! the same load, 64 connections each posting domainGetInfo in turn, on the same runtime.
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
    let client = sandbox.client_builder().build().expect("client");
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
    if std::env::var_os("DOMAINCONTEXT_BENCH_QUICK").is_none() {
        bulk_100k();
    }
    divan::main();
}

/// The 100,000-item bulk run, with the peak heap above the start.
fn bulk_100k() {
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

/// Servers under 64 concurrent connections, each sending domainGetInfo requests one after
/// another by plain reqwest (the same load generator for both, so the ratio is the
/// servers'). Client and server share a two-worker runtime, as they share the two cores.
mod concurrent_64 {
    use std::convert::Infallible;

    use http_body_util::Full;
    use hyper::body::Bytes;
    use hyper::server::conn::http1;
    use hyper::service::service_fn;
    use hyper_util::rt::TokioIo;

    const CONNECTIONS: usize = 64;
    const PER_CONNECTION: usize = 20;
    const BODY: &str = "auth_login=demo&auth_password=demo&domain=test.com";

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
    }

    /// A hyper hello-world server on 127.0.0.1: a fixed small JSON answer to anything.
    async fn hello() -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(async move {
                    let service = service_fn(|_req| async {
                        Ok::<_, Infallible>(hyper::Response::new(Full::new(Bytes::from_static(
                            br#"{"hello":"world"}"#,
                        ))))
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        url
    }

    /// Runs the load against `base` once a sample.
    fn load(b: divan::Bencher, rt: &tokio::runtime::Runtime, base: &str) {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(CONNECTIONS)
            .build()
            .expect("http");
        let url = format!("{base}/domainGetInfo");
        b.counter(divan::counter::ItemsCount::new(
            CONNECTIONS * PER_CONNECTION,
        ))
        .bench(|| {
            rt.block_on(async {
                let mut tasks = tokio::task::JoinSet::new();
                for _ in 0..CONNECTIONS {
                    let (http, url) = (http.clone(), url.clone());
                    tasks.spawn(async move {
                        for _ in 0..PER_CONNECTION {
                            let r = http
                                .post(&url)
                                .header("content-type", "application/x-www-form-urlencoded")
                                .body(BODY)
                                .send()
                                .await
                                .expect("send");
                            assert!(r.status().is_success());
                            divan::black_box(r.bytes().await.expect("body"));
                        }
                    });
                }
                while let Some(t) = tasks.join_next().await {
                    t.expect("task");
                }
            })
        });
    }

    /// Baseline: hyper answering a fixed body.
    #[divan::bench(sample_count = 10)]
    fn baseline_hyper_hello(b: divan::Bencher) {
        let rt = runtime();
        let url = rt.block_on(hello());
        load(b, &rt, &url);
    }

    /// The sandbox answering domainGetInfo from its state.
    #[divan::bench(sample_count = 10)]
    fn sandbox_domain_get_info(b: divan::Bencher) {
        let rt = runtime();
        let sandbox = rt
            .block_on(domaincontext_sandbox::start(
                domaincontext_sandbox::Config::new(),
            ))
            .expect("sandbox");
        load(b, &rt, sandbox.url());
    }
}
