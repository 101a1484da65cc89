//! The sandbox answers in the shapes the spec gives (`spec/answers.yaml`): for every
//! command with `returns`, a successful call against the sandbox decodes into its shape,
//! no field the shape names is of another kind, and ids are there where something was
//! created. The decoders themselves are tested on hand-made answers too.

use domaincontext::answers::*;
use domaincontext::registry::COMMANDS;
use domaincontext::{Client, Reply, Request};
use serde_json::{Value, json};

/// Named fields of the answer that are not of the kind the spec names, and whether the
/// answer decoded at all.
fn misfits(answer: &str, rows: bool, v: &Value) -> Result<Vec<String>, String> {
    fn check<T>(
        v: &Value,
        rows: bool,
        decode: fn(&Value) -> Option<T>,
        extra: fn(&T) -> &serde_json::Map<String, Value>,
        fields: &[&str],
    ) -> Result<Vec<String>, String> {
        let values: Vec<&Value> = if rows {
            domaincontext::rt::answer_rows(v)
        } else {
            vec![v]
        };
        if rows && values.is_empty() {
            return Err(format!("no rows in {v}"));
        }
        let mut bad = Vec::new();
        for value in values {
            let decoded = decode(value).ok_or_else(|| format!("not an object: {value}"))?;
            bad.extend(
                extra(&decoded)
                    .keys()
                    .filter(|k| fields.contains(&k.as_str()))
                    .cloned(),
            );
        }
        Ok(bad)
    }
    match answer {
        "availability" => Availability::from_value(v)
            .map(|a| a.extra.keys().cloned().collect())
            .ok_or_else(|| v.to_string()),
        "created" => check(v, rows, Created::from_value, |a| &a.extra, Created::FIELDS),
        "registration" => check(
            v,
            rows,
            Registration::from_value,
            |a| &a.extra,
            Registration::FIELDS,
        ),
        "domainInfo" => check(
            v,
            rows,
            DomainInfo::from_value,
            |a| &a.extra,
            DomainInfo::FIELDS,
        ),
        "password" => check(
            v,
            rows,
            Password::from_value,
            |a| &a.extra,
            Password::FIELDS,
        ),
        "balance" => check(v, rows, Balance::from_value, |a| &a.extra, Balance::FIELDS),
        "hostInfo" => check(
            v,
            rows,
            HostInfo::from_value,
            |a| &a.extra,
            HostInfo::FIELDS,
        ),
        "serverInfo" => check(
            v,
            rows,
            ServerInfo::from_value,
            |a| &a.extra,
            ServerInfo::FIELDS,
        ),
        other => Err(format!(
            "no decoder for answer {other} in this test: add it"
        )),
    }
}

/// A call of each command that the sandbox's starting data lets succeed.
fn valid_call(command: &str) -> Value {
    match command {
        "domainsCheck" => json!({"domains": "test.com,free-name-here.net"}),
        "domainRegister" => json!({"domain": "shape-test.com"}),
        "domainTransfer" => json!({"domain": "transfer-me.com", "password": "Auth-1234"}),
        "domainGetInfo" | "domainGetPassword" | "domainRegenPassword" => {
            json!({"domain": "test.com"})
        }
        "hostGetInfo" => json!({"host": "ns1.test.com"}),
        "hostCreate" => json!({"host": "ns9.test.com", "ips": "192.0.2.9"}),
        "contactCreate" => {
            json!({"email": "shape@test.com", "first_name": "Ivan", "street1": "Main 1", "city": "Kyiv", "postal_code": "01001", "country": "ua", "voice_phone": "+380.441234567"})
        }
        "certificatePurchase" => json!({"product_id": 301}),
        "serverBuy" => json!({"tariff": "XENSSD VDS 4 100 ", "cluster_id": 1, "osimage": "centos"}),
        "serverGetInfo" => json!({"id": 8001}),
        _ => json!({}),
    }
}

#[tokio::test]
async fn the_sandbox_answers_in_the_spec_shapes() {
    let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new())
        .await
        .expect("sandbox");
    let client = Client::builder()
        .base_url(sandbox.url())
        .credentials("demo", "demo")
        .rate_limit(None)
        .build()
        .expect("client");
    let mut checked = Vec::new();
    for info in COMMANDS
        .iter()
        .filter(|c| c.returns.is_some() && c.bulk_of.is_none())
    {
        let answer = info.returns.unwrap_or_default();
        let request =
            Request::from_args(info.name, &valid_call(info.name)).unwrap_or_else(|e| panic!("{e}"));
        let reply = client
            .call(&request)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", info.name));
        let Reply::Value(v) = reply else {
            panic!("{}: a bulk answer", info.name)
        };
        let v = v.into_value();
        let bad =
            misfits(answer, info.returns_rows, &v).unwrap_or_else(|e| panic!("{}: {e}", info.name));
        assert!(
            bad.is_empty(),
            "{} answered fields of another kind than `{answer}` names: {bad:?} in {v}",
            info.name
        );
        if matches!(
            answer,
            "created" | "registration" | "domainInfo" | "hostInfo" | "serverInfo"
        ) && !info.returns_rows
        {
            assert!(
                v.get("id")
                    .and_then(domaincontext::rt::answer_int)
                    .is_some(),
                "{}: no id in {v}",
                info.name
            );
        }
        checked.push(info.name);
    }
    assert_eq!(checked.len(), 16, "{checked:?}");
}

#[test]
fn decoders_are_lenient_and_lose_nothing() {
    let v = json!({"id": "5504202", "domain": "test.com", "autorenewal": "1", "whois_protected": 0, "is_secured": false,
        "nameservers": "ns1.a.com, ns2.a.com", "daysleft": -3, "registrant_id": "x", "brand_new": {"a": 1}});
    let d = DomainInfo::from_value(&v).expect("an object");
    assert_eq!(
        DomainInfo::from_value(&json!({"seller": null})).map(|d| (d.seller, d.extra.len())),
        Some((None, 0))
    );
    assert_eq!(d.id, Some(5504202));
    assert_eq!(d.autorenewal, Some(true));
    assert_eq!(d.whois_protected, Some(false));
    assert_eq!(d.is_secured, Some(false));
    assert_eq!(
        d.nameservers.as_deref(),
        Some(&["ns1.a.com".to_owned(), "ns2.a.com".to_owned()][..])
    );
    assert_eq!(d.daysleft, Some(-3));
    assert_eq!(d.registrant_id, None, "not a number");
    assert_eq!(
        d.extra.get("registrant_id"),
        Some(&json!("x")),
        "kept, not dropped"
    );
    assert_eq!(d.extra.get("brand_new"), Some(&json!({"a": 1})));
    assert!(DomainInfo::from_value(&json!(true)).is_none());
    let rows = DomainInfo::rows(&json!({"7": {"id": 7}, "9": {"id": 9}}));
    assert_eq!(
        rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        [Some(7), Some(9)]
    );
    let b = Balance::from_value(&json!({"balance": 990.5, "credit": "0.00", "currency": "usd"}))
        .expect("object");
    assert_eq!(
        (b.balance.as_deref(), b.credit.as_deref()),
        (Some("990.5"), Some("0.00"))
    );
    let a = Availability::from_value(&json!({"a.com": 1, "b.net": "0", "c.org": "maybe"}))
        .expect("object");
    assert_eq!(a.get("a.com"), Some(&true));
    assert_eq!(a.get("b.net"), Some(&false));
    assert_eq!(a.extra.get("c.org"), Some(&json!("maybe")));
}
