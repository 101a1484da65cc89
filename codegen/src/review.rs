//! Review output: spec changes and spec problems as GitHub workflow annotations or as a
//! JSON array, each placed on the spec line that caused it, and the verdict they lead to.
//!
//! JSON is written by hand: five flat string or number fields a record do not earn a
//! serde dependency in a crate that every user's build script compiles.

use std::fmt::{self, Write as _};

use crate::diag::Report;
use crate::diff::{Change, Diff, Kind, Level};
use crate::yaml::Pos;

/// What a diff amounts to, worst first: the first line of a review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// At least one breaking change.
    Breaking,
    /// Only compatible changes.
    Compatible,
    /// The specs mean the same.
    NoChange,
}

impl Verdict {
    /// The verdict on `diff`.
    pub fn of(diff: &Diff) -> Verdict {
        if diff.is_breaking() {
            Verdict::Breaking
        } else if diff.is_empty() {
            Verdict::NoChange
        } else {
            Verdict::Compatible
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Breaking => "breaking",
            Verdict::Compatible => "compatible",
            Verdict::NoChange => "no change",
        })
    }
}

/// How loud a finding is, in GitHub's annotation words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// A breaking change or a spec problem.
    Error,
    /// A compatible change that deserves a reviewer's eye (it is `notable`).
    Warning,
    /// Any other compatible change.
    Notice,
}

impl Severity {
    /// `error`, `warning` or `notice`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }

    fn of(change: &Change) -> Severity {
        match (change.level, change.notable()) {
            (Level::Breaking, _) => Severity::Error,
            (Level::Compatible, Some(_)) => Severity::Warning,
            (Level::Compatible, None) => Severity::Notice,
        }
    }
}

/// One finding to place on a line: a change or a spec problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// `arg_added`, `rule`, ... for changes (see [`kind_name`]); `spec_error` for problems.
    pub kind: &'static str,
    /// How loud it is.
    pub severity: Severity,
    /// Where it is, when known.
    pub pos: Option<Pos>,
    /// What it is, one line.
    pub message: String,
}

/// The stable name of a change kind in JSON output.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::CommandAdded => "command_added",
        Kind::CommandRemoved => "command_removed",
        Kind::MethodRenamed => "method_renamed",
        Kind::Description => "description",
        Kind::Effect => "effect",
        Kind::Long => "long",
        Kind::Answer => "answer",
        Kind::Bulk => "bulk",
        Kind::ArgAdded => "arg_added",
        Kind::ArgRemoved => "arg_removed",
        Kind::ArgRenamed => "arg_renamed",
        Kind::ArgRequired => "arg_required",
        Kind::ArgOptional => "arg_optional",
        Kind::ArgType => "arg_type",
        Kind::ArgFlatten => "arg_flatten",
        Kind::ParamsReordered => "params_reordered",
        Kind::ArgDefault => "arg_default",
        Kind::Variants => "variants",
        Kind::ArgDoc => "arg_doc",
        Kind::TypeAdded => "type_added",
        Kind::TypeRemoved => "type_removed",
        Kind::Rule => "rule",
        Kind::Secret => "secret",
        Kind::TypeDoc => "type_doc",
        Kind::Examples => "examples",
        Kind::Returns => "returns",
        Kind::AnswerAdded => "answer_added",
        Kind::AnswerRemoved => "answer_removed",
        Kind::AnswerFields => "answer_fields",
        Kind::AnswerDoc => "answer_doc",
    }
}

/// The findings of a diff, in its order: `breaking: domainRegister: argument note removed`.
pub fn diff_findings(diff: &Diff) -> Vec<Finding> {
    diff.changes
        .iter()
        .map(|c| Finding {
            kind: kind_name(c.kind),
            severity: Severity::of(c),
            pos: c.pos.clone(),
            message: c.to_string(),
        })
        .collect()
}

/// The findings of a spec that does not load: one error a problem, its hint appended.
pub fn report_findings(report: &Report) -> Vec<Finding> {
    report
        .diagnostics
        .iter()
        .map(|d| Finding {
            kind: "spec_error",
            severity: Severity::Error,
            pos: Some(d.pos.clone()),
            message: match &d.hint {
                Some(h) => format!("{} (hint: {h})", d.message),
                None => d.message.clone(),
            },
        })
        .collect()
}

/// GitHub workflow commands, one a line: `::error file=spec/types.yaml,line=3::message`.
pub fn to_github(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str("::");
        out.push_str(f.severity.as_str());
        if let Some(p) = &f.pos {
            let _ = write!(out, " file={},line={}", property(&p.file), p.line);
        }
        let _ = writeln!(out, "::{}", data(&f.message));
    }
    out
}

/// A JSON array of `{"kind", "severity", "file", "line", "message"}` objects, one a line;
/// `file` and `line` are null when the place is unknown.
pub fn to_json(findings: &[Finding]) -> String {
    let mut out = String::from("[");
    for (i, f) in findings.iter().enumerate() {
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        let (file, line) = match &f.pos {
            Some(p) => (json_string(&p.file), p.line.to_string()),
            None => ("null".to_owned(), "null".to_owned()),
        };
        let _ = write!(
            out,
            "{{\"kind\": {}, \"severity\": {}, \"file\": {file}, \"line\": {line}, \"message\": {}}}",
            json_string(f.kind),
            json_string(f.severity.as_str()),
            json_string(&f.message)
        );
    }
    out.push_str(if findings.is_empty() { "]\n" } else { "\n]\n" });
    out
}

/// The message of a workflow command: GitHub reads `%`, CR and LF specially.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a workflow command: also `:` and `,` end it.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_values_are_escaped() {
        let f = Finding {
            kind: "rule",
            severity: Severity::Notice,
            pos: Some(Pos {
                file: "a,b:c.yaml".into(),
                line: 2,
                col: 3,
            }),
            message: "50% of\nit".to_owned(),
        };
        assert_eq!(
            to_github(std::slice::from_ref(&f)),
            "::notice file=a%2Cb%3Ac.yaml,line=2::50%25 of%0Ait\n"
        );
        assert_eq!(
            to_json(&[f]),
            "[\n  {\"kind\": \"rule\", \"severity\": \"notice\", \"file\": \"a,b:c.yaml\", \"line\": 2, \"message\": \"50% of\\nit\"}\n]\n"
        );
        assert_eq!(to_json(&[]), "[]\n");
    }
}
