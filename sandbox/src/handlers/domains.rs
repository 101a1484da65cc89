//! Domains: availability, search, registration, info, name servers, notes, renewal,
//! passwords, the autorenewal / whois protection / lock flags, and pushes to
//! another client.

use domaincontext::requests::{
    DomainPush, DomainRegister, DomainRenew, DomainsCheck, DomainsSearch,
};
use domaincontext::types::{Label, Nss, Pincode};
use serde_json::{Map, Value, json};

use super::domain_contacts::contacts_for;
use super::lookup::{Target, find, find_active, get, get_mut, taken, zone_of};
use super::{debit, funds, opt, pincode, text};
use crate::dates::Date;
use crate::reply::{Res, fail};
use crate::search::{self, Paging};
use crate::state::{Domain, State};

/// The domain's row, as `domainGetInfo` and `domainsSearch` answer it.
pub fn row(s: &State, d: &Domain) -> Value {
    let seller = s.clients.get(&d.client).and_then(|a| a.seller.clone());
    let daysleft = Date::parse(&d.expires).map(|e| s.today().days_until(e));
    let statuses = if d.is_secured {
        "ok,clientTransferProhibited"
    } else {
        "ok"
    };
    json!({
        "id": d.id,
        "domain": d.domain,
        "zone": d.zone,
        "state": d.state,
        "statuses": statuses,
        "client": d.client,
        "seller": seller,
        "note": d.note,
        "created_date": d.created_date,
        "updated_date": d.updated_date,
        "expiration_date": d.expires,
        "expires": d.expires,
        "daysleft": daysleft,
        "autorenewal": d.autorenewal,
        "whois_protected": d.whois_protected,
        "is_secured": d.is_secured,
        "nameservers": d.nameservers.join(","),
        "registrant_id": contact_id(d.registrant),
        "admin_id": contact_id(d.admin),
        "tech_id": contact_id(d.tech),
        "billing_id": contact_id(d.billing),
    })
}

/// A domain's contact as its row shows it: 0 (a domain a data set or a test made without
/// contacts) is no contact, `null`, never an id no request could name.
pub(crate) fn contact_id(id: u64) -> Value {
    if id == 0 { Value::Null } else { id.into() }
}

const FIELDS: &[&str] = &[
    "id",
    "domain",
    "zone",
    "state",
    "client",
    "note",
    "created_date",
    "updated_date",
    "expiration_date",
    "expires",
    "daysleft",
    "autorenewal",
    "whois_protected",
    "is_secured",
];

/// `domainsCheck`: `{"a.com": 1}` when `a.com` can be registered, else 0.
pub fn check(s: &State, r: &DomainsCheck) -> Res {
    let mut out = Map::new();
    for d in r.domains.as_slice() {
        let name = d.as_str().to_lowercase();
        let free = zone_of(s, &name).is_some() && !taken(s, &name);
        out.insert(d.as_str().to_owned(), Value::from(u8::from(free)));
    }
    Ok(Value::Object(out))
}

/// `domainsSearch`: the caller's domains. `dns`, `view`, `total` and `show_fw_park` are
/// accepted and have no effect.
pub fn search(s: &State, who: &str, r: &DomainsSearch) -> Res {
    let ids = search::ids(&r.ids);
    let domains = search::list(r.domains.as_ref().map(|l| l.as_slice()));
    let notes = search::list(r.note.as_ref().map(|l| l.as_slice()));
    let clients = search::list(r.client.as_ref().map(|l| l.as_slice()));
    let sellers = search::list(r.seller.as_ref().map(|l| l.as_slice()));
    let like = opt(&r.domain).map(|l| l.to_lowercase());
    let state = opt(&r.state);
    let show_dns = r.show_dns == Some(true);
    let found: Vec<&Domain> = s
        .domains
        .values()
        .filter(|d| d.client == who)
        .filter(|d| ids.as_ref().is_none_or(|ids| ids.contains(&d.id)))
        .filter(|d| like.as_ref().is_none_or(|l| d.domain.contains(l.as_str())))
        .filter(|d| search::any_of(domains.as_deref(), &d.domain))
        .filter(|d| search::contains_any(notes.as_deref(), &d.note))
        .filter(|d| {
            state
                .as_ref()
                .is_none_or(|st| st.eq_ignore_ascii_case(&d.state))
        })
        .filter(|d| search::by_owner(s, clients.as_deref(), sellers.as_deref(), &d.client))
        .collect();
    let full = |d: &Domain| {
        let mut row = row(s, d);
        if show_dns {
            row["dns"] = super::dns::records_json(&d.dns);
        }
        row
    };
    let paging = Paging::of(&r.orderby, r.limit, r.page, r.count);
    if paging.orderby.is_some() {
        return search::page(found.iter().map(|d| full(d)).collect(), FIELDS, paging);
    }
    // In id order, a page is the same slice of positions: page the positions, and build
    // the rows of that page only (a large data set is paged through row by row).
    let positions = (0..found.len()).map(Value::from).collect();
    match search::page(positions, FIELDS, paging)? {
        Value::Array(page) => Ok(Value::Array(
            page.iter()
                .filter_map(|i| i.as_u64().and_then(|i| found.get(i as usize)))
                .map(|d| full(d))
                .collect(),
        )),
        count => Ok(count),
    }
}

/// A new domain of the caller, with defaults.
pub fn new_domain(
    s: &mut State,
    who: &str,
    name: &str,
    zone: String,
    expires: Date,
    contacts: [u64; 4],
) -> Domain {
    let id = s.new_id();
    let password = s.new_secret("Pw-");
    let today = s.today().to_string();
    Domain {
        created_date: today.clone(),
        updated_date: today,
        expires: expires.to_string(),
        registrant: contacts[0],
        admin: contacts[1],
        tech: contacts[2],
        billing: contacts[3],
        password,
        ..Domain::new(id, name, &zone, who)
    }
}

/// `domainRegister`: charges the zone's price for each year.
pub fn register(s: &mut State, who: &str, r: &DomainRegister) -> Res {
    let name = r.domain.as_str().to_lowercase();
    let Some(zone) = zone_of(s, &name) else {
        return fail!("zone not supported: {name}");
    };
    if taken(s, &name) {
        return fail!("domain is not available: {name}");
    }
    let years = r.period.map_or(1, |p| p.get());
    let price = s.zones.get(&zone).copied().unwrap_or_default().times(years);
    let contacts = contacts_for(
        s,
        who,
        [
            r.registrant.as_ref(),
            r.admin.as_ref(),
            r.tech.as_ref(),
            r.billing.as_ref(),
        ],
    )?;
    funds(s, who, price)?;
    let expires = s.today().add_years(years);
    let d = new_domain(s, who, &name, zone, expires, contacts);
    let answer =
        json!({"id": d.id, "domain": d.domain, "password": d.password, "expires": d.expires});
    s.domains.insert(d.id, d);
    debit(s, who, price);
    Ok(answer)
}

/// `domainGetInfo`.
pub fn info(s: &State, who: &str, t: &Target) -> Res {
    let id = find(s, who, t)?;
    Ok(row(s, get(s, id)?))
}

/// `domainGetNSs`.
pub fn get_nss(s: &State, who: &str, t: &Target) -> Res {
    let d = get(s, find(s, who, t)?)?;
    Ok(json!({"id": d.id, "domain": d.domain, "nss": d.nameservers.join(",")}))
}

/// `domainSetNSs`: a name server inside the domain itself needs a host record first.
pub fn set_nss(s: &mut State, who: &str, t: &Target, nss: Option<&Nss>) -> Res {
    let id = find_active(s, who, t)?;
    let mut list: Vec<String> = Vec::new();
    for ns in nss.map(|n| n.as_slice()).unwrap_or_default() {
        let ns = ns.as_str().to_lowercase();
        if !list.contains(&ns) {
            list.push(ns);
        }
    }
    if list.is_empty() {
        return fail!("nss must be set");
    }
    if list.len() > 13 {
        return fail!("at most 13 name servers");
    }
    let d = get(s, id)?;
    let suffix = format!(".{}", d.domain);
    for ns in &list {
        if ns.ends_with(&suffix) && !s.hosts.values().any(|h| &h.host == ns) {
            return fail!("name server {ns} has no host record: create it with hostCreate first");
        }
    }
    let today = s.today().to_string();
    let d = get_mut(s, id)?;
    d.nameservers = list;
    d.updated_date = today;
    Ok(json!({"id": d.id, "domain": d.domain, "nss": d.nameservers.join(",")}))
}

/// `domainGetNote`.
pub fn get_note(s: &State, who: &str, t: &Target) -> Res {
    let d = get(s, find(s, who, t)?)?;
    Ok(json!({"id": d.id, "domain": d.domain, "note": d.note}))
}

/// `domainSetNote`: a blank or missing note deletes it.
pub fn set_note(s: &mut State, who: &str, t: &Target, note: Option<&Label>) -> Res {
    let id = find(s, who, t)?;
    let d = get_mut(s, id)?;
    d.note = note
        .map(|n| n.as_str().trim().to_owned())
        .unwrap_or_default();
    Ok(json!({"id": d.id, "domain": d.domain, "note": d.note}))
}

/// `domainRenew`: `expires` must be the current expiration date; charges the zone's price
/// for each year and moves the date by that many years (at most 10 years ahead of today).
pub fn renew(s: &mut State, who: &str, r: &DomainRenew) -> Res {
    let id = find_active(s, who, &Target::name(&r.domain))?;
    let d = get(s, id)?;
    if d.expires != r.expires.to_string() {
        return fail!("expires does not match the current expiration date");
    }
    let Some(current) = Date::parse(&d.expires) else {
        return fail!("the domain has no valid expiration date");
    };
    let years = r.period.get();
    let next = current.add_years(years);
    if next > s.today().add_years(10) {
        return fail!("the expiration date would be more than 10 years ahead");
    }
    let Some(price) = s.zones.get(&d.zone).map(|p| p.times(years)) else {
        return fail!("zone not supported: {}", d.zone);
    };
    funds(s, who, price)?;
    let today = s.today().to_string();
    let d = get_mut(s, id)?;
    d.expires = next.to_string();
    d.updated_date = today;
    let answer = json!({"id": d.id, "domain": d.domain, "expires": d.expires});
    debit(s, who, price);
    Ok(answer)
}

/// `domainGetPassword`.
pub fn get_password(s: &State, who: &str, t: &Target, pin: Option<&Pincode>) -> Res {
    let id = find(s, who, t)?;
    pincode(s, who, pin)?;
    let d = get(s, id)?;
    Ok(json!({"id": d.id, "domain": d.domain, "password": d.password}))
}

/// `domainRegenPassword`: a new transfer password.
pub fn regen_password(s: &mut State, who: &str, t: &Target, pin: Option<&Pincode>) -> Res {
    let id = find_active(s, who, t)?;
    pincode(s, who, pin)?;
    let password = s.new_secret("Pw-");
    let d = get_mut(s, id)?;
    d.password = password;
    Ok(json!({"id": d.id, "domain": d.domain, "password": d.password}))
}

/// A flag of a domain that commands switch on and off.
#[derive(Clone, Copy, Debug)]
pub enum Flag {
    /// `domainEnableAutorenewal` / `domainDisableAutorenewal`.
    Autorenewal,
    /// `domainEnableWhoisProtect` / `domainDisableWhoisProtect`.
    WhoisProtect,
    /// `domainEnableLock` / `domainDisableLock`.
    Lock,
}

/// Switches `flag` to `on`.
pub fn set_flag(s: &mut State, who: &str, t: &Target, flag: Flag, on: bool) -> Res {
    let id = find_active(s, who, t)?;
    let today = s.today().to_string();
    let d = get_mut(s, id)?;
    let (field, name) = match flag {
        Flag::Autorenewal => (&mut d.autorenewal, "autorenewal"),
        Flag::WhoisProtect => (&mut d.whois_protected, "whois_protected"),
        Flag::Lock => (&mut d.is_secured, "is_secured"),
    };
    *field = on;
    d.updated_date = today;
    Ok(json!({"id": d.id, "domain": d.domain, name: on}))
}

/// `domainPush`: hands the domain to another client. The sender must own it, and a locked
/// domain stays.
pub fn push(s: &mut State, who: &str, r: &DomainPush) -> Res {
    let id = find_active(s, who, &Target::of(&r.domain, r.id))?;
    let d = get(s, id)?;
    let (sender, receiver) = (text(&r.sender), text(&r.receiver));
    if sender != d.client {
        return fail!("sender {sender} is not the domain's owner");
    }
    if !s.clients.contains_key(&receiver) {
        return fail!("receiver not found: {receiver}");
    }
    if receiver == d.client {
        return fail!("the domain belongs to {receiver} already");
    }
    if d.is_secured {
        return fail!("domain is locked: {}", d.domain);
    }
    pincode(s, who, r.pincode.as_ref())?;
    let today = s.today().to_string();
    let d = get_mut(s, id)?;
    d.client = receiver;
    d.updated_date = today;
    Ok(json!({"id": d.id, "domain": d.domain, "client": d.client}))
}
