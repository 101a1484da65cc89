//! A bulk command's answer split into one result per item, in request order: none
//! dropped, none renamed, each item judged by the same rules as a whole answer.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::de::{DeserializeOwned, DeserializeSeed};
use serde_json::Value;
use serde_json::value::RawValue;

use super::{Refusal, api_error, parse, rule, text_of, unreadable, verdict};
use crate::error::ApiError;
use crate::item::ItemError;
use crate::kind::{AnswerKind, Effect};
use crate::pick::{Pick, Picked};
use crate::shape::Shape;

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
/// shape of the item's command, or [`RawItem`] (its JSON text) in a [`Reply`](super::Reply).
#[derive(Clone, Debug)]
pub struct BulkAnswer<T = RawItem> {
    pub(super) items: Vec<ItemResult<T>>,
    pub(super) error: Option<ApiError>,
    pub(super) unmatched: Vec<(String, Value)>,
    pub(super) unmatched_total: usize,
    pub(super) text: String,
    pub(super) raw: OnceLock<Value>,
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
