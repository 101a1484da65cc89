//! How a request's arguments are written, per kind of argument: into the form
//! (`write`, what is sent) and into the serde form that mirrors it (`Serialize`); and the
//! public types that flags (`bool`) and dates (`jiff::civil::Date`) take there.

use proc_macro2::TokenStream;
use quote::quote;

use super::repr::Repr;
use crate::model::{Arg, ArgKind, CharClass, Rule, Spec};
use crate::names;

/// The flag type of an argument, when its type is a flag: such an argument is a plain
/// `bool` in the public API, written through its type.
pub(super) fn flag(spec: &Spec, a: &Arg) -> Option<proc_macro2::Ident> {
    match &a.kind {
        ArgKind::Type(t) => spec
            .ty(&t.name)
            .filter(|ty| matches!(super::repr::repr(spec, ty), Repr::Bool))
            .map(|_| names::value_type(spec, &t.name)),
        _ => None,
    }
}

/// The type of an argument, when its rule is a date: such an argument is a
/// `jiff::civil::Date` in the public API (the date an answer gives is passed back as it
/// is), read and checked through its type and written `YYYY-MM-DD`.
pub(super) fn date(spec: &Spec, a: &Arg) -> Option<proc_macro2::Ident> {
    match &a.kind {
        ArgKind::Type(t) => spec
            .ty(&t.name)
            .filter(|ty| matches!(ty.resolved, Rule::Date))
            .map(|_| names::value_type(spec, &t.name)),
        _ => None,
    }
}

/// One argument's entry in the serde form, which mirrors the form: left out when not
/// given (or blank, which a reader takes as not given), records nested by their number
/// (flattened ones at the top), dates as `YYYY-MM-DD` text. The runtime's helpers keep it
/// one line an argument.
pub(super) fn serialize_field(spec: &Spec, a: &Arg) -> TokenStream {
    let f = names::field(&a.name.name);
    let n = &a.name.name;
    match &a.kind {
        ArgKind::Type(_) if date(spec, a).is_some() => {
            if a.required {
                quote! { crate::serde_impl::date(&mut m, #n, ::std::option::Option::Some(&self.#f))?; }
            } else {
                quote! { crate::serde_impl::date(&mut m, #n, self.#f.as_ref())?; }
            }
        }
        ArgKind::Type(_) if a.required => quote! { m.serialize_entry(#n, &self.#f)?; },
        ArgKind::Type(_) if flag(spec, a).is_some() => {
            quote! { crate::serde_impl::flag(&mut m, #n, self.#f)?; }
        }
        ArgKind::Type(_) => quote! { crate::serde_impl::opt(&mut m, #n, &self.#f)?; },
        ArgKind::Array { flatten: true, .. } => quote! {
            for (key, record) in &self.#f { m.serialize_entry(key, record)?; }
        },
        ArgKind::Array { flatten: false, .. } | ArgKind::MapOf(_) => {
            quote! { crate::serde_impl::many(&mut m, #n, &self.#f)?; }
        }
    }
}

pub(super) fn write_field(spec: &Spec, a: &Arg, key: Option<&str>) -> TokenStream {
    let f = names::field(&a.name.name);
    let n = &a.name.name;
    let flag = flag(spec, a);
    let stmt = match &a.kind {
        ArgKind::Type(_) if flag.is_some() && a.required => {
            quote! { w.field(#n, &crate::types::#flag::from(self.#f)); }
        }
        ArgKind::Type(_) if flag.is_some() => quote! {
            if let ::std::option::Option::Some(v) = self.#f { w.field(#n, &crate::types::#flag::from(v)); }
        },
        ArgKind::Type(_) if a.required => quote! { w.field(#n, &self.#f); },
        // A blank optional value means "not given" to whoever reads the form: never send
        // one. Only types that can hold a blank value pay for the check.
        ArgKind::Type(t)
            if spec
                .ty(&t.name)
                .is_some_and(|ty| can_be_blank(spec, &ty.resolved)) =>
        {
            quote! {
                if let ::std::option::Option::Some(v) = &self.#f {
                    if !crate::rt::Wire::is_blank(v) { w.field(#n, v); }
                }
            }
        }
        ArgKind::Type(_) => {
            quote! { if let ::std::option::Option::Some(v) = &self.#f { w.field(#n, v); } }
        }
        ArgKind::Array { flatten: true, .. } => quote! {
            for (key, record) in &self.#f { w.nest_index(*key, |w| record.write(w, false)); }
        },
        ArgKind::Array { flatten: false, .. } => quote! {
            if !self.#f.is_empty() {
                w.nest(#n, |w| for (key, record) in &self.#f { w.nest_index(*key, |w| record.write(w, false)); });
            }
        },
        ArgKind::MapOf(_) => quote! {
            if !self.#f.is_empty() {
                w.nest(#n, |w| for (key, value) in &self.#f { w.field(key, value); });
            }
        },
    };
    if key == Some(n.as_str()) {
        quote! { if !skip_key { #stmt } }
    } else {
        stmt
    }
}

/// Whether a value of a type with `rule` can be blank as `Wire::is_blank` sees it: an empty
/// list, or text that is empty or only whitespace. Numbers and flags never are (a zero is a
/// value). When unsure it says yes: the check it leads to costs little.
fn can_be_blank(spec: &Spec, rule: &Rule) -> bool {
    // A part's or an alternative's rule may name a type: its resolved rule, which `check`
    // has set, decides.
    let rule = match rule {
        Rule::Type(t) => match spec.ty(&t.name) {
            Some(ty) => &ty.resolved,
            None => return true,
        },
        r => r,
    };
    match rule {
        Rule::List { .. } => true,
        Rule::Int { .. } | Rule::Bool | Rule::Date | Rule::Ip => false,
        Rule::Text(t) => {
            let empty = t.min_len.unwrap_or(0) == 0 && t.prefix.is_empty();
            let space = |classes: &[CharClass]| {
                classes
                    .iter()
                    .any(|c| matches!(c, CharClass::Chars(s) if s.contains(' ')))
            };
            let spaces = t.chars.as_deref().is_none_or(space)
                && t.first.as_deref().is_none_or(space)
                && !space(&t.forbid)
                && t.prefix.iter().all(|p| p.trim().is_empty());
            empty || spaces
        }
        // Blank text is one part, and then the part's own rule decides.
        Rule::Parts(p) => {
            p.min.unwrap_or(0) <= 1 && can_be_blank(spec, p.first.as_deref().unwrap_or(&p.each))
        }
        Rule::Literal(values) => values.iter().any(|v| v.trim().is_empty()),
        Rule::Enum(e) => e.values.iter().any(|v| v.value.trim().is_empty()),
        Rule::AnyOf(rules) => rules.iter().any(|r| can_be_blank(spec, r)),
        // A resolved rule names no type; one left here is a type `check` could not find.
        Rule::Type(_) => true,
    }
}
