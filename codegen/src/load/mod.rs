//! Reads spec files into the model, recording every problem of form it meets (unknown
//! keys, wrong kinds of values, duplicates) and going on, so that one run reports them all.

use std::sync::Arc;

use crate::diag::Ctxt;
use crate::model::*;
use crate::yaml;

mod answers;
mod commands;
pub mod format;
mod nodes;
mod rules;

use answers::{answer_def, returns};
use commands::command_def;
use nodes::{map, named, unique, unknown_key};
use rules::type_def;

/// What the spec files hold, before relations are resolved.
#[derive(Debug, Default)]
pub struct Raw {
    /// Types, in file order.
    pub types: Vec<TypeDef>,
    /// Commands, in file order.
    pub commands: Vec<CommandDef>,
    /// Answer shapes, in file order.
    pub answers: Vec<AnswerDef>,
    /// Each command's answer shape, as `answers.yaml`'s `returns:` names it.
    pub returns: Vec<(Named, Returns)>,
}

/// Loads one spec file's text. `file` names it in messages.
pub fn load_source(cx: &mut Ctxt, raw: &mut Raw, file: &str, source: &str) {
    let file: Arc<str> = Arc::from(file);
    let root = match yaml::parse(&file, source) {
        Ok(Some(root)) => root,
        Ok(None) => return,
        Err(e) => {
            cx.error(
                &e.pos,
                format!("invalid YAML: {}", e.message),
                Some("fix the YAML syntax".to_owned()),
            );
            return;
        }
    };
    let Some(top) = map(cx, &root, "the file") else {
        return;
    };
    for (key, value) in unique(cx, top, "top-level key") {
        match key.as_str() {
            Some("types") => {
                let Some(entries) = map(cx, value, "`types`") else {
                    continue;
                };
                for (name, def) in unique(cx, entries, "type") {
                    if let Some(t) = type_def(cx, name, def) {
                        raw.types.push(t);
                    }
                }
            }
            Some("commands") => {
                let Some(entries) = map(cx, value, "`commands`") else {
                    continue;
                };
                for (name, def) in unique(cx, entries, "command") {
                    if let Some(c) = command_def(cx, name, def) {
                        raw.commands.push(c);
                    }
                }
            }
            Some("answers") => {
                let Some(entries) = map(cx, value, "`answers`") else {
                    continue;
                };
                for (name, def) in unique(cx, entries, "answer") {
                    if let Some(a) = answer_def(cx, name, def) {
                        raw.answers.push(a);
                    }
                }
            }
            Some("returns") => {
                let Some(entries) = map(cx, value, "`returns`") else {
                    continue;
                };
                for (name, r) in unique(cx, entries, "command") {
                    if let Some(r) = returns(cx, r) {
                        raw.returns.push((named(name), r));
                    }
                }
            }
            _ => unknown_key(cx, key, format::TOP_KEYS),
        }
    }
}
