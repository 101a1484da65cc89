//! The search conventions of the provider's panel: `orderby=<field>_asc|_desc`, `limit` (a
//! number or `ALL`, default 25), `page` (from 1), and `count=1`, which answers the number of
//! matching rows as a bare number.

use std::cmp::Ordering;

use domaincontext::rt::{Wire, wire_string};
use domaincontext::types::{Id, Ids, Limit, Ref};
use serde_json::Value;

use crate::reply::{Res, fail};
use crate::state::State;

/// Rows shown when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 25;

/// The paging arguments of a search.
#[derive(Clone, Copy, Debug, Default)]
pub struct Paging<'a> {
    /// `<field>_asc` or `<field>_desc` (a bare field sorts ascending).
    pub orderby: Option<&'a str>,
    /// A number or `ALL`.
    pub limit: Option<Limit>,
    /// From 1.
    pub page: Option<u64>,
    /// Answer the count instead of the rows.
    pub count: bool,
}

impl<'a> Paging<'a> {
    /// From a search request's arguments (`count` is `None` where the command has none).
    pub fn of(
        orderby: &'a Option<Ref>,
        limit: Option<Limit>,
        page: Option<Id>,
        count: Option<bool>,
    ) -> Self {
        Paging {
            orderby: orderby.as_ref().map(Ref::as_str),
            limit,
            page: page.map(Id::get),
            count: count == Some(true),
        }
    }
}

/// The numbers of an `ids` filter.
pub fn ids(v: &Option<Ids>) -> Option<Vec<u64>> {
    v.as_ref()
        .map(|l| l.as_slice().iter().map(|i| i.get()).collect())
}

/// The items of a list filter, as text.
pub fn list<W: Wire>(v: Option<&[W]>) -> Option<Vec<String>> {
    v.map(|items| items.iter().map(|x| wire_string(x)).collect())
}

/// The seller of `client`'s account; empty for none.
pub fn seller_of<'s>(s: &'s State, client: &str) -> &'s str {
    s.clients
        .get(client)
        .and_then(|a| a.seller.as_deref())
        .unwrap_or("")
}

/// The `client` and `seller` filters of a search, for a row owned by `client`.
pub fn by_owner(
    s: &State,
    clients: Option<&[String]>,
    sellers: Option<&[String]>,
    client: &str,
) -> bool {
    any_of(clients, client) && any_of(sellers, seller_of(s, client))
}

/// Orders, counts and pages `rows` (already filtered, in id order). `fields` are the
/// fields that `orderby` may name.
pub fn page(mut rows: Vec<Value>, fields: &[&str], p: Paging<'_>) -> Res {
    if let Some(order) = p.orderby {
        let (field, desc) = match (order.strip_suffix("_desc"), order.strip_suffix("_asc")) {
            (Some(f), _) => (f, true),
            (None, Some(f)) => (f, false),
            (None, None) => (order, false),
        };
        if !fields.contains(&field) {
            return fail!(
                "orderby: unknown field {field}; fields: {}",
                fields.join(", ")
            );
        }
        rows.sort_by(|a, b| {
            let o = compare(&a[field], &b[field]);
            if desc { o.reverse() } else { o }
        });
    }
    if p.count {
        return Ok(Value::from(rows.len()));
    }
    let limit = match p.limit {
        None => DEFAULT_LIMIT,
        Some(Limit::All) => usize::MAX,
        Some(Limit::Rows(n)) => usize::try_from(n.get()).unwrap_or(usize::MAX),
        Some(_) => DEFAULT_LIMIT,
    };
    let page = usize::try_from(p.page.unwrap_or(1).max(1)).unwrap_or(usize::MAX);
    let skip = (page - 1).saturating_mul(limit);
    Ok(Value::Array(
        rows.into_iter().skip(skip).take(limit).collect(),
    ))
}

fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// True when `value` matches one of `wanted` (none given: everything matches); text is
/// compared without case.
pub fn any_of<T: AsRef<str>>(wanted: Option<&[T]>, value: &str) -> bool {
    wanted.is_none_or(|w| {
        w.iter()
            .any(|x| x.as_ref().trim().eq_ignore_ascii_case(value))
    })
}

/// True when `value` contains one of `wanted` (none given: everything matches), without
/// case.
pub fn contains_any<T: AsRef<str>>(wanted: Option<&[T]>, value: &str) -> bool {
    let value = value.to_lowercase();
    wanted.is_none_or(|w| {
        w.iter()
            .any(|x| value.contains(&x.as_ref().trim().to_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rows() -> Vec<Value> {
        (1..=5)
            .map(|i| json!({"id": i, "name": format!("n{}", 6 - i)}))
            .collect()
    }

    #[test]
    fn orders_pages_and_counts() {
        let p = Paging {
            orderby: Some("name_asc"),
            limit: Some(Limit::Rows(Id::try_from(2).unwrap())),
            page: Some(2),
            count: false,
        };
        assert_eq!(
            page(rows(), &["id", "name"], p),
            Ok(json!([{"id": 3, "name": "n3"}, {"id": 2, "name": "n4"}]))
        );
        let p = Paging {
            count: true,
            ..Paging::default()
        };
        assert_eq!(page(rows(), &["id"], p), Ok(json!(5)));
        let p = Paging {
            orderby: Some("id_desc"),
            limit: Some(Limit::All),
            ..Paging::default()
        };
        assert_eq!(
            page(rows(), &["id"], p).map(|v| v[0]["id"].clone()),
            Ok(json!(5))
        );
        let p = Paging {
            orderby: Some("nope_asc"),
            ..Paging::default()
        };
        assert!(page(rows(), &["id"], p).is_err());
    }
}
