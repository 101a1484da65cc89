//! A refused call changes nothing: arguments are validated before anything happens (a bulk
//! request with one invalid item is refused whole), and a handler checks all its
//! preconditions before it changes the state.

mod support;

use domaincontext_sandbox::{State, handle};
use support::*;

#[tokio::test]
async fn refused_calls_leave_the_state_unchanged() {
    let sandbox = sandbox().await;
    let before = sandbox.state();
    let cases = [
        // Validation: the second bulk item is invalid, so the first is not registered.
        (
            "domainsRegister",
            "0[domain]=fine-one.com&1[domain]=-bad.com",
        ),
        (
            "domainsRegister",
            "0[domain]=fine-one.com&1[domain]=fine-two.com&1[period]=11",
        ),
        (
            "domainsSetDNS",
            "5504202[1][type]=a&5504202[1][value]=192.0.2.99&5504202[1][status]=new&5504203[1][ttl]=abc",
        ),
        (
            "domainsSetNote",
            "0[domain]=test.com&0[note]=abc&1[domain]=test3.com&1[note]=a%0Ab",
        ),
        ("domainRegister", "domain=fine-one.com&period=0"),
        ("domainRegister", "domain=fine-one.com&no_such=1"),
        (
            "contactsCreate",
            "0[email]=a%40b.com&0[first_name]=A&1[email]=broken",
        ),
        // Handler checks: one bad record refuses the whole change.
        (
            "domainSetDNS",
            "id=5504202&1[type]=a&1[value]=192.0.2.99&1[status]=new&2[type]=a&2[value]=not-an-ip&2[status]=new",
        ),
        (
            "domainSetDNS",
            "id=5504202&1[status]=deleted&9[status]=deleted",
        ),
        ("domainRenew", "domain=test.com&period=1&expires=2027-03-16"),
        (
            "domainRenew",
            "domain=test.com&period=10&expires=2027-03-15",
        ),
        ("domainTransfer", "domain=transfer-me.com&password=wrong"),
        (
            "domainSetNSs",
            "domain=test.com&nss=ns1.test.com,ns9.test.com",
        ),
        ("contactDelete", "id=1001"),
        ("hostDelete", "host=ns1.test.com&id=5504202"),
        ("certificatePurchase", "product=ev_ssl&amount=7"),
        (
            "certificateIssue",
            "id=9001&admin_id=1001&tech_id=1001&dcv_method=dns&csr=x",
        ),
        (
            "serverBuy",
            "tariff=XENSSD%20VDS%208%20200&cluster_id=2&osimage=ubuntu",
        ),
        ("serverPowerOn", "id=8001"),
        (
            "domainPush",
            "domain=test.com&sender=demo&receiver=nobody_here",
        ),
        ("clientCreate", "login=demo&password=x&seller=demo"),
    ];
    for (command, form) in cases {
        let (status, body) = post_raw(&sandbox, command, form).await;
        assert_eq!(status, 200, "{command}");
        assert!(body.contains("\"_error\""), "{command} {form}: {body}");
        assert_eq!(
            sandbox.state(),
            before,
            "{command} {form} changed the state: {body}"
        );
    }
    sandbox.shutdown().await;
}

#[test]
fn the_in_process_entry_point_answers_like_the_server() {
    let mut state = State::default();
    let before = state.clone();
    let pairs = |s: &str| domaincontext::form::decode(s);
    let (status, body) = handle(
        &mut state,
        "domainsCheck",
        &pairs("auth_login=demo&auth_password=demo&domains=test.com,adfwer234asdf.net"),
    );
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"test.com":0,"adfwer234asdf.net":1}"#)
    );
    let (_, body) = handle(
        &mut state,
        "domainRegister",
        &pairs("auth_login=demo&auth_password=demo&domain=a..com"),
    );
    assert!(
        body.starts_with(r#"{"_error":"domainRegister: argument `domain`"#),
        "{body}"
    );
    assert_eq!(state, before);
    let (_, body) = handle(
        &mut state,
        "domainRegister",
        &pairs("auth_login=demo&auth_password=demo&domain=ok-now.com"),
    );
    assert!(body.contains(r#""domain":"ok-now.com""#), "{body}");
    assert_eq!(state.clients["demo"].balance.to_string(), "990.00");
}

#[tokio::test]
async fn a_data_set_round_trips_through_json() {
    let state = State::default();
    let text = serde_json::to_string_pretty(&state).unwrap();
    assert_eq!(serde_json::from_str::<State>(&text).unwrap(), state);
    let path = std::env::temp_dir().join(format!("sandbox-data-{}.json", std::process::id()));
    let mut changed = state.clone();
    changed.clients.get_mut("demo").unwrap().balance = domaincontext_sandbox::Money::new(5, 25);
    std::fs::write(&path, serde_json::to_string(&changed).unwrap()).unwrap();
    let config = domaincontext_sandbox::Config::from_json_file(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    let sandbox = domaincontext_sandbox::start(config).await.unwrap();
    assert_eq!(balance(&client(&sandbox)).await, "5.25");
    sandbox.shutdown().await;
    assert!(
        domaincontext_sandbox::Config::from_json_file(std::path::Path::new("/no/such/file.json"))
            .is_err()
    );
}
