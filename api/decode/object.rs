//! Objects of named fields: generated answer structs (unnamed fields kept in `extra`, or
//! refused in strict mode) and request records read back (DNS records), alone or keyed
//! by number.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::STRICT;
use super::lenient::{Lenient, success};

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
    /// Where unnamed fields are kept; `None` (the default) refuses them (a record sent
    /// back must not lose a field silently).
    fn extra(&mut self) -> Option<&mut Map<String, Value>> {
        None
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
