//! Servers: buying (the tariff's monthly price times `amount` months), renewal, refusal,
//! power (`state` is `running`, `stopped` or `live`), re-setup, VNC, root password and
//! live CD boot, info, lists and search.

use domaincontext::requests::{ServerBuy, ServersGetList, ServersSearch};
use domaincontext::types::{Eid, Id, LiveImage, Months, Server as ServerName};
use serde_json::{Value, json};

use super::{debit, funds, opt};
use crate::dates::Date;
use crate::reply::{Fail, Res, fail};
use crate::search::{self, Paging};
use crate::state::{OsImage, Server, State, Tariff, Vnc};

fn dc(cluster: u64) -> &'static str {
    match cluster {
        1 => "Netherlands, Amsterdam",
        2 => "USA, Ashburn",
        _ => "",
    }
}

fn row(s: &State, v: &Server) -> Value {
    let tariff = s.tariffs.get(&v.tariff_id).map(|t| t.name.clone());
    json!({
        "id": v.id,
        "name": v.name,
        "client": v.client,
        "tariff": tariff,
        "tariff_id": v.tariff_id,
        "cluster_id": v.cluster_id,
        "dc": dc(v.cluster_id),
        "os": v.os,
        "panel": v.panel,
        "state": v.state,
        "live_os": v.live_os,
        "ip": v.ip,
        "expires": v.expires,
        "autorenewal": false,
        "note": v.note,
        "vnc": v.vnc.as_ref().map(|c| json!({"host": c.host, "port": c.port})),
        "running_task": Value::Null,
        "last_task": v.last_task,
    })
}

const FIELDS: &[&str] = &[
    "id", "name", "client", "tariff", "state", "os", "ip", "expires", "dc",
];

/// A server of the caller, named by `id` and/or `server`.
pub fn find(s: &State, who: &str, id: Option<Id>, name: Option<&ServerName>) -> Result<u64, Fail> {
    match (id.map(Id::get), name) {
        (None, None) => fail!("id or server must be set"),
        (Some(id), name) => match s.servers.get(&id) {
            Some(v) if v.client == who => {
                if name.is_some_and(|n| n.as_str() != v.name) {
                    return fail!("server and id do not match");
                }
                Ok(id)
            }
            _ => fail!("server not found: {id}"),
        },
        (None, Some(name)) => s
            .servers
            .values()
            .find(|v| v.client == who && v.name == name.as_str())
            .map(|v| v.id)
            .map_or_else(|| fail!("server not found: {}", name.as_str()), Ok),
    }
}

fn server_mut(s: &mut State, id: u64) -> Result<&mut Server, Fail> {
    match s.servers.get_mut(&id) {
        Some(v) => Ok(v),
        None => fail!("server not found: {id}"),
    }
}

/// An installable image for a tariff of `kind`.
fn image<'s>(s: &'s State, name: &str, kind: &str) -> Result<&'s OsImage, Fail> {
    let Some(o) = s.osimages.iter().find(|o| o.name == name) else {
        return fail!("os image not found: {name}");
    };
    if o.live {
        return fail!("{name} is a live CD image: boot it with serverBootLive");
    }
    if o.kind != kind {
        return fail!("os image {name} is not available for {kind} servers");
    }
    Ok(o)
}

fn tariff_of(s: &State, v: &Server) -> Result<Tariff, Fail> {
    s.tariffs
        .get(&v.tariff_id)
        .cloned()
        .map_or_else(|| fail!("tariff not found: {}", v.tariff_id), Ok)
}

/// `serverBuy`: answers `{"id", "name"}`. The tariff is named exactly, or up to spaces at
/// its ends (the seed's example name ends with one).
pub fn buy(s: &mut State, who: &str, r: &ServerBuy) -> Res {
    let name = r.tariff.as_str();
    let Some(t) = s
        .tariffs
        .values()
        .filter(|t| t.kind != "domain")
        .find(|t| t.name == name)
        .or_else(|| {
            s.tariffs
                .values()
                .filter(|t| t.kind != "domain")
                .find(|t| t.name.trim() == name.trim())
        })
        .cloned()
    else {
        return fail!("tariff not found: {name}");
    };
    let os = image(s, r.osimage.as_str(), &t.kind)?.name.clone();
    // The clusters are numbered on the wire: `1`, `2`.
    let Ok(cluster_id) = r.cluster_id.as_str().parse::<u64>() else {
        return fail!("cluster not found: {}", r.cluster_id);
    };
    let months = months_of(r.amount.as_ref());
    let price = t.price.times(months);
    funds(s, who, price)?;
    let id = s.new_id();
    let root_password = s.new_secret("Root-");
    let server = Server {
        id,
        name: format!("vds{id}"),
        client: who.to_owned(),
        tariff_id: t.id,
        cluster_id,
        os,
        panel: opt(&r.panel).unwrap_or_default(),
        state: "running".to_owned(),
        live_os: None,
        ip: format!("192.0.2.{}", 100 + id % 150),
        expires: s.today().add_months(months).to_string(),
        note: opt(&r.purpose).unwrap_or_default(),
        root_password,
        vnc: None,
        last_task: "setup".to_owned(),
    };
    let answer = json!({"id": id, "name": server.name});
    s.servers.insert(id, server);
    debit(s, who, price);
    Ok(answer)
}

/// `serverRenew`: `amount` more months, charged at the tariff's price.
pub fn renew(
    s: &mut State,
    who: &str,
    id: Option<Id>,
    name: Option<&ServerName>,
    amount: Option<&Months>,
) -> Res {
    let id = find(s, who, id, name)?;
    let v = s
        .servers
        .get(&id)
        .cloned()
        .map_or_else(|| fail!("server not found: {id}"), Ok)?;
    let months = months_of(amount);
    let price = tariff_of(s, &v)?.price.times(months);
    let Some(current) = Date::parse(&v.expires) else {
        return fail!("the server has no valid expiration date");
    };
    funds(s, who, price)?;
    let from = current.max(s.today());
    let v = server_mut(s, id)?;
    v.expires = from.add_months(months).to_string();
    let answer = json!({"id": id, "name": v.name, "expires": v.expires});
    debit(s, who, price);
    Ok(answer)
}

/// `serverRefuse`: the server is removed; what was paid is not returned.
pub fn refuse(s: &mut State, who: &str, id: Option<Id>, name: Option<&ServerName>) -> Res {
    let id = find(s, who, id, name)?;
    let v = s.servers.remove(&id);
    Ok(json!({"id": id, "name": v.map(|v| v.name)}))
}

/// A power operation.
#[derive(Clone, Copy, Debug)]
pub enum Power {
    /// Restart (a stopped server starts).
    Reboot,
    /// Hard reset (a stopped server starts).
    Reset,
    /// Orderly stop.
    Shutdown,
    /// Start a stopped server.
    On,
    /// Cut the power.
    Off,
}

/// `serverReboot`, `serverReset`, `serverShutdown`, `serverPowerOn`, `serverPowerOff`.
pub fn power(
    s: &mut State,
    who: &str,
    id: Option<Id>,
    name: Option<&ServerName>,
    op: Power,
) -> Res {
    let id = find(s, who, id, name)?;
    let v = server_mut(s, id)?;
    let stopped = v.state == "stopped";
    let (state, task) = match op {
        Power::Reboot => ("running", "reboot"),
        Power::Reset => ("running", "reset"),
        Power::On if !stopped => return fail!("server is already running"),
        Power::On => ("running", "power_on"),
        Power::Shutdown | Power::Off if stopped => return fail!("server is already stopped"),
        Power::Shutdown => ("stopped", "shutdown"),
        Power::Off => ("stopped", "power_off"),
    };
    v.state = state.to_owned();
    v.live_os = None;
    v.last_task = task.to_owned();
    Ok(json!({"id": id, "name": v.name, "state": v.state}))
}

/// `serverResetup`: a fresh install of `osimage`, with a new root password.
pub fn resetup(
    s: &mut State,
    who: &str,
    id: Option<Id>,
    name: Option<&ServerName>,
    osimage: &Eid,
    panel: Option<String>,
) -> Res {
    let id = find(s, who, id, name)?;
    let kind = s
        .servers
        .get(&id)
        .and_then(|v| s.tariffs.get(&v.tariff_id))
        .map_or_else(|| "svds".to_owned(), |t| t.kind.clone());
    let os = image(s, osimage.as_str(), &kind)?.name.clone();
    let password = s.new_secret("Root-");
    let v = server_mut(s, id)?;
    v.os = os;
    v.panel = panel.unwrap_or_default();
    v.state = "running".to_owned();
    v.live_os = None;
    v.root_password = password;
    v.last_task = "resetup".to_owned();
    Ok(json!({"id": id, "name": v.name, "os": v.os, "state": v.state}))
}

/// `serverEnableVNC`: the console's address, port and password (the same until it is
/// enabled again after a re-setup).
pub fn enable_vnc(s: &mut State, who: &str, id: Option<Id>, name: Option<&ServerName>) -> Res {
    let id = find(s, who, id, name)?;
    let password = s.new_secret("Vnc-");
    let v = server_mut(s, id)?;
    let vnc = v.vnc.get_or_insert_with(|| Vnc {
        host: v.ip.clone(),
        port: 5900 + u16::try_from(id % 100).unwrap_or(0),
        password,
    });
    Ok(json!({"id": id, "host": vnc.host, "port": vnc.port, "password": vnc.password}))
}

/// `serverRegenRootPassword`.
pub fn regen_root_password(
    s: &mut State,
    who: &str,
    id: Option<Id>,
    name: Option<&ServerName>,
) -> Res {
    let id = find(s, who, id, name)?;
    let password = s.new_secret("Root-");
    let v = server_mut(s, id)?;
    v.root_password = password;
    Ok(json!({"id": id, "name": v.name, "password": v.root_password}))
}

/// `serverBootLive`: boots a live CD image (default `freebsdx64.live`); `state` becomes
/// `live` until a reboot.
pub fn boot_live(
    s: &mut State,
    who: &str,
    id: Option<Id>,
    name: Option<&ServerName>,
    osimage: Option<LiveImage>,
) -> Res {
    let id = find(s, who, id, name)?;
    let image = osimage.map_or("freebsdx64.live", LiveImage::as_str);
    if !s.osimages.iter().any(|o| o.live && o.name == image) {
        return fail!("live CD image not found: {image}");
    }
    let v = server_mut(s, id)?;
    v.state = "live".to_owned();
    v.live_os = Some(image.to_owned());
    v.last_task = "boot_live".to_owned();
    Ok(json!({"id": id, "name": v.name, "state": v.state, "live_os": v.live_os}))
}

/// `serverGetInfo`.
pub fn info(s: &State, who: &str, id: Option<Id>, name: Option<&ServerName>) -> Res {
    let id = find(s, who, id, name)?;
    s.servers
        .get(&id)
        .map(|v| row(s, v))
        .map_or_else(|| fail!("server not found: {id}"), Ok)
}

/// `serversGetList`: the caller's servers, or those named.
pub fn list(s: &State, who: &str, r: &ServersGetList) -> Res {
    let ids = search::ids(&r.ids);
    let name = opt(&r.server);
    let client = opt(&r.client);
    Ok(Value::Array(
        s.servers
            .values()
            .filter(|v| v.client == who)
            .filter(|v| ids.as_ref().is_none_or(|ids| ids.contains(&v.id)))
            .filter(|v| name.as_ref().is_none_or(|n| *n == v.name))
            .filter(|v| client.as_ref().is_none_or(|c| *c == v.client))
            .map(|v| row(s, v))
            .collect(),
    ))
}

/// `serversSearch`.
pub fn search(s: &State, who: &str, r: &ServersSearch) -> Res {
    let ids = search::ids(&r.ids);
    let names = search::list(r.servers.as_ref().map(|l| l.as_slice()));
    let notes = search::list(r.note.as_ref().map(|l| l.as_slice()));
    let states = search::list(r.states.as_ref().map(|l| l.as_slice()));
    let client = opt(&r.client);
    let seller = opt(&r.seller);
    let rows = s
        .servers
        .values()
        .filter(|v| v.client == who)
        .filter(|v| ids.as_ref().is_none_or(|ids| ids.contains(&v.id)))
        .filter(|v| search::any_of(names.as_deref(), &v.name))
        .filter(|v| search::contains_any(notes.as_deref(), &v.note))
        .filter(|v| search::any_of(states.as_deref(), &v.state))
        .filter(|v| client.as_ref().is_none_or(|c| *c == v.client))
        .filter(|v| {
            seller
                .as_ref()
                .is_none_or(|l| l == search::seller_of(s, &v.client))
        })
        .map(|v| row(s, v))
        .collect();
    search::page(rows, FIELDS, Paging::of(&r.orderby, r.limit, r.page, None))
}

/// The months of an `amount` (1 when it is left out, as the API's default).
fn months_of(amount: Option<&Months>) -> u64 {
    amount.map_or(1, |m| m.as_str().parse().unwrap_or(1))
}
