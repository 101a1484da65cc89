//! Bounded inputs and chunked bulks: `--json` and `--password-file` are read through a
//! limit (`/dev/zero` is refused quickly), a bulk `--json` larger than `--chunk-size` goes
//! as several requests whose answers are merged under the user's keys, a lost changing
//! chunk stops the run, and stderr names at most 10 failed items.

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{against, finish, outcome, output};
use domaincontext_testkit::{Received, Reply, Server};

/// Answers a domainsRegister with one entry per item; domains starting `busy` fail.
fn register(r: &Received) -> Reply {
    let mut entries = Vec::new();
    for (k, v) in r.args() {
        let Some(index) = k.strip_suffix("[domain]") else {
            continue;
        };
        entries.push(if v.starts_with("busy") {
            format!(r#""{index}":{{"_error":"domain is busy: {v}"}}"#)
        } else {
            format!(r#""{index}":{{"id":{index},"domain":"{v}","price":990.00}}"#)
        });
    }
    Reply::json(&format!("{{{}}}", entries.join(",")))
}

fn items(n: usize, name: impl Fn(usize) -> String) -> String {
    let list: Vec<String> = (0..n)
        .map(|i| format!(r#""k{i}":{{"domain":"{}"}}"#, name(i)))
        .collect();
    format!("{{{}}}", list.join(","))
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn endless_inputs_are_refused_quickly() {
    let server = Server::answering("true").await;
    let cases: &[(&[&str], &str)] = &[
        (
            &["domainsRegister", "--json", "@/dev/zero"],
            "error: --json file /dev/zero is not valid JSON: expected value at line 1 column 1 (nothing was sent)\n",
        ),
        (
            &["domainCheckTransfer", "--json", "@/dev/zero"],
            "error: --json file /dev/zero is not valid JSON: expected value at line 1 column 1 (nothing was sent)\n",
        ),
        (
            &[
                "--password-file",
                "/dev/zero",
                "domainsCheck",
                "--domains",
                "a.com",
            ],
            "error: the first line of --password-file /dev/zero is longer than 4096 bytes\n",
        ),
    ];
    let mut checked = 0;
    for (args, expected) in cases {
        let started = Instant::now();
        let mut c = common::bin();
        c.args(["--base-url", &server.url, "--rate", "0", "--login", "demo"])
            .args(*args);
        if !args.contains(&"--password-file") {
            c.env("DOMAINCONTEXT_PASSWORD", common::PASSWORD);
        }
        let o = output(&mut c, Duration::from_secs(20));
        let (code, _, err) = outcome(&o);
        assert_eq!((code, err.as_str()), (2, *expected), "{args:?}");
        assert!(started.elapsed() < Duration::from_secs(10));
        checked += 1;
    }
    // An endless stream of valid whitespace stops at the limit, not at the memory's end.
    for (source, limit) in [("-", "1048576"), ("@/dev/stdin", "1000")] {
        let child = against(&server.url)
            .args(["--json-limit", limit, "domainsRegister", "--json", source])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut child = child;
        let mut stdin = child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || {
            let spaces = [b' '; 8192];
            while stdin.write_all(&spaces).is_ok() {}
        });
        let o = finish(child, Duration::from_secs(20));
        feeder.join().unwrap();
        let what = if source == "-" {
            "--json from standard input".to_owned()
        } else {
            "--json file /dev/stdin".to_owned()
        };
        let (code, _, err) = outcome(&o);
        assert_eq!(code, 2, "{err}");
        assert_eq!(
            err,
            format!(
                "error: {what} is larger than the limit of {limit} bytes (see --json-limit) (nothing was sent)\n"
            )
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
    assert!(server.received().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_bulk_goes_in_chunks_under_the_users_keys() {
    let server = Server::start(register).await;
    let json = items(250, |i| {
        if i % 100 == 7 {
            format!("busy-{i}.com")
        } else {
            format!("free-{i}.com")
        }
    });
    let o = output(
        against(&server.url).args(["domainsRegister", "--json", &json]),
        Duration::from_secs(30),
    );
    let (code, out, err) = outcome(&o);
    assert_eq!(code, 1, "{err}");
    let sizes: Vec<usize> = server.received().iter().map(|r| r.args().len()).collect();
    assert_eq!(sizes, [100, 100, 50], "one request per chunk of 100");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&String> = answer.as_object().unwrap().keys().collect();
    let expected: Vec<String> = (0..250).map(|i| format!("k{i}")).collect();
    assert_eq!(keys, expected.iter().collect::<Vec<_>>(), "the user's keys");
    assert_eq!(answer["k150"]["domain"], "free-150.com");
    assert_eq!(
        err,
        "error: domainsRegister: 3 of 250 items failed: k7: domain is busy: busy-7.com; k107: domain is busy: busy-107.com; k207: domain is busy: busy-207.com\n"
    );
    // One chunk: the answer is printed as the API sent it, errors under the user's keys.
    let server = Server::start(register).await;
    let o = output(
        against(&server.url).args([
            "--chunk-size",
            "5",
            "domainsRegister",
            "--json",
            r#"{"7":{"domain":"busy.com"},"5":{"domain":"free.com"}}"#,
        ]),
        Duration::from_secs(30),
    );
    let (code, out, err) = outcome(&o);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: domainsRegister: 1 of 2 items failed: 7: domain is busy: busy.com\n"
    );
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["5"]["domain"], "free.com");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_changing_chunk_stops_the_run() {
    let server = Server::start(|r| {
        if r.args().iter().any(|(_, v)| v == "free-10.com") {
            Reply::Drop
        } else {
            register(r)
        }
    })
    .await;
    let json = items(25, |i| format!("free-{i}.com"));
    let o = output(
        against(&server.url).args(["--chunk-size", "10", "domainsRegister", "--json", &json]),
        Duration::from_secs(30),
    );
    let (code, out, err) = outcome(&o);
    assert_eq!(code, 3, "{err}");
    assert_eq!(server.received().len(), 2, "the third chunk is not sent");
    let answer: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        answer.as_object().unwrap().len(),
        10,
        "the first chunk's answer"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("error: request 2 of 3 (items k10, k11, k12, k13, k14, k15, k16, k17, k18, k19): domainsRegister: "),
        "{err}"
    );
    assert_eq!(
        lines[1],
        "error: domainsRegister: outcome unknown for items k10, k11, k12, k13, k14, k15, k16, k17, k18, k19: they may have been carried out, check before repeating them"
    );
    assert_eq!(
        lines[2],
        "error: domainsRegister: items k20, k21, k22, k23, k24 were not done (their requests were not sent or not completed)"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn stderr_names_at_most_ten_failed_items() {
    let server = Server::start(register).await;
    let file = std::env::temp_dir().join(format!("dc-bulk-2000-{}.json", std::process::id()));
    std::fs::write(&file, items(2_000, |i| format!("busy-{i}.com"))).unwrap();
    let json = format!("@{}", file.display());
    let o = output(
        against(&server.url).args(["--chunk-size", "2000", "domainsRegister", "--json", &json]),
        Duration::from_secs(60),
    );
    let _ = std::fs::remove_file(&file);
    let (code, out, err) = outcome(&o);
    assert_eq!(code, 1);
    let shown: Vec<String> = (0..10)
        .map(|i| format!("k{i}: domain is busy: busy-{i}.com"))
        .collect();
    assert_eq!(
        err,
        format!(
            "error: domainsRegister: 2000 of 2000 items failed: {}; and 1990 more (every item is in the answer on stdout)\n",
            shown.join("; ")
        )
    );
    assert!(err.len() < 1000, "{} bytes", err.len());
    assert_eq!(
        out.matches("domain is busy").count(),
        2_000,
        "all on stdout"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_item_in_a_later_chunk_stops_everything_before_sending() {
    let server = Server::start(register).await;
    let json = items(250, |i| {
        if i == 230 {
            "bad..domain".to_owned()
        } else {
            format!("free-{i}.com")
        }
    });
    let o = output(
        against(&server.url).args(["domainsRegister", "--json", &json]),
        Duration::from_secs(30),
    );
    let (code, out, err) = outcome(&o);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("k230") && err.contains("\"bad..domain\""),
        "{err}"
    );
    assert!(err.ends_with("(nothing was sent)\n"), "{err}");
    assert!(server.received().is_empty(), "no chunk was sent");
}
