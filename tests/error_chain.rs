//! Errors by the API guidelines (C-GOOD-ERR): for every kind of error a call can end in, an
//! error-chain printer prints each fact once (no source's text inside its parent's
//! message), and a wrong login or password is told apart by `is_auth()`, against the
//! sandbox.

use std::error::Error as StdError;
use std::time::Duration;

use domaincontext::requests::{DomainGetInfo, DomainRegister, DomainsGetInfo, DomainsRegister};
use domaincontext::types::Domain;
use domaincontext::{
    Client, Error, ErrorKind, InvalidValue, ItemError, RetryPolicy, Sent, Timeout,
};
use domaincontext_testkit::hostile::{Hostile, Script};

/// Walks `e`'s chain and fails if a source's text is contained in its parent's; returns
/// the number of links checked.
fn assert_each_fact_once(case: &str, e: &(dyn StdError + 'static)) -> usize {
    let mut links = 0;
    let mut parent = e;
    assert!(!parent.to_string().is_empty(), "{case}: empty message");
    while let Some(source) = parent.source() {
        let (p, s) = (parent.to_string(), source.to_string());
        assert!(
            !p.contains(&s),
            "{case}: the source's text is repeated by its parent\n  parent: {p}\n  source: {s}"
        );
        links += 1;
        parent = source;
    }
    links
}

fn client(url: &str) -> domaincontext::ClientBuilder {
    Client::builder()
        .base_url(url)
        .credentials("demo", "demo")
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
}

fn one() -> DomainGetInfo {
    DomainGetInfo::new().domain("example.com".parse().unwrap())
}

/// An error of a read-only call to a server that follows `script`.
async fn call(
    script: Script,
    builder: impl FnOnce(domaincontext::ClientBuilder) -> domaincontext::ClientBuilder,
) -> Error {
    let server = Hostile::always(script).await;
    let client = builder(client(&server.url)).build().unwrap();
    client.call(&one()).await.unwrap_err()
}

#[tokio::test]
async fn every_kind_of_error_prints_each_fact_once() {
    let mut cases: Vec<(&str, Error)> = Vec::new();

    let invalid: InvalidValue = "not a domain".parse::<Domain>().unwrap_err();
    cases.push(("invalid value", Error::from(invalid)));
    let e = Client::builder()
        .build()
        .unwrap()
        .call(&DomainsRegister::new([]))
        .await;
    cases.push(("validation", e.unwrap_err()));
    for (case, url) in [
        ("config: not a URL", "not a url"),
        ("config: plain http", "http://example.com"),
        ("config: scheme", "ftp://example.com"),
    ] {
        cases.push((case, Client::builder().base_url(url).build().unwrap_err()));
    }
    let zero = Client::builder().timeout(Duration::ZERO).build();
    cases.push(("config: zero timeout", zero.unwrap_err()));

    cases.push((
        "api",
        call(
            Script::json(r#"{"_error": "not enough money", "_error_ops": {"for": "RU"}}"#),
            |b| b,
        )
        .await,
    ));
    cases.push((
        "status with _error",
        call(Script::answer(500, r#"{"_error": "internal"}"#), |b| b).await,
    ));
    cases.push(("status", call(Script::answer(503, "busy"), |b| b).await));
    cases.push((
        "answer: html",
        call(Script::json("<html>oops</html>"), |b| b).await,
    ));
    cases.push((
        "answer: too large",
        call(Script::json(r#"{"a": "0123456789"}"#), |b| {
            b.max_answer_bytes(4)
        })
        .await,
    ));
    cases.push((
        "transport: closed after the request",
        call(Script::close_after_request(), |b| b).await,
    ));
    cases.push((
        "timeout: answer",
        call(Script::never_answer(), |b| {
            b.timeout(Duration::from_millis(100))
        })
        .await,
    ));
    cases.push((
        "timeout: deadline over retries",
        call(Script::answer(503, "busy"), |b| {
            b.deadline(Duration::from_millis(300)).retry(RetryPolicy {
                max_retries: 100,
                base_delay: Duration::from_millis(20),
                max_delay: Duration::from_millis(40),
                max_elapsed: Duration::from_secs(30),
            })
        })
        .await,
    ));
    let refused = Hostile::refused_url().await;
    let e = client(&refused)
        .build()
        .unwrap()
        .call(&one())
        .await
        .unwrap_err();
    cases.push(("transport: refused", e));

    let mut kinds = std::collections::BTreeSet::new();
    let mut links = 0;
    for (case, e) in &cases {
        kinds.insert(format!("{:?}", e.kind()));
        links += assert_each_fact_once(case, e);
    }
    assert_eq!(cases.len(), 15);
    // Every kind of error there is, each with its chain walked.
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "Answer",
            "Api",
            "Config",
            "Status",
            "Timeout",
            "Transport",
            "Validation"
        ]
    );
    // The chains that have sources: the status's `_error`, the reqwest errors under
    // transport and timeout errors, the last attempt's error under a deadline.
    assert!(links >= 6, "only {links} links walked");
    let deadline = &cases
        .iter()
        .find(|(c, _)| c.starts_with("timeout: deadline"))
        .unwrap()
        .1;
    assert_eq!(deadline.timeout_kind(), Some(Timeout::Deadline));
    assert!(
        deadline.source().is_some(),
        "the last attempt's error is the source"
    );
}

#[test]
fn an_invalid_value_is_the_message_and_kept_not_also_the_source() {
    let invalid = "not a domain".parse::<Domain>().unwrap_err();
    let e = Error::from(invalid.clone());
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.sent(), Sent::No);
    assert_eq!(e.to_string(), invalid.to_string());
    assert_eq!(e.invalid_value(), Some(&invalid));
    assert!(e.source().is_none());
}

#[tokio::test]
async fn bulk_item_errors_are_errors_and_print_each_fact_once() {
    // One refused item, one item the answer does not mention, and a chunk that failed.
    let server = Hostile::always(Script::json(
        r#"{"_error": "some failed", "0": {"_error": "domain is not free"}}"#,
    ))
    .await;
    let c = client(&server.url).build().unwrap();
    let register = |d: &str| DomainRegister::new(d.parse().unwrap());
    let answer = c
        .call(&DomainsRegister::new([
            register("a.com"),
            register("b.com"),
        ]))
        .await
        .unwrap();
    let mut errors: Vec<ItemError> = answer
        .items()
        .iter()
        .filter_map(|i| i.result.clone().err())
        .collect();
    let lost = Hostile::always(Script::close_after_request()).await;
    let outcomes = client(&lost.url)
        .build()
        .unwrap()
        .bulk::<DomainsGetInfo>(vec![one()], domaincontext::BulkOptions::default())
        .await;
    errors.extend(outcomes.into_iter().filter_map(|o| o.result.err()));
    let mut links = 0;
    for e in &errors {
        // `ItemError` is a `std::error::Error`.
        links += assert_each_fact_once("bulk item", e as &(dyn StdError + 'static));
    }
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(matches!(errors[0], ItemError::Api(_)), "{:?}", errors[0]);
    assert!(
        matches!(errors[1], ItemError::NoResult { changes: true }),
        "{:?}",
        errors[1]
    );
    assert!(matches!(errors[2], ItemError::Chunk(_)), "{:?}", errors[2]);
    assert!(links >= 1, "the chunk's transport error has a source");
}

#[tokio::test]
async fn a_wrong_password_is_an_auth_error_against_the_sandbox() {
    let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new())
        .await
        .unwrap();
    let with = |password: &str| {
        Client::builder()
            .base_url(sandbox.url())
            .credentials("demo", password)
            .rate_limit(None)
            .build()
            .unwrap()
    };
    let request = DomainGetInfo::new().domain("test.com".parse().unwrap());
    let wrong = with("not-the-password").call(&request).await.unwrap_err();
    assert!(wrong.is_auth(), "{wrong}");
    assert_eq!(wrong.kind(), ErrorKind::Api);
    assert!(!wrong.to_string().contains("not-the-password"), "{wrong}");
    with("demo").call(&request).await.unwrap();
    // Another refusal by the API is not about the credentials.
    let other = with("demo")
        .call(&DomainGetInfo::new().domain("not-ours.com".parse().unwrap()))
        .await
        .unwrap_err();
    assert_eq!(other.kind(), ErrorKind::Api, "{other}");
    assert!(!other.is_auth(), "{other}");
    sandbox.shutdown().await;
}
