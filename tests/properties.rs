//! Properties that must hold for any input (the same properties the fuzz targets in
//! `fuzz/` explore for longer): no panic anywhere on hostile input, and the wire form
//! round-trips.

use domaincontext::registry::{COMMANDS, TYPES};
use domaincontext::{AnswerKind, BulkAnswer, Effect, Request, classify, form};
use proptest::prelude::*;
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
    fn json_answers_never_panic(v in json(), keys in prop::collection::vec("[0-9]{1,2}", 0..4)) {
        let body = v.to_string();
        if let Ok(v) = classify(200, body.as_bytes(), AnswerKind::Bulk) {
            if let Ok(b) = BulkAnswer::split(v, &keys, Effect::Change) {
                prop_assert_eq!(b.items().len(), keys.len());
            }
        }
    }

    #[test]
    fn validators_never_panic(v in ".{0,80}", t in 0usize..64) {
        let ty = &TYPES[t % TYPES.len()];
        if let Err(e) = (ty.check)(&v) {
            prop_assert_eq!(e.type_name(), ty.name);
            prop_assert!(!e.reason().is_empty());
            if ty.secret {
                prop_assert!(e.value().is_none());
            }
        }
    }

    #[test]
    fn parsing_arguments_never_panics(v in json(), c in 0usize..512) {
        let info = &COMMANDS[c % COMMANDS.len()];
        if let Ok(request) = Request::from_args(info.name, &v) {
            // Whatever parses also validates and encodes.
            prop_assert!(domaincontext::Command::validate(&request).is_ok());
            let mut w = domaincontext::rt::FormWriter::new();
            domaincontext::rt::Sealed::encode(&request, &mut w);
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

#[test]
fn accepted_text_is_sent_unchanged() {
    for ty in TYPES.iter().filter(|t| !t.list) {
        for e in ty.examples {
            let info = COMMANDS.iter().find_map(|c| {
                c.args
                    .iter()
                    .find(|a| {
                        a.kind == domaincontext::ArgKind::Type(ty.name) && a.one_of.is_empty()
                    })
                    .map(|a| (c, a))
            });
            let Some((c, a)) = info else { continue };
            if c.bulk_of.is_some() {
                continue;
            }
            let mut args = c.example_args(false);
            args[a.name] = Value::String((*e).to_owned());
            let Ok(request) = Request::from_args(c.name, &args) else {
                continue;
            };
            // What is sent: the encoding writer's body (the pairs writer shows secrets as ***).
            let mut w = domaincontext::rt::FormWriter::encoding();
            domaincontext::rt::Sealed::encode(&request, &mut w);
            let pairs = domaincontext::form::decode(&w.into_body());
            let sent = pairs
                .iter()
                .find(|(k, _)| k == a.name)
                .map(|(_, v)| v.as_str());
            if ty.name == "bool" {
                continue;
            }
            // A blank value of an optional argument is "not given": never sent.
            if e.trim().is_empty() && !a.required {
                assert_eq!(sent, None, "{}.{} ({})", c.name, a.name, ty.name);
                continue;
            }
            assert_eq!(sent, Some(*e), "{}.{} ({})", c.name, a.name, ty.name);
        }
    }
}
