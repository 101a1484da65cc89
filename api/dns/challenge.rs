//! The ACME DNS-01 challenge: exactly one `_acme-challenge` TXT record added or removed, in
//! the zone of the account's domain that is the longest suffix of the challenge's name.
//! No other record is ever sent.

use std::str::FromStr;

use super::{DnsError, Record};
use crate::client::Client;
use crate::requests::{DomainSetDns, DomainSetDnsRecordsItem, DomainsSearch};
use crate::types::{DnsName, Domain, Id, Label, Labels, RecordStatus, RecordType};

/// The TTL of a challenge record: the shortest the provider's panel accepts, so that a
/// retried challenge is not held back by caches.
const TTL: u64 = 60;

/// A DNS-01 challenge: the TXT record `fqdn` must hold `value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    fqdn: String,
    value: Label,
}

/// What a challenge call did.
#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeOutcome {
    /// The domain whose zone holds the record.
    pub domain: Domain,
    /// The record's name in that zone.
    pub name: DnsName,
    /// The request that was (or, for a plan, would be) sent; `None` when nothing was to
    /// be done (the record was already there, or already gone).
    pub request: Option<DomainSetDns>,
}

impl Challenge {
    /// The challenge of lego's `exec` provider: the record's full name (a trailing dot is
    /// allowed, as lego sends it) and the value.
    pub fn new(fqdn: &str, value: &str) -> Result<Self, DnsError> {
        let fqdn = fqdn.trim().trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = fqdn.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
            return Err(DnsError::BadName(fqdn));
        }
        Ok(Self {
            value: Label::try_from(value)?,
            fqdn,
        })
    }

    /// The challenge of certbot's manual hooks: the domain being validated
    /// (`CERTBOT_DOMAIN`) and the value (`CERTBOT_VALIDATION`).
    pub fn for_domain(domain: &str, value: &str) -> Result<Self, DnsError> {
        let domain = domain.trim().trim_start_matches("*.");
        Self::new(&format!("_acme-challenge.{domain}"), value)
    }

    /// The record's full name, without the trailing dot.
    pub fn fqdn(&self) -> &str {
        &self.fqdn
    }

    /// The names the zone can have: every suffix of two labels or more, longest first.
    fn suffixes(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = self.fqdn.as_str();
        while let Some((_, tail)) = rest.split_once('.') {
            if tail.contains('.') {
                out.push(tail);
            }
            rest = tail;
        }
        out
    }
}

impl Client {
    /// The domain of the account that is the longest suffix of `challenge`'s name (one
    /// `domainsSearch` for every candidate), and the record's name in its zone.
    pub async fn acme_zone(&self, challenge: &Challenge) -> Result<(Domain, DnsName), DnsError> {
        let candidates = challenge.suffixes();
        let names: Vec<Label> = candidates
            .iter()
            .map(|s| Label::try_from(*s))
            .collect::<Result<_, _>>()?;
        let limit = crate::types::Limit::from_str(&candidates.len().max(1).to_string())?;
        let search = DomainsSearch::new()
            .domains(Labels::new(names))
            .limit(limit);
        let rows = self
            .domains_search(&search)
            .await
            .map_err(DnsError::call("domainsSearch", &challenge.fqdn))?;
        let found = rows
            .into_iter()
            .filter_map(|r| r.domain)
            .filter(|d| candidates.contains(&d.to_string().as_str()))
            .max_by_key(|d| d.to_string().len())
            .ok_or_else(|| DnsError::NoZoneFor(challenge.fqdn.clone()))?;
        let domain = found.to_string();
        let name = challenge
            .fqdn
            .strip_suffix(&domain)
            .and_then(|n| n.strip_suffix('.'))
            .ok_or_else(|| DnsError::NoZoneFor(challenge.fqdn.clone()))?;
        Ok((found, DnsName::try_from(name)?))
    }

    /// What [`Client::acme_present`] (`present` true) or [`Client::acme_cleanup`] would
    /// send, read from the live zone; sends no change.
    pub async fn acme_plan(
        &self,
        challenge: &Challenge,
        present: bool,
    ) -> Result<ChallengeOutcome, DnsError> {
        let (domain, name) = self.acme_zone(challenge).await?;
        let (id, live) = self.dns_live(&domain).await?;
        let wanted = Record::new(name.clone(), RecordType::Txt, challenge.value.clone());
        let existing = live.iter().find(|(_, r)| r.same(&wanted)).map(|(k, _)| *k);
        let change = match (present, existing) {
            (true, None) => {
                let key = live.iter().map(|(k, _)| *k).max().unwrap_or(0) + 1;
                let record = DomainSetDnsRecordsItem::new()
                    .name(name.clone())
                    .kind(RecordType::Txt)
                    .value(challenge.value.clone())
                    .ttl(Id::try_from(TTL)?)
                    .status(RecordStatus::New);
                Some((key, record))
            }
            (false, Some(key)) => Some((
                key,
                DomainSetDnsRecordsItem::new().status(RecordStatus::Deleted),
            )),
            (true, Some(_)) | (false, None) => None,
        };
        Ok(ChallengeOutcome {
            request: change.map(|(k, r)| DomainSetDns::new().id(id).records(k, r)),
            domain,
            name,
        })
    }

    /// Adds the challenge's TXT record (nothing when it is there already).
    pub async fn acme_present(&self, challenge: &Challenge) -> Result<ChallengeOutcome, DnsError> {
        self.acme_send(self.acme_plan(challenge, true).await?).await
    }

    /// Removes the challenge's TXT record: the one with its name and value, never another
    /// (nothing when it is gone already).
    pub async fn acme_cleanup(&self, challenge: &Challenge) -> Result<ChallengeOutcome, DnsError> {
        self.acme_send(self.acme_plan(challenge, false).await?)
            .await
    }

    async fn acme_send(&self, outcome: ChallengeOutcome) -> Result<ChallengeOutcome, DnsError> {
        if let Some(request) = &outcome.request {
            self.domain_set_dns(request)
                .await
                .map_err(DnsError::call("domainSetDNS", &outcome.domain))?;
        }
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_longest_first() {
        let c = Challenge::new("_acme-challenge.a.example.co.uk.", "v").unwrap();
        assert_eq!(c.fqdn(), "_acme-challenge.a.example.co.uk");
        assert_eq!(c.suffixes(), ["a.example.co.uk", "example.co.uk", "co.uk"]);
        let c = Challenge::for_domain("*.example.com", "v").unwrap();
        assert_eq!(c.fqdn(), "_acme-challenge.example.com");
        assert_eq!(c.suffixes(), ["example.com"]);
        assert!(matches!(
            Challenge::new("a..b", "v"),
            Err(DnsError::BadName(_))
        ));
        assert!(matches!(
            Challenge::new("com", "v"),
            Err(DnsError::BadName(_))
        ));
    }
}
