//! Emits one request struct per command: required arguments are constructor parameters,
//! optional ones `Option` fields with setters; each struct parses itself from the
//! form-mirroring argument tree, checks the rules that span arguments (required, one-of),
//! and writes itself into a form. The tree is also each struct's serde form: `Serialize`
//! writes it, and `Deserialize` reads it with the same reader (see `rt::deserialize`).

use proc_macro2::TokenStream;
use quote::quote;

use super::command::{command_impl, item_ident, serde_impls};
use super::fields::{date, flag, serialize_field, write_field};
use super::reading::{check_field, group_check, parse_field};
use super::repr::Repr;
use crate::model::{Arg, ArgKind, Command, Shape, Spec};
use crate::names;

/// Every request struct (single and bulk) and its `Command` impl.
pub fn emit(spec: &Spec) -> TokenStream {
    let items = spec
        .commands
        .iter()
        .enumerate()
        .map(|(i, c)| match &c.shape {
            Shape::Single(args) => {
                let key = key_of(spec, i);
                let ident = names::command_type(&c.def);
                let body = record(
                    spec,
                    &ident,
                    &c.def.name.name,
                    &struct_doc(spec, c),
                    args,
                    key.as_deref(),
                    &c.groups,
                );
                let name = &c.def.name.name;
                let command = command_impl(
                    &ident,
                    c,
                    super::client::output_type(spec, c),
                    quote! { self.check_in(&crate::rt::At::root(#name)) },
                    quote! { self.write(w, false) },
                    None,
                );
                let same_as = same_as_conversion(spec, c, &ident, args);
                quote! { #body #command #same_as }
            }
            Shape::Bulk { item, key } => {
                super::bulk::emit(spec, c, &spec.commands[*item], key.as_deref())
            }
        });
    quote! { #(#items)* }
}

/// `From<&Self> for Target` when the command is "same as" `Target`: the same arguments, so
/// a handler of the one serves the other. Not for commands with record arguments, whose
/// record structs are each command's own.
fn same_as_conversion(
    spec: &Spec,
    c: &Command,
    ident: &proc_macro2::Ident,
    args: &[Arg],
) -> TokenStream {
    let crate::model::Body::SameAs(target) = &c.def.body else {
        return quote! {};
    };
    if args.iter().any(|a| matches!(a.kind, ArgKind::Array { .. })) {
        return quote! {};
    }
    let Some(target_cmd) = spec
        .commands
        .iter()
        .find(|t| t.def.name.name == target.name)
    else {
        return quote! {};
    };
    let target_ident = names::command_type(&target_cmd.def);
    let doc = format!(
        "`{}` takes the arguments of `{}`.",
        c.def.name.name, target.name
    );
    let fields = args.iter().map(|a| {
        let f = names::field(&a.name.name);
        // Integers, flags and enums are `Copy`; the rest is cloned.
        let copy = date(spec, a).is_some()
            || match &a.kind {
                ArgKind::Type(t) => spec.ty(&t.name).is_some_and(|ty| {
                    matches!(
                        super::repr::repr(spec, ty),
                        Repr::Int | Repr::Bool | Repr::Enum(_)
                    )
                }),
                _ => false,
            };
        if copy {
            quote! { #f: r.#f }
        } else {
            quote! { #f: r.#f.clone() }
        }
    });
    quote! {
        #[doc = #doc]
        impl ::std::convert::From<&#ident> for #target_ident {
            fn from(r: &#ident) -> Self {
                Self { #(#fields),* }
            }
        }
    }
}

/// The argument by which some bulk command keys items of command `i`, if any.
fn key_of(spec: &Spec, i: usize) -> Option<String> {
    spec.commands.iter().find_map(|c| match &c.shape {
        Shape::Bulk { item, key: Some(k) } if *item == i => Some(k.clone()),
        _ => None,
    })
}

fn struct_doc(spec: &Spec, c: &Command) -> String {
    let mut doc = format!(
        "`{}`: {}.",
        c.def.name.name,
        super::md(c.def.description.trim_end_matches('.'))
    );
    if let Some(note) = super::client::alias_note(spec, c) {
        doc.push_str(&format!("\n\n{note}"));
    }
    if c.def.long {
        doc.push_str("\n\nThis command can take up to 10 minutes; the client waits that long for its answer.");
    }
    doc
}

/// The Rust type of an argument's field.
fn field_type(spec: &Spec, owner: &proc_macro2::Ident, a: &Arg) -> TokenStream {
    match &a.kind {
        ArgKind::Type(_) if flag(spec, a).is_some() => {
            if a.required {
                quote!(bool)
            } else {
                quote!(::std::option::Option<bool>)
            }
        }
        ArgKind::Type(_) if date(spec, a).is_some() => {
            if a.required {
                quote!(::jiff::civil::Date)
            } else {
                quote!(::std::option::Option<::jiff::civil::Date>)
            }
        }
        ArgKind::Type(t) => {
            let t = names::value_type(spec, &t.name);
            if a.required {
                quote!(crate::types::#t)
            } else {
                quote!(::std::option::Option<crate::types::#t>)
            }
        }
        ArgKind::Array { .. } => {
            let item = item_ident(owner, a);
            quote!(::std::collections::BTreeMap<u64, #item>)
        }
        ArgKind::MapOf(t) => {
            let t = names::value_type(spec, &t.name);
            quote!(::std::collections::BTreeMap<::std::string::String, crate::types::#t>)
        }
    }
}

fn arg_doc(spec: &Spec, a: &Arg) -> String {
    let mut doc = format!("`{}`", a.name.name);
    match &a.kind {
        ArgKind::Type(t) => {
            doc.push_str(&format!(" ({}", t.name));
            if a.required {
                doc.push_str(", required");
            }
            doc.push(')');
            if let Some(ty) = spec.ty(&t.name) {
                doc.push_str(&format!(": {}", super::md(&ty.doc)));
            }
        }
        ArgKind::Array { .. } => doc.push_str(": records keyed by number"),
        ArgKind::MapOf(t) => doc.push_str(&format!(": free keys, each a {}", t.name)),
    }
    if let Some(d) = &a.default {
        doc.push_str(&format!(
            "\n\nDefault (applied by the API when left out): `{d}`."
        ));
    }
    if let Some(d) = &a.doc {
        doc.push_str(&format!("\n\n{}", super::md(d)));
    }
    if let Some(o) = &a.ours {
        doc.push_str(&format!(
            "\n\n*Our inference*, not the seed's: {}.",
            super::md(o)
        ));
    }
    doc
}

/// A struct of arguments: a command's request, or one record of an `array` argument.
/// `key` is the argument a bulk twin keys items by (left out of the item's form then).
pub fn record(
    spec: &Spec,
    ident: &proc_macro2::Ident,
    command: &str,
    doc: &str,
    args: &[Arg],
    key: Option<&str>,
    groups: &[Vec<String>],
) -> TokenStream {
    let fields = args.iter().map(|a| {
        let f = names::field(&a.name.name);
        let ty = field_type(spec, ident, a);
        let doc = arg_doc(spec, a);
        quote! { #[doc = #doc] pub #f: #ty, }
    });
    let required: Vec<&Arg> = args
        .iter()
        .filter(|a| a.required && matches!(a.kind, ArgKind::Type(_)))
        .collect();
    let params = required.iter().map(|a| {
        let f = names::field(&a.name.name);
        let ty = field_type(spec, ident, a);
        quote! { #f: #ty }
    });
    let inits = args.iter().map(|a| {
        let f = names::field(&a.name.name);
        match &a.kind {
            ArgKind::Type(_) if a.required => quote! { #f },
            ArgKind::Type(_) => quote! { #f: ::std::option::Option::None },
            _ => quote! { #f: ::std::collections::BTreeMap::new() },
        }
    });
    let setters = args
        .iter()
        .filter(|a| !(a.required && matches!(a.kind, ArgKind::Type(_))))
        .map(|a| setter(spec, ident, a));
    let parse = args.iter().map(|a| parse_field(spec, ident, a));
    let known: Vec<&str> = args
        .iter()
        .filter(|a| !matches!(a.kind, ArgKind::Array { flatten: true, .. }))
        .map(|a| a.name.name.as_str())
        .collect();
    let flattened = args
        .iter()
        .any(|a| matches!(a.kind, ArgKind::Array { flatten: true, .. }));
    let checks: Vec<TokenStream> = args
        .iter()
        .map(|a| check_field(spec, a))
        .filter(|c| !c.is_empty())
        .collect();
    let group_checks = groups.iter().map(|g| group_check(args, g));
    let writes = args.iter().map(|a| write_field(spec, a, key));
    // Parameters a body does not use are named `_` here, not silenced by an `allow`.
    let at = if checks.is_empty() && groups.is_empty() {
        quote!(_at)
    } else {
        quote!(at)
    };
    let w = if args.is_empty() {
        quote!(_w)
    } else {
        quote!(w)
    };
    let new_allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let skip = if key.is_some() {
        quote!(skip_key)
    } else {
        quote!(_skip_key)
    };
    let new_doc = if required.is_empty() {
        "A request with no arguments set.".to_owned()
    } else {
        "A request with its required arguments; set the others with the methods below.".to_owned()
    };
    let records = items(spec, ident, command, args);
    let entries = args.iter().map(|a| serialize_field(spec, a));
    let m = if args.is_empty() {
        quote!(m)
    } else {
        quote!(mut m)
    };
    let serde = serde_impls(
        ident,
        quote! { crate::rt::deserialize_args(d, #command, Self::parse_in) },
        quote! {
            use ::serde::ser::SerializeMap as _;
            let #m = s.serialize_map(::std::option::Option::None)?;
            #(#entries)*
            m.end()
        },
    );
    let derive_default = if required.is_empty() {
        quote!(Default,)
    } else {
        quote!()
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq, #derive_default)]
        #[non_exhaustive]
        pub struct #ident { #(#fields)* }

        impl #ident {
            #[doc = #new_doc]
            #new_allow
            pub fn new(#(#params),*) -> Self { Self { #(#inits),* } }
            #(#setters)*

            /// Reads the arguments (an object of argument names, in the JSON tree that
            /// mirrors the form), validating each: the reader behind `Deserialize`.
            pub(crate) fn parse_in(a: &crate::rt::Args<'_>) -> ::std::result::Result<Self, crate::ValidationError> {
                a.only(&[#(#known),*], #flattened)?;
                let this = Self { #(#parse),* };
                this.check_in(a.at())?;
                ::std::result::Result::Ok(this)
            }

            pub(crate) fn check_in(&self, #at: &crate::rt::At<'_>) -> ::std::result::Result<(), crate::ValidationError> {
                #(#checks)*
                #(#group_checks)*
                ::std::result::Result::Ok(())
            }

            pub(crate) fn write(&self, #w: &mut crate::rt::FormWriter, #skip: bool) {
                #(#writes)*
            }
        }
        #serde
        #records
    }
}

/// The record structs of a struct's `array` arguments.
fn items(spec: &Spec, owner: &proc_macro2::Ident, command: &str, args: &[Arg]) -> TokenStream {
    args.iter()
        .filter_map(|a| match &a.kind {
            ArgKind::Array { fields, .. } => {
                let ident = item_ident(owner, a);
                let doc = format!("One record of `{}`'s argument `{}`.", command, a.name.name);
                Some(record(spec, &ident, command, &doc, fields, None, &[]))
            }
            _ => None,
        })
        .collect()
}

fn setter(spec: &Spec, owner: &proc_macro2::Ident, a: &Arg) -> TokenStream {
    let f = names::field(&a.name.name);
    let doc = format!("Sets `{}`.", a.name.name);
    match &a.kind {
        ArgKind::Type(_) if flag(spec, a).is_some() => quote! {
            #[doc = #doc]
            pub fn #f(mut self, value: bool) -> Self { self.#f = ::std::option::Option::Some(value); self }
        },
        ArgKind::Type(_) if date(spec, a).is_some() => quote! {
            #[doc = #doc]
            pub fn #f(mut self, value: ::jiff::civil::Date) -> Self { self.#f = ::std::option::Option::Some(value); self }
        },
        ArgKind::Type(t) => {
            let t = names::value_type(spec, &t.name);
            quote! {
                #[doc = #doc]
                pub fn #f(mut self, value: crate::types::#t) -> Self { self.#f = ::std::option::Option::Some(value); self }
            }
        }
        ArgKind::Array { .. } => {
            let item = item_ident(owner, a);
            let doc = format!("Adds a record to `{}` under `key`.", a.name.name);
            quote! {
                #[doc = #doc]
                pub fn #f(mut self, key: u64, record: #item) -> Self { self.#f.insert(key, record); self }
            }
        }
        ArgKind::MapOf(t) => {
            let t = names::value_type(spec, &t.name);
            let doc = format!("Adds an entry to `{}`.", a.name.name);
            quote! {
                #[doc = #doc]
                pub fn #f(mut self, key: impl ::std::convert::Into<::std::string::String>, value: crate::types::#t) -> Self { self.#f.insert(key.into(), value); self }
            }
        }
    }
}
