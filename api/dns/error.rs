//! What can go wrong in a DNS workflow: a call that failed, a zone that cannot be found or
//! planned, a plan refused by the safety rule.

use crate::error::{Error, InvalidValue};
use crate::types::Domain;

/// An error of [`Client::dns_plan`](crate::Client::dns_plan),
/// [`Client::dns_apply`](crate::Client::dns_apply) or the ACME challenge methods.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DnsError {
    /// A call to the API failed.
    #[error("{command} for {domain} failed")]
    Call {
        /// The command.
        command: &'static str,
        /// The domain it was for.
        domain: String,
        /// The client's error.
        #[source]
        source: Error,
    },
    /// A value is not valid for its type.
    #[error("invalid value")]
    Invalid(#[from] InvalidValue),
    /// The account has no such domain, or its answer has no id.
    #[error("{0} is not a domain of this account")]
    NoDomain(Domain),
    /// The same domain is given twice.
    #[error("{0} is given twice")]
    DuplicateZone(Domain),
    /// A zone cannot be planned.
    #[error("zone {domain} is not valid")]
    Zone {
        /// The zone's domain.
        domain: Domain,
        /// Its first problem.
        #[source]
        source: super::ZoneError,
    },
    /// The plan would update or delete more than the allowed share of a zone's records.
    #[error(
        "the plan would update or delete {changes} of {records} records of {domain} ({percent} %), above the {limit} % allowed; nothing was sent (force it to apply anyway)"
    )]
    TooManyChanges {
        /// The zone.
        domain: Domain,
        /// Updates plus deletes.
        changes: usize,
        /// Records of the zone the plan manages.
        records: usize,
        /// `changes` as a per cent of `records`, rounded.
        percent: u64,
        /// The allowed per cent.
        limit: u64,
    },
    /// No domain of the account is a suffix of the challenge's name.
    #[error("no domain of this account holds {0}")]
    NoZoneFor(String),
    /// The challenge's name is not a DNS name under any zone.
    #[error("{0} is not a challenge name (a host name such as _acme-challenge.example.com)")]
    BadName(String),
}

impl DnsError {
    pub(crate) fn call(command: &'static str, domain: &impl ToString) -> impl Fn(Error) -> Self {
        let domain = domain.to_string();
        move |source| Self::Call {
            command,
            domain: domain.clone(),
            source,
        }
    }

    /// The client's error, when a call failed: it says whether anything was sent and
    /// whether the outcome is unknown.
    pub fn client_error(&self) -> Option<&Error> {
        match self {
            Self::Call { source, .. } => Some(source),
            _ => None,
        }
    }
}
