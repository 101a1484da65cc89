//! The commands: relations ("array of", "same as", "extends") resolved to commands that can
//! carry them, without cycles, and each command's argument groups.

use std::collections::HashMap;

use crate::diag::Ctxt;
use crate::load::Raw;
use crate::model::*;
use crate::names;

use super::args::{check_args, check_group};

pub(super) fn resolve_commands(cx: &mut Ctxt, raw: &Raw) -> Vec<Command> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, c) in raw.commands.iter().enumerate() {
        if let Some(&first) = index.get(c.name.name.as_str()) {
            let f = &raw.commands[first].name.pos;
            cx.error(
                &c.name.pos,
                format!("duplicate command `{}`", c.name.name),
                Some(format!(
                    "the first is at {}:{}; a bulk twin is usually spelt with a plural",
                    f.file, f.line
                )),
            );
        } else {
            index.insert(&c.name.name, i);
        }
        if !names::is_identifier(&c.name.name) {
            cx.error(
                &c.name.pos,
                format!("command name `{}` is not an identifier", c.name.name),
                None,
            );
        }
    }
    let lookup = |cx: &mut Ctxt, name: &Named, relation: &str| -> Option<usize> {
        let found = index.get(name.name.as_str()).copied();
        if found.is_none() {
            unknown_command(cx, raw, name, relation);
        }
        found
    };
    let mut out = Vec::new();
    for (i, c) in raw.commands.iter().enumerate() {
        let shape = match &c.body {
            Body::ArrayOf { item, key } => {
                let Some(j) = lookup(cx, item, "array_of") else {
                    continue;
                };
                if j == i {
                    cx.error(
                        &item.pos,
                        format!("`{}` is an array of itself", c.name.name),
                        Some(
                            "name the single command whose arguments each item carries".to_owned(),
                        ),
                    );
                    continue;
                }
                if matches!(raw.commands[j].body, Body::ArrayOf { .. }) {
                    cx.error(
                        &item.pos,
                        format!("`{}` is itself a bulk command", item.name),
                        Some(
                            "name the single command whose arguments each item carries".to_owned(),
                        ),
                    );
                    continue;
                }
                if let Some(key) = key {
                    let args = single_args(cx, raw, &index, j, 0).unwrap_or_default();
                    // An optional key is one of a group: each item still needs it, and the
                    // bulk request checks that it is there.
                    let grouped = groups_of(raw, &index, j, 0)
                        .iter()
                        .any(|g| g.names.iter().any(|n| n.name == key.name));
                    match args.iter().find(|a| a.name.name == key.name) {
                        Some(a)
                            if (a.required || grouped) && matches!(a.kind, ArgKind::Type(_)) => {}
                        Some(_) => cx.error(
                            &key.pos,
                            format!(
                                "key `{}` must be a required argument of `{}` with a type",
                                key.name, item.name
                            ),
                            None,
                        ),
                        None => cx.error(
                            &key.pos,
                            format!(
                                "`{}` has no argument `{}` to key items by",
                                item.name, key.name
                            ),
                            None,
                        ),
                    }
                }
                Shape::Bulk {
                    item: j,
                    key: key.as_ref().map(|k| k.name.clone()),
                }
            }
            _ => match single_args(cx, raw, &index, i, 0) {
                Some(args) => Shape::Single(args),
                None => continue,
            },
        };
        let mut groups = Vec::new();
        if let (Shape::Bulk { .. }, Some(g)) = (&shape, &c.require_one_of) {
            cx.error(
                &g.pos,
                "`require_one_of` is only for commands with their own `args`",
                Some("a bulk command's items carry their command's groups".to_owned()),
            );
        }
        if let Shape::Single(args) = &shape {
            check_args(cx, raw, c, args);
            check_group(cx, c, args);
            groups = groups_of(raw, &index, i, 0)
                .into_iter()
                .map(|g| g.names.iter().map(|n| n.name.clone()).collect())
                .collect();
        }
        out.push(Command {
            def: c.clone(),
            shape,
            groups,
        });
    }
    out
}

/// Reports a relation that names a command the spec does not have.
pub(super) fn unknown_command(cx: &mut Ctxt, raw: &Raw, name: &Named, relation: &str) {
    let hint = match crate::suggest(
        &name.name,
        raw.commands.iter().map(|c| c.name.name.as_str()),
    ) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "name a command of the spec".to_owned(),
    };
    cx.error(
        &name.pos,
        format!("`{relation}` names an unknown command `{}`", name.name),
        Some(hint),
    );
}

/// The arguments of a non-bulk command, after "same as" and "extends".
pub(super) fn single_args(
    cx: &mut Ctxt,
    raw: &Raw,
    index: &HashMap<&str, usize>,
    i: usize,
    depth: usize,
) -> Option<Vec<Arg>> {
    let c = &raw.commands[i];
    if depth > raw.commands.len() {
        cx.error(
            &c.name.pos,
            format!(
                "`{}` takes its arguments from itself through `same_as`/`extends`",
                c.name.name
            ),
            Some("break the cycle".to_owned()),
        );
        return None;
    }
    let follow = |cx: &mut Ctxt, target: &Named, relation: &str| -> Option<Vec<Arg>> {
        let Some(&j) = index.get(target.name.as_str()) else {
            unknown_command(cx, raw, target, relation);
            return None;
        };
        if matches!(raw.commands[j].body, Body::ArrayOf { .. }) {
            cx.error(
                &target.pos,
                format!("`{relation}` names the bulk command `{}`", target.name),
                Some("name a single command".to_owned()),
            );
            return None;
        }
        single_args(cx, raw, index, j, depth + 1)
    };
    match &c.body {
        Body::Args {
            args,
            extends: None,
        } => Some(args.clone()),
        Body::Args {
            args,
            extends: Some(base),
        } => {
            let mut all = args.clone();
            for a in follow(cx, base, "extends")? {
                if !all.iter().any(|x| x.name.name == a.name.name) {
                    all.push(a);
                }
            }
            Some(all)
        }
        Body::SameAs(target) => follow(cx, target, "same_as"),
        Body::ArrayOf { .. } => None,
    }
}

/// The argument groups of a single command: its own, then those of the command it is
/// "same as" or extends (cycles are reported by `single_args`).
pub(super) fn groups_of<'a>(
    raw: &'a Raw,
    index: &HashMap<&str, usize>,
    i: usize,
    depth: usize,
) -> Vec<&'a Group> {
    let c = &raw.commands[i];
    let mut out: Vec<&Group> = c.require_one_of.iter().collect();
    let target = match &c.body {
        Body::SameAs(t) => Some(t),
        Body::Args { extends, .. } => extends.as_ref(),
        Body::ArrayOf { .. } => None,
    };
    if let Some(&j) = target.and_then(|t| index.get(t.name.as_str())) {
        if depth <= raw.commands.len() {
            out.extend(groups_of(raw, index, j, depth + 1));
        }
    }
    out
}
