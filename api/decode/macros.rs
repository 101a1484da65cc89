//! The macros the generated decoders call: the impls around a generated answer struct or
//! request record, so that the generated code is only its `match` of field names.

/// [`Fields`](super::Fields) of a struct: each named field read by `$read`; the unnamed
/// ones refused, or handled by the `extra` method given.
macro_rules! fields_impl {
    ($t:ty, $read:path, { $($key:literal => $f:ident),* }, $($extra:tt)*) => {
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
                    $($key => self.$f = $read(map, key)?,)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
            $($extra)*
        }
    };
}
pub(crate) use fields_impl;

/// A generated struct of named fields: [`Fields`](super::Fields) (each named field read
/// by [`field`](super::field), the others kept in `extra`), `Deserialize`,
/// [`Lenient`](super::Lenient), [`Answer`](super::Answer) and `FIELDS`.
macro_rules! fields_answer {
    ($t:ident { $($key:literal => $f:ident),* $(,)? }) => {
        crate::decode::fields_impl!($t, crate::decode::field, { $($key => $f),* },
            fn extra(
                &mut self,
            ) -> ::std::option::Option<&mut ::serde_json::Map<::std::string::String, ::serde_json::Value>>
            {
                Some(&mut self.extra)
            }
        );
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

/// A request's record read back from an answer: [`Fields`](super::Fields) through each
/// argument type's own `Deserialize`, refusing fields the record does not have.
macro_rules! record_fields {
    ($t:ty { $($key:literal => $f:ident),* $(,)? }) => {
        crate::decode::fields_impl!($t, crate::decode::arg, { $($key => $f),* },);
    };
}
pub(crate) use record_fields;

/// `Deserialize`, [`Lenient`](super::Lenient) and [`Answer`](super::Answer) of a generated struct with one field read
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

/// [`Lenient`](super::Lenient) through the type's own `Deserialize` (the spec's types,
/// answer structs).
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

/// [`Lenient`](super::Lenient) of an integer type of the spec (`Id`): a whole number as
/// [`u64`] reads it (digits in text, blank absent), then the type's own rule.
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
