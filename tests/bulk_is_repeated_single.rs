//! In the sandbox a bulk command is its single command run once per item, as the spec's
//! "array of" says: for every bulk command, each item's result equals what the single
//! command answers for the same arguments on a sandbox in the same starting state.

use domaincontext::registry::COMMANDS;
use domaincontext::rt::{FormWriter, Sealed};
use domaincontext::{Command, Request};
use domaincontext_sandbox::{State, handle};
use serde_json::Value;

/// The sandbox's answer to `command` with these arguments, on a fresh starting state.
fn answer(command: &str, args: &Value) -> (Value, Request) {
    let request = Request::from_args(command, args).unwrap_or_else(|e| panic!("{e}"));
    // The encoding writer, as the client sends: the pairs writer shows secrets as `***`.
    let mut w = FormWriter::encoding();
    w.raw("auth_login", "demo");
    w.raw("auth_password", "demo");
    request.encode(&mut w);
    let pairs = domaincontext::form::decode(&w.into_body());
    let (status, body) = handle(&mut State::default(), command, &pairs);
    assert_eq!(status, 200, "{command}");
    (
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{command}: {e}: {body}")),
        request,
    )
}

#[test]
fn every_bulk_item_answers_as_its_single_command() {
    let mut compared = 0;
    for bulk in COMMANDS.iter().filter(|c| c.bulk_of.is_some()) {
        let single =
            domaincontext::command(bulk.bulk_of.unwrap_or_default()).expect("item command");
        for all in [false, true] {
            // An item without arguments besides its key writes nothing to the form: there
            // is no item then.
            let args = single.example_args(all);
            if args
                .as_object()
                .is_none_or(|m| m.keys().all(|k| Some(k.as_str()) == bulk.bulk_key))
            {
                continue;
            }
            let (one, _) = answer(single.name, &single.example_args(all));
            let (many, request) = answer(bulk.name, &bulk.example_args(all));
            let keys = request.bulk_keys().expect("a bulk request has keys");
            assert_eq!(keys.len(), 1);
            assert_eq!(
                many.get(&keys[0]),
                Some(&one),
                "{} item {} vs {}",
                bulk.name,
                keys[0],
                single.name
            );
            compared += 1;
        }
    }
    assert!(compared >= 80, "only {compared} bulk commands compared");
}
