//! Per-request overhead on loopback, each against raw reqwest in the same group and run:
//! the generated client sending a request and keeping its answer undecoded (`call_raw`)
//! against reqwest posting the same prebuilt form and reading the body; and the typed call
//! (answer decoded into `DomainInfo`) against reqwest plus `serde_json::from_slice` into
//! the same struct. The rate limiter is off and one thread runs client and server.
//!
//! `cargo bench --bench request`

use domaincontext::answers::DomainInfo;
use domaincontext::requests::DomainGetInfo;
use domaincontext_testkit::Server;

fn main() {
    divan::main();
}

const BATCH: usize = 100;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

const ANSWER: &str = r#"{"id": 5504202, "domain": "test.com", "state": "ok", "expires": "2027-01-01", "nameservers": "ns1.test.com,ns2.test.com"}"#;

/// The body the generated client sends for `request()`, prebuilt for the baselines.
const BODY: &str = "auth_login=demo&auth_password=s3cr3t-pa55&domain=test.com";

fn request() -> DomainGetInfo {
    DomainGetInfo::new().domain("test.com".parse().expect("domain"))
}

/// `BATCH` posts of the prebuilt body by plain reqwest, each answer read whole and handed
/// to `then`.
fn raw_reqwest<T>(b: divan::Bencher, then: fn(&[u8]) -> T) {
    let rt = runtime();
    let server = rt.block_on(Server::answering(ANSWER));
    let http = reqwest::Client::new();
    let url = format!("{}/domainGetInfo", server.url);
    b.counter(divan::counter::ItemsCount::new(BATCH)).bench(|| {
        rt.block_on(async {
            for _ in 0..BATCH {
                let r = http
                    .post(&url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(BODY)
                    .send()
                    .await
                    .expect("send");
                let bytes = r.bytes().await.expect("body");
                divan::black_box(then(&bytes));
            }
        })
    });
}

/// Sending: the answer is parsed as JSON, not decoded into a type, on both sides.
mod per_request {
    use super::*;

    /// Baseline: reqwest posts the prebuilt form and parses the answer into a JSON tree
    /// (as `call_raw` gives its answer's JSON).
    #[divan::bench(sample_count = 20)]
    fn baseline_raw_reqwest(b: divan::Bencher) {
        raw_reqwest(b, |bytes| {
            serde_json::from_slice::<serde_json::Value>(bytes).expect("json")
        });
    }

    /// The generated client: validated, encoded, sent, the answer checked against the
    /// answer rules and kept as its text (`call_raw`).
    #[divan::bench(sample_count = 20)]
    fn generated_call_raw(b: divan::Bencher) {
        let rt = runtime();
        let server = rt.block_on(Server::answering(ANSWER));
        let client = server.client();
        let request = request();
        b.counter(divan::counter::ItemsCount::new(BATCH)).bench(|| {
            rt.block_on(async {
                for _ in 0..BATCH {
                    divan::black_box(client.call_raw(&request).await.expect("answer"));
                }
            })
        });
    }
}

/// Sending and decoding the answer into `DomainInfo`.
mod typed_answer {
    use super::*;

    /// Baseline: reqwest, then `serde_json::from_slice` into the same `DomainInfo`.
    #[divan::bench(sample_count = 20)]
    fn baseline_reqwest_from_slice(b: divan::Bencher) {
        raw_reqwest(b, |bytes| {
            serde_json::from_slice::<DomainInfo>(bytes).expect("domain info")
        });
    }

    /// The generated typed method.
    #[divan::bench(sample_count = 20)]
    fn generated_typed(b: divan::Bencher) {
        let rt = runtime();
        let server = rt.block_on(Server::answering(ANSWER));
        let client = server.client();
        let request = request();
        b.counter(divan::counter::ItemsCount::new(BATCH)).bench(|| {
            rt.block_on(async {
                for _ in 0..BATCH {
                    divan::black_box(client.domain_get_info(&request).await.expect("answer"));
                }
            })
        });
    }
}
