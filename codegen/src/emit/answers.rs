//! Emits one typed answer per answer shape of the spec: a struct, and one macro call that
//! gives it its lenient serde decoder (the runtime's `decode` module holds the code; the
//! generated part is a line per field). Ids and domains are the request types, and DNS
//! records the request's own record type, so that what is read can be sent back.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{AnswerDef, AnswerShape, ArgKind, FieldKind, RecordsOf, Shape, Spec};
use crate::names;

/// The `answers` module.
pub fn emit(spec: &Spec) -> TokenStream {
    let items = spec.answers.iter().map(answer);
    let mut targets = BTreeSet::new();
    for a in &spec.answers {
        records_in(a, &mut targets);
    }
    let records = targets.iter().map(|(c, arg)| record_fields(spec, c, arg));
    let mut lenient = Vec::new();
    if spec.answers.iter().any(|a| uses(a, &FieldKind::Id)) {
        let t = names::type_ident("id");
        lenient.push(quote! { crate::decode::via_u64!(crate::types::#t); });
    }
    if spec.answers.iter().any(|a| uses(a, &FieldKind::Domain)) {
        let t = names::type_ident("domain");
        lenient.push(quote! { crate::decode::via_deserialize!(crate::types::#t); });
    }
    quote! { #(#items)* #(#records)* #(#lenient)* }
}

/// Whether an answer has a field of this kind.
fn uses(a: &AnswerDef, kind: &FieldKind) -> bool {
    fn has(k: &FieldKind, kind: &FieldKind) -> bool {
        k == kind || matches!(k, FieldKind::MapOf(inner) if has(inner, kind))
    }
    match &a.shape {
        AnswerShape::Fields(fields) => fields.iter().any(|(_, k)| has(k, kind)),
        AnswerShape::MapOf(k) | AnswerShape::ListOf(k) => has(k, kind),
        AnswerShape::Records(_) | AnswerShape::Any(_) => false,
    }
}

/// The request records an answer reads back.
fn records_in(a: &AnswerDef, out: &mut BTreeSet<(String, String)>) {
    fn walk(k: &FieldKind, out: &mut BTreeSet<(String, String)>) {
        match k {
            FieldKind::Records(r) => {
                out.insert((r.command.name.clone(), r.arg.clone()));
            }
            FieldKind::MapOf(inner) => walk(inner, out),
            _ => {}
        }
    }
    match &a.shape {
        AnswerShape::Fields(fields) => fields.iter().for_each(|(_, k)| walk(k, out)),
        AnswerShape::MapOf(k) | AnswerShape::ListOf(k) => walk(k, out),
        AnswerShape::Records(r) => {
            out.insert((r.command.name.clone(), r.arg.clone()));
        }
        AnswerShape::Any(_) => {}
    }
}

/// The request's record struct of `command`'s argument `arg`, named as the requests
/// emitter names it.
fn record_ident(command: &str, arg: &str) -> proc_macro2::Ident {
    format_ident!("{}{}Item", names::type_ident(command), names::camel(arg))
}

/// `Fields` for a request's record struct, so that an answer can read it back.
fn record_fields(spec: &Spec, command: &str, arg: &str) -> TokenStream {
    let ident = record_ident(command, arg);
    let fields = spec
        .commands
        .iter()
        .find(|c| c.def.name.name == command)
        .and_then(|c| match &c.shape {
            Shape::Single(args) => args.iter().find(|a| a.name.name == arg),
            Shape::Bulk { .. } => None,
        })
        .and_then(|a| match &a.kind {
            ArgKind::Array { fields, .. } => Some(fields.as_slice()),
            _ => None,
        })
        .unwrap_or_default();
    let arms = fields.iter().map(|f| {
        let (key, name) = (&f.name.name, names::field(&f.name.name));
        quote! { #key => #name }
    });
    quote! { crate::decode::record_fields!(crate::requests::#ident { #(#arms),* }); }
}

fn rust_type(kind: &FieldKind) -> TokenStream {
    match kind {
        FieldKind::Int => quote!(i64),
        FieldKind::Id => quote!(crate::types::Id),
        FieldKind::Text => quote!(::std::string::String),
        FieldKind::Domain => quote!(crate::types::Domain),
        FieldKind::Flag => quote!(bool),
        FieldKind::Money => quote!(crate::Money),
        FieldKind::List => quote!(::std::vec::Vec<::std::string::String>),
        FieldKind::Secret => quote!(crate::Secret),
        FieldKind::Date => quote!(::jiff::civil::Date),
        FieldKind::DateTime => quote!(::jiff::civil::DateTime),
        FieldKind::Shape(n) => {
            let t = names::type_ident(&n.name);
            quote!(#t)
        }
        FieldKind::MapOf(inner) => {
            let t = rust_type(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #t>)
        }
        FieldKind::Records(r) => records_type(r),
        FieldKind::Any(_) => quote!(::serde_json::Value),
    }
}

fn records_type(r: &RecordsOf) -> TokenStream {
    let item = record_ident(&r.command.name, &r.arg);
    quote!(::std::collections::BTreeMap<u64, crate::requests::#item>)
}

/// The doc of a field: its name, and what its kind accepts.
fn field_doc(name: &str, kind: &FieldKind) -> String {
    let what = match kind {
        FieldKind::Int => "a whole number (also as digits in text)".to_owned(),
        FieldKind::Id => "an id, as requests take it".to_owned(),
        FieldKind::Text => "text".to_owned(),
        FieldKind::Domain => "a domain, as requests take it".to_owned(),
        FieldKind::Flag => "a flag (`1`/`0`, `true`/`false`, also as text)".to_owned(),
        FieldKind::Money => "an amount, exactly as the API wrote it".to_owned(),
        FieldKind::List => "a list (an array, or comma-joined text)".to_owned(),
        FieldKind::Secret => "a secret, shown as `***`".to_owned(),
        FieldKind::Date => "a date (`YYYY-MM-DD`)".to_owned(),
        FieldKind::DateTime => "a date and time".to_owned(),
        FieldKind::Shape(n) => format!("a [`{}`]", names::type_ident(&n.name)),
        FieldKind::MapOf(_) => "free keys, each a value of one kind".to_owned(),
        FieldKind::Records(r) => format!(
            "records keyed by number, as `{}` takes them back",
            r.command.name
        ),
        FieldKind::Any(why) => format!("any JSON, kept raw: {}", super::md(why)),
    };
    format!("`{name}`: {what}.")
}

fn answer(a: &AnswerDef) -> TokenStream {
    let ident = names::type_ident(&a.name.name);
    let mut doc = format!("`{}`: {}", a.name.name, super::md(&a.doc));
    if let Some(source) = &a.source {
        doc.push_str(&format!("\n\nSource: {}.", super::md(source)));
    }
    match &a.shape {
        AnswerShape::Fields(fields) => {
            doc.push_str("\n\nEvery field is optional (`null` is absent); fields the spec does not name are kept in `extra`.");
            let decls = fields.iter().map(|(name, kind)| {
                let f = names::field(&name.name);
                let ty = rust_type(kind);
                let doc = field_doc(&name.name, kind);
                quote! { #[doc = #doc] pub #f: ::std::option::Option<#ty>, }
            });
            let arms = fields.iter().map(|(name, _)| {
                let (key, f) = (&name.name, names::field(&name.name));
                quote! { #key => #f }
            });
            quote! {
                #[doc = #doc]
                #[derive(Clone, Debug, Default, PartialEq)]
                #[non_exhaustive]
                pub struct #ident {
                    #(#decls)*
                    /// Fields the spec does not name, as the API sent them.
                    pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                }
                crate::decode::fields_answer!(#ident { #(#arms),* });
            }
        }
        AnswerShape::MapOf(kind) => {
            let ty = rust_type(kind);
            let get = quote! {
                impl #ident {
                    /// The value under `key`.
                    pub fn get(&self, key: &str) -> ::std::option::Option<&#ty> {
                        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
                    }
                }
            };
            wrapped(
                (&ident, &doc),
                (
                    quote!(entries),
                    " The entries, in the answer's order (`null` values left out).",
                ),
                quote!(::std::vec::Vec<(::std::string::String, #ty)>),
                get,
                quote!(crate::decode::entries),
            )
        }
        AnswerShape::ListOf(kind) => {
            let ty = rust_type(kind);
            wrapped(
                (&ident, &doc),
                (
                    quote!(items),
                    " The items (an array, or comma-joined text).",
                ),
                quote!(::std::vec::Vec<#ty>),
                TokenStream::new(),
                quote!(crate::decode::or_default),
            )
        }
        AnswerShape::Records(r) => {
            let ty = records_type(r);
            let doc = format!(
                "{doc}\n\nThe records are `{}`'s own record type: change one and send it back.",
                r.command.name
            );
            quote! {
                #[doc = #doc]
                #[derive(Clone, Debug, Default, PartialEq)]
                #[non_exhaustive]
                pub struct #ident {
                    /// The records, keyed by number.
                    pub records: #ty,
                }
                crate::decode::wrapped_answer!(#ident, records, crate::decode::or_default);
            }
        }
        AnswerShape::Any(why) => {
            let doc = format!("{doc}\n\nAny JSON, kept raw: {}.", super::md(why));
            quote! {
                #[doc = #doc]
                pub type #ident = ::serde_json::Value;
            }
        }
    }
}

/// An answer struct that wraps one field (`entries`, `items`), its `methods`, and its
/// decoding by `reader`.
fn wrapped(
    (ident, doc): (&proc_macro2::Ident, &str),
    (field, field_doc): (TokenStream, &str),
    ty: TokenStream,
    methods: TokenStream,
    reader: TokenStream,
) -> TokenStream {
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #ident {
            #[doc = #field_doc]
            pub #field: #ty,
        }
        #methods
        crate::decode::wrapped_answer!(#ident, #field, #reader);
    }
}
