//! One argument's text from its JSON value, as the argument reader (`args.rs`) takes it:
//! blank is "not given", lists come comma-joined, as arrays or as PHP-numbered objects,
//! scalars of any JSON kind become their text.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::InvalidValue;
use crate::wire::FromArg;

pub(crate) fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// What the form holds for one argument.
pub(crate) enum Given<'a> {
    /// Not there, or `null`.
    Absent,
    /// There but blank: empty or only whitespace, an empty list.
    Blank,
    /// The value's text; a list's items joined by its separator.
    Text(Cow<'a, str>),
}

impl<'a> Given<'a> {
    pub(crate) fn of(text: Cow<'a, str>) -> Self {
        if is_blank(&text) {
            Self::Blank
        } else {
            Self::Text(text)
        }
    }
}

/// Blank text: empty or only whitespace. It is what a form sends for a field left empty,
/// and it is what `Wire::is_blank` calls blank for text types.
pub(crate) fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Why a JSON value is not an argument's text.
pub(crate) enum TextError {
    /// The wrong shape: what was found, in words.
    Shape(&'static str),
    /// A list item that cannot be joined.
    Invalid(InvalidValue),
}

/// An argument's text from its JSON value. A list type takes a value (comma-joined
/// text), a JSON array, or an object keyed by numbers (PHP's `domains[0]=a&domains[1]=b`,
/// as `form::to_tree` builds it), taken in the order of the numbers; blank items of an
/// array are fields left empty and are skipped. Other types take a single value only.
pub(crate) fn arg_text<T: FromArg>(v: &Value) -> Result<Given<'_>, TextError> {
    let items: Vec<&Value> = match v {
        Value::String(s) => return Ok(Given::of(Cow::Borrowed(s))),
        Value::Number(n) => return Ok(Given::of(Cow::Owned(n.to_string()))),
        Value::Bool(b) => return Ok(Given::Text(Cow::Borrowed(if *b { "1" } else { "0" }))),
        Value::Null => return Ok(Given::Absent),
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match numbered(map) {
            Some(items) => items,
            None => return Err(TextError::Shape("an object")),
        },
    };
    let Some(sep) = T::SEP else {
        return Err(TextError::Shape("an array"));
    };
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if item.is_null() {
            continue;
        }
        let text = scalar_text(item).map_err(TextError::Shape)?;
        if is_blank(&text) {
            continue;
        }
        if text.contains(sep) {
            // Joined, the item would become several: the wire form cannot carry it.
            // A list type refuses a lone separator (two empty items) with its rule.
            let rule = rule_of::<T>(&sep.to_string());
            let reason = format!("item {} contains the separator {sep:?}", i + 1);
            let value = (!T::SECRET).then_some(text.as_ref());
            return Err(TextError::Invalid(InvalidValue::new(
                T::TYPE,
                rule,
                reason,
                value,
            )));
        }
        if !out.is_empty() {
            out.push(sep);
        }
        out.push_str(&text);
    }
    Ok(Given::of(Cow::Owned(out)))
}

/// The rule of type `T` in words, from its refusal of `probe`, a value it never takes:
/// a refusal carries the rule, and the registry, which has it too, is only in the
/// `dynamic` layer.
pub(crate) fn rule_of<T: std::str::FromStr<Err = InvalidValue>>(probe: &str) -> &'static str {
    probe.parse::<T>().err().map_or("", |e| e.rule())
}

/// The values of an object whose keys are all numbers (a PHP array), in the order of the
/// numbers; `None` when a key is not a number.
pub(crate) fn numbered(map: &Map<String, Value>) -> Option<Vec<&Value>> {
    let mut items = Vec::with_capacity(map.len());
    for (k, v) in map {
        if !is_number(k) {
            return None;
        }
        // Numeric order without parsing, so that no key is too large: fewer significant
        // digits first, then the digits.
        let digits = k.trim_start_matches('0');
        items.push(((digits.len(), digits), v));
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Some(items.into_iter().map(|(_, v)| v).collect())
}

/// A JSON scalar as text.
pub(crate) fn scalar_text(v: &Value) -> Result<Cow<'_, str>, &'static str> {
    match v {
        Value::String(s) => Ok(Cow::Borrowed(s)),
        Value::Number(n) => Ok(Cow::Owned(n.to_string())),
        Value::Bool(b) => Ok(Cow::Borrowed(if *b { "1" } else { "0" })),
        other => Err(kind(other)),
    }
}

/// What kind of JSON value this is, in words (the argument reader's messages).
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
