//! The command line reads what the wire form reads: a blank flag (`--fax_phone ''`) or a
//! blank `--json` value of an optional argument is "not given", of a required one an error
//! (exit 2, nothing sent); lists in `--json` are arrays or comma-joined text alike.

use std::collections::BTreeSet;
use std::process::{Command, Output};

use domaincontext::registry::{COMMANDS, TYPES};
use domaincontext::{ArgInfo, ArgKind, CommandInfo};
use serde_json::{Map, Value, json};

/// Runs `--dry-run <command> <args>`: nothing is sent, the request is printed.
fn dry_run(command: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_domaincontext"))
        .args(["--base-url", "http://127.0.0.1:9", "--dry-run", command])
        .args(args)
        .env("DOMAINCONTEXT_LOGIN", "demo")
        .env("DOMAINCONTEXT_PASSWORD", "demo")
        .output()
        .expect("run")
}

/// Exit status, stdout, stderr.
fn outcome(o: &Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The top-level typed arguments of single commands, one per type: `required` or not.
fn one_per_type(required: bool) -> Vec<(&'static CommandInfo, &'static ArgInfo, &'static str)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for &c in COMMANDS.iter().filter(|c| c.bulk_of.is_none()) {
        for a in c.args.iter().filter(|a| a.required == required) {
            if let ArgKind::Type(ty) = a.kind {
                if seen.insert(ty) {
                    out.push((c, a, ty));
                }
            }
        }
    }
    out
}

/// The command's example with every argument but `arg`.
fn example_without(c: &CommandInfo, arg: &str) -> Map<String, Value> {
    let Value::Object(mut map) = c.example_args(true) else {
        panic!("{}: not an object", c.name);
    };
    map.remove(arg);
    map
}

#[test]
fn a_blank_optional_flag_or_json_value_is_not_given() {
    let rows = one_per_type(false);
    let mut cases = 0;
    for (c, a, ty) in &rows {
        let base = example_without(c, a.name);
        let json = Value::Object(base.clone()).to_string();
        let (code, expected, err) = outcome(&dry_run(c.name, &["--json", &json]));
        assert_eq!(code, 0, "{} without {}: {err}", c.name, a.name);
        let flag = format!("--{}", a.name);
        for blank in ["", "  "] {
            let o = dry_run(c.name, &["--json", &json, &flag, blank]);
            assert_eq!(
                outcome(&o),
                (0, expected.clone(), String::new()),
                "{} {flag} {blank:?} ({ty})",
                c.name
            );
            let mut with_blank = base.clone();
            with_blank.insert(a.name.to_owned(), json!(blank));
            let o = dry_run(c.name, &["--json", &Value::Object(with_blank).to_string()]);
            assert_eq!(
                outcome(&o),
                (0, expected.clone(), String::new()),
                "{} --json {}: {blank:?} ({ty})",
                c.name,
                a.name
            );
            cases += 2;
        }
        assert!(
            !expected
                .lines()
                .any(|l| l.starts_with(&format!("{}=", a.name)))
        );
    }
    assert!(rows.len() >= 25, "{} types", rows.len());
    assert_eq!(cases, rows.len() * 4);
}

#[test]
fn a_blank_required_flag_or_json_value_is_refused() {
    let rows = one_per_type(true);
    for (c, a, _) in &rows {
        let base = example_without(c, a.name);
        let json = Value::Object(base.clone()).to_string();
        let expected = format!(
            "error: {}: argument `{}` is required and must not be empty (nothing was sent)\n",
            c.name, a.name
        );
        let flag = format!("--{}", a.name);
        let o = dry_run(c.name, &["--json", &json, &flag, ""]);
        assert_eq!(outcome(&o), (2, String::new(), expected.clone()), "{flag}");
        let mut with_blank = base;
        with_blank.insert(a.name.to_owned(), json!(" "));
        let o = dry_run(c.name, &["--json", &Value::Object(with_blank).to_string()]);
        assert_eq!(
            outcome(&o),
            (2, String::new(), expected),
            "--json {}",
            a.name
        );
    }
    assert!(rows.len() >= 12, "{} types", rows.len());
}

#[test]
fn every_list_type_is_taken_as_a_json_array() {
    let list_types: BTreeSet<&str> = TYPES.iter().filter(|t| t.list).map(|t| t.name).collect();
    let mut covered = BTreeSet::new();
    for c in &COMMANDS {
        for a in c.args {
            let ArgKind::Type(ty) = a.kind else { continue };
            if !list_types.contains(ty) || covered.contains(ty) {
                continue;
            }
            let text = domaincontext::type_info(ty).unwrap().examples[0];
            let items: Vec<&str> = text.split(',').map(str::trim).collect();
            // The argument at the top, or in the one item of a bulk example.
            let set = |v: Value| {
                let mut tree = c.example_args(true);
                let holder = match &mut tree {
                    Value::Array(items) => &mut items[0],
                    Value::Object(_) if c.bulk_of.is_some() => {
                        tree.as_object_mut().unwrap().values_mut().next().unwrap()
                    }
                    other => other,
                };
                holder[a.name] = v;
                tree.to_string()
            };
            let (code, expected, err) = outcome(&dry_run(c.name, &["--json", &set(json!(text))]));
            assert_eq!(code, 0, "{} {}: {err}", c.name, a.name);
            let numbered: Map<String, Value> = items
                .iter()
                .enumerate()
                .rev()
                .map(|(i, v)| ((i * 2).to_string(), json!(v)))
                .collect();
            for form in [json!(items), Value::Object(numbered)] {
                let o = dry_run(c.name, &["--json", &set(form.clone())]);
                assert_eq!(
                    outcome(&o),
                    (0, expected.clone(), String::new()),
                    "{} {} = {form}",
                    c.name,
                    a.name
                );
            }
            covered.insert(ty);
        }
    }
    assert_eq!(covered, list_types);
    assert_eq!(covered.len(), 9);
    // A flag is comma-joined text, the same request.
    let flag = outcome(&dry_run("domainsCheck", &["--domains", "a.com, b.net"]));
    let array = outcome(&dry_run(
        "domainsCheck",
        &["--json", r#"{"domains":["a.com","b.net"]}"#],
    ));
    assert_eq!(flag, array);
    assert!(
        flag.1.lines().any(|l| l == "domains=a.com,b.net"),
        "{}",
        flag.1
    );
}
