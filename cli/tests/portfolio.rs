//! `domains expiring|renew-expiring|export` against a sandbox served by the test, seeded
//! with domains expiring at chosen dates around a 30-day window and enough others to need
//! a second page: the list exact at the window's edges, each renewal sent and charged
//! exactly once, per-domain reports.

mod common;
mod flows;

use flows::{Served, domain, state};

const TODAY: &str = "2025-06-01";

/// The window's cases at the highest ids (so on the last page), behind 120 domains that
/// expire in 2030.
fn seeded() -> domaincontext_sandbox::State {
    let mut s = state();
    for i in 0..120 {
        let id = 5504400 + i;
        s.domains
            .insert(id, domain(id, &format!("filler{i}.com"), "2030-01-01"));
    }
    for (id, name, expires) in [
        (5504600, "late.com", "2025-05-31"),
        (5504601, "today.com", "2025-06-01"),
        (5504602, "edge-in.com", "2025-07-01"),
        (5504603, "edge-out.com", "2025-07-02"),
    ] {
        s.domains.insert(id, domain(id, name, expires));
    }
    s
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn the_list_is_exact_at_the_edges_of_the_window() {
    let sb = Served::start(seeded());
    let (code, out, err) = sb.run(&[
        "domains", "expiring", "--within", "30d", "--today", TODAY, "-o", "json",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let rows = json(&out);
    let got: Vec<(&str, i64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["domain"].as_str().unwrap(),
                r["days_left"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("late.com", -1), ("today.com", 0), ("edge-in.com", 30)]
    );
    assert!(
        sb.sent("domainsSearch").len() >= 2,
        "paged through every domain"
    );

    // One day later the window reaches edge-out.com; a month earlier it is empty.
    let (_, out, _) = sb.run(&[
        "domains", "expiring", "--within", "31d", "--today", TODAY, "-o", "csv",
    ]);
    assert_eq!(
        out,
        "domain,expires,days_left,state,autorenewal\r\nlate.com,2025-05-31,-1,ok,false\r\ntoday.com,2025-06-01,0,ok,false\r\nedge-in.com,2025-07-01,30,ok,false\r\nedge-out.com,2025-07-02,31,ok,false\r\n"
    );
    let mut cases = 0;
    for (args, status, listed) in [
        (
            vec!["--within", "30d", "--today", TODAY, "--fail-if-any"],
            1,
            3,
        ),
        (
            vec!["--within", "30d", "--today", "2025-04-01", "--fail-if-any"],
            0,
            0,
        ),
        (vec!["--within", "1mo", "--today", "2025-05-01"], 0, 2),
    ] {
        let mut a = vec!["domains", "expiring", "-o", "json"];
        a.extend(args);
        let (code, out, _) = sb.run(&a);
        assert_eq!(code, status, "{a:?}");
        assert_eq!(json(&out).as_array().unwrap().len(), listed, "{a:?}");
        cases += 1;
    }
    assert_eq!(cases, 3);
    let (code, _, err) = sb.run(&["domains", "expiring", "--within", "soon"]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "error: --within must be a span such as 30d, 2w, 3mo or 1y, got \"soon\" (nothing was sent)\n"
        )
    );
    assert!(sb.sent("domainRenew").is_empty());
}

#[test]
fn renew_expiring_renews_and_charges_each_exactly_once() {
    let sb = Served::start(seeded());
    let args = [
        "domains",
        "renew-expiring",
        "--within",
        "30d",
        "--today",
        TODAY,
    ];

    // Without --yes, and no terminal to ask: nothing is renewed.
    let (code, _, err) = sb.run(&args);
    assert_eq!(code, 2);
    assert!(
        err.ends_with(
            "error: not renewed: give --yes to renew without a question (nothing was sent)\n"
        ),
        "{err}"
    );
    // --dry-run prints the three guarded requests.
    let (code, out, _) = sb.run(&[&["--dry-run"][..], &args].concat());
    assert_eq!(code, 0);
    assert_eq!(out.matches("/domainRenew\n").count(), 3, "{out}");
    assert!(
        out.contains("domain=edge-in.com\nperiod=1\nexpires=2025-07-01\n"),
        "{out}"
    );
    assert!(sb.sent("domainRenew").is_empty());
    let before = sb.state();

    let (code, out, err) = sb.run(&[&args[..], &["--yes"]].concat());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "domain       result   expired     expires     error\nlate.com     renewed  2025-05-31  2026-05-31\ntoday.com    renewed  2025-06-01  2026-06-01\nedge-in.com  renewed  2025-07-01  2026-07-01\n"
    );
    let renews = sb.sent("domainRenew");
    let mut renewed: Vec<String> = renews
        .iter()
        .map(|r| {
            r.params
                .iter()
                .find(|(k, _)| k == "domain")
                .unwrap()
                .1
                .clone()
        })
        .collect();
    renewed.sort();
    assert_eq!(
        renewed,
        ["edge-in.com", "late.com", "today.com"],
        "each exactly once"
    );
    let after = sb.state();
    assert_eq!(before.clients["demo"].balance.to_string(), "1000.00");
    assert_eq!(
        after.clients["demo"].balance.to_string(),
        "970.00",
        "charged 3 × 10.00"
    );
    assert_eq!(
        after.domains[&5504603].expires, "2025-07-02",
        "edge-out.com untouched"
    );

    // Again: nothing is in the window any more, nothing is sent or charged.
    let (code, _, err) = sb.run(&[&args[..], &["--yes"]].concat());
    assert_eq!(
        (code, err.as_str()),
        (0, "no domain expires in the window\n")
    );
    assert_eq!(sb.sent("domainRenew").len(), 3);
    assert_eq!(sb.state().clients["demo"].balance.to_string(), "970.00");
}

#[test]
fn a_failed_renewal_is_reported_for_its_domain() {
    let mut s = seeded();
    // Money for one renewal only: the second and third fail, each reported.
    s.clients.get_mut("demo").unwrap().balance =
        domaincontext_sandbox::Money::parse("15.00").unwrap();
    let sb = Served::start(s);
    let (code, out, _) = sb.run(&[
        "domains",
        "renew-expiring",
        "--within",
        "30d",
        "--today",
        TODAY,
        "--yes",
    ]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[1].starts_with("late.com     renewed"), "{out}");
    assert!(
        lines[2].starts_with("today.com    failed") && lines[2].contains("not enough money"),
        "{out}"
    );
    assert!(lines[3].starts_with("edge-in.com  failed"), "{out}");
    assert_eq!(sb.sent("domainRenew").len(), 3);
}

#[test]
fn export_lists_the_whole_portfolio() {
    let sb = Served::start(seeded());
    let (code, out, err) = sb.run(&["domains", "export"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "domain,state,expires,autorenewal,lock,whois_protection,nameservers"
    );
    let total = sb
        .state()
        .domains
        .values()
        .filter(|d| d.client == "demo")
        .count();
    assert_eq!(lines.len() - 1, total, "every domain, never truncated");
    assert!(total > 120);
    assert!(
        lines.contains(&"test.com,ok,2027-03-15,false,false,false,\"ns1.domaincontext.com,ns2.domaincontext.com\""),
        "{out}"
    );
}

#[test]
fn the_global_output_option_is_honoured() {
    let sb = Served::start(seeded());
    let (code, out, _) = sb.run(&[
        "-o", "json", "domains", "expiring", "--within", "30d", "--today", TODAY,
    ]);
    assert_eq!(code, 0);
    assert_eq!(json(&out).as_array().unwrap().len(), 3);
    // The subcommand's own -o wins.
    let (_, out, _) = sb.run(&[
        "-o", "json", "domains", "expiring", "-o", "csv", "--within", "30d", "--today", TODAY,
    ]);
    assert!(
        out.starts_with("domain,expires,days_left,state,autorenewal\r\n"),
        "{out}"
    );
}
