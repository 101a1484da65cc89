//! The answer rules of the API: what counts as success, for a whole answer and for each
//! item of a bulk answer alike, and how a bulk answer is split into one result per item,
//! none dropped, none renamed.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::de::{DeserializeOwned, DeserializeSeed};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::decode::{Answer, Rows};
use crate::error::{ApiError, Error};
use crate::item::ItemError;
use crate::kind::{AnswerKind, Effect};
use crate::pick::{Pick, Picked};
use crate::shape::Shape;

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

/// A bulk command's answer: the body becomes the text (no copy), read once against the
/// request's keys.
pub(crate) fn decode_bulk(
    status: u16,
    body: Vec<u8>,
    keys: &[String],
    effect: Effect,
) -> Result<BulkAnswer, Refusal> {
    BulkAnswer::from_text(text_of(status, body)?, keys, effect)
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

/// The JSON text of one bulk item, as the API wrote it.
pub type RawItem = Box<RawValue>;

/// One item's result in a bulk answer.
#[derive(Clone, Debug)]
pub struct ItemResult<T = RawItem> {
    /// The item's key, as sent (its index, or the key the caller gave it).
    pub key: String,
    /// Its own answer, or why there is none.
    pub result: Result<T, ItemError>,
}

/// A bulk command's answer: every item's own result, in request order, and whatever the
/// answer held that the request did not ask for. `T` is each item's answer: the typed
/// shape of the item's command, or [`RawItem`] (its JSON text) in a [`Reply`].
#[derive(Clone, Debug)]
pub struct BulkAnswer<T = RawItem> {
    items: Vec<ItemResult<T>>,
    error: Option<ApiError>,
    unmatched: Vec<(String, Value)>,
    unmatched_total: usize,
    text: String,
    raw: OnceLock<Value>,
}

impl BulkAnswer {
    /// Splits `value` (already classified; may carry a top-level `_error`) by the request's
    /// item keys. An item the answer does not mention is [`ItemError::NoResult`]: for a
    /// changing command (`effect`), its outcome is unknown.
    pub fn split(value: Value, keys: &[String], effect: Effect) -> Result<Self, ApiError> {
        Self::from_text(value.to_string(), keys, effect).map_err(|r| match r {
            Refusal::Api(e) => e,
            Refusal::Unreadable(m) => ApiError::new(m, None),
            Refusal::Status(s) => ApiError::new(format!("the server answered HTTP {s}"), None),
        })
    }

    /// Reads an answer's text against the request's keys, building only the items asked
    /// for (and a few entries under other keys, to report).
    pub(crate) fn from_text(
        text: String,
        keys: &[String],
        effect: Effect,
    ) -> Result<Self, Refusal> {
        let changes = effect == Effect::Change;
        let index: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut de = serde_json::Deserializer::from_str(&text);
        let picked = Pick {
            index: &index,
            len: keys.len(),
        }
        .deserialize(&mut de)
        .and_then(|p| de.end().map(|()| p))
        .map_err(|e| unreadable(&text, e))?;
        let (slots, error, unmatched, unmatched_total) = match picked {
            Picked::Items {
                slots,
                error,
                ops,
                unmatched,
                unmatched_total,
            } => {
                let error = error.map(|e| api_error(e, ops));
                if let Some(e) = &error {
                    if slots.iter().all(Option::is_none) && unmatched_total == 0 {
                        return Err(Refusal::Api(e.clone()));
                    }
                }
                (slots, error, unmatched, unmatched_total)
            }
            Picked::Scalar(Value::Bool(true)) => (
                vec![RawValue::from_string("true".to_owned()).ok(); keys.len()],
                None,
                Vec::new(),
                0,
            ),
            Picked::Scalar(v) => {
                let e = verdict(Shape::of(&v), AnswerKind::Bulk)
                    .err()
                    .unwrap_or_else(|| {
                        ApiError::new(
                            format!(
                                "the API answered a bulk command with {}",
                                Shape::of(&v).name()
                            ),
                            None,
                        )
                    });
                return Err(Refusal::Api(e));
            }
        };
        let items = keys
            .iter()
            .zip(slots)
            .map(|(key, slot)| ItemResult {
                key: key.clone(),
                result: match slot {
                    Some(v) => rule(v).map_err(ItemError::Api),
                    None => Err(ItemError::NoResult { changes }),
                },
            })
            .collect();
        Ok(Self {
            items,
            error,
            unmatched,
            unmatched_total,
            text,
            raw: OnceLock::new(),
        })
    }

    /// Decodes every item that succeeded into `T` from its own text; an item that does
    /// not fit becomes [`ItemError::Decode`] (it succeeded: its answer was not read).
    pub fn decode<T: DeserializeOwned>(self) -> BulkAnswer<T> {
        let items = self
            .items
            .into_iter()
            .map(|i| ItemResult {
                key: i.key,
                result: i
                    .result
                    .and_then(|raw| crate::decode::from_text(raw.get()).map_err(ItemError::Decode)),
            })
            .collect();
        BulkAnswer {
            items,
            error: self.error,
            unmatched: self.unmatched,
            unmatched_total: self.unmatched_total,
            text: self.text,
            raw: self.raw,
        }
    }
}

impl<T> BulkAnswer<T> {
    /// Every item's result, in request order.
    pub fn items(&self) -> &[ItemResult<T>] {
        &self.items
    }

    /// The items, owned.
    pub fn into_items(self) -> Vec<ItemResult<T>> {
        self.items
    }

    /// True when every item succeeded, there is no top-level error and the answer holds
    /// nothing under keys the request did not send.
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
            && self.unmatched_total == 0
            && self.items.iter().all(|i| i.result.is_ok())
    }

    /// The items that failed.
    pub fn failed(&self) -> impl Iterator<Item = &ItemResult<T>> {
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
    /// elements under their index), in the answer's order: the first 64 of them (see
    /// [`BulkAnswer::unmatched_total`]). Any makes the answer not ok: the API answered
    /// something that was not asked.
    pub fn unmatched(&self) -> &[(String, Value)] {
        &self.unmatched
    }

    /// How many entries the answer held under keys the request did not send, including
    /// those past the ones [`BulkAnswer::unmatched`] keeps.
    pub fn unmatched_total(&self) -> usize {
        self.unmatched_total
    }

    /// The answer as the API sent it, parsed again from [`BulkAnswer::raw_text`] on first
    /// use (the items own their parts of the first parse).
    pub fn raw(&self) -> &Value {
        self.raw.get_or_init(|| parse(&self.text))
    }

    /// The answer's exact JSON text (without a byte-order mark or surrounding white
    /// space): numbers as the API wrote them, ids above 64 bits and `990.00` included.
    pub fn raw_text(&self) -> &str {
        &self.text
    }
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

/// An answer type a command can return: how a success becomes it. A success that does
/// not fit is an [`Error`] of kind [`ErrorKind::Decode`](crate::ErrorKind::Decode), never
/// a failed call.
pub trait FromReply: Sized {
    /// Converts the decoded answer.
    fn from_reply(reply: Reply) -> Result<Self, Error>;
}

impl FromReply for Value {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        Ok(match reply {
            Reply::Value(v) => v.into_value(),
            Reply::Bulk(mut b) => b.raw.take().unwrap_or_else(|| parse(&b.text)),
        })
    }
}

impl<T: DeserializeOwned> FromReply for BulkAnswer<T> {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        Ok(match reply {
            Reply::Bulk(b) => b.decode(),
            Reply::Value(v) => BulkAnswer {
                items: Vec::new(),
                error: None,
                unmatched: Vec::new(),
                unmatched_total: 0,
                text: v.text,
                raw: v.value,
            },
        })
    }
}

impl FromReply for Reply {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        Ok(reply)
    }
}

impl<T: Answer> FromReply for T {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        crate::decode::from_text(reply.raw_text()).map_err(Error::decode)
    }
}

/// Rows: an array of them, or an object of them keyed by id.
impl<T: Answer> FromReply for Vec<T> {
    fn from_reply(reply: Reply) -> Result<Self, Error> {
        crate::decode::from_text::<Rows<T>>(reply.raw_text())
            .map(|r| r.0)
            .map_err(Error::decode)
    }
}
