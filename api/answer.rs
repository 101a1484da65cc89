//! The answer rules of the API: what counts as success, and how a bulk answer is split into
//! one result per item, none dropped.

use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::info::AnswerKind;

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
/// `_error`, is success (and, for searches, a bare number); anything else is an error.
pub fn classify(status: u16, body: &[u8], kind: AnswerKind) -> Result<Value, Refusal> {
    if !(200..300).contains(&status) {
        return Err(Refusal::Status(status));
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(_) => {
            return Err(Refusal::Unreadable(
                "the answer is not UTF-8 text".to_owned(),
            ));
        }
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Refusal::Unreadable("the answer is blank".to_owned()));
    }
    let value: Value = match serde_json::from_str(trimmed) {
        Ok(v) => v,
        Err(e) if trimmed.starts_with('<') => {
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
    match value {
        Value::Bool(true) | Value::Array(_) => Ok(value),
        // A bulk answer's top-level `_error` comes with the items' own results; splitting
        // decides whether any item was answered.
        Value::Object(_) if kind == AnswerKind::Bulk => Ok(value),
        Value::Object(ref map) => match item_error(map) {
            Some(e) => Err(Refusal::Api(e)),
            None => Ok(value),
        },
        Value::Number(_) if kind == AnswerKind::Search => Ok(value),
        Value::Bool(false) => Err(Refusal::Api(ApiError::new("the API answered false", None))),
        Value::Null => Err(Refusal::Api(ApiError::new("the API answered null", None))),
        Value::Number(n) => Err(Refusal::Api(ApiError::new(
            format!("the API answered a bare number: {n}"),
            None,
        ))),
        Value::String(s) => Err(Refusal::Api(ApiError::new(
            format!("the API answered a bare string: {s:?}"),
            None,
        ))),
    }
}

/// The `_error` of an object, if it has one.
pub fn item_error(map: &Map<String, Value>) -> Option<ApiError> {
    let e = map.get("_error")?;
    let message = match e {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Some(ApiError::new(message, map.get("_error_ops").cloned()))
}

/// One item's result in a bulk answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    /// The item's key, as sent (its index, or its key argument's value).
    pub key: String,
    /// Its own answer, or its own error.
    pub result: Result<Value, ApiError>,
}

/// A bulk command's answer: every item's own result, in request order.
#[derive(Clone, Debug, PartialEq)]
pub struct BulkAnswer {
    items: Vec<ItemResult>,
    error: Option<ApiError>,
    unmatched: Vec<(String, Value)>,
    raw: Value,
}

impl BulkAnswer {
    /// Splits `value` (already classified; may carry a top-level `_error`) by the request's
    /// item keys. An item the answer does not mention gets an error of its own.
    pub fn split(value: Value, keys: &[String]) -> Result<Self, ApiError> {
        let mut items = Vec::with_capacity(keys.len());
        let mut error = None;
        let mut unmatched = Vec::new();
        match &value {
            Value::Object(map) => {
                error = item_error(map);
                let found = keys.iter().filter(|k| map.contains_key(k.as_str())).count();
                if let (Some(e), 0) = (&error, found) {
                    return Err(e.clone());
                }
                for key in keys {
                    items.push(item_result(key, map.get(key.as_str())));
                }
                for (k, v) in map {
                    if !keys.iter().any(|key| key == k) && k != "_error" && k != "_error_ops" {
                        unmatched.push((k.clone(), v.clone()));
                    }
                }
            }
            Value::Array(values) => {
                for (i, key) in keys.iter().enumerate() {
                    items.push(item_result(key, values.get(i)));
                }
                for (i, v) in values.iter().enumerate().skip(keys.len()) {
                    unmatched.push((i.to_string(), v.clone()));
                }
            }
            Value::Bool(true) => items.extend(keys.iter().map(|k| ItemResult {
                key: k.clone(),
                result: Ok(Value::Bool(true)),
            })),
            other => {
                return Err(ApiError::new(
                    format!(
                        "the API answered a bulk command with {}",
                        crate::rt::kind(other)
                    ),
                    None,
                ));
            }
        }
        Ok(Self {
            items,
            error,
            unmatched,
            raw: value,
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

    /// True when every item succeeded and there is no top-level error.
    pub fn is_ok(&self) -> bool {
        self.error.is_none() && self.items.iter().all(|i| i.result.is_ok())
    }

    /// The items that failed.
    pub fn failed(&self) -> impl Iterator<Item = &ItemResult> {
        self.items.iter().filter(|i| i.result.is_err())
    }

    /// The top-level `_error`, which the API adds when any item fails.
    pub fn error(&self) -> Option<&ApiError> {
        self.error.as_ref()
    }

    /// Entries of the answer under keys the request did not send.
    pub fn unmatched(&self) -> &[(String, Value)] {
        &self.unmatched
    }

    /// The answer as the API sent it.
    pub fn raw(&self) -> &Value {
        &self.raw
    }
}

/// One item's result: its own `_error`, its answer, or the lack of one.
fn item_result(key: &str, answer: Option<&Value>) -> ItemResult {
    let result = match answer {
        Some(Value::Object(m)) => match item_error(m) {
            Some(e) => Err(e),
            None => Ok(Value::Object(m.clone())),
        },
        Some(v) => Ok(v.clone()),
        None => Err(ApiError::new(
            "the answer has no result for this item",
            None,
        )),
    };
    ItemResult {
        key: key.to_owned(),
        result,
    }
}

/// A decoded answer of any command.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// A single command's answer.
    Value(Value),
    /// A bulk command's answer.
    Bulk(BulkAnswer),
}

impl Reply {
    /// The answer as the API sent it.
    pub fn raw(&self) -> &Value {
        match self {
            Reply::Value(v) => v,
            Reply::Bulk(b) => b.raw(),
        }
    }

    /// True unless an item of a bulk answer failed.
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
            Reply::Value(v) => v,
            Reply::Bulk(b) => b.raw,
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
                raw: v,
            },
        }
    }
}

impl FromReply for Reply {
    fn from_reply(reply: Reply) -> Self {
        reply
    }
}
