//! A reseller's day through `--sandbox` alone, one process a step with the state kept in a
//! file; the CLI's usage errors with their whole stderr; every `--output` format.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{bin, outcome, output};

const LIMIT: Duration = Duration::from_secs(60);

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dc-workflow-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary with `state` as its sandbox state file and real-looking credentials in
/// the environment, which `--sandbox` must not use.
fn sandbox(state: &Path, args: &[&str]) -> (i32, String, String) {
    let mut c = bin();
    c.env("DOMAINCONTEXT_SANDBOX_STATE", state)
        .env("DOMAINCONTEXT_LOGIN", "real-reseller")
        .env("DOMAINCONTEXT_PASSWORD", "real-secret");
    c.args(args);
    outcome(&output(&mut c, LIMIT))
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_day_in_the_sandbox_across_processes() {
    let dir = temp_dir("day");
    let state = dir.join("state.json");
    let mut steps = 0;

    let (code, out, err) = sandbox(
        &state,
        &["--sandbox", "domainRegister", "--domain", "day-flow.com"],
    );
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let id = json(&out)["id"].as_u64().unwrap().to_string();
    assert!(state.exists(), "the state is saved");
    steps += 1;

    let (code, out, err) = sandbox(
        &state,
        &["--sandbox", "domainGetInfo", "--domain", "day-flow.com"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let info = json(&out);
    assert_eq!(info["domain"], "day-flow.com");
    assert_eq!(info["expires"], "2026-06-01");
    steps += 1;

    let (code, _, err) = sandbox(
        &state,
        &[
            "--sandbox",
            "domainSetDNS",
            "--id",
            &id,
            "--record",
            "name=@,type=a,value=192.0.2.44,ttl=3600,status=new",
            "--record",
            "name=www,type=cname,value=day-flow.com,ttl=600,status=new",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    steps += 1;

    let (code, out, err) = sandbox(
        &state,
        &["--sandbox", "-o", "csv", "domainGetDNS", "--id", &id],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "key,name,type,value,ttl,status\r\n1,@,a,192.0.2.44,3600,ok\r\n2,www,cname,day-flow.com,600,ok\r\n"
    );
    steps += 1;

    let (code, out, err) = sandbox(
        &state,
        &[
            "--sandbox",
            "domainRenew",
            "--domain",
            "day-flow.com",
            "--period",
            "2",
            "--expires",
            "2026-06-01",
        ],
    );
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let (_, out, _) = sandbox(
        &state,
        &["--sandbox", "domainGetInfo", "--domain", "day-flow.com"],
    );
    assert_eq!(json(&out)["expires"], "2028-06-01");
    steps += 1;

    let (code, out, err) = sandbox(&state, &["sandbox", "reset"]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(
        err,
        format!(
            "the sandbox in {} is back to its starting data set\n",
            state.display()
        )
    );
    let (code, out, err) = sandbox(
        &state,
        &["--sandbox", "domainGetInfo", "--domain", "day-flow.com"],
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            1,
            "",
            "error: domainGetInfo: domain not found: day-flow.com\n"
        )
    );
    steps += 1;

    // --sandbox-state wins over the variable; a balance topped up there stays there.
    let other = dir.join("other.json");
    let (code, out, _) = sandbox(
        &state,
        &[
            "--sandbox-state",
            other.to_str().unwrap(),
            "sandbox",
            "topup",
            "--amount",
            "25.5",
        ],
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "{\"login\":\"demo\",\"balance\":\"1025.50\"}\n")
    );
    let (_, out, _) = sandbox(
        &state,
        &[
            "--sandbox-state",
            other.to_str().unwrap(),
            "--sandbox",
            "clientGetBalance",
        ],
    );
    assert!(out.contains("1025.50"), "{out}");
    steps += 1;

    assert_eq!(steps, 7);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupt_state_file_is_named_and_kept() {
    let dir = temp_dir("corrupt");
    let state = dir.join("state.json");
    std::fs::write(&state, "{\"format\": 1, \"state\": ").unwrap();
    let (code, out, err) = sandbox(
        &state,
        &["--sandbox", "domainRegister", "--domain", "x-y.com"],
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "error: the sandbox state file {} is not a sandbox state; it was left as it is (`domaincontext sandbox reset` starts over): EOF while parsing a value at line 1 column 23\n",
            state.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&state).unwrap(),
        "{\"format\": 1, \"state\": "
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_say_everything() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["completions"],
            "error: the following required arguments were not provided:\n  <shell>\n\nUsage: domaincontext completions <shell>\n\nFor more information, try '--help'.\n",
        ),
        (
            &["domainRenew", "--domain", "a.com", "--perod", "2"],
            "error: unexpected argument '--perod' found\n\n  tip: a similar argument exists: '--period'\n\nUsage: domaincontext domainRenew --domain <domain> --period <period>\n",
        ),
        (
            &["tariffsGetAvailable", "--type", "vps"],
            "error: invalid value 'vps' for '--type <tariffType>'\n  [possible values: domain, ovds, svds]\n\n  tip: a similar value exists: 'svds'\n",
        ),
        (
            &["-o", "xml", "commands"],
            "error: invalid value 'xml' for '--output <FORMAT>'\n  [possible values: json, jsonl, yaml, table, csv]\n\n  tip: a similar value exists: 'yaml'\n\nFor more information, try '--help'.\n",
        ),
        (
            &["domainGetInfo", "--domain", "a.com", "--login", "me"],
            "error: unexpected argument '--login' found\n\n  tip: a similar argument exists: '--domain'\n\nUsage: domaincontext domainGetInfo --domain <domain>\nhint: global options go before the command: domaincontext --login LOGIN domainGetInfo ...\n",
        ),
        (
            &["domainsCheck", "--domains", "a.com", "--sandbox"],
            "error: unexpected argument '--sandbox' found\n\nUsage: domaincontext domainsCheck --domains <domains>\nhint: global options go before the command: domaincontext --sandbox domainsCheck ...\n",
        ),
    ];
    let mut checked = 0;
    for (args, expected) in cases {
        let (code, out, err) = outcome(&output(bin().args(args), LIMIT));
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert_eq!(err, expected, "{args:?}");
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[test]
fn yes_no_flags_work_bare_and_with_a_value() {
    let dir = temp_dir("bool");
    let state = dir.join("state.json");
    let (code, bare, _) = sandbox(&state, &["--sandbox", "domainsSearch", "--count"]);
    assert_eq!((code, bare.as_str()), (0, "4\n"));
    let (_, one, _) = sandbox(
        &state,
        &["--sandbox", "domainsSearch", "--count", "1", "--limit", "1"],
    );
    assert_eq!(one, "4\n");
    let (_, zero, _) = sandbox(
        &state,
        &[
            "--sandbox",
            "-o",
            "jsonl",
            "domainsSearch",
            "--count",
            "0",
            "--limit",
            "1",
        ],
    );
    assert_eq!(zero.lines().count(), 1, "{zero}");
    assert!(zero.starts_with("{\"id\":5504202,"), "{zero}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_is_one_text_and_keeps_global_options_apart() {
    let (_, help_x, _) = outcome(&output(bin().args(["help", "domainSetDNS"]), LIMIT));
    let (_, x_help, _) = outcome(&output(bin().args(["domainSetDNS", "--help"]), LIMIT));
    assert_eq!(help_x, x_help);
    assert!(
        help_x.contains("--record <[N:]FIELD=VALUE,...>"),
        "{help_x}"
    );
    assert!(!help_x.contains("--dry-run"), "{help_x}");
    let (_, bulk, _) = outcome(&output(bin().args(["help", "domainsRegister"]), LIMIT));
    assert!(bulk.contains("--items-file FILE|-"), "{bulk}");
    assert!(!bulk.contains("--domain <"), "{bulk}");
    let (_, serve, _) = outcome(&output(bin().args(["sandbox", "serve", "--help"]), LIMIT));
    let (_, help_serve, _) = outcome(&output(bin().args(["help", "sandbox", "serve"]), LIMIT));
    assert_eq!(serve, help_serve);
    for own in ["--port", "--state", "--data", "--quiet"] {
        assert!(serve.contains(own), "{own} in {serve}");
    }
    for global in ["--dry-run", "--demo", "--rate", "--sandbox "] {
        assert!(!serve.contains(global), "{global} in {serve}");
    }
    let (_, sandbox_help, _) = outcome(&output(bin().args(["sandbox", "--help"]), LIMIT));
    assert!(sandbox_help.contains("client demo, password demo (id 1): balance 1000.00 usd"));
}

const SEARCH: &[&str] = &[
    "domainsSearch",
    "--ids",
    "5504203,5504204",
    "--orderby",
    "id_asc",
];
const CHECK: &[&str] = &["domainsCheck", "--domains", "free-one.com,test.com"];

#[test]
fn every_output_format_of_rows_and_of_a_map() {
    let dir = temp_dir("formats");
    let state = dir.join("state.json");
    let row3 = r#"{"id":5504203,"domain":"test3.com","zone":"com","state":"ok","statuses":"ok","client":"demo","seller":null,"note":"","created_date":"2021-11-20","updated_date":"2021-11-20","expiration_date":"2026-11-20","expires":"2026-11-20","daysleft":537,"autorenewal":false,"whois_protected":false,"is_secured":false,"nameservers":"ns1.domaincontext.com,ns2.domaincontext.com","registrant_id":1002,"admin_id":1002,"tech_id":1002,"billing_id":1002}"#;
    let row4 = r#"{"id":5504204,"domain":"domain.com","zone":"com","state":"ok","statuses":"ok","client":"demo","seller":null,"note":"","created_date":"2019-01-10","updated_date":"2019-01-10","expiration_date":"2026-01-10","expires":"2026-01-10","daysleft":223,"autorenewal":false,"whois_protected":false,"is_secured":false,"nameservers":"ns1.domaincontext.com,ns2.domaincontext.com","registrant_id":1001,"admin_id":1001,"tech_id":1001,"billing_id":1001}"#;
    let cols = "id,domain,zone,state,statuses,client,seller,note,created_date,updated_date,expiration_date,expires,daysleft,autorenewal,whois_protected,is_secured,nameservers,registrant_id,admin_id,tech_id,billing_id";
    let rows: Vec<(&str, String)> = vec![
        ("jsonl", format!("{row3}\n{row4}\n")),
        (
            "csv",
            format!(
                "{cols}\r\n5504203,test3.com,com,ok,ok,demo,null,,2021-11-20,2021-11-20,2026-11-20,2026-11-20,537,false,false,false,\"ns1.domaincontext.com,ns2.domaincontext.com\",1002,1002,1002,1002\r\n5504204,domain.com,com,ok,ok,demo,null,,2019-01-10,2019-01-10,2026-01-10,2026-01-10,223,false,false,false,\"ns1.domaincontext.com,ns2.domaincontext.com\",1001,1001,1001,1001\r\n"
            ),
        ),
    ];
    let mut checked = 0;
    let (_, json_rows, _) = sandbox(&state, &[&["--sandbox"][..], SEARCH].concat());
    let (_, jsonl_rows, _) = sandbox(
        &state,
        &[&["--sandbox", "-o", "jsonl"][..], SEARCH].concat(),
    );
    // The default: the answer as sent, re-indented; the rows of jsonl are its rows.
    assert_eq!(json(&json_rows), json(&format!("[{row3},{row4}]")));
    checked += 1;
    for (format, expected) in &rows {
        let (code, out, err) =
            sandbox(&state, &[&["--sandbox", "-o", format][..], SEARCH].concat());
        assert_eq!((code, err.as_str()), (0, ""), "{format}");
        assert_eq!(&out, expected, "{format}");
        checked += 1;
    }
    assert_eq!(jsonl_rows, rows[0].1);
    // yaml and table, and json as printed, compared whole with the expected text.
    for (format, expected) in [
        ("json", include_str!("expected/domains_search.json")),
        ("yaml", include_str!("expected/domains_search.yaml")),
        ("table", include_str!("expected/domains_search.table")),
    ] {
        let (code, out, err) =
            sandbox(&state, &[&["--sandbox", "-o", format][..], SEARCH].concat());
        assert_eq!((code, err.as_str()), (0, ""), "{format}");
        assert_eq!(out, expected, "{format}");
        checked += 1;
    }

    let map: [(&str, &str); 5] = [
        ("json", "{\n  \"free-one.com\": 1,\n  \"test.com\": 0\n}\n"),
        (
            "jsonl",
            "{\"key\":\"free-one.com\",\"value\":1}\n{\"key\":\"test.com\",\"value\":0}\n",
        ),
        ("yaml", "\"free-one.com\": 1\n\"test.com\": 0\n"),
        (
            "table",
            "key           value\nfree-one.com  1\ntest.com      0\n",
        ),
        ("csv", "key,value\r\nfree-one.com,1\r\ntest.com,0\r\n"),
    ];
    for (format, expected) in map {
        let (code, out, err) = sandbox(&state, &[&["--sandbox", "-o", format][..], CHECK].concat());
        assert_eq!((code, err.as_str()), (0, ""), "{format}");
        assert_eq!(out, expected, "{format}");
        checked += 1;
    }

    // A single value: table cannot show it; it is printed as JSON with a warning, and the
    // status is the command's own.
    let (code, out, err) = sandbox(
        &state,
        &["--sandbox", "-o", "table", "domainsSearch", "--count"],
    );
    assert_eq!((code, out.as_str()), (0, "4\n"));
    assert_eq!(
        err,
        "warning: --output: the answer is a single value, neither rows nor a map: table and csv cannot show it (json, jsonl and yaml can); it is printed as JSON (the command was carried out)\n"
    );
    checked += 1;

    // --quiet: nothing on stdout, the status tells.
    let (code, out, err) = sandbox(&state, &[&["--sandbox", "--quiet"][..], CHECK].concat());
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    checked += 1;
    assert_eq!(checked, 13);
    let _ = std::fs::remove_dir_all(&dir);
}
