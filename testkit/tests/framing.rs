//! The recording server reads a request body however it is framed: by `content-length`
//! or chunked (the raw server it replaced read only the former, and took the chunks for
//! the next request).

use std::io::{Read, Write};

use domaincontext_testkit::Server;

/// Sends `request` on a fresh connection and returns the whole response.
fn send(url: &str, request: &str) -> String {
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    // A server that misreads the framing never closes: fail instead of hanging.
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_are_read_by_length_and_chunked() {
    let server = Server::answering("true").await;
    let url = server.url.clone();
    let cases = [
        (
            "POST /domainsCheck HTTP/1.1\r\nhost: x\r\ncontent-length: 14\r\nconnection: close\r\n\r\ndomains=a.com&",
            "domains=a.com&",
        ),
        (
            "POST /domainsCheck HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n8\r\ndomains=\r\n5\r\na.com\r\n0\r\n\r\n",
            "domains=a.com",
        ),
    ];
    let mut checked = 0;
    for (request, body) in cases {
        let request = request.to_owned();
        let u = url.clone();
        let response = tokio::task::spawn_blocking(move || send(&u, &request))
            .await
            .unwrap();
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.ends_with("true"), "{response}");
        let received = server.received();
        assert_eq!(received.len(), checked + 1, "one request per connection");
        assert_eq!(received[checked].body, body);
        assert_eq!(received[checked].command(), "domainsCheck");
        checked += 1;
    }
    assert_eq!(checked, 2);
}
