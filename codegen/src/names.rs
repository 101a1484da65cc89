//! Every Rust name derived from the spec's names, by the Rust API guidelines, sanitised so
//! that no spec name can produce a keyword or a clash. The emitters and `diff` ask here.
//!
//! - Types and variants are UpperCamelCase with acronyms as words: `domainGetNSs` →
//!   `DomainGetNss`, `serverEnableVNC` → `ServerEnableVnc`.
//! - A command's type follows its `rust_name` when it has one (`certificate_generate_csr_alias`
//!   → `CertificateGenerateCsrAlias`), so two spellings of one command never share a type.
//! - A type of `types` takes its spec `rust_name` when it has one; `check` refuses a derived
//!   name that is a crate-level item (`Client`), so `types::X` never shadows `crate::X`.
//! - Fields and methods are snake_case. A keyword is never a raw identifier: `type` becomes
//!   `kind` (the wire and serde keep `type`), any other keyword gets a `_` suffix.
//! - An enum variant is heck's UpperCamelCase of its wire value (`aaaa` → `Aaaa`,
//!   `freebsdx64.live` → `Freebsdx64Live`); a value with no letter or digit becomes `Empty`,
//!   one that starts with a digit gets a `V` in front (`1` → `V1`).

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

/// `domainsSetDNS` → `domains_set_dns`, `domainGetWPContacts` → `domain_get_wp_contacts`,
/// `domainGetNSs` → `domain_get_nss`: a word starts at an upper-case letter after a
/// lower-case letter or digit, and at the last capital of an acronym that a lower-case word
/// follows (`WPContacts`), except a plural `s` ending the name (`NSs`); acronyms stay one word.
/// Hand-written rather than heck's `to_snake_case`, which splits the plural acronym
/// (`domainGetNSs` → `domain_get_n_ss`): the API's names need this one rule more.
pub fn snake(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        let after_lower = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
        let plural = next == Some(&'s') && i + 2 == chars.len();
        let acronym_end = prev.is_some_and(char::is_ascii_uppercase)
            && next.is_some_and(char::is_ascii_lowercase)
            && !plural;
        if c.is_ascii_uppercase() && (after_lower || acronym_end) {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `domainsCheck` → `DomainsCheck`, `dnsName` → `DnsName`, `dns_name` → `DnsName`: heck's
/// UpperCamelCase.
pub fn camel(s: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(s)
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield", "self", "super", "crate", "Self", "_",
];

/// The items at the crate's root (and the prelude's types): a type of `types` with one of
/// these names would shadow it for a user who imports both.
pub const CRATE_ITEMS: &[&str] = &[
    "ApiError",
    "AnswerKind",
    "ArgInfo",
    "ArgKind",
    "Bulk",
    "BulkAnswer",
    "BulkOptions",
    "CallOptions",
    "Client",
    "ClientBuilder",
    "Command",
    "CommandInfo",
    "DynCommand",
    "Effect",
    "Error",
    "ErrorKind",
    "ExposeSecret",
    "FromReply",
    "InvalidValue",
    "ItemError",
    "ItemOutcome",
    "ItemResult",
    "Method",
    "Prepared",
    "Problem",
    "RateLimit",
    "Refusal",
    "Reply",
    "Request",
    "RetryPolicy",
    "Secret",
    "Sent",
    "Timeout",
    "TypeInfo",
    "ValidationError",
    "ValueAnswer",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Self",
];

/// The snake_case name of a field or method for an API name: `type` is `kind`, another
/// keyword gets a `_` suffix; never a raw identifier.
pub fn field_name(name: &str) -> String {
    let snake = snake(name);
    match snake.as_str() {
        "type" => "kind".to_owned(),
        s if KEYWORDS.contains(&s) => format!("{s}_"),
        _ => snake,
    }
}

/// A field or method identifier for an API name (see [`field_name`]).
pub fn field(name: &str) -> proc_macro2::Ident {
    quote::format_ident!("{}", field_name(name))
}

/// The UpperCamelCase name of an API name, acronyms as words: `domainsSetDNS` →
/// `DomainsSetDns`.
pub fn type_name(name: &str) -> String {
    camel(&snake(name))
}

/// The identifier of a type named by [`type_name`] alone (an answer shape).
pub fn type_ident(name: &str) -> proc_macro2::Ident {
    ident(&type_name(name))
}

/// A type identifier for a name already chosen by the rules above.
pub fn ident(name: &str) -> proc_macro2::Ident {
    quote::format_ident!("{}", name)
}

/// The Rust name of a type of `types`: its `rust_name`, or [`type_name`] of its name.
pub fn value_type_name(t: &crate::model::TypeDef) -> String {
    match &t.rust_name {
        Some(n) => n.name.clone(),
        None => type_name(&t.name.name),
    }
}

/// The identifier of the type of `types` named `name` in the spec.
pub fn value_type(spec: &crate::model::Spec, name: &str) -> proc_macro2::Ident {
    ident(&match spec.ty(name) {
        Some(t) => value_type_name(t),
        None => type_name(name),
    })
}

/// The Rust name of a command's request type: from its `rust_name` when it has one.
pub fn command_type_name(c: &crate::model::CommandDef) -> String {
    match &c.rust_name {
        Some(n) => camel(&n.name),
        None => type_name(&c.name.name),
    }
}

/// The identifier of a command's request type.
pub fn command_type(c: &crate::model::CommandDef) -> proc_macro2::Ident {
    ident(&command_type_name(c))
}

/// The Rust method name of a command: its `rust_name`, or its snake_case name.
pub fn method_name<C: AsRef<crate::model::CommandDef> + ?Sized>(c: &C) -> String {
    let c = c.as_ref();
    match &c.rust_name {
        Some(n) => n.name.clone(),
        None => snake(&c.name.name),
    }
}

/// The variant name of an enum value (see the module's docs for the rule).
pub fn variant_name(value: &str) -> String {
    use heck::ToUpperCamelCase;
    let camel = value.to_upper_camel_case();
    match camel.chars().next() {
        None => "Empty".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("V{camel}"),
        Some(_) if camel == "Self" => "Self_".to_owned(),
        Some(_) => camel,
    }
}

/// The variant identifier of an enum value.
pub fn variant(value: &str) -> proc_macro2::Ident {
    ident(&variant_name(value))
}

/// Whether `s` is an UpperCamelCase identifier: `[A-Z][A-Za-z0-9]*`.
pub fn is_upper_camel(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
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
        assert_eq!(snake("domainGetWPContacts"), "domain_get_wp_contacts");
        assert_eq!(snake("domainsGetNSs"), "domains_get_nss");
    }

    #[test]
    fn keywords_are_never_raw() {
        assert_eq!(field("type").to_string(), "kind");
        assert_eq!(field("self").to_string(), "self_");
        assert_eq!(field("match").to_string(), "match_");
        assert_eq!(field("no").to_string(), "no");
    }

    #[test]
    fn types_treat_acronyms_as_words() {
        assert_eq!(type_name("dnsName"), "DnsName");
        assert_eq!(type_name("domainGetNSs"), "DomainGetNss");
        assert_eq!(type_name("serverEnableVNC"), "ServerEnableVnc");
        assert_eq!(type_name("domainsSetDNS"), "DomainsSetDns");
        assert_eq!(
            type_name("domainGetWPContactsInfo"),
            "DomainGetWpContactsInfo"
        );
        assert_eq!(
            type_name("certificateGenerateCSR"),
            "CertificateGenerateCsr"
        );
        assert_eq!(
            camel("certificate_generate_csr_alias"),
            "CertificateGenerateCsrAlias"
        );
    }

    #[test]
    fn variants_are_sanitised() {
        let cases = [
            ("a", "A"),
            ("aaaa", "Aaaa"),
            ("ALL", "All"),
            ("freebsdx64.live", "Freebsdx64Live"),
            ("1", "V1"),
            ("", "Empty"),
            ("*", "Empty"),
            ("self", "Self_"),
        ];
        for (value, name) in cases {
            assert_eq!(variant_name(value), name, "{value:?}");
        }
        assert_eq!(cases.len(), 8);
    }
}
