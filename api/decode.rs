//! Decoding successful answers into the typed shapes of [`crate::answers`], as leniently
//! as the API needs: numbers as JSON numbers or numeric strings, flags as `1`/`0`/`true`/
//! `false`/`"1"`/`"0"`, lists as arrays or comma-joined text, `null` (and blank text for
//! numbers, dates and money) as absent, unknown fields kept. Money is read from the
//! answer's exact text, so decoding always goes from text (the single answer's, or each
//! bulk item's), never from an already parsed value.
//!
//! The generated decoders are a few lines per shape: a `match` of field names, each arm one
//! call of [`field`]; the impls around it come from the macros here.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, Error as _, IntoDeserializer, MapAccess,
    SeqAccess, Visitor,
};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::money::Money;

/// A successful answer that does not fit its shape: the command succeeded (for a changing
/// command, the change was made), but its answer could not be read. Carries the answer's
/// exact text.
#[derive(Clone)]
pub struct DecodeError {
    text: String,
    message: String,
}

impl DecodeError {
    pub(crate) fn new(text: &str, e: impl fmt::Display) -> Self {
        Self {
            text: text.to_owned(),
            message: e.to_string(),
        }
    }

    /// The answer's exact JSON text, as the API sent it. It may hold a secret (an auth
    /// code): it is never part of this error's message.
    pub fn raw_text(&self) -> &str {
        &self.text
    }

    /// What did not fit (`field `id`: ...`), with the place in the text.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

// The text may hold secrets: `Debug` shows only its length.
impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("message", &self.message)
            .field("text_len", &self.text.len())
            .finish()
    }
}

impl std::error::Error for DecodeError {}

impl Error {
    /// When the command succeeded but its answer did not fit its shape
    /// ([`ErrorKind::Decode`](crate::ErrorKind::Decode)): what did not fit, and the
    /// answer's exact text.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        std::error::Error::source(self)?.downcast_ref()
    }
}

/// A typed answer shape of [`crate::answers`]: a command whose spec names it decodes its
/// success into it.
pub trait Answer: DeserializeOwned {}

thread_local! {
    /// Set while [`decode_strict`] runs on this thread.
    static STRICT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Decodes an answer's text as the typed answers do, but refuses any field a shape does
/// not name (at any depth) instead of keeping it in `extra`: to find where the API
/// answers more than the spec says.
///
/// ```
/// use domaincontext::answers::Note;
/// assert!(domaincontext::decode_strict::<Note>(r#"{"id": 1, "note": "x"}"#).is_ok());
/// let e = domaincontext::decode_strict::<Note>(r#"{"id": 1, "color": "red"}"#).unwrap_err();
/// assert!(e.message().contains("`color`"));
/// ```
pub fn decode_strict<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            STRICT.with(|s| s.set(self.0));
        }
    }
    let _reset = Reset(STRICT.with(|s| s.replace(true)));
    from_text(text)
}

/// Decodes a whole answer's text into `T`.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    serde_json::from_str(text).map_err(|e| DecodeError::new(text, e))
}

/// A value read leniently; `None` when the API wrote it as absent (blank text where a
/// number, date or amount was expected).
pub trait Lenient: Sized {
    /// Reads one value.
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error>;
}

/// `null` as absent, anything else through [`Lenient`].
struct Opt<T>(Option<T>);

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

/// Reads the value of a request record's field `key` (a DNS record read back), through
/// the argument type's own `Deserialize`; an error names the field.
pub fn arg<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    key: &str,
) -> Result<T, A::Error> {
    map.next_value::<T>()
        .map_err(|e| A::Error::custom(format_args!("field `{key}`: {e}")))
}

/// An object of named fields: a generated answer struct, or a request record read back.
pub trait Fields: Sized {
    /// No field set.
    fn empty() -> Self;
    /// Reads the value of `key` if it is a named field; `false` when it is not.
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
    /// Where unnamed fields are kept; `None` refuses them (a record sent back must not
    /// lose a field silently).
    fn extra(&mut self) -> Option<&mut Map<String, Value>>;
}

/// `true` where an object or a list was expected: the API's success with nothing to say,
/// read as empty.
fn success<E: de::Error>(b: bool, expected: &dyn de::Expected) -> Result<(), E> {
    match b {
        true => Ok(()),
        false => Err(E::invalid_type(de::Unexpected::Bool(b), expected)),
    }
}

/// Reads an object into `T`. An empty array is an empty object (PHP writes both alike).
pub fn object<'de, D: Deserializer<'de>, T: Fields>(d: D) -> Result<T, D::Error> {
    struct V<T>(PhantomData<T>);
    impl<'de, T: Fields> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut this = T::empty();
            while let Some(key) = map.next_key::<String>()? {
                if !this.field(&key, &mut map)? {
                    match this.extra().filter(|_| !STRICT.with(std::cell::Cell::get)) {
                        Some(extra) => {
                            let v = map.next_value::<Value>()?;
                            extra.insert(key, v);
                        }
                        None => {
                            return Err(A::Error::custom(format_args!(
                                "field `{key}` is not in the shape"
                            )));
                        }
                    }
                }
            }
            Ok(this)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
            match seq.next_element::<de::IgnoredAny>()? {
                None => Ok(T::empty()),
                Some(_) => Err(A::Error::invalid_type(de::Unexpected::Seq, &self)),
            }
        }
        fn visit_bool<E: de::Error>(self, b: bool) -> Result<T, E> {
            success(b, &self).map(|()| T::empty())
        }
    }
    d.deserialize_any(V(PhantomData))
}

/// Reads rows: an array of them, or an object of them keyed by id (the keys are dropped:
/// each row carries its id).
pub(crate) struct Rows<T>(pub(crate) Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Rows<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Rows<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("rows: an array, or an object keyed by id")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Rows<T>, A::Error> {
                let mut rows = Vec::new();
                while let Some(r) = seq.next_element()? {
                    rows.push(r);
                }
                Ok(Rows(rows))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rows<T>, A::Error> {
                let mut rows = Vec::new();
                while let Some((_, r)) = map.next_entry::<de::IgnoredAny, T>()? {
                    rows.push(r);
                }
                Ok(Rows(rows))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Rows<T>, E> {
                success(b, &self).map(|()| Rows(Vec::new()))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A [`Lenient`] value, its default when absent.
pub fn or_default<'de, D: Deserializer<'de>, T: Lenient + Default>(d: D) -> Result<T, D::Error> {
    Ok(T::lenient(d)?.unwrap_or_default())
}

/// Entries of an object of free keys, in the answer's order; `null` values are left out.
pub fn entries<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Vec<(String, T)>, D::Error> {
    struct V<T>(PhantomData<T>);
    impl<'de, T: Lenient> Visitor<'de> for V<T> {
        type Value = Vec<(String, T)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                if let Some(v) = field::<A, T>(&mut map, &key)? {
                    out.push((key, v));
                }
            }
            Ok(out)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            match seq.next_element::<de::IgnoredAny>()? {
                None => Ok(Vec::new()),
                Some(_) => Err(A::Error::invalid_type(de::Unexpected::Seq, &self)),
            }
        }
        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
            success(b, &self).map(|()| Vec::new())
        }
    }
    d.deserialize_any(V(PhantomData))
}

/// A generated struct of named fields: [`Fields`] (each named field read by [`field`],
/// the others kept in `extra`), `Deserialize`, [`Lenient`], [`Answer`] and `FIELDS`.
macro_rules! fields_answer {
    ($t:ident { $($key:literal => $f:ident),* $(,)? }) => {
        impl crate::decode::Fields for $t {
            fn empty() -> Self {
                Self::default()
            }
            fn field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                match key {
                    $($key => self.$f = crate::decode::field(map, key)?,)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
            fn extra(
                &mut self,
            ) -> ::std::option::Option<&mut ::serde_json::Map<::std::string::String, ::serde_json::Value>>
            {
                Some(&mut self.extra)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                crate::decode::object(d)
            }
        }
        crate::decode::via_deserialize!($t);
        impl crate::decode::Answer for $t {}
        impl $t {
            /// The fields the spec names, as the API spells them.
            pub const FIELDS: &'static [&'static str] = &[$($key),*];
        }
    };
}
pub(crate) use fields_answer;

/// A request's record read back from an answer: [`Fields`] through each argument type's
/// own `Deserialize`, refusing fields the record does not have.
macro_rules! record_fields {
    ($t:ty { $($key:literal => $f:ident),* $(,)? }) => {
        impl crate::decode::Fields for $t {
            fn empty() -> Self {
                <$t>::default()
            }
            fn field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                match key {
                    $($key => self.$f = crate::decode::arg(map, key)?,)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
            fn extra(
                &mut self,
            ) -> ::std::option::Option<&mut ::serde_json::Map<::std::string::String, ::serde_json::Value>>
            {
                None
            }
        }
    };
}
pub(crate) use record_fields;

/// `Deserialize`, [`Lenient`] and [`Answer`] of a generated struct with one field read
/// by `$read` (`entries`, `items`, `records`).
macro_rules! wrapped_answer {
    ($t:ty, $field:ident, $read:path) => {
        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                Ok(Self { $field: $read(d)? })
            }
        }
        crate::decode::via_deserialize!($t);
        impl crate::decode::Answer for $t {}
    };
}
pub(crate) use wrapped_answer;

/// [`Lenient`] through the type's own `Deserialize` (the spec's types, answer structs).
macro_rules! via_deserialize {
    ($t:ty) => {
        impl crate::decode::Lenient for $t {
            fn lenient<'de, D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                <$t as ::serde::Deserialize>::deserialize(d).map(::std::option::Option::Some)
            }
        }
    };
}
pub(crate) use via_deserialize;

/// [`Lenient`] of an integer type of the spec (`Id`): a whole number as [`u64`] reads it
/// (digits in text, blank absent), then the type's own rule.
macro_rules! via_u64 {
    ($t:ty) => {
        impl crate::decode::Lenient for $t {
            fn lenient<'de, D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                match <u64 as crate::decode::Lenient>::lenient(d)? {
                    ::std::option::Option::Some(n) => <$t>::try_from(n)
                        .map(::std::option::Option::Some)
                        .map_err(<D::Error as ::serde::de::Error>::custom),
                    ::std::option::Option::None => Ok(::std::option::Option::None),
                }
            }
        }
    };
}
pub(crate) use via_u64;

/// A record of a request's `array` argument read back (a DNS record), refusing fields
/// the request does not have.
pub struct Record<T>(pub T);

impl<'de, T: Fields> Deserialize<'de> for Record<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d).map(Record)
    }
}

impl<T: Fields> Lenient for BTreeMap<u64, T> {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Fields> Visitor<'de> for V<T> {
            type Value = BTreeMap<u64, T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("records keyed by number")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let n: u64 = key.trim().parse().map_err(|_| {
                        A::Error::custom(format_args!("record key `{key}` is not a number"))
                    })?;
                    out.insert(n, map.next_value::<Record<T>>()?.0);
                }
                Ok(out)
            }
            // PHP writes records keyed 0, 1, 2... as an array.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                let mut n = 0;
                while let Some(r) = seq.next_element::<Record<T>>()? {
                    out.insert(n, r.0);
                    n += 1;
                }
                Ok(out)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
                success(b, &self).map(|()| BTreeMap::new())
            }
        }
        d.deserialize_any(V(PhantomData)).map(Some)
    }
}

impl<T: Lenient> Lenient for BTreeMap<String, T> {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        entries(d).map(|e| Some(e.into_iter().collect()))
    }
}

/// A list: an array, or comma-joined text (blank items dropped).
impl<T: Lenient> Lenient for Vec<T> {
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for V<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list: an array, or comma-joined text")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(Opt(v)) = seq.next_element::<Opt<T>>()? {
                    out.extend(v);
                }
                Ok(out)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Vec<T>, E> {
                let mut out = Vec::new();
                for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    out.extend(T::lenient(part.into_deserializer())?);
                }
                Ok(out)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Vec<T>, E> {
                success(b, &self).map(|()| Vec::new())
            }
        }
        d.deserialize_any(V(PhantomData)).map(Some)
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
