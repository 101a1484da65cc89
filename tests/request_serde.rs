//! Requests are serde data: for every command, the example arguments (the JSON tree that
//! mirrors the form, as the CLI's `--json` takes it) deserialize into the typed request,
//! serialize back, and deserialize again to an equal request with equal JSON; and every
//! invalid value of the type tables, in every argument of its type, is refused by
//! `Deserialize` with the command and the argument's path in the message, exactly as the
//! registry's reader words it.

use domaincontext::registry::{ArgInfo, ArgKind, COMMANDS, CommandInfo, TYPES, type_info};
use domaincontext::requests::{DomainRenew, DomainSetDns, DomainsRegister};
use domaincontext::{Command, Problem, Request};
use serde_json::{Value, json};

fn round_trip(info: &CommandInfo, args: &Value) {
    let name = info.name;
    let typed = Request::deserialize_args(name, args).unwrap_or_else(|e| panic!("{name}: {e}"));
    // Both front doors of the reader agree.
    assert_eq!(
        Request::from_args(name, args).expect("the registry's reader"),
        typed,
        "{name}"
    );
    let json = serde_json::to_value(&typed).unwrap();
    let again = Request::deserialize_args(name, &json)
        .unwrap_or_else(|e| panic!("{name}: its own serde form {json} refused: {e}"));
    assert_eq!(again, typed, "{name}: {json}");
    assert_eq!(serde_json::to_value(&again).unwrap(), json, "{name}");
    // Through text, as a user stores a request.
    let text = serde_json::to_string(&typed).unwrap();
    let mut de = serde_json::Deserializer::from_str(&text);
    assert_eq!(
        Request::deserialize_args(name, &mut de).unwrap(),
        typed,
        "{name}"
    );
}

#[test]
fn every_command_round_trips_through_its_serde_form() {
    let mut commands = 0;
    for info in COMMANDS {
        // Required arguments only, and every argument.
        round_trip(info, &info.example_args(false));
        round_trip(info, &info.example_args(true));
        commands += 1;
    }
    assert_eq!(commands, 139);
}

/// Where an argument of the example arguments of `info` sits: the object of arguments to
/// set it in, and the path prefix its error names (`0[...]` for a bulk item).
fn item_of<'a>(
    info: &CommandInfo,
    args: &'a mut Value,
) -> (&'a mut serde_json::Map<String, Value>, String) {
    match (info.bulk_of, args) {
        (None, Value::Object(m)) => (m, String::new()),
        (Some(_), Value::Array(items)) => match items.first_mut() {
            Some(Value::Object(m)) => (m, "0".to_owned()),
            other => panic!("{}: item {other:?}", info.name),
        },
        (Some(_), Value::Object(keyed)) => {
            let (key, item) = keyed.iter_mut().next().expect("one keyed item");
            match item {
                Value::Object(m) => (m, key.clone()),
                other => panic!("{}: item {other:?}", info.name),
            }
        }
        (_, other) => panic!("{}: arguments {other:?}", info.name),
    }
}

fn path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}[{name}]")
    }
}

/// One invalid value in one argument: the refusal, or (a blank optional value, which is
/// "not given") the acceptance.
enum Outcome {
    Refused,
    NotGiven,
}

fn try_invalid(
    info: &CommandInfo,
    set: impl Fn(&mut serde_json::Map<String, Value>, &str),
    prefix_of: impl Fn(&str) -> String,
    arg: &ArgInfo,
    ty: &str,
    bad: &str,
) -> Outcome {
    let name = info.name;
    let mut args = info.example_args(false);
    let (item, prefix) = item_of(info, &mut args);
    let prefix = prefix_of(&prefix);
    set(item, bad);
    let at = path(&prefix, arg.name);
    let serde = Request::deserialize_args(name, &args);
    let reader = Request::from_args(name, &args);
    // A blank optional value is not given; when it stands for its argument group in the
    // example, the group is then missing.
    let group = info.groups.iter().find(|g| g.first() == Some(&arg.name));
    if bad.trim().is_empty() && !arg.required && group.is_none() {
        assert!(
            serde.is_ok() && reader.is_ok(),
            "{name} {at} = {bad:?}: blank is not given"
        );
        return Outcome::NotGiven;
    }
    let message = serde
        .expect_err(&format!("{name} {at} = {bad:?} accepted"))
        .to_string();
    let e = reader.expect_err("the registry's reader refuses it too");
    // The message is the reader's, naming the command and the argument's path.
    assert_eq!(message, e.to_string());
    assert_eq!(e.command(), name);
    match e.problem() {
        Problem::Invalid(v) => {
            assert_eq!(e.argument(), at, "{message}");
            assert_eq!(v.type_name(), ty, "{message}");
            assert!(
                message.starts_with(&format!("{name}: argument `{at}`: ")),
                "{message}"
            );
        }
        Problem::MissingOneOf { group: g } => {
            assert!(bad.trim().is_empty() && group == Some(g), "{message}");
            assert_eq!(e.argument(), prefix, "{message}");
        }
        Problem::Blank => {
            assert!(bad.trim().is_empty(), "{message}");
            assert_eq!(e.argument(), at, "{message}");
            assert_eq!(
                message,
                format!("{name}: argument `{at}` is required and must not be empty")
            );
        }
        other => panic!("{name} {at} = {bad:?}: unexpected {other:?}"),
    }
    Outcome::Refused
}

#[test]
fn every_invalid_value_is_refused_by_deserialize_with_its_path() {
    let (mut refused, mut not_given) = (0, 0);
    let mut types_seen = std::collections::BTreeSet::new();
    let mut count = |o: Outcome| match o {
        Outcome::Refused => refused += 1,
        Outcome::NotGiven => not_given += 1,
    };
    for info in COMMANDS {
        for arg in info.args {
            // A bulk item's key comes from where the item sits, not from the item.
            if info.bulk_key == Some(arg.name) {
                continue;
            }
            match arg.kind {
                ArgKind::Type(ty) => {
                    let t = type_info(ty).expect("type");
                    types_seen.insert(ty);
                    for bad in t.invalid {
                        let set = |m: &mut serde_json::Map<String, Value>, v: &str| {
                            m.insert(arg.name.to_owned(), Value::String(v.to_owned()));
                        };
                        count(try_invalid(info, set, str::to_owned, arg, ty, bad));
                    }
                }
                // Each field of a record, in record 1 of the argument.
                ArgKind::Records { flatten } => {
                    for field in arg.fields {
                        let ArgKind::Type(ty) = field.kind else {
                            continue;
                        };
                        types_seen.insert(ty);
                        for bad in type_info(ty).expect("type").invalid {
                            let set = |m: &mut serde_json::Map<String, Value>, v: &str| {
                                let records = if flatten {
                                    m
                                } else {
                                    m.entry(arg.name)
                                        .or_insert_with(|| json!({}))
                                        .as_object_mut()
                                        .expect("records")
                                };
                                let record = records
                                    .entry("1")
                                    .or_insert_with(|| json!({}))
                                    .as_object_mut()
                                    .expect("record");
                                record.insert(field.name.to_owned(), Value::String(v.to_owned()));
                            };
                            let prefix_of = |p: &str| {
                                let records = if flatten {
                                    p.to_owned()
                                } else {
                                    path(p, arg.name)
                                };
                                path(&records, "1")
                            };
                            count(try_invalid(info, set, prefix_of, field, ty, bad));
                        }
                    }
                }
                ArgKind::MapOf(_) => {}
            }
        }
    }
    // Every type with invalid values was tried somewhere.
    let unseen: Vec<&str> = TYPES
        .iter()
        .filter(|t| !t.invalid.is_empty() && !types_seen.contains(t.name))
        .map(|t| t.name)
        .collect();
    // These two are only items of list types (`ips`, `hdomains`), whose own invalid
    // values were tried.
    assert_eq!(unseen, ["ip", "hdomain"], "types never tried");
    assert!(refused >= 2_900, "only {refused} invalid values refused");
    assert!(not_given >= 200, "only {not_given} blank optional values");
    println!("{refused} refused, {not_given} blank optional values not given");
}

#[test]
fn a_bulk_item_is_named_in_the_error() {
    let e = serde_json::from_value::<DomainsRegister>(json!([
        {"domain": "a.com"},
        {"domain": "b.com", "period": "11"},
    ]))
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("domainsRegister: argument `1[period]`: \"11\" is not a valid period"),
        "{e}"
    );
    // Argument groups are checked too: an item of domainSetDNS needs `id` or `domain`.
    let e = serde_json::from_value::<DomainSetDns>(json!({"1": {"type": "a"}}))
        .unwrap_err()
        .to_string();
    assert_eq!(e, "domainSetDNS: `id` or `domain` is required");
}

#[test]
fn a_date_is_a_date_and_its_rule_still_holds() {
    let r: DomainRenew = serde_json::from_value(json!({
        "domain": "example.com", "period": 1, "expires": "2027-02-28"
    }))
    .unwrap();
    assert_eq!(r.expires, domaincontext::jiff::civil::date(2027, 2, 28));
    assert_eq!(serde_json::to_value(&r).unwrap()["expires"], "2027-02-28");
    let e = serde_json::from_value::<DomainRenew>(json!({
        "domain": "example.com", "period": 1, "expires": "2027-02-29"
    }))
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("domainRenew: argument `expires`: \"2027-02-29\" is not a valid expires"),
        "{e}"
    );
    // A date made in Rust that has no `YYYY-MM-DD` form (jiff takes years before 1) is
    // refused before sending.
    let date = DomainRenew::new(
        "example.com".parse().unwrap(),
        1.try_into().unwrap(),
        domaincontext::jiff::civil::date(-1, 1, 1),
    );
    let e = date.validate().unwrap_err();
    assert_eq!(e.argument(), "expires");
    assert!(
        matches!(e.problem(), Problem::Invalid(v) if v.type_name() == "expires"),
        "{e}"
    );
}

#[test]
fn serialize_writes_a_secret_that_debug_and_errors_hide() {
    let r = domaincontext::requests::DomainGetPassword::new()
        .domain("example.com".parse().unwrap())
        .pincode("7391".parse().unwrap());
    // The user asked to serialize the request: the secret is in it, and reads back.
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json, json!({"domain": "example.com", "pincode": "7391"}));
    assert_eq!(
        serde_json::from_value::<domaincontext::requests::DomainGetPassword>(json).unwrap(),
        r
    );
    assert!(!format!("{r:?}").contains("7391"));
    // A refused secret is not repeated.
    let e = serde_json::from_value::<domaincontext::requests::DomainGetPassword>(
        json!({"domain": "example.com", "pincode": "73915"}),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("domainGetPassword: argument `pincode`: the pincode given is not valid"),
        "{e}"
    );
    assert!(!e.contains("73915"), "{e}");
}
