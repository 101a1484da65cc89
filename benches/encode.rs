//! Validation and encoding of large bulk requests, against the baseline of
//! `serde_urlencoded` encoding the same flat pairs with no validation at all.
//!
//! `cargo bench --bench encode`

use domaincontext::requests::{
    DomainRegister, DomainSetDns, DomainSetDnsRecordsItem, DomainsRegister, DomainsSetDns,
};
use domaincontext::rt::FormWriter;
use domaincontext::{Command, Request};

fn main() {
    divan::main();
}

fn domains(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("reseller-domain-{i}.com")).collect()
}

/// The pairs a 10,000-item domainsRegister sends, prebuilt.
fn register_pairs(n: usize) -> Vec<(String, String)> {
    domains(n)
        .into_iter()
        .enumerate()
        .flat_map(|(i, d)| {
            [
                (format!("{i}[domain]"), d),
                (format!("{i}[period]"), "1".to_owned()),
            ]
        })
        .collect()
}

/// The pairs of a domainsSetDNS with `n` records, prebuilt.
fn dns_pairs(n: usize) -> Vec<(String, String)> {
    (1..=n)
        .flat_map(|r| {
            [
                (format!("5504202[{r}][name]"), format!("host{r}")),
                (format!("5504202[{r}][type]"), "a".to_owned()),
                (format!("5504202[{r}][value]"), "123.123.123.123".to_owned()),
                (format!("5504202[{r}][ttl]"), "7200".to_owned()),
                (format!("5504202[{r}][status]"), "new".to_owned()),
            ]
        })
        .collect()
}

mod domains_register_10k {
    use super::*;

    /// Baseline: serde_urlencoded over the same flat pairs, nothing validated.
    #[divan::bench]
    fn baseline_serde_urlencoded(b: divan::Bencher) {
        let pairs = register_pairs(10_000);
        b.bench(|| serde_urlencoded::to_string(&pairs).expect("encode"));
    }

    /// From strings: every domain and period validated, the request checked and encoded.
    #[divan::bench]
    fn validate_and_encode(b: divan::Bencher) {
        let names = domains(10_000);
        b.bench(|| {
            let items = names.iter().map(|d| {
                DomainRegister::new(d.parse().expect("domain"))
                    .period(1.try_into().expect("period"))
            });
            let request = DomainsRegister::new(items);
            request.validate().expect("valid");
            encode(&request)
        });
    }

    /// From an already-built typed request: check and encode only.
    #[divan::bench]
    fn encode_typed(b: divan::Bencher) {
        let request = DomainsRegister::new(domains(10_000).iter().map(|d| {
            DomainRegister::new(d.parse().expect("domain")).period(1.try_into().expect("period"))
        }));
        b.bench(|| {
            request.validate().expect("valid");
            encode(&request)
        });
    }
}

/// The JSON path: the CLI's `--json` text of a 10,000-item domainsRegister, parsed and
/// encoded, against the same text parsed by serde into plain string maps and encoded by
/// `serde_urlencoded`, nothing validated. Values are strings so that the baseline's
/// `HashMap<String, String>` takes the same text.
mod domains_register_10k_json {
    use super::*;
    use std::collections::HashMap;

    fn json_text() -> String {
        let items: Vec<serde_json::Value> = domains(10_000)
            .into_iter()
            .map(|d| serde_json::json!({"domain": d, "period": "1"}))
            .collect();
        serde_json::to_string(&items).expect("json")
    }

    /// Baseline: `serde_json::from_str` into `Vec<HashMap<String, String>>`, flattened to
    /// the form's `i[key]` pairs, and `serde_urlencoded`.
    #[divan::bench]
    fn baseline_serde_json_urlencoded(b: divan::Bencher) {
        let text = json_text();
        b.bench(|| {
            let items: Vec<HashMap<String, String>> = serde_json::from_str(&text).expect("json");
            let pairs: Vec<(String, &str)> = items
                .iter()
                .enumerate()
                .flat_map(|(i, m)| {
                    m.iter()
                        .map(move |(k, v)| (format!("{i}[{k}]"), v.as_str()))
                })
                .collect();
            serde_urlencoded::to_string(&pairs).expect("encode")
        });
    }

    /// The request is a serde type: the CLI's `--json` text deserialized straight into
    /// `DomainsRegister` (every value validated, as `send` would), then encoded.
    #[divan::bench]
    fn parse_json_and_encode(b: divan::Bencher) {
        let text = json_text();
        b.bench(|| encode(&serde_json::from_str::<DomainsRegister>(&text).expect("valid")));
    }

    /// The dynamic layer's path (the CLI and the sandbox, by command name): the text
    /// parsed into a JSON tree, the request read from it, then encoded.
    #[divan::bench]
    fn parse_json_by_name_and_encode(b: divan::Bencher) {
        let text = json_text();
        b.bench(|| {
            let json: serde_json::Value = serde_json::from_str(&text).expect("json");
            encode(&Request::from_args("domainsRegister", &json).expect("valid"))
        });
    }
}

mod domains_set_dns_1k {
    use super::*;

    #[divan::bench]
    fn baseline_serde_urlencoded(b: divan::Bencher) {
        let pairs = dns_pairs(1_000);
        b.bench(|| serde_urlencoded::to_string(&pairs).expect("encode"));
    }

    #[divan::bench]
    fn validate_and_encode(b: divan::Bencher) {
        let names: Vec<String> = (1..=1_000).map(|r| format!("host{r}")).collect();
        b.bench(|| {
            let mut item = DomainSetDns::new().id("5504202".parse().expect("id"));
            for (r, name) in names.iter().enumerate() {
                let record = DomainSetDnsRecordsItem::new()
                    .name(name.parse().expect("dnsName"))
                    .kind("a".parse().expect("ref"))
                    .value("123.123.123.123".parse().expect("label"))
                    .ttl("7200".parse().expect("id"))
                    .status("new".parse().expect("ref"));
                item = item.records(r as u64 + 1, record);
            }
            let request = DomainsSetDns::new([item]);
            request.validate().expect("valid");
            encode(&request)
        });
    }
}

/// Writes the request as the percent-encoded form body the client sends.
fn encode<C: Command>(request: &C) -> String {
    let mut w = FormWriter::encoding();
    request.encode(&mut w);
    w.into_body()
}
