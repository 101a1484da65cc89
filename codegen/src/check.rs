//! Checks the spec as a whole and resolves its relations: every type and command named
//! exists, no name is repeated, "array of", "same as" and "extends" point at commands that
//! can carry them, and the Rust names derived from the spec do not clash.

use std::collections::HashMap;

use crate::diag::Ctxt;
use crate::load::Raw;
use crate::model::*;
use crate::names;

/// Resolves and checks everything; the spec comes back only if no problem was found.
pub fn check(cx: &mut Ctxt, mut raw: Raw) -> Option<Spec> {
    apply_returns(cx, &mut raw);
    check_types(cx, &raw.types);
    let commands = resolve_commands(cx, &raw);
    check_rust_names(cx, &raw.commands);
    check_answers(cx, &raw);
    check_answer_refs(cx, &raw.answers, &commands);
    if cx.has_errors() {
        return None;
    }
    Some(Spec {
        types: raw.types,
        commands,
        answers: raw.answers,
    })
}

/// Gives each command named under `answers.yaml`'s `returns:` its answer shape: the
/// command must exist and not name a shape of its own too.
fn apply_returns(cx: &mut Ctxt, raw: &mut Raw) {
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
fn check_answer_refs(cx: &mut Ctxt, answers: &[AnswerDef], commands: &[Command]) {
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
fn check_answers(cx: &mut Ctxt, raw: &Raw) {
    let mut seen: HashMap<&str, &Named> = HashMap::new();
    for a in &raw.answers {
        if let Some(first) = seen.insert(&a.name.name, &a.name) {
            cx.error(
                &a.name.pos,
                format!("duplicate answer `{}`", a.name.name),
                Some(format!(
                    "the first is at {}:{}",
                    first.pos.file, first.pos.line
                )),
            );
        }
        if !names::is_identifier(&a.name.name) {
            cx.error(
                &a.name.pos,
                format!("answer name `{}` is not an identifier", a.name.name),
                None,
            );
        }
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

fn check_types(cx: &mut Ctxt, types: &[TypeDef]) {
    let mut seen: HashMap<&str, &Named> = HashMap::new();
    for t in types {
        if let Some(n) = &t.narrows {
            if !matches!(t.rule, Rule::Enum(_)) {
                cx.error(
                    &n.pos,
                    format!("`narrows` on `{}`, which is not a closed set", t.name.name),
                    Some("only an `enum` type narrows a looser type of the document".to_owned()),
                );
            } else if !types
                .iter()
                .any(|o| o.name.name == n.name && o.narrows.is_none())
            {
                cx.error(
                    &n.pos,
                    format!("`narrows: {}` names no type of the spec", n.name),
                    Some("name the provider's type this set narrows, such as `ref`".to_owned()),
                );
            }
        }
        if let Some(first) = seen.insert(&t.name.name, &t.name) {
            cx.error(
                &t.name.pos,
                format!("duplicate type `{}`", t.name.name),
                Some(format!(
                    "the first is at {}:{}",
                    first.pos.file, first.pos.line
                )),
            );
        }
        if !names::is_identifier(&t.name.name) {
            cx.error(
                &t.name.pos,
                format!("type name `{}` is not an identifier", t.name.name),
                Some("use Latin letters, digits and `_`, starting with a letter".to_owned()),
            );
        }
    }
    check_type_names(cx, types);
    for t in types {
        check_rule(cx, types, &t.rule, t);
        // A type that is another type's rule must not lead back to itself.
        let mut at = t;
        let mut steps = 0;
        while let Rule::Type(next) = &at.rule {
            steps += 1;
            match types.iter().find(|x| x.name.name == next.name) {
                Some(x) if x.name.name == t.name.name || steps > types.len() => {
                    cx.error(
                        &t.name.pos,
                        format!("type `{}` is defined by itself", t.name.name),
                        Some("give it a rule of its own".to_owned()),
                    );
                    break;
                }
                Some(x) => at = x,
                None => break,
            }
        }
    }
}

/// Every type's Rust name is UpperCamelCase, its own, and not a crate-level item's.
fn check_type_names(cx: &mut Ctxt, types: &[TypeDef]) {
    let mut seen: HashMap<String, &Named> = HashMap::new();
    for t in types {
        let rust = names::value_type_name(t);
        let pos = t.rust_name.as_ref().map_or(&t.name.pos, |n| &n.pos);
        if t.rust_name.is_some() && !names::is_upper_camel(&rust) {
            cx.error(
                pos,
                format!("`rust_name` `{rust}` is not an UpperCamelCase identifier"),
                None,
            );
        }
        if names::CRATE_ITEMS.contains(&rust.as_str()) {
            cx.error(
                pos,
                format!(
                    "type `{}` would be `types::{rust}`, the name of a crate-level item",
                    t.name.name
                ),
                Some("give it `rust_name: <AnotherName>`".to_owned()),
            );
        }
        if let Some(first) = seen.insert(rust.clone(), &t.name) {
            if first.name != t.name.name {
                cx.error(
                    pos,
                    format!(
                        "types `{}` and `{}` both become `types::{rust}`",
                        first.name, t.name.name
                    ),
                    Some("give one of them `rust_name: <AnotherName>`".to_owned()),
                );
            }
        }
    }
}

fn check_rule(cx: &mut Ctxt, types: &[TypeDef], rule: &Rule, owner: &TypeDef) {
    match rule {
        Rule::Type(name) => {
            if let Some(t) = known_type(cx, types, name) {
                if matches!(t.rule, Rule::Enum(_)) {
                    cx.error(
                        &name.pos,
                        format!(
                            "`{}` is an enum type and cannot be part of another rule",
                            name.name
                        ),
                        Some("use the enum type itself where the value is taken".to_owned()),
                    );
                } else if matches!(t.rule, Rule::List { .. })
                    && !matches!(owner.rule, Rule::Type(_))
                {
                    cx.error(
                        &name.pos,
                        format!(
                            "`{}` is a list type and cannot be part of another rule",
                            name.name
                        ),
                        None,
                    );
                }
            }
        }
        Rule::List { of, .. } => {
            if !std::ptr::eq(rule, &owner.rule) {
                cx.error(
                    &of.pos,
                    "a `list` rule can only be a type's whole rule",
                    Some("define the list as a type of its own".to_owned()),
                );
            }
            if let Some(item) = known_type(cx, types, of) {
                if matches!(
                    resolve(types, &item.rule),
                    Rule::List { .. } | Rule::Bool | Rule::Enum(_)
                ) {
                    cx.error(
                        &of.pos,
                        format!("a list of `{}` is not supported", of.name),
                        Some("list items must be text or integer types".to_owned()),
                    );
                }
            }
        }
        Rule::Parts(p) => {
            check_rule(cx, types, &p.each, owner);
            if let Some(first) = &p.first {
                check_rule(cx, types, first, owner);
            }
        }
        Rule::AnyOf(rules) => {
            for r in rules {
                if matches!(r, Rule::List { .. } | Rule::Bool) {
                    cx.error(
                        &owner.name.pos,
                        format!(
                            "type `{}`: `any_of` can only hold text rules",
                            owner.name.name
                        ),
                        None,
                    );
                }
                check_rule(cx, types, r, owner);
            }
        }
        Rule::Enum(e) => check_enum(cx, types, e, rule, owner),
        Rule::Int { .. }
        | Rule::Bool
        | Rule::Date
        | Rule::Ip
        | Rule::Text(_)
        | Rule::Literal(_) => {}
    }
}

/// An enum: a type's whole rule, not secret, its values and variant names distinct, its
/// typed variant (if any) holding a number type.
fn check_enum(cx: &mut Ctxt, types: &[TypeDef], e: &EnumRule, rule: &Rule, owner: &TypeDef) {
    let at = &owner.name.pos;
    if !std::ptr::eq(rule, &owner.rule) {
        cx.error(
            at,
            format!(
                "type `{}`: an `enum` can only be a type's whole rule",
                owner.name.name
            ),
            Some("define the enum as a type of its own".to_owned()),
        );
    }
    if owner.secret {
        cx.error(
            at,
            format!("type `{}`: an enum cannot be secret", owner.name.name),
            None,
        );
    }
    let mut variants: HashMap<String, &str> = HashMap::new();
    let mut wire: Vec<&str> = Vec::new();
    let other = e
        .other
        .as_ref()
        .map(|o| (names::camel(&o.name.name), o.name.name.as_str()));
    let all = e
        .values
        .iter()
        .map(|v| (names::variant_name(&v.value), v.value.as_str()))
        .chain(other);
    for (variant, value) in all {
        if wire.contains(&value) {
            cx.error(
                at,
                format!(
                    "type `{}`: the value `{value}` is listed twice",
                    owner.name.name
                ),
                None,
            );
        }
        wire.push(value);
        if let Some(first) = variants.insert(variant.clone(), value) {
            if first != value {
                cx.error(
                    at,
                    format!(
                        "type `{}`: `{first}` and `{value}` both become the variant `{variant}`",
                        owner.name.name
                    ),
                    None,
                );
            }
        }
    }
    if let Some(o) = &e.other {
        if let Some(t) = known_type(cx, types, &o.of) {
            if !matches!(resolve(types, &t.rule), Rule::Int { .. }) || t.secret {
                cx.error(
                    &o.of.pos,
                    format!("the variant `{}` must hold a number type", o.name.name),
                    Some("an enum's typed variant holds an `int` type, such as `id`".to_owned()),
                );
            }
        }
        if !names::is_snake(&o.name.name) {
            cx.error(
                &o.name.pos,
                format!("variant name `{}` is not snake_case", o.name.name),
                None,
            );
        }
    }
}

/// Follows `type:` rules to the rule that does the work.
pub fn resolve<'a>(types: &'a [TypeDef], rule: &'a Rule) -> &'a Rule {
    let mut at = rule;
    for _ in 0..=types.len() {
        match at {
            Rule::Type(n) => match types.iter().find(|t| t.name.name == n.name) {
                Some(t) => at = &t.rule,
                None => return at,
            },
            _ => return at,
        }
    }
    at
}

fn known_type<'a>(cx: &mut Ctxt, types: &'a [TypeDef], name: &Named) -> Option<&'a TypeDef> {
    let found = types.iter().find(|t| t.name.name == name.name);
    if found.is_none() {
        let hint = match crate::suggest(&name.name, types.iter().map(|t| t.name.name.as_str())) {
            Some(s) => format!("did you mean `{s}`? types are defined in types.yaml"),
            None => "define it under `types:` in types.yaml".to_owned(),
        };
        cx.error(
            &name.pos,
            format!("unknown type `{}`", name.name),
            Some(hint),
        );
    }
    found
}

fn resolve_commands(cx: &mut Ctxt, raw: &Raw) -> Vec<Command> {
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
fn unknown_command(cx: &mut Ctxt, raw: &Raw, name: &Named, relation: &str) {
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
fn single_args(
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
fn groups_of<'a>(
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

/// A group names two or more distinct optional arguments of its own command.
fn check_group(cx: &mut Ctxt, c: &CommandDef, args: &[Arg]) {
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

fn check_args(cx: &mut Ctxt, raw: &Raw, c: &CommandDef, args: &[Arg]) {
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

fn check_rust_names(cx: &mut Ctxt, commands: &[CommandDef]) {
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
