//! `spec/schema.json`, the JSON Schema editors use for the spec files, agrees with the
//! loader: every real spec file and every good fixture is valid, and documents the loader
//! refuses for their form are refused by the schema too.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use domaincontext_codegen::yaml::{self, Node};
use serde_json::{Map, Number, Value};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let path = manifest().join("../spec/schema.json");
    let text = std::fs::read_to_string(&path).expect("read spec/schema.json");
    let schema: Value = serde_json::from_str(&text).expect("schema.json is JSON");
    jsonschema::meta::validate(&schema).expect("schema.json is a valid JSON Schema");
    jsonschema::draft202012::new(&schema).expect("compile schema.json")
}

/// A YAML tree as JSON, the way YAML tools read it: plain `true`/`false` are booleans,
/// plain numbers are numbers, plain `~`/`null`/nothing is null, anything else a string.
fn to_json(node: &Node) -> Value {
    match &node.value {
        yaml::Value::Scalar { text, quoted: true } => Value::String(text.clone()),
        yaml::Value::Scalar {
            text,
            quoted: false,
        } => plain(text),
        yaml::Value::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        yaml::Value::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), to_json(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

fn plain(text: &str) -> Value {
    match text {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        "" | "~" | "null" => return Value::Null,
        _ => {}
    }
    if let Ok(n) = text.parse::<i64>() {
        return Value::Number(n.into());
    }
    let numeric = text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE".contains(c));
    match text.parse::<f64>().ok().and_then(Number::from_f64) {
        Some(n) if numeric => Value::Number(n),
        _ => Value::String(text.to_owned()),
    }
}

fn parse(name: &str, text: &str) -> Value {
    let file: Arc<str> = Arc::from(name);
    let root = yaml::parse(&file, text)
        .unwrap_or_else(|e| panic!("{name}: {}", e.message))
        .unwrap_or_else(|| panic!("{name} is empty"));
    to_json(&root)
}

/// The schema's complaints about one document, one a line.
fn problems(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The spec files of a spec directory; a missing `commands/` is no error (the real spec's
/// commands are picked up once they exist).
fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![dir.join("types.yaml")];
    if dir.join("answers.yaml").exists() {
        files.push(dir.join("answers.yaml"));
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("commands")) {
        let mut commands: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        commands.sort();
        files.extend(commands);
    }
    files
}

fn assert_valid(dirs: &[PathBuf]) -> usize {
    let v = validator();
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in dirs {
        for f in spec_files(dir) {
            let text =
                std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let doc = parse(&f.display().to_string(), &text);
            for p in problems(&v, &doc) {
                failures.push(format!("{}: {p}", f.display()));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    checked
}

#[test]
fn the_real_spec_is_valid() {
    let n = assert_valid(&[manifest().join("../spec")]);
    assert!(n >= 1);
}

#[test]
fn the_good_fixtures_are_valid() {
    let tests = manifest().join("tests");
    let mut dirs = Vec::new();
    for group in ["fixtures", "diff/breaking", "diff/compatible"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(tests.join(group))
            .expect("fixture group")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.join("types.yaml").exists())
            .collect();
        found.sort();
        dirs.extend(found);
    }
    assert!(dirs.len() >= 8, "{dirs:?}");
    let n = assert_valid(&dirs);
    assert!(n >= 16, "{n} files");
}

const TYPES: &str = "types:\n  id: {doc: ID, rule: {int: {min: 1}}}\n";

/// Documents of wrong form: the schema and the loader both refuse each.
const BROKEN: &[(&str, &str)] = &[
    (
        "a rule of two kinds",
        "types:\n  x: {doc: X, rule: {int: {}, text: {}}}\n",
    ),
    (
        "an unknown rule kind",
        "types:\n  x: {doc: X, rule: {txt: {max_len: 3}}}\n",
    ),
    ("a type without doc", "types:\n  x: {rule: {int: {}}}\n"),
    ("a type without rule", "types:\n  x: {doc: X}\n"),
    (
        "an unknown key of a type",
        "types:\n  x: {doc: X, rule: {int: {}}, exampels: [1]}\n",
    ),
    (
        "a negative bound",
        "types:\n  x: {doc: X, rule: {int: {min: -1}}}\n",
    ),
    (
        "a separator of two characters",
        "types:\n  x: {doc: X, rule: {list: {of: id, sep: ', '}}}\n",
    ),
    (
        "parts without each",
        "types:\n  x: {doc: X, rule: {parts: {sep: '.'}}}\n",
    ),
    (
        "settings on date",
        "types:\n  x: {doc: X, rule: {date: {strict: true}}}\n",
    ),
    (
        "secret as a word",
        "types:\n  x: {doc: X, secret: yes, rule: {int: {}}}\n",
    ),
    (
        "an empty literal",
        "types:\n  x: {doc: X, rule: {literal: []}}\n",
    ),
    (
        "an unknown top-level key",
        "type:\n  x: {doc: X, rule: {int: {}}}\n",
    ),
    (
        "a command without effect",
        "commands:\n  get: {description: Get}\n",
    ),
    (
        "an unknown effect",
        "commands:\n  get: {description: Get, effect: maybe}\n",
    ),
    (
        "an unknown answer",
        "commands:\n  get: {description: Get, effect: read, answer: bulk}\n",
    ),
    (
        "a misspelt argument key",
        "commands:\n  get: {description: Get, effect: read, args: {id: {type: id, requird: true}}}\n",
    ),
    (
        "an argument of two shapes",
        "commands:\n  get: {description: Get, effect: read, args: {id: {type: id, map_of: id}}}\n",
    ),
    (
        "an argument without type",
        "commands:\n  get: {description: Get, effect: read, args: {id: {required: true}}}\n",
    ),
    (
        "flatten without array",
        "commands:\n  get: {description: Get, effect: read, args: {id: {type: id, flatten: true}}}\n",
    ),
    (
        "same_as beside args",
        "commands:\n  a: {description: A, effect: read, args: {id: id}}\n  b: {description: B, effect: read, same_as: a, args: {id: id}}\n",
    ),
    (
        "array_of beside extends",
        "commands:\n  a: {description: A, effect: read, args: {id: id}}\n  b: {description: B, effect: read, array_of: a, extends: a}\n",
    ),
    (
        "key without array_of",
        "commands:\n  a: {description: A, effect: read, key: id, args: {id: id}}\n",
    ),
    (
        "an inline one_of (a closed set is a named enum type)",
        "commands:\n  get: {description: Get, effect: read, args: {id: {type: id, one_of: [1, 2]}}}\n",
    ),
    ("an empty enum", "types:\n  x: {doc: X, rule: {enum: []}}\n"),
    (
        "an enum item of two values",
        "types:\n  x: {doc: X, rule: {enum: [{a: A, b: B}]}}\n",
    ),
    (
        "a rust_name that is not UpperCamelCase",
        "types:\n  x: {doc: X, rust_name: x_y, rule: {int: {}}}\n",
    ),
    (
        "long as a word",
        "commands:\n  a: {description: A, effect: read, long: sometimes}\n",
    ),
];

#[test]
fn documents_the_loader_refuses_for_their_form_are_refused() {
    let v = validator();
    for (what, text) in BROKEN {
        let doc = parse("broken.yaml", text);
        assert!(
            !problems(&v, &doc).is_empty(),
            "the schema accepts {what}:\n{text}"
        );
        let mut sources = vec![("types.yaml".to_owned(), TYPES.to_owned())];
        if text.starts_with("types:") {
            sources[0].1 = format!("{TYPES}{}", text.trim_start_matches("types:\n"));
        } else {
            sources.push(("commands/a.yaml".to_owned(), text.to_string()));
        }
        assert!(
            domaincontext_codegen::load_sources(&sources).is_err(),
            "the loader accepts {what}:\n{text}"
        );
    }
}

#[test]
fn the_broken_fixtures_of_wrong_form_are_refused() {
    let v = validator();
    for (file, expected) in [
        ("broken/many/types.yaml", "/types/nodoc"),
        ("broken/many/commands/a.yaml", "/commands/noEffect"),
        ("broken/many/commands/b.yaml", "/commands/domainGet/effect"),
    ] {
        let text = std::fs::read_to_string(manifest().join("tests").join(file)).expect("read");
        let found = problems(&v, &parse(file, &text));
        assert!(
            found.iter().any(|p| p.starts_with(expected)),
            "{file}: no problem at {expected}: {found:#?}"
        );
    }
}

#[test]
fn yaml_scalars_convert_as_yaml_tools_read_them() {
    let doc = parse(
        "t.yaml",
        "a: true\nb: 'true'\nc: 12\nd: '12'\ne: 1.5\nf: ~\ng: domain.com\nh: 1e3\ni: -3\nj: .inf\n",
    );
    assert_eq!(
        doc,
        serde_json::json!({
            "a": true, "b": "true", "c": 12, "d": "12", "e": 1.5, "f": null,
            "g": "domain.com", "h": 1000.0, "i": -3, "j": ".inf"
        })
    );
}

/// The property names of a schema object.
fn properties(v: &Value) -> Vec<String> {
    let mut names: Vec<String> = v
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
    keys.sort();
    keys
}

#[test]
fn the_loaders_keys_are_the_schemas_properties() {
    use domaincontext_codegen::load::format;
    let text = std::fs::read_to_string(manifest().join("../spec/schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let defs = &schema["$defs"];
    // An argument's keys: the common ones, and the kinds in `else`.
    let mut arg = properties(&defs["arg_common"]);
    arg.extend(properties(&defs["arg"]["else"]));
    arg.sort();
    let pairs: [(&str, Vec<String>, &[&str]); 7] = [
        ("top level", properties(&schema), format::TOP_KEYS),
        ("type", properties(&defs["type"]), format::TYPE_KEYS),
        ("rule", properties(&defs["rule"]), format::RULES),
        (
            "command",
            properties(&defs["command"]),
            format::COMMAND_KEYS,
        ),
        ("argument", arg, format::ARG_KEYS),
        ("answer", properties(&defs["answer"]), format::ANSWER_KEYS),
        (
            "correction",
            properties(&defs["correction"]),
            format::CORRECTION_KEYS,
        ),
    ];
    let mut checked = 0;
    for (what, schema_keys, loader_keys) in pairs {
        assert!(
            !schema_keys.is_empty(),
            "{what}: no properties in schema.json"
        );
        assert_eq!(schema_keys, sorted(loader_keys), "{what}");
        checked += schema_keys.len();
    }
    // Every key of those seven lists was compared.
    assert!(checked >= 50, "{checked}");
}
