//! DNS as code: zones described as data ([`Zone`]), compared with the live zones
//! ([`Plan`], [`Client::dns_plan`](crate::Client::dns_plan)) and changed through
//! `domainsSetDNS` ([`Client::dns_apply`](crate::Client::dns_apply)) under safety rules, and
//! the one-record changes of an ACME DNS-01 challenge
//! ([`Client::acme_present`](crate::Client::acme_present)).
//!
//! ```no_run
//! use domaincontext::Client;
//! use domaincontext::dns::{ApplyOptions, Record, Zone};
//! use domaincontext::types::RecordType;
//!
//! # async fn run(client: Client) -> Result<(), domaincontext::dns::DnsError> {
//! let mut zone = Zone::new("example.com".parse()?);
//! zone.records.push(Record::new("@".parse()?, RecordType::A, "192.0.2.1".parse()?));
//! let plan = client.dns_plan(&[zone]).await?;
//! print!("{plan}");
//! client.dns_apply(&plan, &ApplyOptions::default()).await?;
//! # Ok(()) }
//! ```

mod apply;
mod challenge;
mod error;
mod plan;
mod zone;

pub use apply::{Applied, ApplyOptions, DEFAULT_MAX_SHARE, DEFAULT_MIN_RECORDS};
pub use challenge::{Challenge, ChallengeOutcome};
pub use error::DnsError;
pub use plan::{Change, Plan, ZonePlan};
pub use zone::{Ignore, Record, Zone, ZoneError};
