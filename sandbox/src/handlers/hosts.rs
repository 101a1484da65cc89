//! Name-server hosts: a host lives under one of the caller's domains and needs its
//! addresses; one that a domain uses as a name server cannot be deleted.

use domaincontext::requests::{HostCreate, HostUpdate, HostsSearch};
use domaincontext::types::{Id, Ips, Ns};
use serde_json::{Value, json};

use super::items;
use crate::reply::{Fail, Res, fail};
use crate::search::{self, Paging};
use crate::state::{Host, State};

fn parent(host: &str) -> &str {
    host.split_once('.').map_or("", |(_, rest)| rest)
}

fn row(s: &State, h: &Host) -> Value {
    let domain = parent(&h.host);
    let domain_id = s
        .domains
        .values()
        .find(|d| d.domain == domain && d.client == h.client)
        .map(|d| d.id);
    json!({
        "id": h.id,
        "host": h.host,
        "domain": domain,
        "domain_id": domain_id,
        "client": h.client,
        "ip": h.ips.first().cloned().unwrap_or_default(),
        "ips": h.ips.join(","),
    })
}

const FIELDS: &[&str] = &["id", "host", "domain", "domain_id", "client", "ip"];

fn find(s: &State, who: &str, id: Option<Id>, host: Option<&Ns>) -> Result<u64, Fail> {
    match (id.map(Id::get), host) {
        (None, None) => fail!("id or host must be set"),
        (Some(id), _) => match s.hosts.get(&id) {
            Some(h) if h.client == who => Ok(id),
            _ => fail!("host not found: {id}"),
        },
        (None, Some(name)) => {
            let name = name.as_str().to_lowercase();
            s.hosts
                .values()
                .find(|h| h.client == who && h.host == name)
                .map(|h| h.id)
                .map_or_else(|| fail!("host not found: {name}"), Ok)
        }
    }
}

/// A host name the caller may create: free, under one of its domains.
fn check_name(s: &State, who: &str, name: &str) -> Result<(), Fail> {
    if s.hosts.values().any(|h| h.host == name) {
        return fail!("host already exists: {name}");
    }
    let domain = parent(name);
    if !s
        .domains
        .values()
        .any(|d| d.client == who && d.domain == domain)
    {
        return fail!("domain of the host not found: {domain}");
    }
    Ok(())
}

fn ip_list(ips: Option<&Ips>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for ip in items(ips.map(|i| i.as_slice()).unwrap_or_default()) {
        if !out.contains(&ip) {
            out.push(ip);
        }
    }
    out
}

/// `hostCreate`.
pub fn create(s: &mut State, who: &str, r: &HostCreate) -> Res {
    let name = r.host.as_str().to_lowercase();
    check_name(s, who, &name)?;
    let ips = ip_list(r.ips.as_ref());
    if ips.is_empty() {
        return fail!("ips must be set");
    }
    let id = s.new_id();
    s.hosts.insert(
        id,
        Host {
            id,
            host: name.clone(),
            client: who.to_owned(),
            ips,
        },
    );
    Ok(json!({"id": id, "host": name}))
}

/// `hostUpdate`: new addresses, and with both `id` and `host` a new name.
pub fn update(s: &mut State, who: &str, r: &HostUpdate) -> Res {
    let id = find(
        s,
        who,
        r.id,
        if r.id.is_some() {
            None
        } else {
            r.host.as_ref()
        },
    )?;
    let current = s.hosts.get(&id).map(|h| h.host.clone()).unwrap_or_default();
    let rename = match (r.id, &r.host) {
        (Some(_), Some(h)) if h.as_str().to_lowercase() != current => {
            let name = h.as_str().to_lowercase();
            check_name(s, who, &name)?;
            if let Some(d) = s
                .domains
                .values()
                .find(|d| d.nameservers.contains(&current))
            {
                return fail!("host is in use by domain {}", d.domain);
            }
            Some(name)
        }
        _ => None,
    };
    let ips = ip_list(r.ips.as_ref());
    if ips.is_empty() && rename.is_none() {
        return fail!("nothing to update: give ips, or id and a new host name");
    }
    let Some(h) = s.hosts.get_mut(&id) else {
        return fail!("host not found: {id}");
    };
    if let Some(name) = rename {
        h.host = name;
    }
    if !ips.is_empty() {
        h.ips = ips;
    }
    let h = h.clone();
    Ok(row(s, &h))
}

/// `hostDelete`: refused while a domain uses the host as a name server.
pub fn delete(s: &mut State, who: &str, id: Option<Id>, host: Option<&Ns>) -> Res {
    let id = find(s, who, id, host)?;
    let name = s.hosts.get(&id).map(|h| h.host.clone()).unwrap_or_default();
    if let Some(d) = s.domains.values().find(|d| d.nameservers.contains(&name)) {
        return fail!("host is in use by domain {}", d.domain);
    }
    s.hosts.remove(&id);
    Ok(json!({"id": id, "host": name}))
}

/// `hostGetInfo`.
pub fn info(s: &State, who: &str, id: Option<Id>, host: Option<&Ns>) -> Res {
    let id = find(s, who, id, host)?;
    s.hosts
        .get(&id)
        .map(|h| row(s, h))
        .map_or_else(|| fail!("host not found: {id}"), Ok)
}

/// `hostsSearch`. Hosts have no notes: a `note` filter matches only an empty one.
pub fn search(s: &State, who: &str, r: &HostsSearch) -> Res {
    let ids = search::ids(&r.ids);
    let domain_ids = search::ids(&r.domain_ids);
    let hosts = search::list(r.host.as_ref().map(|l| l.as_slice()));
    let domains = search::list(r.domain.as_ref().map(|l| l.as_slice()));
    let notes = search::list(r.note.as_ref().map(|l| l.as_slice()));
    let clients = search::list(r.client.as_ref().map(|l| l.as_slice()));
    let sellers = search::list(r.seller.as_ref().map(|l| l.as_slice()));
    let rows = s
        .hosts
        .values()
        .filter(|h| h.client == who)
        .filter(|h| ids.as_ref().is_none_or(|ids| ids.contains(&h.id)))
        .filter(|h| search::contains_any(hosts.as_deref(), &h.host))
        .filter(|h| search::any_of(domains.as_deref(), parent(&h.host)))
        .filter(|_| search::any_of(notes.as_deref(), ""))
        .filter(|h| search::by_owner(s, clients.as_deref(), sellers.as_deref(), &h.client))
        .map(|h| row(s, h))
        .filter(|row| {
            domain_ids
                .as_ref()
                .is_none_or(|ids| row["domain_id"].as_u64().is_some_and(|d| ids.contains(&d)))
        })
        .collect();
    search::page(
        rows,
        FIELDS,
        Paging::of(&r.orderby, r.limit, r.page, r.count),
    )
}
