//! A success whose answer does not fit its typed shape is not a failed call: the error
//! says the command succeeded, carries the answer's exact text, is of its own kind, and
//! is never an unknown outcome (a changing command *was* carried out). A bulk item that
//! does not fit is the same, for that item alone. Never confused with the API refusing.

use std::error::Error as _;

use domaincontext::requests::{DomainRegister, DomainsRegister};
use domaincontext::{ErrorKind, ExposeSecret, ItemError, Sent};
use domaincontext_testkit::Server;

const MISFIT: &str = r#"{"id": "not-a-number", "password": "Auth-Secret-9"}"#;

#[tokio::test]
async fn a_changing_command_that_succeeded_but_does_not_fit_is_a_decode_error() {
    let server = Server::answering(MISFIT).await;
    let e = server
        .client()
        .domain_register(&DomainRegister::new("a.com".parse().unwrap()))
        .await
        .expect_err("the answer does not fit");
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert_eq!(
        e.to_string(),
        "domainRegister: the command succeeded but its answer could not be read"
    );
    assert!(!e.is_outcome_unknown(), "the command was carried out");
    assert_eq!(e.sent(), Sent::Yes);
    assert!(e.api_error().is_none(), "the API did not refuse");
    let d = e.decode_error().expect("the decode error");
    assert_eq!(d.raw_text(), MISFIT);
    assert!(d.message().starts_with("field `id`: "), "{}", d.message());
    assert_eq!(
        e.source().map(ToString::to_string).as_deref(),
        Some(d.message())
    );
    // The auth code in the answer is in the raw text only, never in a message.
    for shown in [
        e.to_string(),
        format!("{e:?}"),
        format!("{d:?}"),
        d.to_string(),
    ] {
        assert!(!shown.contains("Auth-Secret-9"), "{shown}");
    }
    assert_eq!(server.received().len(), 1, "sent once, never repeated");

    // The same call, undecoded, is a success.
    let raw = server
        .client()
        .call_raw(&DomainRegister::new("a.com".parse().unwrap()))
        .await
        .expect("raw");
    assert_eq!(raw.raw_text(), MISFIT);
}

#[tokio::test]
async fn a_refusal_is_not_a_decode_error() {
    let server = Server::answering(r#"{"_error": "not enough money"}"#).await;
    let e = server
        .client()
        .domain_register(&DomainRegister::new("a.com".parse().unwrap()))
        .await
        .expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::Api);
    assert!(e.decode_error().is_none());
}

#[tokio::test]
async fn a_bulk_item_that_does_not_fit_is_that_item_s_decode_error() {
    let server = Server::answering(
        r#"{"0": {"id": 5, "password": "p0"}, "1": {"id": "not-a-number", "password": "p1"}}"#,
    )
    .await;
    let request =
        DomainsRegister::new(["a.com", "b.com"].map(|d| DomainRegister::new(d.parse().unwrap())));
    let answer = server
        .client()
        .domains_register(&request)
        .await
        .expect("a bulk answer");
    let items = answer.items();
    assert_eq!(items.len(), 2);
    let first = items[0].result.as_ref().expect("item 0 fits");
    assert_eq!(first.id.map(|i| i.get()), Some(5));
    assert_eq!(
        first.password.as_ref().map(|p| p.expose_secret()),
        Some("p0")
    );
    let e = items[1].result.as_ref().expect_err("item 1 does not fit");
    let ItemError::Decode(d) = e else {
        panic!("not a decode error: {e:?}")
    };
    assert!(!e.is_outcome_unknown(), "the item was carried out");
    assert_eq!(e.sent(), Sent::Yes);
    assert!(e.api_error().is_none());
    assert_eq!(
        e.to_string(),
        "the item succeeded but its answer could not be read"
    );
    assert_eq!(d.raw_text(), r#"{"id": "not-a-number", "password": "p1"}"#);
    assert!(!answer.is_ok());
    assert!(!answer.is_outcome_unknown());
}
