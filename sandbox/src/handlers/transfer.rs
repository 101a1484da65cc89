//! Transfers: a domain moves in from another registrar (the data set's `external` table of
//! names and auth codes) or from another client here, with its password; and incoming
//! transfers waiting for approval (`preincoming`) are approved or rejected.

use std::collections::BTreeMap;

use domaincontext::types::{Domains, Label};
use serde_json::{Map, Value, json};

use super::domain_contacts::contacts_for;
use super::domains::new_domain;
use super::lookup::{get, zone_of};
use super::{debit, funds};
use crate::dates::Date;
use crate::money::Money;
use crate::reply::{Fail, Res, fail};
use crate::state::{ExternalDomain, State};

/// Where a transferable domain is now.
enum From {
    /// At another registrar.
    External,
    /// Here, with another client: its id.
    Client(u64),
}

struct Plan {
    name: String,
    zone: String,
    from: From,
    price: Money,
    expires: Date,
}

/// Everything a transfer needs, checked; nothing changed.
fn plan(s: &State, who: &str, domain: &str, password: &str) -> Result<Plan, Fail> {
    let name = domain.to_lowercase();
    let Some(zone) = zone_of(s, &name) else {
        return fail!("zone not supported: {name}");
    };
    let price = s.zones.get(&zone).copied().unwrap_or_default();
    let today = s.today();
    let (from, expires) = if let Some(ext) = s.external.get(&name) {
        if ext.password != password {
            return fail!("invalid authorization code for {name}");
        }
        (From::External, ext.expires.as_str())
    } else if let Some(d) = s.domains.values().find(|d| d.domain == name) {
        if d.client == who {
            return fail!("domain is already in your account: {name}");
        }
        if d.password != password {
            return fail!("invalid authorization code for {name}");
        }
        if d.is_secured {
            return fail!("domain is locked: {name}");
        }
        if d.state != "ok" {
            return fail!("domain cannot be transferred in its state {}", d.state);
        }
        (From::Client(d.id), d.expires.as_str())
    } else {
        return fail!("domain is not registered: {name}");
    };
    let current = Date::parse(expires).unwrap_or(today).max(today);
    Ok(Plan {
        name,
        zone,
        from,
        price,
        expires: current.add_years(1),
    })
}

/// `domainCheckTransfer`: whether `domainTransfer` would go through, and its price.
pub fn check(s: &State, who: &str, domain: &str, password: &str) -> Res {
    let p = plan(s, who, domain, password)?;
    Ok(json!({"domain": p.name, "transferable": true, "price": p.price.to_string()}))
}

/// `domainTransfer`: with the right auth code, the domain moves into the caller's account
/// (state `ok`), one year is added to its expiration date, and one year is charged.
pub fn transfer(s: &mut State, who: &str, domain: &str, password: &str) -> Res {
    let p = plan(s, who, domain, password)?;
    let contacts = contacts_for(s, who, [None; 4])?;
    funds(s, who, p.price)?;
    let today = s.today().to_string();
    let id = match p.from {
        From::External => {
            s.external.remove(&p.name);
            let d = new_domain(s, who, &p.name, p.zone, p.expires, contacts);
            let id = d.id;
            s.domains.insert(id, d);
            id
        }
        From::Client(id) => {
            let password = s.new_secret("Pw-");
            if let Some(d) = s.domains.get_mut(&id) {
                d.client = who.to_owned();
                d.expires = p.expires.to_string();
                d.updated_date = today;
                d.password = password;
                d.is_secured = false;
                [d.registrant, d.admin, d.tech, d.billing] = contacts;
            }
            id
        }
    };
    debit(s, who, p.price);
    let d = get(s, id)?;
    Ok(json!({"id": d.id, "domain": d.domain, "state": d.state, "expires": d.expires}))
}

/// The caller's domains waiting for approval of their incoming transfer.
fn preincoming(s: &State, who: &str, domains: Option<&Domains>) -> Result<Vec<u64>, Fail> {
    let names = domains.map(|d| d.as_slice()).unwrap_or_default();
    if names.is_empty() {
        return fail!("domains must be set");
    }
    let mut ids = Vec::new();
    for name in names {
        let name = name.as_str().to_lowercase();
        match s
            .domains
            .values()
            .find(|d| d.client == who && d.domain == name && d.state == "preincoming")
        {
            Some(d) => ids.push(d.id),
            None => return fail!("no incoming transfer of {name} waits for approval"),
        }
    }
    Ok(ids)
}

/// `domainApprovePreincoming`: the domains become active. `confirm_data` is accepted and
/// not checked.
pub fn approve(
    s: &mut State,
    who: &str,
    domains: Option<&Domains>,
    _confirm: &BTreeMap<String, Label>,
) -> Res {
    let ids = preincoming(s, who, domains)?;
    let today = s.today().to_string();
    let mut out = Map::new();
    for id in ids {
        if let Some(d) = s.domains.get_mut(&id) {
            d.state = "ok".to_owned();
            d.updated_date = today.clone();
            out.insert(d.domain.clone(), json!({"id": d.id, "state": d.state}));
        }
    }
    Ok(Value::Object(out))
}

/// `domainsRejectPreincoming`: the transfers are cancelled and the domains go back to
/// their registrar (the `external` table, with their password).
pub fn reject(
    s: &mut State,
    who: &str,
    domains: Option<&Domains>,
    _confirm: &BTreeMap<String, Label>,
) -> Res {
    let ids = preincoming(s, who, domains)?;
    let mut out = Map::new();
    for id in ids {
        if let Some(d) = s.domains.remove(&id) {
            out.insert(d.domain.clone(), json!({"id": d.id, "state": "rejected"}));
            s.external.insert(
                d.domain,
                ExternalDomain {
                    password: d.password,
                    expires: d.expires,
                },
            );
        }
    }
    Ok(Value::Object(out))
}
