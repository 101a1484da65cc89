//! The types: names that resolve and do not clash, rules that hold together, closed sets
//! whose variants have distinct names.

use std::collections::HashMap;

use crate::diag::Ctxt;
use crate::model::*;
use crate::names;

pub(super) fn check_types(cx: &mut Ctxt, types: &[TypeDef]) {
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
        distinct_identifier(
            cx,
            &mut seen,
            &t.name,
            "type",
            Some("use Latin letters, digits and `_`, starting with a letter"),
        );
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
pub(super) fn check_type_names(cx: &mut Ctxt, types: &[TypeDef]) {
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

pub(super) fn check_rule(cx: &mut Ctxt, types: &[TypeDef], rule: &Rule, owner: &TypeDef) {
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
pub(super) fn check_enum(
    cx: &mut Ctxt,
    types: &[TypeDef],
    e: &EnumRule,
    rule: &Rule,
    owner: &TypeDef,
) {
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

pub(super) fn known_type<'a>(
    cx: &mut Ctxt,
    types: &'a [TypeDef],
    name: &Named,
) -> Option<&'a TypeDef> {
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

/// A type's or an answer's name (`what`) is given once and is an identifier.
pub(super) fn distinct_identifier<'a>(
    cx: &mut Ctxt,
    seen: &mut HashMap<&'a str, &'a Named>,
    name: &'a Named,
    what: &str,
    hint: Option<&str>,
) {
    if let Some(first) = seen.insert(&name.name, name) {
        cx.error(
            &name.pos,
            format!("duplicate {what} `{}`", name.name),
            Some(format!(
                "the first is at {}:{}",
                first.pos.file, first.pos.line
            )),
        );
    }
    if !names::is_identifier(&name.name) {
        cx.error(
            &name.pos,
            format!("{what} name `{}` is not an identifier", name.name),
            hint.map(str::to_owned),
        );
    }
}
