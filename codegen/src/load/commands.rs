//! Commands, their arguments, argument groups, examples and `seed:` corrections as the
//! command files write them.

use crate::diag::Ctxt;
use crate::model::*;
use crate::yaml::{Node, Value};

use super::answers::returns;
use super::format;
use super::nodes::{boolean, corrections, map, named, scalar, unique, unknown_key};

pub(super) fn command_def(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<CommandDef> {
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
            _ => unknown_key(cx, k, format::COMMAND_KEYS),
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
pub(super) fn example_json(cx: &mut Ctxt, node: &Node) -> Option<String> {
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

/// `require_one_of: [domain, id]`: two or more argument names.
pub(super) fn group(cx: &mut Ctxt, node: &Node) -> Option<Group> {
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

pub(super) fn arg_list(cx: &mut Ctxt, node: &Node) -> Vec<Arg> {
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

pub(super) fn arg(cx: &mut Ctxt, name: &Node, def: &Node) -> Option<Arg> {
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
            _ => unknown_key(cx, k, format::ARG_KEYS),
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
