//! Properties that must hold for any input (the same properties the fuzz targets in
//! `fuzz/` explore for longer): no panic anywhere on hostile input, and the wire form
//! round-trips.

use domaincontext::registry::{COMMANDS, TYPES};
use domaincontext::{AnswerKind, BulkAnswer, Effect, Request, classify, form};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        ".{0,12}".prop_map(Value::String),
        "[0-9]{1,3}".prop_map(Value::String),
        "[a-z]{1,8}\\.(com|net|рф)".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("(_error|[a-z_]{1,8}|[0-9]{1,2})", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn form_round_trips(pairs in prop::collection::vec((".{0,16}", ".{0,32}"), 0..8)) {
        let encoded = form::encode(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%=&".contains(&b)));
        let decoded = form::decode(&encoded);
        let expected: Vec<(String, String)> = pairs.into_iter().filter(|(k, v)| !(k.is_empty() && v.is_empty())).collect();
        // An empty pair encodes as "=", which decodes to ("", ""): compare non-empty ones.
        let decoded: Vec<(String, String)> = decoded.into_iter().filter(|(k, v)| !(k.is_empty() && v.is_empty())).collect();
        prop_assert_eq!(decoded, expected);
    }

    #[test]
    fn form_decoding_never_panics(body in ".{0,200}", depth in 0usize..10) {
        let pairs = form::decode(&body);
        let _ = form::to_tree(&pairs, depth);
    }

    #[test]
    fn answers_never_panic(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..256), keys in prop::collection::vec("[0-9]{1,2}", 0..4)) {
        for kind in [AnswerKind::Value, AnswerKind::Search, AnswerKind::Bulk] {
            if let Ok(v) = classify(status, &body, kind) {
                let _ = BulkAnswer::split(v, &keys, Effect::Change);
            }
        }
    }

    #[test]
    fn example_arguments_plus_noise_never_panic(c in 0usize..512, key in "[a-z_0-9]{1,10}", value in json()) {
        let info = &COMMANDS[c % COMMANDS.len()];
        let mut args = info.example_args(true);
        if let Value::Object(map) = &mut args {
            map.insert(key, value);
        }
        let _ = Request::from_args(info.name, &args);
    }
}

/// Cases each counted property runs.
const CASES: u32 = 256;

/// Runs `check` on [`CASES`] values of `strategy` (a fixed seed, so the count is the same
/// on every run) and fails unless at least `floor` of them reached the property's assertion
/// (`check` answers whether its case did): a property that ends up checking nothing fails.
fn counted<S: Strategy>(
    strategy: S,
    floor: usize,
    check: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) {
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
    let config = ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let reached = std::cell::Cell::new(0usize);
    let result = TestRunner::new_with_rng(config, rng).run(&strategy, |v| {
        if check(v)? {
            reached.set(reached.get() + 1);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(
        reached.get() >= floor,
        "only {} of {CASES} cases reached the property (at least {floor} should)",
        reached.get()
    );
}

#[test]
fn json_answers_never_panic() {
    let keys = prop::collection::vec("[0-9]{1,2}", 0..4);
    counted((json(), keys), 200, |(v, keys)| {
        let body = v.to_string();
        let Ok(v) = classify(200, body.as_bytes(), AnswerKind::Bulk) else {
            return Ok(false);
        };
        let Ok(b) = BulkAnswer::split(v, &keys, Effect::Change) else {
            return Ok(false);
        };
        prop_assert_eq!(b.items().len(), keys.len());
        Ok(true)
    });
}

#[test]
fn validators_never_panic() {
    counted((".{0,80}", 0usize..64), 200, |(v, t)| {
        let ty = &TYPES[t % TYPES.len()];
        let Err(e) = (ty.check)(&v) else {
            return Ok(false);
        };
        prop_assert_eq!(e.type_name(), ty.name);
        prop_assert!(!e.reason().is_empty());
        if ty.secret {
            prop_assert!(e.value().is_none());
        }
        Ok(true)
    });
}

#[test]
fn parsing_arguments_never_panics() {
    // Mostly a command's generated arguments with one of them replaced, sometimes a whole
    // random tree: random JSON alone almost never parses, and what does not parse checks
    // only that nothing panicked.
    let cases = (0usize..512, any::<bool>(), 0usize..32, json());
    counted(cases, 100, |(c, all, at, v)| {
        let info = &COMMANDS[c % COMMANDS.len()];
        let mut args = info.example_args(all);
        if at == 0 {
            args = v;
        } else if let Value::Object(map) = &mut args {
            let n = map.len().max(1);
            if let Some((_, slot)) = map.iter_mut().nth(at % n) {
                *slot = v;
            }
        }
        let Ok(request) = Request::from_args(info.name, &args) else {
            return Ok(false);
        };
        // Whatever parses also validates and encodes.
        prop_assert!(domaincontext::Command::validate(&request).is_ok());
        let mut w = domaincontext::rt::FormWriter::new();
        domaincontext::rt::Sealed::encode(&request, &mut w);
        Ok(true)
    });
}

#[test]
fn example_arguments_of_every_command_are_valid() {
    for info in &COMMANDS {
        for all in [false, true] {
            let args = info.example_args(all);
            if let Err(e) = Request::from_args(info.name, &args) {
                panic!("{} {args}: {e}", info.name);
            }
        }
    }
}

/// Types no plain, non-bulk argument without a value list uses, so no command sends their
/// examples as they are: checked exactly, so a type that gains such an argument is tested.
const NOT_SENT_PLAIN: &[&str] = &[
    // Fields of DNS records only (the records' own tests cover them).
    "dnsName",
    "recordType",
    "recordStatus",
    // Used by no argument: the parts of lists and answers.
    "ip",
    "hdomain",
    // Enumerations: every argument of theirs carries the value list (tests/enums.rs).
    "contactType",
    "tariffType",
    "virtualization",
    "cluster",
    "liveImage",
    "dcvMethod",
];

#[test]
fn accepted_text_is_sent_unchanged() {
    let mut checked = 0;
    let mut unused = Vec::new();
    for ty in TYPES.iter().filter(|t| !t.list) {
        let info = COMMANDS
            .iter()
            .filter(|c| c.bulk_of.is_none())
            .find_map(|c| {
                c.args
                    .iter()
                    .find(|a| {
                        a.kind == domaincontext::ArgKind::Type(ty.name) && a.one_of.is_empty()
                    })
                    .map(|a| (c, a))
            });
        let Some((c, a)) = info else {
            unused.push(ty.name);
            continue;
        };
        for e in ty.examples {
            let mut args = c.example_args(false);
            args[a.name] = Value::String((*e).to_owned());
            let request = Request::from_args(c.name, &args)
                .unwrap_or_else(|err| panic!("{}.{} = {e:?} ({}): {err}", c.name, a.name, ty.name));
            // What is sent: the encoding writer's body (the pairs writer shows secrets as ***).
            let mut w = domaincontext::rt::FormWriter::encoding();
            domaincontext::rt::Sealed::encode(&request, &mut w);
            let pairs = domaincontext::form::decode(&w.into_body());
            let sent = pairs
                .iter()
                .find(|(k, _)| k == a.name)
                .map(|(_, v)| v.as_str());
            checked += 1;
            if ty.name == "bool" {
                // A flag is sent in the API's spelling (`1`/`0`), whatever was accepted.
                assert!(
                    matches!(sent, Some("0" | "1")),
                    "{}.{}: {sent:?}",
                    c.name,
                    a.name
                );
            } else if e.trim().is_empty() && !a.required {
                // A blank value of an optional argument is "not given": never sent.
                assert_eq!(sent, None, "{}.{} ({})", c.name, a.name, ty.name);
            } else {
                assert_eq!(sent, Some(*e), "{}.{} ({})", c.name, a.name, ty.name);
            }
        }
    }
    unused.sort_unstable();
    let mut expected = NOT_SENT_PLAIN.to_vec();
    expected.sort_unstable();
    assert_eq!(unused, expected, "types no plain argument uses");
    let examples: usize = TYPES
        .iter()
        .filter(|t| !t.list && !NOT_SENT_PLAIN.contains(&t.name))
        .map(|t| t.examples.len())
        .sum();
    assert_eq!(
        checked, examples,
        "every example of every used type is checked"
    );
    assert!(checked >= 50, "only {checked} examples checked");
}
