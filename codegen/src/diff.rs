//! The semantic difference between two checked specs: what changed for code that uses the
//! generated crate, each change classified as breaking or compatible. Order and files do
//! not matter, nor positions, nor how arguments are reached (`same_as` or written out).
//!
//! The classification follows what the generator makes of the spec: request structs are
//! `#[non_exhaustive]` with `pub` fields, `new(required arguments...)` and a setter per
//! optional argument; argument types are newtypes made through `FromStr` / `TryFrom`.
//!
//! ```
//! # let text = |commands: &str| vec![
//! #     ("types.yaml".to_owned(), "types:\n  id: {doc: ID, rule: {int: {min: 1}}}\n".to_owned()),
//! #     ("commands/a.yaml".to_owned(), commands.to_owned()),
//! # ];
//! use domaincontext_codegen::{diff::diff, load_sources};
//!
//! let old = load_sources(&text("commands:\n  get: {description: Get, effect: read, args: {id: id}}\n")).unwrap();
//! let new = load_sources(&text("commands:\n  get: {description: Get, effect: read, args: {id: {type: id, required: true}}}\n")).unwrap();
//! let d = diff(&old, &new);
//! assert_eq!(d.to_text(), "breaking: get: argument id made required\nsummary: 1 breaking change (release: major, minor while 0.x)\n");
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::emit::client::method_name;
use crate::model::*;
use crate::yaml::Pos;

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
    detail: Message,
    /// Why a compatible change still deserves a reviewer's eye.
    notable: Option<String>,
    /// The line that caused it: in the new spec, or in the old one for a removal.
    pub pos: Option<Pos>,
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

    /// A review comment: the verdict line, the summary, then a table of breaking and one of compatible
    /// changes.
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
                "\n### {title}\n\n| Where | Change |\n| --- | --- |\n"
            ));
            for c in rows {
                let mut detail = c.detail.markdown();
                if let Some(n) = &c.notable {
                    detail.push_str(&format!(" (**notable:** {n})"));
                }
                out.push_str(&format!(
                    "| {} | {} |\n",
                    cell(&c.subject_markdown()),
                    cell(&detail)
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

/// The changes from `old` to `new`.
pub fn diff(old: &Spec, new: &Spec) -> Diff {
    let mut d = Differ {
        old,
        new,
        changes: Vec::new(),
        at: None,
    };
    d.types();
    d.commands();
    d.answers();
    let mut changes = d.changes;
    // Stable: within a subject, changes keep the order they were found in.
    changes.sort_by(|a, b| (a.level, &a.subject).cmp(&(b.level, &b.subject)));
    Diff { changes }
}

// ---- messages: plain for the terminal, code spans for Markdown ----

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Message(Vec<Span>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Span {
    /// Words.
    Text(String),
    /// A name or a rule: bare on the terminal, a code span in Markdown.
    Code(String),
    /// A value from the spec: quoted on the terminal when it would be unclear bare.
    Value(String),
    /// Prose from the spec (a description): always quoted.
    Quoted(String),
}

impl Message {
    fn t(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Text(s.into()));
        self
    }
    fn c(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Code(s.into()));
        self
    }
    fn v(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Value(s.into()));
        self
    }
    fn q(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Quoted(s.into()));
        self
    }
    /// Values joined by `, `.
    fn values<'a>(mut self, values: impl IntoIterator<Item = &'a String>) -> Self {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self = self.t(", ");
            }
            self = self.v(v.clone());
        }
        self
    }

    fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) | Span::Code(t) => t.clone(),
                Span::Value(v) => quote_value(v),
                Span::Quoted(v) => format!("{v:?}"),
            })
            .collect()
    }

    fn markdown(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) => t.clone(),
                Span::Code(t) => code_span(t),
                Span::Value(v) => code_span(&quote_value(v)),
                Span::Quoted(v) => code_span(&format!("{v:?}")),
            })
            .collect()
    }
}

fn msg() -> Message {
    Message::default()
}

/// A value as the terminal shows it: bare when that is unambiguous, else quoted.
fn quote_value(v: &str) -> String {
    let bare = !v.is_empty()
        && v.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, ',' | '"' | '\''));
    if bare { v.to_owned() } else { format!("{v:?}") }
}

/// A Markdown code span that survives backticks in its text.
fn code_span(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 || s.starts_with(' ') || s.ends_with(' ') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

/// A table cell: pipes escaped, line breaks folded.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

// ---- the comparison ----

struct Differ<'a> {
    old: &'a Spec,
    new: &'a Spec,
    changes: Vec<Change>,
    /// Where the changes found next are placed.
    at: Option<Pos>,
}

/// Where a change between `old` and `new` is placed: the new line, or the old one when the
/// thing is gone.
fn place(old: Option<&Pos>, new: Option<&Pos>) -> Option<Pos> {
    new.or(old).cloned()
}

/// The union of two name sets, sorted: the order things are compared and reported in.
fn union<'a>(a: impl Iterator<Item = &'a str>, b: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    a.chain(b).collect::<BTreeSet<_>>().into_iter().collect()
}

impl<'a> Differ<'a> {
    fn push(&mut self, level: Level, subject: &Subject, kind: Kind, detail: Message) {
        self.changes.push(Change {
            level,
            subject: subject.clone(),
            kind,
            detail,
            notable: None,
            pos: self.at.clone(),
        });
    }

    fn push_notable(
        &mut self,
        level: Level,
        subject: &Subject,
        kind: Kind,
        detail: Message,
        notable: String,
    ) {
        self.push(level, subject, kind, detail);
        if let Some(last) = self.changes.last_mut() {
            last.notable = Some(notable);
        }
    }

    // ---- answers ----

    /// Answer decoders are `#[non_exhaustive]` structs of optional fields: a field added is
    /// compatible; a field removed, or read as another kind, changes code that uses it.
    fn answers(&mut self) {
        let old: BTreeMap<&str, &AnswerDef> = by_name(&self.old.answers, |a| &a.name.name);
        let new: BTreeMap<&str, &AnswerDef> = by_name(&self.new.answers, |a| &a.name.name);
        for name in union(old.keys().copied(), new.keys().copied()) {
            let subject = Subject::Answer(name.to_owned());
            self.at = place(
                old.get(name).map(|a| &a.name.pos),
                new.get(name).map(|a| &a.name.pos),
            );
            match (old.get(name), new.get(name)) {
                (Some(_), None) => self.push(
                    Level::Breaking,
                    &subject,
                    Kind::AnswerRemoved,
                    msg().t("removed"),
                ),
                (None, Some(_)) => self.push(
                    Level::Compatible,
                    &subject,
                    Kind::AnswerAdded,
                    msg().t("added"),
                ),
                (Some(o), Some(n)) => self.answer_changes(&subject, o, n),
                (None, None) => {}
            }
        }
    }

    fn answer_changes(&mut self, subject: &Subject, o: &AnswerDef, n: &AnswerDef) {
        if o.doc != n.doc || o.source != n.source {
            self.push(
                Level::Compatible,
                subject,
                Kind::AnswerDoc,
                msg().t("doc or source changed"),
            );
        }
        match (&o.shape, &n.shape) {
            (AnswerShape::Fields(of), AnswerShape::Fields(nf)) => {
                // Compared by text: names hold positions, which differ between two trees.
                let old: BTreeMap<&str, String> = of
                    .iter()
                    .map(|(f, k)| (f.name.as_str(), field_text(k)))
                    .collect();
                let new: BTreeMap<&str, String> = nf
                    .iter()
                    .map(|(f, k)| (f.name.as_str(), field_text(k)))
                    .collect();
                for field in union(old.keys().copied(), new.keys().copied()) {
                    match (old.get(field), new.get(field)) {
                        (Some(_), None) => self.push(
                            Level::Breaking,
                            subject,
                            Kind::AnswerFields,
                            msg().t("field ").c(field).t(" removed"),
                        ),
                        (None, Some(_)) => self.push(
                            Level::Compatible,
                            subject,
                            Kind::AnswerFields,
                            msg().t("field ").c(field).t(" added"),
                        ),
                        (Some(a), Some(b)) if a != b => self.push(
                            Level::Breaking,
                            subject,
                            Kind::AnswerFields,
                            msg()
                                .t("field ")
                                .c(field)
                                .t(" read as ")
                                .c(b.clone())
                                .t(" instead of ")
                                .c(a.clone()),
                        ),
                        _ => {}
                    }
                }
            }
            (AnswerShape::MapOf(a), AnswerShape::MapOf(b)) => {
                let (a, b) = (field_text(a), field_text(b));
                if a != b {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::AnswerFields,
                        msg().t("values read as ").c(b).t(" instead of ").c(a),
                    );
                }
            }
            (a, b) => {
                let (a, b) = (shape_text(a), shape_text(b));
                if a != b {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::AnswerFields,
                        msg().t("shape changed from ").c(a).t(" to ").c(b),
                    );
                }
            }
        }
    }

    // ---- types ----

    fn types(&mut self) {
        let old: BTreeMap<&str, &TypeDef> = by_name(&self.old.types, |t| &t.name.name);
        let new: BTreeMap<&str, &TypeDef> = by_name(&self.new.types, |t| &t.name.name);
        for name in union(old.keys().copied(), new.keys().copied()) {
            let subject = Subject::Type(name.to_owned());
            self.at = place(
                old.get(name).map(|t| &t.name.pos),
                new.get(name).map(|t| &t.name.pos),
            );
            match (old.get(name), new.get(name)) {
                (Some(_), None) => self.push(
                    Level::Breaking,
                    &subject,
                    Kind::TypeRemoved,
                    msg().t("removed"),
                ),
                (None, Some(_)) => self.push(
                    Level::Compatible,
                    &subject,
                    Kind::TypeAdded,
                    msg().t("added"),
                ),
                (Some(o), Some(n)) => self.type_changes(&subject, o, n),
                (None, None) => {}
            }
        }
    }

    fn type_changes(&mut self, subject: &Subject, o: &TypeDef, n: &TypeDef) {
        let (ro, rn) = (rule_text(&o.rule), rule_text(&n.rule));
        if let (Rule::Enum(a), Rule::Enum(b)) = (&o.rule, &n.rule) {
            self.variants(subject, a, b);
        } else if ro != rn {
            let (held_old, held_new) = (held(self.old, &o.rule), held(self.new, &n.rule));
            let widened = held_old == held_new && widens(self.old, self.new, &o.rule, &n.rule, 0);
            let narrowed = held_old == held_new && widens(self.new, self.old, &n.rule, &o.rule, 0);
            let word = if widened {
                "widened"
            } else if narrowed {
                "narrowed"
            } else {
                "changed"
            };
            let mut detail = msg().t(format!("rule {word} from ")).c(ro).t(" to ").c(rn);
            if held_old != held_new {
                detail = detail.t(format!(
                    "; the newtype now holds {held_new} instead of {held_old}"
                ));
            }
            let users = users_of(self.new, &n.name.name);
            if !users.is_empty() {
                detail = detail.t("; types built on it: ");
                for (i, u) in users.iter().enumerate() {
                    detail = if i == 0 { detail } else { detail.t(", ") }.c(*u);
                }
            }
            let level = if widened {
                Level::Compatible
            } else {
                Level::Breaking
            };
            self.push(level, subject, Kind::Rule, detail);
        }
        match (o.secret, n.secret) {
            (false, true) => self.push(
                Level::Breaking,
                subject,
                Kind::Secret,
                msg()
                    .t("made secret: its values are redacted and it loses ")
                    .c("Display"),
            ),
            (true, false) => self.push_notable(
                Level::Compatible,
                subject,
                Kind::Secret,
                msg().t("no longer secret"),
                "its values now show in Debug output and error messages".to_owned(),
            ),
            _ => {}
        }
        if o.doc != n.doc {
            self.push(
                Level::Compatible,
                subject,
                Kind::TypeDoc,
                msg().t("doc changed from ").q(&o.doc).t(" to ").q(&n.doc),
            );
        }
        if o.ours != n.ours {
            self.push(
                Level::Compatible,
                subject,
                Kind::TypeDoc,
                changed_opt("ours", &o.ours, &n.ours),
            );
        }
        for (what, a, b) in [
            ("examples", &o.examples, &n.examples),
            ("invalid", &o.invalid, &n.invalid),
        ] {
            if let Some(detail) = set_change(what, a, b) {
                self.push(Level::Compatible, subject, Kind::Examples, detail);
            }
        }
    }

    /// An enum's variants: one added is compatible (the enums are `#[non_exhaustive]`),
    /// one removed breaking; the held number's variant is compared as a variant too.
    fn variants(&mut self, subject: &Subject, o: &EnumRule, n: &EnumRule) {
        let names = |e: &EnumRule| -> BTreeSet<String> {
            let held = e
                .other
                .as_ref()
                .map(|x| format!("{}: {{type: {}}}", x.name.name, x.of.name));
            e.wire_values().into_iter().chain(held).collect()
        };
        let (a, b) = (names(o), names(n));
        let came: Vec<&String> = b.difference(&a).collect();
        let gone: Vec<&String> = a.difference(&b).collect();
        if !came.is_empty() {
            let detail = msg().t("values added: ").values(came);
            self.push(Level::Compatible, subject, Kind::Variants, detail);
        }
        if !gone.is_empty() {
            let detail = msg().t("values removed: ").values(gone);
            self.push(Level::Breaking, subject, Kind::Variants, detail);
        }
    }

    // ---- commands ----

    fn commands(&mut self) {
        let old: BTreeMap<&str, &Command> = by_name(&self.old.commands, |c| &c.def.name.name);
        let new: BTreeMap<&str, &Command> = by_name(&self.new.commands, |c| &c.def.name.name);
        for name in union(old.keys().copied(), new.keys().copied()) {
            let subject = Subject::Command(name.to_owned());
            self.at = place(
                old.get(name).map(|c| &c.def.name.pos),
                new.get(name).map(|c| &c.def.name.pos),
            );
            match (old.get(name), new.get(name)) {
                (Some(o), None) => self.push(
                    Level::Breaking,
                    &subject,
                    Kind::CommandRemoved,
                    msg()
                        .t("command removed (client method ")
                        .c(method_name(o))
                        .t(")"),
                ),
                (None, Some(n)) => self.push(
                    Level::Compatible,
                    &subject,
                    Kind::CommandAdded,
                    msg()
                        .t("command added (client method ")
                        .c(method_name(n))
                        .t(")"),
                ),
                (Some(o), Some(n)) => self.command_changes(&subject, o, n),
                (None, None) => {}
            }
        }
    }

    fn command_changes(&mut self, subject: &Subject, o: &Command, n: &Command) {
        let returns = |r: Option<&Returns>| match r {
            None => "nothing named".to_owned(),
            Some(r) if r.rows => format!("rows of {}", r.name.name),
            Some(r) => r.name.name.clone(),
        };
        let (ro, rn) = (
            returns(o.def.returns.as_ref()),
            returns(n.def.returns.as_ref()),
        );
        if ro != rn {
            self.push(
                Level::Compatible,
                subject,
                Kind::Returns,
                msg()
                    .t("answer decodes into ")
                    .c(rn)
                    .t(" instead of ")
                    .c(ro),
            );
        }
        let (mo, mn) = (method_name(o), method_name(n));
        if mo != mn {
            self.push(
                Level::Breaking,
                subject,
                Kind::MethodRenamed,
                msg().t("client method renamed from ").c(mo).t(" to ").c(mn),
            );
        }
        if o.def.description != n.def.description {
            self.push(
                Level::Compatible,
                subject,
                Kind::Description,
                msg()
                    .t("description changed from ")
                    .q(&o.def.description)
                    .t(" to ")
                    .q(&n.def.description),
            );
        }
        if o.def.effect != n.def.effect {
            let (from, to, note) = match n.def.effect {
                Effect::Change => (
                    "read",
                    "change",
                    "the client no longer retries it, and a lost answer is an unknown outcome",
                ),
                Effect::Read => (
                    "change",
                    "read",
                    "the client now retries it on transport errors, 5xx and 429",
                ),
            };
            self.push_notable(
                Level::Compatible,
                subject,
                Kind::Effect,
                msg().t("effect changed from ").c(from).t(" to ").c(to),
                note.to_owned(),
            );
        }
        if o.def.long != n.def.long {
            let detail = if n.def.long {
                "now long: the client waits up to 10 minutes for its answer"
            } else {
                "no longer long: the client's usual answer timeout applies"
            };
            self.push(Level::Compatible, subject, Kind::Long, msg().t(detail));
        }
        match (&o.shape, &n.shape) {
            (Shape::Single(a), Shape::Single(b)) => {
                self.answer(subject, o.def.answer, n.def.answer);
                self.args(subject, "", a, b);
            }
            (Shape::Bulk { item: i, key: k }, Shape::Bulk { item: j, key: l }) => {
                let (from, to) = (
                    &self.old.commands[*i].def.name.name,
                    &self.new.commands[*j].def.name.name,
                );
                if from != to {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::Bulk,
                        msg()
                            .t("array_of changed from ")
                            .c(from.clone())
                            .t(" to ")
                            .c(to.clone()),
                    );
                }
                if k != l {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::Bulk,
                        msg()
                            .t("items now keyed by ")
                            .t(key_words(l))
                            .t(" instead of ")
                            .t(key_words(k)),
                    );
                }
            }
            (Shape::Single(_), Shape::Bulk { item, .. }) => self.push(
                Level::Breaking,
                subject,
                Kind::Bulk,
                msg()
                    .t("became a bulk command, an array of ")
                    .c(self.new.commands[*item].def.name.name.clone()),
            ),
            (Shape::Bulk { item, .. }, Shape::Single(_)) => self.push(
                Level::Breaking,
                subject,
                Kind::Bulk,
                msg()
                    .t("is no longer a bulk command (was an array of ")
                    .c(self.old.commands[*item].def.name.name.clone())
                    .t(")"),
            ),
        }
    }

    fn answer(&mut self, subject: &Subject, o: AnswerKind, n: AnswerKind) {
        let word = |a: AnswerKind| match a {
            AnswerKind::Value => "value",
            AnswerKind::Search => "search",
            AnswerKind::Bulk => "bulk",
        };
        if o == n {
            return;
        }
        let (level, why) = match (o, n) {
            (AnswerKind::Value, AnswerKind::Search) => {
                (Level::Compatible, "a bare number is now a success")
            }
            _ => (
                Level::Breaking,
                "answers once taken as success may now be errors",
            ),
        };
        self.push(
            level,
            subject,
            Kind::Answer,
            msg()
                .t("answer changed from ")
                .c(word(o))
                .t(" to ")
                .c(word(n))
                .t(format!(": {why}")),
        );
    }

    // ---- arguments ----

    /// The changes between two argument lists (`prefix` is `records.` inside an array).
    fn args(&mut self, subject: &Subject, prefix: &str, old: &[Arg], new: &[Arg]) {
        let o: BTreeMap<&str, &Arg> = by_name(old, |a| &a.name.name);
        let n: BTreeMap<&str, &Arg> = by_name(new, |a| &a.name.name);
        let removed: Vec<&str> = o.keys().filter(|k| !n.contains_key(*k)).copied().collect();
        let added: Vec<&str> = n.keys().filter(|k| !o.contains_key(*k)).copied().collect();
        // A rename: the only removed and the only added argument of one signature.
        let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
        for r in &removed {
            let sig = signature(o[r]);
            let to: Vec<&str> = added
                .iter()
                .filter(|a| signature(n[*a]) == sig)
                .copied()
                .collect();
            let from: Vec<&str> = removed
                .iter()
                .filter(|x| signature(o[*x]) == sig)
                .copied()
                .collect();
            if let ([to], [_]) = (to.as_slice(), from.as_slice()) {
                renamed.insert(r, to);
            }
        }
        let path = |name: &str| format!("{prefix}{name}");
        let outer = self.at.clone();
        for name in union(o.keys().copied(), n.keys().copied()) {
            // A rename is placed on the new name.
            let new_pos = n
                .get(name)
                .or_else(|| renamed.get(name).and_then(|to| n.get(to)))
                .map(|a| &a.name.pos);
            self.at = place(o.get(name).map(|a| &a.name.pos), new_pos);
            match (o.get(name), n.get(name)) {
                (Some(_), None) => match renamed.get(name) {
                    Some(to) => self.push(
                        Level::Breaking,
                        subject,
                        Kind::ArgRenamed,
                        msg()
                            .t("argument ")
                            .c(path(name))
                            .t(" renamed to ")
                            .c(path(to)),
                    ),
                    None => self.push(
                        Level::Breaking,
                        subject,
                        Kind::ArgRemoved,
                        msg().t("argument ").c(path(name)).t(" removed"),
                    ),
                },
                (None, Some(a)) => {
                    if renamed.values().any(|to| to == &name) {
                        continue;
                    }
                    let (level, what) = if a.required {
                        (Level::Breaking, "required argument ")
                    } else {
                        (Level::Compatible, "optional argument ")
                    };
                    self.push(
                        level,
                        subject,
                        Kind::ArgAdded,
                        msg()
                            .t(what)
                            .c(path(name))
                            .t(" added (")
                            .c(kind_text(&a.kind))
                            .t(")"),
                    );
                }
                (Some(a), Some(b)) => self.arg_changes(subject, &path(name), a, b),
                (None, None) => {}
            }
        }
        self.at = outer;
        // `new` takes the required typed arguments in spec order. Parameters that came or
        // went are reported above; here, those on both sides that changed places.
        let (all_old, all_new) = (new_params(old), new_params(new));
        let po: Vec<&str> = all_old
            .iter()
            .copied()
            .filter(|p| all_new.contains(p))
            .collect();
        let pn: Vec<&str> = all_new
            .iter()
            .copied()
            .filter(|p| all_old.contains(p))
            .collect();
        if po != pn {
            let list = |p: &[&str]| format!("new({})", p.join(", "));
            let mut detail = msg().t("parameters of ").c("new");
            if !prefix.is_empty() {
                detail = detail
                    .t(" of the records of ")
                    .c(prefix.trim_end_matches('.'));
            }
            self.push(
                Level::Breaking,
                subject,
                Kind::ParamsReordered,
                detail
                    .t(" reordered from ")
                    .c(list(&po))
                    .t(" to ")
                    .c(list(&pn)),
            );
        }
    }

    fn arg_changes(&mut self, subject: &Subject, path: &str, o: &Arg, n: &Arg) {
        let arg = || msg().t("argument ").c(path);
        if o.required != n.required {
            let detail = if n.required {
                arg().t(" made required")
            } else {
                arg().t(" made optional")
            };
            let kind = if n.required {
                Kind::ArgRequired
            } else {
                Kind::ArgOptional
            };
            self.push(Level::Breaking, subject, kind, detail);
        }
        match (&o.kind, &n.kind) {
            (
                ArgKind::Array {
                    fields: a,
                    flatten: x,
                },
                ArgKind::Array {
                    fields: b,
                    flatten: y,
                },
            ) => {
                if x != y {
                    let detail = if *y {
                        arg().t(" flattened: its records' keys now stand at the top of the form")
                    } else {
                        arg().t(" no longer flattened: its records now stand under its name")
                    };
                    self.push(Level::Breaking, subject, Kind::ArgFlatten, detail);
                }
                self.args(subject, &format!("{path}."), a, b);
            }
            (a, b) => {
                let (ka, kb) = (kind_text(a), kind_text(b));
                if ka != kb {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::ArgType,
                        arg().t(" type changed from ").c(ka).t(" to ").c(kb),
                    );
                }
            }
        }
        if o.default != n.default {
            let detail = match (&o.default, &n.default) {
                (None, Some(d)) => arg().t(" now defaults to ").v(d),
                (Some(d), None) => arg().t(" no longer defaults to ").v(d),
                (Some(a), Some(b)) => arg().t(" default changed from ").v(a).t(" to ").v(b),
                (None, None) => msg(),
            };
            self.push(Level::Compatible, subject, Kind::ArgDefault, detail);
        }
        if o.doc != n.doc {
            let mut d = arg().t(" ");
            d.0.extend(changed_opt("doc", &o.doc, &n.doc).0);
            self.push(Level::Compatible, subject, Kind::ArgDoc, d);
        }
        if o.ours != n.ours {
            let mut d = arg().t(" ");
            d.0.extend(changed_opt("ours", &o.ours, &n.ours).0);
            self.push(Level::Compatible, subject, Kind::ArgDoc, d);
        }
    }
}

/// `int`, `shape(contactInfo)`, `mapof(shape(zonePrices))`: a field's kind without the
/// positions its names carry.
fn field_text(k: &FieldKind) -> String {
    match k {
        FieldKind::Shape(n) => format!("shape({})", n.name),
        FieldKind::MapOf(k) => format!("mapof({})", field_text(k)),
        FieldKind::Records(r) => format!("records({}.{})", r.command.name, r.arg),
        FieldKind::Any(why) => format!("any({why})"),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// The kind of an answer shape, and what it holds but for `fields`.
fn shape_text(s: &AnswerShape) -> String {
    match s {
        AnswerShape::Fields(_) => "fields".to_owned(),
        AnswerShape::MapOf(k) => format!("map_of {}", field_text(k)),
        AnswerShape::ListOf(k) => format!("list_of {}", field_text(k)),
        AnswerShape::Records(r) => format!("records {}.{}", r.command.name, r.arg),
        AnswerShape::Any(why) => format!("any ({why})"),
    }
}

fn by_name<'a, T>(items: &'a [T], name: impl Fn(&'a T) -> &'a String) -> BTreeMap<&'a str, &'a T> {
    items.iter().map(|i| (name(i).as_str(), i)).collect()
}

/// The parameters of a request's `new`: its required typed arguments, in spec order.
fn new_params(args: &[Arg]) -> Vec<&str> {
    args.iter()
        .filter(|a| a.required && matches!(a.kind, ArgKind::Type(_)))
        .map(|a| a.name.name.as_str())
        .collect()
}

fn key_words(key: &Option<String>) -> String {
    match key {
        Some(k) => format!("argument {k}"),
        None => "index".to_owned(),
    }
}

/// `doc added: "..."`, `doc removed`, `doc changed from "..." to "..."`.
fn changed_opt(what: &str, o: &Option<String>, n: &Option<String>) -> Message {
    let m = msg().c(what);
    match (o, n) {
        (None, Some(b)) => m.t(" added: ").q(b),
        (Some(_), None) => m.t(" removed"),
        (Some(a), Some(b)) => m.t(" changed from ").q(a).t(" to ").q(b),
        (None, None) => msg(),
    }
}

/// `examples: added "x"; removed "y"`, when the sets differ.
fn set_change(what: &str, o: &[String], n: &[String]) -> Option<Message> {
    let (a, b): (BTreeSet<&String>, BTreeSet<&String>) = (o.iter().collect(), n.iter().collect());
    if a == b {
        return None;
    }
    let came: Vec<&String> = b.difference(&a).copied().collect();
    let gone: Vec<&String> = a.difference(&b).copied().collect();
    let mut m = msg().c(what).t(":");
    if !came.is_empty() {
        m = m.t(" added ").values(came.iter().copied());
    }
    if !gone.is_empty() {
        m = m
            .t(if came.is_empty() {
                " removed "
            } else {
                "; removed "
            })
            .values(gone);
    }
    Some(m)
}

/// An argument's shape in words: `domain`, `map of code`, `records`.
fn kind_text(k: &ArgKind) -> String {
    match k {
        ArgKind::Type(t) => t.name.clone(),
        ArgKind::MapOf(t) => format!("map of {}", t.name),
        ArgKind::Array { .. } => "records".to_owned(),
    }
}

/// Everything about an argument but its name, to recognise a rename.
fn signature(a: &Arg) -> String {
    let kind = match &a.kind {
        ArgKind::Array { fields, flatten } => {
            let mut fields: Vec<String> = fields
                .iter()
                .map(|f| format!("{}={}", f.name.name, signature(f)))
                .collect();
            fields.sort();
            format!("records(flatten={flatten})[{}]", fields.join(";"))
        }
        k => kind_text(k),
    };
    format!("{kind}|{}|{:?}", a.required, a.default)
}

// ---- rules ----

/// A rule as one line of flow YAML, the way the spec writes it; equal texts are equal rules.
pub fn rule_text(r: &Rule) -> String {
    let q = |s: &str| format!("{s:?}");
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    let fields = |kind: &str, fields: Vec<(&str, Option<String>)>| {
        let inner: Vec<String> = fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
            .collect();
        format!("{{{kind}: {{{}}}}}", inner.join(", "))
    };
    let classes = |cs: &[CharClass]| {
        list(
            cs.iter()
                .map(|c| match c {
                    CharClass::Latin => "latin".to_owned(),
                    CharClass::Lower => "lower".to_owned(),
                    CharClass::Upper => "upper".to_owned(),
                    CharClass::Digit => "digit".to_owned(),
                    CharClass::Letter => "letter".to_owned(),
                    CharClass::Chars(s) => q(s),
                })
                .collect(),
        )
    };
    let chars = |s: &str| (!s.is_empty()).then(|| q(s));
    match r {
        Rule::Int { min, max } => fields(
            "int",
            vec![
                ("min", min.map(|n| n.to_string())),
                ("max", max.map(|n| n.to_string())),
            ],
        ),
        Rule::Bool => "{bool: {}}".to_owned(),
        Rule::Date => "{date: {}}".to_owned(),
        Rule::Ip => "{ip: {}}".to_owned(),
        Rule::Text(t) => fields(
            "text",
            vec![
                ("min_len", t.min_len.map(|n| n.to_string())),
                ("max_len", t.max_len.map(|n| n.to_string())),
                (
                    "prefix",
                    (!t.prefix.is_empty()).then(|| list(t.prefix.iter().map(|p| q(p)).collect())),
                ),
                ("first", t.first.as_deref().map(classes)),
                ("chars", t.chars.as_deref().map(classes)),
                ("forbid", (!t.forbid.is_empty()).then(|| classes(&t.forbid))),
                ("only_first", chars(&t.only_first)),
                ("not_first", chars(&t.not_first)),
                ("not_last", chars(&t.not_last)),
            ],
        ),
        Rule::Parts(p) => fields(
            "parts",
            vec![
                ("sep", Some(q(&p.sep.to_string()))),
                ("min", p.min.map(|n| n.to_string())),
                ("max", p.max.map(|n| n.to_string())),
                ("max_len", p.max_len.map(|n| n.to_string())),
                ("idna", p.idna.then(|| "true".to_owned())),
                ("first", p.first.as_deref().map(rule_text)),
                ("each", Some(rule_text(&p.each))),
            ],
        ),
        Rule::List { of, sep } => fields(
            "list",
            vec![
                ("of", Some(of.name.clone())),
                ("sep", Some(q(&sep.to_string()))),
            ],
        ),
        Rule::Literal(values) => format!(
            "{{literal: {}}}",
            list(values.iter().map(|v| q(v)).collect())
        ),
        Rule::AnyOf(rules) => format!(
            "{{any_of: {}}}",
            list(rules.iter().map(rule_text).collect())
        ),
        Rule::Type(t) => format!("{{type: {}}}", t.name),
        Rule::Enum(e) => {
            let mut items: Vec<String> = e.wire_values().iter().map(|v| q(v)).collect();
            if let Some(o) = &e.other {
                items.push(format!("{{{}: {{type: {}}}}}", o.name.name, o.of.name));
            }
            format!("{{enum: {}}}", list(items))
        }
    }
}

/// What a type's newtype holds, in words.
fn held(spec: &Spec, rule: &Rule) -> &'static str {
    match crate::check::resolve(&spec.types, rule) {
        Rule::Int { .. } => "a number",
        Rule::Bool => "a flag",
        Rule::List { .. } => "a list",
        Rule::Enum(_) => "a closed set of values",
        _ => "text",
    }
}

/// The types of `spec` whose rules use `name`, directly or through others.
fn users_of<'a>(spec: &'a Spec, name: &str) -> Vec<&'a str> {
    let mut found: BTreeSet<&str> = BTreeSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(n) = todo.pop() {
        for t in &spec.types {
            if mentions(&t.rule, &n) && found.insert(&t.name.name) {
                todo.push(t.name.name.clone());
            }
        }
    }
    found.remove(name);
    found.into_iter().collect()
}

fn mentions(rule: &Rule, name: &str) -> bool {
    match rule {
        Rule::Type(t) | Rule::List { of: t, .. } => t.name == name,
        Rule::Parts(p) => {
            mentions(&p.each, name) || p.first.as_deref().is_some_and(|f| mentions(f, name))
        }
        Rule::AnyOf(rules) => rules.iter().any(|r| mentions(r, name)),
        _ => false,
    }
}

/// True when every value `o` (a rule of spec `os`) accepts, `n` (of `ns`) accepts too.
///
/// Sound but not complete: `false` can mean "could not tell". A `type:` rule naming the
/// same type on both sides counts as equal, since that type's own change is reported
/// (and classified) on its own.
fn widens(os: &Spec, ns: &Spec, o: &Rule, n: &Rule, depth: usize) -> bool {
    if depth > 32 {
        return false;
    }
    let deeper = |o: &Rule, n: &Rule| widens(os, ns, o, n, depth + 1);
    let lookup = rule_of;
    match (o, n) {
        (Rule::Type(a), Rule::Type(b)) if a.name == b.name => true,
        (Rule::Enum(a), _) => deeper(&a.as_rule(), n),
        (_, Rule::Enum(b)) => deeper(o, &b.as_rule()),
        (Rule::AnyOf(alts), _) => alts.iter().all(|a| deeper(a, n)),
        (_, Rule::AnyOf(alts)) => alts.iter().any(|b| deeper(o, b)),
        (Rule::Type(a), _) => lookup(os, &a.name).is_some_and(|r| deeper(r, n)),
        (_, Rule::Type(b)) => lookup(ns, &b.name).is_some_and(|r| deeper(o, r)),
        (Rule::Int { min: a, max: b }, Rule::Int { min: c, max: d }) => {
            c.unwrap_or(0) <= a.unwrap_or(0) && at_most(*b, *d)
        }
        (Rule::Bool, Rule::Bool) | (Rule::Date, Rule::Date) | (Rule::Ip, Rule::Ip) => true,
        (Rule::Literal(a), Rule::Literal(b)) => a.iter().all(|v| b.contains(v)),
        (Rule::Text(a), Rule::Text(b)) => text_widens(a, b),
        (Rule::Parts(a), Rule::Parts(b)) => {
            a.sep == b.sep
                && a.idna == b.idna
                && b.min.unwrap_or(0) <= a.min.unwrap_or(0)
                && at_most(a.max, b.max)
                && at_most(a.max_len, b.max_len)
                && deeper(&a.each, &b.each)
                && deeper(
                    a.first.as_deref().unwrap_or(&a.each),
                    b.first.as_deref().unwrap_or(&b.each),
                )
        }
        (Rule::List { of: a, sep: s }, Rule::List { of: b, sep: t }) => {
            s == t
                && (a.name == b.name
                    || match (lookup(os, &a.name), lookup(ns, &b.name)) {
                        (Some(x), Some(y)) => deeper(x, y),
                        _ => false,
                    })
        }
        _ => false,
    }
}

fn rule_of<'s>(spec: &'s Spec, name: &str) -> Option<&'s Rule> {
    spec.ty(name).map(|t| &t.rule)
}

/// An upper bound `new` is no tighter than `old` (`None` is no bound).
fn at_most<T: PartialOrd>(old: Option<T>, new: Option<T>) -> bool {
    match (old, new) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => b >= a,
    }
}

/// Every text rule's check is a conjunction of independent conditions: the new rule
/// accepts more when each of its conditions is no stricter than the old one's.
fn text_widens(o: &TextRule, n: &TextRule) -> bool {
    let prefix = n.prefix.is_empty()
        || (!o.prefix.is_empty()
            && o.prefix
                .iter()
                .all(|p| n.prefix.iter().any(|q| p.starts_with(q.as_str()))));
    let allowed = |o: &Option<Vec<CharClass>>, n: &Option<Vec<CharClass>>| match (o, n) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => classes_within(a, b),
    };
    let fewer = |n: &str, o: &str| n.chars().all(|c| o.contains(c));
    n.min_len.unwrap_or(0) <= o.min_len.unwrap_or(0)
        && at_most(o.max_len, n.max_len)
        && prefix
        && allowed(&o.first, &n.first)
        && allowed(&o.chars, &n.chars)
        && classes_within(&n.forbid, &o.forbid)
        && fewer(&n.only_first, &o.only_first)
        && fewer(&n.not_first, &o.not_first)
        && fewer(&n.not_last, &o.not_last)
}

/// Every character some class of `a` matches, some class of `b` matches too.
fn classes_within(a: &[CharClass], b: &[CharClass]) -> bool {
    let in_b = |c: char| b.iter().any(|class| matches_class(class, c));
    a.iter().all(|class| match class {
        CharClass::Letter => b.contains(&CharClass::Letter),
        CharClass::Chars(s) => s.chars().all(in_b),
        CharClass::Latin => ('a'..='z').chain('A'..='Z').all(in_b),
        CharClass::Lower => ('a'..='z').all(in_b),
        CharClass::Upper => ('A'..='Z').all(in_b),
        CharClass::Digit => ('0'..='9').all(in_b),
    })
}

/// The generated code's test of one class (`emit::rules::class_test`).
fn matches_class(class: &CharClass, c: char) -> bool {
    match class {
        CharClass::Latin => c.is_ascii_alphabetic(),
        CharClass::Lower => c.is_ascii_lowercase(),
        CharClass::Upper => c.is_ascii_uppercase(),
        CharClass::Digit => c.is_ascii_digit(),
        CharClass::Letter => c.is_alphabetic(),
        CharClass::Chars(s) => s.contains(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: impl FnOnce(&mut TextRule)) -> Rule {
        let mut t = TextRule::default();
        f(&mut t);
        Rule::Text(t)
    }

    fn empty() -> Spec {
        Spec {
            types: Vec::new(),
            commands: Vec::new(),
            answers: Vec::new(),
        }
    }

    fn w(o: &Rule, n: &Rule) -> bool {
        widens(&empty(), &empty(), o, n, 0)
    }

    #[test]
    fn int_bounds() {
        let r = |min, max| Rule::Int { min, max };
        assert!(w(&r(Some(1), Some(10)), &r(Some(1), Some(20))));
        assert!(w(&r(Some(1), Some(10)), &r(None, None)));
        assert!(!w(&r(Some(1), Some(10)), &r(Some(2), Some(10))));
        assert!(!w(&r(None, Some(10)), &r(Some(1), Some(10))));
        assert!(!w(&r(Some(1), None), &r(Some(1), Some(10))));
    }

    #[test]
    fn character_classes() {
        use CharClass::*;
        assert!(classes_within(&[Lower, Upper], &[Latin]));
        assert!(classes_within(&[Latin], &[Lower, Upper]));
        assert!(classes_within(&[Latin], &[Letter]));
        assert!(!classes_within(&[Letter], &[Latin]));
        assert!(classes_within(&[Chars("ab".into())], &[Lower]));
        assert!(!classes_within(&[Chars("a-".into())], &[Lower]));
        assert!(!classes_within(
            &[Digit],
            &[Chars("0123456789"[..9].into())]
        ));
    }

    #[test]
    fn text_conditions() {
        let a = text(|t| {
            t.max_len = Some(8);
            t.chars = Some(vec![CharClass::Lower]);
            t.not_last = "-".into();
        });
        let wider = text(|t| {
            t.max_len = Some(9);
            t.chars = Some(vec![CharClass::Latin, CharClass::Digit]);
        });
        assert!(w(&a, &wider));
        assert!(!w(&wider, &a));
        let prefixed = text(|t| t.prefix = vec!["https://".into()]);
        let looser = text(|t| t.prefix = vec!["http".into()]);
        assert!(w(&prefixed, &looser));
        assert!(!w(&looser, &prefixed));
        let forbid = text(|t| t.forbid = vec![CharClass::Chars("\n\r".into())]);
        let fewer = text(|t| t.forbid = vec![CharClass::Chars("\n".into())]);
        assert!(w(&forbid, &fewer));
        assert!(!w(&fewer, &forbid));
        let first = text(|t| t.first = Some(vec![CharClass::Lower]));
        assert!(w(&first, &text(|_| {})));
        assert!(!w(&text(|_| {}), &first));
    }

    #[test]
    fn alternatives_and_literals() {
        let lit = |v: &[&str]| Rule::Literal(v.iter().map(|s| s.to_string()).collect());
        assert!(w(&lit(&["a"]), &lit(&["a", "b"])));
        assert!(!w(&lit(&["a", "b"]), &lit(&["a"])));
        let any = Rule::AnyOf(vec![lit(&["*"]), text(|t| t.max_len = Some(3))]);
        assert!(w(&lit(&["*"]), &any));
        assert!(w(&text(|t| t.max_len = Some(2)), &any));
        assert!(!w(&any, &lit(&["*"])));
        assert!(!w(&Rule::Bool, &Rule::Date));
    }

    #[test]
    fn rule_text_is_flow_yaml() {
        let r = Rule::Parts(PartsRule {
            sep: '.',
            min: Some(2),
            max: None,
            max_len: Some(253),
            each: Box::new(text(|t| {
                t.min_len = Some(1);
                t.chars = Some(vec![CharClass::Letter, CharClass::Chars("-".into())]);
            })),
            first: None,
            idna: false,
        });
        assert_eq!(
            rule_text(&r),
            r#"{parts: {sep: ".", min: 2, max_len: 253, each: {text: {min_len: 1, chars: [letter, "-"]}}}}"#
        );
    }

    #[test]
    fn markdown_code_spans_survive_backticks_and_pipes() {
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(cell("`a|b`"), "`a\\|b`");
        assert_eq!(quote_value(""), "\"\"");
        assert_eq!(quote_value("1"), "1");
        assert_eq!(quote_value("a b"), "\"a b\"");
    }
}
