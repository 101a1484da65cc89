//! Peak memory of decoding an answer: a counting global allocator records the highest
//! heap use during a call, for answers of 1, 16 and 63 MiB, as a multiple of the answer's
//! size. Its own test binary, so that nothing else allocates meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use domaincontext::{Client, FromReply, Request};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The bound stated for a call: peak heap at most this many times the answer's size. The
/// call reads the body into one buffer sized from its length, keeps it as the answer's
/// text and decides the answer rules without building a value.
const BOUND: f64 = 3.0;

/// The bound stated for building the value of an answer of rows as well (`into_value`):
/// serde_json's `Value` with `preserve_order` costs about 8 times the text of small rows.
const VALUE_BOUND: f64 = 12.0;

/// An answer of search rows, as the API sends them, of about `bytes` bytes.
fn rows(bytes: usize) -> Vec<u8> {
    let mut out = String::with_capacity(bytes + 512);
    out.push('[');
    let mut i = 0u64;
    while out.len() < bytes {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"id":{},"domain":"name-{i}.com","zone":"com","state":"ok","client":"demo","created_date":"2020-01-01","expires":"2027-01-01","autorenewal":"1","nameservers":"ns1.example.net,ns2.example.net","note":""}}"#,
            5_000_000 + i
        ));
        i += 1;
    }
    out.push(']');
    out.into_bytes()
}

/// Serves `body` to every request, from one shared buffer (no copy per connection).
async fn serve(body: Arc<Vec<u8>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let head = Arc::new(format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    ));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (body, head) = (body.clone(), head.clone());
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&body).await;
            });
        }
    });
    url
}

async fn peak_ratio(body: Vec<u8>) -> (f64, f64) {
    let size = body.len();
    let url = serve(Arc::new(body)).await;
    let client = Client::builder()
        .base_url(&url)
        .credentials("demo", "x")
        .rate_limit(None)
        .timeout(Duration::from_secs(120))
        .max_answer_bytes(64 << 20)
        .build()
        .unwrap();
    let request = Request::from_args("domainsSearch", &json!({})).unwrap();
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let reply = client.call(&request).await.unwrap();
    let call = PEAK.load(Ordering::SeqCst) - base;
    assert_eq!(reply.raw_text().len(), size);
    let value = serde_json::Value::from_reply(reply).unwrap();
    let built = PEAK.load(Ordering::SeqCst) - base;
    assert!(value.as_array().is_some_and(|rows| !rows.is_empty()));
    (call as f64 / size as f64, built as f64 / size as f64)
}

/// One test, so that nothing else allocates while a peak is measured.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decoding_peaks_at_a_small_multiple_of_the_answer() {
    answers_of_rows().await;
    unasked_bulk_entries_are_not_built().await;
}

async fn answers_of_rows() {
    let mut checked = 0;
    for mib in [1usize, 16, 63] {
        let (call, value) = peak_ratio(rows(mib << 20)).await;
        println!("rows, {mib} MiB: call peak {call:.2} x the answer, with its value {value:.2} x");
        assert!(call < BOUND, "{mib} MiB of rows: {call:.2} x");
        assert!(
            value < VALUE_BOUND,
            "{mib} MiB of rows, value built: {value:.2} x"
        );
        checked += 1;
    }
    assert_eq!(checked, 3);
}

/// A bulk answer of one requested item and 16 MiB of entries the request did not send:
/// they are counted, the first 64 kept, the rest never built.
async fn unasked_bulk_entries_are_not_built() {
    let size = 16usize << 20;
    let mut body = String::with_capacity(size + 64);
    body.push_str(r#"{"0":{"id":1}"#);
    let mut n = 0usize;
    while body.len() < size {
        body.push_str(&format!(r#","x{n}":{{"id":{n},"_error":"who asked"}}"#));
        n += 1;
    }
    body.push('}');
    let size = body.len();
    let url = serve(Arc::new(body.into_bytes())).await;
    let client = Client::builder()
        .base_url(&url)
        .credentials("demo", "x")
        .rate_limit(None)
        .max_answer_bytes(64 << 20)
        .build()
        .unwrap();
    let request = Request::from_args("domainsRegister", &json!([{"domain": "a.com"}])).unwrap();
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let reply = client.call(&request).await.unwrap();
    let ratio = (PEAK.load(Ordering::SeqCst) - base) as f64 / size as f64;
    println!(
        "bulk with {n} unasked entries, {} MiB: call peak {ratio:.2} x",
        size >> 20
    );
    let domaincontext::Reply::Bulk(answer) = reply else {
        panic!("a bulk answer")
    };
    assert!(!answer.is_ok());
    assert_eq!(answer.unmatched().len(), 64);
    assert_eq!(answer.unmatched_total(), n);
    assert!(answer.items()[0].result.is_ok());
    assert!(ratio < BOUND, "{ratio:.2} x");
}
