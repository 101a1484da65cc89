//! The small specs that the `diff` and review tests edit: a base of types, domain and DNS
//! commands, and a helper that applies text edits to it.
#![allow(dead_code)]

use domaincontext_codegen::{Spec, load_sources};

/// Edits are made in these files, by the end of their names.
pub const T: &str = "types.yaml";
pub const D: &str = "domains.yaml";
pub const N: &str = "dns.yaml";

pub const TYPES: &str = r#"types:
  id: {doc: ID, rule: {int: {min: 1}}}
  domain:
    doc: Domain name
    examples: [a.com]
    rule: {parts: {sep: ".", min: 2, each: {text: {min_len: 1, max_len: 63, chars: [letter, digit, "-"]}}}}
  period: {doc: Years, rule: {int: {min: 1, max: 10}}}
  label: {doc: A line, rule: {text: {forbid: ["\n"]}}}
  code: {doc: A code, rule: {text: {min_len: 2, max_len: 4, chars: [lower]}}}
  alias: {doc: Same as code, rule: {type: code}}
  flag: {doc: A flag, rule: {bool: {}}}
  password: {doc: A password, rule: {text: {max_len: 64}}}
  viewMode: {doc: A view, rule: {enum: [ab, cd]}}
"#;

pub const DOMAINS: &str = r#"commands:
  domainRegister:
    description: Domain registration
    effect: change
    long: true
    args:
      domain: {type: domain, required: true}
      period: {type: period, default: 1}
      note: label
  domainsRegister:
    description: Register domains
    effect: change
    array_of: domainRegister
  domainGetInfo:
    description: Get information of the domain
    effect: read
    args:
      id: {type: id, required: true}
      domain: {type: domain, required: true}
      view: viewMode
  domainGetNote:
    description: Get the domain's note
    effect: read
    same_as: domainGetInfo
  domainsSearch:
    description: Search domains
    effect: read
    answer: search
    args:
      domains: label
"#;

pub const DNS: &str = r#"commands:
  domainSetDNS:
    description: Set DNS records
    effect: change
    args:
      id: {type: id, required: true}
      records:
        array:
          type: {type: code, required: true}
          value: {type: label, doc: The record's value}
        flatten: true
  domainsSetDNS:
    description: Set DNS records of several domains
    effect: change
    array_of: domainSetDNS
    key: id
"#;

pub fn base() -> Vec<(String, String)> {
    vec![
        ("types.yaml".to_owned(), TYPES.to_owned()),
        ("commands/dns.yaml".to_owned(), DNS.to_owned()),
        ("commands/domains.yaml".to_owned(), DOMAINS.to_owned()),
    ]
}

pub fn load(sources: &[(String, String)]) -> Spec {
    load_sources(sources).unwrap_or_else(|r| panic!("test spec has problems:\n{r}"))
}

/// The base spec with `edits` applied: `(file, find, replace)`, `find` present once.
pub fn edited(edits: &[(&str, &str, &str)]) -> Vec<(String, String)> {
    let mut files = base();
    for (file, find, replace) in edits {
        let (_, text) = files
            .iter_mut()
            .find(|(name, _)| name.ends_with(file))
            .unwrap_or_else(|| panic!("no file {file}"));
        assert_eq!(text.matches(find).count(), 1, "{find:?} in {file}");
        *text = text.replacen(find, replace, 1);
    }
    files
}
