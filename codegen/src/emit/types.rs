//! Emits one validated newtype per argument type. The only ways in are `FromStr` and
//! `TryFrom`, which apply the type's rule; the inner value is readable, never writable.

use proc_macro2::TokenStream;
use quote::quote;

use super::repr::{Repr, is_secret, repr};
use super::rules;
use super::text::{from_str_impls, secret_text};
use crate::model::{Rule, Spec, TypeDef};
use crate::names;

/// The value shown in an error about `v`: none for a secret, decided here.
fn shown(secret: bool, v: TokenStream) -> TokenStream {
    if secret {
        quote!(::std::option::Option::None)
    } else {
        quote!(::std::option::Option::Some(#v))
    }
}

/// The range check of an integer type, on a `u64` named `n`: the same reasons as its
/// text rule gives, the value formatted only for an error.
fn int_bounds(t: &TypeDef) -> TokenStream {
    let (name, rule_doc) = (&t.name.name, &t.doc);
    let Rule::Int { min, max } = &t.resolved else {
        return quote! {};
    };
    let value = shown(t.secret, quote!(v.as_str()));
    let fail = |reason: String| {
        quote! {
            let v = n.to_string();
            return ::std::result::Result::Err(crate::InvalidValue::new(#name, #rule_doc, #reason, #value));
        }
    };
    let lo = min.map(|m| {
        let f = fail(format!("must be at least {m}"));
        quote! { if n < #m { #f } }
    });
    let hi = max.map(|m| {
        let f = fail(format!("must be at most {m}"));
        quote! { if n > #m { #f } }
    });
    quote! { #lo #hi }
}

/// The `types` module: every newtype and its check function.
pub fn emit(spec: &Spec) -> TokenStream {
    let items = spec.types.iter().map(|t| {
        let (ty, conv, serde) = (
            newtype(spec, t),
            super::conversions::emit(spec, t),
            super::serde_impls::emit(spec, t),
        );
        quote! { #ty #conv #serde }
    });
    quote! { #(#items)* }
}

fn newtype(spec: &Spec, t: &TypeDef) -> TokenStream {
    let ident = names::value_type(spec, &t.name.name);
    let name = &t.name.name;
    let doc = super::repr::type_doc(t);
    let rule_doc = &t.doc;
    let secret = t.secret;
    let check = rules::check_ident(name);
    let value = shown(secret, quote!(v));
    let invalid = quote! {
        crate::InvalidValue::new(#name, #rule_doc, reason, #value)
    };
    match repr(spec, t) {
        Repr::Int => {
            let body = rules::check_body(t);
            let bounds = int_bounds(t);
            quote! {
                #[doc = #doc]
                #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(u64);
                impl #ident {
                    /// The number.
                    pub fn get(self) -> u64 { self.0 }
                }
                impl ::std::str::FromStr for #ident {
                    type Err = crate::InvalidValue;
                    fn from_str(v: &str) -> ::std::result::Result<Self, Self::Err> {
                        match #check(v) {
                            ::std::result::Result::Ok(()) => v.parse().map(Self).map_err(|_| {
                                let reason = "must be a smaller number";
                                #invalid
                            }),
                            ::std::result::Result::Err(reason) => ::std::result::Result::Err(#invalid),
                        }
                    }
                }
                impl ::std::convert::TryFrom<u64> for #ident {
                    type Error = crate::InvalidValue;
                    fn try_from(n: u64) -> ::std::result::Result<Self, Self::Error> {
                        #bounds
                        ::std::result::Result::Ok(Self(n))
                    }
                }
                impl ::std::fmt::Display for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { ::std::fmt::Display::fmt(&self.0, f) }
                }
                impl crate::rt::Wire for #ident {
                    fn wire(&self, out: &mut ::std::string::String) { crate::rt::push_u64(out, self.0) }
                    fn is_blank(&self) -> bool { self.0 == 0 }
                }
                impl crate::rt::FromArg for #ident {
                    const TYPE: &'static str = #name;
                }
                #body
            }
        }
        Repr::Bool => {
            let body = rules::check_body(t);
            quote! {
                #[doc = #doc]
                #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(bool);
                impl #ident {
                    /// The flag.
                    pub fn get(self) -> bool { self.0 }
                }
                impl ::std::convert::From<bool> for #ident {
                    fn from(b: bool) -> Self { Self(b) }
                }
                impl ::std::str::FromStr for #ident {
                    type Err = crate::InvalidValue;
                    fn from_str(v: &str) -> ::std::result::Result<Self, Self::Err> {
                        match #check(v) {
                            ::std::result::Result::Ok(()) => ::std::result::Result::Ok(Self(matches!(v, "1" | "true"))),
                            ::std::result::Result::Err(reason) => ::std::result::Result::Err(#invalid),
                        }
                    }
                }
                impl ::std::fmt::Display for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(if self.0 { "1" } else { "0" }) }
                }
                impl crate::rt::Wire for #ident {
                    fn wire(&self, out: &mut ::std::string::String) { out.push(if self.0 { '1' } else { '0' }) }
                    fn is_blank(&self) -> bool { false }
                }
                impl crate::rt::FromArg for #ident {
                    const TYPE: &'static str = #name;
                }
                #body
            }
        }
        Repr::List { of, sep } => {
            let item = names::value_type(spec, of);
            let item_name = of;
            let item_secret = spec.ty(of).is_some_and(|i| is_secret(spec, i));
            let list_secret = is_secret(spec, t);
            // A secret list: no `Display` and no `Hash`. Its items redact themselves when
            // they are secrets; a list marked secret over plain items redacts itself, and
            // drops the value from its errors (its items' errors would carry it).
            let (derive, display, debug, hide) = match (list_secret, item_secret) {
                (false, _) => (
                    quote!(#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]),
                    quote! {
                        impl ::std::fmt::Display for #ident {
                            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                let mut out = ::std::string::String::new();
                                crate::rt::Wire::wire(self, &mut out);
                                f.write_str(&out)
                            }
                        }
                    },
                    quote!(),
                    quote!(),
                ),
                (true, true) => (
                    quote!(#[derive(Clone, Debug, Default, PartialEq, Eq)]),
                    quote!(),
                    quote!(),
                    quote!(),
                ),
                (true, false) => (
                    quote!(#[derive(Clone, Default, PartialEq, Eq)]),
                    quote!(),
                    quote! {
                        impl ::std::fmt::Debug for #ident {
                            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                f.write_str(concat!(stringify!(#ident), "(***)"))
                            }
                        }
                    },
                    quote! {
                        .map_err(|e| crate::InvalidValue::new(#name, #rule_doc, e.reason().to_owned(), ::std::option::Option::None))
                    },
                ),
            };
            let secret_const = list_secret.then(|| {
                quote!(
                    const SECRET: bool = true;
                )
            });
            quote! {
                #[doc = #doc]
                #derive
                pub struct #ident(::std::vec::Vec<#item>);
                impl #ident {
                    /// A list of values that are valid already.
                    pub fn new(items: ::std::vec::Vec<#item>) -> Self { Self(items) }
                    /// The values.
                    pub fn as_slice(&self) -> &[#item] { &self.0 }
                    /// The values, owned.
                    pub fn into_vec(self) -> ::std::vec::Vec<#item> { self.0 }
                }
                impl ::std::convert::From<::std::vec::Vec<#item>> for #ident {
                    fn from(items: ::std::vec::Vec<#item>) -> Self { Self(items) }
                }
                impl ::std::iter::FromIterator<#item> for #ident {
                    fn from_iter<I: ::std::iter::IntoIterator<Item = #item>>(iter: I) -> Self { Self(iter.into_iter().collect()) }
                }
                impl ::std::str::FromStr for #ident {
                    type Err = crate::InvalidValue;
                    /// Splits on the separator; spaces around items are allowed. An empty or
                    /// blank text is the empty list.
                    fn from_str(v: &str) -> ::std::result::Result<Self, Self::Err> {
                        crate::rt::parse_list(v, #sep, #name, #rule_doc, #item_name)#hide.map(Self)
                    }
                }
                #display
                #debug
                impl crate::rt::Wire for #ident {
                    #secret_const
                    fn wire(&self, out: &mut ::std::string::String) { crate::rt::join(out, &self.0, #sep) }
                    fn is_blank(&self) -> bool { self.0.is_empty() }
                }
                impl crate::rt::FromArg for #ident {
                    const TYPE: &'static str = #name;
                    const SEP: ::std::option::Option<char> = ::std::option::Option::Some(#sep);
                    #secret_const
                }
            }
        }
        Repr::Enum(e) => super::enums::emit(spec, t, e),
        Repr::Text if secret => secret_text(t, &ident, &doc, &invalid),
        Repr::Text => {
            let body = rules::check_body(t);
            let from_str = from_str_impls(&ident, &check, &invalid, quote!(v.to_owned()));
            quote! {
                #[doc = #doc]
                #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(::std::string::String);
                impl #ident {
                    /// The value.
                    pub fn as_str(&self) -> &str { &self.0 }
                }
                #from_str
                impl ::std::convert::TryFrom<::std::string::String> for #ident {
                    type Error = crate::InvalidValue;
                    fn try_from(v: ::std::string::String) -> ::std::result::Result<Self, Self::Error> {
                        match #check(&v) {
                            ::std::result::Result::Ok(()) => ::std::result::Result::Ok(Self(v)),
                            ::std::result::Result::Err(reason) => {
                                let v = v.as_str();
                                ::std::result::Result::Err(#invalid)
                            }
                        }
                    }
                }
                impl ::std::fmt::Debug for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.debug_tuple(stringify!(#ident)).field(&self.0).finish()
                    }
                }
                impl ::std::fmt::Display for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(&self.0) }
                }
                impl crate::rt::Wire for #ident {
                    fn wire(&self, out: &mut ::std::string::String) { out.push_str(&self.0) }
                    fn is_blank(&self) -> bool { self.0.trim().is_empty() }
                }
                impl crate::rt::FromArg for #ident {
                    const TYPE: &'static str = #name;
                }
                #body
            }
        }
    }
}
