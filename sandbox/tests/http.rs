//! The wire: GET queries and POST forms (with a query too), the seed's own example URLs,
//! search paging, bulk answers keyed like the request, and the request log.

mod support;

use serde_json::{Value, json};
use support::*;

fn parse(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[tokio::test]
async fn the_seed_examples_work_as_get_urls() {
    let sandbox = sandbox().await;
    let auth = "auth_login=demo&auth_password=demo";
    let (status, body) = get_raw(
        &sandbox,
        &format!("/domainsCheck?{auth}&domains=test.com,adfwer234asdf.net"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(parse(&body), json!({"test.com": 0, "adfwer234asdf.net": 1}));

    let (_, body) = get_raw(
        &sandbox,
        &format!("/domainRegister?{auth}&domain=test42345.com"),
    )
    .await;
    assert_eq!(parse(&body)["domain"], "test42345.com");
    let (_, body) = get_raw(
        &sandbox,
        &format!("/domainsRegister?{auth}&0[domain]=test42345.com&1[domain]=test123123.net"),
    )
    .await;
    let v = parse(&body);
    assert_eq!(v["0"]["_error"], "domain is not available: test42345.com");
    assert_eq!(v["1"]["domain"], "test123123.net");
    assert_eq!(v["_error"], "domain is not available: test42345.com");

    let (_, body) = get_raw(
        &sandbox,
        &format!("/domainsGetInfo?{auth}&0[domain]=test42345.com&1[domain]=test.com"),
    )
    .await;
    let v = parse(&body);
    assert_eq!(
        (&v["0"]["domain"], &v["1"]["id"]),
        (&json!("test42345.com"), &json!(5_504_202))
    );
    assert!(v.get("_error").is_none());

    let (_, body) = get_raw(
        &sandbox,
        &format!(
            "/domainsSetNote?{auth}&0[domain]=test.com&0[note]=abc&1[domain]=test3.com&1[note]=def"
        ),
    )
    .await;
    assert_eq!(parse(&body)["1"]["note"], "def");

    let (_, body) = get_raw(&sandbox, &format!(
        "/domainsSetDNS?{auth}&5504202[1][type]=a&5504202[1][value]=123.123.123.123&5504202[1][no]=1&5504202[1][ttl]=7200&5504202[1][status]=new"
    ))
    .await;
    let v = parse(&body);
    assert_eq!(v["5504202"]["4"]["value"], "123.123.123.123", "{v}");

    // The seed's serverBuy example says os=, where both tables say osimage.
    let (_, body) = get_raw(&sandbox, &format!(
        "/serverBuy?{auth}&tariff=XENSSD%20VDS%204%20100+&os=centos&panel=isp&cluster_id=1&social=test&purpose=test&callback_url=http:\\/\\/my.domain.com\\/page\\/for\\/callback"
    ))
    .await;
    assert!(
        parse(&body)["_error"]
            .as_str()
            .unwrap()
            .contains("unknown argument `os`"),
        "{body}"
    );
    let (_, body) = get_raw(&sandbox, &format!(
        "/serverBuy?{auth}&tariff=XENSSD%20VDS%204%20100+&osimage=centos&panel=isp&cluster_id=1&social=test&purpose=test&callback_url=http://my.domain.com/page/for/callback"
    ))
    .await;
    assert!(parse(&body)["id"].is_u64(), "{body}");

    // 10 + 12 for the domains, 20 for the server.
    assert_eq!(
        sandbox.state().clients["demo"].balance.to_string(),
        "958.00"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_post_reads_its_query_too_and_the_log_hides_the_password() {
    let sandbox = sandbox().await;
    let r = reqwest::Client::new()
        .post(format!("{}/domainGetNote?auth_login=demo", sandbox.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("auth_password=demo&domain=test.com")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(parse(&r.text().await.unwrap())["domain"], "test.com");
    let log = sandbox.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].method.as_str(), log[0].command.as_str()),
        ("POST", "domainGetNote")
    );
    assert_eq!(
        log[0].params,
        [
            ("auth_login".to_owned(), "demo".to_owned()),
            ("domain".to_owned(), "test.com".to_owned())
        ]
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn searches_order_page_and_count() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    let all = ok(
        &c,
        "domainsSearch",
        json!({"orderby": "domain_desc", "limit": "ALL"}),
    )
    .await;
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["domain"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "test3.com",
            "test.com",
            "pending-transfer.net",
            "domain.com"
        ]
    );
    let page = ok(
        &c,
        "domainsSearch",
        json!({"orderby": "domain_asc", "limit": 2, "page": 2}),
    )
    .await;
    let names: Vec<&str> = page
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["domain"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["test.com", "test3.com"]);
    assert_eq!(ok(&c, "domainsSearch", json!({"count": 1})).await, json!(4));
    assert_eq!(
        ok(
            &c,
            "domainsSearch",
            json!({"count": 1, "state": "preincoming"})
        )
        .await,
        json!(1)
    );
    assert_eq!(ok(&c, "hostsSearch", json!({"count": 1})).await, json!(1));
    let msg = refused(&c, "domainsSearch", json!({"orderby": "colour_asc"})).await;
    assert!(msg.starts_with("orderby: unknown field colour"), "{msg}");
    let with_dns = ok(
        &c,
        "domainsSearch",
        json!({"domains": "test.com", "show_dns": 1}),
    )
    .await;
    assert_eq!(with_dns[0]["dns"]["1"]["value"], "192.0.2.10");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn hosts_are_created_updated_and_deleted() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    let h = ok(
        &c,
        "hostCreate",
        json!({"host": "ns2.test.com", "ips": "192.0.2.2, 2001:db8::2"}),
    )
    .await;
    let id = h["id"].as_u64().unwrap();
    assert_eq!(
        refused(
            &c,
            "hostCreate",
            json!({"host": "ns2.test.com", "ips": "192.0.2.3"})
        )
        .await,
        "host already exists: ns2.test.com"
    );
    assert_eq!(
        refused(
            &c,
            "hostCreate",
            json!({"host": "ns1.elsewhere.org", "ips": "192.0.2.3"})
        )
        .await,
        "domain of the host not found: elsewhere.org"
    );
    ok(&c, "hostUpdate", json!({"id": id, "ips": "192.0.2.22"})).await;
    let info = ok(&c, "hostGetInfo", json!({"host": "ns2.test.com"})).await;
    assert_eq!(
        (&info["ips"], &info["domain_id"]),
        (&json!("192.0.2.22"), &json!(5_504_202))
    );
    ok(
        &c,
        "domainSetNSs",
        json!({"domain": "test.com", "nss": "ns1.test.com,ns2.test.com"}),
    )
    .await;
    assert_eq!(
        refused(&c, "hostDelete", json!({"id": id})).await,
        "host is in use by domain test.com"
    );
    ok(
        &c,
        "domainSetNSs",
        json!({"domain": "test.com", "nss": "ns1.domaincontext.com"}),
    )
    .await;
    ok(&c, "hostDelete", json!({"id": id})).await;
    assert_eq!(
        refused(&c, "hostGetInfo", json!({"id": id})).await,
        format!("host not found: {id}")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn hosted_dns_and_the_account_commands_answer_consistently() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    ok(&c, "hdomainSetDNS", json!({"id": 7001, "1": {"status": "deleted"}, "2": {"type": "aaaa", "value": "2001:db8::1", "status": "new"}})).await;
    let dns = ok(&c, "hdomainGetDNS", json!({"id": 7001})).await;
    assert_eq!(
        dns,
        json!({"1": {"name": "@", "type": "aaaa", "value": "2001:db8::1", "ttl": 3600, "status": "ok"}})
    );
    assert_eq!(
        refused(&c, "hdomainGetDNS", json!({"id": 1})).await,
        "hosted domain not found: 1"
    );

    assert_eq!(
        ok(
            &c,
            "clientCheck",
            json!({"login": "demo", "password": "demo"})
        )
        .await["id"],
        1
    );
    assert_eq!(
        refused(
            &c,
            "clientCheck",
            json!({"login": "demo", "password": "nope"})
        )
        .await,
        "wrong login or password"
    );
    let sub = ok(&c, "clientGetBalance", json!({"client": "reseller_1"})).await;
    assert_eq!(
        (&sub["balance"], &sub["currency"]),
        (&json!("0.00"), &json!("usd"))
    );
    let prices = ok(&c, "clientGetPrices", json!({})).await;
    assert_eq!(prices["domains"]["рф"]["register"], "5.00");
    assert_eq!(prices["servers"]["XENSSD VDS 4 100 "], "20.00");
    let images = ok(&c, "osimagesSearch", json!({"type": "ovds"})).await;
    assert_eq!(
        images,
        json!([{"name": "ubuntu", "type": "ovds", "label": "Ubuntu 22.04", "live": false}])
    );
    assert_eq!(
        ok(&c, "tariffGetInfo", json!({"id": 1})).await["zones"]["com"],
        "10.00"
    );
    sandbox.shutdown().await;
}
