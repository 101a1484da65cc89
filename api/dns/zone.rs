//! A zone as the user wants it: its records, the ones to leave alone, and the record types
//! it manages. Every value is a generated type, so a zone that exists is a valid one.

use std::collections::BTreeSet;

use crate::requests::DomainSetDnsRecordsItem;
use crate::types::{DnsName, Domain, Id, Label, RecordType};

/// One DNS record. Two records are the same record when name, type and value are equal;
/// TTL and priority are its settings.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Record {
    /// Owner name, relative to the zone: `@` for the apex (an empty name means `@`).
    pub name: DnsName,
    /// Record type.
    pub kind: RecordType,
    /// The record's data.
    pub value: Label,
    /// Time to live in seconds; `None` leaves it to the provider (or as it is).
    pub ttl: Option<Id>,
    /// MX priority (the API's `no`).
    pub priority: Option<Id>,
}

impl Record {
    /// A record with no TTL or priority given.
    pub fn new(name: DnsName, kind: RecordType, value: Label) -> Self {
        Self {
            name: normal_name(name),
            kind,
            value,
            ttl: None,
            priority: None,
        }
    }

    /// Sets the TTL.
    pub fn ttl(mut self, ttl: Id) -> Self {
        self.ttl = Some(ttl);
        self
    }

    /// Sets the MX priority.
    pub fn priority(mut self, priority: Id) -> Self {
        self.priority = Some(priority);
        self
    }

    /// Whether `other` is the same record: equal name, type and value.
    pub fn same(&self, other: &Record) -> bool {
        self.name == other.name && self.kind == other.kind && self.value == other.value
    }

    /// A record read back from the API; `None` when it has no type or value (nothing can
    /// manage it, so it is left alone).
    pub(crate) fn from_live(r: &DomainSetDnsRecordsItem) -> Option<Self> {
        let name = r.name.clone().unwrap_or_else(apex);
        Some(Self {
            name: normal_name(name),
            kind: r.kind?,
            value: r.value.clone()?,
            ttl: r.ttl,
            priority: r.no,
        })
    }
}

/// Live records matched by name and type (and value, when given) that a plan never
/// creates, changes or deletes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignore {
    /// Owner name.
    pub name: DnsName,
    /// Record type.
    pub kind: RecordType,
    /// Only the record with this value; `None` for every value.
    pub value: Option<Label>,
}

impl Ignore {
    /// Whether `r` is left alone by this rule.
    pub fn covers(&self, r: &Record) -> bool {
        normal_name(self.name.clone()) == r.name
            && self.kind == r.kind
            && self.value.as_ref().is_none_or(|v| *v == r.value)
    }
}

/// A domain's zone as it should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Zone {
    /// The registered domain.
    pub domain: Domain,
    /// The records it should have (of the managed types).
    pub records: Vec<Record>,
    /// Live records to leave alone.
    pub ignore: Vec<Ignore>,
    /// The record types this zone manages; `None` for every type. Live records of other
    /// types are left alone.
    pub types: Option<BTreeSet<RecordType>>,
}

/// Why a zone cannot be planned. `index` is the record's position in [`Zone::records`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    /// A record of a type the zone does not manage.
    #[error("record {index}: type {kind} is not one of the zone's managed types")]
    Unmanaged {
        /// The record's position.
        index: usize,
        /// Its type.
        kind: RecordType,
    },
    /// An MX record without its priority.
    #[error("record {index}: an mx record needs a priority")]
    MissingPriority {
        /// The record's position.
        index: usize,
    },
    /// The same record (name, type, value) twice.
    #[error("record {index}: the same record (name, type and value) is listed before")]
    Duplicate {
        /// The position of the second one.
        index: usize,
    },
}

impl ZoneError {
    /// The position of the record at fault in [`Zone::records`].
    pub fn index(&self) -> usize {
        match self {
            Self::Unmanaged { index, .. }
            | Self::MissingPriority { index }
            | Self::Duplicate { index } => *index,
        }
    }
}

impl Zone {
    /// An empty zone that manages every type.
    pub fn new(domain: Domain) -> Self {
        Self {
            domain,
            records: Vec::new(),
            ignore: Vec::new(),
            types: None,
        }
    }

    /// Whether records of `kind` are managed here.
    pub fn manages(&self, kind: RecordType) -> bool {
        self.types.as_ref().is_none_or(|t| t.contains(&kind))
    }

    /// Whether the live record `r` is part of the plan: of a managed type and not ignored.
    pub fn governs(&self, r: &Record) -> bool {
        self.manages(r.kind) && !self.ignore.iter().any(|i| i.covers(r))
    }

    /// Every problem of the zone, in record order; empty when it can be planned.
    pub fn check(&self) -> Vec<ZoneError> {
        let mut problems = Vec::new();
        for (index, r) in self.records.iter().enumerate() {
            if !self.manages(r.kind) {
                problems.push(ZoneError::Unmanaged {
                    index,
                    kind: r.kind,
                });
            }
            if r.kind == RecordType::Mx && r.priority.is_none() {
                problems.push(ZoneError::MissingPriority { index });
            }
            if self.records.iter().take(index).any(|e| e.same(r)) {
                problems.push(ZoneError::Duplicate { index });
            }
        }
        problems
    }
}

/// The apex name, `@`.
fn apex() -> DnsName {
    DnsName::try_from("@").unwrap_or_else(|_| unreachable!("`@` is a dnsName"))
}

/// `@` for a blank name; lower case otherwise (DNS names compare without case).
fn normal_name(name: DnsName) -> DnsName {
    let s = name.as_str().trim();
    if s.is_empty() {
        return apex();
    }
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        // Lower-casing keeps every character class of the rule, so the name stays valid.
        return DnsName::try_from(s.to_ascii_lowercase()).unwrap_or(name);
    }
    name
}
