//! Contacts: create, update (the fields given replace the old ones, the others stay),
//! delete (refused while a domain, an account or a certificate uses the contact), info and
//! search.

use std::collections::BTreeMap;

use domaincontext::requests::{ContactCreate, ContactUpdate, ContactsSearch};
use domaincontext::types::Id;
use serde_json::{Map, Value, json};

use super::pincode;
use crate::reply::{Fail, Res, fail};
use crate::search::{self, Paging};
use crate::state::{Contact, State};

/// The contact fields a request gives, by their API names: every request with the fields
/// of `contactCreate` (`contactCreate`, `contactUpdate`, `clientCreate`) reads through it.
macro_rules! contact_fields {
    ($r:expr) => {{
        let r = $r;
        let mut m: ::std::collections::BTreeMap<String, String> = ::std::collections::BTreeMap::new();
        contact_fields!(@req m, r, email, first_name, street1, city, postal_code, country, voice_phone);
        contact_fields!(@opt m, r, last_name, birth_date, organization, street2, street3, province,
            fax_phone, emails, passport_no, passport_date, passport_by, organization_ru, inn, kpp,
            director_name);
        contact_fields!(@flag m, r, isresident);
        m
    }};
    (@req $m:ident, $r:ident, $($f:ident),*) => {
        $( $m.insert(stringify!($f).to_owned(), $crate::handlers::text(&$r.$f)); )*
    };
    (@flag $m:ident, $r:ident, $($f:ident),*) => {
        $( if let Some(v) = $r.$f { $m.insert(stringify!($f).to_owned(), if v { "1" } else { "0" }.to_owned()); } )*
    };
    (@opt $m:ident, $r:ident, $($f:ident),*) => {
        $( if let Some(v) = $crate::handlers::opt(&$r.$f) { $m.insert(stringify!($f).to_owned(), v); } )*
    };
}
pub(crate) use contact_fields;

/// The contact's row: ids, owner, full name and every field it has.
pub fn row(c: &Contact) -> Value {
    let mut out = Map::new();
    out.insert("id".to_owned(), json!(c.id));
    out.insert("eid".to_owned(), json!(c.eid));
    out.insert("client".to_owned(), json!(c.client));
    out.insert("name".to_owned(), json!(full_name(c)));
    for (k, v) in &c.fields {
        out.insert(k.clone(), json!(v));
    }
    Value::Object(out)
}

fn full_name(c: &Contact) -> String {
    let field = |k: &str| c.fields.get(k).map_or("", String::as_str);
    format!("{} {}", field("first_name"), field("last_name"))
        .trim()
        .to_owned()
}

const FIELDS: &[&str] = &[
    "id",
    "eid",
    "client",
    "name",
    "email",
    "first_name",
    "last_name",
    "organization",
    "country",
    "city",
];

/// Creates a contact of `who` with `fields`; its eid is its id in decimal.
pub fn insert(s: &mut State, who: &str, fields: BTreeMap<String, String>) -> u64 {
    let id = s.new_id();
    s.contacts.insert(
        id,
        Contact {
            id,
            eid: id.to_string(),
            client: who.to_owned(),
            fields,
        },
    );
    id
}

/// `contactCreate`.
pub fn create(s: &mut State, who: &str, r: &ContactCreate) -> Res {
    let mut fields = contact_fields!(r);
    if let Some(t) = &r.kind {
        fields.insert("type".to_owned(), t.as_str().to_owned());
    }
    let id = insert(s, who, fields);
    Ok(json!({"id": id, "eid": id.to_string()}))
}

fn find(s: &State, who: &str, id: u64) -> Result<u64, Fail> {
    match s.contacts.get(&id) {
        Some(c) if c.client == who => Ok(id),
        _ => fail!("contact not found: {id}"),
    }
}

/// `contactUpdate`.
pub fn update(s: &mut State, who: &str, r: &ContactUpdate) -> Res {
    let id = find(s, who, r.id.get())?;
    pincode(s, who, r.pincode.as_ref())?;
    let fields = contact_fields!(r);
    let Some(c) = s.contacts.get_mut(&id) else {
        return fail!("contact not found: {id}");
    };
    c.fields.extend(fields);
    Ok(json!({"id": id}))
}

/// What uses a contact, if anything.
fn user(s: &State, id: u64) -> Option<String> {
    if let Some(d) = s
        .domains
        .values()
        .find(|d| [d.registrant, d.admin, d.tech, d.billing].contains(&id))
    {
        return Some(format!("domain {}", d.domain));
    }
    if let Some(a) = s.clients.values().find(|a| a.contact == Some(id)) {
        return Some(format!("client {}", a.login));
    }
    s.certificates
        .values()
        .find(|c| c.admin_id == id || c.tech_id == id)
        .map(|c| format!("certificate {}", c.id))
}

/// `contactDelete`.
pub fn delete(s: &mut State, who: &str, id: Id) -> Res {
    let id = find(s, who, id.get())?;
    if let Some(user) = user(s, id) {
        return fail!("contact is in use by {user}");
    }
    s.contacts.remove(&id);
    Ok(json!({"id": id}))
}

/// `contactGetInfo`: by eid, or by numeric id.
pub fn info(s: &State, who: &str, eid: &str) -> Res {
    let id = super::contact_id(s, who, eid)?;
    s.contacts
        .get(&id)
        .map(row)
        .map_or_else(|| fail!("contact not found: {eid}"), Ok)
}

/// `contactsSearch`. `select` is accepted and has no effect.
pub fn search(s: &State, who: &str, r: &ContactsSearch) -> Res {
    let ids = search::ids(&r.ids);
    let names = search::list(r.name.as_ref().map(|l| l.as_slice()));
    let emails = search::list(r.email.as_ref().map(|l| l.as_slice()));
    let clients = search::list(r.client.as_ref().map(|l| l.as_slice()));
    let sellers = search::list(r.seller.as_ref().map(|l| l.as_slice()));
    let email = |c: &Contact| c.fields.get("email").cloned().unwrap_or_default();
    let rows = s
        .contacts
        .values()
        .filter(|c| c.client == who)
        .filter(|c| ids.as_ref().is_none_or(|ids| ids.contains(&c.id)))
        .filter(|c| search::contains_any(names.as_deref(), &full_name(c)))
        .filter(|c| search::contains_any(emails.as_deref(), &email(c)))
        .filter(|c| search::by_owner(s, clients.as_deref(), sellers.as_deref(), &c.client))
        .map(row)
        .collect();
    search::page(
        rows,
        FIELDS,
        Paging::of(&r.orderby, r.limit, r.page, r.count),
    )
}
