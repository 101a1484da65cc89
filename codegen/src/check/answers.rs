//! The answer shapes: `returns:` given to commands, shapes that name shapes and commands
//! that exist, and sources that say where each shape comes from.

use std::collections::HashMap;

use crate::diag::Ctxt;
use crate::load::Raw;
use crate::model::*;
use crate::names;

use super::types::distinct_identifier;

/// Gives each command named under `answers.yaml`'s `returns:` its answer shape: the
/// command must exist and not name a shape of its own too.
pub(super) fn apply_returns(cx: &mut Ctxt, raw: &mut Raw) {
    for (name, r) in std::mem::take(&mut raw.returns) {
        let Some(c) = raw.commands.iter_mut().find(|c| c.name.name == name.name) else {
            let hint = crate::suggest(
                &name.name,
                raw.commands.iter().map(|c| c.name.name.as_str()),
            )
            .map(|s| format!("did you mean `{s}`?"));
            cx.error(
                &name.pos,
                format!("`returns` names unknown command `{}`", name.name),
                hint,
            );
            continue;
        };
        if c.returns.is_some() {
            cx.error(
                &name.pos,
                format!("command `{}` names its answer shape twice", name.name),
                Some("keep one `returns`".to_owned()),
            );
            continue;
        }
        c.returns = Some(r);
    }
}

/// What answer fields name exists: other answers, and commands' `array` arguments for
/// `records`. A source is `client`, `panel`, `doc` or `ours`, and `ours` says why.
pub(super) fn check_answer_refs(cx: &mut Ctxt, answers: &[AnswerDef], commands: &[Command]) {
    fn kind_refs<'a>(k: &'a FieldKind, out: &mut Vec<&'a FieldKind>) {
        match k {
            FieldKind::MapOf(inner) => kind_refs(inner, out),
            FieldKind::Shape(_) | FieldKind::Records(_) => out.push(k),
            _ => {}
        }
    }
    for a in answers {
        let mut refs = Vec::new();
        let mut records = None;
        match &a.shape {
            AnswerShape::Fields(fields) => fields.iter().for_each(|(_, k)| kind_refs(k, &mut refs)),
            AnswerShape::MapOf(k) | AnswerShape::ListOf(k) => kind_refs(k, &mut refs),
            AnswerShape::Records(r) => records = Some(r),
            AnswerShape::Any(_) => {}
        }
        let records = records
            .into_iter()
            .chain(refs.iter().filter_map(|k| match k {
                FieldKind::Records(r) => Some(r),
                _ => None,
            }));
        for r in records {
            let arg = commands
                .iter()
                .find(|c| c.def.name.name == r.command.name)
                .and_then(|c| match &c.shape {
                    Shape::Single(args) => args.iter().find(|x| x.name.name == r.arg),
                    Shape::Bulk { .. } => None,
                });
            if !matches!(arg.map(|x| &x.kind), Some(ArgKind::Array { .. })) {
                cx.error(
                    &r.command.pos,
                    format!(
                        "`{}.{}` is not an `array` argument of a single command",
                        r.command.name, r.arg
                    ),
                    Some(
                        "name the command that takes the records, e.g. `domainSetDNS.records`"
                            .to_owned(),
                    ),
                );
            }
        }
        for k in &refs {
            if let FieldKind::Shape(n) = k {
                if n.name == a.name.name || !answers.iter().any(|x| x.name.name == n.name) {
                    let hint = crate::suggest(&n.name, answers.iter().map(|x| x.name.name.as_str()))
                        .map_or_else(
                            || "a kind is one of int, id, text, domain, flag, money, list, secret, date, datetime, or another answer's name".to_owned(),
                            |s| format!("did you mean `{s}`?"),
                        );
                    cx.error(
                        &n.pos,
                        format!("unknown field kind or answer `{}`", n.name),
                        Some(hint),
                    );
                }
            }
        }
        let source_ok = a.source.as_deref().is_some_and(|s| {
            let (who, why) = s.split_once(':').unwrap_or((s, ""));
            let whos: Vec<&str> = who.split(',').map(str::trim).collect();
            whos.iter()
                .all(|w| ["client", "panel", "doc", "ours"].contains(w))
                && (!whos.contains(&"ours") || !why.trim().is_empty())
        });
        if !source_ok {
            cx.error(
                &a.name.pos,
                format!("answer `{}` has no valid `source`", a.name.name),
                Some(
                    "write `source: panel` (or client, doc), or `source: \"ours: why\"`".to_owned(),
                ),
            );
        }
    }
}

/// Answer names are unique identifiers; `returns` names one, on a single command.
pub(super) fn check_answers(cx: &mut Ctxt, raw: &Raw) {
    let mut seen: HashMap<&str, &Named> = HashMap::new();
    for a in &raw.answers {
        distinct_identifier(cx, &mut seen, &a.name, "answer", None);
        if let AnswerShape::Fields(fields) = &a.shape {
            for (f, _) in fields {
                if !names::is_identifier(&f.name) {
                    cx.error(
                        &f.pos,
                        format!("field name `{}` is not an identifier", f.name),
                        None,
                    );
                }
            }
        }
    }
    for c in &raw.commands {
        let Some(r) = &c.returns else { continue };
        if matches!(c.body, Body::ArrayOf { .. }) {
            cx.error(
                &r.name.pos,
                "a bulk command's items answer as its single command does",
                Some("put `returns` on the single command".to_owned()),
            );
        }
        if !seen.contains_key(r.name.name.as_str()) {
            let hint = match crate::suggest(
                &r.name.name,
                raw.answers.iter().map(|a| a.name.name.as_str()),
            ) {
                Some(s) => format!("did you mean `{s}`? answers are defined in answers.yaml"),
                None => "define it under `answers:` in answers.yaml".to_owned(),
            };
            cx.error(
                &r.name.pos,
                format!("unknown answer `{}`", r.name.name),
                Some(hint),
            );
        }
    }
}
