//! Ctrl-C while a call is in flight: a changing command says its outcome is unknown,
//! naming the command and its items, and exits 130; a read-only one exits 130 quietly.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{against, finish, outcome};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

/// Starts `args` against a server that accepts, reads the request and never answers;
/// sends SIGINT once the request has arrived. Returns exit code and stderr.
async fn interrupt(args: &[&str]) -> (i32, String) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut c: Command = against(&url);
    c.args(["--timeout", "60"]).args(args);
    let child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut conn, _) = tokio::time::timeout(Duration::from_secs(10), listener.accept())
        .await
        .expect("the request arrives")
        .unwrap();
    // Hold the connection open; the request has left once its first bytes are here.
    let mut first = [0u8; 16];
    let n = tokio::time::timeout(Duration::from_secs(10), conn.read(&mut first))
        .await
        .expect("the request's bytes arrive")
        .unwrap();
    assert!(n > 0);
    let started = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let o = tokio::task::spawn_blocking(move || finish(child, Duration::from_secs(10)))
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it ended promptly"
    );
    drop(conn);
    let (code, out, err) = outcome(&o);
    assert_eq!(out, "", "no answer to print");
    (code, err)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_changing_command_interrupted_in_flight_has_an_unknown_outcome() {
    let (code, err) = interrupt(&["domainRegister", "--domain", "interrupted.com"]).await;
    assert_eq!(code, 130, "{err}");
    assert_eq!(
        err,
        "error: interrupted: domainRegister for domain interrupted.com was in flight; outcome unknown: it may have been carried out, check before repeating it\n"
    );
    let (code, err) = interrupt(&[
        "domainsRegister",
        "--json",
        r#"{"first":{"domain":"a-int.com"},"second":{"domain":"b-int.com"}}"#,
    ])
    .await;
    assert_eq!(code, 130, "{err}");
    assert_eq!(
        err,
        "error: interrupted\nerror: domainsRegister: outcome unknown for items first, second: they may have been carried out, check before repeating them\n"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_only_command_interrupted_exits_quietly() {
    let mut checked = 0;
    for args in [
        &["domainsCheck", "--domains", "a.com"][..],
        &[
            "domainsCheckTransfer",
            "--json",
            r#"[{"domain":"a.com","password":"x1y2z3"}]"#,
        ][..],
    ] {
        let (code, err) = interrupt(args).await;
        assert_eq!(code, 130, "{args:?}: {err}");
        assert_eq!(err, "error: interrupted\n", "{args:?}");
        checked += 1;
    }
    assert_eq!(checked, 2);
}
