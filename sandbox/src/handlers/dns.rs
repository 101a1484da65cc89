//! DNS records of registered domains (`domainGetDNS`, `domainSetDNS`) and of hosted ones
//! (`hdomain*`). Records are keyed by number: `status=new` creates one (under the next free
//! number), `deleted` deletes the record of that number, `ok` keeps it, updating the fields
//! given. Records not mentioned stay. A change is checked whole before it is applied.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{Map, Value, json};

use super::lookup::{Target, find, find_active, get};
use crate::reply::{Fail, Res, fail};
use crate::state::{DnsRecord, State};

/// TTLs the provider's panel accepts.
const TTL: std::ops::RangeInclusive<u64> = 60..=86_400;
/// The TTL of a new record that gives none.
const DEFAULT_TTL: u64 = 3600;

/// One record of a set request, whatever command it came from.
#[derive(Clone, Debug, Default)]
pub struct RecordArgs {
    /// `name`.
    pub name: Option<String>,
    /// `type`.
    pub kind: Option<String>,
    /// `value`.
    pub value: Option<String>,
    /// `no`.
    pub no: Option<u64>,
    /// `ttl`.
    pub ttl: Option<u64>,
    /// `status`: `new`, `ok` or `deleted`.
    pub status: Option<String>,
}

/// Reads the records of a `domainSetDNS` or `hdomainSetDNS` request (both generated record
/// types have the same fields).
macro_rules! record_args {
    ($records:expr) => {
        $records
            .iter()
            .map(|(k, r)| {
                (
                    *k,
                    $crate::handlers::dns::RecordArgs {
                        name: $crate::handlers::opt(&r.name),
                        kind: $crate::handlers::opt(&r.kind),
                        value: $crate::handlers::opt(&r.value),
                        no: r.no.map(|n| n.get()),
                        ttl: r.ttl.map(|n| n.get()),
                        status: $crate::handlers::opt(&r.status),
                    },
                )
            })
            .collect::<::std::vec::Vec<_>>()
    };
}
pub(crate) use record_args;

/// The records as the Get commands answer them: keyed by number, each with `status: ok`,
/// so that they can be sent back as they are.
pub fn records_json(records: &BTreeMap<u64, DnsRecord>) -> Value {
    let mut out = Map::new();
    for (k, r) in records {
        let mut v =
            json!({"name": r.name, "type": r.kind, "value": r.value, "ttl": r.ttl, "status": "ok"});
        if let Some(no) = r.no {
            v["no"] = json!(no);
        }
        out.insert(k.to_string(), v);
    }
    Value::Object(out)
}

fn check(key: u64, r: &DnsRecord) -> Result<(), Fail> {
    if !TTL.contains(&r.ttl) {
        return fail!("record {key}: ttl must be within 60..86400");
    }
    let v = r.value.trim();
    if v.is_empty() {
        return fail!("record {key}: value must be set");
    }
    match r.kind.as_str() {
        "a" if v.parse::<Ipv4Addr>().is_err() => {
            fail!("record {key}: an a record's value must be an IPv4 address")
        }
        "aaaa" if v.parse::<Ipv6Addr>().is_err() => {
            fail!("record {key}: an aaaa record's value must be an IPv6 address")
        }
        "mx" if r.no.is_none() => fail!("record {key}: an mx record needs no (its priority)"),
        "cname" | "ns" | "mx" if v.contains(char::is_whitespace) => {
            fail!("record {key}: the value must be a host name")
        }
        _ => Ok(()),
    }
}

/// The records after `changes`, or why they cannot be made.
pub fn apply(
    current: &BTreeMap<u64, DnsRecord>,
    changes: &[(u64, RecordArgs)],
) -> Result<BTreeMap<u64, DnsRecord>, Fail> {
    let mut next = current.clone();
    for (key, c) in changes {
        let key = *key;
        let status = c
            .status
            .clone()
            .unwrap_or_else(|| if next.contains_key(&key) { "ok" } else { "new" }.to_owned());
        match status.as_str() {
            "new" => {
                let (Some(kind), Some(value)) = (&c.kind, &c.value) else {
                    return fail!("record {key}: a new record needs type and value");
                };
                let name = c
                    .name
                    .clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "@".to_owned());
                let record = DnsRecord {
                    name,
                    kind: kind.clone(),
                    value: value.trim().to_owned(),
                    no: c.no,
                    ttl: c.ttl.unwrap_or(DEFAULT_TTL),
                };
                check(key, &record)?;
                if next.values().any(|r| *r == record) {
                    return fail!("record {key}: the same record exists already");
                }
                let id = next.keys().next_back().map_or(1, |k| k + 1);
                next.insert(id, record);
            }
            "ok" => {
                let Some(r) = next.get_mut(&key) else {
                    return fail!("record {key} not found");
                };
                if let Some(n) = &c.name {
                    r.name = if n.is_empty() {
                        "@".to_owned()
                    } else {
                        n.clone()
                    };
                }
                if let Some(k) = &c.kind {
                    r.kind = k.clone();
                }
                if let Some(v) = &c.value {
                    r.value = v.trim().to_owned();
                }
                if c.no.is_some() {
                    r.no = c.no;
                }
                if let Some(t) = c.ttl {
                    r.ttl = t;
                }
                check(key, r)?;
            }
            "deleted" => {
                if next.remove(&key).is_none() {
                    return fail!("record {key} not found");
                }
            }
            other => return fail!("record {key}: unknown status {other}"),
        }
    }
    Ok(next)
}

/// `domainGetDNS`.
pub fn domain_get(s: &State, who: &str, t: &Target) -> Res {
    let id = find(s, who, t)?;
    let d = get(s, id)?;
    Ok(records_json(&d.dns))
}

/// `domainSetDNS`: answers the records after the change.
pub fn domain_set(s: &mut State, who: &str, t: &Target, changes: &[(u64, RecordArgs)]) -> Res {
    let id = find_active(s, who, t)?;
    let next = apply(&get(s, id)?.dns, changes)?;
    let answer = records_json(&next);
    let today = s.today().to_string();
    if let Some(d) = s.domains.get_mut(&id) {
        d.dns = next;
        d.updated_date = today;
    }
    Ok(answer)
}

fn hosted(s: &State, who: &str, id: Option<u64>) -> Result<u64, Fail> {
    let Some(id) = id else {
        return fail!("id must be set");
    };
    match s.hdomains.get(&id) {
        Some(h) if h.client == who => Ok(id),
        _ => fail!("hosted domain not found: {id}"),
    }
}

/// `hdomainGetDNS`.
pub fn hosted_get(s: &State, who: &str, id: Option<u64>) -> Res {
    let id = hosted(s, who, id)?;
    Ok(s.hdomains
        .get(&id)
        .map(|h| records_json(&h.dns))
        .unwrap_or_default())
}

/// `hdomainSetDNS`: answers the records after the change.
pub fn hosted_set(s: &mut State, who: &str, id: u64, changes: &[(u64, RecordArgs)]) -> Res {
    let id = hosted(s, who, Some(id))?;
    let Some(h) = s.hdomains.get_mut(&id) else {
        return fail!("hosted domain not found: {id}");
    };
    let next = apply(&h.dns, changes)?;
    let answer = records_json(&next);
    h.dns = next;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(kind: &str, value: &str, status: &str) -> RecordArgs {
        RecordArgs {
            kind: Some(kind.into()),
            value: Some(value.into()),
            status: Some(status.into()),
            ..RecordArgs::default()
        }
    }

    #[test]
    fn new_ok_and_deleted() {
        let start = apply(&BTreeMap::new(), &[(1, args("a", "192.0.2.1", "new"))]).expect("new");
        assert_eq!(start[&1].name, "@");
        let mut change = args("a", "192.0.2.2", "ok");
        change.ttl = Some(600);
        let next = apply(&start, &[(1, change), (9, args("txt", "hello", "new"))]).expect("ok");
        assert_eq!((next[&1].value.as_str(), next[&1].ttl), ("192.0.2.2", 600));
        assert_eq!(next[&2].kind, "txt");
        let gone = apply(
            &next,
            &[(
                1,
                RecordArgs {
                    status: Some("deleted".into()),
                    ..Default::default()
                },
            )],
        )
        .expect("deleted");
        assert_eq!(gone.keys().collect::<Vec<_>>(), [&2]);
    }

    #[test]
    fn bad_records_are_refused_whole() {
        let start = apply(&BTreeMap::new(), &[(1, args("a", "192.0.2.1", "new"))]).expect("new");
        for bad in [
            vec![(1, args("a", "not-an-ip", "ok"))],
            vec![(5, args("a", "192.0.2.3", "ok"))],
            vec![(
                1,
                RecordArgs {
                    ttl: Some(10),
                    ..Default::default()
                },
            )],
            vec![(2, args("mx", "mail.a.com", "new"))],
            vec![(2, args("a", "192.0.2.1", "new"))],
        ] {
            assert!(apply(&start, &bad).is_err(), "{bad:?}");
        }
    }
}
