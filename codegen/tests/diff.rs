//! `diff` on pairs of small specs: one pair per kind of change, each with the exact lines
//! reported and their classification; and pairs that differ only in order or files, which
//! must report nothing.

use domaincontext_codegen::diff;
use domaincontext_codegen::diff::{Bump, Kind, Level};

mod support;
use support::*;

struct Case {
    name: &'static str,
    edits: &'static [(&'static str, &'static str, &'static str)],
    expect: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "identical specs",
        edits: &[],
        expect: &[],
    },
    Case {
        name: "command added",
        edits: &[(
            D,
            "  domainsSearch:",
            "  domainGetHistory:\n    description: Domain history\n    effect: read\n    args:\n      id: {type: id, required: true}\n  domainsSearch:",
        )],
        expect: &["compatible: domainGetHistory: command added (client method domain_get_history)"],
    },
    Case {
        name: "command removed",
        edits: &[(
            D,
            "  domainsSearch:\n    description: Search domains\n    effect: read\n    answer: search\n    args:\n      domains: label\n",
            "",
        )],
        expect: &["breaking: domainsSearch: command removed (client method domains_search)"],
    },
    Case {
        name: "optional argument added",
        edits: &[(
            D,
            "      note: label\n",
            "      note: label\n      registrant: code\n",
        )],
        expect: &["compatible: domainRegister: optional argument registrant added (code)"],
    },
    Case {
        name: "required argument added",
        edits: &[(
            D,
            "      note: label\n",
            "      note: label\n      client: {type: code, required: true}\n",
        )],
        expect: &["breaking: domainRegister: required argument client added (code)"],
    },
    Case {
        name: "argument removed",
        edits: &[(D, "      note: label\n", "")],
        expect: &["breaking: domainRegister: argument note removed"],
    },
    Case {
        name: "argument renamed",
        edits: &[(D, "      note: label\n", "      comment: label\n")],
        expect: &["breaking: domainRegister: argument note renamed to comment"],
    },
    Case {
        name: "a rename is only a rename when nothing else changed",
        edits: &[(D, "      note: label\n", "      comment: code\n")],
        expect: &[
            "breaking: domainRegister: argument note removed",
            "compatible: domainRegister: optional argument comment added (code)",
        ],
    },
    Case {
        name: "argument made required",
        edits: &[(
            D,
            "period: {type: period, default: 1}",
            "period: {type: period, default: 1, required: true}",
        )],
        expect: &["breaking: domainRegister: argument period made required"],
    },
    Case {
        name: "argument made optional",
        edits: &[(
            D,
            "      domain: {type: domain, required: true}\n      period",
            "      domain: {type: domain}\n      period",
        )],
        expect: &["breaking: domainRegister: argument domain made optional"],
    },
    Case {
        name: "argument type changed",
        edits: &[(D, "      note: label\n", "      note: code\n")],
        expect: &["breaking: domainRegister: argument note type changed from label to code"],
    },
    Case {
        name: "type rule narrowed",
        edits: &[(T, "{int: {min: 1, max: 10}}", "{int: {min: 1, max: 5}}")],
        expect: &[
            "breaking: type period: rule narrowed from {int: {min: 1, max: 10}} to {int: {min: 1, max: 5}}",
        ],
    },
    Case {
        name: "type rule widened",
        edits: &[(T, "{int: {min: 1, max: 10}}", "{int: {max: 99}}")],
        expect: &[
            "compatible: type period: rule widened from {int: {min: 1, max: 10}} to {int: {max: 99}}",
        ],
    },
    Case {
        name: "type rule changed in kind, and so in what the newtype holds",
        edits: &[(T, r#"{text: {forbid: ["\n"]}}"#, "{int: {}}")],
        expect: &[
            r#"breaking: type label: rule changed from {text: {forbid: ["\n"]}} to {int: {}}; the newtype now holds a number instead of text"#,
        ],
    },
    Case {
        name: "text rule widened, and the types built on it named",
        edits: &[(T, "chars: [lower]}", "chars: [lower, digit]}")],
        expect: &[
            "compatible: type code: rule widened from {text: {min_len: 2, max_len: 4, chars: [lower]}} to {text: {min_len: 2, max_len: 4, chars: [lower, digit]}}; types built on it: alias",
        ],
    },
    Case {
        name: "a widening that cannot be shown sound is breaking",
        edits: &[(
            T,
            "{type: code}}",
            "{any_of: [{literal: [\"*\"]}, {type: label}]}}",
        )],
        expect: &[
            r#"breaking: type alias: rule changed from {type: code} to {any_of: [{literal: ["*"]}, {type: label}]}"#,
        ],
    },
    Case {
        name: "an alternative added to a rule widens it",
        edits: &[(
            T,
            "{type: code}}",
            "{any_of: [{literal: [\"*\"]}, {type: code}]}}",
        )],
        expect: &[
            r#"compatible: type alias: rule widened from {type: code} to {any_of: [{literal: ["*"]}, {type: code}]}"#,
        ],
    },
    Case {
        name: "type added",
        edits: &[(
            T,
            "  flag:",
            "  ns: {doc: Name server, rule: {type: domain}}\n  flag:",
        )],
        expect: &["compatible: type ns: added"],
    },
    Case {
        name: "type removed",
        edits: &[(T, "  flag: {doc: A flag, rule: {bool: {}}}\n", "")],
        expect: &["breaking: type flag: removed"],
    },
    Case {
        name: "type made secret",
        edits: &[(
            T,
            "{doc: A password, rule",
            "{doc: A password, secret: true, rule",
        )],
        expect: &[
            "breaking: type password: made secret: its values are redacted and it loses Display",
        ],
    },
    Case {
        name: "type doc and examples changed",
        edits: &[
            (T, "{doc: Years,", "{doc: Years of registration,"),
            (T, "examples: [a.com]", "examples: [a.com, b.net]"),
        ],
        expect: &[
            "compatible: type domain: examples: added b.net",
            r#"compatible: type period: doc changed from "Years" to "Years of registration""#,
        ],
    },
    Case {
        name: "default changed",
        edits: &[(D, "default: 1}", "default: 2}")],
        expect: &["compatible: domainRegister: argument period default changed from 1 to 2"],
    },
    Case {
        name: "enum value added",
        edits: &[(T, "{enum: [ab, cd]}", "{enum: [ab, cd, ef]}")],
        expect: &["compatible: type viewMode: values added: ef"],
    },
    Case {
        name: "enum value removed",
        edits: &[(T, "{enum: [ab, cd]}", "{enum: [ab, ef]}")],
        expect: &[
            "breaking: type viewMode: values removed: cd",
            "compatible: type viewMode: values added: ef",
        ],
    },
    Case {
        name: "enum reordered is no change",
        edits: &[(T, "{enum: [ab, cd]}", "{enum: [cd, ab]}")],
        expect: &[],
    },
    Case {
        name: "enum gains a held number",
        edits: &[(
            T,
            "{enum: [ab, cd]}",
            "{enum: [ab, cd, {rows: {type: id}}]}",
        )],
        expect: &["compatible: type viewMode: values added: \"rows: {type: id}\""],
    },
    Case {
        name: "array_of target changed",
        edits: &[(D, "array_of: domainRegister", "array_of: domainGetInfo")],
        expect: &[
            "breaking: domainsRegister: array_of changed from domainRegister to domainGetInfo",
        ],
    },
    Case {
        name: "bulk key changed",
        edits: &[(N, "    key: id\n", "")],
        expect: &["breaking: domainsSetDNS: items now keyed by index instead of argument id"],
    },
    Case {
        name: "a single command became a bulk one",
        edits: &[(
            D,
            "    answer: search\n    args:\n      domains: label\n",
            "    array_of: domainGetInfo\n",
        )],
        expect: &["breaking: domainsSearch: became a bulk command, an array of domainGetInfo"],
    },
    Case {
        name: "effect changed",
        edits: &[(
            D,
            "description: Get information of the domain\n    effect: read",
            "description: Get information of the domain\n    effect: change",
        )],
        expect: &[
            "compatible: domainGetInfo: effect changed from read to change (notable: the client no longer retries it, and a lost answer is an unknown outcome)",
        ],
    },
    Case {
        name: "long changed",
        edits: &[(D, "    long: true\n", "")],
        expect: &[
            "compatible: domainRegister: no longer long: the client's usual answer timeout applies",
        ],
    },
    Case {
        name: "description changed",
        edits: &[(D, "Get information of the domain", "Get domain information")],
        expect: &[
            r#"compatible: domainGetInfo: description changed from "Get information of the domain" to "Get domain information""#,
        ],
    },
    Case {
        name: "answer kind widened",
        edits: &[(
            D,
            "    description: Domain registration\n",
            "    description: Domain registration\n    answer: search\n",
        )],
        expect: &[
            "compatible: domainRegister: answer changed from value to search: a bare number is now a success",
        ],
    },
    Case {
        name: "answer kind narrowed",
        edits: &[(D, "    answer: search\n", "")],
        expect: &[
            "breaking: domainsSearch: answer changed from search to value: answers once taken as success may now be errors",
        ],
    },
    Case {
        name: "client method renamed",
        edits: &[(
            D,
            "    description: Search domains\n",
            "    description: Search domains\n    rust_name: search_domains\n",
        )],
        expect: &[
            "breaking: domainsSearch: client method renamed from domains_search to search_domains",
        ],
    },
    Case {
        name: "a rust_name equal to the derived name is no change",
        edits: &[(
            D,
            "    description: Search domains\n",
            "    description: Search domains\n    rust_name: domains_search\n",
        )],
        expect: &[],
    },
    Case {
        name: "argument doc changed",
        edits: &[(N, "doc: The record's value", "doc: The value")],
        expect: &[
            r#"compatible: domainSetDNS: argument records.value doc changed from "The record's value" to "The value""#,
        ],
    },
    Case {
        name: "records flattened no more",
        edits: &[(N, "        flatten: true\n", "")],
        expect: &[
            "breaking: domainSetDNS: argument records no longer flattened: its records now stand under its name",
        ],
    },
    Case {
        name: "record field added",
        edits: &[(
            N,
            "          value: {type: label, doc: The record's value}\n",
            "          value: {type: label, doc: The record's value}\n          ttl: id\n",
        )],
        expect: &["compatible: domainSetDNS: optional argument records.ttl added (id)"],
    },
    Case {
        name: "required arguments reordered change the parameters of new",
        edits: &[(
            D,
            "      id: {type: id, required: true}\n      domain: {type: domain, required: true}\n",
            "      domain: {type: domain, required: true}\n      id: {type: id, required: true}\n",
        )],
        expect: &[
            "breaking: domainGetInfo: parameters of new reordered from new(id, domain) to new(domain, id)",
            "breaking: domainGetNote: parameters of new reordered from new(id, domain) to new(domain, id)",
        ],
    },
    Case {
        name: "same_as written out is no change",
        edits: &[(
            D,
            "    same_as: domainGetInfo\n",
            "    args:\n      view: {type: viewMode}\n      id: {type: id, required: true}\n      domain: {required: true, type: domain}\n",
        )],
        expect: &[],
    },
    Case {
        name: "breaking changes come first, then by subject",
        edits: &[
            (
                D,
                "      note: label\n",
                "      note: label\n      registrant: code\n",
            ),
            (T, "  flag: {doc: A flag, rule: {bool: {}}}\n", ""),
            (D, "    long: true\n", ""),
        ],
        expect: &[
            "breaking: type flag: removed",
            "compatible: domainRegister: no longer long: the client's usual answer timeout applies",
            "compatible: domainRegister: optional argument registrant added (code)",
        ],
    },
];

#[test]
fn every_kind_of_change_is_reported_and_classified() {
    let old = load(&base());
    let mut failures = Vec::new();
    for case in CASES {
        let new = load(&edited(case.edits));
        let d = diff(&old, &new);
        let got: Vec<String> = d.changes.iter().map(|c| c.to_string()).collect();
        if got != case.expect {
            failures.push(format!(
                "{}:\n  expected: {:#?}\n  got:      {:#?}",
                case.name, case.expect, got
            ));
        }
        // The level in the line is the change's level.
        for c in &d.changes {
            let prefix = match c.level {
                Level::Breaking => "breaking: ",
                Level::Compatible => "compatible: ",
            };
            assert!(c.to_string().starts_with(prefix), "{c}");
        }
        assert_eq!(
            d.is_breaking(),
            case.expect.iter().any(|l| l.starts_with("breaking")),
            "{}",
            case.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn diff_back_is_the_mirror_for_additions() {
    // Adding is compatible, removing is breaking: the same pair read both ways.
    let old = load(&base());
    let new = load(&edited(&[(
        D,
        "      note: label\n",
        "      note: label\n      registrant: code\n",
    )]));
    assert!(!diff(&old, &new).is_breaking());
    let back = diff(&new, &old);
    assert_eq!(back.changes.len(), 1);
    assert_eq!(back.changes[0].kind, Kind::ArgRemoved);
    assert_eq!(back.changes[0].level, Level::Breaking);
}

/// The base spec in another order: commands, keys of every mapping, optional arguments,
/// types, and commands moved between files (and into a new one).
#[test]
fn order_and_files_do_not_matter() {
    let types = r#"types:
  password: {rule: {text: {max_len: 64}}, doc: A password}
  flag: {rule: {bool: {}}, doc: A flag}
  alias: {rule: {type: code}, doc: Same as code}
  code: {rule: {text: {chars: [lower], max_len: 4, min_len: 2}}, doc: A code}
  label: {doc: A line, rule: {text: {forbid: ["\n"]}}}
  period: {rule: {int: {max: 10, min: 1}}, doc: Years}
  domain:
    rule: {parts: {each: {text: {chars: [letter, digit, "-"], max_len: 63, min_len: 1}}, min: 2, sep: "."}}
    examples: [a.com]
    doc: Domain name
  id: {rule: {int: {min: 1}}, doc: ID}
  viewMode: {rule: {enum: [cd, ab]}, doc: A view}
"#;
    let search = r#"# Moved here from domains.yaml.
commands:
  domainsSearch:
    args:
      domains: label
    answer: search
    effect: read
    description: Search domains
  domainsSetDNS:
    key: id
    array_of: domainSetDNS
    effect: change
    description: Set DNS records of several domains
"#;
    let domains = r#"commands:
  domainGetNote:
    same_as: domainGetInfo
    effect: read
    description: Get the domain's note
  domainsRegister:
    array_of: domainRegister
    description: Register domains
    effect: change
  domainRegister:
    args:
      note: label
      domain: {required: true, type: domain}
      period: {default: 1, type: period}
    long: true
    effect: change
    description: Domain registration
  domainSetDNS:
    effect: change
    description: Set DNS records
    args:
      records:
        flatten: true
        array:
          value: {doc: The record's value, type: label}
          type: {required: true, type: code}
      id: {type: id, required: true}
  domainGetInfo:
    args:
      view: {type: viewMode}
      id: {required: true, type: id}
      domain: {required: true, type: domain}
    effect: read
    description: Get information of the domain
"#;
    let old = load(&base());
    let new = load(&[
        ("commands/a.yaml".to_owned(), search.to_owned()),
        ("types.yaml".to_owned(), types.to_owned()),
        ("commands/z.yaml".to_owned(), domains.to_owned()),
    ]);
    let d = diff(&old, &new);
    assert!(d.is_empty(), "{}", d.to_text());
    assert_eq!(d.to_text(), "summary: no changes\n");
    assert_eq!(d.bump(), Bump::None);
    let d = diff(&new, &old);
    assert!(d.is_empty(), "{}", d.to_text());
}

#[test]
fn the_release_follows_the_classification() {
    let old = load(&base());
    let bump = |edits: &[(&str, &str, &str)]| diff(&old, &load(&edited(edits))).bump();
    assert_eq!(bump(&[]), Bump::None);
    assert_eq!(
        bump(&[(D, "Get information of the domain", "Get domain information")]),
        Bump::Patch
    );
    assert_eq!(bump(&[(D, "default: 1}", "default: 2}")]), Bump::Minor);
    assert_eq!(
        bump(&[
            (D, "default: 1}", "default: 2}"),
            (D, "      note: label\n", ""),
            (D, "Get information of the domain", "Get domain information"),
        ]),
        Bump::Major
    );
}

#[test]
fn text_report_ends_with_a_summary() {
    let old = load(&base());
    let new = load(&edited(&[
        (D, "      note: label\n", ""),
        (D, "default: 1}", "default: 2}"),
        (D, "Get information of the domain", "Get domain information"),
    ]));
    assert_eq!(
        diff(&old, &new).to_text(),
        "breaking: domainRegister: argument note removed\n\
         compatible: domainGetInfo: description changed from \"Get information of the domain\" to \"Get domain information\"\n\
         compatible: domainRegister: argument period default changed from 1 to 2\n\
         summary: 1 breaking, 2 compatible changes (release: major, minor while 0.x)\n"
    );
}

#[test]
fn markdown_report_groups_breaking_and_compatible() {
    let old = load(&base());
    let new = load(&edited(&[
        (D, "      note: label\n", ""),
        (T, "{int: {min: 1, max: 10}}", "{int: {min: 1, max: 20}}"),
        (
            D,
            "description: Get information of the domain\n    effect: read",
            "description: Get information of the domain\n    effect: change",
        ),
        (T, "{enum: [ab, cd]}", "{enum: [ab, cd, \"a|b\"]}"),
    ]));
    let md = diff(&old, &new).to_markdown();
    assert_eq!(
        md,
        "**Verdict: breaking**\n\n\
         ## Spec changes\n\n\
         **1 breaking, 3 compatible changes (release: major, minor while 0.x)**\n\n\
         ### Breaking\n\n\
         | Where | Change | Rust API | CLI | Sandbox |\n\
         | --- | --- | --- | --- | --- |\n\
         | `domainRegister` | argument `note` removed | field `requests::DomainRegister::note` and its setter removed | flag `--note` removed | refuses `note` (unknown argument) |\n\n\
         ### Compatible\n\n\
         | Where | Change | Rust API | CLI | Sandbox |\n\
         | --- | --- | --- | --- | --- |\n\
         | type `period` | rule widened from `{int: {min: 1, max: 10}}` to `{int: {min: 1, max: 20}}` | `types::Period` checks the new rule | flags typed `period` check the new rule | checks arguments typed `period` by the new rule |\n\
         | type `viewMode` | values added: `a\\|b` | variants of `types::ViewMode`: `AB` | the values flags typed `viewMode` take | the values it accepts for `viewMode` |\n\
         | `domainGetInfo` | effect changed from `read` to `change` (**notable:** the client no longer retries it, and a lost answer is an unknown outcome) | whether `Client::domain_get_info` is retried (`CommandInfo::effect`) | whether `domaincontext domainGetInfo` is retried | none |\n"
    );
    let none = diff(&old, &old).to_markdown();
    assert_eq!(
        none,
        "**Verdict: no change**\n\n## Spec changes\n\nNo changes.\n"
    );
}

#[test]
fn markdown_names_the_rust_cli_and_sandbox_effect_of_each_change() {
    let old = load(&base());
    let new = load(&edited(&[
        (
            D,
            "      note: label\n",
            "      note: label\n      client: {type: code, required: true}\n      registrant: code\n",
        ),
        (
            D,
            "description: Get information of the domain\n",
            "description: Get domain information\n",
        ),
    ]));
    let md = diff(&old, &new).to_markdown();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| `")).collect();
    let want = [
        "| `domainRegister` | required argument `client` added (`code`) | `requests::DomainRegister::new` takes `client` | new required flag `--client` | refuses `domainRegister` without `client` |",
        "| `domainGetInfo` | description changed from `\"Get information of the domain\"` to `\"Get domain information\"` | docs of `requests::DomainGetInfo` and `Client::domain_get_info` | the help of `domaincontext domainGetInfo` | none |",
        "| `domainRegister` | optional argument `registrant` added (`code`) | new field `requests::DomainRegister::registrant` and setter `.registrant()` | new flag `--registrant` | accepts `registrant` |",
    ];
    assert_eq!(rows, want, "{md}");
    assert_eq!(rows.len(), 3);
}

const ANSWERS_OLD: &str = r#"answers:
  info: {source: panel, doc: A domain, fields: {id: int, domain: text, locked: flag}}
  check: {source: panel, doc: Availability, map_of: flag}
  gone: {source: panel, doc: To be removed, fields: {id: int}}
"#;

const ANSWERS_NEW: &str = r#"answers:
  info: {source: panel, doc: A domain, fields: {id: text, domain: text, nss: list}}
  check: {source: panel, doc: Availability, fields: {id: int}}
  fresh: {source: panel, doc: New, fields: {id: int}}
"#;

#[test]
fn answer_shapes_and_returns_are_compared() {
    let with = |answers: &str, returns: &str| {
        let commands = format!(
            "commands:\n  domainGetInfo:\n    description: Get\n    effect: read\n    {returns}\n    args:\n      id: {{type: id}}\n"
        );
        load(&[
            ("types.yaml".to_owned(), TYPES.to_owned()),
            ("answers.yaml".to_owned(), answers.to_owned()),
            ("commands/a.yaml".to_owned(), commands),
        ])
    };
    let old = with(ANSWERS_OLD, "returns: info");
    let new = with(ANSWERS_NEW, "returns: {rows: info}");
    let d = diff(&old, &new);
    let lines: Vec<String> = d.changes.iter().map(|c| c.to_string()).collect();
    for expected in [
        "breaking: answer check: shape changed from map_of flag to fields",
        "breaking: answer gone: removed",
        "breaking: answer info: field id read as text instead of int",
        "breaking: answer info: field locked removed",
        "compatible: answer fresh: added",
        "compatible: answer info: field nss added",
        "compatible: domainGetInfo: answer decodes into rows of info instead of info",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected:?} not in {lines:#?}"
        );
    }
    assert_eq!(lines.len(), 7, "{lines:#?}");
    assert!(
        d.changes
            .iter()
            .any(|c| c.kind == Kind::Returns && c.level == Level::Compatible)
    );
    assert!(diff(&old, &old).changes.is_empty());
}
