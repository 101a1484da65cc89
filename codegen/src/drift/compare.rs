//! The comparison of the document with the spec: commands, relations, arguments and
//! types the document has otherwise, minus the corrections the spec records.

use std::collections::HashSet;

use super::document::{Doc, DocCommand, DocRow, RowKind};
use super::render::{seed_type, yaml_for};
use super::{norm, said};
use crate::model::{Arg, ArgKind, Body, Command, Correction, Spec};

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

pub(super) fn relation_of(c: &Command) -> Option<(&'static str, &str)> {
    match &c.def.body {
        Body::ArrayOf { item, .. } => Some(("array of", &item.name)),
        Body::SameAs(t) => Some(("same as", &t.name)),
        Body::Args {
            extends: Some(t), ..
        } => Some(("all the fields from", &t.name)),
        Body::Args { extends: None, .. } => None,
    }
}

pub(super) fn compare_command(spec: &Spec, c: &Command, dc: &DocCommand, out: &mut Vec<Drift>) {
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

pub(super) fn compare_args(
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
