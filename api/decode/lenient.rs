//! Lenient readings of one value: the [`Lenient`] trait, `null` as absent, a named field's
//! value, and the scalars (text, numbers, flags, money, dates) as the API writes them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::money::Money;

/// A value read leniently; `None` when the API wrote it as absent (blank text where a
/// number, date or amount was expected).
pub trait Lenient: Sized {
    /// Reads one value.
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error>;
}

/// `null` as absent, anything else through [`Lenient`].
pub(super) struct Opt<T>(pub(super) Option<T>);

impl<'de, T: Lenient> Deserialize<'de> for Opt<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for V<T> {
            type Value = Opt<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Opt<T>, E> {
                Ok(Opt(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Opt<T>, E> {
                Ok(Opt(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Opt<T>, D::Error> {
                T::lenient(d).map(Opt)
            }
        }
        d.deserialize_option(V(PhantomData))
    }
}

/// Reads the value of an answer's field `key`; an error names the field.
pub fn field<'de, A: MapAccess<'de>, T: Lenient>(
    map: &mut A,
    key: &str,
) -> Result<Option<T>, A::Error> {
    map.next_value::<Opt<T>>()
        .map(|o| o.0)
        .map_err(|e| A::Error::custom(format_args!("field `{key}`: {e}")))
}

/// `true` where an object or a list was expected: the API's success with nothing to say,
/// read as empty.
pub(super) fn success<E: de::Error>(b: bool, expected: &dyn de::Expected) -> Result<(), E> {
    match b {
        true => Ok(()),
        false => Err(E::invalid_type(de::Unexpected::Bool(b), expected)),
    }
}

/// A scalar read as text: a string, or a number or flag written out.
struct Scalar;

impl<'de> Visitor<'de> for Scalar {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text or a number")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
        Ok(s.to_owned())
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<String, E> {
        Ok(s)
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<String, E> {
        Ok(n.to_string())
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<String, E> {
        Ok(n.to_string())
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<String, E> {
        Ok(n.to_string())
    }
}

impl Lenient for String {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        d.deserialize_any(Scalar).map(Some)
    }
}

/// A secret: text, or any other value as its JSON text, so that it is never kept in
/// plain sight among the unnamed fields nor quoted by an error.
impl Lenient for crate::Secret {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        Ok(Some(crate::Secret::new(match Value::deserialize(d)? {
            Value::String(s) => s,
            other => other.to_string(),
        })))
    }
}

/// A whole number: a JSON number or its digits in a string; blank text is absent.
macro_rules! lenient_int {
    ($t:ty) => {
        impl Lenient for $t {
            fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Option<$t>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a whole number, or its digits as text")
                    }
                    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                        <$t>::try_from(n)
                            .map(Some)
                            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
                    }
                    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                        <$t>::try_from(n)
                            .map(Some)
                            .map_err(|_| E::invalid_value(de::Unexpected::Signed(n), &self))
                    }
                    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                        match s.trim() {
                            "" => Ok(None),
                            t => t
                                .parse()
                                .map(Some)
                                .map_err(|_| E::invalid_value(de::Unexpected::Str(s), &self)),
                        }
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}
lenient_int!(i64);
lenient_int!(u64);

/// A flag: `true`/`false`, `1`/`0`, or those as text; blank text is absent.
impl Lenient for bool {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Option<bool>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a flag: true, false, 1 or 0")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Option<bool>, E> {
                Ok(Some(b))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Option<bool>, E> {
                match n {
                    0 => Ok(Some(false)),
                    1 => Ok(Some(true)),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(n), &self)),
                }
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Option<bool>, E> {
                match n {
                    0 => Ok(Some(false)),
                    1 => Ok(Some(true)),
                    _ => Err(E::invalid_value(de::Unexpected::Signed(n), &self)),
                }
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<bool>, E> {
                match s.trim() {
                    "1" | "true" => Ok(Some(true)),
                    "0" | "false" => Ok(Some(false)),
                    "" => Ok(None),
                    _ => Err(E::invalid_value(de::Unexpected::Str(s), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// An amount, from the answer's exact text: a JSON number as written (`990.00`), or
/// decimal text; blank text is absent. Needs the text's deserializer (serde_json reading
/// text), which is how every answer is decoded.
impl Lenient for Money {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        let raw = <Box<RawValue>>::deserialize(d)?;
        let text = raw.get();
        let decimal = if text.starts_with('"') {
            serde_json::from_str::<String>(text).map_err(D::Error::custom)?
        } else {
            text.to_owned()
        };
        if decimal.trim().is_empty() {
            return Ok(None);
        }
        decimal.parse().map(Some).map_err(D::Error::custom)
    }
}

/// Text read as a date or date-time: blank and all-zero dates (as PHP writes "no date")
/// are absent.
fn date_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let s = d.deserialize_any(Scalar)?;
    let t = s.trim();
    if t.is_empty() || t.starts_with("0000-00-00") {
        return Ok(None);
    }
    Ok(Some(t.to_owned()))
}

/// A date, `YYYY-MM-DD`; a date-time's date part is taken.
impl Lenient for jiff::civil::Date {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        let Some(t) = date_text(d)? else {
            return Ok(None);
        };
        let day = t.split([' ', 'T']).next().unwrap_or_default();
        day.parse()
            .map(Some)
            .map_err(|e| D::Error::custom(format_args!("{t:?} is not a date: {e}")))
    }
}

/// A date and time without zone, `YYYY-MM-DD HH:MM:SS` (or with a `T`); a bare date is
/// its midnight.
impl Lenient for jiff::civil::DateTime {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        let Some(t) = date_text(d)? else {
            return Ok(None);
        };
        t.replacen(' ', "T", 1)
            .parse()
            .map(Some)
            .map_err(|e| D::Error::custom(format_args!("{t:?} is not a date-time: {e}")))
    }
}

impl Lenient for Value {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        Value::deserialize(d).map(Some)
    }
}
