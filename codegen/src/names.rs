//! Rust names derived from the spec's names, sanitised so that no spec name can produce a
//! keyword or a clash.

/// `[A-Za-z][A-Za-z0-9_]*`
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `[a-z][a-z0-9_]*`
pub fn is_snake(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `domainsSetDNS` → `domains_set_dns`, `domainGetNSs` → `domain_get_nss`: a `_` before an
/// upper-case letter that follows a lower-case letter or digit; acronyms stay one word.
pub fn snake(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `domainsCheck` → `DomainsCheck`, `dnsName` → `DnsName`, `dns_name` → `DnsName`.
pub fn camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper = true;
    for c in s.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];

/// A field or method identifier for an API name: raw (`r#type`) for keywords, `_`
/// appended for the few that cannot be raw.
pub fn field(name: &str) -> proc_macro2::Ident {
    let snake = snake(name);
    match snake.as_str() {
        "self" | "super" | "crate" | "extern" | "_" => quote::format_ident!("{}_", snake),
        s if KEYWORDS.contains(&s) => {
            proc_macro2::Ident::new_raw(s, proc_macro2::Span::call_site())
        }
        s => quote::format_ident!("{}", s),
    }
}

/// A type identifier.
pub fn type_ident(name: &str) -> proc_macro2::Ident {
    let camel = camel(name);
    match camel.as_str() {
        "Self" | "Option" | "Result" | "String" | "Vec" | "Box" => {
            quote::format_ident!("{}_", camel)
        }
        c => quote::format_ident!("{}", c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_keeps_acronyms_whole() {
        assert_eq!(snake("domainsSetDNS"), "domains_set_dns");
        assert_eq!(snake("domainGetNSs"), "domain_get_nss");
        assert_eq!(snake("serverEnableVNC"), "server_enable_vnc");
        assert_eq!(
            snake("certificateGenerateCsr"),
            snake("certificateGenerateCSR")
        );
        assert_eq!(snake("callback_url"), "callback_url");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(field("type").to_string(), "r#type");
        assert_eq!(field("self").to_string(), "self_");
        assert_eq!(type_ident("dnsName").to_string(), "DnsName");
        assert_eq!(type_ident("option").to_string(), "Option_");
    }
}
