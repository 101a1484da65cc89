//! Checks the spec as a whole and resolves its relations: every type and command named
//! exists, no name is repeated, "array of", "same as" and "extends" point at commands that
//! can carry them, and the Rust names derived from the spec do not clash.

mod answers;
mod args;
mod commands;
mod types;

pub use types::resolve;

use crate::diag::Ctxt;
use crate::load::Raw;
use crate::model::{Rule, Spec};

/// Resolves and checks everything; the spec comes back only if no problem was found.
pub fn check(cx: &mut Ctxt, mut raw: Raw) -> Option<Spec> {
    answers::apply_returns(cx, &mut raw);
    types::check_types(cx, &raw.types);
    let commands = commands::resolve_commands(cx, &raw);
    args::check_rust_names(cx, &raw.commands);
    answers::check_answers(cx, &raw);
    answers::check_answer_refs(cx, &raw.answers, &commands);
    if cx.has_errors() {
        return None;
    }
    let resolved: Vec<Rule> = raw
        .types
        .iter()
        .map(|t| resolve(&raw.types, &t.rule).clone())
        .collect();
    for (t, r) in raw.types.iter_mut().zip(resolved) {
        t.resolved = r;
    }
    Some(Spec {
        types: raw.types,
        commands,
        answers: raw.answers,
    })
}
