//! SSL certificates: purchase (state `new`, charged), issue (needs a purchased one, the
//! caller's contacts and a CSR; the sandbox validates at once, so the state becomes `ok`),
//! reissue, cancel, renew, validation, notifications. The validation rules are in
//! `dcv.rs`; the CSR tools, which need no certificate, in `csr.rs`.

use domaincontext::requests::{CertificateIssue, CertificatePurchase, CertificatesSearch};
use domaincontext::types::{Email, Emails, Id, Label, Text};
use serde_json::{Value, json};

use super::dcv::{approver_emails, validation};
use super::{client_of, debit, funds, items, opt};
use crate::dates::Date;
use crate::pem;
use crate::reply::{Fail, Res, fail};
use crate::state::{Certificate, Product, State};

fn row(s: &State, c: &Certificate) -> Value {
    let product = s.products.get(&c.product_id);
    json!({
        "id": c.id,
        "client": c.client,
        "product_id": c.product_id,
        "product": product.map(|p| p.name.clone()),
        "type": product.map(|p| p.kind.clone()),
        "supplier": product.map(|p| p.supplier.clone()),
        "state": c.state,
        "name": c.name,
        "dns_names": c.dns_names.join(","),
        "amount": c.amount,
        "begins": c.begins,
        "expires": c.expires,
        "dcv_method": c.dcv_method,
        "approver_email": c.approver_email,
        "admin_id": c.admin_id,
        "tech_id": c.tech_id,
        "webserver_type": c.webserver_type,
        "reason": c.reason,
    })
}

fn find(s: &State, who: &str, id: Id) -> Result<u64, Fail> {
    match s.certificates.get(&id.get()) {
        Some(c) if c.client == who => Ok(id.get()),
        _ => fail!("certificate not found: {}", id.get()),
    }
}

fn get(s: &State, id: u64) -> Result<&Certificate, Fail> {
    s.certificates
        .get(&id)
        .map_or_else(|| fail!("certificate not found: {id}"), Ok)
}

fn get_mut(s: &mut State, id: u64) -> Result<&mut Certificate, Fail> {
    match s.certificates.get_mut(&id) {
        Some(c) => Ok(c),
        None => fail!("certificate not found: {id}"),
    }
}

fn product(s: &State, name: Option<String>, id: Option<u64>) -> Result<&Product, Fail> {
    let found = match (&name, id) {
        (None, None) => return fail!("product or product_id must be set"),
        (_, Some(id)) => s.products.get(&id),
        (Some(n), None) => s.products.values().find(|p| p.name == *n),
    };
    match found {
        Some(p) if name.as_ref().is_none_or(|n| *n == p.name) => Ok(p),
        Some(_) => fail!("product and product_id do not match"),
        None => fail!(
            "product not found: {}",
            name.unwrap_or_else(|| id.unwrap_or_default().to_string())
        ),
    }
}

/// `certificatePurchase`: the product's yearly price times `amount`, less a coupon's per
/// cent. `client`/`client_id` must be the caller or one of its clients; the certificate is
/// the caller's. `object_id` is accepted and not used.
pub fn purchase(s: &mut State, who: &str, r: &CertificatePurchase) -> Res {
    let p = product(s, opt(&r.product), r.product_id.map(Id::get))?.clone();
    client_of(s, who, opt(&r.client).as_deref(), r.client_id.map(Id::get))?;
    let years = r.amount.map_or(1, |a| a.get());
    let off = match &r.coupon {
        None => 0,
        Some(c) => match s.coupons.get(c.as_str()) {
            Some(pct) => *pct,
            None => return fail!("coupon not found: {}", c.as_str()),
        },
    };
    let price = p.price.times(years).less_percent(off);
    funds(s, who, price)?;
    let id = s.new_id();
    s.certificates.insert(
        id,
        Certificate {
            id,
            client: who.to_owned(),
            product_id: p.id,
            amount: years,
            state: "new".to_owned(),
            name: String::new(),
            dns_names: Vec::new(),
            begins: String::new(),
            expires: String::new(),
            dcv_method: String::new(),
            approver_email: String::new(),
            admin_id: 0,
            tech_id: 0,
            webserver_type: String::new(),
            csr: String::new(),
            crt: String::new(),
            reason: String::new(),
            notifications: 0,
        },
    );
    debit(s, who, price);
    Ok(json!({"id": id, "price": price.to_string()}))
}

/// `certificateIssue` (`reissue` false) and `certificateReissue` (true).
pub fn issue(s: &mut State, who: &str, r: &CertificateIssue, reissue: bool) -> Res {
    let id = find(s, who, r.id)?;
    let c = get(s, id)?;
    match (c.state.as_str(), reissue) {
        ("new", false) | ("ok", true) => {}
        ("cancelled", _) => return fail!("certificate is cancelled"),
        ("ok", false) => {
            return fail!("certificate is issued already: reissue it with certificateReissue");
        }
        (_, true) => return fail!("certificate is not issued yet: issue it with certificateIssue"),
        (state, false) => return fail!("certificate cannot be issued in its state {state}"),
    }
    for cid in [Some(r.admin_id), Some(r.tech_id), r.org_id]
        .into_iter()
        .flatten()
    {
        if s.contacts.get(&cid.get()).is_none_or(|k| k.client != who) {
            return fail!("contact not found: {}", cid.get());
        }
    }
    let Some(subject) = pem::read_csr(r.csr.as_str()) else {
        return fail!("csr is not a valid certificate request");
    };
    let cn = subject.get("CN").cloned().unwrap_or_default();
    let kind = s
        .products
        .get(&c.product_id)
        .map(|p| p.kind.clone())
        .unwrap_or_default();
    if (kind == "wildcard") != cn.starts_with("*.") {
        return fail!(
            "the csr's common name {cn} does not fit the product: wildcard products need *.domain, others a plain name"
        );
    }
    let approver = validation(
        &cn,
        r.dcv_method.as_str(),
        r.approver_email.as_ref(),
        r.approver_emails.as_ref(),
    )?;
    let today = s.today();
    let (amount, old_begins) = (c.amount, c.begins.clone());
    let begins = if reissue {
        Date::parse(&old_begins).unwrap_or(today)
    } else {
        today
    };
    let mut serial = subject.clone();
    serial.insert("serialNumber".to_owned(), id.to_string());
    let c = get_mut(s, id)?;
    c.state = "ok".to_owned();
    c.name = cn;
    c.dns_names = r
        .dns_names
        .as_ref()
        .map(|l| items(l.as_slice()))
        .unwrap_or_default();
    c.begins = begins.to_string();
    c.expires = begins.add_years(amount).to_string();
    c.dcv_method = r.dcv_method.as_str().to_owned();
    c.approver_email = approver;
    c.admin_id = r.admin_id.get();
    c.tech_id = r.tech_id.get();
    c.webserver_type = opt(&r.webserver_type).unwrap_or_default();
    c.csr = r.csr.as_str().to_owned();
    c.crt = pem::make_crt(&serial);
    Ok(
        json!({"id": id, "state": c.state, "name": c.name, "begins": c.begins, "expires": c.expires}),
    )
}

/// `certificateCancel`.
pub fn cancel(s: &mut State, who: &str, id: Id, reason: &Label) -> Res {
    let id = find(s, who, id)?;
    if get(s, id)?.state == "cancelled" {
        return fail!("certificate is cancelled already");
    }
    let c = get_mut(s, id)?;
    c.state = "cancelled".to_owned();
    c.reason = reason.as_str().to_owned();
    Ok(json!({"id": id, "state": c.state}))
}

/// `certificateRenew`: `expires` must be the current expiration date; one more year at the
/// product's price.
pub fn renew(s: &mut State, who: &str, id: Id, expires: &str) -> Res {
    let id = find(s, who, id)?;
    let c = get(s, id)?;
    if c.state != "ok" {
        return fail!("certificate is not issued");
    }
    if c.expires != expires {
        return fail!("expires does not match the current expiration date");
    }
    let Some(current) = Date::parse(&c.expires) else {
        return fail!("the certificate has no valid expiration date");
    };
    let Some(price) = s.products.get(&c.product_id).map(|p| p.price) else {
        return fail!("product not found: {}", c.product_id);
    };
    funds(s, who, price)?;
    let c = get_mut(s, id)?;
    c.expires = current.add_years(1).to_string();
    c.amount += 1;
    let answer = json!({"id": id, "expires": c.expires});
    debit(s, who, price);
    Ok(answer)
}

/// `certificateGetDomainEmails`: from `domain`, else the certificate's name, else the CSR's.
pub fn domain_emails(
    s: &State,
    who: &str,
    id: Option<Id>,
    domain: Option<String>,
    csr: Option<&Text>,
) -> Res {
    let name = match (domain, id, csr) {
        (Some(d), _, _) => d,
        (None, Some(id), _) => {
            let c = get(s, find(s, who, id)?)?;
            if c.name.is_empty() {
                return fail!("certificate is not issued yet: give domain or csr");
            }
            c.name.clone()
        }
        (None, None, Some(csr)) => {
            match pem::read_csr(csr.as_str()).and_then(|sub| sub.get("CN").cloned()) {
                Some(cn) => cn,
                None => return fail!("csr is not a valid certificate request"),
            }
        }
        (None, None, None) => return fail!("domain, id or csr must be set"),
    };
    Ok(json!(approver_emails(&name.to_lowercase())))
}

/// `certificateSendNotifications`: counted; refused for a cancelled certificate.
pub fn send_notifications(s: &mut State, who: &str, id: Id) -> Res {
    let id = find(s, who, id)?;
    if get(s, id)?.state == "cancelled" {
        return fail!("certificate is cancelled");
    }
    let c = get_mut(s, id)?;
    c.notifications += 1;
    Ok(json!({"id": id, "sent": c.notifications}))
}

/// `certificateRevalidate`: an issued certificate validates at once in the sandbox.
pub fn revalidate(s: &State, who: &str, id: Id) -> Res {
    let c = get(s, find(s, who, id)?)?;
    match c.state.as_str() {
        "ok" => Ok(json!({"id": c.id, "state": c.state, "validated": true})),
        "cancelled" => fail!("certificate is cancelled"),
        _ => fail!("certificate is not issued yet"),
    }
}

/// `certificateChangeValidation`.
pub fn change_validation(
    s: &mut State,
    who: &str,
    id: Id,
    method: &str,
    email: Option<&Email>,
    emails: Option<&Emails>,
) -> Res {
    let id = find(s, who, id)?;
    let c = get(s, id)?;
    if c.state == "cancelled" {
        return fail!("certificate is cancelled");
    }
    if method == "email" && c.name.is_empty() {
        return fail!("certificate is not issued yet: email validation needs its name");
    }
    let approver = validation(&c.name, method, email, emails)?;
    let c = get_mut(s, id)?;
    c.dcv_method = method.to_owned();
    c.approver_email = approver;
    Ok(json!({"id": id, "dcv_method": c.dcv_method, "approver_email": c.approver_email}))
}

/// `certificateGetInfo`.
pub fn info(s: &State, who: &str, id: Id) -> Res {
    Ok(row(s, get(s, find(s, who, id)?)?))
}

/// `certificateGetData`: the CSR and the certificate, once issued.
pub fn data(s: &State, who: &str, id: Id) -> Res {
    let c = get(s, find(s, who, id)?)?;
    if c.crt.is_empty() {
        return fail!("certificate is not issued yet");
    }
    Ok(json!({"id": c.id, "name": c.name, "csr": c.csr, "crt": c.crt}))
}

/// `certificatesSearch`. Filters on what the sandbox does not keep (`remoteid`,
/// `parent_id`, `type_id`, `state_id`, `object_id`) match nothing; `is_parent`,
/// `show_chain` and `show_new` are accepted and have no effect.
pub fn search(s: &State, who: &str, r: &CertificatesSearch) -> Res {
    if r.remoteid.is_some()
        || r.parent_id.is_some()
        || r.type_id.is_some()
        || r.state_id.is_some()
        || r.object_id.is_some()
    {
        return Ok(json!([]));
    }
    // Every certificate listed is the caller's: the client filters apply to the caller.
    let owner = s.clients.get(who);
    let seller = owner.and_then(|a| a.seller.as_ref());
    let client_ok = r
        .client_id
        .is_none_or(|id| owner.is_some_and(|a| a.id == id.get()))
        && r.seller_id.is_none_or(|id| {
            seller
                .and_then(|l| s.clients.get(l))
                .is_some_and(|a| a.id == id.get())
        })
        && opt(&r.client).is_none_or(|l| l == who)
        && opt(&r.seller).is_none_or(|l| seller == Some(&l));
    if !client_ok {
        return Ok(json!([]));
    }
    let rows = s
        .certificates
        .values()
        .filter(|c| c.client == who)
        .filter(|c| r.id.is_none_or(|id| id.get() == c.id))
        .filter(|c| r.product_id.is_none_or(|id| id.get() == c.product_id))
        .filter(|c| opt(&r.name).is_none_or(|n| c.name.contains(&n.to_lowercase())))
        .filter(|c| {
            opt(&r.kind).is_none_or(|t| s.products.get(&c.product_id).is_some_and(|p| p.kind == t))
        })
        .filter(|c| {
            opt(&r.type_label)
                .is_none_or(|t| s.products.get(&c.product_id).is_some_and(|p| p.name == t))
        })
        .filter(|c| opt(&r.state).is_none_or(|st| st == c.state))
        .filter(|c| r.amount.is_none_or(|a| a.get() == c.amount))
        .filter(|c| opt(&r.begins).is_none_or(|d| d == c.begins))
        .filter(|c| opt(&r.expires).is_none_or(|d| d == c.expires))
        .map(|c| row(s, c))
        .collect();
    Ok(Value::Array(rows))
}
