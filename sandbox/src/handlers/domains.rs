//! Domains: availability, search, registration, info, name servers, notes, renewal,
//! passwords, contacts, the autorenewal / whois protection / lock flags, and pushes to
//! another client.

use domaincontext::requests::{
    DomainPush, DomainRegister, DomainRenew, DomainsCheck, DomainsSearch,
};
use domaincontext::types::{Eid, Id, Label, Nss, Pincode};
use serde_json::{Map, Value, json};

use super::{account, contact_id, debit, funds, opt, pincode, text};
use crate::dates::Date;
use crate::reply::{Fail, Res, fail};
use crate::search::{self, Paging};
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

fn get_mut(s: &mut State, id: u64) -> Result<&mut Domain, Fail> {
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
        "registrant_id": d.registrant,
        "admin_id": d.admin,
        "tech_id": d.tech,
        "billing_id": d.billing,
    })
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

/// The caller's contacts for a new domain: those given, or the account's own contact.
pub fn contacts_for(s: &State, who: &str, given: [Option<&Eid>; 4]) -> Result<[u64; 4], Fail> {
    let default = account(s, who)?.contact;
    let mut out = [0; 4];
    for (slot, (eid, role)) in
        out.iter_mut().zip(
            given
                .into_iter()
                .zip(["registrant", "admin", "tech", "billing"]),
        )
    {
        *slot = match (eid, default) {
            (Some(e), _) => contact_id(s, who, e.as_str())?,
            (None, Some(c)) => c,
            (None, None) => return fail!("{role} must be set"),
        };
    }
    Ok(out)
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

/// Which contacts `domainGet*Contacts*` answer.
#[derive(Clone, Copy, Debug)]
pub struct ContactView {
    /// As WHOIS shows them: the privacy service's when the domain is protected.
    pub whois: bool,
    /// Every field of each contact, not only its ids.
    pub info: bool,
}

/// `domainGetContacts`, `domainGetWPContacts` and their `Info` variants.
pub fn contacts(s: &State, who: &str, t: &Target, view: ContactView) -> Res {
    let d = get(s, find(s, who, t)?)?;
    let mut out = Map::new();
    out.insert("id".to_owned(), json!(d.id));
    out.insert("domain".to_owned(), json!(d.domain));
    let roles = [
        ("registrant", d.registrant),
        ("admin", d.admin),
        ("tech", d.tech),
        ("billing", d.billing),
    ];
    for (role, cid) in roles {
        let value = if view.whois && d.whois_protected {
            let privacy = json!({
                "eid": "whois_privacy",
                "name": "Whois Privacy Service",
                "email": format!("{}@whoisprivacy.domaincontext.com", d.domain),
            });
            if view.info {
                privacy
            } else {
                json!("whois_privacy")
            }
        } else {
            match s.contacts.get(&cid) {
                Some(c) if view.info => super::contacts::row(c),
                Some(c) => json!(c.eid),
                None => Value::Null,
            }
        };
        out.insert(role.to_owned(), value);
        if !view.info {
            out.insert(format!("{role}_id"), json!(cid));
        }
    }
    Ok(Value::Object(out))
}

/// `domainSetContacts`: every contact must be one of the caller's.
pub fn set_contacts(s: &mut State, who: &str, t: &Target, eids: [&Eid; 4]) -> Res {
    let id = find_active(s, who, t)?;
    let ids = contacts_for(s, who, eids.map(Some))?;
    let today = s.today().to_string();
    let d = get_mut(s, id)?;
    [d.registrant, d.admin, d.tech, d.billing] = ids;
    d.updated_date = today;
    Ok(json!({
        "id": d.id,
        "domain": d.domain,
        "registrant_id": d.registrant,
        "admin_id": d.admin,
        "tech_id": d.tech,
        "billing_id": d.billing,
    }))
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
