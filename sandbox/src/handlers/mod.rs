//! The command handlers, one module per family of commands, and what they share: the
//! caller's account, money, pincodes, and reading typed arguments as text.
//!
//! Every handler checks all its preconditions before it changes anything, so a refused
//! call (or a refused bulk item) leaves the state as it was.

pub mod certificates;
pub mod clients;
pub mod contacts;
pub mod csr;
pub mod dcv;
pub mod dns;
pub mod domain_contacts;
pub mod domains;
pub mod hosts;
pub mod lookup;
pub mod servers;
pub mod transfer;

use domaincontext::ExposeSecret;
use domaincontext::rt::{Wire, wire_string};
use domaincontext::types::Pincode;

use crate::money::Money;
use crate::reply::{Fail, fail};
use crate::state::{Account, State};

/// The wire text of a value.
pub(crate) fn text<W: Wire + ?Sized>(v: &W) -> String {
    wire_string(v)
}

/// The wire text of an optional value.
pub(crate) fn opt<W: Wire>(v: &Option<W>) -> Option<String> {
    v.as_ref().map(|v| wire_string(v))
}

/// The items of a list value, each as text.
pub(crate) fn items<W: Wire>(v: &[W]) -> Vec<String> {
    v.iter().map(|x| wire_string(x)).collect()
}

/// The caller's account.
pub(crate) fn account<'s>(s: &'s State, who: &str) -> Result<&'s Account, Fail> {
    match s.clients.get(who) {
        Some(a) => Ok(a),
        None => fail!("client not found: {who}"),
    }
}

/// Refuses when the caller cannot pay `cost` (balance plus credit).
pub(crate) fn funds(s: &State, who: &str, cost: Money) -> Result<(), Fail> {
    let a = account(s, who)?;
    if a.balance.cents().saturating_add(a.credit.cents()) < cost.cents() {
        return fail!("not enough money");
    }
    Ok(())
}

/// Takes `cost` from the caller's balance; [`funds`] was checked first.
pub(crate) fn debit(s: &mut State, who: &str, cost: Money) {
    if let Some(a) = s.clients.get_mut(who) {
        a.balance = Money(a.balance.cents().saturating_sub(cost.cents()));
    }
}

/// An account with a pincode needs it for sensitive operations.
pub(crate) fn pincode(s: &State, who: &str, given: Option<&Pincode>) -> Result<(), Fail> {
    match (&account(s, who)?.pincode, given) {
        (None, _) => Ok(()),
        (Some(_), None) => fail!("pincode must be set"),
        (Some(p), Some(g)) if p == g.expose_secret() => Ok(()),
        (Some(_), Some(_)) => fail!("wrong pincode"),
    }
}

/// A contact of the caller, by eid or by numeric id.
pub(crate) fn contact_id(s: &State, who: &str, eid: &str) -> Result<u64, Fail> {
    s.contacts
        .values()
        .find(|c| c.client == who && (c.eid == eid || c.id.to_string() == eid))
        .map(|c| c.id)
        .map_or_else(|| fail!("contact not found: {eid}"), Ok)
}

/// The caller itself, or one of its own clients, named by login and/or id.
pub(crate) fn client_of<'s>(
    s: &'s State,
    who: &str,
    login: Option<&str>,
    id: Option<u64>,
) -> Result<&'s Account, Fail> {
    let found = match (login, id) {
        (None, None) => return account(s, who),
        (Some(l), _) => s.clients.get(l),
        (None, Some(id)) => s.clients.values().find(|a| a.id == id),
    };
    let Some(a) = found else {
        return fail!("client not found");
    };
    if id.is_some_and(|id| id != a.id) {
        return fail!("client and id do not match");
    }
    if a.login != who && a.seller.as_deref() != Some(who) {
        return fail!("not allowed");
    }
    Ok(a)
}
