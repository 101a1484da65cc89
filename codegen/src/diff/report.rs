//! The report of a diff: what a change is (level, subject, kind, words, place) and the
//! release it calls for, written as text or as a Markdown review comment.

use std::fmt;

use super::message::{Message, cell, code_span};
use crate::yaml::Pos;

/// The effect of one change on the Rust API, the CLI and the sandbox, as Markdown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impact {
    /// On the generated crate: structs, methods, fields, enum variants.
    pub rust: String,
    /// On the command-line tool: commands and flags.
    pub cli: String,
    /// On the sandbox: what it accepts and refuses.
    pub sandbox: String,
}

/// Whether code written against the old generated crate still compiles and behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Code that uses the crate may stop compiling, or values it sends may be refused.
    Breaking,
    /// Code that uses the crate keeps compiling and working.
    Compatible,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Breaking => "breaking",
            Level::Compatible => "compatible",
        })
    }
}

/// What a change is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// An argument type, by its spec name.
    Type(String),
    /// A command, by its API name.
    Command(String),
    /// An answer shape, by its spec name.
    Answer(String),
}

/// The kind of a change, for callers that filter changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A command was added.
    CommandAdded,
    /// A command was removed.
    CommandRemoved,
    /// Its client method has another name (`rust_name`).
    MethodRenamed,
    /// The command's description changed.
    Description,
    /// Read-only became changing, or the other way.
    Effect,
    /// The 10-minute mark changed.
    Long,
    /// What a successful answer looks like changed.
    Answer,
    /// The "array of" relation changed: the item command, the key, or bulk-ness itself.
    Bulk,
    /// An argument was added.
    ArgAdded,
    /// An argument was removed.
    ArgRemoved,
    /// An argument has a new name and nothing else changed.
    ArgRenamed,
    /// An argument became required.
    ArgRequired,
    /// An argument became optional.
    ArgOptional,
    /// An argument takes another type.
    ArgType,
    /// An argument's records are written at the top level of the form, or no longer.
    ArgFlatten,
    /// The parameters of `new` come in another order.
    ParamsReordered,
    /// An argument's default changed.
    ArgDefault,
    /// A closed set's values (its enum's variants) changed.
    Variants,
    /// An argument's `doc` or `ours` changed.
    ArgDoc,
    /// A type was added.
    TypeAdded,
    /// A type was removed.
    TypeRemoved,
    /// A type's rule changed.
    Rule,
    /// A type's values became secret, or stopped being so.
    Secret,
    /// A type's `doc` or `ours` changed.
    TypeDoc,
    /// A type's `examples` or `invalid` values changed.
    Examples,
    /// The answer shape a command's success decodes into changed.
    Returns,
    /// An answer shape was added.
    AnswerAdded,
    /// An answer shape was removed.
    AnswerRemoved,
    /// An answer shape's fields changed.
    AnswerFields,
    /// An answer shape's `doc` or `source` changed.
    AnswerDoc,
}

impl Kind {
    /// True for changes that only touch documentation (a patch release on their own).
    pub fn is_doc_only(self) -> bool {
        matches!(
            self,
            Kind::Description | Kind::ArgDoc | Kind::TypeDoc | Kind::Examples | Kind::AnswerDoc
        )
    }
}

/// One difference between two specs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Breaking or compatible.
    pub level: Level,
    /// The command or type that changed.
    pub subject: Subject,
    /// What kind of change.
    pub kind: Kind,
    /// What changed, in words.
    pub(super) detail: Message,
    /// Why a compatible change still deserves a reviewer's eye.
    pub(super) notable: Option<String>,
    /// The line that caused it: in the new spec, or in the old one for a removal.
    pub pos: Option<Pos>,
    /// What it does to the Rust API, the CLI and the sandbox.
    pub impact: Impact,
}

impl Change {
    /// What changed, in words (without level and subject).
    pub fn detail(&self) -> String {
        self.detail.plain()
    }

    /// Why a compatible change still deserves a reviewer's eye, if it does.
    pub fn notable(&self) -> Option<&str> {
        self.notable.as_deref()
    }

    /// `type period`, `domainRegister`, `answer info`.
    pub fn subject_text(&self) -> String {
        match &self.subject {
            Subject::Type(n) => format!("type {n}"),
            Subject::Command(n) => n.clone(),
            Subject::Answer(n) => format!("answer {n}"),
        }
    }

    fn subject_markdown(&self) -> String {
        match &self.subject {
            Subject::Type(n) => format!("type {}", code_span(n)),
            Subject::Command(n) => code_span(n),
            Subject::Answer(n) => format!("answer {}", code_span(n)),
        }
    }
}

/// `breaking: domainRegister: argument period made required`
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.level,
            self.subject_text(),
            self.detail.plain()
        )?;
        if let Some(n) = &self.notable {
            write!(f, " (notable: {n})")?;
        }
        Ok(())
    }
}

/// The release a set of changes calls for, by the crate's version policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Documentation only.
    Patch,
    /// Compatible changes.
    Minor,
    /// A breaking change: a major release (a minor one while the version is 0.x).
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major, minor while 0.x",
        })
    }
}

/// Every change between two specs, breaking ones first, then by subject.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Diff {
    /// True when the specs mean the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// True when any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.level == Level::Breaking)
    }

    /// The release these changes call for.
    pub fn bump(&self) -> Bump {
        if self.changes.is_empty() {
            Bump::None
        } else if self.is_breaking() {
            Bump::Major
        } else if self.changes.iter().all(|c| c.kind.is_doc_only()) {
            Bump::Patch
        } else {
            Bump::Minor
        }
    }

    /// `1 breaking, 2 compatible changes (release: major, minor while 0.x)`
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "no changes".to_owned();
        }
        let breaking = self
            .changes
            .iter()
            .filter(|c| c.level == Level::Breaking)
            .count();
        let compatible = self.changes.len() - breaking;
        let mut parts = Vec::new();
        if breaking > 0 {
            parts.push(format!("{breaking} breaking"));
        }
        if compatible > 0 {
            parts.push(format!("{compatible} compatible"));
        }
        format!(
            "{} change{} (release: {})",
            parts.join(", "),
            if self.changes.len() == 1 { "" } else { "s" },
            self.bump()
        )
    }

    /// One change a line, then `summary: ...`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            out.push_str(&format!("{c}\n"));
        }
        out.push_str(&format!("summary: {}\n", self.summary()));
        out
    }

    /// A review comment: the verdict line, the summary, then a table of breaking and one of
    /// compatible changes, each with what it does to the Rust API, the CLI and the sandbox.
    pub fn to_markdown(&self) -> String {
        let verdict = crate::review::Verdict::of(self);
        let mut out = format!("**Verdict: {verdict}**\n\n## Spec changes\n\n");
        if self.changes.is_empty() {
            out.push_str("No changes.\n");
            return out;
        }
        out.push_str(&format!("**{}**\n", self.summary()));
        for (level, title) in [
            (Level::Breaking, "Breaking"),
            (Level::Compatible, "Compatible"),
        ] {
            let rows: Vec<&Change> = self.changes.iter().filter(|c| c.level == level).collect();
            if rows.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "\n### {title}\n\n| Where | Change | Rust API | CLI | Sandbox |\n| --- | --- | --- | --- | --- |\n"
            ));
            for c in rows {
                let mut detail = c.detail.markdown();
                if let Some(n) = &c.notable {
                    detail.push_str(&format!(" (**notable:** {n})"));
                }
                let i = &c.impact;
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    cell(&c.subject_markdown()),
                    cell(&detail),
                    cell(&i.rust),
                    cell(&i.cli),
                    cell(&i.sandbox)
                ));
            }
        }
        out
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}
