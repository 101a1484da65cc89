//! `ClientBuilder::http_client`: calls go through the caller's own `reqwest::Client` (its
//! headers and user agent show on the wire), and the builder's safety checks still apply.

use domaincontext::requests::DomainsCheck;
use domaincontext::{Client, ErrorKind};
use domaincontext_testkit::hostile::{Hostile, Script};

fn own_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-caller",
        reqwest::header::HeaderValue::from_static("mine"),
    );
    reqwest::Client::builder()
        .user_agent("caller-agent/1.0")
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn calls_go_through_the_callers_client() {
    let server = Hostile::always(Script::json(r#"{"example.com": 1}"#)).await;
    let client = Client::builder()
        .http_client(own_client())
        .base_url(&server.url)
        .credentials("demo", "demo")
        .rate_limit(None)
        .build()
        .unwrap();
    client
        .call(&DomainsCheck::new("example.com".parse().unwrap()))
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let head = requests[0].to_lowercase();
    assert!(head.starts_with("post /domainscheck "), "{head}");
    assert!(head.contains("\r\nx-caller: mine\r\n"), "{head}");
    assert!(
        head.contains("\r\nuser-agent: caller-agent/1.0\r\n"),
        "{head}"
    );
    assert!(
        !head.contains("domaincontext/"),
        "not this crate's agent: {head}"
    );
}

#[test]
fn the_base_url_checks_still_apply() {
    let mut refused = 0;
    for url in [
        "http://example.com",
        "ftp://example.com",
        "https://user:pw@example.com",
    ] {
        let e = Client::builder()
            .http_client(own_client())
            .base_url(url)
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Config, "{url}: {e}");
        refused += 1;
    }
    assert_eq!(refused, 3);
    assert!(
        Client::builder()
            .http_client(own_client())
            .base_url("https://example.com")
            .build()
            .is_ok()
    );
}
