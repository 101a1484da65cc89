//! Lists and free-keyed objects of an answer: rows (an array, or an object keyed by id),
//! entries of free keys, lists as arrays or comma-joined text.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, Deserialize, Deserializer, Error as _, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::lenient::{Lenient, Opt, field, success};

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
