//! Reading YAML nodes with diagnostics: each reader records what is wrong with its node at
//! the node's position and returns what it could read, so that loading goes on.

use crate::diag::Ctxt;
use crate::model::*;
use crate::yaml::{Node, Pos, Value};

use super::format;

pub(super) fn named(node: &Node) -> Named {
    Named {
        name: node.as_str().unwrap_or_default().to_owned(),
        pos: node.pos.clone(),
    }
}

pub(super) fn map<'a>(cx: &mut Ctxt, node: &'a Node, what: &str) -> Option<&'a [(Node, Node)]> {
    match node.as_map() {
        Some(m) => Some(m),
        None => {
            cx.error(
                &node.pos,
                format!("{what} must be a mapping, found {}", node.kind()),
                None,
            );
            None
        }
    }
}

/// The entries of a mapping, each key a scalar, reporting repeated keys and dropping them.
pub(super) fn unique<'a>(
    cx: &mut Ctxt,
    entries: &'a [(Node, Node)],
    what: &str,
) -> Vec<(&'a Node, &'a Node)> {
    let mut seen: Vec<(&str, &Pos)> = Vec::new();
    let mut out = Vec::new();
    for (k, v) in entries {
        let Some(name) = k.as_str() else {
            cx.error(
                &k.pos,
                format!("a {what} name must be a scalar, found {}", k.kind()),
                None,
            );
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            cx.error(
                &k.pos,
                format!("duplicate {what} `{name}`"),
                Some(format!(
                    "the first is at line {}; rename or remove one",
                    first.line
                )),
            );
            continue;
        }
        seen.push((name, &k.pos));
        out.push((k, v));
    }
    out
}

pub(super) fn unknown_key(cx: &mut Ctxt, key: &Node, known: &[&str]) {
    let name = key.as_str().unwrap_or("?");
    let hint = match crate::suggest(name, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? known keys: {}", known.join(", ")),
        None => format!("known keys: {}", known.join(", ")),
    };
    cx.error(&key.pos, format!("unknown key `{name}`"), Some(hint));
}

pub(super) fn scalar(cx: &mut Ctxt, node: &Node, what: &str) -> Option<String> {
    match node.as_str() {
        Some(s) => Some(s.to_owned()),
        None => {
            cx.error(
                &node.pos,
                format!("{what} must be a scalar, found {}", node.kind()),
                None,
            );
            None
        }
    }
}

pub(super) fn boolean(cx: &mut Ctxt, node: &Node, what: &str) -> bool {
    match node.as_str() {
        Some("true") => true,
        Some("false") => false,
        _ => {
            cx.error(&node.pos, format!("{what} must be true or false"), None);
            false
        }
    }
}

pub(super) fn number(cx: &mut Ctxt, node: &Node, what: &str) -> Option<u64> {
    match node.as_str().and_then(|s| s.parse::<u64>().ok()) {
        Some(n) => Some(n),
        None => {
            cx.error(
                &node.pos,
                format!(
                    "{what} must be a whole number, found `{}`",
                    node.as_str().unwrap_or("?")
                ),
                None,
            );
            None
        }
    }
}

pub(super) fn strings(cx: &mut Ctxt, node: &Node, what: &str) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|i| scalar(cx, i, what)).collect(),
        _ => {
            cx.error(
                &node.pos,
                format!("{what} must be a list of scalars, found {}", node.kind()),
                None,
            );
            Vec::new()
        }
    }
}

/// `seed: {said: "...", why: "..."}`, or a list of them.
pub(super) fn corrections(cx: &mut Ctxt, node: &Node) -> Vec<Correction> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|i| correction(cx, i)).collect(),
        _ => correction(cx, node).into_iter().collect(),
    }
}

pub(super) fn correction(cx: &mut Ctxt, node: &Node) -> Option<Correction> {
    let entries = map(cx, node, "a `seed` correction")?;
    let (mut said, mut why) = (None, None);
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "said" => said = scalar(cx, v, "`said`"),
            "why" => why = scalar(cx, v, "`why`"),
            _ => unknown_key(cx, k, format::CORRECTION_KEYS),
        }
    }
    match (said, why) {
        (Some(said), Some(why)) if !why.trim().is_empty() => Some(Correction {
            said,
            why,
            pos: node.pos.clone(),
        }),
        _ => {
            cx.error(
                &node.pos,
                "a `seed` correction needs `said` (the document's text) and `why`",
                Some("write `seed: {said: \"limit — id\", why: \"...\"}`".to_owned()),
            );
            None
        }
    }
}
