//! Answer shapes and `returns:` as `answers.yaml` writes them.

use crate::diag::Ctxt;
use crate::model::*;
use crate::yaml::Node;

use super::format;
use super::nodes::{boolean, map, named, scalar, unique, unknown_key};

/// A field kind: a scalar (a kind of [`format::FIELD_KINDS`], or the name of another answer), or
/// `{map_of: KIND}`, `{records: command.arg}`, `{any: why}`.
pub(super) fn field_kind(cx: &mut Ctxt, node: &Node) -> Option<FieldKind> {
    if let Some(s) = node.as_str() {
        return Some(match s {
            "int" => FieldKind::Int,
            "id" => FieldKind::Id,
            "text" => FieldKind::Text,
            "domain" => FieldKind::Domain,
            "flag" => FieldKind::Flag,
            "money" => FieldKind::Money,
            "list" => FieldKind::List,
            "secret" => FieldKind::Secret,
            "date" => FieldKind::Date,
            "datetime" => FieldKind::DateTime,
            _ => FieldKind::Shape(named(node)),
        });
    }
    let entries = map(cx, node, "a field kind")?;
    let mut out = None;
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "map_of" => out = field_kind(cx, v).map(|f| FieldKind::MapOf(Box::new(f))),
            "records" => out = records_of(cx, v).map(FieldKind::Records),
            "any" => out = scalar(cx, v, "`any`").map(FieldKind::Any),
            _ => unknown_key(cx, k, &["map_of", "records", "any"]),
        }
    }
    if out.is_none() {
        cx.error(
            &node.pos,
            "a field kind needs one of `map_of`, `records`, `any`",
            Some(format!(
                "or a scalar kind: {}",
                format::FIELD_KINDS.join(", ")
            )),
        );
    }
    out
}

/// `command.arg`: a request's `array` argument.
pub(super) fn records_of(cx: &mut Ctxt, node: &Node) -> Option<RecordsOf> {
    let text = scalar(cx, node, "`records`")?;
    match text.split_once('.') {
        Some((c, a)) if !c.is_empty() && !a.is_empty() => Some(RecordsOf {
            command: Named {
                name: c.to_owned(),
                pos: node.pos.clone(),
            },
            arg: a.to_owned(),
        }),
        _ => {
            cx.error(
                &node.pos,
                format!("`records: {text}` must name a command's argument"),
                Some("write `command.argument`, e.g. `domainSetDNS.records`".to_owned()),
            );
            None
        }
    }
}

pub(super) fn answer_def(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<AnswerDef> {
    let entries = map(cx, def, "an answer")?;
    let (mut doc, mut source, mut shape, mut reveals) = (String::new(), None, None, false);
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "doc" => doc = scalar(cx, v, "`doc`").unwrap_or_default(),
            "source" => source = scalar(cx, v, "`source`"),
            "reveals" => reveals = boolean(cx, v, "`reveals`"),
            "fields" => {
                let fields = map(cx, v, "`fields`")?;
                let list = unique(cx, fields, "field")
                    .into_iter()
                    .filter_map(|(f, kind)| field_kind(cx, kind).map(|k| (named(f), k)))
                    .collect();
                shape = Some(AnswerShape::Fields(list));
            }
            "map_of" => shape = field_kind(cx, v).map(AnswerShape::MapOf),
            "list_of" => shape = field_kind(cx, v).map(AnswerShape::ListOf),
            "records" => shape = records_of(cx, v).map(AnswerShape::Records),
            "any" => shape = scalar(cx, v, "`any`").map(AnswerShape::Any),
            _ => unknown_key(cx, k, format::ANSWER_KEYS),
        }
    }
    if doc.is_empty() {
        cx.error(
            &name.pos,
            format!("answer `{}` has no `doc`", name.as_str().unwrap_or("?")),
            Some("add a one-line `doc:`".to_owned()),
        );
    }
    let Some(shape) = shape else {
        cx.error(
            &name.pos,
            format!(
                "answer `{}` has no `fields`, `map_of`, `list_of`, `records` or `any`",
                name.as_str().unwrap_or("?")
            ),
            None,
        );
        return None;
    };
    Some(AnswerDef {
        name: named(name),
        doc,
        source,
        reveals,
        shape,
    })
}

pub(super) fn returns(cx: &mut Ctxt, node: &Node) -> Option<Returns> {
    if node.as_str().is_some() {
        return Some(Returns {
            name: named(node),
            rows: false,
        });
    }
    let entries = map(cx, node, "`returns`")?;
    let mut out = None;
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "rows" => {
                out = scalar(cx, v, "`rows`").map(|_| Returns {
                    name: named(v),
                    rows: true,
                })
            }
            _ => unknown_key(cx, k, &["rows"]),
        }
    }
    out
}
