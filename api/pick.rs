//! Reading a bulk answer builds only what the request asked for: the items under the
//! request's keys (as their JSON text), `_error` and `_error_ops`, and the first few entries under keys it
//! did not send; the rest of those is counted and skipped, so that a hostile answer
//! costs no more memory than its text.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Number, Value};

use crate::shape::Skip;

/// How many entries under keys the request did not send are kept as values.
pub(crate) const KEPT_UNMATCHED: usize = 64;

/// What a bulk answer held.
#[derive(Debug)]
pub(crate) enum Picked {
    /// An object (or an array, keyed by position).
    Items {
        /// Each requested item's JSON text, in request order (decoded later, from its
        /// own text, into the caller's type).
        slots: Vec<Option<Box<RawValue>>>,
        error: Option<Value>,
        ops: Option<Value>,
        /// The first [`KEPT_UNMATCHED`] entries under other keys.
        unmatched: Vec<(String, Value)>,
        /// How many entries were under other keys in all.
        unmatched_total: usize,
    },
    /// A scalar answer.
    Scalar(Value),
}

/// Reads a bulk answer against the request's keys.
pub(crate) struct Pick<'k> {
    /// Each requested key's position.
    pub(crate) index: &'k HashMap<&'k str, usize>,
    /// How many items were requested.
    pub(crate) len: usize,
}

impl<'de> DeserializeSeed<'de> for Pick<'_> {
    type Value = Picked;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Picked, D::Error> {
        d.deserialize_any(self)
    }
}

#[derive(Default)]
struct Others {
    kept: Vec<(String, Value)>,
    total: usize,
}

impl Others {
    /// Whether the next one is kept as a value.
    fn keeps(&self) -> bool {
        self.kept.len() < KEPT_UNMATCHED
    }
}

impl<'de> Visitor<'de> for Pick<'_> {
    type Value = Picked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Picked, E> {
        Ok(Picked::Scalar(Value::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Picked, E> {
        Ok(Picked::Scalar(Value::Null))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Picked, E> {
        Ok(Picked::Scalar(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Picked, E> {
        Ok(Picked::Scalar(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Picked, E> {
        Ok(Picked::Scalar(
            Number::from_f64(v).map_or(Value::Null, Value::Number),
        ))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Picked, E> {
        Ok(Picked::Scalar(Value::String(v.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Picked, A::Error> {
        let n = self.len;
        let mut slots = Vec::with_capacity(n);
        while slots.len() < n {
            match seq.next_element::<Box<RawValue>>()? {
                Some(v) => slots.push(Some(v)),
                None => break,
            }
        }
        slots.resize_with(n, || None);
        let mut others = Others::default();
        loop {
            let position = n + others.total;
            if others.keeps() {
                match seq.next_element::<Value>()? {
                    Some(v) => others.kept.push((position.to_string(), v)),
                    None => break,
                }
            } else if seq.next_element::<Skip>()?.is_none() {
                break;
            }
            others.total += 1;
        }
        Ok(Picked::Items {
            slots,
            error: None,
            ops: None,
            unmatched: others.kept,
            unmatched_total: others.total,
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Picked, A::Error> {
        let mut slots: Vec<Option<Box<RawValue>>> = (0..self.len).map(|_| None).collect();
        let (mut error, mut ops) = (None, None);
        let mut others = Others::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "_error" => error = Some(map.next_value::<Value>()?),
                "_error_ops" => ops = Some(map.next_value::<Value>()?),
                k => match self.index.get(k).and_then(|&i| slots.get_mut(i)) {
                    Some(slot) => *slot = Some(map.next_value::<Box<RawValue>>()?),
                    None => {
                        if others.keeps() {
                            others.kept.push((key, map.next_value::<Value>()?));
                        } else {
                            map.next_value::<Skip>()?;
                        }
                        others.total += 1;
                    }
                },
            }
        }
        Ok(Picked::Items {
            slots,
            error,
            ops,
            unmatched: others.kept,
            unmatched_total: others.total,
        })
    }
}
