//! The answer rules of the API: what counts as success, for a whole answer and for each
//! item of a bulk answer alike, and a single command's successful answer. How a bulk
//! answer is split into one result per item is in `bulk.rs`; what a call returns, and
//! its conversion into typed answers, in `reply.rs`.

use std::sync::OnceLock;

use serde_json::Value;

use crate::error::ApiError;
use crate::kind::AnswerKind;
use crate::shape::Shape;

mod bulk;
mod reply;

pub(crate) use bulk::decode_bulk;
pub use bulk::{BulkAnswer, ItemResult, RawItem};
pub use reply::{FromReply, Reply};

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
    match kind {
        AnswerKind::Bulk => value_of_bulk(status, body.to_vec()),
        _ => decode(status, body.to_vec(), kind).map(ValueAnswer::into_value),
    }
}

/// A single command's answer, decided without building it: the body becomes the text
/// (no copy), read once for its shape; the value is built when first asked for.
pub(crate) fn decode(status: u16, body: Vec<u8>, kind: AnswerKind) -> Result<ValueAnswer, Refusal> {
    let text = text_of(status, body)?;
    let shape: Shape = serde_json::from_str(&text).map_err(|e| unreadable(&text, e))?;
    verdict(shape, kind).map_err(Refusal::Api)?;
    Ok(ValueAnswer {
        text,
        value: OnceLock::new(),
    })
}

/// A bulk answer as one value, for [`classify`]: a top-level `_error` beside the items is
/// left to the split.
fn value_of_bulk(status: u16, body: Vec<u8>) -> Result<Value, Refusal> {
    let text = text_of(status, body)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| unreadable(&text, e))?;
    if !value.is_object() {
        verdict(Shape::of(&value), AnswerKind::Bulk).map_err(Refusal::Api)?;
    }
    Ok(value)
}

/// The body as text: a success status, UTF-8, not blank; a BOM and the white space
/// around the JSON removed in place.
fn text_of(status: u16, body: Vec<u8>) -> Result<String, Refusal> {
    if !(200..300).contains(&status) {
        return Err(Refusal::Status(status));
    }
    let mut text = String::from_utf8(body)
        .map_err(|_| Refusal::Unreadable("the answer is not UTF-8 text".to_owned()))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.len() != text.len() {
        let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + trimmed.len();
        text.truncate(end);
        text.drain(..start);
    }
    if text.is_empty() {
        return Err(Refusal::Unreadable("the answer is blank".to_owned()));
    }
    Ok(text)
}

fn unreadable(text: &str, e: serde_json::Error) -> Refusal {
    Refusal::Unreadable(if text.starts_with('<') {
        format!("the answer is HTML, not JSON ({e})")
    } else {
        format!("the answer is not valid JSON: {e}")
    })
}

/// The answer rules: the same for a whole answer and for a bulk item.
fn verdict(shape: Shape, kind: AnswerKind) -> Result<(), ApiError> {
    match shape {
        Shape::Bool(true) | Shape::Array => Ok(()),
        Shape::Object { error: None, .. } => Ok(()),
        Shape::Object {
            error: Some(e),
            ops,
        } => Err(api_error(e, ops)),
        Shape::Number(_) if kind == AnswerKind::Search => Ok(()),
        Shape::Bool(false) => Err(ApiError::new("the API answered false", None)),
        Shape::Null => Err(ApiError::new("the API answered null", None)),
        Shape::Number(n) => Err(ApiError::new(
            format!("the API answered a bare number: {n}"),
            None,
        )),
        Shape::String(s) => Err(ApiError::new(
            format!("the API answered a bare string: {s:?}"),
            None,
        )),
    }
}

/// A bulk item under the answer rules, read from its text.
fn rule(raw: RawItem) -> Result<RawItem, ApiError> {
    let shape: Shape = serde_json::from_str(raw.get())
        .map_err(|e| ApiError::new(format!("the item's answer is not valid JSON: {e}"), None))?;
    verdict(shape, AnswerKind::Value).map(|()| raw)
}

/// An `_error` value as an error; a blank one still says something.
fn api_error(e: Value, ops: Option<Value>) -> ApiError {
    let message = match e {
        Value::String(s) if s.trim().is_empty() => "the API answered an empty error".to_owned(),
        Value::String(s) => s,
        Value::Null => "the API answered an empty error".to_owned(),
        other => other.to_string(),
    };
    ApiError::new(message, ops)
}

/// A single command's successful answer: its exact text, and its value, built from the
/// text when first asked for (printing the text never builds it).
#[derive(Clone, Debug)]
pub struct ValueAnswer {
    text: String,
    value: OnceLock<Value>,
}

impl ValueAnswer {
    /// The answer.
    pub fn value(&self) -> &Value {
        self.value.get_or_init(|| parse(&self.text))
    }

    /// The answer, owned.
    pub fn into_value(self) -> Value {
        let Self { text, mut value } = self;
        value.take().unwrap_or_else(|| parse(&text))
    }

    /// The answer's exact JSON text (without a byte-order mark or surrounding white
    /// space): numbers as the API wrote them.
    pub fn raw_text(&self) -> &str {
        &self.text
    }
}

impl PartialEq for ValueAnswer {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// Parses text that was read as JSON once already, so it cannot fail.
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}
