//! Review output: `diff` and `check` as GitHub workflow annotations and as JSON, each
//! change placed on the line of the new spec that caused it (of the old one for a
//! removal), compared with exact expected text; and the exit statuses of `--fail-on`.

mod support;

use std::path::PathBuf;
use std::process::Command;

use domaincontext_codegen::diff;
use domaincontext_codegen::review::{diff_findings, to_github, to_json};
use support::*;

struct Case {
    name: &'static str,
    edits: &'static [(&'static str, &'static str, &'static str)],
    expect: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "no change",
        edits: &[],
        expect: "",
    },
    Case {
        name: "required argument added",
        edits: &[(
            D,
            "      note: label\n",
            "      note: label\n      owner: {type: id, required: true}\n",
        )],
        expect: "::error file=commands/domains.yaml,line=10::breaking: domainRegister: required argument owner added (id)\n",
    },
    Case {
        name: "argument removed, placed on the old line",
        edits: &[(D, "      note: label\n", "")],
        expect: "::error file=commands/domains.yaml,line=9::breaking: domainRegister: argument note removed\n",
    },
    Case {
        name: "command removed, placed on the old line",
        edits: &[(
            D,
            "  domainsSearch:\n    description: Search domains\n    effect: read\n    answer: search\n    args:\n      domains: label\n",
            "",
        )],
        expect: "::error file=commands/domains.yaml,line=25::breaking: domainsSearch: command removed (client method domains_search)\n",
    },
    Case {
        name: "command added",
        edits: &[(
            D,
            "  domainsSearch:",
            "  domainGetHistory:\n    description: Domain history\n    effect: read\n    args:\n      id: {type: id, required: true}\n  domainsSearch:",
        )],
        expect: "::notice file=commands/domains.yaml,line=25::compatible: domainGetHistory: command added (client method domain_get_history)\n",
    },
    Case {
        name: "rule widened, on the type's line",
        edits: &[(T, "{int: {min: 1, max: 10}}", "{int: {min: 1, max: 20}}")],
        expect: "::notice file=types.yaml,line=7::compatible: type period: rule widened from {int: {min: 1, max: 10}} to {int: {min: 1, max: 20}}\n",
    },
    Case {
        name: "notable compatible change is a warning",
        edits: &[(
            D,
            "description: Get information of the domain\n    effect: read",
            "description: Get information of the domain\n    effect: change",
        )],
        expect: "::warning file=commands/domains.yaml,line=14::compatible: domainGetInfo: effect changed from read to change (notable: the client no longer retries it, and a lost answer is an unknown outcome)\n",
    },
    Case {
        name: "record field made required, on its own line",
        edits: &[(
            N,
            "value: {type: label, doc: The record's value}",
            "value: {type: label, doc: The record's value, required: true}",
        )],
        expect: "::error file=commands/dns.yaml,line=10::breaking: domainSetDNS: argument records.value made required\n",
    },
    Case {
        name: "a line added above moves the place",
        edits: &[
            (D, "commands:\n", "# a comment\ncommands:\n"),
            (
                D,
                "      period: {type: period, default: 1}",
                "      period: {type: period, default: 2}",
            ),
        ],
        expect: "::notice file=commands/domains.yaml,line=9::compatible: domainRegister: argument period default changed from 1 to 2\n",
    },
];

#[test]
fn github_annotations_sit_on_the_line_that_caused_each_change() {
    let old = load(&base());
    let mut annotations = 0;
    for case in CASES {
        let new = load(&edited(case.edits));
        let d = diff(&old, &new);
        let got = to_github(&diff_findings(&d));
        assert_eq!(got, case.expect, "{}", case.name);
        // Each annotation's line names what it is about, in the file it points at.
        let sources = [base(), edited(case.edits)];
        for (finding, change) in diff_findings(&d).iter().zip(&d.changes) {
            let pos = finding.pos.as_ref().unwrap();
            let text = sources
                .iter()
                .flatten()
                .filter(|(f, _)| *f == *pos.file)
                .map(|(_, t)| t.lines().nth(pos.line - 1).unwrap_or(""))
                .collect::<Vec<_>>();
            let name = change.subject_text().rsplit(' ').next().unwrap().to_owned();
            let detail = change.detail();
            assert!(
                text.iter()
                    .any(|l| l.contains(&name)
                        || detail.contains(l.trim().split(':').next().unwrap())),
                "{}: line {} of {} is {text:?}",
                case.name,
                pos.line,
                pos.file
            );
            annotations += 1;
        }
    }
    assert!(annotations >= CASES.len() - 1, "{annotations} annotations");
}

#[test]
fn json_lists_every_change_with_its_place() {
    let old = load(&base());
    let new = load(&edited(&[
        (D, "      note: label\n", ""),
        (T, "{int: {min: 1, max: 10}}", "{int: {min: 1, max: 20}}"),
    ]));
    let d = diff(&old, &new);
    let json: serde_json::Value = serde_json::from_str(&to_json(&diff_findings(&d))).unwrap();
    let items = json.as_array().unwrap();
    let expected = [
        (
            "arg_removed",
            "error",
            "commands/domains.yaml",
            9,
            "breaking: domainRegister: argument note removed",
        ),
        (
            "rule",
            "notice",
            "types.yaml",
            7,
            "compatible: type period: rule widened from {int: {min: 1, max: 10}} to {int: {min: 1, max: 20}}",
        ),
    ];
    assert_eq!(items.len(), expected.len());
    for (item, (kind, severity, file, line, message)) in items.iter().zip(expected) {
        let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5, "{item}");
        assert_eq!(item["kind"], kind);
        assert_eq!(item["severity"], severity);
        assert_eq!(item["file"], file);
        assert_eq!(item["line"], line);
        assert_eq!(item["message"], message);
    }
}

// ---- the binary ----

fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn dir(rel: &str) -> String {
    tests_dir().join(rel).display().to_string()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_domaincontext-codegen"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn diff_formats_and_fail_on_set_output_and_status() {
    let (old, new) = (dir("diff/breaking/old"), dir("diff/breaking/new"));
    let (compatible_old, compatible_new) = (dir("diff/compatible/old"), dir("diff/compatible/new"));
    let cases: &[(&[&str], i32)] = &[
        (&["diff", &old, &new, "--format", "github"], 0),
        (
            &[
                "diff",
                &old,
                &new,
                "--format",
                "github",
                "--fail-on",
                "breaking",
            ],
            3,
        ),
        (
            &["diff", &old, &new, "--format", "json", "--fail-on=any"],
            3,
        ),
        (&["diff", &old, &new, "--fail-on-breaking"], 3),
        (
            &[
                "diff",
                &compatible_old,
                &compatible_new,
                "--fail-on",
                "breaking",
            ],
            0,
        ),
        (
            &["diff", &compatible_old, &compatible_new, "--fail-on", "any"],
            3,
        ),
        (&["diff", &old, &old, "--fail-on", "any"], 0),
        (&["diff", &old, &new, "--fail-on", "some"], 2),
        (
            &["diff", &old, &new, "--fail-on", "any", "--fail-on-breaking"],
            2,
        ),
    ];
    for (args, status) in cases {
        let (code, _, err) = run(args);
        assert_eq!(code, *status, "{args:?}: {err}");
    }
    let (_, github, _) = run(&["diff", &old, &new, "--format", "github"]);
    let lines: Vec<&str> = github.lines().collect();
    assert_eq!(lines.len(), 3, "{github}");
    let new_prefix = format!("file={new}/");
    let old_prefix = format!("file={old}/");
    assert!(
        lines[0].starts_with(&format!("::error {new_prefix}commands/")),
        "{github}"
    );
    assert!(
        lines[1].starts_with(&format!("::error {old_prefix}commands/")),
        "{github}"
    );
    assert!(
        lines[2].starts_with(&format!("::notice {new_prefix}commands/")),
        "{github}"
    );
    let (_, json, _) = run(&["diff", &old, &new, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let severities: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["error", "error", "notice"]);
}

#[test]
fn check_annotates_every_problem_and_prints_an_empty_array_when_clean() {
    let (code, out, err) = run(&["check", &dir("broken/many")]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    let problems: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert!(problems.len() >= 3, "{err}");
    let (code, github, _) = run(&["check", &dir("broken/many"), "--format", "github"]);
    assert_eq!(code, 1);
    let annotations: Vec<&str> = github.lines().collect();
    assert_eq!(annotations.len(), problems.len(), "{github}");
    // `file:line:col: error: message` becomes `::error file=file,line=line::message (hint)`.
    for (text, annotation) in problems.iter().zip(&annotations) {
        let (place, message) = text.split_once(": error: ").unwrap();
        let mut parts = place.rsplitn(3, ':');
        let (_col, line, file) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let head = format!("::error file={file},line={line}::{message}");
        assert!(annotation.starts_with(&head), "{annotation}\n{head}");
    }
    let (code, json, _) = run(&["check", &dir("broken/many"), "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json.as_array().unwrap().len(), problems.len());
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] == "spec_error")
    );
    let (code, json, _) = run(&["check", &dir("fixtures/plain"), "--format", "json"]);
    assert_eq!((code, json.as_str()), (0, "[]\n"));
    let (code, github, _) = run(&["check", &dir("fixtures/plain"), "--format", "github"]);
    assert_eq!((code, github.as_str()), (0, ""));
}

#[test]
fn the_same_spec_in_two_places_has_no_changes() {
    // Names carry their positions, file included; a base branch checked out elsewhere
    // must not make every answer field that names a shape look changed.
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut files = vec!["types.yaml".to_owned(), "answers.yaml".to_owned()];
    for entry in std::fs::read_dir(spec.join("commands")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        files.push(format!("commands/{name}"));
    }
    let read = |prefix: &str| -> Vec<(String, String)> {
        files
            .iter()
            .map(|f| {
                (
                    format!("{prefix}/{f}"),
                    std::fs::read_to_string(spec.join(f)).unwrap(),
                )
            })
            .collect()
    };
    let (old, new) = (load(&read("base/spec")), load(&read("spec")));
    assert!(old.answers.len() >= 10, "{} answers", old.answers.len());
    let d = diff(&old, &new);
    assert!(d.is_empty(), "{}", d.to_text());
}
