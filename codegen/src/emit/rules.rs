//! Emits one check function per type: straight-line Rust that returns the reason a value
//! breaks the type's rule. Sub-rules (the parts of a `parts` rule, the branches of
//! `any_of`) get functions of their own, named after the type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::text_rule::text_body;
use crate::model::{PartsRule, Rule, TypeDef};
use crate::names;

/// The check function of a type and the helpers it calls.
pub fn check_fn(t: &TypeDef) -> TokenStream {
    let mut out = Vec::new();
    let name = check_ident(&t.name.name);
    let doc = format!(
        "The rule of `{}`: the reason `v` breaks it, if it does.",
        t.name.name
    );
    let mut helpers = 0;
    let body = rule_body(&t.name.name, &t.rule, "", &mut helpers, &mut out);
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(v: &str) -> ::std::result::Result<(), &'static str> {
            #body
        }
        #(#out)*
    }
}

/// `check_dns_name`
pub fn check_ident(type_name: &str) -> proc_macro2::Ident {
    format_ident!("check_{}", names::snake(type_name))
}

/// The check function of `t`: its own rule's, or a call of the type it names.
pub fn check_body(t: &TypeDef) -> TokenStream {
    match &t.rule {
        Rule::Type(target) => {
            let name = check_ident(&t.name.name);
            let target_fn = check_ident(&target.name);
            let doc = format!("The rule of `{}`: that of `{}`.", t.name.name, target.name);
            quote! {
                #[doc = #doc]
                pub(crate) fn #name(v: &str) -> ::std::result::Result<(), &'static str> { #target_fn(v) }
            }
        }
        _ => check_fn(t),
    }
}

/// Statements that return `Err(reason)` when `v` breaks `rule`, and `Ok(())` otherwise.
fn rule_body(
    owner: &str,
    rule: &Rule,
    what: &str,
    helpers: &mut usize,
    out: &mut Vec<TokenStream>,
) -> TokenStream {
    let must = |s: &str| {
        format!(
            "{}{s}",
            if what.is_empty() {
                "must ".to_owned()
            } else {
                format!("{what} must ")
            }
        )
    };
    match rule {
        Rule::Int { min, max } => {
            let digits = must("be a whole number written in digits");
            let large = must("be a smaller number");
            let lo = min.map(|m| {
                let r = must(&format!("be at least {m}"));
                quote! { if n < #m { return ::std::result::Result::Err(#r); } }
            });
            let hi = max.map(|m| {
                let r = must(&format!("be at most {m}"));
                quote! { if n > #m { return ::std::result::Result::Err(#r); } }
            });
            // Without bounds the number itself is not needed, only that it fits a `u64`.
            let parse = if lo.is_none() && hi.is_none() {
                quote! {
                    if v.parse::<u64>().is_err() {
                        return ::std::result::Result::Err(#large);
                    }
                }
            } else {
                quote! {
                    let n: u64 = match v.parse() {
                        ::std::result::Result::Ok(n) => n,
                        ::std::result::Result::Err(_) => return ::std::result::Result::Err(#large),
                    };
                }
            };
            quote! {
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return ::std::result::Result::Err(#digits);
                }
                #parse
                #lo
                #hi
                ::std::result::Result::Ok(())
            }
        }
        Rule::Bool => {
            let r = must("be 1, 0, true or false");
            quote! {
                if matches!(v, "1" | "0" | "true" | "false") {
                    ::std::result::Result::Ok(())
                } else {
                    ::std::result::Result::Err(#r)
                }
            }
        }
        Rule::Ip => {
            let r = must("be an IPv4 or IPv6 address");
            quote! {
                match v.parse::<::std::net::IpAddr>() {
                    ::std::result::Result::Ok(_) => ::std::result::Result::Ok(()),
                    ::std::result::Result::Err(_) => ::std::result::Result::Err(#r),
                }
            }
        }
        Rule::Date => date_body(
            &must("be a date written YYYY-MM-DD"),
            &must("be a real calendar date"),
        ),
        Rule::Literal(values) => {
            let list = values
                .iter()
                .map(|v| format!("{v:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            let r = must(&format!("be one of {list}"));
            quote! {
                if matches!(v, #(#values)|*) {
                    ::std::result::Result::Ok(())
                } else {
                    ::std::result::Result::Err(#r)
                }
            }
        }
        Rule::Type(name) => {
            let f = check_ident(&name.name);
            quote! { #f(v) }
        }
        Rule::Text(t) => text_body(t, &must),
        Rule::Parts(p) => parts_body(owner, p, what, &must, helpers, out),
        Rule::AnyOf(rules) => {
            let fns: Vec<_> = rules
                .iter()
                .map(|r| helper(owner, r, what, helpers, out))
                .collect();
            // The loader refuses an empty `any_of`; were one to get here, nothing matches it.
            let Some((last, rest)) = fns.split_last() else {
                let r = must("match no rule");
                return quote! { ::std::result::Result::Err(#r) };
            };
            quote! {
                #( if #rest(v).is_ok() { return ::std::result::Result::Ok(()); } )*
                #last(v)
            }
        }
        Rule::List { .. } => {
            unreachable!("list rules are whole types, emitted by the list newtype")
        }
        Rule::Enum(_) => {
            unreachable!("enum rules are whole types that no rule names, emitted as enums")
        }
    }
}

/// A helper function for a sub-rule; returns its name.
fn helper(
    owner: &str,
    rule: &Rule,
    what: &str,
    helpers: &mut usize,
    out: &mut Vec<TokenStream>,
) -> proc_macro2::Ident {
    if let Rule::Type(name) = rule {
        return check_ident(&name.name);
    }
    *helpers += 1;
    let name = format_ident!("check_{}_{}", names::snake(owner), *helpers);
    let body = rule_body(owner, rule, what, helpers, out);
    out.push(quote! {
        fn #name(v: &str) -> ::std::result::Result<(), &'static str> {
            #body
        }
    });
    name
}

fn parts_body(
    owner: &str,
    p: &PartsRule,
    what: &str,
    must: &dyn Fn(&str) -> String,
    helpers: &mut usize,
    out: &mut Vec<TokenStream>,
) -> TokenStream {
    let sep = p.sep;
    // With `idna`, the limits hold for the name's ASCII form, and the messages say so.
    let form = if p.idna {
        " in its IDNA ASCII form"
    } else {
        ""
    };
    let part_what = format!(
        "each {sep:?}-separated part{}{form}",
        if what.is_empty() {
            String::new()
        } else {
            format!(" of {what}")
        }
    );
    let each = helper(owner, &p.each, &part_what, helpers, out);
    let idna = p.idna.then(|| {
        let r = must("be a domain name that IDNA (UTS #46) can write in ASCII");
        quote! {
            let ascii = match crate::idn::to_ascii(v) {
                ::std::option::Option::Some(a) => a,
                ::std::option::Option::None => return ::std::result::Result::Err(#r),
            };
            let v: &str = &ascii;
        }
    });
    let max_len = p.max_len.map(|m| {
        let r = must(&format!("be at most {m} characters long{form}"));
        quote! { if v.len() > #m && v.chars().count() > #m { return ::std::result::Result::Err(#r); } }
    });
    let check_part = match &p.first {
        Some(first) => {
            let first_what = format!("the first {sep:?}-separated part");
            let first = helper(owner, first, &first_what, helpers, out);
            quote! { if n == 1 { #first(part)?; } else { #each(part)?; } }
        }
        None => quote! { #each(part)?; },
    };
    let max = p.max.map(|m| {
        let r = must(&format!("have at most {m} parts separated by {sep:?}"));
        quote! { if n > #m { return ::std::result::Result::Err(#r); } }
    });
    let min = p.min.map(|m| {
        let r = must(&format!("have at least {m} parts separated by {sep:?}"));
        quote! { if n < #m { return ::std::result::Result::Err(#r); } }
    });
    quote! {
        #idna
        #max_len
        let mut n = 0usize;
        for part in v.split(#sep) {
            n += 1;
            #max
            #check_part
        }
        #min
        ::std::result::Result::Ok(())
    }
}

fn date_body(form: &str, real: &str) -> TokenStream {
    quote! {
        let b = v.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || ![0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| b[i].is_ascii_digit()) {
            return ::std::result::Result::Err(#form);
        }
        let num = |r: ::std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if day == 0 || day > days {
            return ::std::result::Result::Err(#real);
        }
        ::std::result::Result::Ok(())
    }
}
