//! Every argument type: the seed's own examples are accepted; a table of invalid values is
//! refused, through a command, with an error naming the command, the argument and the
//! rule; and the recording server receives nothing for them.

use domaincontext::registry::{COMMANDS, TYPES};
use domaincontext::types::DnsName;
use domaincontext::{ArgKind, ErrorKind, Problem, Request, Sent};
use domaincontext_testkit::Server;
use serde_json::{Value, json};

#[test]
fn every_type_accepts_its_examples_and_refuses_its_invalid_values() {
    for t in &TYPES {
        assert!(!t.examples.is_empty(), "type {} has no examples", t.name);
        for e in t.examples {
            if let Err(err) = (t.check)(e) {
                panic!("type {}: example {e:?} refused: {err}", t.name);
            }
        }
        assert!(
            !t.invalid.is_empty(),
            "type {} has no invalid values",
            t.name
        );
        for v in t.invalid {
            assert!(
                (t.check)(v).is_err(),
                "type {}: invalid value {v:?} accepted",
                t.name
            );
        }
    }
}

/// A command with an argument of type `ty`, and that argument.
fn command_using(ty: &'static str) -> Option<(&'static str, &'static str)> {
    COMMANDS
        .iter()
        .filter(|c| c.bulk_of.is_none())
        .find_map(|c| {
            c.args
                .iter()
                .find(|a| a.kind == ArgKind::Type(ty) && a.one_of.is_empty())
                .map(|a| (c.name, a.name))
        })
}

#[tokio::test]
async fn invalid_values_never_reach_the_network() {
    let server = Server::answering("true").await;
    let client = server.client();
    let mut tried = 0;
    for t in &TYPES {
        let Some((command, arg)) = command_using(t.name) else {
            continue;
        };
        for bad in t.invalid {
            let mut args = domaincontext::command(command)
                .expect("command")
                .example_args(false);
            args[arg] = Value::String((*bad).to_owned());
            let required = domaincontext::command(command)
                .and_then(|c| c.args.iter().find(|a| a.name == arg))
                .is_some_and(|a| a.required);
            if bad.trim().is_empty() && !required {
                // A blank optional value is "not given" (tests/blank_and_lists.rs).
                assert!(
                    Request::from_args(command, &args).is_ok(),
                    "{command}.{arg}"
                );
                continue;
            }
            let err = Request::from_args(command, &args).expect_err("refused while parsing");
            assert_eq!(err.command(), command);
            assert_eq!(err.argument(), arg);
            let text = err.to_string();
            assert!(text.contains(command) && text.contains(arg), "{text}");
            match err.problem() {
                Problem::Invalid(e) => {
                    assert_eq!(e.type_name(), t.name, "{text}");
                    assert!(
                        text.contains(e.rule().trim_end_matches('.')),
                        "the rule is named: {text}"
                    );
                    if t.secret {
                        assert!(
                            e.value().is_none() && (bad.is_empty() || !text.contains(bad)),
                            "a secret is never repeated: {text}"
                        );
                    } else {
                        assert_eq!(e.value(), Some(*bad));
                        assert!(
                            text.contains(&format!("{bad:?}")),
                            "the value is named: {text}"
                        );
                    }
                }
                // A blank value of a required argument is refused as blank.
                Problem::Blank | Problem::Missing => assert!(bad.trim().is_empty(), "{text}"),
                other => panic!("{command}.{arg} = {bad:?}: unexpected {other:?}"),
            }
            tried += 1;
        }
    }
    assert!(tried > 100, "only {tried} invalid values were tried");
    // Also through the typed API: a blank required value is refused by the client.
    let blank = domaincontext::requests::CertificateCancel::new(
        "1".parse().expect("id"),
        "".parse().expect("an empty label is a label"),
    );
    let err = client
        .certificate_cancel(&blank)
        .await
        .expect_err("blank required");
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.sent(), Sent::No);
    assert!(
        err.to_string().contains("certificateCancel") && err.to_string().contains("reason"),
        "{err}"
    );
    assert!(server.received().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn one_of_missing_and_unknown_arguments_are_refused_before_sending() {
    let server = Server::answering("true").await;
    let client = server.client();
    let cases = [
        (
            "serverBuy",
            json!({"tariff": "t", "cluster_id": 3, "osimage": "centos"}),
            "cluster_id",
            r#"must be one of "1", "2""#,
        ),
        (
            "domainRegister",
            json!({"period": 1}),
            "domain",
            "is required",
        ),
        (
            "domainRegister",
            json!({"domain": "a.com", "perid": 1}),
            "perid",
            "did you mean `period`",
        ),
        (
            "domainsCheck",
            json!({"domains": ""}),
            "domains",
            "must not be empty",
        ),
        (
            "domainsRegister",
            json!([{"domain": "a.com"}, {"domain": "b..com"}]),
            "1[domain]",
            "b..com",
        ),
        (
            "domainsSetDNS",
            json!({"5504202": {"1": {"ttl": "0"}}}),
            "5504202[1][ttl]",
            "must be at least 1",
        ),
        (
            "domainsSetDNS",
            json!({"0": {"1": {"ttl": 60}}}),
            "0[id]",
            "must be at least 1",
        ),
        ("domainsRegister", json!([]), "items", "must not be empty"),
        (
            "domainGetInfo",
            json!({"domain": {"x": 1}}),
            "domain",
            "must be a single value",
        ),
        (
            "domainGetInfo",
            json!("a.com"),
            "",
            "must be an object of arguments",
        ),
    ];
    for (command, args, arg, words) in cases {
        let err = Request::from_args(command, &args).expect_err(command);
        assert!(
            err.argument().ends_with(arg),
            "{command}: {err} (argument {:?})",
            err.argument()
        );
        assert!(err.to_string().contains(words), "{command}: {err}");
    }
    let err = Request::from_args("domainRegistr", &json!({})).expect_err("unknown command");
    assert!(
        err.to_string().contains("did you mean `domainRegister`"),
        "{err}"
    );
    // The parsed request is refused by the client as well when built by hand.
    let dup = domaincontext::requests::DomainsSetDns::new([
        domaincontext::requests::DomainSetDns::new().id("7".parse().expect("id")),
        domaincontext::requests::DomainSetDns::new().id("7".parse().expect("id")),
    ]);
    let err = client
        .domains_set_dns(&dup)
        .await
        .expect_err("duplicate key");
    assert!(err.to_string().contains("appears twice"), "{err}");
    assert!(server.received().is_empty());
}

#[test]
fn dns_name_boundaries() {
    let part61 = "a".repeat(61);
    let ok = |s: &str| s.parse::<DnsName>().is_ok();
    // The three special values.
    assert!(ok("") && ok("*") && ok("@"));
    // 1 to 61 characters a part.
    assert!(ok("a") && ok(&part61));
    assert!(!ok(&"a".repeat(62)));
    assert!(!ok("a..b") && !ok(".a") && !ok("a."));
    // At most 4 parts.
    assert!(ok("a.b.c.d") && !ok("a.b.c.d.e"));
    // At most 100 characters in all: 4 parts of 24 and 3 dots = 99; of 25 = 103.
    let p24 = "b".repeat(24);
    let p25 = "b".repeat(25);
    assert!(ok(&[p24.as_str(); 4].join(".")));
    assert!(!ok(&[p25.as_str(); 4].join(".")));
    let hundred = format!("{}.{}", "c".repeat(61), "d".repeat(38));
    assert_eq!(hundred.len(), 100);
    assert!(ok(&hundred));
    assert!(!ok(&format!("{hundred}e")));
    // Latin letters, digits, "-" and "_"; "-" not first or last in a part.
    assert!(ok("_dmarc") && ok("a-b") && ok("A1_b"));
    assert!(!ok("-a") && !ok("a-") && !ok("a.-b") && !ok("a-.b"));
    assert!(!ok("ж") && !ok("a b") && !ok("a*") && !ok("*.a") && !ok("@.a"));
    let err = "a.b.c.d.e".parse::<DnsName>().expect_err("5 parts");
    assert!(err.to_string().contains("at most 4 parts"), "{err}");
}

#[test]
fn list_types_split_on_commas_with_spaces_allowed() {
    let ids: domaincontext::types::Ids = "1234, 324534, 223423".parse().expect("seed example");
    assert_eq!(
        ids.as_slice().iter().map(|i| i.get()).collect::<Vec<_>>(),
        [1234, 324534, 223423]
    );
    assert_eq!(ids.to_string(), "1234,324534,223423");
    let err = "1, 0"
        .parse::<domaincontext::types::Ids>()
        .expect_err("0 is not an id");
    assert!(err.to_string().contains("item 2"), "{err}");
    // A JSON array is accepted for a list argument, as the API accepts domains[0]=...
    let r =
        Request::from_args("domainsCheck", &json!({"domains": ["a.com", "b.net"]})).expect("array");
    let prepared = Server::offline_client().prepare(&r).expect("prepare");
    assert!(
        prepared
            .params()
            .contains(&("domains".into(), "a.com,b.net".into()))
    );
}

#[test]
fn typed_values_check_their_rules_when_made() {
    use domaincontext::types::*;
    assert!(
        Period::try_from(0).is_err()
            && Period::try_from(10).is_ok()
            && Period::try_from(11).is_err()
    );
    assert!(Id::try_from(0).is_err());
    assert!("2024-02-29".parse::<Date>().is_ok() && "2023-02-29".parse::<Date>().is_err());
    assert!(Domain::try_from("пример.рф").is_ok());
    let pw: Password = "hunter2".parse().expect("password");
    assert_eq!(format!("{pw:?}"), "Password(***)");
    let err = "a\nb".parse::<Password>().expect_err("line break");
    assert!(!err.to_string().contains("a\nb"));
}

/// Domain names are checked by their IDNA (UTS #46) ASCII form: scripts with combining
/// marks and joiners pass where IDNA allows them, and the 63-byte label and 253-byte name
/// limits hold for the `xn--` form, not for the letters typed.
#[test]
fn idn_names_are_checked_by_their_ascii_form() {
    use domaincontext::types::Domain;
    let label = |n: usize| "д".repeat(n);
    // The longest label of that letter whose ASCII form fits in 63 bytes, found by IDNA.
    let ascii_len = |n: usize| idna::domain_to_ascii(&label(n)).unwrap().len();
    let longest = (1..64).take_while(|n| ascii_len(*n) <= 63).last().unwrap();
    assert!(longest < 60 && ascii_len(60) > 63, "{longest}");
    let too_long =
        "each '.'-separated part in its IDNA ASCII form must be at most 63 characters long";
    let cases: Vec<(String, Option<&str>)> = vec![
        ("हिन्दी.भारत".into(), None),
        ("ที่ดิน.ไทย".into(), None),
        ("نامه\u{200c}ای.ir".into(), None),
        ("пример.рф".into(), None),
        ("xn--e1afmkfd.xn--p1ai".into(), None),
        ("Пример.РФ".into(), None),
        (format!("{}.рф", label(longest)), None),
        (format!("{}.рф", label(longest + 1)), Some(too_long)),
        (format!("{}.рф", label(60)), Some(too_long)),
        // 4 labels of 63 ASCII bytes and their dots make 255 bytes.
        (
            format!("{0}.{0}.{0}.{0}", "a".repeat(63)),
            Some("must be at most 253 characters long in its IDNA ASCII form"),
        ),
        // A joiner where IDNA does not allow one, a bad `xn--` label, a hyphen that the
        // `xn--` form would hide.
        ("a\u{200d}b.com".into(), Some(NO_IDNA)),
        ("xn--zz.com".into(), Some(NO_IDNA)),
        ("-пример.рф".into(), Some(NO_IDNA)),
        ("пример-.рф".into(), Some(NO_IDNA)),
    ];
    let mut checked = 0;
    for (name, expected) in &cases {
        let got = name.parse::<Domain>().err().map(|e| e.to_string());
        match expected {
            None => assert_eq!(got, None, "{name}"),
            Some(reason) => {
                let got = got.unwrap_or_else(|| panic!("{name} accepted"));
                assert!(
                    got.contains(&format!(": {reason} (rule of domain")),
                    "{name}: {got}"
                );
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 14);
}

const NO_IDNA: &str = "must be a domain name that IDNA (UTS #46) can write in ASCII";

#[test]
fn lengths_count_characters_not_bytes() {
    use domaincontext::types::{Password, Pincode};
    // Exactly 4 characters, whatever their bytes.
    assert!("жжжж".parse::<Pincode>().is_ok());
    assert!("жжж".parse::<Pincode>().is_err());
    assert!("жжжжж".parse::<Pincode>().is_err());
    // 64 characters at most, though 64 Cyrillic letters take 128 bytes.
    assert!("ж".repeat(64).parse::<Password>().is_ok());
    assert!("ж".repeat(65).parse::<Password>().is_err());
}

/// Every command with an argument group: with none of the group given, the client refuses
/// it before sending with an error naming the group, and so does the sandbox (through the
/// same validation) with that text as its `_error`.
#[tokio::test]
async fn a_missing_argument_group_is_refused_before_sending_and_by_the_sandbox() {
    let server = Server::answering("true").await;
    let client = server.client();
    let (mut checked, mut sandboxed) = (0, 0);
    for c in COMMANDS.iter().filter(|c| !c.groups.is_empty()) {
        for group in c.groups {
            // The required arguments, then none of the group.
            let mut args = c.example_args(false);
            let target = match (c.bulk_of, c.bulk_key, &mut args) {
                (None, _, Value::Object(m)) => m,
                (Some(_), None, Value::Array(items)) => match items.first_mut() {
                    Some(Value::Object(m)) => m,
                    _ => panic!("{}: no item", c.name),
                },
                // Keyed by a group's member: the key always gives the group.
                (Some(_), Some(_), _) => continue,
                _ => panic!("{}: unexpected example shape", c.name),
            };
            for name in *group {
                target.remove(*name);
            }
            let names = group
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            let expected = match c.bulk_of {
                None => format!("{}: {names} is required", c.name),
                Some(_) => format!("{}: item `0`: {names} is required", c.name),
            };
            let err = Request::from_args(c.name, &args).expect_err(c.name);
            assert_eq!(err.to_string(), expected);
            assert_eq!(err.problem(), &Problem::MissingOneOf { group });
            // Through the client: a request built from the same JSON without its check
            // cannot be made, so build it with the group given, then take it away.
            let mut given = args.clone();
            let target = match (c.bulk_of, &mut given) {
                (None, Value::Object(m)) => m,
                (Some(_), Value::Array(items)) => match items.first_mut() {
                    Some(Value::Object(m)) => m,
                    _ => unreachable!(),
                },
                _ => unreachable!(),
            };
            let first = domaincontext::command(c.bulk_of.unwrap_or(c.name))
                .and_then(|i| i.args.iter().find(|a| a.name == group[0]))
                .expect("group member");
            target.insert(
                group[0].to_owned(),
                domaincontext::command(c.bulk_of.unwrap_or(c.name))
                    .expect("command")
                    .example_args(true)
                    .get(first.name)
                    .cloned()
                    .expect("example"),
            );
            assert!(Request::from_args(c.name, &given).is_ok(), "{}", c.name);
            checked += 1;
            // The sandbox answers the same refusal as its `_error`. A bulk item with no
            // arguments writes nothing to the form: there is no item for it to refuse.
            let pairs = flatten("", &args);
            if c.bulk_of.is_some() && pairs.is_empty() {
                continue;
            }
            let mut w = domaincontext::rt::FormWriter::encoding();
            w.raw("auth_login", "demo");
            w.raw("auth_password", "demo");
            for (k, v) in &pairs {
                w.raw(k, v);
            }
            let pairs = domaincontext::form::decode(&w.into_body());
            let (_, body) = domaincontext_sandbox::handle(
                &mut domaincontext_sandbox::State::default(),
                c.name,
                &pairs,
            );
            let answer: Value = serde_json::from_str(&body).expect("json");
            assert_eq!(answer["_error"], Value::String(expected), "{}", c.name);
            sandboxed += 1;
        }
    }
    // 30 single commands with a group, and their bulk twins.
    assert!(checked >= 50, "only {checked} groups checked");
    assert!(
        sandboxed >= 30,
        "only {sandboxed} groups checked by the sandbox"
    );

    // Through the typed API: nothing is sent.
    let cases: Vec<(domaincontext::Error, &str)> = vec![
        (
            client
                .domain_get_info(&domaincontext::requests::DomainGetInfo::new())
                .await
                .expect_err("no domain, no id"),
            "domainGetInfo: `domain` or `id` is required",
        ),
        (
            client
                .domain_set_dns(&domaincontext::requests::DomainSetDns::new())
                .await
                .expect_err("no id, no domain"),
            "domainSetDNS: `id` or `domain` is required",
        ),
        (
            client
                .certificate_purchase(&domaincontext::requests::CertificatePurchase::new())
                .await
                .expect_err("no product"),
            "certificatePurchase: `product` or `product_id` is required",
        ),
        (
            client
                .server_renew(&domaincontext::requests::ServerRenew::new())
                .await
                .expect_err("no server"),
            "serverRenew: `server` or `id` is required",
        ),
    ];
    for (err, expected) in &cases {
        assert_eq!(err.kind(), ErrorKind::Validation);
        assert_eq!(err.sent(), Sent::No);
        assert_eq!(err.to_string(), *expected);
    }
    assert!(server.received().is_empty(), "nothing was sent");
}

/// The JSON argument tree as form pairs (`0[domain]=…`).
fn flatten(prefix: &str, v: &Value) -> Vec<(String, String)> {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}[{k}]")
        }
    };
    match v {
        Value::Object(m) => m.iter().flat_map(|(k, v)| flatten(&key(k), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, v)| flatten(&key(&i.to_string()), v))
            .collect(),
        Value::String(s) => vec![(prefix.to_owned(), s.clone())],
        other => vec![(prefix.to_owned(), other.to_string())],
    }
}
