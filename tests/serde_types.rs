//! Every newtype of the spec is a serde type: each example of `spec/types.yaml`
//! serializes to its wire value (a string, a number for integer types, a bool for flags,
//! an array for lists) and deserializes back to the same value, also from its text; each
//! invalid value is refused by `Deserialize` with the type's own error, which names the
//! type and the rule and never a secret. The expected forms come from the spec, not from
//! the generated code.

use std::fmt::Debug;
use std::path::Path;
use std::str::FromStr;

use domaincontext::InvalidValue;
use domaincontext::types;
use domaincontext_codegen::emit::repr::{Repr, repr};
use domaincontext_codegen::model::TypeDef;
use domaincontext_codegen::{Spec, load_dir};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn spec() -> Spec {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")).expect("the spec loads")
}

/// What the checks of one type counted.
#[derive(Debug, Default)]
struct Tally {
    examples: usize,
    invalid: usize,
    /// Integer examples read both from a JSON number and from a numeric string.
    int_both_ways: usize,
    /// Invalid integers also refused as JSON numbers.
    invalid_numbers: usize,
    /// Invalid lists also refused as JSON arrays.
    invalid_arrays: usize,
}

/// The serde form that the text `v` of type `t` must serialize to, read from the spec:
/// lists are arrays of their items' forms, integers numbers, flags bools, the rest text.
fn expected_form(spec: &Spec, t: &TypeDef, v: &str) -> Value {
    match repr(spec, t) {
        Repr::Int => json!(v.parse::<u64>().expect("an integer example is digits")),
        Repr::Bool => Value::Bool(matches!(v, "1" | "true")),
        Repr::List { of, sep } => {
            let item = spec.ty(of).expect("the item type");
            Value::Array(
                v.split(sep)
                    .map(|p| expected_form(spec, item, p.trim_matches(' ')))
                    .collect(),
            )
        }
        // A held number is a number; a closed value is its text.
        Repr::Enum(e) => match v.parse::<u64>() {
            Ok(n) if e.other.is_some() && !e.values.iter().any(|x| x.value == v) => json!(n),
            _ => Value::String(v.to_owned()),
        },
        Repr::Text => Value::String(v.to_owned()),
    }
}

/// Checks type `T`, the spec's type `t`, against all its examples and invalid values.
fn check<T>(spec: &Spec, t: &TypeDef) -> Tally
where
    T: Serialize + DeserializeOwned + FromStr<Err = InvalidValue> + Debug,
{
    let name = &t.name.name;
    let mut tally = Tally::default();
    let is_int = matches!(repr(spec, t), Repr::Int);
    let list_sep = match repr(spec, t) {
        Repr::List { sep, .. } => Some(sep),
        _ => None,
    };
    for e in &t.examples {
        let v: T = e
            .parse()
            .unwrap_or_else(|err| panic!("{name} {e:?}: {err}"));
        let form = serde_json::to_value(&v).unwrap();
        assert_eq!(form, expected_form(spec, t, e), "{name} {e:?} serialized");
        // Through JSON text and back: the same form again.
        let text = serde_json::to_string(&v).unwrap();
        let back: T = serde_json::from_str(&text)
            .unwrap_or_else(|err| panic!("{name} {e:?} from {text}: {err}"));
        assert_eq!(serde_json::to_value(&back).unwrap(), form, "{name} {e:?}");
        // From the text form as well: the numeric string, the joined list.
        let from_text: T = serde_json::from_value(Value::String(e.clone()))
            .unwrap_or_else(|err| panic!("{name} {e:?} as text: {err}"));
        assert_eq!(
            serde_json::to_value(&from_text).unwrap(),
            form,
            "{name} {e:?}"
        );
        if is_int {
            assert!(form.is_number() && !text.starts_with('"'), "{name}: {text}");
            tally.int_both_ways += 1;
        }
        tally.examples += 1;
    }
    for bad in &t.invalid {
        let expected = bad
            .parse::<T>()
            .expect_err("the spec's invalid value is refused by FromStr")
            .to_string();
        let err = serde_json::from_value::<T>(Value::String(bad.clone()))
            .expect_err("refused by Deserialize")
            .to_string();
        assert_eq!(err, expected, "{name} {bad:?}: the type's own error");
        assert_named(t, bad, &err);
        // Through JSON text: the same error, with the position after it.
        let text = serde_json::to_string(bad).unwrap();
        let err = serde_json::from_str::<T>(&text)
            .expect_err("refused from JSON text")
            .to_string();
        assert!(err.starts_with(&expected), "{name} {bad:?}: {err}");
        // Those that are numbers as written ("-1", not "+1" or " 1").
        let number = bad.parse::<i64>().ok().filter(|n| n.to_string() == *bad);
        if let (true, Some(n)) = (is_int, number) {
            let err = serde_json::from_value::<T>(json!(n))
                .expect_err("refused as a number")
                .to_string();
            assert_named(t, bad, &err);
            tally.invalid_numbers += 1;
        }
        if let Some(sep) = list_sep {
            let items: Vec<Value> = bad.split(sep).map(|p| json!(p)).collect();
            let err = serde_json::from_value::<T>(Value::Array(items))
                .expect_err("refused as an array")
                .to_string();
            assert_eq!(err, expected, "{name} {bad:?} as an array");
            tally.invalid_arrays += 1;
        }
        tally.invalid += 1;
    }
    // A value of the wrong shape is refused by type, naming the type.
    let err = serde_json::from_value::<T>(json!({"a": 1}))
        .expect_err("an object is refused")
        .to_string();
    assert!(
        err.starts_with("invalid type: map, expected a value of type ") && err.contains(&**name),
        "{name}: {err}"
    );
    tally
}

/// The refusal names the type and its rule, and repeats a secret nowhere.
fn assert_named(t: &TypeDef, bad: &str, err: &str) {
    let name = &t.name.name;
    assert!(
        err.contains(&format!("{name}: ")) || err.contains(&format!("the {name} given")),
        "{name} {bad:?}: the type is named: {err}"
    );
    assert!(
        err.contains(&format!(
            "(rule of {name}: {})",
            t.doc.trim_end_matches('.')
        )),
        "{name} {bad:?}: the rule is named: {err}"
    );
    if t.secret {
        assert!(
            bad.is_empty() || !err.contains(bad),
            "{name}: a secret is repeated: {err}"
        );
    } else {
        assert!(err.contains(&format!("{bad:?}")), "{name}: {err}");
    }
}

/// The check of every generated type, by the spec's name.
macro_rules! checks {
    ($($name:literal => $ty:ident),* $(,)?) => {
        [$(($name, check::<types::$ty> as fn(&Spec, &TypeDef) -> Tally)),*]
    };
}

#[test]
fn every_type_round_trips_its_examples_and_refuses_its_invalid_values() {
    let spec = spec();
    let checks = checks![
        "id" => Id, "ids" => Ids, "domain" => Domain, "domains" => Domains, "ns" => Ns,
        "nss" => Nss, "eid" => Eid, "password" => Password, "period" => Period,
        "date" => Date, "expires" => Expires, "ref" => Ref, "refs" => Refs,
        "label" => Label, "labels" => Labels, "dnsName" => DnsName, "email" => Email,
        "emails" => Emails, "phone" => Phone, "pincode" => Pincode, "client" => ClientLogin,
        "server" => Server, "servers" => Servers, "url" => Url, "ip" => Ip, "ips" => Ips,
        "text" => Text, "hdomain" => Hdomain, "hdomains" => Hdomains, "months" => Months, "coupon" => Coupon,
        "bool" => Bool, "limit" => Limit, "country" => Country,
        "recordType" => RecordType, "recordStatus" => RecordStatus,
        "contactType" => ContactType, "tariffType" => TariffType,
        "virtualization" => Virtualization, "cluster" => Cluster, "liveImage" => LiveImage,
        "dcvMethod" => DcvMethod,
    ];
    // Every type of the spec has its check here, and every check a type of the spec.
    let names: Vec<&str> = spec.types.iter().map(|t| t.name.name.as_str()).collect();
    let checked: Vec<&str> = checks.iter().map(|(n, _)| *n).collect();
    assert_eq!(checked, names, "the table follows the spec's types");
    let registry: Vec<&str> = domaincontext::registry::TYPES
        .iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(registry, names, "the registry holds the spec's types");

    let mut total = Tally::default();
    for (t, (_, check)) in spec.types.iter().zip(checks) {
        let tally = check(&spec, t);
        assert_eq!(tally.examples, t.examples.len(), "{}", t.name.name);
        assert_eq!(tally.invalid, t.invalid.len(), "{}", t.name.name);
        total.examples += tally.examples;
        total.invalid += tally.invalid;
        total.int_both_ways += tally.int_both_ways;
        total.invalid_numbers += tally.invalid_numbers;
        total.invalid_arrays += tally.invalid_arrays;
    }
    let spec_examples: usize = spec.types.iter().map(|t| t.examples.len()).sum();
    let spec_invalid: usize = spec.types.iter().map(|t| t.invalid.len()).sum();
    assert_eq!(total.examples, spec_examples);
    assert_eq!(total.invalid, spec_invalid);
    // Floors, so that an emptied spec cannot pass: today 33 types, 65 examples, 132
    // invalid values.
    assert!(names.len() >= 33, "{} types", names.len());
    assert!(total.examples >= 65, "{total:?}");
    assert!(total.invalid >= 132, "{total:?}");
    assert!(total.int_both_ways >= 3, "{total:?}");
    assert!(total.invalid_numbers >= 5, "{total:?}");
    assert!(total.invalid_arrays >= 18, "{total:?}");
}

#[test]
fn integers_are_read_from_numbers_and_numeric_strings() {
    let cases = [json!(7), json!("7")];
    for v in &cases {
        let p: types::Period = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(u64::from(p), 7);
        assert_eq!(serde_json::to_value(p).unwrap(), json!(7));
    }
    // A number outside the rule and a negative one: the type's error, naming the rule.
    let too_big = serde_json::from_value::<types::Period>(json!(11))
        .unwrap_err()
        .to_string();
    assert_eq!(
        too_big,
        "\"11\" is not a valid period: must be at most 10 (rule of period: An integer from 1 to 10. It is used to indicate an amount of years when registering or prolonging)"
    );
    let negative = serde_json::from_value::<types::Id>(json!(-3))
        .unwrap_err()
        .to_string();
    assert_eq!(
        negative,
        "\"-3\" is not a valid id: must not be negative (rule of id: ID. An integer more than zero)"
    );
    let fraction = serde_json::from_value::<types::Id>(json!(1.5))
        .unwrap_err()
        .to_string();
    assert_eq!(
        fraction,
        "invalid type: a fractional number, expected a value of type id (a number, or its digits as text)"
    );
}

#[test]
fn lists_are_arrays_and_read_their_joined_text_too() {
    let from_array: types::Ids = serde_json::from_str("[1, \"2\", 3]").unwrap();
    let from_text: types::Ids = serde_json::from_str("\"1, 2,3\"").unwrap();
    assert_eq!(from_array, from_text);
    assert_eq!(serde_json::to_string(&from_array).unwrap(), "[1,2,3]");
    let domains: types::Domains = serde_json::from_str(r#"["a.com", "b.net"]"#).unwrap();
    assert_eq!(
        serde_json::to_string(&domains).unwrap(),
        r#"["a.com","b.net"]"#
    );
    let err = serde_json::from_value::<types::Domains>(json!(["a.com", "-b.net"]))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("\"a.com,-b.net\" is not a valid domains: item 2 (domain) "),
        "{err}"
    );
}

#[test]
fn secrets_serialize_their_value_and_are_never_repeated_by_refusals() {
    let pin: types::Pincode = "1234".parse().unwrap();
    assert_eq!(serde_json::to_string(&pin).unwrap(), "\"1234\"");
    let back: types::Pincode = serde_json::from_str("\"1234\"").unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), "\"1234\"");
    // A number is a PIN's text too, as in the CLI's --json.
    let number: types::Pincode = serde_json::from_str("9876").unwrap();
    assert_eq!(serde_json::to_string(&number).unwrap(), "\"9876\"");
    let cases = [json!("98765"), json!(98765), json!(9876.5), json!(["9876"])];
    for v in &cases {
        let err = serde_json::from_value::<types::Pincode>(v.clone())
            .unwrap_err()
            .to_string();
        assert!(!err.contains("9876"), "{v}: {err}");
        assert!(err.contains("pincode"), "{v}: {err}");
    }
    let err = serde_json::from_str::<types::Password>("\"a\\nsecret\"")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("the password given is not valid: ") && !err.contains("secret"),
        "{err}"
    );
}

#[test]
fn text_and_integer_types_convert_to_plain_values() {
    let d: types::Domain = "example.com".parse().unwrap();
    let s: &str = d.as_ref();
    assert_eq!(s, "example.com");
    assert_eq!(String::from(d), "example.com");
    let id = types::Id::try_from(5i64).unwrap();
    assert_eq!(u64::from(id), 5);
    assert_eq!(types::Id::try_from(5u64).unwrap(), id);
    // An unsuffixed literal still picks an impl (`i32`).
    assert_eq!(types::Id::try_from(5).unwrap(), id);
    assert_eq!(
        types::Id::try_from(-5i32).unwrap_err().reason(),
        "must not be negative"
    );
    let zero = types::Id::try_from(0i64).unwrap_err();
    assert_eq!(zero.reason(), "must be at least 1");
    let negative = types::Id::try_from(-1i64).unwrap_err();
    assert_eq!(
        (negative.type_name(), negative.reason(), negative.value()),
        ("id", "must not be negative", Some("-1"))
    );
    let flag: types::Bool = serde_json::from_value(json!(true)).unwrap();
    assert!(bool::from(flag));
    assert_eq!(serde_json::to_value(flag).unwrap(), json!(true));
    let flag: types::Bool = serde_json::from_value(json!("0")).unwrap();
    assert_eq!(serde_json::to_value(flag).unwrap(), json!(false));
}
