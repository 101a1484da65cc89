//! `drift`: the spec rendered in the provider's table format has no drift; each edit that
//! plays a change of the provider's document is reported with its line, exit status 1; a
//! document cut short or garbled is refused with its line, exit status 2. Without the
//! provider's document itself (CI runs drift against it when it is there).

use std::path::PathBuf;
use std::process::Command;

fn spec_dir() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../spec")
        .display()
        .to_string()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_domaincontext-codegen"))
        .args(args)
        .output()
        .expect("run domaincontext-codegen");
    (
        out.status.code().expect("exit status"),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

fn rendered() -> String {
    let (code, out, err) = run(&["render", &spec_dir(), "--format", "seed"]);
    assert_eq!(code, 0, "{err}");
    out
}

/// Writes `doc` to a file and runs drift on it: `(status, stdout with the file's name
/// written DOC, stderr likewise)`.
fn drift_of(name: &str, doc: &str) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("dc-drift-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.txt"));
    std::fs::write(&path, doc).unwrap();
    let p = path.display().to_string();
    let (code, out, err) = run(&["drift", &p, &spec_dir()]);
    (code, out.replace(&p, "DOC"), err.replace(&p, "DOC"))
}

/// The 1-based line of the first line of `doc` equal to `text`.
fn line_of(doc: &str, text: &str) -> usize {
    doc.lines().position(|l| l == text).expect(text) + 1
}

fn replace_line(doc: &str, from: &str, to: &str) -> String {
    assert!(doc.lines().any(|l| l == from), "{from}");
    doc.lines()
        .map(|l| if l == from { to } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn the_rendered_spec_has_no_drift() {
    let doc = rendered();
    let (code, out, err) = drift_of("same", &doc);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("no drift: "), "{out}");
}

#[test]
fn each_change_of_the_document_is_reported_with_its_line() {
    let doc = rendered();
    let mut cases: Vec<(&str, String, Vec<String>)> = Vec::new();
    // A command added, with ready-to-paste YAML.
    let added = doc.replace(
        "domainsSetNSs Set name servers for given domains\n",
        "domainGetHistory Get the history of the domain\n  • id — id, *\ndomainsSetNSs Set name servers for given domains\n",
    );
    let l = line_of(&added, "domainGetHistory Get the history of the domain");
    cases.push((
        "added",
        added,
        vec![
            format!("DOC:{l}: command added: `domainGetHistory` (Get the history of the domain)"),
            "  paste into spec/commands/:".to_owned(),
            "  domainGetHistory:".to_owned(),
            "    description: Get the history of the domain".to_owned(),
            "    effect: read  # guessed from the name: read repeats harmlessly, change does not"
                .to_owned(),
            "    args:".to_owned(),
            "      id: {type: id, required: true}".to_owned(),
            String::new(),
        ],
    ));
    // A command removed.
    let removed = doc.replace(
        "domainGetNote Get domain note\n  • domain — domain\n  • id — id\n",
        "",
    );
    cases.push((
        "removed",
        removed,
        vec![format!(
            "{}: command removed: `domainGetNote` is not in the document",
            spec_dir()
        )],
    ));
    // An argument retyped.
    let retyped = replace_line(&doc, "  • nss — nss", "  • nss — labels");
    let l = line_of(&retyped, "  • nss — labels");
    cases.push((
        "retyped",
        retyped,
        vec![format!(
            "DOC:{l}: `domainSetNSs`: argument `nss` retyped: the document says `labels`, the spec `nss`"
        )],
    ));
    // A `*` removed.
    let l = line_of(&doc, "  • period — period, *");
    let optional = replace_line(&doc, "  • period — period, *", "  • period — period");
    cases.push((
        "optional",
        optional,
        vec![format!(
            "DOC:{l}: `domainRenew`: argument `period` made optional by the document"
        )],
    ));
    // An "array of" changed.
    let relation = replace_line(
        &doc,
        "  • array of — domainGetNote",
        "  • array of — domainGetInfo",
    );
    let l = line_of(&relation, "  • array of — domainGetInfo");
    cases.push((
        "relation",
        relation,
        vec![format!(
            "DOC:{l}: `domainsGetNote`: relation changed: the document says \"array of domainGetInfo\", the spec \"array of domainGetNote\""
        )],
    ));
    // A type's rule changed.
    let from = doc
        .lines()
        .find(|l| l.starts_with("period "))
        .unwrap()
        .to_owned();
    let rule = replace_line(
        &doc,
        &from,
        "period An integer from 1 to 12. It is used to indicate an amount of months.",
    );
    let l = line_of(
        &rule,
        "period An integer from 1 to 12. It is used to indicate an amount of months.",
    );
    cases.push((
        "rule",
        rule,
        vec![format!(
            "DOC:{l}: type `period`: rule text changed: the document says \"An integer from 1 to 12. It is used to indicate an amount of months.\", the spec {:?}",
            from.trim_start_matches("period ")
        )],
    ));
    let mut checked = 0;
    for (name, text, expected) in cases {
        let (code, out, err) = drift_of(name, &text);
        assert_eq!(code, 1, "{name}: {out}{err}");
        let mut want = expected.join("\n");
        want.push_str("\ndrift: 1 difference\n");
        assert_eq!(out, want, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[test]
fn a_document_cut_short_or_garbled_is_refused_with_its_line() {
    let doc = rendered();
    let mut cases: Vec<(&str, String, String)> = Vec::new();
    // Cut inside the command table.
    let cut: String = doc
        .lines()
        .take_while(|l| !l.starts_with("hostsSearch "))
        .map(|l| format!("{l}\n"))
        .collect();
    let n = cut.lines().count();
    cases.push((
        "cut",
        cut,
        format!("DOC:{n}: error: the document ends inside the command table (cut short?)\n"),
    ));
    // Cut inside a record block.
    let at = line_of(&doc, "  • array of {");
    let cut: String = doc.lines().take(at + 2).map(|l| format!("{l}\n")).collect();
    cases.push((
        "record",
        cut + "\n",
        format!("DOC:{at}: error: `array of {{` is not closed by `}}` (cut short?)\n"),
    ));
    // A garbled bullet.
    let garbled = replace_line(&doc, "  • nss — nss", "  * nss nss");
    let l = line_of(&garbled, "  * nss nss");
    cases.push((
        "garbled",
        garbled,
        format!("DOC:{l}: error: not a bullet: \"* nss nss\"\n"),
    ));
    // An argument without a type.
    let typeless = replace_line(&doc, "  • nss — nss", "  • nss —");
    let l = line_of(&typeless, "  • nss —");
    cases.push((
        "typeless",
        typeless,
        format!("DOC:{l}: error: not an argument bullet (`name — type`): \"nss —\"\n"),
    ));
    // No command table at all.
    let no_table = doc.replace("Command Description Arguments\n", "");
    let n = no_table.lines().count();
    cases.push((
        "no-table",
        no_table,
        format!("DOC:{n}: error: no command table: no line `Command Description Arguments`\n"),
    ));
    let mut checked = 0;
    for (name, text, expected) in cases {
        let (code, out, err) = drift_of(name, &text);
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert_eq!(err, expected, "{name}");
        assert!(out.is_empty(), "{name}: {out}");
        checked += 1;
    }
    assert_eq!(checked, 5);
}

#[test]
fn show_corrections_lists_every_departure_with_its_place() {
    let (code, out, _) = run(&["drift", "unused.txt", &spec_dir(), "--show-corrections"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    // Every departure of the spec from the provider's document, one a line: a new one
    // changes this number on purpose.
    assert_eq!(lines.len(), 53, "{out}");
    let last = lines.last().copied().unwrap_or_default();
    assert_eq!(last, "52 corrections");
    // The departures once written only in comments, or not at all, each with its place.
    let named = [
        (
            "1-domains.yaml:",
            ": command `domainTransfer`: the document says \"domainTransfer Check data for domains transfer\"; a copy of",
        ),
        (
            "1-domains.yaml:",
            ": `domainSetDNS` argument `records`: the document says \"array of {\"; ",
        ),
        (
            "1-domains.yaml:",
            ": `hdomainSetDNS` argument `records`: the document says \"array of {\"; ",
        ),
        (
            "1-domains.yaml:",
            ": `domainSetDNS` field `records.no`: the document says \"no — id\"; ",
        ),
        (
            "1-domains.yaml:",
            ": `hdomainSetDNS` field `records.no`: the document says \"no — id\"; ",
        ),
        (
            "1-domains.yaml:",
            ": command `domainsSetDNS`: the document says \"2.8 example: ",
        ),
        (
            "1-domains.yaml:",
            ": command `hdomainsSetDNS`: the document says \"2.8 example: ",
        ),
        (
            "5-servers.yaml:",
            ": command `serverBuy`: the document says \"2.9 example: ",
        ),
        (
            "types.yaml:",
            ": type `eid`: the document says \"For example: EID_234234:234—1\"; ",
        ),
        (
            "types.yaml:",
            ": type `date`: the document says \"For example: 2012—09—25\"; ",
        ),
        (
            "types.yaml:",
            ": type `dnsName`: the document says \"An empty string, ",
        ),
        (
            "types.yaml:",
            ": type `password`: the document says \"Password (64 symbols max).",
        ),
    ];
    let mut found = 0;
    for (file, text) in named {
        assert!(
            lines.iter().any(|l| l.contains(file) && l.contains(text)),
            "{file} {text}\n{out}"
        );
        found += 1;
    }
    assert_eq!(found, named.len());
    // No correction lacks its reason.
    assert!(lines.iter().all(|l| !l.ends_with("; ")), "{out}");
}

#[test]
fn a_closed_set_is_read_as_the_looser_type_it_narrows() {
    // `recordType` is an enum that `narrows: ref`: the document says `ref`, and that is
    // no drift; a document that types the argument otherwise is.
    let doc = rendered();
    let row = "    • type — ref";
    assert!(
        doc.lines().any(|l| l == row),
        "the rendered record row:\n{doc}"
    );
    let (code, out, err) = drift_of("narrowed", &doc);
    assert_eq!(code, 0, "{out}{err}");
    let edited = doc.replacen(row, "    • type — label", 1);
    let l = line_of(&edited, "    • type — label");
    let (code, out, _) = drift_of("narrowed-edited", &edited);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "DOC:{l}: `domainSetDNS`: argument `type` retyped: the document says `label`, the spec `recordType`"
        )),
        "{out}"
    );
}
