//! `example:` of a command: loaded as the JSON text of the form's tree (every scalar a
//! string, quotes and line breaks escaped), a list for a bulk command; a scalar is refused
//! where it is written.

use domaincontext_codegen::load_sources;

const TYPES: &str = "types:\n  id:\n    doc: ID.\n    rule: {int: {min: 1}}\n";
const HEAD: &str =
    "commands:\n  getIt:\n    description: Get it\n    effect: read\n    args:\n      id: id\n";

fn load(example: &str) -> Result<Option<String>, String> {
    let sources = vec![
        ("types.yaml".to_owned(), TYPES.to_owned()),
        ("commands/1.yaml".to_owned(), format!("{HEAD}{example}")),
    ];
    load_sources(&sources)
        .map(|spec| spec.commands[0].def.example.clone())
        .map_err(|r| r.to_string())
}

#[test]
fn examples_load_as_json_text() {
    let cases = [
        ("", None),
        (
            "    example: {id: 5, note: \"say \\\"hi\\\"\\n\\\\ok\"}\n",
            Some(serde_json::json!({"id": "5", "note": "say \"hi\"\n\\ok"})),
        ),
        (
            "    example: [{id: 1}, {id: 2}]\n",
            Some(serde_json::json!([{"id": "1"}, {"id": "2"}])),
        ),
        (
            "    example: {id: 7, 1: {type: a, ttl: 3600}}\n",
            Some(serde_json::json!({"id": "7", "1": {"type": "a", "ttl": "3600"}})),
        ),
    ];
    for (yaml, want) in &cases {
        let got = load(yaml).unwrap();
        let got: Option<serde_json::Value> = got.map(|t| serde_json::from_str(&t).unwrap());
        assert_eq!(&got, want, "{yaml}");
    }
    assert_eq!(cases.len(), 4);
}

#[test]
fn a_scalar_example_is_refused_where_it_is_written() {
    let report = load("    example: domain.com\n").unwrap_err();
    let expected = "commands/1.yaml:7:14: error: `example` must be a map of arguments or a list of items, found a scalar\n  hint: write `example: {domain: example.com, period: 2}`";
    assert!(report.starts_with(expected), "{report}");
}
