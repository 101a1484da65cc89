//! Emits each newtype's conversions to and from the plain Rust type it stands for:
//! a text type is read as `&str` and turned into a `String`, an integer type into a
//! `u64` and made from a `u64`, `i64` or `i32` with its rule applied. A secret gets none of the
//! implicit ones, so it is never turned into plain text by accident.

use proc_macro2::TokenStream;
use quote::quote;

use super::repr::{Repr, repr};
use crate::model::{Spec, TypeDef};
use crate::names;

/// The conversions of `t` that its newtype does not already have.
pub fn emit(spec: &Spec, t: &TypeDef) -> TokenStream {
    let ident = names::value_type(spec, &t.name.name);
    let (name, rule_doc, secret) = (&t.name.name, &t.doc, t.secret);
    match repr(spec, t) {
        Repr::Int => quote! {
            impl ::std::convert::From<#ident> for u64 {
                fn from(v: #ident) -> u64 { v.get() }
            }
            impl ::std::convert::TryFrom<i64> for #ident {
                type Error = crate::InvalidValue;
                fn try_from(n: i64) -> ::std::result::Result<Self, Self::Error> {
                    match u64::try_from(n) {
                        ::std::result::Result::Ok(n) => Self::try_from(n),
                        ::std::result::Result::Err(_) => ::std::result::Result::Err(crate::serde_impl::negative(#name, #rule_doc, n, #secret)),
                    }
                }
            }
            // With impls for `u64` and `i64` only, `Id::try_from(5)` would not compile: an
            // unsuffixed literal falls back to `i32`, which this impl gives it.
            impl ::std::convert::TryFrom<i32> for #ident {
                type Error = crate::InvalidValue;
                fn try_from(n: i32) -> ::std::result::Result<Self, Self::Error> { Self::try_from(i64::from(n)) }
            }
        },
        Repr::Bool => quote! {
            impl ::std::convert::From<#ident> for bool {
                fn from(v: #ident) -> bool { v.get() }
            }
        },
        Repr::Text if secret => quote! {},
        Repr::Text => quote! {
            impl ::std::convert::AsRef<str> for #ident {
                fn as_ref(&self) -> &str { self.as_str() }
            }
            impl ::std::convert::From<#ident> for ::std::string::String {
                fn from(v: #ident) -> ::std::string::String { v.as_str().to_owned() }
            }
        },
        Repr::List { .. } | Repr::Enum(_) => quote! {},
    }
}
