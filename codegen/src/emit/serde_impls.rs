//! Emits each newtype's `Serialize` and `Deserialize`: one line each, calling the
//! runtime's helpers (`serde_impl` in the client crate), which reach the value only
//! through the type's public API (`FromStr`, `TryFrom`, its wire form), never its field.

use proc_macro2::TokenStream;
use quote::quote;

use super::repr::{Repr, repr};
use crate::model::{Spec, TypeDef};
use crate::names;

/// `Serialize` and a validating `Deserialize` for `t`.
pub fn emit(spec: &Spec, t: &TypeDef) -> TokenStream {
    let ident = names::value_type(spec, &t.name.name);
    let name = &t.name.name;
    let (ser, de) = match repr(spec, t) {
        Repr::Int => (
            quote! { s.serialize_u64(self.get()) },
            quote! { crate::serde_impl::int(d, #name) },
        ),
        Repr::Bool => (
            quote! { s.serialize_bool(self.get()) },
            quote! { crate::serde_impl::parse(d, #name, crate::serde_impl::Form::Flag) },
        ),
        Repr::List { sep, .. } => (
            quote! { s.collect_seq(self.as_slice()) },
            quote! { crate::serde_impl::parse(d, #name, crate::serde_impl::Form::List(#sep)) },
        ),
        // A secret's text is reached only through its wire form.
        Repr::Text if t.secret => (
            quote! { crate::serde_impl::wire_str(self, s) },
            quote! { crate::serde_impl::parse(d, #name, crate::serde_impl::Form::Text) },
        ),
        Repr::Enum(e) if e.other.is_none() => (
            quote! { s.serialize_str(self.as_str()) },
            quote! { crate::serde_impl::parse(d, #name, crate::serde_impl::Form::Text) },
        ),
        // The held number is a number where the format reads text as text (JSON): a
        // format that is not self-describing gets the wire text, which is what it is
        // asked for when read back.
        Repr::Enum(e) => {
            let variant = e
                .other
                .as_ref()
                .map(|o| names::ident(&names::camel(&o.name.name)));
            (
                quote! {
                    match self {
                        Self::#variant(n) if s.is_human_readable() => s.serialize_u64(n.get()),
                        _ => s.collect_str(self),
                    }
                },
                quote! { crate::serde_impl::parse(d, #name, crate::serde_impl::Form::Text) },
            )
        }
        Repr::Text => (
            quote! { s.serialize_str(self.as_str()) },
            quote! { crate::serde_impl::parse(d, #name, crate::serde_impl::Form::Text) },
        ),
    };
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> { #ser }
        }
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> { #de }
        }
    }
}
