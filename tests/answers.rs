//! The answer rules: a table of bodies and statuses, each classified as the seed says,
//! both by `classify` and through a real call; and bulk answers that keep every item.

use domaincontext::requests::{DomainGetInfo, DomainRegister, DomainsRegister, DomainsSearch};
use domaincontext::{AnswerKind, ErrorKind, ExposeSecret, Refusal, Sent, classify};
use domaincontext_testkit::{Reply, Server};
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Ok,
    Api,
    Unreadable,
    Status,
}

const TABLE: &[(u16, &str, Class)] = &[
    (200, "true", Class::Ok),
    (200, " true\n", Class::Ok),
    (200, r#"{"id": 1, "password": "x"}"#, Class::Ok),
    (200, "[]", Class::Ok),
    (200, "{}", Class::Ok),
    (200, r#"[{"id": 1}]"#, Class::Ok),
    (200, r#"{"_error": "not enough money"}"#, Class::Api),
    (
        200,
        r#"{"_error": "contact not filled properly", "_error_ops": {"for": "RU"}}"#,
        Class::Api,
    ),
    (200, "false", Class::Api),
    (200, "null", Class::Api),
    (200, "0", Class::Api),
    (200, "1", Class::Api),
    (200, r#""ok""#, Class::Api),
    (200, "", Class::Unreadable),
    (200, "   \n", Class::Unreadable),
    (
        200,
        "<html><body>Bad Gateway</body></html>",
        Class::Unreadable,
    ),
    (200, "{\"id\": ", Class::Unreadable),
    (200, "tru", Class::Unreadable),
    (502, "<html>502 Bad Gateway</html>", Class::Status),
    (500, "true", Class::Status),
    (404, r#"{"_error": "x"}"#, Class::Status),
    (429, "", Class::Status),
];

fn class_of(r: &Result<serde_json::Value, Refusal>) -> Class {
    match r {
        Ok(_) => Class::Ok,
        Err(Refusal::Api(_)) => Class::Api,
        Err(Refusal::Unreadable(_)) => Class::Unreadable,
        Err(Refusal::Status(_)) => Class::Status,
    }
}

#[test]
fn classify_follows_the_seed() {
    for (status, body, class) in TABLE {
        let got = classify(*status, body.as_bytes(), AnswerKind::Value);
        assert_eq!(class_of(&got), *class, "HTTP {status} {body:?} → {got:?}");
    }
    // A search with count=1 answers a bare number: success there only.
    assert_eq!(classify(200, b"42", AnswerKind::Search), Ok(json!(42)));
    assert_eq!(
        class_of(&classify(200, b"42", AnswerKind::Value)),
        Class::Api
    );
    // The API's message and its placeholders are kept.
    match classify(
        200,
        br#"{"_error":"contact not filled properly","_error_ops":{"for":"RU"}}"#,
        AnswerKind::Value,
    ) {
        Err(Refusal::Api(e)) => {
            assert_eq!(e.message(), "contact not filled properly");
            assert_eq!(e.ops(), Some(&json!({"for": "RU"})));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        class_of(&classify(200, b"\xff\xfe", AnswerKind::Value)),
        Class::Unreadable
    );
}

#[tokio::test]
async fn calls_classify_the_same_way() {
    for (status, body, class) in TABLE {
        let (status, text) = (*status, body.to_string());
        let server = Server::start(move |_| Reply::Body(status, text.clone())).await;
        let result = server
            .client()
            .domain_get_info(&DomainGetInfo::new().id("1".parse().expect("id")))
            .await;
        let got = match &result {
            Ok(_) => Class::Ok,
            Err(e) => match e.kind() {
                // A success whose answer does not fit the typed shape (`[{"id": 1}]` for
                // domainGetInfo) is still a success: the raw text says what it was.
                ErrorKind::Decode => {
                    assert!(!e.is_outcome_unknown());
                    assert_eq!(e.decode_error().map(|d| d.raw_text()), Some(body.trim()));
                    Class::Ok
                }
                ErrorKind::Api => Class::Api,
                ErrorKind::Answer => Class::Unreadable,
                ErrorKind::Status => Class::Status,
                other => panic!("{other:?}: {e}"),
            },
        };
        assert_eq!(got, *class, "HTTP {status}: {result:?}");
        if let Err(e) = &result {
            assert_eq!(e.sent(), Sent::Yes);
            assert_eq!(e.command(), Some("domainGetInfo"));
            assert!(
                !e.is_outcome_unknown(),
                "a read has no unknown outcome: {e}"
            );
        }
    }
}

#[tokio::test]
async fn a_search_count_is_a_number() {
    let server = Server::answering("17").await;
    // A count is a success, read raw: the typed method answers rows.
    let answer = server
        .client()
        .call_raw(&DomainsSearch::new().count(true))
        .await
        .expect("count");
    assert_eq!(answer.raw(), &json!(17));
    assert_eq!(server.received()[0].args(), [("count".into(), "1".into())]);
}

#[tokio::test]
async fn an_api_error_keeps_its_message() {
    let server = Server::answering(r#"{"_error":"not enough money"}"#).await;
    let err = server
        .client()
        .domain_register(&DomainRegister::new("a.com".parse().expect("domain")))
        .await
        .expect_err("refused");
    assert_eq!(
        err.api_error().map(|e| e.message()),
        Some("not enough money")
    );
    assert!(
        !err.is_outcome_unknown(),
        "the API said no: the outcome is known"
    );
    assert_eq!(err.to_string(), "domainRegister: not enough money");
}

#[tokio::test]
async fn a_bulk_answer_keeps_every_item() {
    let server = Server::answering(r#"{"0": {"id": 11, "password": "p"}, "1": {"_error": "domain is not available"}, "2": {"id": 13}, "_error": "some items failed"}"#).await;
    let request = DomainsRegister::new(
        ["a.com", "test.com", "c.net"].map(|d| DomainRegister::new(d.parse().expect("domain"))),
    );
    let answer = server
        .client()
        .domains_register(&request)
        .await
        .expect("a partly failed bulk is an answer");
    assert!(!answer.is_ok());
    assert_eq!(
        answer.error().map(|e| e.message()),
        Some("some items failed")
    );
    let items = answer.items();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(),
        ["0", "1", "2"]
    );
    let first = items[0].result.as_ref().expect("item 0");
    assert_eq!(first.id.map(|i| i.get()), Some(11));
    assert_eq!(
        first.password.as_ref().map(|p| p.expose_secret()),
        Some("p")
    );
    assert_eq!(
        items[1].result.as_ref().expect_err("item 1").message(),
        "domain is not available"
    );
    assert_eq!(
        items[2]
            .result
            .as_ref()
            .expect("item 2")
            .id
            .map(|i| i.get()),
        Some(13)
    );
    assert_eq!(answer.failed().count(), 1);
}

#[tokio::test]
async fn a_bulk_answer_missing_an_item_says_so() {
    let server = Server::answering(r#"{"0": true, "7": true}"#).await;
    let request = DomainsRegister::new(
        ["a.com", "b.com"].map(|d| DomainRegister::new(d.parse().expect("domain"))),
    );
    let answer = server
        .client()
        .domains_register(&request)
        .await
        .expect("answer");
    assert!(answer.items()[0].result.is_ok());
    assert!(
        answer.items()[1]
            .result
            .as_ref()
            .expect_err("no result")
            .message()
            .contains("no result")
    );
    assert_eq!(
        answer.unmatched().len(),
        1,
        "the stray entry is kept, not dropped"
    );
}

#[tokio::test]
async fn a_bulk_error_with_no_items_is_an_error() {
    let server = Server::answering(r#"{"_error": "not allowed"}"#).await;
    let request = DomainsRegister::new([DomainRegister::new("a.com".parse().expect("domain"))]);
    let err = server
        .client()
        .domains_register(&request)
        .await
        .expect_err("whole call refused");
    assert_eq!(err.api_error().map(|e| e.message()), Some("not allowed"));
}
