//! The difference between the zones a user wants and the live ones: records to create,
//! update and delete per domain, read through `domainGetInfo` and `domainGetDNS`.

use std::fmt;

use super::{DnsError, Record, Zone};
use crate::client::Client;
use crate::requests::{DomainGetDns, DomainGetInfo};
use crate::types::{Domain, Id};

/// One change of a zone. Live records are named by their number (`key`), which
/// `domainsSetDNS` takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A record to add.
    Create(Record),
    /// A live record to change: its settings, or its value (same name and type).
    Update {
        /// The live record's number.
        key: u64,
        /// As it is.
        from: Record,
        /// As it will be.
        to: Record,
    },
    /// A live record to delete.
    Delete {
        /// The live record's number.
        key: u64,
        /// As it is.
        record: Record,
    },
}

/// The plan of one domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZonePlan {
    /// The domain.
    pub domain: Domain,
    /// Its id, which `domainsSetDNS` keys its items by.
    pub id: Id,
    /// Live records the plan manages (of managed types, not ignored).
    pub managed: usize,
    /// The highest live record number: new records are numbered above it.
    pub(crate) last_key: u64,
    /// The changes, sorted by name, type and value.
    pub changes: Vec<Change>,
}

impl ZonePlan {
    /// Updates plus deletes: what the safety rule counts.
    pub fn destructive(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| !matches!(c, Change::Create(_)))
            .count()
    }
}

/// The plan of every domain of a zone file, in the file's order of domains.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// One plan a domain, changes or not.
    pub zones: Vec<ZonePlan>,
}

impl Plan {
    /// True when nothing is to be done.
    pub fn is_empty(&self) -> bool {
        self.zones.iter().all(|z| z.changes.is_empty())
    }

    /// Creates, updates and deletes over all zones.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for c in self.zones.iter().flat_map(|z| &z.changes) {
            match c {
                Change::Create(_) => n.0 += 1,
                Change::Update { .. } => n.1 += 1,
                Change::Delete { .. } => n.2 += 1,
            }
        }
        n
    }

    /// The plan of `zone` against the live records `live` (number and record).
    pub fn zone(zone: &Zone, id: Id, live: &[(u64, Record)]) -> ZonePlan {
        let last_key = live.iter().map(|(k, _)| *k).max().unwrap_or(0);
        let mut have: Vec<&(u64, Record)> = live.iter().filter(|(_, r)| zone.governs(r)).collect();
        let managed = have.len();
        have.sort_by(|a, b| a.1.cmp(&b.1));
        let mut want: Vec<&Record> = zone.records.iter().collect();
        want.sort();
        let mut changes = Vec::new();
        // First the same records (name, type, value): at most their settings change.
        pair(&mut want, &mut have, &mut changes, Record::same, settled);
        // Then a new value for a name and type that has one to spare is an update.
        pair(
            &mut want,
            &mut have,
            &mut changes,
            |h, w| h.name == w.name && h.kind == w.kind,
            |h, w| {
                let mut to = w.clone();
                to.ttl = to.ttl.or(h.ttl);
                to.priority = to.priority.or(h.priority);
                Some(to)
            },
        );
        changes.extend(want.into_iter().map(|w| Change::Create(w.clone())));
        changes.extend(have.into_iter().map(|(key, h)| Change::Delete {
            key: *key,
            record: h.clone(),
        }));
        changes.sort_by(|a, b| subject(a).cmp(subject(b)));
        ZonePlan {
            domain: zone.domain.clone(),
            id,
            managed,
            last_key,
            changes,
        }
    }
}

/// The record a change is about, for sorting.
fn subject(c: &Change) -> &Record {
    match c {
        Change::Create(r) | Change::Update { to: r, .. } | Change::Delete { record: r, .. } => r,
    }
}

/// The live record `have` with the settings `want` gives, or `None` when they agree. A
/// setting the file leaves out is kept as it is.
/// Pairs each wanted record with the first live one that `matches` it, taking both out of
/// their lists; the pair is an update to what `update` gives (`None`: nothing changes).
fn pair(
    want: &mut Vec<&Record>,
    have: &mut Vec<&(u64, Record)>,
    changes: &mut Vec<Change>,
    matches: impl Fn(&Record, &Record) -> bool,
    update: impl Fn(&Record, &Record) -> Option<Record>,
) {
    want.retain(|w| match have.iter().position(|(_, h)| matches(h, w)) {
        Some(i) => {
            let (key, h) = have.remove(i);
            if let Some(to) = update(h, w) {
                changes.push(Change::Update {
                    key: *key,
                    from: h.clone(),
                    to,
                });
            }
            false
        }
        None => true,
    });
}

fn settled(have: &Record, want: &Record) -> Option<Record> {
    let ttl = want.ttl.or(have.ttl);
    let priority = want.priority.or(have.priority);
    if ttl == have.ttl && priority == have.priority {
        return None;
    }
    let mut to = have.clone();
    to.ttl = ttl;
    to.priority = priority;
    Some(to)
}

impl Client {
    /// The plan that makes the live zones of the account look like `zones`: reads each
    /// domain's id (`domainGetInfo`) and records (`domainGetDNS`); sends no change. Each
    /// zone is checked first ([`Zone::check`]) and a domain given twice is refused, before
    /// anything is sent.
    pub async fn dns_plan(&self, zones: &[Zone]) -> Result<Plan, DnsError> {
        for (i, z) in zones.iter().enumerate() {
            if let Some(source) = z.check().into_iter().next() {
                return Err(DnsError::Zone {
                    domain: z.domain.clone(),
                    source,
                });
            }
            if zones.iter().take(i).any(|o| o.domain == z.domain) {
                return Err(DnsError::DuplicateZone(z.domain.clone()));
            }
        }
        let mut plan = Plan::default();
        for z in zones {
            let (id, live) = self.dns_live(&z.domain).await?;
            plan.zones.push(Plan::zone(z, id, &live));
        }
        Ok(plan)
    }

    /// The live zone of `domain` as a [`Zone`] whose plan is empty: every record with its
    /// TTL and priority, sorted by name, type and value (so that two exports of the same
    /// zone are equal).
    pub async fn dns_export(&self, domain: &Domain) -> Result<Zone, DnsError> {
        let (_, live) = self.dns_live(domain).await?;
        let mut zone = Zone::new(domain.clone());
        zone.records = live.into_iter().map(|(_, r)| r).collect();
        zone.records.sort();
        Ok(zone)
    }

    /// A domain's id and its live records, by number.
    pub(crate) async fn dns_live(
        &self,
        domain: &Domain,
    ) -> Result<(Id, Vec<(u64, Record)>), DnsError> {
        let info = self
            .domain_get_info(&DomainGetInfo::new().domain(domain.clone()))
            .await
            .map_err(DnsError::call("domainGetInfo", domain))?;
        let id = info.id.ok_or_else(|| DnsError::NoDomain(domain.clone()))?;
        let dns = self
            .domain_get_dns(&DomainGetDns::new().id(id))
            .await
            .map_err(DnsError::call("domainGetDNS", domain))?;
        let live = dns
            .records
            .iter()
            .filter_map(|(k, r)| Record::from_live(r).map(|r| (*k, r)))
            .collect();
        Ok((id, live))
    }
}

impl fmt::Display for Record {
    /// `name type value (ttl N, priority N)`, on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.name, self.kind, self.value)?;
        match (self.ttl, self.priority) {
            (Some(t), Some(p)) => write!(f, " (ttl {t}, priority {p})"),
            (Some(t), None) => write!(f, " (ttl {t})"),
            (None, Some(p)) => write!(f, " (priority {p})"),
            (None, None) => Ok(()),
        }
    }
}

impl fmt::Display for Plan {
    /// The plan as plain text: a heading a domain with changes, one line a change
    /// (`+` create, `~` update, `-` delete), then the totals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for z in self.zones.iter().filter(|z| !z.changes.is_empty()) {
            writeln!(f, "{}:", z.domain)?;
            for c in &z.changes {
                match c {
                    Change::Create(r) => writeln!(f, "  + {r}")?,
                    Change::Update { from, to, .. } => writeln!(f, "  ~ {from} => {to}")?,
                    Change::Delete { record, .. } => writeln!(f, "  - {record}")?,
                }
            }
        }
        let (c, u, d) = self.counts();
        writeln!(f, "{c} to create, {u} to update, {d} to delete")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::{ApplyOptions, Ignore};
    use crate::types::RecordType;

    fn r(name: &str, kind: RecordType, value: &str, ttl: u64) -> Record {
        Record::new(name.parse().unwrap(), kind, value.parse().unwrap())
            .ttl(Id::try_from(ttl).unwrap())
    }

    #[test]
    fn creates_updates_deletes_and_leaves_alone() {
        let live = vec![
            (1, r("@", RecordType::A, "192.0.2.1", 3600)),
            (2, r("www", RecordType::Cname, "a.com", 3600)),
            (3, r("old", RecordType::A, "192.0.2.3", 3600)),
            (4, r("mail", RecordType::A, "192.0.2.4", 3600)),
            (7, r("@", RecordType::Ns, "ns1.a.com", 3600)),
            (8, r("kept", RecordType::Txt, "x", 3600)),
        ];
        let mut zone = Zone::new("a.com".parse().unwrap());
        zone.types = Some([RecordType::A, RecordType::Cname, RecordType::Txt].into());
        zone.ignore.push(Ignore {
            name: "kept".parse().unwrap(),
            kind: RecordType::Txt,
            value: None,
        });
        zone.records = vec![
            // Same record, new TTL: an update of its settings.
            r("@", RecordType::A, "192.0.2.1", 600),
            // Same name and type, new value: an update.
            r("WWW", RecordType::Cname, "b.com", 3600),
            // Same record, TTL left out: nothing to do.
            Record::new(
                "mail".parse().unwrap(),
                RecordType::A,
                "192.0.2.4".parse().unwrap(),
            ),
            r("new", RecordType::Txt, "hello", 300),
        ];
        let plan = Plan::zone(&zone, Id::try_from(9u64).unwrap(), &live);
        assert_eq!(plan.managed, 4, "ns is not managed, kept is ignored");
        assert_eq!(plan.last_key, 8);
        let text: Vec<String> = plan
            .changes
            .iter()
            .map(|c| match c {
                Change::Create(r) => format!("+ {r}"),
                Change::Update { key, from, to } => format!("~{key} {from} => {to}"),
                Change::Delete { key, record } => format!("-{key} {record}"),
            })
            .collect();
        assert_eq!(
            text,
            [
                "~1 @ a 192.0.2.1 (ttl 3600) => @ a 192.0.2.1 (ttl 600)",
                "+ new txt hello (ttl 300)",
                "-3 old a 192.0.2.3 (ttl 3600)",
                "~2 www cname a.com (ttl 3600) => www cname b.com (ttl 3600)",
            ]
        );
        assert_eq!(plan.destructive(), 3);
        let full = Plan { zones: vec![plan] };
        let share = |max_share, min_records| ApplyOptions {
            max_share,
            min_records,
            force: false,
        };
        assert!(full.check_share(&share(0.75, 0)).is_ok());
        // A zone under octoDNS's minimum is not held to the share at all.
        assert!(full.check_share(&share(0.7, 5)).is_ok());
        assert!(matches!(
            full.check_share(&share(0.7, 4)),
            Err(DnsError::TooManyChanges {
                changes: 3,
                records: 4,
                percent: 75,
                limit: 70,
                ..
            })
        ));
        // New records are numbered above every live one, including unmanaged ones.
        let item = &full.items()[0];
        assert_eq!(
            item.records.keys().copied().collect::<Vec<_>>(),
            [1, 2, 3, 9]
        );
    }
}
