//! The check of a `text` rule (lengths, prefixes, allowed, forbidden and positional
//! characters) and the character classes it names, in Rust and in words.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{CharClass, TextRule};

/// The checks of a text rule, each returning its reason (`must` words it).
pub(super) fn text_body(t: &TextRule, must: &dyn Fn(&str) -> String) -> TokenStream {
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
