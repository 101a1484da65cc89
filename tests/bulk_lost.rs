//! `Client::bulk` when a chunk's task dies (here: a panic while the request is encoded):
//! its items come back as lost, "outcome unknown" for a changing command, never as a
//! refusal by the API; the other chunks keep their own results.

use domaincontext::rt::{FormWriter, Sealed};
use domaincontext::{
    AnswerKind, Bulk, BulkAnswer, BulkOptions, Client, Command, CommandInfo, Effect, ItemError,
    Sent, ValidationError,
};
use domaincontext_testkit::hostile::{Hostile, Script};

/// Items of `domainsRegister` (or of `domainsGetInfo`); encoding an item named `boom`
/// panics. `Command` is sealed: only a test, through the hidden runtime of the `dynamic`
/// feature, can make a command of its own.
struct Panicky<const CHANGES: bool>(Vec<String>);

impl<const CHANGES: bool> Sealed for Panicky<CHANGES> {
    fn answer(&self) -> AnswerKind {
        AnswerKind::Bulk
    }
    fn encode(&self, w: &mut FormWriter) {
        for (i, d) in self.0.iter().enumerate() {
            assert!(d != "boom", "injected panic");
            w.nest_index(i as u64, |w| w.raw("domain", d));
        }
    }
}

impl<const CHANGES: bool> Command for Panicky<CHANGES> {
    type Output = BulkAnswer;
    fn name(&self) -> &'static str {
        if CHANGES {
            "domainsRegister"
        } else {
            "domainsGetInfo"
        }
    }
    fn effect(&self) -> Effect {
        if CHANGES {
            Effect::Change
        } else {
            Effect::Read
        }
    }
    fn info(&self) -> &'static CommandInfo {
        domaincontext::command(Command::name(self)).unwrap()
    }
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
    fn bulk_keys(&self) -> Option<Vec<String>> {
        Some((0..self.0.len()).map(|i| i.to_string()).collect())
    }
}

impl<const CHANGES: bool> Bulk for Panicky<CHANGES> {
    type Item = String;
    fn from_items(items: Vec<String>) -> Self {
        Self(items)
    }
}

fn items() -> Vec<String> {
    ["a.com", "b.com", "boom", "c.com", "d.com", "e.com"]
        .map(str::to_owned)
        .to_vec()
}

async fn run<B: Bulk<Item = String, Output = BulkAnswer>>() -> (
    Vec<domaincontext::ItemOutcome<domaincontext::RawItem>>,
    usize,
) {
    let server = Hostile::always(Script::json(r#"{"0": {"id": 1}, "1": {"id": 2}}"#)).await;
    let client = Client::builder()
        .base_url(&server.url)
        .credentials("demo", "x")
        .rate_limit(None)
        .build()
        .unwrap();
    let options = BulkOptions {
        chunk_size: 2,
        concurrency: 2,
    };
    let outcomes = client.bulk::<B>(items(), options).await;
    (outcomes, server.requests().len())
}

#[tokio::test]
async fn a_panicked_chunk_of_a_changing_command_is_outcome_unknown() {
    let (outcomes, sent) = run::<Panicky<true>>().await;
    assert_eq!(sent, 2, "the two healthy chunks");
    assert_eq!(outcomes.len(), 6);
    let mut checked = 0;
    for o in &outcomes {
        match o.index {
            2 | 3 => {
                let e = o.result.as_ref().unwrap_err();
                assert!(matches!(e, ItemError::Lost { changes: true }), "{e:?}");
                assert!(e.is_outcome_unknown());
                assert!(e.api_error().is_none(), "not a refusal by the API");
                assert_eq!(e.sent(), Sent::Maybe);
                assert!(e.to_string().contains("outcome unknown"), "{e}");
            }
            _ => assert!(o.result.is_ok(), "{}: {:?}", o.index, o.result),
        }
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[tokio::test]
async fn a_panicked_chunk_of_a_read_is_lost_not_refused() {
    let (outcomes, _) = run::<Panicky<false>>().await;
    let lost: Vec<usize> = outcomes
        .iter()
        .filter(|o| matches!(o.result, Err(ItemError::Lost { changes: false })))
        .map(|o| o.index)
        .collect();
    assert_eq!(lost, [2, 3]);
    let e = outcomes[2].result.as_ref().unwrap_err();
    assert!(!e.is_outcome_unknown());
    assert_eq!(
        e.to_string(),
        "the task carrying this item failed before it answered; it may not have been sent"
    );
    assert_eq!(outcomes.iter().filter(|o| o.result.is_ok()).count(), 4);
}
