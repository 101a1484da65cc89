//! Slow and greedy clients are bounded: a connection that sends half a request header is
//! closed after the header read timeout, and connections beyond the cap wait, unserved,
//! until a served one closes.

use std::time::{Duration, Instant};

use domaincontext_sandbox::{Config, Running};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start(config: Config) -> Running {
    domaincontext_sandbox::start(config)
        .await
        .expect("the sandbox starts")
}

fn addr(running: &Running) -> String {
    running.url().trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection; `None` if it is still open after `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Vec<u8>> {
    let mut got = Vec::new();
    let read = async {
        let mut buf = [0u8; 1024];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(limit, read).await.ok()?;
    Some(got)
}

/// A whole request of `domainsCheck`, with the demo credentials.
fn request() -> Vec<u8> {
    let body = "auth_login=demo&auth_password=demo&domains=test.com";
    format!(
        "POST /domainsCheck HTTP/1.1\r\nhost: 127.0.0.1\r\n\
         content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The first bytes of an answer on `stream`, if any arrive within `limit`.
async fn answer_within(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut buf = [0u8; 4096];
    match tokio::time::timeout(limit, stream.read(&mut buf)).await {
        Ok(Ok(n)) if n > 0 => Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
        _ => None,
    }
}

#[tokio::test]
async fn half_sent_headers_are_closed_after_the_timeout() {
    const N: usize = 50;
    let timeout = Duration::from_millis(300);
    let sandbox = start(Config::new().header_read_timeout(timeout)).await;
    let started = Instant::now();
    let mut streams = Vec::with_capacity(N);
    for _ in 0..N {
        let mut s = TcpStream::connect(addr(&sandbox)).await.unwrap();
        // The request line and one header, never the blank line that ends the header.
        s.write_all(b"POST /domainsCheck HTTP/1.1\r\nhost: 127.0.0.1\r\n")
            .await
            .unwrap();
        streams.push(s);
    }
    let mut closed = 0;
    for s in &mut streams {
        // Generous against a busy machine, far below "never".
        let got = closed_within(s, Duration::from_secs(5)).await;
        assert!(
            got.is_some(),
            "connection {closed} still open after {:?}",
            started.elapsed()
        );
        closed += 1;
    }
    let elapsed = started.elapsed();
    assert_eq!(closed, N);
    assert!(elapsed >= timeout, "closed before the timeout: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");

    // A whole request on a fresh connection is still served.
    let mut s = TcpStream::connect(addr(&sandbox)).await.unwrap();
    s.write_all(&request()).await.unwrap();
    let answer = answer_within(&mut s, Duration::from_secs(5)).await;
    assert!(
        answer
            .as_deref()
            .is_some_and(|a| a.starts_with("HTTP/1.1 200")),
        "{answer:?}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    const CAP: usize = 8;
    let sandbox = start(
        Config::new()
            .max_connections(CAP)
            .header_read_timeout(Duration::from_secs(60)),
    )
    .await;
    // CAP connections, each served once (so each holds its place), then kept open idle.
    let mut held = Vec::with_capacity(CAP);
    for i in 0..CAP {
        let mut s = TcpStream::connect(addr(&sandbox)).await.unwrap();
        s.write_all(&request()).await.unwrap();
        let answer = answer_within(&mut s, Duration::from_secs(5)).await;
        assert!(
            answer
                .as_deref()
                .is_some_and(|a| a.starts_with("HTTP/1.1 200")),
            "connection {i}: {answer:?}"
        );
        held.push(s);
    }
    assert_eq!(held.len(), CAP);

    // One more: the connect succeeds (the listener's queue) but nothing answers it.
    let mut extra = TcpStream::connect(addr(&sandbox)).await.unwrap();
    extra.write_all(&request()).await.unwrap();
    let early = answer_within(&mut extra, Duration::from_millis(700)).await;
    assert_eq!(early, None, "served beyond the cap of {CAP}");

    // One served connection closes: the waiting one is served.
    drop(held.pop());
    let answer = answer_within(&mut extra, Duration::from_secs(5)).await;
    assert!(
        answer
            .as_deref()
            .is_some_and(|a| a.starts_with("HTTP/1.1 200")),
        "{answer:?}"
    );
    sandbox.shutdown().await;
}
