//! The typed answers read what the API writes, in every form public code shows: numbers
//! as numeric strings, flags as `1`/`0`/`true`/`false`/`"1"`/`"0"`, lists as arrays or
//! comma-joined text, `null` (and blank text) as absent, unknown fields kept, money as its
//! exact text, dates as dates. What does not fit is refused with a message that names the
//! field.

use domaincontext::answers::{Availability, Balance, DnsRecords, DomainInfo, Emails};
use domaincontext::jiff::civil::date;
use domaincontext::{Money, decode_strict};
use serde_json::json;

fn info(text: &str) -> Result<DomainInfo, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[test]
fn fields_read_every_form_the_api_writes() {
    // (answer, what the decoded answer must show)
    type Check = fn(&DomainInfo) -> bool;
    let table: &[(&str, Check)] = &[
        (r#"{"id": 5504202}"#, |d| {
            d.id.map(|i| i.get()) == Some(5504202)
        }),
        (r#"{"id": "5504202"}"#, |d| {
            d.id.map(|i| i.get()) == Some(5504202)
        }),
        (r#"{"id": " 7 "}"#, |d| d.id.map(|i| i.get()) == Some(7)),
        (r#"{"id": null}"#, |d| d.id.is_none() && d.extra.is_empty()),
        (r#"{"id": ""}"#, |d| d.id.is_none()),
        (r#"{"daysleft": -3}"#, |d| d.daysleft == Some(-3)),
        (r#"{"daysleft": "-3"}"#, |d| d.daysleft == Some(-3)),
        (r#"{"autorenewal": 1}"#, |d| d.autorenewal == Some(true)),
        (r#"{"autorenewal": 0}"#, |d| d.autorenewal == Some(false)),
        (r#"{"autorenewal": "1"}"#, |d| d.autorenewal == Some(true)),
        (r#"{"autorenewal": "0"}"#, |d| d.autorenewal == Some(false)),
        (r#"{"autorenewal": true}"#, |d| d.autorenewal == Some(true)),
        (r#"{"autorenewal": "false"}"#, |d| {
            d.autorenewal == Some(false)
        }),
        (r#"{"autorenewal": ""}"#, |d| d.autorenewal.is_none()),
        (r#"{"autorenewal": null}"#, |d| d.autorenewal.is_none()),
        (r#"{"nameservers": "ns1.a.com, ns2.a.com,,"}"#, |d| {
            d.nameservers.as_deref() == Some(&["ns1.a.com".to_owned(), "ns2.a.com".to_owned()][..])
        }),
        (r#"{"nameservers": ["ns1.a.com", "ns2.a.com"]}"#, |d| {
            d.nameservers.as_deref() == Some(&["ns1.a.com".to_owned(), "ns2.a.com".to_owned()][..])
        }),
        (r#"{"nameservers": ""}"#, |d| {
            d.nameservers.as_deref() == Some(&[][..])
        }),
        (r#"{"nameservers": null}"#, |d| d.nameservers.is_none()),
        (r#"{"statuses": "ok,clientTransferProhibited"}"#, |d| {
            d.statuses.as_ref().map(Vec::len) == Some(2)
        }),
        (r#"{"zone": 42}"#, |d| d.zone.as_deref() == Some("42")),
        (r#"{"domain": "test.com"}"#, |d| {
            d.domain.as_ref().map(|x| x.as_str()) == Some("test.com")
        }),
        (r#"{"expires": "2027-03-15"}"#, |d| {
            d.expires == Some(date(2027, 3, 15))
        }),
        (r#"{"expires": "2027-03-15 10:20:30"}"#, |d| {
            d.expires == Some(date(2027, 3, 15))
        }),
        (r#"{"expires": "0000-00-00"}"#, |d| d.expires.is_none()),
        (r#"{"expires": ""}"#, |d| d.expires.is_none()),
        (r#"{"brand_new": {"a": [1, "x"]}, "id": 1}"#, |d| {
            d.extra.get("brand_new") == Some(&json!({"a": [1, "x"]})) && d.extra.len() == 1
        }),
        // `true` is the API's success with nothing to say; `[]` is PHP's empty object.
        ("true", |d| *d == DomainInfo::default()),
        ("[]", |d| *d == DomainInfo::default()),
    ];
    let mut checked = 0;
    for (text, check) in table {
        let d = info(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(check(&d), "{text} decoded as {d:?}");
        checked += 1;
    }
    assert_eq!(checked, 29);
}

#[test]
fn what_does_not_fit_is_refused_naming_the_field() {
    let table = [
        (
            r#"{"id": "abc"}"#,
            r#"field `id`: invalid value: string "abc", expected a whole number, or its digits as text at line 1 column 12"#,
        ),
        (
            r#"{"autorenewal": 2}"#,
            "field `autorenewal`: invalid value: integer `2`, expected a flag: true, false, 1 or 0 at line 1 column 17",
        ),
        (
            r#"{"daysleft": "soon"}"#,
            r#"field `daysleft`: invalid value: string "soon", expected a whole number, or its digits as text at line 1 column 19"#,
        ),
        (
            r#"{"expires": "15.03.2027"}"#,
            "field `expires`: \"15.03.2027\" is not a date",
        ),
        (
            r#"{"nameservers": {"a": 1}}"#,
            "field `nameservers`: invalid type: map, expected a list: an array, or comma-joined text at line 1 column 17",
        ),
        (r#"{"id": 0}"#, "field `id`: \"0\" is not a valid id"),
        (
            "false",
            "invalid type: boolean `false`, expected an object at line 1 column 5",
        ),
    ];
    let mut checked = 0;
    for (text, expected) in table {
        let e = info(text).expect_err(text);
        assert!(e.starts_with(expected), "{text}: {e}");
        checked += 1;
    }
    assert_eq!(checked, 7);
}

#[test]
fn money_is_the_exact_text_compared_by_value() {
    let b: Balance = serde_json::from_str(
        r#"{"balance": 990.00, "credit": "0.50", "full_balance": "990.50", "currency": "usd"}"#,
    )
    .unwrap();
    assert_eq!(b.balance.as_ref().map(Money::as_str), Some("990.00"));
    assert_eq!(b.credit.as_ref().map(Money::as_str), Some("0.50"));
    assert_eq!(b.balance, Some("990".parse().unwrap()));
    assert_eq!(
        b.full_balance.as_ref().and_then(|m| m.to_minor(2)),
        Some(99050)
    );
    assert_eq!("-0.00".parse::<Money>().unwrap(), "0".parse().unwrap());
    assert_ne!("10.01".parse::<Money>().unwrap(), "10.1".parse().unwrap());
    let blank: Balance = serde_json::from_str(r#"{"balance": "", "credit": null}"#).unwrap();
    assert_eq!((blank.balance, blank.credit), (None, None));
    let e = serde_json::from_str::<Balance>(r#"{"balance": "ten"}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(r#"field `balance`: "ten" is not a valid money"#),
        "{e}"
    );
}

#[test]
fn maps_lists_and_records_read_both_ways() {
    let a: Availability =
        serde_json::from_str(r#"{"a.com": 1, "b.net": "0", "c.org": null}"#).unwrap();
    assert_eq!(
        a.entries,
        [("a.com".to_owned(), true), ("b.net".to_owned(), false)]
    );
    let e: Emails = serde_json::from_str(r#""a@b.com, c@d.com""#).unwrap();
    assert_eq!(e.items, ["a@b.com", "c@d.com"]);
    let e: Emails = serde_json::from_str(r#"["a@b.com"]"#).unwrap();
    assert_eq!(e.items, ["a@b.com"]);
    // Records keyed by number, or an array (PHP's list); numbers as text or not.
    let keyed: DnsRecords = serde_json::from_str(
        r#"{"1": {"name": "www", "type": "a", "value": "192.0.2.1", "ttl": "3600", "status": "ok"}, "7": {"type": "mx", "value": "mx.a.com", "no": 10}}"#,
    )
    .unwrap();
    assert_eq!(keyed.records.keys().copied().collect::<Vec<_>>(), [1, 7]);
    assert_eq!(keyed.records[&1].ttl.map(|t| t.get()), Some(3600));
    assert_eq!(keyed.records[&7].no.map(|t| t.get()), Some(10));
    let listed: DnsRecords =
        serde_json::from_str(r#"[{"type": "a", "value": "192.0.2.1"}]"#).unwrap();
    assert_eq!(listed.records.keys().copied().collect::<Vec<_>>(), [0]);
    // A record is sent back: a field it does not have is refused, never dropped.
    let e = serde_json::from_str::<DnsRecords>(r#"{"1": {"type": "a", "weight": 5}}"#).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("field `weight` is not in the shape"),
        "{e}"
    );
}

#[test]
fn strict_decoding_refuses_what_lenient_keeps() {
    let text = r#"{"id": 1, "brand_new": 2}"#;
    assert_eq!(info(text).unwrap().extra.len(), 1);
    let e = decode_strict::<DomainInfo>(text).unwrap_err();
    assert_eq!(
        e.message(),
        "field `brand_new` is not in the shape at line 1 column 21"
    );
    assert_eq!(e.raw_text(), text);
    // The strict mode ends with the call.
    assert_eq!(info(text).unwrap().extra.len(), 1);
}
