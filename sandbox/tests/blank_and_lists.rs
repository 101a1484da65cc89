//! What PHP and HTML-form clients send, over HTTP as they send it: every field of the form,
//! blank ones as `name=`, and lists as arrays (`domains[0]=a.com&domains[1]=b.net`). A
//! blank optional value is "not given"; a blank required one is refused and changes
//! nothing; every list type is read in both forms.

mod support;

use std::collections::BTreeSet;

use domaincontext::registry::COMMANDS;
use domaincontext::{ArgInfo, ArgKind, CommandInfo};
use serde_json::{Map, Value, json};
use support::*;

/// One typed argument somewhere in a command: top-level, in a bulk item or in a record.
struct Site {
    command: &'static CommandInfo,
    record: Option<(&'static str, bool)>,
    arg: &'static ArgInfo,
    ty: &'static str,
}

fn sites() -> Vec<Site> {
    let mut out = Vec::new();
    for c in &COMMANDS {
        for a in c.args {
            if c.bulk_of.is_some() && c.bulk_key == Some(a.name) {
                continue;
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

/// One site per type, `required` or not: a single command's own argument when there is
/// one (its answer says most), else the first.
fn one_per_type(required: bool) -> Vec<Site> {
    let mut seen = BTreeSet::new();
    let mut all: Vec<Site> = sites()
        .into_iter()
        .filter(|s| s.arg.required == required)
        .collect();
    all.sort_by_key(|s| s.command.bulk_of.is_some() || s.record.is_some());
    all.into_iter().filter(|s| seen.insert(s.ty)).collect()
}

/// The command's example with every argument, the site's argument set to `value` (or left
/// out), and the site's bracketed path.
fn with(site: &Site, value: Option<Value>) -> (Value, String) {
    // Only the required arguments where that is enough: the handlers accept more of those.
    let mut tree = site.command.example_args(site.record.is_some());
    let (mut at, mut path) = if site.command.bulk_of.is_some() {
        match &mut tree {
            Value::Array(items) => (&mut items[0], "0".to_owned()),
            Value::Object(map) => {
                let (k, v) = map.iter_mut().next().unwrap();
                (v, k.clone())
            }
            other => panic!("{other}"),
        }
    } else {
        (&mut tree, String::new())
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
    let map = at.as_object_mut().unwrap();
    match value {
        Some(v) => map.insert(site.arg.name.to_owned(), v),
        None => map.remove(site.arg.name),
    };
    (tree, path)
}

/// The form body a PHP client sends for `tree`: brackets for every level, every value
/// percent-encoded.
fn form(tree: &Value) -> String {
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
    let mut pairs = Vec::new();
    walk("", tree, &mut pairs);
    domaincontext::form::encode(pairs.iter().map(|(k, v)| (&**k, &**v)))
}

/// The answer of a fresh sandbox to `body`, and its state after it.
async fn answer(command: &str, body: &str) -> (String, Value) {
    let sandbox = sandbox().await;
    let (status, text) = post_raw(&sandbox, command, body).await;
    assert_eq!(status, 200, "{command}: {text}");
    let state = serde_json::to_value(sandbox.state()).unwrap();
    sandbox.shutdown().await;
    (text, state)
}

#[tokio::test]
async fn blank_optional_fields_are_not_given() {
    let rows = one_per_type(false);
    let mut succeeded = 0;
    let mut cases = 0;
    for site in &rows {
        let name = site.command.name;
        let (absent, path) = with(site, None);
        let expected = answer(name, &form(&absent)).await;
        for blank in ["", "  "] {
            let (tree, _) = with(site, Some(json!(blank)));
            let body = form(&tree);
            assert!(body.contains(&format!("={}", blank.replace(' ', "%20"))));
            let got = answer(name, &body).await;
            // Accepted by the reader: any refusal is the handler's, not a validation error.
            assert!(
                !got.0.contains(": argument `"),
                "{name} {path}={blank:?}: {}",
                got.0
            );
            assert_eq!(got, expected, "{name} {path}={blank:?}");
            cases += 1;
        }
        if !expected.0.contains("_error") {
            succeeded += 1;
        }
    }
    assert!(rows.len() >= 25, "{} types", rows.len());
    assert_eq!(cases, rows.len() * 2);
    // Most rows are real successes, not the same refusal twice.
    assert!(
        succeeded * 2 >= rows.len(),
        "{succeeded} of {} succeeded",
        rows.len()
    );
}

#[tokio::test]
async fn the_issue_s_contact_with_a_blank_fax_is_created() {
    let sandbox = sandbox().await;
    let body = "email=a%40domain.com&first_name=Ivan&last_name=&birth_date=&organization=\
                &street1=5%20Main%20Street&street2=&street3=&city=Kyiv&province=\
                &postal_code=01001&country=ua&voice_phone=%2B380.441112233&fax_phone=\
                &emails=&type=&passport_no=&passport_date=&passport_by=&organization_ru=\
                &inn=&kpp=&director_name=&isresident=";
    let (_, text) = post_raw(&sandbox, "contactCreate", body).await;
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v.get("_error").is_none() && v["id"].is_number(), "{text}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn blank_required_fields_are_refused_and_change_nothing() {
    let rows = one_per_type(true);
    let before = serde_json::to_value(sandbox().await.state()).unwrap();
    for site in &rows {
        let name = site.command.name;
        let (tree, path) = with(site, Some(json!("")));
        let (text, state) = answer(name, &form(&tree)).await;
        let expected = format!("{name}: argument `{path}` is required and must not be empty");
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            json!({"_error": expected})
        );
        assert_eq!(state, before, "{name}: the state changed");
    }
    assert!(rows.len() >= 15, "{} types", rows.len());
}

#[tokio::test]
async fn every_list_type_is_read_comma_joined_and_as_an_array() {
    let list_types: BTreeSet<&str> = domaincontext::registry::TYPES
        .iter()
        .filter(|t| t.list)
        .map(|t| t.name)
        .collect();
    let mut covered = BTreeSet::new();
    let mut cases = 0;
    for site in sites().iter().filter(|s| list_types.contains(s.ty)) {
        if covered.contains(site.ty) {
            continue;
        }
        let name = site.command.name;
        let text = domaincontext::type_info(site.ty).unwrap().examples[0];
        let items: Vec<&str> = text.split(',').map(str::trim).collect();
        let (joined, path) = with(site, Some(json!(text)));
        let expected = answer(name, &form(&joined)).await;
        assert!(
            !expected.0.contains(&format!("argument `{path}`")),
            "{}",
            expected.0
        );
        // `name[0]=a&name[1]=b`, and numbers with gaps sent backwards.
        let (array, _) = with(site, Some(json!(items)));
        let array_body = form(&array);
        let mut scattered = Map::new();
        for (i, item) in items.iter().enumerate().rev() {
            scattered.insert((i * 10 + 3).to_string(), json!(item));
        }
        let (scattered, _) = with(site, Some(Value::Object(scattered)));
        for body in [array_body, form(&scattered)] {
            assert!(body.contains("%5D="), "{body}");
            let got = answer(name, &body).await;
            assert_eq!(got, expected, "{name} {path}: {body}");
            cases += 1;
        }
        covered.insert(site.ty);
    }
    assert_eq!(covered, list_types);
    assert_eq!(cases, 2 * list_types.len());
}

#[tokio::test]
async fn the_panel_s_own_array_forms_work() {
    let sandbox = sandbox().await;
    let (_, text) = post_raw(
        &sandbox,
        "domainsCheck",
        "domains%5B0%5D=test.com&domains%5B1%5D=adfwer234asdf.net",
    )
    .await;
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({"test.com": 0, "adfwer234asdf.net": 1})
    );
    let (_, text) = post_raw(
        &sandbox,
        "hostCreate",
        "host=ns9.test.com&ips[0]=123.123.123.123&ips[1]=2001:db8::1",
    )
    .await;
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v.get("_error").is_none(), "{text}");
    let host = sandbox
        .state()
        .hosts
        .values()
        .find(|h| h.host == "ns9.test.com")
        .cloned()
        .unwrap_or_else(|| panic!("no host in {text}"));
    assert_eq!(host.ips, ["123.123.123.123", "2001:db8::1"]);
    // A value that is not a list, sent as an array, is refused as such.
    let (_, text) = post_raw(&sandbox, "domainGetInfo", "domain[0]=test.com").await;
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({"_error": "domainGetInfo: argument `domain` must be a single value, found an array"})
    );
    sandbox.shutdown().await;
}
