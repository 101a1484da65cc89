//! The zone file of `dns plan|apply`: YAML, one map per domain with its `records` (and
//! optionally the `types` it manages). Every value goes through the generated types before
//! anything is sent, and every problem is reported at its file:line:column.
//!
//! ```yaml
//! example.com:
//!   types: [a, aaaa, cname, mx, txt]   # optional; the default is every type
//!   records:
//!     - {name: "@", type: a, value: 192.0.2.1, ttl: 3600}
//!     - {name: "@", type: mx, value: mail.example.com, priority: 10}
//!     - {name: www, type: cname, ignore: true}   # left alone, whatever its value
//! ```

use std::collections::BTreeSet;
use std::str::FromStr;
use std::sync::Arc;

use domaincontext::dns::{Ignore, Record, Zone, ZoneError};
use domaincontext::types::{DnsName, Domain, Id, Label, RecordType};
use domaincontext_codegen::yaml::{self, Node, Pos};

/// The longest zone file read: far above any real zone, and a bound on memory.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The zones of `path`, or every problem found, each `file:line:col: message`.
pub fn read(path: &str) -> Result<Vec<Zone>, Vec<String>> {
    let text = read_text(path).map_err(|e| vec![e])?;
    parse(path, &text)
}

/// The file's text, through [`MAX_BYTES`].
fn read_text(path: &str) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_BYTES + 1), &mut bytes)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("{path} is larger than {MAX_BYTES} bytes"));
    }
    String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))
}

/// The zones of `text` (read from `file`), or every problem found.
pub fn parse(file: &str, text: &str) -> Result<Vec<Zone>, Vec<String>> {
    let name: Arc<str> = Arc::from(file);
    let root = match yaml::parse(&name, text) {
        Ok(Some(root)) => root,
        Ok(None) => return Err(vec![format!("{file}: the zone file is empty")]),
        Err(e) => return Err(vec![format!("{}: {}", at(&e.pos), e.message)]),
    };
    let mut r = Reader::default();
    let Some(domains) = root.as_map() else {
        r.fail(&root, "the zone file must be a map of domains");
        return Err(r.report());
    };
    let mut zones: Vec<Zone> = Vec::new();
    for (key, body) in domains {
        let Some(domain) = r.value::<Domain>(key, "domain") else {
            continue;
        };
        if zones.iter().any(|z| z.domain == domain) {
            r.fail(key, &format!("{domain} is given twice"));
            continue;
        }
        if let Some(zone) = r.zone(domain, body) {
            zones.push(zone);
        }
    }
    if r.problems.is_empty() {
        Ok(zones)
    } else {
        Err(r.report())
    }
}

fn at(p: &Pos) -> String {
    format!("{}:{}:{}", p.file, p.line, p.col)
}

#[derive(Default)]
struct Reader {
    problems: Vec<(Pos, String)>,
}

impl Reader {
    fn fail(&mut self, node: &Node, message: &str) {
        self.fail_at(&node.pos, message.to_owned());
    }

    fn fail_at(&mut self, pos: &Pos, message: String) {
        self.problems.push((pos.clone(), message));
    }

    /// The problems in file order, each `file:line:col: message`.
    fn report(mut self) -> Vec<String> {
        self.problems.sort_by_key(|(p, _)| (p.line, p.col));
        self.problems
            .into_iter()
            .map(|(p, m)| format!("{}: {m}", at(&p)))
            .collect()
    }

    /// A scalar read through its generated type, or a problem naming the field.
    fn value<T>(&mut self, node: &Node, field: &str) -> Option<T>
    where
        T: FromStr,
        T::Err: std::fmt::Display,
    {
        let Some(text) = node.as_str() else {
            self.fail(
                node,
                &format!("{field} must be a single value, found {}", node.kind()),
            );
            return None;
        };
        match text.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(node, &format!("{field}: {e}"));
                None
            }
        }
    }

    fn zone(&mut self, domain: Domain, body: &Node) -> Option<Zone> {
        let Some(entries) = body.as_map() else {
            self.fail(body, &format!("{domain} must be a map with `records`"));
            return None;
        };
        let before = self.problems.len();
        let mut zone = Zone::new(domain);
        let mut positions = Vec::new();
        for (k, v) in entries {
            match k.as_str() {
                Some("records") => match v.as_seq() {
                    Some(items) => {
                        for item in items {
                            match self.record(item) {
                                Some(Entry::Record(r)) => {
                                    positions.push(item.pos.clone());
                                    zone.records.push(r);
                                }
                                Some(Entry::Ignore(i)) => zone.ignore.push(i),
                                None => {}
                            }
                        }
                    }
                    None if v.is_null() => {}
                    None => self.fail(v, "records must be a list"),
                },
                Some("types") => match v.as_seq() {
                    Some(items) => {
                        let types: BTreeSet<RecordType> = items
                            .iter()
                            .filter_map(|t| self.value::<RecordType>(t, "types"))
                            .collect();
                        zone.types = Some(types);
                    }
                    None => self.fail(v, "types must be a list of record types"),
                },
                _ => self.fail(k, "unknown key: a domain has `records` and `types`"),
            }
        }
        for problem in zone.check() {
            let pos = positions.get(problem.index()).unwrap_or(&body.pos).clone();
            // The record is named by its line, not by the library's index among records.
            let what = match problem {
                ZoneError::Unmanaged { kind, .. } => {
                    format!("type {kind} is not one of the zone's managed types")
                }
                ZoneError::MissingPriority { .. } => "an mx record needs a priority".to_owned(),
                ZoneError::Duplicate { .. } => {
                    "the same record (name, type and value) is listed before".to_owned()
                }
            };
            self.fail_at(&pos, format!("{}: {what}", zone.domain));
        }
        (self.problems.len() == before).then_some(zone)
    }

    fn record(&mut self, node: &Node) -> Option<Entry> {
        let Some(fields) = node.as_map() else {
            self.fail(
                node,
                "a record must be a map of name, type, value, ttl, priority",
            );
            return None;
        };
        let before = self.problems.len();
        let (mut name, mut kind, mut value, mut ttl, mut priority, mut ignore) =
            (None, None, None, None, None, false);
        for (k, v) in fields {
            match k.as_str() {
                Some("name") => name = self.value::<DnsName>(v, "name"),
                Some("type") => kind = self.value::<RecordType>(v, "type"),
                Some("value") => value = self.value::<Label>(v, "value"),
                Some("ttl") => ttl = self.value::<Id>(v, "ttl"),
                Some("priority") => priority = self.value::<Id>(v, "priority"),
                Some("ignore") => match v.as_str() {
                    Some("true") => ignore = true,
                    Some("false") => {}
                    _ => self.fail(v, "ignore must be true or false"),
                },
                _ => self.fail(
                    k,
                    "unknown field: a record has name, type, value, ttl, priority and ignore",
                ),
            }
        }
        if self.problems.len() != before {
            return None;
        }
        let name = match name {
            Some(n) => n,
            None => self.value::<DnsName>(&scalar(node, "@"), "name")?,
        };
        let Some(kind) = kind else {
            self.fail(node, "a record needs a type");
            return None;
        };
        if ignore {
            return Some(Entry::Ignore(Ignore { name, kind, value }));
        }
        let Some(value) = value else {
            self.fail(node, "a record needs a value (or `ignore: true`)");
            return None;
        };
        let mut r = Record::new(name, kind, value);
        r.ttl = ttl;
        r.priority = priority;
        Some(Entry::Record(r))
    }
}

enum Entry {
    Record(Record),
    Ignore(Ignore),
}

/// A scalar node standing at `node`, for defaults read as if written there.
fn scalar(node: &Node, text: &str) -> Node {
    Node {
        pos: node.pos.clone(),
        value: yaml::Value::Scalar {
            text: text.to_owned(),
            quoted: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_located_and_collected() {
        let text = "a.com:\n  records:\n    - {name: www, type: a, value: 192.0.2.1}\n    - {name: 'bad name!', type: a, value: x}\n    - {type: mx, value: mail.a.com}\n    - {name: x, type: nope, value: y}\n";
        let problems = parse("z.yaml", text).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("z.yaml:4:"), "{problems:?}");
        assert!(problems[0].contains("name: "), "{problems:?}");
        assert_eq!(
            problems[1],
            "z.yaml:5:7: a.com: an mx record needs a priority"
        );
        assert!(
            problems[2].starts_with("z.yaml:6:23: type: \"nope\" is not a valid recordType"),
            "{problems:?}"
        );
    }

    #[test]
    fn defaults_and_ignores() {
        let text = "a.com:\n  types: [a, txt]\n  records:\n    - {type: a, value: 192.0.2.1}\n    - {name: www, type: txt, ignore: true}\n";
        let zones = parse("z.yaml", text).unwrap();
        assert_eq!(zones.len(), 1);
        assert_eq!(zones[0].records[0].name.as_str(), "@");
        assert_eq!(zones[0].ignore.len(), 1);
        assert!(!zones[0].manages(RecordType::Mx));
    }
}
