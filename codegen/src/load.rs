//! Reads spec files into the model, recording every problem of form it meets (unknown
//! keys, wrong kinds of values, duplicates) and going on, so that one run reports them all.

use std::sync::Arc;

use crate::diag::Ctxt;
use crate::model::*;
use crate::yaml::{self, Node, Pos, Value};

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
            _ => unknown_key(cx, key, &["types", "commands", "answers", "returns"]),
        }
    }
}

fn named(node: &Node) -> Named {
    Named {
        name: node.as_str().unwrap_or_default().to_owned(),
        pos: node.pos.clone(),
    }
}

fn map<'a>(cx: &mut Ctxt, node: &'a Node, what: &str) -> Option<&'a [(Node, Node)]> {
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
fn unique<'a>(cx: &mut Ctxt, entries: &'a [(Node, Node)], what: &str) -> Vec<(&'a Node, &'a Node)> {
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

fn unknown_key(cx: &mut Ctxt, key: &Node, known: &[&str]) {
    let name = key.as_str().unwrap_or("?");
    let hint = match crate::suggest(name, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? known keys: {}", known.join(", ")),
        None => format!("known keys: {}", known.join(", ")),
    };
    cx.error(&key.pos, format!("unknown key `{name}`"), Some(hint));
}

fn scalar(cx: &mut Ctxt, node: &Node, what: &str) -> Option<String> {
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

fn boolean(cx: &mut Ctxt, node: &Node, what: &str) -> bool {
    match node.as_str() {
        Some("true") => true,
        Some("false") => false,
        _ => {
            cx.error(&node.pos, format!("{what} must be true or false"), None);
            false
        }
    }
}

fn number(cx: &mut Ctxt, node: &Node, what: &str) -> Option<u64> {
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

fn strings(cx: &mut Ctxt, node: &Node, what: &str) -> Vec<String> {
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

fn type_def(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<TypeDef> {
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
            _ => unknown_key(
                cx,
                k,
                &[
                    "doc",
                    "ours",
                    "secret",
                    "examples",
                    "invalid",
                    "rule",
                    "rust_name",
                    "narrows",
                    "seed",
                ],
            ),
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

const RULES: &[&str] = &[
    "int", "bool", "date", "ip", "text", "parts", "list", "literal", "any_of", "type", "enum",
];

/// A rule: a mapping with exactly one key, the rule's kind.
fn rule(cx: &mut Ctxt, node: &Node) -> Option<Rule> {
    let entries = map(cx, node, "a rule")?;
    if entries.len() != 1 {
        cx.error(
            &node.pos,
            format!("a rule must have exactly one kind, found {}", entries.len()),
            Some(format!("kinds: {}", RULES.join(", "))),
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
            let hint = match crate::suggest(kind, RULES.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? kinds: {}", RULES.join(", ")),
                None => format!("kinds: {}", RULES.join(", ")),
            };
            cx.error(&k.pos, format!("unknown rule kind `{kind}`"), Some(hint));
            None
        }
    }
}

/// `enum: [a, {b: "what b means"}, {rows: {type: id}}]`: values, documented values, and at
/// most one variant that holds a number type.
fn enum_rule(cx: &mut Ctxt, node: &Node) -> Option<EnumRule> {
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

fn one_char(cx: &mut Ctxt, node: &Node) -> Option<char> {
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

fn classes(cx: &mut Ctxt, node: &Node) -> Vec<CharClass> {
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

fn text_rule(cx: &mut Ctxt, node: &Node) -> Option<TextRule> {
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

fn parts_rule(cx: &mut Ctxt, node: &Node) -> Option<PartsRule> {
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

const COMMAND_KEYS: &[&str] = &[
    "description",
    "effect",
    "long",
    "answer",
    "rust_name",
    "args",
    "extends",
    "same_as",
    "array_of",
    "key",
    "returns",
    "require_one_of",
    "example",
    "seed",
];

const FIELD_KINDS: &[&str] = &[
    "int", "id", "text", "domain", "flag", "money", "list", "secret", "date", "datetime",
];

/// A field kind: a scalar (a kind of [`FIELD_KINDS`], or the name of another answer), or
/// `{map_of: KIND}`, `{records: command.arg}`, `{any: why}`.
fn field_kind(cx: &mut Ctxt, node: &Node) -> Option<FieldKind> {
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
            Some(format!("or a scalar kind: {}", FIELD_KINDS.join(", "))),
        );
    }
    out
}

/// `command.arg`: a request's `array` argument.
fn records_of(cx: &mut Ctxt, node: &Node) -> Option<RecordsOf> {
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

fn answer_def(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<AnswerDef> {
    let entries = map(cx, def, "an answer")?;
    let (mut doc, mut source, mut shape) = (String::new(), None, None);
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "doc" => doc = scalar(cx, v, "`doc`").unwrap_or_default(),
            "source" => source = scalar(cx, v, "`source`"),
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
            _ => unknown_key(
                cx,
                k,
                &[
                    "doc", "source", "fields", "map_of", "list_of", "records", "any",
                ],
            ),
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
        shape,
    })
}

fn returns(cx: &mut Ctxt, node: &Node) -> Option<Returns> {
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

fn command_def(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<CommandDef> {
    let entries = map(cx, def, "a command")?;
    let cname = named(name);
    let mut description = None;
    let mut effect = None;
    let mut long = false;
    let mut answer = AnswerKind::Value;
    let mut rust_name = None;
    let mut returns_ = None;
    let mut args = None;
    let (mut extends, mut same_as, mut array_of, mut key) = (None, None, None, None);
    let mut require_one_of = None;
    let mut example = None;
    let mut seed = Vec::new();
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "seed" => seed = corrections(cx, v),
            "require_one_of" => require_one_of = group(cx, v),
            "example" => example = example_json(cx, v),
            "description" => description = scalar(cx, v, "`description`"),
            "effect" => {
                effect = match v.as_str() {
                    Some("read") => Some(Effect::Read),
                    Some("change") => Some(Effect::Change),
                    _ => {
                        cx.error(&v.pos, "`effect` must be `read` or `change`", Some("read: repeating it is harmless; change: it changes or buys something".to_owned()));
                        Some(Effect::Change)
                    }
                }
            }
            "long" => long = boolean(cx, v, "`long`"),
            "answer" => {
                answer = match v.as_str() {
                    Some("value") => AnswerKind::Value,
                    Some("search") => AnswerKind::Search,
                    _ => {
                        cx.error(
                            &v.pos,
                            "`answer` must be `value` or `search`",
                            Some("bulk commands get their answer kind from `array_of`".to_owned()),
                        );
                        AnswerKind::Value
                    }
                }
            }
            "rust_name" => rust_name = scalar(cx, v, "`rust_name`").map(|_| named(v)),
            "returns" => returns_ = returns(cx, v),
            "args" => args = Some(arg_list(cx, v)),
            "extends" => extends = scalar(cx, v, "`extends`").map(|_| named(v)),
            "same_as" => same_as = scalar(cx, v, "`same_as`").map(|_| named(v)),
            "array_of" => array_of = scalar(cx, v, "`array_of`").map(|_| named(v)),
            "key" => key = scalar(cx, v, "`key`").map(|_| named(v)),
            _ => unknown_key(cx, k, COMMAND_KEYS),
        }
    }
    let description = description.unwrap_or_else(|| {
        cx.error(
            &name.pos,
            format!("command `{}` has no `description`", cname.name),
            Some("copy the seed's description".to_owned()),
        );
        String::new()
    });
    let effect = effect.unwrap_or_else(|| {
        cx.error(
            &name.pos,
            format!("command `{}` has no `effect`", cname.name),
            Some("add `effect: read` or `effect: change`".to_owned()),
        );
        Effect::Change
    });
    let body = match (args, same_as, array_of) {
        (args, None, None) => {
            if key.is_some() {
                cx.error(&name.pos, "`key` is only for `array_of` commands", None);
            }
            Body::Args {
                args: args.unwrap_or_default(),
                extends,
            }
        }
        (None, Some(s), None) if extends.is_none() && key.is_none() => Body::SameAs(s),
        (None, None, Some(item)) if extends.is_none() => {
            answer = AnswerKind::Bulk;
            Body::ArrayOf { item, key }
        }
        _ => {
            cx.error(&name.pos, format!("command `{}` mixes `args`/`extends`, `same_as` and `array_of`", cname.name), Some("give a command its own `args` (optionally with `extends`), or `same_as`, or `array_of`".to_owned()));
            return None;
        }
    };
    Some(CommandDef {
        name: cname,
        description,
        effect,
        long,
        answer,
        rust_name,
        returns: returns_,
        body,
        require_one_of,
        example,
        seed,
    })
}

/// `example:` of a command: a map of argument to value (a list of such maps for a bulk
/// command), as JSON text with every scalar a string, as the form sends it.
fn example_json(cx: &mut Ctxt, node: &Node) -> Option<String> {
    // Written by hand: the generator has no JSON library outside its tests.
    fn string(text: &str, out: &mut String) {
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    fn json(node: &Node, out: &mut String) {
        match &node.value {
            Value::Scalar { text, .. } => string(text, out),
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json(item, out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(k.as_str().unwrap_or_default(), out);
                    out.push(':');
                    json(v, out);
                }
                out.push('}');
            }
        }
    }
    if !matches!(node.value, Value::Map(_) | Value::Seq(_)) {
        cx.error(
            &node.pos,
            format!(
                "`example` must be a map of arguments or a list of items, found {}",
                node.kind()
            ),
            Some("write `example: {domain: example.com, period: 2}`".to_owned()),
        );
        return None;
    }
    let mut out = String::new();
    json(node, &mut out);
    Some(out)
}

/// `seed: {said: "...", why: "..."}`, or a list of them.
fn corrections(cx: &mut Ctxt, node: &Node) -> Vec<Correction> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|i| correction(cx, i)).collect(),
        _ => correction(cx, node).into_iter().collect(),
    }
}

fn correction(cx: &mut Ctxt, node: &Node) -> Option<Correction> {
    let entries = map(cx, node, "a `seed` correction")?;
    let (mut said, mut why) = (None, None);
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "said" => said = scalar(cx, v, "`said`"),
            "why" => why = scalar(cx, v, "`why`"),
            _ => unknown_key(cx, k, &["said", "why"]),
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

/// `require_one_of: [domain, id]`: two or more argument names.
fn group(cx: &mut Ctxt, node: &Node) -> Option<Group> {
    let Some(items) = node.as_seq() else {
        cx.error(
            &node.pos,
            format!(
                "`require_one_of` must be a list of argument names, found {}",
                node.kind()
            ),
            Some("write `require_one_of: [domain, id]`".to_owned()),
        );
        return None;
    };
    let names: Vec<Named> = items
        .iter()
        .filter_map(|i| scalar(cx, i, "an argument name").map(|_| named(i)))
        .collect();
    if names.len() < 2 {
        cx.error(
            &node.pos,
            "`require_one_of` needs two or more arguments",
            Some("for one argument, mark it `required: true`".to_owned()),
        );
        return None;
    }
    Some(Group {
        names,
        pos: node.pos.clone(),
    })
}

fn arg_list(cx: &mut Ctxt, node: &Node) -> Vec<Arg> {
    if node.is_null() {
        return Vec::new();
    }
    let Some(entries) = map(cx, node, "`args`") else {
        return Vec::new();
    };
    unique(cx, entries, "argument")
        .into_iter()
        .filter_map(|(k, v)| arg(cx, k, v))
        .collect()
}

const ARG_KEYS: &[&str] = &[
    "type", "required", "default", "doc", "ours", "array", "flatten", "map_of", "seed",
];

fn arg(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<Arg> {
    let mut a = Arg {
        name: named(name),
        kind: ArgKind::Type(named(def)),
        required: false,
        default: None,
        doc: None,
        ours: None,
        seed: Vec::new(),
    };
    if def.as_str().is_some() {
        return Some(a);
    }
    let entries = map(cx, def, "an argument")?;
    let (mut ty, mut array, mut flatten, mut map_of) = (None, None, false, None);
    for (k, v) in unique(cx, entries, "key") {
        match k.as_str().unwrap_or_default() {
            "type" => ty = scalar(cx, v, "`type`").map(|_| named(v)),
            "required" => a.required = boolean(cx, v, "`required`"),
            "default" => a.default = scalar(cx, v, "`default`"),
            "one_of" => cx.error(
                &k.pos,
                "`one_of` is gone: a closed set of values is a named type",
                Some(
                    "declare it once in types.yaml with `rule: {enum: [a, b]}` and use its name as `type`"
                        .to_owned(),
                ),
            ),
            "doc" => a.doc = scalar(cx, v, "`doc`"),
            "ours" => a.ours = scalar(cx, v, "`ours`"),
            "seed" => a.seed = corrections(cx, v),
            "array" => array = Some(arg_list(cx, v)),
            "flatten" => flatten = boolean(cx, v, "`flatten`"),
            "map_of" => map_of = scalar(cx, v, "`map_of`").map(|_| named(v)),
            _ => unknown_key(cx, k, ARG_KEYS),
        }
    }
    a.kind = match (ty, array, map_of) {
        (Some(t), None, None) => ArgKind::Type(t),
        (None, Some(fields), None) => ArgKind::Array { fields, flatten },
        (None, None, Some(t)) => ArgKind::MapOf(t),
        (None, None, None) => {
            cx.error(
                &def.pos,
                format!("argument `{}` has no `type`", a.name.name),
                Some("add `type: <name>` (or `array:` / `map_of:`)".to_owned()),
            );
            return None;
        }
        _ => {
            cx.error(
                &def.pos,
                format!(
                    "argument `{}` has more than one of `type`, `array`, `map_of`",
                    a.name.name
                ),
                None,
            );
            return None;
        }
    };
    if flatten && !matches!(a.kind, ArgKind::Array { .. }) {
        cx.error(&def.pos, "`flatten` is only for `array` arguments", None);
    }
    Some(a)
}
