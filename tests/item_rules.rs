//! Every bulk item is held to the same answer rules as a whole answer: each JSON value the
//! top-level `classify` table decides, placed inside a bulk item (of an object answer and
//! of an array answer), is decided the same way, with the same message.

use domaincontext::{AnswerKind, BulkAnswer, Effect, ItemError, Refusal, classify};
use domaincontext_testkit::hostile::{Hostile, Script};
use serde_json::{Value, json};

/// Every JSON value the top-level rules decide, success or refusal.
const VALUES: &[&str] = &[
    "true",
    r#"{"id": 1, "password": "x"}"#,
    "[]",
    "{}",
    r#"[{"id": 1}]"#,
    r#"{"_error": "not enough money"}"#,
    r#"{"_error": "contact not filled properly", "_error_ops": {"for": "RU"}}"#,
    r#"{"_error": ""}"#,
    r#"{"_error": null}"#,
    r#"{"_error": {"nested": [1, 2]}}"#,
    "false",
    "null",
    "0",
    "1",
    "-2.5",
    "12345678901234567890123",
    r#""ok""#,
    r#""""#,
    r#""Domain is busy""#,
];

/// The item's outcome, in the terms of the top-level rules.
fn same(top: &Result<Value, Refusal>, item: &Result<domaincontext::RawItem, ItemError>) -> bool {
    match (top, item) {
        (Ok(a), Ok(b)) => serde_json::from_str::<Value>(b.get()).is_ok_and(|b| *a == b),
        (Err(Refusal::Api(a)), Err(ItemError::Api(b))) => a == b,
        _ => false,
    }
}

#[test]
fn every_item_follows_the_top_level_rules() {
    let keys = ["0".to_owned(), "1".to_owned()];
    let mut checked = 0;
    let mut refused = 0;
    for text in VALUES {
        let top = classify(200, text.as_bytes(), AnswerKind::Value);
        assert!(
            matches!(top, Ok(_) | Err(Refusal::Api(_))),
            "{text}: the table holds JSON values only"
        );
        refused += usize::from(top.is_err());
        let item: Value = serde_json::from_str(text).unwrap();
        for (shape, answer) in [
            ("object", json!({"0": item.clone(), "1": true})),
            ("array", json!([item.clone(), true])),
        ] {
            for effect in [Effect::Read, Effect::Change] {
                let split = BulkAnswer::split(answer.clone(), &keys, effect).unwrap();
                let got = &split.items()[0].result;
                assert!(same(&top, got), "{text} in an {shape}: {top:?} vs {got:?}");
                assert_eq!(split.is_ok(), top.is_ok(), "{text} in an {shape}");
                assert!(split.items()[1].result.is_ok());
                if let Err(e) = got {
                    assert!(!e.is_outcome_unknown(), "a refusal is not unknown: {e}");
                    assert!(!e.message().is_empty(), "{text}: a message");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, VALUES.len() * 4);
    assert_eq!(refused, 14, "values the rules refuse");
}

#[test]
fn an_empty_error_still_says_something() {
    let err = classify(200, br#"{"_error": ""}"#, AnswerKind::Value).unwrap_err();
    let Refusal::Api(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.message(), "the API answered an empty error");
}

/// The issue's own case, through a real call: three registrations answered `false`,
/// `null` and a bare string are three refusals, and the answer is not ok.
#[tokio::test]
async fn a_registration_answered_false_null_and_a_string_is_refused() {
    let server =
        Hostile::always(Script::json(r#"{"0":false,"1":null,"2":"Domain is busy"}"#)).await;
    let client = domaincontext::Client::builder()
        .base_url(&server.url)
        .credentials("demo", "x")
        .rate_limit(None)
        .build()
        .unwrap();
    let request = domaincontext::Request::from_args(
        "domainsRegister",
        &json!([{"domain": "a.com"}, {"domain": "b.net"}, {"domain": "c.org"}]),
    )
    .unwrap();
    let reply = client.call(&request).await.unwrap();
    assert!(!reply.is_ok());
    let domaincontext::Reply::Bulk(answer) = reply else {
        panic!("a bulk answer")
    };
    let messages: Vec<String> = answer
        .items()
        .iter()
        .map(|i| match &i.result {
            Err(ItemError::Api(e)) => format!("{}: {}", i.key, e.message()),
            other => panic!("{}: {other:?}", i.key),
        })
        .collect();
    assert_eq!(
        messages,
        [
            "0: the API answered false",
            "1: the API answered null",
            "2: the API answered a bare string: \"Domain is busy\"",
        ]
    );
}
