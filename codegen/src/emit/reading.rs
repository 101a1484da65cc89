//! How a request's arguments are read and checked, per argument: its line of the
//! generated `parse_in` (through the runtime's argument reader), the rules that span
//! arguments (`required`), and the argument groups (`require_one_of`).

use proc_macro2::TokenStream;
use quote::quote;

use super::command::item_ident;
use super::fields::{date, flag};
use crate::model::{Arg, ArgKind, Spec};
use crate::names;

pub(super) fn parse_field(spec: &Spec, owner: &proc_macro2::Ident, a: &Arg) -> TokenStream {
    let f = names::field(&a.name.name);
    let n = &a.name.name;
    if let Some(t) = flag(spec, a) {
        return if a.required {
            quote! { #f: a.required::<crate::types::#t>(#n)?.get() }
        } else {
            quote! { #f: a.optional::<crate::types::#t>(#n)?.map(crate::types::#t::get) }
        };
    }
    if let Some(t) = date(spec, a) {
        return if a.required {
            quote! { #f: a.required_date::<crate::types::#t>(#n)? }
        } else {
            quote! { #f: a.optional_date::<crate::types::#t>(#n)? }
        };
    }
    match &a.kind {
        ArgKind::Type(_) if a.required => quote! { #f: a.required(#n)? },
        ArgKind::Type(_) => quote! { #f: a.optional(#n)? },
        ArgKind::Array { flatten, .. } => {
            let item = item_ident(owner, a);
            let under = if *flatten {
                quote!(::std::option::Option::None)
            } else {
                quote!(::std::option::Option::Some(#n))
            };
            quote! { #f: a.records(#under, #item::parse_in)? }
        }
        ArgKind::MapOf(_) => quote! { #f: a.map_of(#n)? },
    }
}

pub(super) fn check_field(spec: &Spec, a: &Arg) -> TokenStream {
    let f = names::field(&a.name.name);
    let n = &a.name.name;
    let mut out = Vec::new();
    match &a.kind {
        // A flag is never empty: `false` is a value.
        ArgKind::Type(_) if flag(spec, a).is_some() => {}
        // A date is never blank; a date made in Rust may still be one the rule refuses
        // (jiff takes years before 1).
        ArgKind::Type(_) if date(spec, a).is_some() => {
            let t = date(spec, a);
            out.push(if a.required {
                quote! { crate::date::check::<crate::types::#t>(at, #n, &self.#f)?; }
            } else {
                quote! { if let ::std::option::Option::Some(v) = &self.#f { crate::date::check::<crate::types::#t>(at, #n, v)?; } }
            });
        }
        ArgKind::Type(_) => {
            if a.required {
                out.push(quote! { crate::rt::require(at, #n, &self.#f)?; });
            }
        }
        ArgKind::Array { flatten, .. } => {
            if a.required {
                out.push(quote! { crate::rt::require_some(at, #n, self.#f.is_empty())?; });
            }
            let at = if *flatten {
                quote!(at.index(*key))
            } else {
                quote!(at.nest(#n).index(*key))
            };
            out.push(quote! { for (key, record) in &self.#f { record.check_in(&#at)?; } });
        }
        ArgKind::MapOf(_) => {
            if a.required {
                out.push(quote! { crate::rt::require_some(at, #n, self.#f.is_empty())?; });
            }
        }
    }
    quote! { #(#out)* }
}

/// At least one of a group's arguments is given (`check` made sure they are optional
/// arguments of this struct).
pub(super) fn group_check(args: &[Arg], group: &[String]) -> TokenStream {
    let given = group.iter().filter_map(|n| {
        let a = args.iter().find(|a| &a.name.name == n)?;
        let f = names::field(n);
        Some(match &a.kind {
            ArgKind::Type(_) => quote!(self.#f.is_some()),
            _ => quote!(!self.#f.is_empty()),
        })
    });
    quote! {
        if !(#(#given)||*) {
            return ::std::result::Result::Err(at.error_here(crate::Problem::MissingOneOf { group: &[#(#group),*] }));
        }
    }
}
