//! Emits one check function per type: straight-line Rust that returns the reason a value
//! breaks the type's rule. Sub-rules (the parts of a `parts` rule, the branches of
//! `any_of`) get functions of their own, named after the type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{CharClass, PartsRule, Rule, TextRule, TypeDef};
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

fn text_body(t: &TextRule, must: &dyn Fn(&str) -> String) -> TokenStream {
    let mut stmts = Vec::new();
    // Lengths are in characters; the byte length settles most cases without counting
    // (a character takes 1 to 4 bytes).
    if let Some(m) = t.min_len {
        if m == 1 {
            let r = must("not be empty");
            stmts.push(quote! { if v.is_empty() { return ::std::result::Result::Err(#r); } });
        } else {
            let r = must(&format!("be at least {m} characters long"));
            let bytes = 4 * m;
            stmts.push(quote! {
                if v.len() < #m || (v.len() < #bytes && v.chars().count() < #m) { return ::std::result::Result::Err(#r); }
            });
        }
    }
    if let Some(m) = t.max_len {
        let r = must(&format!("be at most {m} characters long"));
        stmts.push(quote! { if v.len() > #m && v.chars().count() > #m { return ::std::result::Result::Err(#r); } });
    }
    if !t.prefix.is_empty() {
        let prefixes = &t.prefix;
        let r = must(&format!(
            "start with {}",
            prefixes
                .iter()
                .map(|p| format!("{p:?}"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
        stmts.push(quote! {
            if !(#(v.starts_with(#prefixes))||*) { return ::std::result::Result::Err(#r); }
        });
    }
    if let Some(first) = &t.first {
        let cond = class_test(first);
        let r = must(&format!("start with {}", describe(first)));
        stmts.push(quote! {
            if !v.chars().next().is_some_and(|c| #cond) { return ::std::result::Result::Err(#r); }
        });
    }
    let mut per_char = Vec::new();
    if let Some(chars) = &t.chars {
        let cond = class_test(chars);
        let r = must(&format!("contain only {}", describe(chars)));
        per_char.push(quote! { if !(#cond) { return ::std::result::Result::Err(#r); } });
    }
    if !t.forbid.is_empty() {
        let cond = class_test(&t.forbid);
        let r = must(&format!("not contain {}", describe(&t.forbid)));
        per_char.push(quote! { if #cond { return ::std::result::Result::Err(#r); } });
    }
    if !t.only_first.is_empty() {
        let chars: Vec<char> = t.only_first.chars().collect();
        let r = must(&format!(
            "have {:?} only as the first character",
            t.only_first
        ));
        per_char.push(quote! { if i > 0 && matches!(c, #(#chars)|*) { return ::std::result::Result::Err(#r); } });
    }
    if !per_char.is_empty() {
        if t.only_first.is_empty() {
            stmts.push(quote! { for c in v.chars() { #(#per_char)* } });
        } else {
            stmts.push(quote! { for (i, c) in v.chars().enumerate() { #(#per_char)* } });
        }
    }
    for (chars, start, word) in [(&t.not_first, true, "start"), (&t.not_last, false, "end")] {
        if chars.is_empty() {
            continue;
        }
        let list: Vec<char> = chars.chars().collect();
        let r = must(&format!("not {word} with {chars:?}"));
        let test = if start {
            quote!(v.starts_with([#(#list),*]))
        } else {
            quote!(v.ends_with([#(#list),*]))
        };
        stmts.push(quote! { if #test { return ::std::result::Result::Err(#r); } });
    }
    quote! { #(#stmts)* ::std::result::Result::Ok(()) }
}

/// A boolean expression on `c: char` that is true when `c` is in one of the classes.
fn class_test(classes: &[CharClass]) -> TokenStream {
    // ASCII classes first: they decide most characters with one comparison.
    let mut ordered: Vec<&CharClass> = classes
        .iter()
        .filter(|c| **c != CharClass::Letter)
        .collect();
    ordered.extend(classes.iter().filter(|c| **c == CharClass::Letter));
    let tests: Vec<TokenStream> = ordered
        .into_iter()
        .map(|class| match (class, class.test()) {
            (CharClass::Chars(s), _) => {
                let chars: Vec<char> = s.chars().collect();
                quote!(matches!(c, #(#chars)|*))
            }
            (_, Some((method, _))) => {
                let method = quote::format_ident!("{method}");
                quote!(c.#method())
            }
            (_, None) => quote!(false),
        })
        .collect();
    if tests.is_empty() {
        quote!(false)
    } else {
        quote!(#(#tests)||*)
    }
}

/// The classes in words, for messages.
pub fn describe(classes: &[CharClass]) -> String {
    let words: Vec<String> = classes
        .iter()
        .map(|c| match c {
            CharClass::Latin => "Latin letters".to_owned(),
            CharClass::Lower => "lower-case Latin letters".to_owned(),
            CharClass::Upper => "upper-case Latin letters".to_owned(),
            CharClass::Digit => "digits".to_owned(),
            CharClass::Letter => "letters".to_owned(),
            CharClass::Chars(s) if s.chars().all(|c| c.is_control() || c == ' ') => s
                .chars()
                .map(|c| match c {
                    '\n' | '\r' => "line breaks".to_owned(),
                    '\t' => "tabs".to_owned(),
                    ' ' => "spaces".to_owned(),
                    '\0' => "NUL characters".to_owned(),
                    c => format!("{c:?}"),
                })
                .fold(Vec::<String>::new(), |mut acc, w| {
                    if !acc.contains(&w) {
                        acc.push(w);
                    }
                    acc
                })
                .join(", "),
            CharClass::Chars(s) => format!("{s:?}"),
        })
        .collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => "nothing".to_owned(),
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
