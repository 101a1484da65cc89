//! Bulk answers that do not match the request: a missing item of a changing command is
//! "outcome unknown" (of a read-only one, a plain "no result"); entries under keys the
//! request did not send make the answer not ok and are reported; the caller's own item
//! keys are kept, never renumbered.

use domaincontext::{Client, ItemError, Reply, Request, Sent};
use domaincontext_testkit::hostile::{Hostile, Script};
use serde_json::{Value, json};

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .credentials("demo", "x")
        .rate_limit(None)
        .build()
        .unwrap()
}

async fn bulk(command: &str, items: Value, answer: &str) -> domaincontext::BulkAnswer {
    let server = Hostile::always(Script::json(answer)).await;
    let request = Request::from_args(command, &items).unwrap();
    match client(&server.url).call(&request).await.unwrap() {
        Reply::Bulk(b) => b,
        Reply::Value(v) => panic!("not a bulk answer: {v:?}"),
    }
}

struct Case {
    command: &'static str,
    items: Value,
    answer: &'static str,
    /// Each item: key, and `None` for success or `Some((outcome unknown, message))`.
    expect: &'static [(&'static str, Option<(bool, &'static str)>)],
    unmatched: &'static [&'static str],
}

const UNKNOWN: &str = "the answer has no result for this item; outcome unknown: it may have been carried out, check before repeating it";
const NO_RESULT: &str = "the answer has no result for this item";

#[tokio::test]
async fn mismatched_bulk_answers() {
    let two = json!([{"domain": "a.com"}, {"domain": "b.net"}]);
    // domainsSetDNS keys its items by domain id, as the caller chose them.
    let record = json!({"1": {"type": "a", "value": "1.2.3.4", "ttl": 7200, "status": "new"}});
    let keyed = json!({"7": record, "5": record});
    let cases = [
        Case {
            command: "domainsRegister",
            items: two.clone(),
            answer: r#"{"0": {"id": 1}}"#,
            expect: &[("0", None), ("1", Some((true, UNKNOWN)))],
            unmatched: &[],
        },
        Case {
            command: "domainsGetInfo",
            items: two.clone(),
            answer: r#"{"0": {"id": 1}}"#,
            expect: &[("0", None), ("1", Some((false, NO_RESULT)))],
            unmatched: &[],
        },
        Case {
            command: "domainsRegister",
            items: two.clone(),
            answer: r#"{"0": {"id": 1}, "1": {"id": 2}, "9": {"_error": "who asked"}}"#,
            expect: &[("0", None), ("1", None)],
            unmatched: &["9"],
        },
        Case {
            command: "domainsRegister",
            items: two.clone(),
            answer: r#"[{"id": 1}, {"id": 2}, {"id": 3}]"#,
            expect: &[("0", None), ("1", None)],
            unmatched: &["2"],
        },
        Case {
            command: "domainsSetDNS",
            items: keyed.clone(),
            answer: r#"{"5": {"_error": "not enough money"}, "7": {"id": 1}}"#,
            expect: &[("7", None), ("5", Some((false, "not enough money")))],
            unmatched: &[],
        },
        // Answered under renumbered keys: nothing matches the caller's keys.
        Case {
            command: "domainsSetDNS",
            items: keyed,
            answer: r#"{"0": {"id": 1}, "1": {"id": 2}}"#,
            expect: &[("7", Some((true, UNKNOWN))), ("5", Some((true, UNKNOWN)))],
            unmatched: &["0", "1"],
        },
    ];
    let mut checked = 0;
    for case in &cases {
        let b = bulk(case.command, case.items.clone(), case.answer).await;
        let got: Vec<(&str, Option<(bool, String)>)> = b
            .items()
            .iter()
            .map(|i| {
                let e = i.result.as_ref().err();
                (
                    i.key.as_str(),
                    e.map(|e| (e.is_outcome_unknown(), e.to_string())),
                )
            })
            .collect();
        let want: Vec<(&str, Option<(bool, String)>)> = case
            .expect
            .iter()
            .map(|(k, e)| (*k, e.map(|(u, m)| (u, m.to_owned()))))
            .collect();
        assert_eq!(got, want, "{} {}", case.command, case.answer);
        let unmatched: Vec<&str> = b.unmatched().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(unmatched, case.unmatched, "{}", case.answer);
        let all_ok = case.expect.iter().all(|(_, e)| e.is_none());
        assert_eq!(
            b.is_ok(),
            all_ok && case.unmatched.is_empty(),
            "{}",
            case.answer
        );
        assert_eq!(
            b.is_outcome_unknown(),
            case.expect.iter().any(|(_, e)| e.is_some_and(|(u, _)| u)),
            "{}",
            case.answer
        );
        for i in b.failed() {
            let e = i.result.as_ref().unwrap_err();
            assert_eq!(e.sent(), Sent::Yes);
            assert!(
                matches!(e, ItemError::Api(_) | ItemError::NoResult { .. }),
                "{e:?}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 6);
}
