//! A domain's contacts: the ones a new domain gets, reading them (as the panel or as WHOIS
//! shows them) and setting them.

use domaincontext::types::Eid;
use serde_json::{Map, Value, json};

use super::lookup::{Target, find, find_active, get, get_mut};
use super::{account, contact_id};
use crate::reply::{Fail, Res, fail};
use crate::state::State;

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
