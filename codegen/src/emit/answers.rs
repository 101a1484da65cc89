//! Emits one decoder per answer shape of the spec. The shapes are inference from public
//! code, so decoding is lenient: every field is an `Option`, and whatever the spec does
//! not name, or cannot be read as the kind it names, is kept in `extra`, never dropped.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{AnswerDef, AnswerShape, FieldKind, Spec};
use crate::names;

/// The `answers` module.
pub fn emit(spec: &Spec) -> TokenStream {
    let items = spec.answers.iter().map(answer);
    quote! { #(#items)* }
}

fn rust_type(kind: FieldKind) -> TokenStream {
    match kind {
        FieldKind::Int => quote!(i64),
        FieldKind::Text | FieldKind::Money => quote!(::std::string::String),
        FieldKind::Flag => quote!(bool),
        FieldKind::List => quote!(::std::vec::Vec<::std::string::String>),
        FieldKind::Secret => quote!(crate::Secret),
    }
}

fn reader(kind: FieldKind) -> TokenStream {
    match kind {
        FieldKind::Int => quote!(crate::rt::answer_int),
        FieldKind::Text => quote!(crate::rt::answer_text),
        FieldKind::Money => quote!(crate::rt::answer_money),
        FieldKind::Flag => quote!(crate::rt::answer_flag),
        FieldKind::List => quote!(crate::rt::answer_list),
        FieldKind::Secret => quote!(crate::rt::answer_secret),
    }
}

fn answer(a: &AnswerDef) -> TokenStream {
    let ident = names::type_ident(&a.name.name);
    let mut doc = format!("`{}`: {}", a.name.name, super::md(&a.doc));
    doc.push_str("\n\n*Our inference* of the answer's shape");
    if let Some(source) = &a.source {
        doc.push_str(&format!(" ({})", super::md(source)));
    }
    doc.push_str(": every field is optional, and what the spec does not name is kept in `extra`.");
    match &a.shape {
        AnswerShape::Fields(fields) => {
            let decls = fields.iter().map(|(name, kind)| {
                let f = names::field(&name.name);
                let ty = rust_type(*kind);
                let doc = format!("`{}`", name.name);
                quote! { #[doc = #doc] pub #f: ::std::option::Option<#ty>, }
            });
            let field_names: Vec<&str> =
                fields.iter().map(|(name, _)| name.name.as_str()).collect();
            let arms = fields.iter().map(|(name, kind)| {
                let f = names::field(&name.name);
                let n = &name.name;
                let read = reader(*kind);
                quote! {
                    #n => match #read(value) {
                        ::std::option::Option::Some(v) => this.#f = ::std::option::Option::Some(v),
                        ::std::option::Option::None => { this.extra.insert(key.clone(), value.clone()); }
                    },
                }
            });
            quote! {
                #[doc = #doc]
                #[derive(Clone, Debug, Default, PartialEq)]
                #[non_exhaustive]
                pub struct #ident {
                    #(#decls)*
                    /// Fields the spec does not name, or that are not of the kind it names.
                    pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                }

                impl #ident {
                    /// The fields the spec names, as the API spells them.
                    pub const FIELDS: &'static [&'static str] = &[#(#field_names),*];

                    /// Decodes an answer; `None` unless it is an object.
                    pub fn from_value(v: &::serde_json::Value) -> ::std::option::Option<Self> {
                        let map = v.as_object()?;
                        let mut this = Self::default();
                        for (key, value) in map {
                            match key.as_str() {
                                // A named field that is null is absent.
                                #(#field_names)|* if value.is_null() => {}
                                #(#arms)*
                                _ => { this.extra.insert(key.clone(), value.clone()); }
                            }
                        }
                        ::std::option::Option::Some(this)
                    }

                    /// Decodes rows: an array of them, or an object of them keyed by id.
                    pub fn rows(v: &::serde_json::Value) -> ::std::vec::Vec<Self> {
                        crate::rt::answer_rows(v).into_iter().filter_map(Self::from_value).collect()
                    }
                }
            }
        }
        AnswerShape::MapOf(kind) => {
            let ty = rust_type(*kind);
            let read = reader(*kind);
            quote! {
                #[doc = #doc]
                #[derive(Clone, Debug, Default, PartialEq)]
                #[non_exhaustive]
                pub struct #ident {
                    /// The entries, in the answer's order.
                    pub entries: ::std::vec::Vec<(::std::string::String, #ty)>,
                    /// Entries whose value is not of the kind the spec names.
                    pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                }

                impl #ident {
                    /// Decodes an answer; `None` unless it is an object.
                    pub fn from_value(v: &::serde_json::Value) -> ::std::option::Option<Self> {
                        let map = v.as_object()?;
                        let mut this = Self::default();
                        for (key, value) in map {
                            match #read(value) {
                                ::std::option::Option::Some(v) => this.entries.push((key.clone(), v)),
                                ::std::option::Option::None => { this.extra.insert(key.clone(), value.clone()); }
                            }
                        }
                        ::std::option::Option::Some(this)
                    }

                    /// The value under `key`.
                    pub fn get(&self, key: &str) -> ::std::option::Option<&#ty> {
                        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
                    }
                }
            }
        }
    }
}
