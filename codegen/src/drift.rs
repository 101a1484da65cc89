//! Drift: the provider's document (its type table and full command table, in the format
//! the provider publishes them) against the spec. Reports what the document says that the
//! spec does not, except where the spec records a departure on purpose (`seed:`).

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::model::{Arg, ArgKind, Body, Command, Correction, Spec};

/// The line that opens the type table.
const TYPE_TABLE: &str = "Type Description";
/// The line that opens a command table; the last one is the full table.
const COMMAND_TABLE: &str = "Command Description Arguments";
/// The words that open a type's example line; a correction that starts with them is about
/// an example, not the type's description.
const EXAMPLE: &str = "For example:";
/// The words the document uses for a command that can take up to 10 minutes.
const LONG: &str = "sometimes the operation can take up to 10 minutes";

/// The document, as read.
#[derive(Debug, Default)]
pub struct Doc {
    /// The type table's rows.
    pub types: Vec<DocType>,
    /// The full command table's rows.
    pub commands: Vec<DocCommand>,
}

/// A row of the type table: one or more names sharing a description.
#[derive(Debug)]
pub struct DocType {
    /// The names (`date`, `expires` share one row).
    pub names: Vec<String>,
    /// The description: the rule in words.
    pub text: String,
    /// Where it is.
    pub line: usize,
}

/// A row of the command table and its bullets.
#[derive(Debug)]
pub struct DocCommand {
    /// The name.
    pub name: String,
    /// The description.
    pub description: String,
    /// The whole row, as written.
    pub header: String,
    /// Where it is.
    pub line: usize,
    /// The bullets.
    pub rows: Vec<DocRow>,
}

/// A bullet of a command.
#[derive(Debug)]
pub struct DocRow {
    /// What follows the bullet, as written.
    pub text: String,
    /// Where it is.
    pub line: usize,
    /// What it says.
    pub kind: RowKind,
}

/// What a bullet says.
#[derive(Debug)]
pub enum RowKind {
    /// `name — type[, *] ...`.
    Arg(DocArg),
    /// `array of — X`.
    ArrayOf(String),
    /// `same as — X`.
    SameAs(String),
    /// `all the fields from X`.
    Extends(String),
    /// `array of {` ... `}`: records with these fields.
    Records(Vec<DocRow>),
    /// The answer can take up to 10 minutes.
    Long,
}

/// An argument bullet.
#[derive(Debug)]
pub struct DocArg {
    /// The name.
    pub name: String,
    /// The type's name: the first word after the separator.
    pub ty: String,
    /// Marked `*`.
    pub required: bool,
}

/// The document cannot be read: where and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn bad(line: usize, message: impl Into<String>) -> Unreadable {
    Unreadable {
        line,
        message: message.into(),
    }
}

/// Reads the document's type table and its last (full) command table.
pub fn parse(text: &str) -> Result<Doc, Unreadable> {
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.len().max(1);
    let Some(t0) = lines.iter().position(|l| l.trim_end() == TYPE_TABLE) else {
        return Err(bad(last, format!("no type table: no line `{TYPE_TABLE}`")));
    };
    let Some(c0) = lines.iter().rposition(|l| l.trim_end() == COMMAND_TABLE) else {
        return Err(bad(
            last,
            format!("no command table: no line `{COMMAND_TABLE}`"),
        ));
    };
    if c0 < t0 {
        return Err(bad(
            c0 + 1,
            "the full command table must follow the type table",
        ));
    }
    let mut doc = Doc::default();
    // The type table runs up to the next command table.
    let t_end = lines[t0 + 1..]
        .iter()
        .position(|l| l.trim_end() == COMMAND_TABLE)
        .map_or(c0, |p| t0 + 1 + p);
    let mut pending: Vec<String> = Vec::new();
    for (i, raw) in lines.iter().enumerate().take(t_end).skip(t0 + 1) {
        let (n, l) = (i + 1, raw.trim());
        if l.is_empty()
            || l.starts_with("* ")
            || l.starts_with("Fields without a star")
            || l.starts_with("For example:")
        {
            continue;
        }
        if !pending.is_empty() && !is_ident(l) {
            doc.types.push(DocType {
                names: std::mem::take(&mut pending),
                text: l.to_owned(),
                line: n,
            });
            continue;
        }
        match l.split_once(' ') {
            None if is_ident(l) => pending.push(l.to_owned()),
            Some((name, rest)) if is_ident(name) && !rest.trim().is_empty() => {
                doc.types.push(DocType {
                    names: vec![name.to_owned()],
                    text: rest.trim().to_owned(),
                    line: n,
                })
            }
            _ => return Err(bad(n, format!("not a row of the type table: {l:?}"))),
        }
    }
    if !pending.is_empty() {
        return Err(bad(
            t_end,
            format!("type `{}` has no description", pending.join("`, `")),
        ));
    }
    // The command table runs up to the first empty line; the end of the document before
    // it means the document was cut short.
    let mut i = c0 + 1;
    loop {
        let Some(raw) = lines.get(i) else {
            return Err(bad(
                last,
                "the document ends inside the command table (cut short?)",
            ));
        };
        let n = i + 1;
        if raw.trim().is_empty() {
            break;
        }
        if !raw.starts_with(char::is_whitespace) {
            let (name, description) = raw.trim().split_once(' ').unwrap_or((raw.trim(), ""));
            if !is_ident(name) {
                return Err(bad(n, format!("not a command row: {:?}", raw.trim())));
            }
            doc.commands.push(DocCommand {
                name: name.to_owned(),
                description: description.trim().to_owned(),
                header: raw.trim().to_owned(),
                line: n,
                rows: Vec::new(),
            });
            i += 1;
            continue;
        }
        let Some(command) = doc.commands.last_mut() else {
            return Err(bad(n, "a bullet before any command"));
        };
        let (row, next) = bullet(&lines, i)?;
        command.rows.push(row);
        i = next;
    }
    if doc.commands.is_empty() {
        return Err(bad(c0 + 1, "the command table is empty"));
    }
    Ok(doc)
}

/// The bullet at line index `i`, and the index after it.
fn bullet(lines: &[&str], i: usize) -> Result<(DocRow, usize), Unreadable> {
    let n = i + 1;
    let l = lines.get(i).map_or("", |l| l.trim());
    let Some(text) = l.strip_prefix("• ") else {
        return Err(bad(n, format!("not a bullet: {l:?}")));
    };
    let text = text.trim().to_owned();
    let target = |prefix: &str| -> Option<String> {
        let rest = text.strip_prefix(prefix)?;
        let rest = rest.trim().trim_start_matches(['—', '-']).trim();
        is_ident(rest).then(|| rest.to_owned())
    };
    let kind = if text == "array of {" {
        let mut fields = Vec::new();
        let mut j = i + 1;
        loop {
            match lines.get(j).map(|l| l.trim()) {
                None | Some("") => {
                    return Err(bad(n, "`array of {` is not closed by `}` (cut short?)"));
                }
                Some("}") => break,
                Some(_) => {
                    let (f, next) = bullet(lines, j)?;
                    if !matches!(f.kind, RowKind::Arg(_)) {
                        return Err(bad(j + 1, "a record's fields are `name — type` bullets"));
                    }
                    fields.push(f);
                    j = next;
                }
            }
        }
        return Ok((
            DocRow {
                text,
                line: n,
                kind: RowKind::Records(fields),
            },
            j + 1,
        ));
    } else if let Some(t) = target("array of") {
        RowKind::ArrayOf(t)
    } else if let Some(t) = target("same as") {
        RowKind::SameAs(t)
    } else if let Some(t) = target("all the fields from") {
        RowKind::Extends(t)
    } else if text.to_lowercase().starts_with(LONG) {
        RowKind::Long
    } else {
        RowKind::Arg(arg_row(&text).ok_or_else(|| {
            bad(
                n,
                format!("not an argument bullet (`name — type`): {text:?}"),
            )
        })?)
    };
    Ok((
        DocRow {
            text,
            line: n,
            kind,
        },
        i + 1,
    ))
}

fn arg_row(text: &str) -> Option<DocArg> {
    let at = [" — ", " - "]
        .iter()
        .filter_map(|s| text.find(s).map(|p| (p, s.len())))
        .min()?;
    let (name, rest) = (text[..at.0].trim(), text[at.0 + at.1..].trim());
    if !is_ident(name) {
        return None;
    }
    let ty: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if ty.is_empty() {
        return None;
    }
    // `*` counts before any note in parentheses or after a dash.
    let head = rest
        .split(" (")
        .next()
        .unwrap_or(rest)
        .split(" — ")
        .next()
        .unwrap_or(rest);
    let required = head.split(',').any(|p| p.trim() == "*");
    Some(DocArg {
        name: name.to_owned(),
        ty,
        required,
    })
}

/// One difference between the document and the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// The document's line it is about (0 when the document lacks the thing).
    pub line: usize,
    /// What differs.
    pub message: String,
    /// Ready-to-paste YAML, for a command the spec lacks.
    pub yaml: Option<String>,
}

fn said<'a>(seed: &'a [Correction], text: &str) -> Option<&'a Correction> {
    seed.iter().find(|c| norm(&c.said) == norm(text))
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Everything the document says that the spec does not, minus the spec's corrections.
pub fn drift(spec: &Spec, doc: &Doc) -> Vec<Drift> {
    let mut out = Vec::new();
    let d = |out: &mut Vec<Drift>, line: usize, message: String| {
        out.push(Drift {
            line,
            message,
            yaml: None,
        })
    };
    // Types.
    let mut doc_types = HashSet::new();
    for t in &doc.types {
        for name in &t.names {
            doc_types.insert(name.as_str());
            match spec.ty(name) {
                None => d(
                    &mut out,
                    t.line,
                    format!("type added: `{name}`: {:?}", t.text),
                ),
                Some(st) => {
                    if norm(&st.doc) != norm(&t.text) && said(&st.seed, &t.text).is_none() {
                        d(
                            &mut out,
                            t.line,
                            format!(
                                "type `{name}`: rule text changed: the document says {:?}, the spec {:?}",
                                t.text, st.doc
                            ),
                        );
                    }
                }
            }
        }
    }
    for t in &spec.types {
        if t.ours.is_none()
            && !doc_types.contains(t.name.name.as_str())
            && !t.seed.iter().any(|c| c.said.is_empty())
        {
            d(
                &mut out,
                0,
                format!("type removed: `{}` is not in the document", t.name.name),
            );
        }
    }
    // Commands: a row the spec claims by its exact text, else by name.
    let mut claimed: HashSet<usize> = HashSet::new();
    for dc in &doc.commands {
        let by_text = spec
            .commands
            .iter()
            .enumerate()
            .find(|(i, c)| !claimed.contains(i) && said(&c.def.seed, &dc.header).is_some());
        let found = by_text.or_else(|| {
            spec.commands
                .iter()
                .enumerate()
                .find(|(i, c)| !claimed.contains(i) && c.def.name.name == dc.name)
        });
        match found {
            Some((i, c)) => {
                claimed.insert(i);
                compare_command(spec, c, dc, &mut out);
            }
            None => out.push(Drift {
                line: dc.line,
                message: format!("command added: `{}` ({})", dc.name, dc.description),
                yaml: Some(yaml_for(dc)),
            }),
        }
    }
    for (i, c) in spec.commands.iter().enumerate() {
        if !claimed.contains(&i) && !c.def.seed.iter().any(|s| s.said.is_empty()) {
            d(
                &mut out,
                0,
                format!(
                    "command removed: `{}` is not in the document",
                    c.def.name.name
                ),
            );
        }
    }
    out
}

fn relation_of(c: &Command) -> Option<(&'static str, &str)> {
    match &c.def.body {
        Body::ArrayOf { item, .. } => Some(("array of", &item.name)),
        Body::SameAs(t) => Some(("same as", &t.name)),
        Body::Args {
            extends: Some(t), ..
        } => Some(("all the fields from", &t.name)),
        Body::Args { extends: None, .. } => None,
    }
}

fn compare_command(spec: &Spec, c: &Command, dc: &DocCommand, out: &mut Vec<Drift>) {
    let name = &c.def.name.name;
    let seed = &c.def.seed;
    let mut d = |line: usize, message: String| {
        out.push(Drift {
            line,
            message,
            yaml: None,
        })
    };
    if norm(&dc.description) != norm(&c.def.description) && said(seed, &dc.header).is_none() {
        d(
            dc.line,
            format!(
                "`{name}`: description changed: the document says {:?}, the spec {:?}",
                dc.description, c.def.description
            ),
        );
    }
    let doc_relation = dc.rows.iter().find_map(|r| match &r.kind {
        RowKind::ArrayOf(t) => Some(("array of", t.as_str(), r)),
        RowKind::SameAs(t) => Some(("same as", t.as_str(), r)),
        RowKind::Extends(t) => Some(("all the fields from", t.as_str(), r)),
        _ => None,
    });
    let ours = relation_of(c);
    match (doc_relation, ours) {
        (Some((k, t, _)), Some((k2, t2))) if k == k2 && t == t2 => {}
        (Some((_, _, r)), _) if said(seed, &r.text).is_some() => {}
        (Some((k, t, r)), ours) => d(
            r.line,
            format!(
                "`{name}`: relation changed: the document says \"{k} {t}\", the spec {}",
                ours.map_or("has none".to_owned(), |(k, t)| format!("\"{k} {t}\""))
            ),
        ),
        (None, Some((k, t))) => d(
            dc.line,
            format!("`{name}`: relation changed: the document has none, the spec \"{k} {t}\""),
        ),
        (None, None) => {}
    }
    let long = dc.rows.iter().any(|r| matches!(r.kind, RowKind::Long));
    if long != c.def.long {
        d(
            dc.line,
            format!(
                "`{name}`: the document {} it can take up to 10 minutes",
                if long { "now says" } else { "no longer says" }
            ),
        );
    }
    // Arguments: the spec's own (not those a relation gives).
    let own: Vec<&Arg> = match &c.def.body {
        Body::Args { args, .. } => args.iter().collect(),
        _ => Vec::new(),
    };
    let rows: Vec<&DocRow> = dc
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Arg(_) | RowKind::Records(_)))
        .collect();
    compare_args(spec, name, seed, &own, &rows, dc.line, out);
}

fn compare_args(
    spec: &Spec,
    owner: &str,
    seed: &[Correction],
    args: &[&Arg],
    rows: &[&DocRow],
    line: usize,
    out: &mut Vec<Drift>,
) {
    let mut seen = HashSet::new();
    for r in rows {
        let spec_arg = match &r.kind {
            RowKind::Arg(a) => args.iter().find(|x| x.name.name == a.name),
            RowKind::Records(_) => args
                .iter()
                .find(|x| matches!(x.kind, ArgKind::Array { flatten: true, .. })),
            _ => None,
        };
        let Some(sa) = spec_arg else {
            if said(seed, &r.text).is_none() {
                out.push(Drift {
                    line: r.line,
                    message: format!("`{owner}`: argument added: {}", r.text),
                    yaml: None,
                });
            }
            continue;
        };
        seen.insert(sa.name.name.as_str());
        if said(&sa.seed, &r.text).is_some() {
            if let (RowKind::Records(fields), ArgKind::Array { fields: sf, .. }) =
                (&r.kind, &sa.kind)
            {
                let sf: Vec<&Arg> = sf.iter().collect();
                let fr: Vec<&DocRow> = fields.iter().collect();
                compare_args(spec, owner, &[], &sf, &fr, r.line, out);
            }
            continue;
        }
        let an = &sa.name.name;
        if let Some(c) = sa.seed.iter().find(|c| !c.said.is_empty()) {
            out.push(Drift {
                line: r.line,
                message: format!(
                    "`{owner}`: argument `{an}`: the document's row is now {:?}; the spec's correction was written for {:?}",
                    r.text, c.said
                ),
                yaml: None,
            });
            continue;
        }
        match (&r.kind, &sa.kind) {
            (RowKind::Arg(a), ArgKind::Type(t) | ArgKind::MapOf(t)) => {
                if a.ty != seed_type(spec, &t.name) {
                    out.push(Drift {
                        line: r.line,
                        message: format!(
                            "`{owner}`: argument `{an}` retyped: the document says `{}`, the spec `{}`",
                            a.ty, t.name
                        ),
                        yaml: None,
                    });
                }
                if a.required != sa.required {
                    out.push(Drift {
                        line: r.line,
                        message: format!(
                            "`{owner}`: argument `{an}` made {} by the document",
                            if a.required { "required" } else { "optional" }
                        ),
                        yaml: None,
                    });
                }
            }
            (RowKind::Records(fields), ArgKind::Array { fields: sf, .. }) => {
                let sf: Vec<&Arg> = sf.iter().collect();
                let fr: Vec<&DocRow> = fields.iter().collect();
                compare_args(spec, owner, &[], &sf, &fr, r.line, out);
            }
            _ => out.push(Drift {
                line: r.line,
                message: format!("`{owner}`: argument `{an}` changed kind: {}", r.text),
                yaml: None,
            }),
        }
    }
    for a in args {
        if !seen.contains(a.name.name.as_str())
            && a.ours.is_none()
            && !a.seed.iter().any(|c| c.said.is_empty())
        {
            out.push(Drift {
                line,
                message: format!(
                    "`{owner}`: argument removed: `{}` is not in the document",
                    a.name.name
                ),
                yaml: None,
            });
        }
    }
    let _ = spec;
}

/// Ready-to-paste YAML for a command the spec lacks.
fn yaml_for(dc: &DocCommand) -> String {
    let mut y = format!(
        "  {}:\n    description: {}\n",
        dc.name,
        yaml_str(&dc.description)
    );
    let reads = ["Get", "Search", "Check", "List"]
        .iter()
        .any(|w| dc.name.contains(w));
    let _ = writeln!(
        y,
        "    effect: {}  # guessed from the name: read repeats harmlessly, change does not",
        if reads { "read" } else { "change" }
    );
    if dc.rows.iter().any(|r| matches!(r.kind, RowKind::Long)) {
        y.push_str("    long: true\n");
    }
    let mut args = String::new();
    for r in &dc.rows {
        match &r.kind {
            RowKind::ArrayOf(t) => {
                let _ = writeln!(y, "    array_of: {t}");
            }
            RowKind::SameAs(t) => {
                let _ = writeln!(y, "    same_as: {t}");
            }
            RowKind::Extends(t) => {
                let _ = writeln!(y, "    extends: {t}");
            }
            RowKind::Arg(a) => {
                let _ = if a.required {
                    writeln!(args, "      {}: {{type: {}, required: true}}", a.name, a.ty)
                } else {
                    writeln!(args, "      {}: {}", a.name, a.ty)
                };
            }
            RowKind::Records(fields) => {
                args.push_str("      records:\n        flatten: true\n        array:\n");
                for f in fields {
                    if let RowKind::Arg(a) = &f.kind {
                        let _ = writeln!(args, "          {}: {}", a.name, a.ty);
                    }
                }
            }
            RowKind::Long => {}
        }
    }
    if !args.is_empty() {
        y.push_str("    args:\n");
        y.push_str(&args);
    }
    y
}

fn yaml_str(s: &str) -> String {
    if s.is_empty() || s.contains([':', '#', '"', '\'', '{', '}', '[', ']']) {
        format!("{s:?}")
    } else {
        s.to_owned()
    }
}

/// Every correction the spec records, as `file:line:col: where: the document says "...":
/// why`.
pub fn corrections(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |what: String, c: &Correction| {
        let said = if c.said.is_empty() {
            "the document does not have it".to_owned()
        } else {
            format!("the document says {:?}", c.said)
        };
        out.push(format!(
            "{}:{}:{}: {what}: {said}; {}",
            c.pos.file, c.pos.line, c.pos.col, c.why
        ));
    };
    for t in &spec.types {
        for c in &t.seed {
            push(format!("type `{}`", t.name.name), c);
        }
    }
    for cmd in &spec.commands {
        let name = &cmd.def.name.name;
        for c in &cmd.def.seed {
            push(format!("command `{name}`"), c);
        }
        if let Body::Args { args, .. } = &cmd.def.body {
            for a in args {
                for c in &a.seed {
                    push(format!("`{name}` argument `{}`", a.name.name), c);
                }
                if let ArgKind::Array { fields, .. } = &a.kind {
                    for f in fields {
                        for c in &f.seed {
                            push(
                                format!("`{name}` field `{}.{}`", a.name.name, f.name.name),
                                c,
                            );
                        }
                    }
                }
            }
        }
    }
    out
}

/// The spec written as the provider's document: its type table and full command table,
/// corrections written back as the document's text. `drift` of the spec against this is
/// empty; tests edit it to play the provider's changes.
pub fn render_seed(spec: &Spec) -> String {
    let mut s = String::from("Reseller API (rendered from the spec)\n\n");
    s.push_str(TYPE_TABLE);
    s.push('\n');
    s.push_str("* Required field, a value should not be empty.\n");
    for t in &spec.types {
        if t.ours.is_some() || t.seed.iter().any(|c| c.said.is_empty()) {
            continue;
        }
        // A correction of an example is not the row's text.
        let text = t
            .seed
            .iter()
            .find(|c| !c.said.starts_with(EXAMPLE))
            .map_or(t.doc.as_str(), |c| c.said.as_str());
        let _ = writeln!(s, "{} {}", t.name.name, norm(text));
        if !t.examples.is_empty() {
            let _ = writeln!(s, "For example: {}", t.examples.join(", "));
        }
    }
    s.push_str(COMMAND_TABLE);
    s.push('\n');
    for c in &spec.commands {
        let seed = &c.def.seed;
        if seed.iter().any(|x| x.said.is_empty()) {
            continue;
        }
        let name = &c.def.name.name;
        let header = seed
            .iter()
            .find(|x| x.said.starts_with(&format!("{name} ")))
            .map_or_else(
                || format!("{name} {}", c.def.description),
                |x| norm(&x.said),
            );
        let _ = writeln!(s, "{header}");
        let relation = |k: &str, t: &str| -> String {
            seed.iter()
                .find(|x| x.said.starts_with(k))
                .map_or_else(|| format!("{k} — {t}"), |x| norm(&x.said))
        };
        match &c.def.body {
            Body::ArrayOf { item, .. } => {
                let _ = writeln!(s, "  • {}", relation("array of", &item.name));
            }
            Body::SameAs(t) => {
                let _ = writeln!(s, "  • {}", relation("same as", &t.name));
            }
            Body::Args { args, extends } => {
                for a in args {
                    render_arg(&mut s, spec, a, "  ");
                }
                if let Some(t) = extends {
                    let _ = writeln!(s, "  • {}", relation("all the fields from", &t.name));
                }
            }
        }
        if c.def.long {
            s.push_str("  • sometimes the operation can take up to 10 minutes due to circumstances beyond our control.\n");
        }
    }
    s.push('\n');
    s
}

fn render_arg(s: &mut String, spec: &Spec, a: &Arg, indent: &str) {
    if a.seed.iter().any(|c| c.said.is_empty()) {
        return;
    }
    if let Some(c) = a.seed.first() {
        let _ = writeln!(s, "{indent}• {}", norm(&c.said));
        if let ArgKind::Array { fields, .. } = &a.kind {
            for f in fields {
                render_arg(s, spec, f, "    ");
            }
            let _ = writeln!(s, "    }}");
        }
        return;
    }
    let star = if a.required { ", *" } else { "" };
    match &a.kind {
        ArgKind::Type(t) | ArgKind::MapOf(t) => {
            let ty = seed_type(spec, &t.name);
            let _ = writeln!(s, "{indent}• {} — {ty}{star}", a.name.name);
        }
        ArgKind::Array { fields, .. } => {
            let _ = writeln!(s, "{indent}• array of {{");
            for f in fields {
                render_arg(s, spec, f, "    ");
            }
            let _ = writeln!(s, "    }}");
        }
    }
}

/// The document's name of a spec type: a closed set that narrows a looser type of the
/// document (`narrows: ref`) is written as that type there.
fn seed_type<'a>(spec: &'a Spec, name: &'a str) -> &'a str {
    spec.ty(name)
        .and_then(|t| t.narrows.as_ref())
        .map_or(name, |n| n.name.as_str())
}
