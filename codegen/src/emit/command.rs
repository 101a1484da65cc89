//! What the request emitters (`requests` for single commands and their records, `bulk`
//! for bulk wrappers) share: the `Command` impl of a request type, the names of record
//! structs and registry entries, and the serde front door of every request struct.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Arg, Command};
use crate::names;

/// The struct of one record of `owner`'s `array` argument `a`.
pub fn item_ident(owner: &proc_macro2::Ident, a: &Arg) -> proc_macro2::Ident {
    format_ident!("{}{}Item", owner, names::type_name(&a.name.name))
}

/// The registry's static `CommandInfo` of command `c` (`DomainGetNss` → `DOMAIN_GET_NSS`):
/// each request finds its own entry by name, not by its position in `COMMANDS`.
pub fn info_ident(c: &Command) -> proc_macro2::Ident {
    let ty = names::command_type_name(&c.def);
    let mut out = String::with_capacity(ty.len() + 4);
    for (i, ch) in ty.chars().enumerate() {
        if i > 0 && ch.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(ch.to_ascii_uppercase());
    }
    format_ident!("{}", out)
}

/// `impl Command` for the request type of command `c`. The name, the effect and the answer
/// kind are written in, so that a request knows them without the registry, which only the
/// `dynamic` feature compiles; `info` is the command's own static entry there.
pub fn command_impl(
    ident: &proc_macro2::Ident,
    c: &Command,
    output: TokenStream,
    validate: TokenStream,
    encode: TokenStream,
    keys: Option<TokenStream>,
) -> TokenStream {
    let name = &c.def.name.name;
    let info = info_ident(c);
    let effect = match c.def.effect {
        crate::model::Effect::Read => quote!(crate::Effect::Read),
        crate::model::Effect::Change => quote!(crate::Effect::Change),
    };
    // `Value` answers and single commands' `None` keys are the traits' defaults.
    let answer = match c.def.answer {
        crate::model::AnswerKind::Value => quote!(),
        crate::model::AnswerKind::Search => {
            quote!(
                fn answer(&self) -> crate::AnswerKind {
                    crate::AnswerKind::Search
                }
            )
        }
        crate::model::AnswerKind::Bulk => {
            quote!(
                fn answer(&self) -> crate::AnswerKind {
                    crate::AnswerKind::Bulk
                }
            )
        }
    };
    let keys = keys.map(|k| {
        quote!(fn bulk_keys(&self) -> ::std::option::Option<::std::vec::Vec<::std::string::String>> { #k })
    });
    quote! {
        impl crate::info::Sealed for #ident {
            #answer
            fn encode(&self, w: &mut crate::rt::FormWriter) { #encode }
        }

        impl crate::Command for #ident {
            type Output = #output;
            fn name(&self) -> &'static str { #name }
            fn effect(&self) -> crate::Effect { #effect }
            #[cfg(feature = "dynamic")]
            fn info(&self) -> &'static crate::CommandInfo { &crate::registry::#info }
            fn validate(&self) -> ::std::result::Result<(), crate::ValidationError> { #validate }
            #keys
        }
    }
}

/// `Serialize` (with `ser`, which writes into `s`) and `Deserialize` (with `de`, which
/// reads `d` through the shared argument reader) of a request struct.
pub fn serde_impls(ident: &proc_macro2::Ident, de: TokenStream, ser: TokenStream) -> TokenStream {
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> { #ser }
        }
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> { #de }
        }
    }
}
