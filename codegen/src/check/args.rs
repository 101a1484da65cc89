//! The arguments: argument groups that name optional arguments, arguments whose types and
//! defaults hold, and Rust names derived from commands that do not clash.

use std::collections::HashMap;

use crate::diag::Ctxt;
use crate::load::Raw;
use crate::model::*;
use crate::names;

use super::types::{known_type, resolve};

/// A group names two or more distinct optional arguments of its own command.
pub(super) fn check_group(cx: &mut Ctxt, c: &CommandDef, args: &[Arg]) {
    let Some(g) = &c.require_one_of else { return };
    if !matches!(c.body, Body::Args { .. }) {
        cx.error(
            &g.pos,
            "`require_one_of` is only for commands with their own `args`",
            Some(
                "a `same_as` command takes its target's groups; a bulk item carries its command's"
                    .to_owned(),
            ),
        );
        return;
    }
    for (k, n) in g.names.iter().enumerate() {
        if g.names[..k].iter().any(|m| m.name == n.name) {
            cx.error(
                &n.pos,
                format!("`{}` appears twice in `require_one_of`", n.name),
                None,
            );
            continue;
        }
        match args.iter().find(|a| a.name.name == n.name) {
            None => {
                let hint = match crate::suggest(&n.name, args.iter().map(|a| a.name.name.as_str()))
                {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "arguments of `{}`: {}",
                        c.name.name,
                        args.iter()
                            .map(|a| a.name.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                cx.error(
                    &n.pos,
                    format!(
                        "`require_one_of` names `{}`, which is not an argument of `{}`",
                        n.name, c.name.name
                    ),
                    Some(hint),
                );
            }
            Some(a) if a.required => cx.error(
                &n.pos,
                format!(
                    "`{}` is required, so a group that holds it always holds",
                    n.name
                ),
                Some("make the argument optional, or drop the group".to_owned()),
            ),
            Some(_) => {}
        }
    }
}

pub(super) fn check_args(cx: &mut Ctxt, raw: &Raw, c: &CommandDef, args: &[Arg]) {
    let mut seen: HashMap<&str, &Named> = HashMap::new();
    let mut fields: HashMap<String, &Named> = HashMap::new();
    let mut flattened = 0;
    for a in args {
        let field = names::field_name(&a.name.name);
        if let Some(first) = fields.insert(field.clone(), &a.name) {
            if first.name != a.name.name {
                cx.error(
                    &a.name.pos,
                    format!(
                        "arguments `{}` and `{}` of `{}` both become the Rust field `{field}`",
                        first.name, a.name.name, c.name.name
                    ),
                    None,
                );
            }
        }
        if let Some(first) = seen.insert(&a.name.name, &a.name) {
            cx.error(
                &a.name.pos,
                format!("duplicate argument `{}` of `{}`", a.name.name, c.name.name),
                Some(format!("the first is at line {}", first.pos.line)),
            );
        }
        if !names::is_identifier(&a.name.name) {
            cx.error(
                &a.name.pos,
                format!("argument name `{}` is not an identifier", a.name.name),
                None,
            );
        }
        match &a.kind {
            ArgKind::Type(t) | ArgKind::MapOf(t) => {
                if let Some(ty) = known_type(cx, &raw.types, t) {
                    if matches!(a.kind, ArgKind::MapOf(_))
                        && matches!(resolve(&raw.types, &ty.rule), Rule::List { .. })
                    {
                        cx.error(&t.pos, "`map_of` a list type is not supported", None);
                    }
                }
            }
            ArgKind::Array { fields, flatten } => {
                if *flatten {
                    flattened += 1;
                }
                for f in fields {
                    if !matches!(f.kind, ArgKind::Type(_)) {
                        cx.error(
                            &f.name.pos,
                            "fields of an `array` argument must have a `type`",
                            None,
                        );
                    }
                }
                check_args(cx, raw, c, fields);
            }
        }
    }
    if flattened > 1 {
        cx.error(
            &c.name.pos,
            format!("`{}` has more than one flattened array", c.name.name),
            Some("keys of two flattened arrays would mix".to_owned()),
        );
    }
}

pub(super) fn check_rust_names(cx: &mut Ctxt, commands: &[CommandDef]) {
    let mut methods: HashMap<String, &Named> = HashMap::new();
    let mut types: HashMap<String, &Named> = HashMap::new();
    for c in commands {
        let (method, pos) = match &c.rust_name {
            Some(n) => {
                if !names::is_snake(&n.name) {
                    cx.error(
                        &n.pos,
                        format!("`rust_name` `{}` is not a snake_case identifier", n.name),
                        None,
                    );
                }
                (n.name.clone(), &n.pos)
            }
            None => (names::snake(&c.name.name), &c.name.pos),
        };
        if let Some(first) = methods.insert(method.clone(), &c.name) {
            if first.name == c.name.name {
                continue; // a duplicate command, reported as such
            }
            cx.error(
                pos,
                format!(
                    "`{}` and `{}` both become the Rust method `{method}`",
                    first.name, c.name.name
                ),
                Some("give one of them `rust_name: <another_snake_case_name>`".to_owned()),
            );
            continue; // their types clash too; one report says it
        }
        let ty = names::command_type_name(c);
        if let Some(first) = types.insert(ty.clone(), &c.name) {
            cx.error(
                pos,
                format!(
                    "`{}` and `{}` both become the Rust type `{ty}`",
                    first.name, c.name.name
                ),
                Some("give one of them `rust_name: <another_snake_case_name>`".to_owned()),
            );
        }
    }
}
