//! What real form clients send, read by `Request::from_args` for every argument of the spec:
//! a blank optional value is "not given", a blank required one is refused as blank; every
//! list type is read in all its forms (comma-joined, JSON array, PHP's `name[i]=`); and the
//! generated client never writes a blank optional value.

use std::collections::BTreeSet;

use domaincontext::registry::{COMMANDS, TYPES};
use domaincontext::requests::ContactCreate;
use domaincontext::rt::{FormWriter, Sealed};
use domaincontext::{ArgInfo, ArgKind, CommandInfo, Problem, Request};
use serde_json::{Map, Value, json};

/// One argument of type `ty` somewhere in a command's arguments.
struct Site {
    command: &'static CommandInfo,
    /// The records argument it belongs to, and whether its records are flattened.
    record: Option<(&'static str, bool)>,
    arg: &'static ArgInfo,
    ty: &'static str,
}

/// Every typed argument of every command: top-level, in bulk items and in records.
fn sites() -> Vec<Site> {
    let mut out = Vec::new();
    for c in &COMMANDS {
        for a in c.args {
            if c.bulk_of.is_some() && c.bulk_key == Some(a.name) {
                continue; // the item's key, not one of its fields
            }
            match a.kind {
                ArgKind::Type(ty) => out.push(Site {
                    command: c,
                    record: None,
                    arg: a,
                    ty,
                }),
                ArgKind::Records { flatten } => {
                    for f in a.fields {
                        if let ArgKind::Type(ty) = f.kind {
                            out.push(Site {
                                command: c,
                                record: Some((a.name, flatten)),
                                arg: f,
                                ty,
                            });
                        }
                    }
                }
                ArgKind::MapOf(_) => {}
            }
        }
    }
    out
}

/// Every argument set: the example request of the command with all its arguments.
fn example(site: &Site) -> Value {
    site.command.example_args(true)
}

/// The object holding the site's argument inside `tree`, and its bracketed path.
fn holder<'t>(site: &Site, tree: &'t mut Value) -> (&'t mut Map<String, Value>, String) {
    let (mut at, mut path) = if site.command.bulk_of.is_some() {
        match tree {
            Value::Array(items) => (&mut items[0], "0".to_owned()),
            Value::Object(map) => {
                let (k, v) = map.iter_mut().next().unwrap();
                (v, k.clone())
            }
            other => panic!("{}: bulk example {other}", site.command.name),
        }
    } else {
        (tree, String::new())
    };
    let nest = |path: &mut String, key: &str| {
        if path.is_empty() {
            *path = key.to_owned();
        } else {
            path.push_str(&format!("[{key}]"));
        }
    };
    if let Some((name, flatten)) = site.record {
        if !flatten {
            at = &mut at[name];
            nest(&mut path, name);
        }
        at = &mut at["1"];
        nest(&mut path, "1");
    }
    nest(&mut path, site.arg.name);
    (at.as_object_mut().unwrap(), path)
}

/// The example with the site's argument set to `value` (`None`: left out).
fn with(site: &Site, value: Option<Value>) -> (Value, String) {
    let mut tree = example(site);
    let (map, path) = holder(site, &mut tree);
    match value {
        Some(v) => {
            map.insert(site.arg.name.to_owned(), v);
        }
        None => {
            map.remove(site.arg.name);
        }
    }
    (tree, path)
}

fn is_list(ty: &str) -> bool {
    domaincontext::type_info(ty).unwrap().list
}

/// The blank values a form or `--json` can carry for a type.
fn blanks(ty: &str) -> Vec<Value> {
    let mut out = vec![json!(""), json!("   "), json!(" \t ")];
    if is_list(ty) {
        out.extend([json!([]), json!({}), json!([""]), json!({"0": " "})]);
    }
    out
}

#[test]
fn blank_optional_values_are_absent_and_blank_required_ones_refused() {
    let all = sites();
    let optional_types: BTreeSet<&str> = all
        .iter()
        .filter(|s| !s.arg.required)
        .map(|s| s.ty)
        .collect();
    let required_types: BTreeSet<&str> = all
        .iter()
        .filter(|s| s.arg.required)
        .map(|s| s.ty)
        .collect();
    let (mut covered_optional, mut covered_required) = (BTreeSet::new(), BTreeSet::new());
    let (mut optional_cases, mut required_cases) = (0, 0);
    let (mut in_bulk, mut in_records) = (0, 0);
    for site in &all {
        let name = site.command.name;
        let (absent, path) = with(site, None);
        for blank in blanks(site.ty) {
            let (tree, _) = with(site, Some(blank.clone()));
            if site.arg.required {
                let err = Request::from_args(name, &tree)
                    .expect_err(&format!("{name} {path} = {blank}: blank required accepted"));
                assert_eq!(
                    err.problem(),
                    &Problem::Blank,
                    "{name} {path} = {blank}: {err}"
                );
                assert_eq!(err.argument(), path);
                assert_eq!(
                    err.to_string(),
                    format!("{name}: argument `{path}` is required and must not be empty")
                );
                covered_required.insert(site.ty);
                required_cases += 1;
            } else {
                let expected = Request::from_args(name, &absent)
                    .unwrap_or_else(|e| panic!("{name} without {path}: {e}"));
                let got = Request::from_args(name, &tree)
                    .unwrap_or_else(|e| panic!("{name} {path} = {blank}: {e}"));
                assert_eq!(got, expected, "{name} {path} = {blank}");
                covered_optional.insert(site.ty);
                optional_cases += 1;
                in_bulk += usize::from(site.command.bulk_of.is_some());
                in_records += usize::from(site.record.is_some());
            }
        }
    }
    assert_eq!(covered_optional, optional_types);
    assert_eq!(covered_required, required_types);
    // Nearly every type of the spec has optional and required uses.
    assert!(optional_types.len() >= 25, "{optional_types:?}");
    assert!(required_types.len() >= 15, "{required_types:?}");
    assert!(optional_cases >= 1400, "{optional_cases} optional cases");
    assert!(required_cases >= 400, "{required_cases} required cases");
    assert!(in_bulk >= 500 && in_records >= 70, "{in_bulk} {in_records}");
}

#[test]
fn a_blank_required_argument_is_refused_with_the_exact_error() {
    let cases = [
        ("domainRegister", json!({"domain": ""}), "domain"),
        ("domainRegister", json!({"domain": "  "}), "domain"),
        ("domainsCheck", json!({"domains": []}), "domains"),
        ("domainsCheck", json!({"domains": {}}), "domains"),
        ("domainsRegister", json!([{"domain": ""}]), "0[domain]"),
        (
            "certificateCancel",
            json!({"id": 1, "reason": " "}),
            "reason",
        ),
    ];
    for (command, args, arg) in &cases {
        let err = Request::from_args(command, args).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{command}: argument `{arg}` is required and must not be empty")
        );
    }
    // Missing stays "missing".
    let err = Request::from_args("domainRegister", &json!({})).unwrap_err();
    assert_eq!(
        err.to_string(),
        "domainRegister: argument `domain` is required"
    );
    assert_eq!(cases.len(), 6);
}

/// The tree as the form pairs a PHP client sends: brackets for every level.
fn to_pairs(tree: &Value) -> Vec<(String, String)> {
    fn walk(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
        let key = |k: &str| {
            if prefix.is_empty() {
                k.to_owned()
            } else {
                format!("{prefix}[{k}]")
            }
        };
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| walk(&key(k), v, out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(&key(&i.to_string()), v, out)),
            Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            Value::Number(n) => out.push((prefix.to_owned(), n.to_string())),
            Value::Bool(b) => out.push((prefix.to_owned(), u8::from(*b).to_string())),
            Value::Null => {}
        }
    }
    let mut out = Vec::new();
    walk("", tree, &mut out);
    out
}

/// Parses the tree after a trip through the form's text and `form::to_tree`, as the
/// sandbox reads it.
fn through_form(command: &str, tree: &Value) -> Result<Request, domaincontext::ValidationError> {
    let body = domaincontext::form::encode(to_pairs(tree).iter().map(|(k, v)| (&**k, &**v)));
    let pairs = domaincontext::form::decode(&body);
    // Bulk items are the top level of the form; the tree of one is an array or an object.
    Request::from_args(command, &domaincontext::form::to_tree(&pairs, 8))
}

#[test]
fn every_list_type_is_read_in_every_form() {
    let all = sites();
    let list_types: BTreeSet<&str> = TYPES.iter().filter(|t| t.list).map(|t| t.name).collect();
    let mut covered = BTreeSet::new();
    let mut cases = 0;
    for site in all.iter().filter(|s| is_list(s.ty)) {
        let name = site.command.name;
        let text = domaincontext::type_info(site.ty).unwrap().examples[0];
        let items: Vec<&str> = text.split(',').map(str::trim).collect();
        assert!(items.len() >= 2, "{}: {text}", site.ty);
        let (joined, path) = with(site, Some(json!(text)));
        let expected = Request::from_args(name, &joined)
            .unwrap_or_else(|e| panic!("{name} {path} = {text}: {e}"));
        // Numbers out of order and with gaps, inserted backwards: key order is by number.
        let mut scattered = Map::new();
        for (i, item) in items.iter().enumerate().rev() {
            scattered.insert((i * 7 + usize::from(i > 0) * 3).to_string(), json!(item));
        }
        let mut with_blanks = vec![json!("")];
        for item in &items {
            with_blanks.extend([json!(item), json!(" ")]);
        }
        let forms = [
            json!(items),
            Value::Object(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i.to_string(), json!(v)))
                    .collect(),
            ),
            Value::Object(scattered),
            Value::Array(with_blanks),
        ];
        for form in forms {
            let (tree, _) = with(site, Some(form.clone()));
            let got = Request::from_args(name, &tree)
                .unwrap_or_else(|e| panic!("{name} {path} = {form}: {e}"));
            assert_eq!(got, expected, "{name} {path} = {form}");
            let got = through_form(name, &tree)
                .unwrap_or_else(|e| panic!("{name} {path} = {form} as a form: {e}"));
            assert_eq!(got, expected, "{name} {path} = {form} as a form");
            cases += 2;
        }
        // Comma-joined text through the form too.
        assert_eq!(
            through_form(name, &joined).unwrap(),
            expected,
            "{name} {path}"
        );
        cases += 1;
        covered.insert(site.ty);
    }
    assert_eq!(covered, list_types);
    assert_eq!(list_types.len(), 9, "{list_types:?}");
    assert!(cases >= 9 * 9, "{cases} cases");
}

#[test]
fn an_array_where_one_value_is_expected_is_refused_as_such() {
    let all = sites();
    let used: BTreeSet<&str> = all
        .iter()
        .filter(|s| !is_list(s.ty))
        .map(|s| s.ty)
        .collect();
    let mut covered = BTreeSet::new();
    for site in all.iter().filter(|s| !is_list(s.ty)) {
        if !covered.insert(site.ty) {
            continue;
        }
        let name = site.command.name;
        let (tree, path) = with(site, Some(json!(["1", "2"])));
        let expected = format!("{name}: argument `{path}` must be a single value, found an array");
        assert_eq!(
            Request::from_args(name, &tree).unwrap_err().to_string(),
            expected
        );
        // As PHP sends it: `name[0]=1&name[1]=2`.
        assert_eq!(through_form(name, &tree).unwrap_err().to_string(), expected);
        let (tree, _) = with(site, Some(json!({"a": "1"})));
        assert_eq!(
            Request::from_args(name, &tree).unwrap_err().to_string(),
            format!("{name}: argument `{path}` must be a single value, found an object")
        );
    }
    assert_eq!(covered, used);
    assert!(used.len() >= 20, "{used:?}");
}

#[test]
fn a_list_item_holding_the_separator_is_refused() {
    let err = Request::from_args(
        "domainsCheck",
        &json!({"domains": ["a.com,b.net", "c.org"]}),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "domainsCheck: argument `domains`: \"a.com,b.net\" is not a valid domains: item 1 \
         contains the separator ',' (rule of domains: List of domains, comma delimited, \
         space symbols are allowed)"
    );
}

#[test]
fn the_client_never_writes_a_blank_optional_value() {
    let request = ContactCreate::new(
        "a@domain.com".parse().unwrap(),
        "Ivan".parse().unwrap(),
        "5 Main Street".parse().unwrap(),
        "Kyiv".parse().unwrap(),
        "01001".parse().unwrap(),
        "ua".parse().unwrap(),
        "+380.441112233".parse().unwrap(),
    )
    .last_name("".parse().unwrap())
    .street2("   ".parse().unwrap())
    .fax_phone("   ".parse().unwrap())
    .emails(Vec::new().into())
    .organization("Acme".parse().unwrap());
    let mut w = FormWriter::new();
    Sealed::encode(&request, &mut w);
    let keys: Vec<&str> = w.pairs().iter().map(|(k, _)| k.as_str()).collect();
    let blank = ["last_name", "street2", "fax_phone", "emails"];
    for k in blank {
        assert!(!keys.contains(&k), "{k} was written: {keys:?}");
    }
    assert!(keys.contains(&"organization"), "{keys:?}");
    assert_eq!(keys.len(), 8, "{keys:?}");
    // The encoded body says the same.
    let mut w = FormWriter::encoding();
    Sealed::encode(&request, &mut w);
    let body = w.into_body();
    for k in blank {
        assert!(!body.contains(k), "{k} in {body}");
    }
}
