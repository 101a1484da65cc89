//! The shape of an answer without building it: a one-pass read of the JSON text that
//! keeps only what the answer rules look at (the top-level kind, `_error`, `_error_ops`,
//! a bare scalar), so that deciding success costs no more memory than the text.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

/// What the answer rules see of a JSON value.
#[derive(Debug)]
pub(crate) enum Shape {
    Bool(bool),
    Null,
    Number(Number),
    String(String),
    Array,
    Object {
        /// The `_error` value, when the key is there.
        error: Option<Value>,
        ops: Option<Value>,
    },
}

impl Shape {
    /// The shape of a value already parsed (a bulk item).
    pub(crate) fn of(value: &Value) -> Shape {
        match value {
            Value::Bool(b) => Shape::Bool(*b),
            Value::Null => Shape::Null,
            Value::Number(n) => Shape::Number(n.clone()),
            Value::String(s) => Shape::String(s.clone()),
            Value::Array(_) => Shape::Array,
            Value::Object(m) => Shape::Object {
                error: m.get("_error").cloned(),
                ops: m.get("_error_ops").cloned(),
            },
        }
    }

    /// What kind of JSON value this is, for a message ("a number"); never the value.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Shape::Bool(_) => "a boolean",
            Shape::Null => "null",
            Shape::Number(_) => "a number",
            Shape::String(_) => "text",
            Shape::Array => "an array",
            Shape::Object { .. } => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Shape, E> {
        Ok(Shape::Bool(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::Null)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Shape, E> {
        Ok(Shape::Number(v.into()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Shape, E> {
        Ok(Shape::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Shape, E> {
        // serde_json gives only finite floats.
        Ok(Number::from_f64(v).map_or(Shape::Null, Shape::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Shape, E> {
        Ok(Shape::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Shape, E> {
        Ok(Shape::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Shape::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let (mut error, mut ops) = (None, None);
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Error => error = Some(map.next_value::<Value>()?),
                Key::Ops => ops = Some(map.next_value::<Value>()?),
                Key::Other => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(Shape::Object { error, ops })
    }
}

/// An object's key, as far as the rules care.
enum Key {
    Error,
    Ops,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match v {
                    "_error" => Key::Error,
                    "_error_ops" => Key::Ops,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// A value read and dropped. Unlike `IgnoredAny`, which serde_json skips without a depth
/// limit, it goes through `deserialize_any`, so that the shape read refuses exactly the
/// nesting that building the value would refuse.
pub(crate) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<Skip>()?;
        }
        Ok(Skip)
    }
}
