//! Text newtypes' ways in: `FromStr` and `TryFrom<&str>` through the rule's check, and the
//! secret text type held in a `SecretString`.

use proc_macro2::TokenStream;
use quote::quote;

use super::rules;
use crate::model::TypeDef;

/// `FromStr` and `TryFrom<&str>` of a text newtype: the rule's check, then the value held
/// as `held` makes it (a `String`, or a `SecretString`) from `v: &str`.
pub(super) fn from_str_impls(
    ident: &proc_macro2::Ident,
    check: &proc_macro2::Ident,
    invalid: &TokenStream,
    held: TokenStream,
) -> TokenStream {
    quote! {
        impl ::std::str::FromStr for #ident {
            type Err = crate::InvalidValue;
            fn from_str(v: &str) -> ::std::result::Result<Self, Self::Err> {
                match #check(v) {
                    ::std::result::Result::Ok(()) => ::std::result::Result::Ok(Self(#held)),
                    ::std::result::Result::Err(reason) => ::std::result::Result::Err(#invalid),
                }
            }
        }
        impl ::std::convert::TryFrom<&str> for #ident {
            type Error = crate::InvalidValue;
            fn try_from(v: &str) -> ::std::result::Result<Self, Self::Error> { v.parse() }
        }
    }
}

/// A secret text type: a `SecretString` (zeroized when dropped), read only through
/// `ExposeSecret`, `***` in `Debug`, no `Display`, equal when the secrets are; the form
/// writer shows it as `***` and errors never repeat it.
pub(super) fn secret_text(
    t: &TypeDef,
    ident: &proc_macro2::Ident,
    doc: &str,
    invalid: &TokenStream,
) -> TokenStream {
    let name = &t.name.name;
    let check = rules::check_ident(name);
    let body = rules::check_body(t);
    let from_str = from_str_impls(
        ident,
        &check,
        invalid,
        quote!(::secrecy::SecretString::from(v)),
    );
    let doc = format!(
        "{doc}\n\nA secret: read it with `expose_secret()` ([`crate::ExposeSecret`]); `Debug` shows \
         `***`, there is no `Display`, and it is zeroized when dropped."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone)]
        pub struct #ident(::secrecy::SecretString);
        impl ::secrecy::ExposeSecret<str> for #ident {
            fn expose_secret(&self) -> &str { ::secrecy::ExposeSecret::expose_secret(&self.0) }
        }
        #from_str
        impl ::std::convert::TryFrom<::std::string::String> for #ident {
            type Error = crate::InvalidValue;
            fn try_from(v: ::std::string::String) -> ::std::result::Result<Self, Self::Error> {
                // Held in a `SecretString` at once, so that the text is zeroized whatever
                // the outcome.
                let v = ::secrecy::SecretString::from(v);
                match #check(::secrecy::ExposeSecret::expose_secret(&v)) {
                    ::std::result::Result::Ok(()) => ::std::result::Result::Ok(Self(v)),
                    ::std::result::Result::Err(reason) => ::std::result::Result::Err(#invalid),
                }
            }
        }
        impl ::std::cmp::PartialEq for #ident {
            fn eq(&self, other: &Self) -> bool { ::secrecy::ExposeSecret::expose_secret(&self.0) == ::secrecy::ExposeSecret::expose_secret(&other.0) }
        }
        impl ::std::cmp::Eq for #ident {}
        impl ::std::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!(stringify!(#ident), "(***)"))
            }
        }
        impl crate::rt::Wire for #ident {
            const SECRET: bool = true;
            fn wire(&self, out: &mut ::std::string::String) { out.push_str(::secrecy::ExposeSecret::expose_secret(&self.0)) }
            fn is_blank(&self) -> bool { ::secrecy::ExposeSecret::expose_secret(&self.0).trim().is_empty() }
        }
        impl crate::rt::FromArg for #ident {
            const TYPE: &'static str = #name;
            const SECRET: bool = true;
        }
        #body
    }
}
