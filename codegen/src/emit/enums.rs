//! Emits one Rust enum per closed set of the spec (`rule: {enum: [...]}`): a unit variant
//! per wire value, named by `names::variant`, and at most one variant that holds a number
//! type (`Limit::Rows`). The only ways in are the variants themselves and `FromStr`, which
//! refuses an unknown value with the type's name and the values allowed.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{EnumRule, Spec, TypeDef};
use crate::names;

/// The enum of `t`, its `FromStr`, `Display` and wire form.
pub fn emit(spec: &Spec, t: &TypeDef, e: &EnumRule) -> TokenStream {
    let ident = names::value_type(spec, &t.name.name);
    let name = &t.name.name;
    let rule_doc = &t.doc;
    let doc = super::repr::type_doc(t);
    let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
    let variants: Vec<_> = values.iter().map(|v| names::variant(v)).collect();
    let variant_docs = e.values.iter().map(|v| match &v.doc {
        Some(d) => format!("`{}`: {}.", super::md(&v.value), super::md(d)),
        None => format!("`{}`.", super::md(&v.value)),
    });
    let listed = values
        .iter()
        .map(|v| format!("{v:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let other = e.other.as_ref().map(|o| {
        let variant = names::ident(&names::camel(&o.name.name));
        let of = names::value_type(spec, &o.of.name);
        (variant, of, &o.of.name)
    });
    let unit_fallback = match &other {
        None => {
            let reason = format!("must be one of {listed}");
            quote! { ::std::result::Result::Err(crate::InvalidValue::new(#name, #rule_doc, #reason, ::std::option::Option::Some(v))) }
        }
        Some((variant, of, of_name)) => {
            let reason = format!("must be one of {listed}, or a valid {of_name}");
            quote! {
                v.parse::<crate::types::#of>().map(Self::#variant).map_err(|_| {
                    crate::InvalidValue::new(#name, #rule_doc, #reason, ::std::option::Option::Some(v))
                })
            }
        }
    };
    let (other_variant, other_display, other_wire, other_from) = match &other {
        None => (quote!(), quote!(), quote!(), quote!()),
        Some((variant, of, of_name)) => {
            let vdoc = format!("A value of `{of_name}`.");
            let from_doc = format!("[`{ident}::{variant}`].");
            (
                quote! { #[doc = #vdoc] #variant(crate::types::#of), },
                quote! { Self::#variant(n) => ::std::fmt::Display::fmt(n, f), },
                quote! { Self::#variant(n) => crate::rt::Wire::wire(n, out), },
                quote! {
                    impl ::std::convert::From<crate::types::#of> for #ident {
                        #[doc = #from_doc]
                        fn from(n: crate::types::#of) -> Self { Self::#variant(n) }
                    }
                },
            )
        }
    };
    // A set of values alone can list itself and name each value statically.
    let closed = other.is_none().then(|| {
        quote! {
            impl #ident {
                /// Every variant, in the spec's order.
                pub const ALL: &'static [Self] = &[#(Self::#variants),*];
                /// Every wire value, in the spec's order.
                pub const VALUES: &'static [&'static str] = &[#(#values),*];
                /// The wire value.
                pub fn as_str(self) -> &'static str {
                    match self { #(Self::#variants => #values,)* }
                }
            }
        }
    });
    // A closed set writes its static text; one with a held number matches.
    let (display, wire) = if other.is_none() {
        (
            quote! { f.write_str(self.as_str()) },
            quote! { out.push_str(self.as_str()) },
        )
    } else {
        (
            quote! { match self { #( Self::#variants => f.write_str(#values), )* #other_display } },
            quote! { match self { #( Self::#variants => out.push_str(#values), )* #other_wire } },
        )
    };
    let is_blank = blank_check(&values, &variants, other.as_ref().map(|o| &o.0));
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #( #[doc = #variant_docs] #variants, )*
            #other_variant
        }
        #closed
        impl ::std::str::FromStr for #ident {
            type Err = crate::InvalidValue;
            fn from_str(v: &str) -> ::std::result::Result<Self, Self::Err> {
                match v {
                    #( #values => ::std::result::Result::Ok(Self::#variants), )*
                    _ => #unit_fallback,
                }
            }
        }
        impl ::std::convert::TryFrom<&str> for #ident {
            type Error = crate::InvalidValue;
            fn try_from(v: &str) -> ::std::result::Result<Self, Self::Error> { v.parse() }
        }
        #other_from
        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { #display }
        }
        impl crate::rt::Wire for #ident {
            fn wire(&self, out: &mut ::std::string::String) { #wire }
            fn is_blank(&self) -> bool { #is_blank }
        }
        impl crate::rt::FromArg for #ident {
            const TYPE: &'static str = #name;
        }
    }
}

/// `Wire::is_blank` of an enum, decided here: `false` when no value is blank, else a match
/// of the blank values (and the held number's own check).
fn blank_check(
    values: &[&str],
    variants: &[proc_macro2::Ident],
    other: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let blank: Vec<_> = values
        .iter()
        .zip(variants)
        .filter(|(v, _)| v.trim().is_empty())
        .map(|(_, i)| i)
        .collect();
    let held = other.map(|o| quote! { Self::#o(n) => crate::rt::Wire::is_blank(n), });
    if blank.is_empty() && held.is_none() {
        return quote!(false);
    }
    let arm = (!blank.is_empty()).then(|| quote! { #(Self::#blank)|* => true, });
    let rest = (blank.len() < values.len()).then(|| quote! { _ => false, });
    quote! { match self { #arm #held #rest } }
}
