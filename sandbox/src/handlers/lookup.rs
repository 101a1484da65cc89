//! Finding a domain: by name and/or id among the caller's, the zone a name is sold in, and
//! whether a name is taken; every domain-scoped handler (DNS, transfers) starts here.

use domaincontext::types::Id;

use super::{opt, text};
use crate::reply::{Fail, fail};
use crate::state::{Domain, State};

/// A domain named by `domain` and/or `id`, as most domain commands take it.
#[derive(Clone, Debug, Default)]
pub struct Target {
    /// The name.
    pub domain: Option<String>,
    /// The id.
    pub id: Option<u64>,
}

impl Target {
    /// From a request's `domain` and `id` arguments.
    pub fn of(domain: &Option<domaincontext::types::Domain>, id: Option<Id>) -> Self {
        Target {
            domain: opt(domain),
            id: id.map(Id::get),
        }
    }

    /// By name only.
    pub fn name(domain: &domaincontext::types::Domain) -> Self {
        Target {
            domain: Some(text(domain)),
            id: None,
        }
    }
}

/// The id of the caller's domain named by `t`.
pub fn find(s: &State, who: &str, t: &Target) -> Result<u64, Fail> {
    match (&t.domain, t.id) {
        (None, None) => fail!("domain or id must be set"),
        (name, Some(id)) => {
            let Some(d) = s.domains.get(&id).filter(|d| d.client == who) else {
                return fail!("domain not found: {id}");
            };
            if name.as_ref().is_some_and(|n| n.to_lowercase() != d.domain) {
                return fail!("domain and id do not match");
            }
            Ok(id)
        }
        (Some(name), None) => {
            let name = name.to_lowercase();
            s.domains
                .values()
                .find(|d| d.client == who && d.domain == name)
                .map(|d| d.id)
                .map_or_else(|| fail!("domain not found: {name}"), Ok)
        }
    }
}

/// The caller's domain named by `t`, which must be active (state `ok`) to be changed.
pub fn find_active(s: &State, who: &str, t: &Target) -> Result<u64, Fail> {
    let id = find(s, who, t)?;
    let d = get(s, id)?;
    if d.state != "ok" {
        return fail!(
            "domain {} is not active: its state is {}",
            d.domain,
            d.state
        );
    }
    Ok(id)
}

/// The domain of a known id.
pub fn get(s: &State, id: u64) -> Result<&Domain, Fail> {
    s.domains
        .get(&id)
        .map_or_else(|| fail!("domain not found: {id}"), Ok)
}

pub fn get_mut(s: &mut State, id: u64) -> Result<&mut Domain, Fail> {
    match s.domains.get_mut(&id) {
        Some(d) => Ok(d),
        None => fail!("domain not found: {id}"),
    }
}

/// The zone of `name` that is sold here: the longest suffix found in the price list.
pub fn zone_of(s: &State, name: &str) -> Option<String> {
    name.char_indices()
        .filter(|(_, c)| *c == '.')
        .map(|(i, _)| &name[i + 1..])
        .find(|z| s.zones.contains_key(*z))
        .map(str::to_owned)
}

/// Registered here (by anyone) or elsewhere.
pub fn taken(s: &State, name: &str) -> bool {
    s.external.contains_key(name) || s.domains.values().any(|d| d.domain == name)
}
