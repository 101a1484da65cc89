//! Types and their rules as the spec writes them: `int`, `text`, `parts`, `list`, `enum`
//! and the others, each setting checked for its kind of value.

use crate::diag::Ctxt;
use crate::model::*;
use crate::yaml::Node;

use super::format;
use super::nodes::{
    boolean, corrections, map, named, number, scalar, strings, unique, unknown_key,
};

pub(super) fn type_def(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<TypeDef> {
    let entries = map(cx, def, "a type")?;
    let mut t = TypeDef {
        name: named(name),
        doc: String::new(),
        ours: None,
        secret: false,
        examples: Vec::new(),
        invalid: Vec::new(),
        rust_name: None,
        narrows: None,
        rule: Rule::Literal(Vec::new()),
        resolved: Rule::Literal(Vec::new()),
        seed: Vec::new(),
    };
    let mut rule = None;
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "doc" => t.doc = scalar(cx, v, "`doc`").unwrap_or_default(),
            "ours" => t.ours = scalar(cx, v, "`ours`"),
            "secret" => t.secret = boolean(cx, v, "`secret`"),
            "examples" => t.examples = strings(cx, v, "an example"),
            "invalid" => t.invalid = strings(cx, v, "an invalid value"),
            "rule" => rule = self::rule(cx, v),
            "seed" => t.seed = corrections(cx, v),
            "rust_name" => t.rust_name = scalar(cx, v, "`rust_name`").map(|_| named(v)),
            "narrows" => t.narrows = scalar(cx, v, "`narrows`").map(|_| named(v)),
            _ => unknown_key(cx, k, format::TYPE_KEYS),
        }
    }
    if t.doc.is_empty() {
        cx.error(
            &name.pos,
            format!("type `{}` has no `doc`", t.name.name),
            Some("add a one-line `doc:`".to_owned()),
        );
    }
    match rule {
        Some(r) => t.rule = r,
        None => {
            if !entries.iter().any(|(k, _)| k.as_str() == Some("rule")) {
                cx.error(
                    &name.pos,
                    format!("type `{}` has no `rule`", t.name.name),
                    Some("add `rule:`, e.g. `rule: {text: {max_len: 64}}`".to_owned()),
                );
            }
            return None;
        }
    }
    Some(t)
}

/// A rule: a mapping with exactly one key, the rule's kind.
pub(super) fn rule(cx: &mut Ctxt, node: &Node) -> Option<Rule> {
    let entries = map(cx, node, "a rule")?;
    if entries.len() != 1 {
        cx.error(
            &node.pos,
            format!("a rule must have exactly one kind, found {}", entries.len()),
            Some(format!("kinds: {}", format::RULES.join(", "))),
        );
        return None;
    }
    let (k, v) = &entries[0];
    let kind = k.as_str().unwrap_or_default();
    match kind {
        "int" => {
            let (mut min, mut max) = (None, None);
            let entries = map(cx, v, "`int`")?;
            for (k, v) in unique(cx, entries, "key") {
                match k.as_str().unwrap_or_default() {
                    "min" => min = number(cx, v, "`min`"),
                    "max" => max = number(cx, v, "`max`"),
                    _ => unknown_key(cx, k, &["min", "max"]),
                }
            }
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    cx.error(
                        &v.pos,
                        format!("`min` {lo} is above `max` {hi}"),
                        Some("swap them".to_owned()),
                    );
                }
            }
            Some(Rule::Int { min, max })
        }
        "bool" | "date" | "ip" => {
            if !v.is_null() && v.as_map().is_none_or(|m| !m.is_empty()) {
                cx.error(
                    &v.pos,
                    format!("`{kind}` takes no settings"),
                    Some(format!("write `{kind}: {{}}`")),
                );
            }
            Some(match kind {
                "bool" => Rule::Bool,
                "date" => Rule::Date,
                _ => Rule::Ip,
            })
        }
        "text" => text_rule(cx, v).map(Rule::Text),
        "parts" => parts_rule(cx, v).map(Rule::Parts),
        "list" => {
            let (mut of, mut sep) = (None, ',');
            let entries = map(cx, v, "`list`")?;
            for (k, v) in unique(cx, entries, "key") {
                match k.as_str().unwrap_or_default() {
                    "of" => of = scalar(cx, v, "`of`").map(|_| named(v)),
                    "sep" => sep = one_char(cx, v)?,
                    _ => unknown_key(cx, k, &["of", "sep"]),
                }
            }
            match of {
                Some(of) => Some(Rule::List { of, sep }),
                None => {
                    cx.error(&v.pos, "`list` needs `of: <type>`", None);
                    None
                }
            }
        }
        "literal" => {
            let values = strings(cx, v, "a literal");
            if values.is_empty() {
                cx.error(&v.pos, "`literal` needs at least one value", None);
            }
            Some(Rule::Literal(values))
        }
        "any_of" => match v.as_seq() {
            Some(items) if !items.is_empty() => Some(Rule::AnyOf(
                items.iter().filter_map(|i| rule(cx, i)).collect(),
            )),
            _ => {
                cx.error(&v.pos, "`any_of` needs a list of rules", None);
                None
            }
        },
        "type" => scalar(cx, v, "`type`").map(|_| Rule::Type(named(v))),
        "enum" => enum_rule(cx, v).map(Rule::Enum),
        _ => {
            let hint = match crate::suggest(kind, format::RULES.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? kinds: {}", format::RULES.join(", ")),
                None => format!("kinds: {}", format::RULES.join(", ")),
            };
            cx.error(&k.pos, format!("unknown rule kind `{kind}`"), Some(hint));
            None
        }
    }
}

/// `enum: [a, {b: "what b means"}, {rows: {type: id}}]`: values, documented values, and at
/// most one variant that holds a number type.
pub(super) fn enum_rule(cx: &mut Ctxt, node: &Node) -> Option<EnumRule> {
    let Some(items) = node.as_seq().filter(|i| !i.is_empty()) else {
        cx.error(
            &node.pos,
            "`enum` needs a list of values",
            Some("e.g. `enum: [a, aaaa]`".to_owned()),
        );
        return None;
    };
    let mut rule = EnumRule {
        values: Vec::new(),
        other: None,
    };
    for item in items {
        if let Some(value) = item.as_str() {
            rule.values.push(EnumValue {
                value: value.to_owned(),
                doc: None,
            });
            continue;
        }
        let entry = match item.as_map() {
            Some([entry]) => entry,
            _ => {
                cx.error(
                    &item.pos,
                    "an `enum` item is a value, `{value: doc}` or `{variant: {type: t}}`",
                    None,
                );
                continue;
            }
        };
        let (k, v) = (&entry.0, &entry.1);
        let Some(key) = scalar(cx, k, "an enum value") else {
            continue;
        };
        if let Some(doc) = v.as_str() {
            rule.values.push(EnumValue {
                value: key,
                doc: Some(doc.to_owned()),
            });
            continue;
        }
        let of = match v.as_map() {
            Some([(tk, tv)]) if tk.as_str() == Some("type") => {
                scalar(cx, tv, "`type`").map(|_| named(tv))
            }
            _ => {
                cx.error(
                    &v.pos,
                    format!("enum item `{key}` is neither a doc nor `{{type: <type>}}`"),
                    None,
                );
                None
            }
        };
        let Some(of) = of else { continue };
        if rule.other.is_some() {
            cx.error(
                &k.pos,
                "an `enum` holds at most one variant with a type",
                None,
            );
        }
        rule.other = Some(EnumOther { name: named(k), of });
    }
    Some(rule)
}

pub(super) fn one_char(cx: &mut Ctxt, node: &Node) -> Option<char> {
    let s = scalar(cx, node, "`sep`")?;
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => {
            cx.error(
                &node.pos,
                format!("`sep` must be one character, found `{s}`"),
                None,
            );
            None
        }
    }
}

pub(super) fn classes(cx: &mut Ctxt, node: &Node) -> Vec<CharClass> {
    strings(cx, node, "a character class")
        .into_iter()
        .map(|s| match s.as_str() {
            "latin" => CharClass::Latin,
            "lower" => CharClass::Lower,
            "upper" => CharClass::Upper,
            "digit" => CharClass::Digit,
            "letter" => CharClass::Letter,
            _ => CharClass::Chars(s),
        })
        .collect()
}

pub(super) fn text_rule(cx: &mut Ctxt, node: &Node) -> Option<TextRule> {
    let mut r = TextRule::default();
    const KEYS: &[&str] = &[
        "min_len",
        "max_len",
        "chars",
        "forbid",
        "first",
        "not_first",
        "not_last",
        "only_first",
        "prefix",
    ];
    let entries = map(cx, node, "`text`")?;
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "min_len" => r.min_len = number(cx, v, "`min_len`").map(|n| n as usize),
            "max_len" => r.max_len = number(cx, v, "`max_len`").map(|n| n as usize),
            "chars" => r.chars = Some(classes(cx, v)),
            "forbid" => r.forbid = classes(cx, v),
            "first" => r.first = Some(classes(cx, v)),
            "not_first" => r.not_first = scalar(cx, v, "`not_first`").unwrap_or_default(),
            "not_last" => r.not_last = scalar(cx, v, "`not_last`").unwrap_or_default(),
            "only_first" => r.only_first = scalar(cx, v, "`only_first`").unwrap_or_default(),
            "prefix" => r.prefix = strings(cx, v, "a prefix"),
            _ => unknown_key(cx, k, KEYS),
        }
    }
    if let (Some(lo), Some(hi)) = (r.min_len, r.max_len) {
        if lo > hi {
            cx.error(
                &node.pos,
                format!("`min_len` {lo} is above `max_len` {hi}"),
                Some("swap them".to_owned()),
            );
        }
    }
    Some(r)
}

pub(super) fn parts_rule(cx: &mut Ctxt, node: &Node) -> Option<PartsRule> {
    let (mut sep, mut min, mut max, mut max_len, mut each, mut first) =
        (None, None, None, None, None, None);
    let mut idna = false;
    let entries = map(cx, node, "`parts`")?;
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "sep" => sep = one_char(cx, v),
            "min" => min = number(cx, v, "`min`").map(|n| n as usize),
            "max" => max = number(cx, v, "`max`").map(|n| n as usize),
            "max_len" => max_len = number(cx, v, "`max_len`").map(|n| n as usize),
            "each" => each = rule(cx, v),
            "first" => first = rule(cx, v),
            "idna" => idna = boolean(cx, v, "`idna`"),
            _ => unknown_key(
                cx,
                k,
                &["sep", "min", "max", "max_len", "each", "first", "idna"],
            ),
        }
    }
    let Some(each) = each else {
        cx.error(&node.pos, "`parts` needs `each: <rule>`", None);
        return None;
    };
    let Some(sep) = sep else {
        cx.error(&node.pos, "`parts` needs `sep`", None);
        return None;
    };
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            cx.error(
                &node.pos,
                format!("`min` {lo} is above `max` {hi}"),
                Some("swap them".to_owned()),
            );
        }
    }
    Some(PartsRule {
        sep,
        min,
        max,
        max_len,
        each: Box::new(each),
        first: first.map(Box::new),
        idna,
    })
}
