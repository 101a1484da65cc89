//! Clients and what they can buy: login check, new clients of a reseller, balance, prices,
//! tariffs and OS images.

use domaincontext::ExposeSecret;
use domaincontext::requests::{
    ClientCheck, ClientCreate, ClientGetBalance, ClientGetPrices, TariffsGetAvailable,
};
use domaincontext::types::Id;
use serde_json::{Map, Value, json};

use super::contacts::contact_fields;
use super::{account, client_of, opt, text};
use crate::money::Money;
use crate::reply::{Res, fail};
use crate::state::{Account, State, Tariff};

/// `clientCheck`: the login and password given (or, with none, the caller's own).
pub fn check(s: &State, who: &str, r: &ClientCheck) -> Res {
    let a = match (&r.login, &r.password) {
        (None, None) => account(s, who)?,
        (_, None) => return fail!("password must be set"),
        (login, Some(password)) => {
            let login = opt(login).unwrap_or_else(|| who.to_owned());
            match s.clients.get(&login) {
                Some(a) if a.password == password.expose_secret() => a,
                _ => return fail!("wrong login or password"),
            }
        }
    };
    Ok(json!({"id": a.id, "login": a.login}))
}

/// `clientCreate`: a new client of the caller (the seller must be the caller), with a
/// contact made of the contact fields, and no money.
pub fn create(s: &mut State, who: &str, r: &ClientCreate) -> Res {
    let (login, seller) = (text(&r.login), text(&r.seller));
    if s.clients.contains_key(&login) {
        return fail!("login already exists: {login}");
    }
    if !s.clients.contains_key(&seller) {
        return fail!("seller not found: {seller}");
    }
    if seller != who {
        return fail!("not allowed: the seller must be {who}");
    }
    let email = text(&r.email);
    if s.clients
        .values()
        .any(|a| a.email.eq_ignore_ascii_case(&email))
    {
        return fail!("email already exists");
    }
    let currency = account(s, who)?.currency.clone();
    let mut fields = contact_fields!(r);
    if let Some(t) = &r.kind {
        fields.insert("type".to_owned(), t.as_str().to_owned());
    }
    let contact = super::contacts::insert(s, &login, fields);
    let id = s.new_id();
    s.clients.insert(
        login.clone(),
        Account {
            id,
            login: login.clone(),
            password: r.password.expose_secret().to_owned(),
            seller: Some(seller),
            balance: Money::ZERO,
            credit: Money::ZERO,
            currency,
            pincode: None,
            email,
            contact: Some(contact),
        },
    );
    Ok(json!({"id": id, "login": login}))
}

/// `clientGetBalance`: the caller's, or one of its clients'.
pub fn balance(s: &State, who: &str, r: &ClientGetBalance) -> Res {
    let login = opt(&r.client);
    let a = client_of(s, who, login.as_deref(), r.id.map(Id::get))?;
    if let Some(c) = &r.currency {
        if !c.as_str().eq_ignore_ascii_case(&a.currency) {
            return fail!("currency not available: {}", c.as_str());
        }
    }
    Ok(json!({
        "id": a.id,
        "login": a.login,
        "balance": a.balance.to_string(),
        "credit": a.credit.to_string(),
        "full_balance": Money(a.balance.cents().saturating_add(a.credit.cents())).to_string(),
        "currency": a.currency,
    }))
}

/// `clientGetPrices`: domain zones (register, renew, transfer per year), server tariffs
/// (per month) and certificate products (per year).
pub fn prices(s: &State, who: &str, r: &ClientGetPrices) -> Res {
    let login = opt(&r.client);
    let a = client_of(s, who, login.as_deref(), r.id.map(Id::get))?;
    if let Some(seller) = opt(&r.seller) {
        if a.seller.as_deref() != Some(seller.as_str()) {
            return fail!("seller does not match: {seller}");
        }
    }
    if let Some(seller_id) = r.seller_id.map(Id::get) {
        let matches = a
            .seller
            .as_ref()
            .and_then(|l| s.clients.get(l))
            .is_some_and(|seller| seller.id == seller_id);
        if !matches {
            return fail!("seller does not match: {seller_id}");
        }
    }
    let mut domains = Map::new();
    for (zone, price) in &s.zones {
        let p = price.to_string();
        domains.insert(
            zone.clone(),
            json!({"register": p, "renew": p, "transfer": p}),
        );
    }
    let servers: Map<String, Value> = s
        .tariffs
        .values()
        .filter(|t| t.kind != "domain")
        .map(|t| (t.name.clone(), json!(t.price.to_string())))
        .collect();
    let certificates: Map<String, Value> = s
        .products
        .values()
        .map(|p| (p.name.clone(), json!(p.price.to_string())))
        .collect();
    Ok(json!({
        "client": a.login,
        "currency": a.currency,
        "domains": domains,
        "servers": servers,
        "certificates": certificates,
    }))
}

fn tariff_row(s: &State, t: &Tariff) -> Value {
    let mut row = json!({"id": t.id, "name": t.name, "type": t.kind, "price": t.price.to_string()});
    if t.kind == "domain" {
        row["zones"] = s
            .zones
            .iter()
            .map(|(z, p)| (z.clone(), json!(p.to_string())))
            .collect::<Map<String, Value>>()
            .into();
    }
    row
}

/// `tariffsGetAvailable`.
pub fn tariffs(s: &State, r: &TariffsGetAvailable) -> Res {
    if let Some(seller) = opt(&r.seller) {
        if !s.clients.contains_key(&seller) {
            return fail!("seller not found: {seller}");
        }
    }
    let kind = opt(&r.kind);
    Ok(Value::Array(
        s.tariffs
            .values()
            .filter(|t| kind.as_ref().is_none_or(|k| *k == t.kind))
            .map(|t| tariff_row(s, t))
            .collect(),
    ))
}

/// `tariffGetInfo`.
pub fn tariff(s: &State, id: Option<Id>) -> Res {
    let Some(id) = id.map(Id::get) else {
        return fail!("id must be set");
    };
    s.tariffs
        .get(&id)
        .map(|t| tariff_row(s, t))
        .map_or_else(|| fail!("tariff not found: {id}"), Ok)
}

/// `osimagesSearch`.
pub fn osimages(s: &State, kind: Option<String>) -> Res {
    Ok(Value::Array(
        s.osimages
            .iter()
            .filter(|o| kind.as_ref().is_none_or(|k| *k == o.kind))
            .map(|o| json!({"name": o.name, "type": o.kind, "label": o.label, "live": o.live}))
            .collect(),
    ))
}
