//! `sandbox serve` as a dev server: URL then credentials on stdout, a log line per call on
//! stderr (no argument in it), its state saved to `--state` on each change, the top-up
//! endpoint, and a clear exit 2 when the port is taken.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{bin, outcome, output};

const LIMIT: Duration = Duration::from_secs(30);

struct Served {
    child: Child,
    url: String,
    banner: Vec<String>,
    log: mpsc::Receiver<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Served {
    let mut child = bin()
        .args(["sandbox", "serve"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut banner = Vec::new();
    for _ in 0..3 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        banner.push(line.trim_end().to_owned());
    }
    let (tx, log) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    Served {
        child,
        url: banner[0].clone(),
        banner,
        log,
    }
}

/// A bare HTTP POST to the server, answered body.
fn post(url: &str, path: &str, form: &str) -> String {
    let addr = url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_owned()
}

fn cli(url: &str, args: &[&str]) -> (i32, String, String) {
    let mut c = bin();
    c.args([
        "--base-url",
        url,
        "--rate",
        "0",
        "--login",
        "demo",
        "--password",
        "demo",
    ])
    .args(args);
    outcome(&output(&mut c, LIMIT))
}

#[test]
fn serve_prints_its_url_and_credentials_logs_calls_and_saves_its_state() {
    let dir = std::env::temp_dir().join(format!("dc-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let state = dir.join("served.json");
    let mut server = serve(&["--state", state.to_str().unwrap()]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{:?}",
        server.banner
    );
    assert_eq!(server.banner[1..], ["login: demo", "password: demo"]);

    let (code, _, err) = cli(
        &server.url,
        &["domainRegister", "--domain", "served-one.com"],
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let line = server.log.recv_timeout(LIMIT).unwrap();
    assert!(line.starts_with("POST domainRegister 200 ok "), "{line}");
    assert!(line.ends_with(" ms"), "{line}");
    assert!(
        !line.contains("served-one") && !line.contains("demo"),
        "{line}"
    );
    let saved = domaincontext_state(&state);
    assert!(saved.contains("served-one.com"), "saved on the change");

    let (code, _, _) = cli(&server.url, &["domainGetInfo", "--domain", "nothere.com"]);
    assert_eq!(code, 1);
    let line = server.log.recv_timeout(LIMIT).unwrap();
    assert!(
        line.starts_with("POST domainGetInfo 200 error: domain not found: nothere.com "),
        "{line}"
    );

    let answer = post(&server.url, "/_sandbox/topup", "login=demo&amount=500");
    assert_eq!(answer, "{\"login\":\"demo\",\"balance\":\"1490.00\"}");
    let line = server.log.recv_timeout(LIMIT).unwrap();
    assert!(line.starts_with("POST _sandbox/topup 200 ok "), "{line}");
    assert!(domaincontext_state(&state).contains("\"balance\": \"1490.00\""));

    // The port is taken now: a second server says so and exits 2.
    let port = server.url.rsplit(':').next().unwrap().to_owned();
    let (code, out, err) = outcome(&output(
        bin().args(["sandbox", "serve", "--port", &port]),
        LIMIT,
    ));
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "error: port {port} on 127.0.0.1 is taken: choose another with --port, or --port 0 for a free one\n"
        )
    );

    // A restart from the same file has the domain and the money.
    let _ = server.child.kill();
    let _ = server.child.wait();
    let again = serve(&["--state", state.to_str().unwrap(), "--quiet"]);
    let (code, out, _) = cli(&again.url, &["domainGetInfo", "--domain", "served-one.com"]);
    assert_eq!(code, 0, "{out}");
    let (_, out, _) = cli(&again.url, &["clientGetBalance"]);
    assert!(out.contains("1490.00"), "{out}");
    assert!(
        again.log.recv_timeout(Duration::from_millis(300)).is_err(),
        "--quiet logs nothing"
    );
    drop(again);
    let _ = std::fs::remove_dir_all(&dir);
}

fn domaincontext_state(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn serve_takes_its_connection_limits_from_flags() {
    // A connection that sends half a request head is closed after --header-timeout; the
    // (max_connections + 1)th connection is not served until one closes.
    let served = serve(&[
        "--quiet",
        "--header-timeout",
        "0.3",
        "--max-connections",
        "2",
    ]);
    let addr = served
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let started = std::time::Instant::now();
    let mut half = std::net::TcpStream::connect(&addr).unwrap();
    half.write_all(b"POST /domainsCheck HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    half.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = Vec::new();
    let _ = half.read_to_end(&mut buf);
    let closed_after = started.elapsed();
    assert!(
        closed_after >= Duration::from_millis(250) && closed_after < Duration::from_secs(4),
        "closed after {closed_after:?}"
    );

    // Two idle connections take both places; a third waits.
    let hold: Vec<_> = (0..2)
        .map(|_| std::net::TcpStream::connect(&addr).unwrap())
        .collect();
    let mut third = std::net::TcpStream::connect(&addr).unwrap();
    third
        .write_all(b"POST /domainsCheck HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .unwrap();
    third
        .set_read_timeout(Some(Duration::from_millis(150)))
        .unwrap();
    let mut first = [0u8; 1];
    assert!(third.read(&mut first).is_err(), "served beyond the cap");
    drop(hold);
    third
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut answer = Vec::new();
    let _ = third.read_to_end(&mut answer);
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    assert!(started.elapsed() < LIMIT);
}
