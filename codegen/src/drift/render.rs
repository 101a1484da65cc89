//! The spec written back in the document's words: ready-to-paste YAML for a command the
//! spec lacks, the list of corrections, and the spec as the document's tables.

use std::fmt::Write as _;

use super::document::{COMMAND_TABLE, DocCommand, EXAMPLE, RowKind, TYPE_TABLE};
use super::norm;
use crate::model::{Arg, ArgKind, Body, Correction, Spec};

/// Ready-to-paste YAML for a command the spec lacks.
pub(super) fn yaml_for(dc: &DocCommand) -> String {
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

pub(super) fn yaml_str(s: &str) -> String {
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

pub(super) fn render_arg(s: &mut String, spec: &Spec, a: &Arg, indent: &str) {
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
pub(super) fn seed_type<'a>(spec: &'a Spec, name: &'a str) -> &'a str {
    spec.ty(name)
        .and_then(|t| t.narrows.as_ref())
        .map_or(name, |n| n.name.as_str())
}
