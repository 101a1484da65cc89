//! The answer rules of the API: what counts as success, for a whole answer and for each
//! item of a bulk answer alike, and how a bulk answer is split into one result per item,
//! none dropped, none renamed.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::info::{AnswerKind, Effect};
use crate::item::ItemError;

/// Why an answer is not a success.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// An HTTP error status.
    Status(u16),
    /// Not JSON: blank, HTML, truncated or otherwise invalid.
    Unreadable(String),
    /// Valid JSON that says no: `_error`, `false`, `null`, a bare scalar.
    Api(ApiError),
}

/// Classifies an answer as the seed says: the scalar `true`, or an object or array without
/// `_error`, is success (and, for searches, a bare number); anything else is an error. A
/// byte-order mark before the JSON is ignored.
pub fn classify(status: u16, body: &[u8], kind: AnswerKind) -> Result<Value, Refusal> {
    decode(status, body.to_vec(), kind).map(|(_, v)| v)
}

/// [`classify`] without copies: the body becomes the answer's text (a BOM and surrounding
/// white space removed in place), parsed once.
pub(crate) fn decode(
    status: u16,
    body: Vec<u8>,
    kind: AnswerKind,
) -> Result<(String, Value), Refusal> {
    if !(200..300).contains(&status) {
        return Err(Refusal::Status(status));
    }
    let mut text = String::from_utf8(body)
        .map_err(|_| Refusal::Unreadable("the answer is not UTF-8 text".to_owned()))?;
    trim_in_place(&mut text);
    if text.is_empty() {
        return Err(Refusal::Unreadable("the answer is blank".to_owned()));
    }
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) if text.starts_with('<') => {
            return Err(Refusal::Unreadable(format!(
                "the answer is HTML, not JSON ({e})"
            )));
        }
        Err(e) => {
            return Err(Refusal::Unreadable(format!(
                "the answer is not valid JSON: {e}"
            )));
        }
    };
    // A bulk answer's top-level `_error` comes with the items' own results; splitting
    // decides whether any item was answered.
    if kind == AnswerKind::Bulk && value.is_object() {
        return Ok((text, value));
    }
    rule(value, kind).map(|v| (text, v)).map_err(Refusal::Api)
}

/// Removes a byte-order mark and the white space around the JSON without a new buffer.
fn trim_in_place(text: &mut String) {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.len() != text.len() {
        let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + trimmed.len();
        text.truncate(end);
        text.drain(..start);
    }
}

/// The answer rules on a JSON value: the same for a whole answer and for a bulk item.
fn rule(value: Value, kind: AnswerKind) -> Result<Value, ApiError> {
    match value {
        Value::Bool(true) | Value::Array(_) => Ok(value),
        Value::Object(ref map) => match item_error(map) {
            Some(e) => Err(e),
            None => Ok(value),
        },
        Value::Number(_) if kind == AnswerKind::Search => Ok(value),
        Value::Bool(false) => Err(ApiError::new("the API answered false", None)),
        Value::Null => Err(ApiError::new("the API answered null", None)),
        Value::Number(n) => Err(ApiError::new(
            format!("the API answered a bare number: {n}"),
            None,
        )),
        Value::String(s) => Err(ApiError::new(
            format!("the API answered a bare string: {s:?}"),
            None,
        )),
    }
}

/// The `_error` of an object, if it has one; a blank one still says something.
pub(crate) fn item_error(map: &Map<String, Value>) -> Option<ApiError> {
    let e = map.get("_error")?;
    let message = match e {
        Value::String(s) if s.trim().is_empty() => "the API answered an empty error".to_owned(),
        Value::String(s) => s.clone(),
        Value::Null => "the API answered an empty error".to_owned(),
        other => other.to_string(),
    };
    Some(ApiError::new(message, map.get("_error_ops").cloned()))
}

/// One item's result in a bulk answer.
#[derive(Clone, Debug)]
pub struct ItemResult {
    /// The item's key, as sent (its index, or the key the caller gave it).
    pub key: String,
    /// Its own answer, or why there is none.
    pub result: Result<Value, ItemError>,
}

/// A bulk command's answer: every item's own result, in request order, and whatever the
/// answer held that the request did not ask for.
#[derive(Clone, Debug)]
pub struct BulkAnswer {
    items: Vec<ItemResult>,
    error: Option<ApiError>,
    unmatched: Vec<(String, Value)>,
    text: String,
    raw: OnceLock<Value>,
}

impl BulkAnswer {
    /// Splits `value` (already classified; may carry a top-level `_error`) by the request's
    /// item keys. An item the answer does not mention is [`ItemError::NoResult`]: for a
    /// changing command (`effect`), its outcome is unknown.
    pub fn split(value: Value, keys: &[String], effect: Effect) -> Result<Self, ApiError> {
        let text = value.to_string();
        Self::from_parts(text, value, keys, effect)
    }

    /// Splits a decoded answer, moving each item's value out of it.
    pub(crate) fn from_parts(
        text: String,
        value: Value,
        keys: &[String],
        effect: Effect,
    ) -> Result<Self, ApiError> {
        let changes = effect == Effect::Change;
        let mut slots: Vec<Option<Value>> = keys.iter().map(|_| None).collect();
        let mut error = None;
        let mut unmatched = Vec::new();
        match value {
            Value::Object(mut map) => {
                error = item_error(&map);
                map.remove("_error");
                map.remove("_error_ops");
                let index: HashMap<&str, usize> = keys
                    .iter()
                    .enumerate()
                    .map(|(i, k)| (k.as_str(), i))
                    .collect();
                for (k, v) in map {
                    match index.get(k.as_str()).and_then(|&i| slots.get_mut(i)) {
                        Some(slot) => *slot = Some(v),
                        None => unmatched.push((k, v)),
                    }
                }
                if let Some(e) = &error {
                    if slots.iter().all(Option::is_none) && unmatched.is_empty() {
                        return Err(e.clone());
                    }
                }
            }
            Value::Array(values) => {
                let mut values = values.into_iter();
                for (slot, v) in slots.iter_mut().zip(values.by_ref()) {
                    *slot = Some(v);
                }
                unmatched.extend(
                    values
                        .enumerate()
                        .map(|(i, v)| ((keys.len() + i).to_string(), v)),
                );
            }
            Value::Bool(true) => slots.iter_mut().for_each(|s| *s = Some(Value::Bool(true))),
            other => {
                return Err(ApiError::new(
                    format!(
                        "the API answered a bulk command with {}",
                        crate::rt::kind(&other)
                    ),
                    None,
                ));
            }
        }
        let items = keys
            .iter()
            .zip(slots)
            .map(|(key, slot)| ItemResult {
                key: key.clone(),
                result: match slot {
                    Some(v) => rule(v, AnswerKind::Value).map_err(ItemError::Api),
                    None => Err(ItemError::NoResult { changes }),
                },
            })
            .collect();
        Ok(Self {
            items,
            error,
            unmatched,
            text,
            raw: OnceLock::new(),
        })
    }

    /// Every item's result, in request order.
    pub fn items(&self) -> &[ItemResult] {
        &self.items
    }

    /// The items, owned.
    pub fn into_items(self) -> Vec<ItemResult> {
        self.items
    }

    /// True when every item succeeded, there is no top-level error and the answer holds
    /// nothing under keys the request did not send.
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
            && self.unmatched.is_empty()
            && self.items.iter().all(|i| i.result.is_ok())
    }

    /// The items that failed.
    pub fn failed(&self) -> impl Iterator<Item = &ItemResult> {
        self.items.iter().filter(|i| i.result.is_err())
    }

    /// True when an item may have been carried out without an answer saying so.
    pub fn is_outcome_unknown(&self) -> bool {
        self.failed()
            .any(|i| i.result.as_ref().is_err_and(ItemError::is_outcome_unknown))
    }

    /// The top-level `_error`, which the API adds when any item fails.
    pub fn error(&self) -> Option<&ApiError> {
        self.error.as_ref()
    }

    /// Entries of the answer under keys the request did not send (an array answer's extra
    /// elements under their index), in the answer's order. Any makes the answer not ok:
    /// the API answered something that was not asked.
    pub fn unmatched(&self) -> &[(String, Value)] {
        &self.unmatched
    }

    /// The answer as the API sent it, parsed again from [`BulkAnswer::raw_text`] on first
    /// use (the items own their parts of the first parse).
    pub fn raw(&self) -> &Value {
        self.raw
            .get_or_init(|| serde_json::from_str(&self.text).unwrap_or(Value::Null))
    }

    /// The answer's exact JSON text (without a byte-order mark or surrounding white
    /// space): numbers as the API wrote them, ids above 64 bits and `990.00` included.
    pub fn raw_text(&self) -> &str {
        &self.text
    }
}

/// A single command's successful answer: its value and its exact text.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueAnswer {
    value: Value,
    text: String,
}

impl ValueAnswer {
    pub(crate) fn new(text: String, value: Value) -> Self {
        Self { value, text }
    }

    /// The answer.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The answer, owned.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// The answer's exact JSON text (without a byte-order mark or surrounding white
    /// space): numbers as the API wrote them.
    pub fn raw_text(&self) -> &str {
        &self.text
    }
}

/// A decoded answer of any command.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A single command's answer.
    Value(ValueAnswer),
    /// A bulk command's answer.
    Bulk(BulkAnswer),
}

impl Reply {
    /// The answer as the API sent it.
    pub fn raw(&self) -> &Value {
        match self {
            Reply::Value(v) => v.value(),
            Reply::Bulk(b) => b.raw(),
        }
    }

    /// The answer's exact JSON text: print this to keep numbers as the API wrote them.
    pub fn raw_text(&self) -> &str {
        match self {
            Reply::Value(v) => v.raw_text(),
            Reply::Bulk(b) => b.raw_text(),
        }
    }

    /// True unless a bulk answer is not ok ([`BulkAnswer::is_ok`]).
    pub fn is_ok(&self) -> bool {
        match self {
            Reply::Value(_) => true,
            Reply::Bulk(b) => b.is_ok(),
        }
    }
}

/// An answer type a command can return.
pub trait FromReply: Sized {
    /// Converts the decoded answer.
    fn from_reply(reply: Reply) -> Self;
}

impl FromReply for Value {
    fn from_reply(reply: Reply) -> Self {
        match reply {
            Reply::Value(v) => v.value,
            Reply::Bulk(mut b) => b
                .raw
                .take()
                .unwrap_or_else(|| serde_json::from_str(&b.text).unwrap_or(Value::Null)),
        }
    }
}

impl FromReply for BulkAnswer {
    fn from_reply(reply: Reply) -> Self {
        match reply {
            Reply::Bulk(b) => b,
            Reply::Value(v) => BulkAnswer {
                items: Vec::new(),
                error: None,
                unmatched: Vec::new(),
                text: v.text,
                raw: OnceLock::from(v.value),
            },
        }
    }
}

impl FromReply for Reply {
    fn from_reply(reply: Reply) -> Self {
        reply
    }
}
