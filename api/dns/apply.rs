//! A plan carried out: every zone's changes as one item of `domainsSetDNS`, as few requests
//! as the bulk form allows, after the safety rule (a share of each zone's records that
//! updates and deletes may touch) has passed.

use super::{Change, DnsError, Plan, Record, ZonePlan};
use crate::bulk::{BulkOptions, ItemOutcome};
use crate::client::Client;
use crate::requests::{DomainSetDns, DomainSetDnsRecordsItem, DomainsSetDns};
use crate::types::RecordStatus;

/// The share of a zone's records a plan may update or delete without being forced:
/// octoDNS's rule, 30 %.
pub const DEFAULT_MAX_SHARE: f64 = 0.3;

/// Zones with fewer managed records than this are not held to the share: octoDNS's
/// `MIN_EXISTING_RECORDS`, so that changing one record of a three-record zone needs no
/// `force`.
pub const DEFAULT_MIN_RECORDS: usize = 10;

/// How [`Client::dns_apply`] guards a plan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ApplyOptions {
    /// The largest share (0 to 1) of a zone's managed records that updates plus deletes
    /// may touch.
    pub max_share: f64,
    /// Zones with fewer managed records than this are not held to `max_share`.
    pub min_records: usize,
    /// Apply even above `max_share`.
    pub force: bool,
}

impl Default for ApplyOptions {
    fn default() -> Self {
        Self {
            max_share: DEFAULT_MAX_SHARE,
            min_records: DEFAULT_MIN_RECORDS,
            force: false,
        }
    }
}

/// What [`Client::dns_apply`] did: one outcome a zone with changes, in the plan's order.
#[derive(Debug)]
pub struct Applied {
    /// The zones sent, with their item's outcome (the records after the change, or why
    /// not).
    pub zones: Vec<(
        crate::types::Domain,
        ItemOutcome<crate::answers::DnsRecords>,
    )>,
}

impl Applied {
    /// True when every zone's change was carried out.
    pub fn is_ok(&self) -> bool {
        self.zones.iter().all(|(_, o)| o.result.is_ok())
    }
}

impl Plan {
    /// The first zone of at least `options.min_records` managed records whose updates plus
    /// deletes exceed `options.max_share` of them.
    pub fn check_share(&self, options: &ApplyOptions) -> Result<(), DnsError> {
        let max_share = options.max_share;
        for z in &self.zones {
            let changes = z.destructive();
            if changes == 0 || z.managed < options.min_records {
                continue;
            }
            let records = z.managed.max(1);
            let share = changes as f64 / records as f64;
            if share > max_share {
                return Err(DnsError::TooManyChanges {
                    domain: z.domain.clone(),
                    changes,
                    records: z.managed,
                    percent: (share * 100.0).round() as u64,
                    limit: (max_share * 100.0).round() as u64,
                });
            }
        }
        Ok(())
    }

    /// The `domainSetDNS` items of the zones with changes: the items of the one
    /// `domainsSetDNS` request that carries the plan out.
    pub fn items(&self) -> Vec<DomainSetDns> {
        self.zones
            .iter()
            .filter(|z| !z.changes.is_empty())
            .map(item)
            .collect()
    }
}

fn item(z: &ZonePlan) -> DomainSetDns {
    let mut set = DomainSetDns::new().id(z.id);
    let mut next = z.last_key;
    for c in &z.changes {
        let (key, record) = match c {
            Change::Create(r) => {
                next += 1;
                (next, wire(r, RecordStatus::New))
            }
            Change::Update { key, to, .. } => (*key, wire(to, RecordStatus::Ok)),
            Change::Delete { key, .. } => (
                *key,
                DomainSetDnsRecordsItem::new().status(RecordStatus::Deleted),
            ),
        };
        set = set.records(key, record);
    }
    set
}

fn wire(r: &Record, status: RecordStatus) -> DomainSetDnsRecordsItem {
    let mut item = DomainSetDnsRecordsItem::new()
        .name(r.name.clone())
        .kind(r.kind)
        .value(r.value.clone())
        .status(status);
    item.ttl = r.ttl;
    item.no = r.priority;
    item
}

impl Client {
    /// Carries `plan` out through `domainsSetDNS`: one item a zone with changes, in
    /// requests of up to 100 zones. Refused before anything is sent when a zone's updates
    /// plus deletes exceed `options.max_share` of its managed records (zones of fewer than
    /// `options.min_records` are exempt), unless
    /// `options.force`. Domains the plan does not name are never touched, nor live records
    /// it does not manage. An empty plan sends nothing.
    pub async fn dns_apply(
        &self,
        plan: &Plan,
        options: &ApplyOptions,
    ) -> Result<Applied, DnsError> {
        if !options.force {
            plan.check_share(options)?;
        }
        let domains: Vec<_> = plan
            .zones
            .iter()
            .filter(|z| !z.changes.is_empty())
            .map(|z| z.domain.clone())
            .collect();
        let items = plan.items();
        if items.is_empty() {
            return Ok(Applied { zones: Vec::new() });
        }
        let outcomes = self
            .bulk::<DomainsSetDns>(
                items,
                BulkOptions {
                    chunk_size: 100,
                    concurrency: 1,
                },
            )
            .await;
        Ok(Applied {
            zones: domains.into_iter().zip(outcomes).collect(),
        })
    }
}
