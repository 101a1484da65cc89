//! Emits one validated newtype per argument type. The only ways in are `FromStr` and
//! `TryFrom`, which apply the type's rule; the inner value is readable, never writable.

use proc_macro2::TokenStream;
use quote::quote;

use super::rules;
use crate::model::{Rule, Spec, TypeDef};
use crate::names;

/// How a type is held in Rust.
pub enum Repr<'a> {
    /// A `u64`.
    Int,
    /// A `bool`.
    Bool,
    /// A `Vec` of another type, joined by `sep` on the wire.
    List { of: &'a str, sep: char },
    /// A `String`.
    Text,
}

/// How `t` is held: a type whose rule is another type's is held as that one is.
pub fn repr<'a>(spec: &'a Spec, t: &'a TypeDef) -> Repr<'a> {
    match crate::check::resolve(&spec.types, &t.rule) {
        Rule::Int { .. } => Repr::Int,
        Rule::Bool => Repr::Bool,
        Rule::List { of, sep } => Repr::List {
            of: &of.name,
            sep: *sep,
        },
        _ => Repr::Text,
    }
}

/// The range check of an integer type, on a `u64` named `n`: the same reasons as its
/// text rule gives, the value formatted only for an error.
fn int_bounds(spec: &Spec, t: &TypeDef) -> TokenStream {
    let (name, rule_doc, secret) = (&t.name.name, &t.doc, t.secret);
    let Rule::Int { min, max } = crate::check::resolve(&spec.types, &t.rule) else {
        return quote! {};
    };
    let fail = |reason: String| {
        quote! {
            let v = n.to_string();
            return ::std::result::Result::Err(crate::InvalidValue::new(#name, #rule_doc, #reason, if #secret { ::std::option::Option::None } else { ::std::option::Option::Some(v.as_str()) }));
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

/// The check function of `t`: its own rule's, or a call of the type it names.
fn check_body(t: &TypeDef) -> TokenStream {
    match &t.rule {
        Rule::Type(target) => {
            let name = rules::check_ident(&t.name.name);
            let target_fn = rules::check_ident(&target.name);
            let doc = format!("The rule of `{}`: that of `{}`.", t.name.name, target.name);
            quote! {
                #[doc = #doc]
                pub(crate) fn #name(v: &str) -> ::std::result::Result<(), &'static str> { #target_fn(v) }
            }
        }
        _ => rules::check_fn(t),
    }
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
    let ident = names::type_ident(&t.name.name);
    let name = &t.name.name;
    let mut doc = format!("`{name}`: {}", super::md(&t.doc));
    if let Some(ours) = &t.ours {
        doc.push_str(&format!(
            "\n\n*Our definition* (the seed does not define this type): {}.",
            super::md(ours)
        ));
    }
    if !t.examples.is_empty() {
        doc.push_str(&format!(
            "\n\nExamples: {}.",
            t.examples
                .iter()
                .map(|e| format!("`{e:?}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let rule_doc = &t.doc;
    let secret = t.secret;
    let check = rules::check_ident(name);
    let invalid = quote! {
        crate::InvalidValue::new(#name, #rule_doc, reason, if #secret { ::std::option::Option::None } else { ::std::option::Option::Some(v) })
    };
    match repr(spec, t) {
        Repr::Int => {
            let body = check_body(t);
            let bounds = int_bounds(spec, t);
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
            let body = check_body(t);
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
            let item = names::type_ident(of);
            let item_name = of;
            let item_secret = spec.ty(of).is_some_and(|i| i.secret);
            let _ = item_secret;
            quote! {
                #[doc = #doc]
                #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
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
                        crate::rt::parse_list(v, #sep, #name, #rule_doc, #item_name).map(Self)
                    }
                }
                impl ::std::fmt::Display for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        let mut out = ::std::string::String::new();
                        crate::rt::Wire::wire(self, &mut out);
                        f.write_str(&out)
                    }
                }
                impl crate::rt::Wire for #ident {
                    fn wire(&self, out: &mut ::std::string::String) { crate::rt::join(out, &self.0, #sep) }
                    fn is_blank(&self) -> bool { self.0.is_empty() }
                }
                impl crate::rt::FromArg for #ident {
                    const TYPE: &'static str = #name;
                    const SEP: ::std::option::Option<char> = ::std::option::Option::Some(#sep);
                }
            }
        }
        Repr::Text => {
            let body = check_body(t);
            let (debug, display) = if secret {
                (
                    quote! {
                        impl ::std::fmt::Debug for #ident {
                            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                f.write_str(concat!(stringify!(#ident), "(***)"))
                            }
                        }
                    },
                    quote! {},
                )
            } else {
                (
                    quote! {
                        impl ::std::fmt::Debug for #ident {
                            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                                f.debug_tuple(stringify!(#ident)).field(&self.0).finish()
                            }
                        }
                    },
                    quote! {
                        impl ::std::fmt::Display for #ident {
                            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(&self.0) }
                        }
                    },
                )
            };
            let expose_doc = if secret {
                "The secret itself: keep it out of logs."
            } else {
                "The value."
            };
            quote! {
                #[doc = #doc]
                #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(::std::string::String);
                impl #ident {
                    #[doc = #expose_doc]
                    pub fn as_str(&self) -> &str { &self.0 }
                }
                impl ::std::str::FromStr for #ident {
                    type Err = crate::InvalidValue;
                    fn from_str(v: &str) -> ::std::result::Result<Self, Self::Err> {
                        match #check(v) {
                            ::std::result::Result::Ok(()) => ::std::result::Result::Ok(Self(v.to_owned())),
                            ::std::result::Result::Err(reason) => ::std::result::Result::Err(#invalid),
                        }
                    }
                }
                impl ::std::convert::TryFrom<&str> for #ident {
                    type Error = crate::InvalidValue;
                    fn try_from(v: &str) -> ::std::result::Result<Self, Self::Error> { v.parse() }
                }
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
                #debug
                #display
                impl crate::rt::Wire for #ident {
                    fn wire(&self, out: &mut ::std::string::String) { out.push_str(&self.0) }
                    fn is_blank(&self) -> bool { self.0.trim().is_empty() }
                }
                impl crate::rt::FromArg for #ident {
                    const TYPE: &'static str = #name;
                    const SECRET: bool = #secret;
                }
                #body
            }
        }
    }
}
