//! The `idna` key of a `parts` rule: loaded as a flag, emitted as one call of the runtime's
//! IDNA helper before the limits, shown and compared by `diff`.

use domaincontext_codegen::{diff, emit, load_sources};

fn spec(rule: &str) -> Vec<(String, String)> {
    vec![
        (
            "types.yaml".to_owned(),
            format!(
                "types:\n  domain: {{doc: Domain, rule: {{parts: {{sep: \".\", {rule}each: {{text: {{max_len: 63}}}}}}}}}}\n"
            ),
        ),
        (
            "commands/a.yaml".to_owned(),
            "commands:\n  get: {description: Get, effect: read, args: {domain: domain}}\n"
                .to_owned(),
        ),
    ]
}

#[test]
fn idna_is_one_helper_call_and_a_rule_change() {
    let plain = load_sources(&spec("")).unwrap();
    let idn = load_sources(&spec("idna: true, ")).unwrap();
    let calls = |s| {
        emit(s)
            .unwrap()
            .render()
            .matches("crate::idn::to_ascii(v)")
            .count()
    };
    assert_eq!((calls(&plain), calls(&idn)), (0, 1));
    let text = diff(&plain, &idn).to_text();
    assert!(
        text.starts_with("breaking: type domain: rule changed from {parts: {sep: \".\", each: {text: {max_len: 63}}}} to {parts: {sep: \".\", idna: true, each:"),
        "{text}"
    );
    let report = load_sources(&spec("idna: yes, ")).unwrap_err().to_string();
    assert!(
        report.contains("error: `idna` must be true or false"),
        "{report}"
    );
}
