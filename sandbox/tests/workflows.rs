//! Whole workflows through the public client, the way a reseller's code runs them: domains,
//! DNS, renewals, transfers, contacts, servers and certificates, with the balance read
//! before and after every purchase.

mod support;

use domaincontext::requests::{DomainRegister, DomainSetNss, DomainsCheck};
use domaincontext::{ErrorKind, Reply};
use serde_json::json;
use support::*;

#[tokio::test]
async fn domain_from_check_to_renewal() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    assert_eq!(balance(&c).await, "1000.00");

    let check = c
        .call_raw(&DomainsCheck::new("newname.com, test.com".parse().unwrap()))
        .await
        .unwrap()
        .raw()
        .clone();
    assert_eq!(check, json!({"newname.com": 1, "test.com": 0}));

    let reg = c
        .call_raw(
            &DomainRegister::new("newname.com".parse().unwrap()).period(2.try_into().unwrap()),
        )
        .await
        .unwrap()
        .raw()
        .clone();
    let id = reg["id"].as_u64().expect("an id");
    assert_eq!(reg["domain"], "newname.com");
    assert!(reg["password"].as_str().is_some_and(|p| !p.is_empty()));
    assert_eq!(balance(&c).await, "980.00", "2 years of .com at 10.00");

    let info = ok(&c, "domainGetInfo", json!({"domain": "newname.com"})).await;
    assert_eq!(info["id"], id);
    assert_eq!(info["state"], "ok");
    assert_eq!(info["zone"], "com");
    assert_eq!(info["expires"], "2027-06-01");
    assert_eq!(
        info["nameservers"],
        "ns1.domaincontext.com,ns2.domaincontext.com"
    );
    assert_eq!(info["registrant_id"], 1001);

    // Name servers inside the domain need their host first.
    let nss = DomainSetNss::new()
        .domain("newname.com".parse().unwrap())
        .nss("ns1.newname.com, ns2.domaincontext.com".parse().unwrap());
    let err = c.call(&nss).await.unwrap_err();
    assert!(
        err.api_error()
            .unwrap()
            .message()
            .contains("ns1.newname.com has no host")
    );
    ok(
        &c,
        "hostCreate",
        json!({"host": "ns1.newname.com", "ips": "192.0.2.50"}),
    )
    .await;
    c.call(&nss).await.unwrap();
    let got = ok(&c, "domainGetNSs", json!({"id": id})).await;
    assert_eq!(got["nss"], "ns1.newname.com,ns2.domaincontext.com");

    // DNS: create two records, then update one and delete the other.
    let set = ok(
        &c,
        "domainSetDNS",
        json!({
            "id": id,
            "1": {"type": "a", "value": "192.0.2.7", "ttl": 7200, "status": "new"},
            "2": {"name": "@", "type": "txt", "value": "v=spf1 -all", "status": "new"},
        }),
    )
    .await;
    assert_eq!(set.as_object().unwrap().len(), 2);
    let dns = ok(&c, "domainGetDNS", json!({"id": id})).await;
    assert_eq!(
        dns["1"],
        json!({"name": "@", "type": "a", "value": "192.0.2.7", "ttl": 7200, "status": "ok"})
    );
    assert_eq!(dns["2"]["value"], "v=spf1 -all");
    ok(
        &c,
        "domainsSetDNS",
        json!({id.to_string(): {"1": {"ttl": 600, "status": "ok"}, "2": {"status": "deleted"}}}),
    )
    .await;
    let dns = ok(&c, "domainGetDNS", json!({"domain": "newname.com"})).await;
    assert_eq!(
        dns,
        json!({"1": {"name": "@", "type": "a", "value": "192.0.2.7", "ttl": 600, "status": "ok"}})
    );

    // Renewal: a wrong current date is refused and costs nothing.
    let msg = refused(
        &c,
        "domainRenew",
        json!({"domain": "newname.com", "period": 1, "expires": "2027-06-02"}),
    )
    .await;
    assert_eq!(msg, "expires does not match the current expiration date");
    assert_eq!(balance(&c).await, "980.00");
    let renewed = ok(
        &c,
        "domainRenew",
        json!({"domain": "newname.com", "period": 1, "expires": "2027-06-01"}),
    )
    .await;
    assert_eq!(renewed["expires"], "2028-06-01");
    assert_eq!(balance(&c).await, "970.00");

    // Notes: set, read, a blank one deletes.
    ok(&c, "domainSetNote", json!({"id": id, "note": "abc"})).await;
    assert_eq!(
        ok(&c, "domainGetNote", json!({"id": id})).await["note"],
        "abc"
    );
    ok(&c, "domainSetNote", json!({"id": id, "note": ""})).await;
    assert_eq!(ok(&c, "domainGetNote", json!({"id": id})).await["note"], "");

    // Flags read back; a locked domain cannot be pushed.
    ok(&c, "domainEnableLock", json!({"id": id})).await;
    ok(&c, "domainEnableAutorenewal", json!({"id": id})).await;
    ok(&c, "domainEnableWhoisProtect", json!({"id": id})).await;
    let info = ok(&c, "domainGetInfo", json!({"id": id})).await;
    assert_eq!(
        (
            &info["is_secured"],
            &info["autorenewal"],
            &info["whois_protected"]
        ),
        (&json!(true), &json!(true), &json!(true))
    );
    let wp = ok(&c, "domainGetWPContacts", json!({"id": id})).await;
    assert_eq!(wp["registrant"], "whois_privacy");
    let plain = ok(&c, "domainGetContacts", json!({"id": id})).await;
    assert_eq!(plain["registrant"], "EID_234234:234-1");
    let msg = refused(
        &c,
        "domainPush",
        json!({"id": id, "sender": "demo", "receiver": "reseller_1"}),
    )
    .await;
    assert_eq!(msg, "domain is locked: newname.com");
    ok(&c, "domainDisableLock", json!({"id": id})).await;
    assert_eq!(
        ok(&c, "domainGetInfo", json!({"id": id})).await["is_secured"],
        false
    );

    // The password is there to read, and a new one replaces it.
    let pw = ok(&c, "domainGetPassword", json!({"id": id})).await;
    assert_eq!(pw["password"], reg["password"]);
    let new_pw = ok(&c, "domainRegenPassword", json!({"id": id})).await;
    assert_ne!(new_pw["password"], reg["password"]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn transfers_in_and_out_need_the_right_password() {
    let sandbox = sandbox().await;
    let demo = client(&sandbox);

    // From another registrar: a wrong code is refused and costs nothing.
    let msg = refused(
        &demo,
        "domainCheckTransfer",
        json!({"domain": "transfer-me.com", "password": "nope"}),
    )
    .await;
    assert_eq!(msg, "invalid authorization code for transfer-me.com");
    let check = ok(
        &demo,
        "domainCheckTransfer",
        json!({"domain": "transfer-me.com", "password": "Auth-1234"}),
    )
    .await;
    assert_eq!(check["price"], "10.00");
    let before = sandbox.state();
    let msg = refused(
        &demo,
        "domainTransfer",
        json!({"domain": "transfer-me.com", "password": "Auth-12345"}),
    )
    .await;
    assert_eq!(msg, "invalid authorization code for transfer-me.com");
    assert_eq!(sandbox.state(), before);
    let t = ok(
        &demo,
        "domainTransfer",
        json!({"domain": "transfer-me.com", "password": "Auth-1234"}),
    )
    .await;
    assert_eq!(t["state"], "ok");
    assert_eq!(t["expires"], "2026-12-01", "one year added");
    assert_eq!(balance(&demo).await, "990.00");
    let info = ok(&demo, "domainGetInfo", json!({"domain": "transfer-me.com"})).await;
    assert_eq!(info["client"], "demo");
    let check = ok(&demo, "domainsCheck", json!({"domains": "transfer-me.com"})).await;
    assert_eq!(check["transfer-me.com"], 0);

    // Out to another client, and back in with that client's password.
    let mut new_client = contact_fields("Buyer", "buyer@example.com");
    new_client["login"] = json!("buyer_1");
    new_client["password"] = json!("Buyer-pass1");
    new_client["seller"] = json!("demo");
    ok(&demo, "clientCreate", new_client).await;
    ok(
        &demo,
        "domainPush",
        json!({"domain": "test3.com", "sender": "demo", "receiver": "buyer_1"}),
    )
    .await;
    assert_eq!(
        refused(&demo, "domainGetInfo", json!({"domain": "test3.com"})).await,
        "domain not found: test3.com"
    );
    let buyer = client_as(&sandbox, "buyer_1", "Buyer-pass1");
    let owned = ok(&buyer, "domainGetInfo", json!({"domain": "test3.com"})).await;
    assert_eq!(owned["client"], "buyer_1");
    let code = ok(&buyer, "domainGetPassword", json!({"domain": "test3.com"})).await["password"]
        .as_str()
        .unwrap()
        .to_owned();
    let msg = refused(
        &demo,
        "domainTransfer",
        json!({"domain": "test3.com", "password": "wrong-code"}),
    )
    .await;
    assert_eq!(msg, "invalid authorization code for test3.com");
    let back = ok(
        &demo,
        "domainTransfer",
        json!({"domain": "test3.com", "password": code}),
    )
    .await;
    assert_eq!(back["id"], 5_504_203);
    assert_eq!(back["expires"], "2027-11-20");
    assert_eq!(balance(&demo).await, "980.00");
    assert_eq!(
        refused(&buyer, "domainGetInfo", json!({"domain": "test3.com"})).await,
        "domain not found: test3.com"
    );

    // An incoming transfer waiting for approval.
    let approved = ok(
        &demo,
        "domainApprovePreincoming",
        json!({"domains": "pending-transfer.net"}),
    )
    .await;
    assert_eq!(approved["pending-transfer.net"]["state"], "ok");
    let msg = refused(
        &demo,
        "domainsRejectPreincoming",
        json!({"domains": "pending-transfer.net"}),
    )
    .await;
    assert_eq!(
        msg,
        "no incoming transfer of pending-transfer.net waits for approval"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn contacts_are_created_updated_and_deleted() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    let created = ok(
        &c,
        "contactCreate",
        contact_fields("Olga", "olga@example.com"),
    )
    .await;
    let id = created["id"].as_u64().unwrap();
    let eid = created["eid"].as_str().unwrap().to_owned();
    let info = ok(&c, "contactGetInfo", json!({"id": eid})).await;
    assert_eq!(info["name"], "Olga Tester");
    assert_eq!(info["email"], "olga@example.com");

    let mut update = contact_fields("Olga", "olga@example.org");
    update["id"] = json!(id);
    update["city"] = json!("Lviv");
    ok(&c, "contactUpdate", update).await;
    let info = ok(&c, "contactGetInfo", json!({"id": eid})).await;
    assert_eq!(
        (&info["city"], &info["email"]),
        (&json!("Lviv"), &json!("olga@example.org"))
    );

    let found = ok(&c, "contactsSearch", json!({"email": "olga@example.org"})).await;
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(
        ok(&c, "contactsSearch", json!({"count": 1})).await,
        json!(3)
    );

    // In use by a domain, it cannot be deleted.
    let roles =
        json!({"domain": "test.com", "registrant": eid, "admin": eid, "tech": eid, "billing": eid});
    ok(&c, "domainSetContacts", roles).await;
    let got = ok(&c, "domainGetContacts", json!({"domain": "test.com"})).await;
    assert_eq!(got["tech"], json!(eid));
    let info = ok(&c, "domainGetContactsInfo", json!({"domain": "test.com"})).await;
    assert_eq!(info["admin"]["city"], "Lviv");
    assert_eq!(
        refused(&c, "contactDelete", json!({"id": id})).await,
        "contact is in use by domain test.com"
    );
    let back = json!({"domain": "test.com", "registrant": "EID_234234:234-1", "admin": "EID_234234:234-1",
        "tech": "EID_234234:234-2", "billing": "EID_234234:234-1"});
    ok(&c, "domainSetContacts", back).await;
    ok(&c, "contactDelete", json!({"id": id})).await;
    assert_eq!(
        refused(&c, "contactGetInfo", json!({"id": eid})).await,
        format!("contact not found: {eid}")
    );
    assert_eq!(
        refused(
            &c,
            "domainSetContacts",
            json!({"domain": "test.com", "registrant": "nobody",
            "admin": "nobody", "tech": "nobody", "billing": "nobody"})
        )
        .await,
        "contact not found: nobody"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_server_is_bought_rebooted_and_renewed() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    let tariffs = ok(&c, "tariffsGetAvailable", json!({"type": "svds"})).await;
    assert_eq!(tariffs[0]["name"], "XENSSD VDS 4 100 ");
    assert_eq!(tariffs[0]["price"], "20.00");

    let msg = refused(
        &c,
        "serverBuy",
        json!({"tariff": "XENSSD VDS 4 100 ", "cluster_id": 1, "osimage": "gentoox64.live"}),
    )
    .await;
    assert!(msg.contains("live CD image"), "{msg}");
    let bought = ok(
        &c,
        "serverBuy",
        json!({"tariff": "XENSSD VDS 4 100 ", "cluster_id": 1, "osimage": "centos", "panel": "isp"}),
    )
    .await;
    let id = bought["id"].as_u64().unwrap();
    assert_eq!(balance(&c).await, "980.00");
    let info = ok(&c, "serverGetInfo", json!({"id": id})).await;
    assert_eq!(
        (&info["state"], &info["os"], &info["expires"], &info["dc"]),
        (
            &json!("running"),
            &json!("centos"),
            &json!("2025-07-01"),
            &json!("Netherlands, Amsterdam")
        )
    );

    ok(&c, "serverShutdown", json!({"id": id})).await;
    assert_eq!(
        ok(&c, "serverGetInfo", json!({"id": id})).await["state"],
        "stopped"
    );
    assert_eq!(
        refused(&c, "serverPowerOff", json!({"id": id})).await,
        "server is already stopped"
    );
    ok(&c, "serverReboot", json!({"id": id})).await;
    let info = ok(&c, "serverGetInfo", json!({"id": id})).await;
    assert_eq!(
        (&info["state"], &info["last_task"]),
        (&json!("running"), &json!("reboot"))
    );
    ok(
        &c,
        "serverBootLive",
        json!({"id": id, "osimage": "gentoox64.live"}),
    )
    .await;
    let info = ok(&c, "serverGetInfo", json!({"id": id})).await;
    assert_eq!(
        (&info["state"], &info["live_os"]),
        (&json!("live"), &json!("gentoox64.live"))
    );

    let vnc = ok(&c, "serverEnableVNC", json!({"id": id})).await;
    let again = ok(&c, "serverEnableVNC", json!({"id": id})).await;
    assert_eq!(vnc, again, "the console stays the same");

    // Servers are renewed by 1, 3, 6 or 12 months (the type months).
    let renewed = ok(&c, "serverRenew", json!({"id": id, "amount": 3})).await;
    assert_eq!(renewed["expires"], "2025-10-01");
    assert_eq!(balance(&c).await, "920.00");
    let listed = ok(
        &c,
        "serversSearch",
        json!({"states": "live", "limit": "ALL"}),
    )
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    ok(&c, "serverRefuse", json!({"id": id})).await;
    assert_eq!(
        refused(&c, "serverGetInfo", json!({"id": id})).await,
        format!("server not found: {id}")
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_certificate_is_purchased_and_issued() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    let bought = ok(&c, "certificatePurchase", json!({"product": "positivessl"})).await;
    let id = bought["id"].as_u64().unwrap();
    assert_eq!(balance(&c).await, "991.00");
    assert_eq!(
        ok(&c, "certificateGetInfo", json!({"id": id})).await["state"],
        "new"
    );
    assert_eq!(
        refused(&c, "certificateGetData", json!({"id": id})).await,
        "certificate is not issued yet"
    );

    let csr = ok(
        &c,
        "certificateGenerateCSR",
        json!({"csr_commonname": "test.com", "csr_organization": "Test Ltd", "csr_department": "IT",
            "csr_city": "Kyiv", "csr_state": "Kyiv", "csr_country": "UA", "csr_email": "admin@test.com"}),
    )
    .await["csr"]
        .as_str()
        .unwrap()
        .to_owned();
    let decoded = ok(&c, "certificateDecodeCSR", json!({"csr": csr})).await;
    assert_eq!(
        (&decoded["commonname"], &decoded["organization"]),
        (&json!("test.com"), &json!("Test Ltd"))
    );
    assert_eq!(
        refused(&c, "certificateDecodeCSR", json!({"csr": "garbage"})).await,
        "csr is not a valid certificate request"
    );

    let issue = json!({"id": id, "admin_id": 1001, "tech_id": 1001, "dcv_method": "email",
        "approver_email": "admin@test.com", "csr": csr});
    let issued = ok(&c, "certificateIssue", issue.clone()).await;
    assert_eq!(
        (&issued["state"], &issued["expires"]),
        (&json!("ok"), &json!("2026-06-01"))
    );
    let data = ok(&c, "certificateGetData", json!({"id": id})).await;
    assert!(
        data["crt"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    assert!(
        refused(&c, "certificateIssue", issue)
            .await
            .contains("issued already")
    );

    // Renewal needs the current date and charges a year.
    ok(
        &c,
        "certificateRenew",
        json!({"id": id, "expires": "2026-06-01"}),
    )
    .await;
    assert_eq!(balance(&c).await, "982.00");

    // A coupon takes its per cent off; a purchase beyond the balance changes nothing.
    ok(
        &c,
        "certificatePurchase",
        json!({"product_id": 302, "coupon": "SSL2024"}),
    )
    .await;
    assert_eq!(balance(&c).await, "896.50");
    let before = sandbox.state();
    assert_eq!(
        refused(
            &c,
            "certificatePurchase",
            json!({"product": "ev_ssl", "amount": 6})
        )
        .await,
        "not enough money"
    );
    assert_eq!(sandbox.state(), before);

    ok(
        &c,
        "certificateCancel",
        json!({"id": id, "reason": "no longer needed"}),
    )
    .await;
    assert_eq!(
        ok(&c, "certificateGetInfo", json!({"id": id})).await["state"],
        "cancelled"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_bulk_answer_keeps_every_item() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    let reply = call_bulk(
        &c,
        "domainsRegister",
        json!([{"domain": "bulk-a.com"}, {"domain": "test.com"}, {"domain": "bulk-b.net"}]),
    )
    .await
    .unwrap();
    let Reply::Bulk(answer) = reply else {
        panic!("a bulk reply")
    };
    assert!(!answer.is_ok());
    assert_eq!(
        answer.error().unwrap().message(),
        "domain is not available: test.com"
    );
    let results: Vec<_> = answer
        .items()
        .iter()
        .map(|i| (i.key.as_str(), i.result.is_ok()))
        .collect();
    assert_eq!(results, [("0", true), ("1", false), ("2", true)]);
    assert_eq!(
        balance(&c).await,
        "978.00",
        "10.00 for .com and 12.00 for .net"
    );

    // Running out of money fails the items that cannot be paid.
    let mut items = Vec::new();
    for i in 0..100 {
        items.push(json!({"domain": format!("many-{i}.com")}));
    }
    let Reply::Bulk(answer) = call_bulk(&c, "domainsRegister", json!(items))
        .await
        .unwrap()
    else {
        panic!("a bulk reply")
    };
    assert_eq!(
        answer.items().iter().filter(|i| i.result.is_ok()).count(),
        97
    );
    assert_eq!(
        answer
            .failed()
            .next()
            .unwrap()
            .result
            .as_ref()
            .unwrap_err()
            .message(),
        "not enough money"
    );
    assert_eq!(balance(&c).await, "8.00");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_wrong_password_is_refused() {
    let sandbox = sandbox().await;
    for (login, password) in [("demo", "wrong"), ("nobody", "demo"), ("", "")] {
        let c = client_as(&sandbox, login, password);
        let err = call(&c, "clientGetBalance", json!({})).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Api);
        assert_eq!(
            err.api_error().unwrap().message(),
            "wrong login or password"
        );
    }
    let before = sandbox.state();
    let c = client_as(&sandbox, "demo", "wrong");
    let err = call(&c, "domainRegister", json!({"domain": "stolen.com"}))
        .await
        .unwrap_err();
    assert!(!err.is_outcome_unknown());
    assert_eq!(sandbox.state(), before);
    sandbox.shutdown().await;
}
