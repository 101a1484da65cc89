//! Per-request overhead: the generated client against raw reqwest sending the same
//! prebuilt form to the same loopback server, in the same run.
//!
//! `cargo bench --bench request`

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

/// Baseline: reqwest posting a prebuilt body and parsing the JSON answer.
#[divan::bench(sample_count = 20)]
fn raw_reqwest(b: divan::Bencher) {
    let rt = runtime();
    let server = rt.block_on(Server::answering(ANSWER));
    let http = reqwest::Client::new();
    let url = format!("{}/domainGetInfo", server.url);
    let body = "auth_login=demo&auth_password=s3cr3t-pa55&domain=test.com";
    b.counter(divan::counter::ItemsCount::new(BATCH)).bench(|| {
        rt.block_on(async {
            for _ in 0..BATCH {
                let r = http
                    .post(&url)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .expect("send");
                let bytes = r.bytes().await.expect("body");
                let v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
                divan::black_box(v);
            }
        })
    });
}

/// The generated client: the request validated, encoded, sent, and its answer classified.
#[divan::bench(sample_count = 20)]
fn generated_client(b: divan::Bencher) {
    let rt = runtime();
    let server = rt.block_on(Server::answering(ANSWER));
    let client = server.client();
    let request = DomainGetInfo::new().domain("test.com".parse().expect("domain"));
    b.counter(divan::counter::ItemsCount::new(BATCH)).bench(|| {
        rt.block_on(async {
            for _ in 0..BATCH {
                divan::black_box(client.domain_get_info(&request).await.expect("answer"));
            }
        })
    });
}
