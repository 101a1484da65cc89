//! `acme present|cleanup` run as lego's `exec` provider and certbot's manual hooks run it
//! (arguments, or the environment), against a sandbox served by the test: exactly one TXT
//! record added then removed, the zone byte-identical afterwards, other TXT records on the
//! same name untouched, and the zone found by the longest registered suffix.

mod common;
mod flows;

use flows::{Served, domain, record, state};

/// test.com (with a TXT record of its own on `_acme-challenge`), and shop.test.com, a
/// registered domain under it.
fn seeded() -> domaincontext_sandbox::State {
    let mut s = state();
    s.domains.get_mut(&5504202).unwrap().dns.insert(
        4,
        record("_acme-challenge", "txt", "kept-by-someone-else", 3600, None),
    );
    let mut shop = domain(5504290, "shop.test.com", "2027-01-01");
    shop.dns
        .insert(1, record("@", "a", "192.0.2.80", 3600, None));
    s.domains.insert(5504290, shop);
    s
}

/// The records of domain `id` now, as `domainGetDNS` prints them.
fn zone(sb: &Served, name: &str) -> String {
    let (code, out, err) = sb.run(&["domainGetDNS", "--domain", name]);
    assert_eq!(code, 0, "{err}");
    out
}

/// The records carried by each domainSetDNS sent so far: their count per request.
fn records_per_set(sb: &Served) -> Vec<usize> {
    sb.sent("domainSetDNS")
        .iter()
        .map(|r| {
            r.params
                .iter()
                .filter(|(k, _)| k.ends_with("[status]"))
                .count()
        })
        .collect()
}

#[test]
fn lego_exec_present_then_cleanup_leaves_the_zone_as_it_was() {
    let sb = seeded();
    let sb = Served::start(sb);
    let before = zone(&sb, "test.com");
    let value = "LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM";

    let (code, out, err) = sb.run(&["acme", "present", "_acme-challenge.test.com.", value]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "", "added TXT _acme-challenge in test.com\n")
    );
    let dns = &sb.state().domains[&5504202].dns;
    assert_eq!(dns.len(), 5);
    assert_eq!(dns[&5], record("_acme-challenge", "txt", value, 60, None));
    assert_eq!(
        dns[&4],
        record("_acme-challenge", "txt", "kept-by-someone-else", 3600, None)
    );

    // lego may call present again: nothing more is sent.
    let (code, _, err) = sb.run(&["acme", "present", "_acme-challenge.test.com.", value]);
    assert_eq!(
        (code, err.as_str()),
        (0, "already present: TXT _acme-challenge in test.com\n")
    );

    let (code, _, err) = sb.run(&["acme", "cleanup", "_acme-challenge.test.com.", value]);
    assert_eq!(
        (code, err.as_str()),
        (0, "removed TXT _acme-challenge in test.com\n")
    );
    assert_eq!(
        zone(&sb, "test.com"),
        before,
        "the zone is byte-identical to before"
    );
    assert_eq!(
        records_per_set(&sb),
        [1, 1],
        "one record a change, never another"
    );

    let (code, _, err) = sb.run(&["acme", "cleanup", "_acme-challenge.test.com.", value]);
    assert_eq!(
        (code, err.as_str()),
        (0, "already gone: TXT _acme-challenge in test.com\n")
    );
    assert_eq!(sb.sent("domainSetDNS").len(), 2);
}

#[test]
fn certbot_hooks_use_the_environment_and_the_longest_suffix() {
    let sb = Served::start(seeded());
    let before_test = zone(&sb, "test.com");
    let before_shop = zone(&sb, "shop.test.com");
    let env = [
        ("CERTBOT_DOMAIN", "www.shop.test.com"),
        ("CERTBOT_VALIDATION", "cErTbOt-VaLuE_1"),
    ];

    let (code, out, err) = sb.run_env(&["acme", "present"], &env);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "", "added TXT _acme-challenge.www in shop.test.com\n")
    );
    let s = sb.state();
    assert_eq!(
        s.domains[&5504290].dns[&2],
        record("_acme-challenge.www", "txt", "cErTbOt-VaLuE_1", 60, None)
    );
    assert_eq!(
        zone(&sb, "test.com"),
        before_test,
        "the shorter suffix is untouched"
    );

    let (code, _, err) = sb.run_env(&["acme", "cleanup"], &env);
    assert_eq!(code, 0, "{err}");
    assert_eq!(zone(&sb, "shop.test.com"), before_shop);
    assert_eq!(records_per_set(&sb), [1, 1]);
    // The zone was found in one search naming every candidate.
    let searches = sb.sent("domainsSearch");
    assert_eq!(searches.len(), 2);
    assert!(
        searches[0].params.contains(&(
            "domains".to_owned(),
            "www.shop.test.com,shop.test.com,test.com".to_owned()
        )),
        "{:?}",
        searches[0].params
    );
}

#[test]
fn bad_hook_calls_send_nothing() {
    let sb = Served::start(seeded());
    let mut cases = 0;
    for (args, env, status, message) in [
        (
            vec!["acme", "present"],
            vec![],
            2,
            "error: give FQDN and VALUE, or set CERTBOT_DOMAIN and CERTBOT_VALIDATION (CERTBOT_DOMAIN is not set) (nothing was sent)\n",
        ),
        (
            vec!["acme", "present"],
            vec![("CERTBOT_DOMAIN", "test.com")],
            2,
            "error: give FQDN and VALUE, or set CERTBOT_DOMAIN and CERTBOT_VALIDATION (CERTBOT_VALIDATION is not set) (nothing was sent)\n",
        ),
        (
            vec!["acme", "present", "_acme-challenge.unknown.org.", "v"],
            vec![],
            1,
            "error: no domain of this account holds _acme-challenge.unknown.org\n",
        ),
        (
            vec!["acme", "present", "com", "v"],
            vec![],
            2,
            "error: com is not a challenge name (a host name such as _acme-challenge.example.com) (nothing was sent)\n",
        ),
    ] {
        let (code, out, err) = sb.run_env(&args, &env);
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (status, "", message),
            "{args:?}"
        );
        cases += 1;
    }
    assert_eq!(cases, 4);
    assert!(sb.sent("domainSetDNS").is_empty());
    // --dry-run reads, prints the one-record request, and changes nothing.
    let (code, out, _) = sb.run(&[
        "--dry-run",
        "acme",
        "present",
        "_acme-challenge.test.com",
        "v",
    ]);
    assert_eq!(code, 0);
    assert!(out.ends_with("id=5504202\n5[name]=_acme-challenge\n5[type]=txt\n5[value]=v\n5[ttl]=60\n5[status]=new\n"), "{out}");
    assert!(sb.sent("domainSetDNS").is_empty());
}
