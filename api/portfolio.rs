//! The portfolio as a whole: every domain of the account (paged, never truncated), the
//! ones expiring within a window, and their renewal with the `expires` guard (a renewal
//! names the expiration date it extends, so a repeated one is refused, not charged twice).

use futures_util::StreamExt;
use jiff::civil::Date;

use crate::answers::{DomainInfo, Renewal};
use crate::client::Client;
use crate::error::Error;
use crate::requests::{DomainRenew, DomainsSearch};
use crate::types::{Domain, Period};

/// States of a domain that can expire and be renewed; the others (transfers, deleted
/// domains) are not the account's to renew.
const RENEWABLE: [&str; 2] = ["ok", "expired"];

/// One domain's renewal: its name and what `domainRenew` answered.
#[derive(Debug)]
pub struct RenewOutcome {
    /// The domain.
    pub domain: Domain,
    /// The expiration date it had.
    pub expires: Date,
    /// The renewal, or why not.
    pub result: Result<Renewal, Error>,
}

/// Whether `d` expires on or before `until` (already expired included) and can be renewed.
pub fn is_expiring(d: &DomainInfo, until: Date) -> bool {
    let renewable = d.state.as_deref().is_none_or(|s| RENEWABLE.contains(&s));
    renewable && d.domain.is_some() && d.expires.is_some_and(|e| e <= until)
}

impl Client {
    /// Every domain of the account, page after page of `domainsSearch`.
    pub async fn domains_all(&self) -> Result<Vec<DomainInfo>, Error> {
        let mut rows = Vec::new();
        let mut stream = std::pin::pin!(
            self.domains_search_all(&DomainsSearch::new(), crate::DEFAULT_PAGE_SIZE)
        );
        while let Some(row) = stream.next().await {
            rows.push(row?);
        }
        Ok(rows)
    }

    /// The domains that expire on or before `until` (already expired included; only
    /// states that can be renewed), soonest first.
    pub async fn domains_expiring(&self, until: Date) -> Result<Vec<DomainInfo>, Error> {
        let mut rows: Vec<DomainInfo> = self
            .domains_all()
            .await?
            .into_iter()
            .filter(|d| is_expiring(d, until))
            .collect();
        rows.sort_by(|a, b| {
            (a.expires, a.domain.as_ref().map(|d| d.to_string()))
                .cmp(&(b.expires, b.domain.as_ref().map(|d| d.to_string())))
        });
        Ok(rows)
    }

    /// The `domainRenew` request of `d` for `period` years, guarded by its current
    /// expiration date (the answer's date is the request's); `None` when the row has no
    /// name or no date.
    pub fn renewal_request(d: &DomainInfo, period: Period) -> Option<DomainRenew> {
        match (&d.domain, d.expires) {
            (Some(domain), Some(expires)) => {
                Some(DomainRenew::new(domain.clone(), period, expires))
            }
            _ => None,
        }
    }

    /// Renews each of `domains` once for `period` years, one `domainRenew` after another
    /// (each rate-limited, none retried): one outcome a domain, in order.
    pub async fn renew_each(&self, domains: &[DomainInfo], period: Period) -> Vec<RenewOutcome> {
        let mut out = Vec::new();
        for d in domains {
            let (Some(domain), Some(expires)) = (&d.domain, d.expires) else {
                continue;
            };
            let result = self
                .domain_renew(&DomainRenew::new(domain.clone(), period, expires))
                .await;
            out.push(RenewOutcome {
                domain: domain.clone(),
                expires,
                result,
            });
        }
        out
    }
}
