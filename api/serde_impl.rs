//! The serde runtime of the generated newtypes: each type's `Serialize` and `Deserialize`
//! is one line that calls a helper here, so the generated code stays small.
//!
//! Forms: a text type is a string, an integer type a number, a flag a bool, a list an
//! array of its items' forms. In human-readable formats (JSON, YAML, TOML) deserializing
//! is as lenient as the CLI's `--json`: any scalar is taken as its text (an integer type
//! also takes `"42"`, as the API answers both ways), and a list takes an array or its
//! joined text. Every value then goes through the type's `FromStr` or `TryFrom`, so a
//! deserialized value is a valid one and a refusal is the type's own [`InvalidValue`],
//! which names the type and its rule and never repeats a secret.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::Serialize;
use serde::de::{self, Deserializer, SeqAccess, Unexpected, Visitor};
use serde::ser::{SerializeMap, Serializer};

use crate::error::InvalidValue;
use crate::wire::Wire;

/// Writes a value's wire form as a string: for secrets, whose text is reached only
/// through the wire form.
pub(crate) fn wire_str<W: Wire + ?Sized, S: Serializer>(v: &W, s: S) -> Result<S::Ok, S::Error> {
    let mut text = String::new();
    v.wire(&mut text);
    s.serialize_str(&text)
}

/// A value written as its `Display` text: a request's date as `YYYY-MM-DD`, without
/// jiff's serde feature.
struct Shown<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for Shown<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

// The entries of a request's serde form, one call a field so that the generated
// `Serialize` bodies stay one line an argument. A field not given is left out, as the
// form leaves it out.

/// An optional argument: left out when not given or blank (a reader takes a blank value
/// as not given).
pub(crate) fn opt<M: SerializeMap, T: Serialize + Wire>(
    m: &mut M,
    name: &str,
    v: &Option<T>,
) -> Result<(), M::Error> {
    match v {
        Some(v) if !v.is_blank() => m.serialize_entry(name, v),
        _ => Ok(()),
    }
}

/// An optional flag: left out when not given.
pub(crate) fn flag<M: SerializeMap>(
    m: &mut M,
    name: &str,
    v: Option<bool>,
) -> Result<(), M::Error> {
    match v {
        Some(v) => m.serialize_entry(name, &v),
        None => Ok(()),
    }
}

/// A date, as `YYYY-MM-DD` text; left out when not given.
pub(crate) fn date<M: SerializeMap>(
    m: &mut M,
    name: &str,
    v: Option<&jiff::civil::Date>,
) -> Result<(), M::Error> {
    match v {
        Some(v) => m.serialize_entry(name, &Shown(v)),
        None => Ok(()),
    }
}

/// Records or free keys: left out when there are none.
pub(crate) fn many<M: SerializeMap, K: Serialize, V: Serialize>(
    m: &mut M,
    name: &str,
    v: &std::collections::BTreeMap<K, V>,
) -> Result<(), M::Error> {
    if v.is_empty() {
        Ok(())
    } else {
        m.serialize_entry(name, v)
    }
}

/// How a scalar type is written by its `Serialize`, which is what a format that is not
/// self-describing must be asked for.
#[derive(Clone, Copy)]
pub(crate) enum Form {
    /// A string.
    Text,
    /// A bool.
    Flag,
    /// An array, or text whose items are joined by the separator.
    List(char),
}

/// Deserializes a text, flag or list type through its `FromStr`.
pub(crate) fn parse<'de, T, D>(d: D, ty: &'static str, form: Form) -> Result<T, D::Error>
where
    T: FromStr<Err = InvalidValue>,
    D: Deserializer<'de>,
{
    let v = Scalar::<T> {
        ty,
        sep: match form {
            Form::List(sep) => Some(sep),
            Form::Text | Form::Flag => None,
        },
        _t: PhantomData,
    };
    match (d.is_human_readable(), form) {
        (true, _) => d.deserialize_any(v),
        (false, Form::Text) => d.deserialize_str(v),
        (false, Form::Flag) => d.deserialize_bool(v),
        (false, Form::List(_)) => d.deserialize_seq(v),
    }
}

/// Deserializes an integer type: a number through `TryFrom`, a string through `FromStr`.
pub(crate) fn int<'de, T, D>(d: D, ty: &'static str) -> Result<T, D::Error>
where
    T: FromStr<Err = InvalidValue>
        + TryFrom<u64, Error = InvalidValue>
        + TryFrom<i64, Error = InvalidValue>,
    D: Deserializer<'de>,
{
    let v = Int::<T> {
        ty,
        _t: PhantomData,
    };
    if d.is_human_readable() {
        d.deserialize_any(v)
    } else {
        d.deserialize_u64(v)
    }
}

/// The refusal of a negative number by an integer type's `TryFrom<i64>`.
pub(crate) fn negative(ty: &'static str, rule: &'static str, n: i64, secret: bool) -> InvalidValue {
    let text = n.to_string();
    InvalidValue::new(
        ty,
        rule,
        "must not be negative",
        (!secret).then_some(text.as_str()),
    )
}

/// The visitor of text, flag and list types: every scalar as its text, arrays (of list
/// types) joined by the separator, as the CLI's `--json` reads arguments.
struct Scalar<T> {
    ty: &'static str,
    sep: Option<char>,
    _t: PhantomData<fn() -> T>,
}

impl<'de, T: FromStr<Err = InvalidValue>> Visitor<'de> for Scalar<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sep {
            Some(sep) => write!(
                f,
                "a value of type {} (an array, or text joined by {sep:?})",
                self.ty
            ),
            None => write!(f, "a value of type {}", self.ty),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<T, E> {
        self.visit_str(if b { "1" } else { "0" })
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        self.visit_str(&n.to_string())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        self.visit_str(&n.to_string())
    }

    // Said without the number: the value may be a secret.
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(E::invalid_type(
            Unexpected::Other("a fractional number"),
            &self,
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let Some(sep) = self.sep else {
            return Err(de::Error::invalid_type(Unexpected::Seq, &self));
        };
        let mut text = String::new();
        let mut first = true;
        while let Some(item) = seq.next_element::<ItemText>()? {
            if !first {
                text.push(sep);
            }
            first = false;
            text.push_str(&item.0);
        }
        self.visit_str(&text)
    }
}

/// A list item as text: a string, a number or a flag, as the list's text would hold it.
struct ItemText(String);

impl<'de> de::Deserialize<'de> for ItemText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ItemText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list item: text, a number or a flag")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ItemText, E> {
                Ok(ItemText(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<ItemText, E> {
                Ok(ItemText(v))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<ItemText, E> {
                Ok(ItemText(if b { "1" } else { "0" }.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ItemText, E> {
                Ok(ItemText(n.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ItemText, E> {
                Ok(ItemText(n.to_string()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ItemText, E> {
                Err(E::invalid_type(
                    Unexpected::Other("a fractional number"),
                    &self,
                ))
            }
        }
        if d.is_human_readable() {
            d.deserialize_any(V)
        } else {
            d.deserialize_str(V)
        }
    }
}

/// The visitor of integer types.
struct Int<T> {
    ty: &'static str,
    _t: PhantomData<fn() -> T>,
}

impl<T> Visitor<'_> for Int<T>
where
    T: FromStr<Err = InvalidValue>
        + TryFrom<u64, Error = InvalidValue>
        + TryFrom<i64, Error = InvalidValue>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a value of type {} (a number, or its digits as text)",
            self.ty
        )
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        T::try_from(n).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        T::try_from(n).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(E::invalid_type(
            Unexpected::Other("a fractional number"),
            &self,
        ))
    }
}
