//! Every closed set of the spec is a Rust enum: each variant round-trips through `FromStr`,
//! `Display`, serde and the wire form, its value is the spec's, and an unknown value is
//! refused, by `FromStr` and by `Deserialize` alike, with the type's name and every value
//! allowed. The registry tells the CLI the same values. The expected values come from the
//! spec, not from the generated code.

use std::fmt::Debug;
use std::path::Path;
use std::str::FromStr;

use domaincontext::rt::{Wire, wire_string};
use domaincontext::types::{self, Id, Limit};
use domaincontext::{ArgKind, InvalidValue};
use domaincontext_codegen::model::{EnumRule, Rule};
use domaincontext_codegen::{Spec, load_dir};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn spec() -> Spec {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")).expect("the spec loads")
}

/// The spec's enum types, by name.
fn enums(spec: &Spec) -> Vec<(&str, &EnumRule)> {
    spec.types
        .iter()
        .filter_map(|t| match &t.rule {
            Rule::Enum(e) => Some((t.name.name.as_str(), e)),
            _ => None,
        })
        .collect()
}

/// Checks a closed enum `T` (its variants `all`, its values `values`) against the spec's
/// values of type `name`; returns the number of variants checked.
fn check<T>(name: &str, spec_values: &[String], all: &[T], values: &[&str]) -> usize
where
    T: FromStr<Err = InvalidValue>
        + Serialize
        + DeserializeOwned
        + Wire
        + ToString
        + PartialEq
        + Debug
        + Copy,
{
    assert_eq!(
        values, spec_values,
        "{name}: the values are the spec's, in order"
    );
    assert_eq!(all.len(), spec_values.len(), "{name}: one variant a value");
    let mut checked = 0;
    for (variant, value) in all.iter().zip(values) {
        let parsed: T = value
            .parse()
            .unwrap_or_else(|e| panic!("{name} {value}: {e}"));
        assert_eq!(parsed, *variant, "{name} {value}: FromStr");
        assert_eq!(variant.to_string(), *value, "{name}: Display");
        assert_eq!(wire_string(variant), *value, "{name}: the wire form");
        let form = serde_json::to_value(variant).unwrap();
        assert_eq!(
            form,
            json!(value),
            "{name}: Serialize writes the wire value"
        );
        let back: T = serde_json::from_value(form).unwrap();
        assert_eq!(back, *variant, "{name} {value}: Deserialize");
        let text = serde_json::to_string(variant).unwrap();
        assert_eq!(serde_json::from_str::<T>(&text).unwrap(), *variant);
        checked += 1;
    }
    for unknown in ["nope", "", "A B", "ALL "] {
        if values.contains(&unknown) {
            continue;
        }
        let err = unknown
            .parse::<T>()
            .expect_err("an unknown value is refused");
        let message = err.to_string();
        assert_eq!(err.type_name(), name);
        assert!(message.contains(name), "{message}");
        for v in values {
            assert!(
                message.contains(&format!("{v:?}")),
                "{name}: {message} lists {v}"
            );
        }
        let de = serde_json::from_value::<T>(json!(unknown))
            .expect_err("Deserialize refuses it")
            .to_string();
        assert_eq!(
            de, message,
            "{name}: Deserialize gives the type's own error"
        );
        checked += 1;
    }
    checked
}

macro_rules! table {
    ($spec:expr, $($name:literal => $ty:ident),* $(,)?) => {{
        let spec = $spec;
        let values = |n: &str| -> Vec<String> {
            match spec.ty(n).map(|t| &t.rule) {
                Some(Rule::Enum(e)) => e.wire_values(),
                _ => panic!("{n} is an enum of the spec"),
            }
        };
        vec![$((
            $name,
            check::<types::$ty>($name, &values($name), types::$ty::ALL, types::$ty::VALUES),
        )),*]
    }};
}

#[test]
fn every_variant_round_trips_and_unknown_values_are_refused() {
    let spec = spec();
    let checked = table![&spec,
        "recordType" => RecordType, "recordStatus" => RecordStatus,
        "contactType" => ContactType, "tariffType" => TariffType,
        "virtualization" => Virtualization, "cluster" => Cluster,
        "liveImage" => LiveImage, "dcvMethod" => DcvMethod,
    ];
    // Every closed enum of the spec is in the table (limit, with its held number, has its
    // own test below).
    let closed: Vec<&str> = enums(&spec)
        .into_iter()
        .filter(|(_, e)| e.other.is_none())
        .map(|(n, _)| n)
        .collect();
    let names: Vec<&str> = checked.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, closed, "the table follows the spec's closed sets");
    let total: usize = checked.iter().map(|(_, n)| n).sum();
    let values: usize = enums(&spec)
        .iter()
        .filter(|(_, e)| e.other.is_none())
        .map(|(_, e)| e.values.len())
        .sum();
    // Each value once, and four unknown values a type.
    assert_eq!(total, values + 4 * closed.len());
    assert!(total >= 50, "{total} checks");
}

#[test]
fn limit_is_all_or_a_number_of_rows() {
    let rows = Limit::Rows(Id::try_from(25).unwrap());
    let cases: [(&str, Limit, Value); 2] =
        [("ALL", Limit::All, json!("ALL")), ("25", rows, json!(25))];
    for (text, limit, form) in &cases {
        assert_eq!(text.parse::<Limit>().unwrap(), *limit);
        assert_eq!(limit.to_string(), *text);
        assert_eq!(wire_string(limit), *text);
        assert_eq!(serde_json::to_value(limit).unwrap(), *form);
        assert_eq!(
            serde_json::from_value::<Limit>(form.clone()).unwrap(),
            *limit
        );
        // Text in JSON is read as the CLI's --json gives it.
        assert_eq!(
            serde_json::from_value::<Limit>(json!(text)).unwrap(),
            *limit
        );
    }
    assert_eq!(Limit::from(Id::try_from(25).unwrap()), rows);
    let refused = ["all", "0", "-5", "", "25 rows"];
    for bad in refused {
        let message = bad.parse::<Limit>().expect_err(bad).to_string();
        let expected =
            format!("{bad:?} is not a valid limit: must be one of \"ALL\", or a valid id");
        assert!(message.starts_with(&expected), "{message}");
    }
    assert_eq!(cases.len() + refused.len(), 7);
}

#[test]
fn the_registry_lists_each_closed_set_for_the_cli() {
    let spec = spec();
    let mut types = 0;
    for (name, e) in enums(&spec) {
        let info = domaincontext::type_info(name).expect("in the registry");
        let expected: Vec<String> = if e.other.is_some() {
            Vec::new()
        } else {
            e.wire_values()
        };
        assert_eq!(info.values, expected, "{name}");
        for v in &e.wire_values() {
            assert!((info.check)(v).is_ok(), "{name} {v}");
        }
        assert!((info.check)("nope").is_err(), "{name}");
        types += 1;
    }
    // Every argument whose type is a closed set tells its values; no other does.
    let mut args = 0;
    fn walk(args: &[domaincontext::ArgInfo], seen: &mut usize) {
        for a in args {
            if let ArgKind::Type(t) = a.kind {
                let info = domaincontext::type_info(t).expect("the argument's type");
                assert_eq!(a.one_of, info.values, "{}", a.name);
                if !a.one_of.is_empty() {
                    *seen += 1;
                }
            }
            walk(a.fields, seen);
        }
    }
    for c in domaincontext::registry::COMMANDS.iter() {
        walk(c.args, &mut args);
    }
    assert_eq!(types, 9);
    assert!(args >= 10, "{args} arguments with a closed set");
}
