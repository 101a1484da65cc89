//! A small recording HTTP server on 127.0.0.1 for the integration tests: it keeps every
//! request it receives and answers each with what the test's closure says, including
//! faults (a delay, a dropped connection, raw bytes).

pub mod hostile;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as received.
#[derive(Clone, Debug)]
pub struct Received {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string.
    pub query: String,
    /// The raw body.
    pub body: String,
}

impl Received {
    /// The decoded parameters of the query and the form body.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut p = domaincontext::form::decode(&self.query);
        p.extend(domaincontext::form::decode(&self.body));
        p
    }

    /// The parameters without the credentials.
    pub fn args(&self) -> Vec<(String, String)> {
        self.params()
            .into_iter()
            .filter(|(k, _)| k != "auth_login" && k != "auth_password")
            .collect()
    }

    /// The command: the path without its leading `/`.
    pub fn command(&self) -> &str {
        self.path.trim_start_matches('/')
    }
}

/// What the server does with a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Status and body.
    Body(u16, String),
    /// Raw bytes written as the whole response.
    Raw(Vec<u8>),
    /// Wait, then reply.
    Delay(Duration, Box<Reply>),
    /// Close the connection without answering.
    Drop,
}

impl Reply {
    /// A 200 answer with this body.
    pub fn json(body: &str) -> Self {
        Reply::Body(200, body.to_owned())
    }
}

/// A recording server; stops when dropped.
pub struct Server {
    /// Its base URL, `http://127.0.0.1:PORT`.
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Starts a server answering every request with `reply(request)`.
    pub async fn start(reply: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let reply = Arc::new(reply);
        let rec = received.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (rec, reply) = (rec.clone(), reply.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, rec, reply).await;
                });
            }
        });
        Server {
            url,
            received,
            task,
        }
    }

    /// Answers every request with this JSON body.
    pub async fn answering(body: &'static str) -> Server {
        Self::start(move |_| Reply::json(body)).await
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// A client for this server: demo credentials, no rate limit, no retries.
    pub fn client(&self) -> domaincontext::Client {
        domaincontext::Client::builder()
            .base_url(&self.url)
            .credentials("demo", "s3cr3t-pa55")
            .rate_limit(None)
            .retry(domaincontext::RetryPolicy::NONE)
            .build()
            .expect("client")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    rec: Arc<Mutex<Vec<Received>>>,
    reply: Arc<dyn Fn(&Received) -> Reply + Send + Sync>,
) -> std::io::Result<()> {
    loop {
        let mut buf = Vec::new();
        let head_end = loop {
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        let mut lines = head.lines();
        let mut first = lines.next().unwrap_or_default().split(' ');
        let method = first.next().unwrap_or_default().to_owned();
        let target = first.next().unwrap_or_default().to_owned();
        let length: usize = lines
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(0);
        let mut body = buf[head_end..].to_vec();
        while body.len() < length {
            let mut chunk = vec![0u8; length - body.len()];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            body.extend_from_slice(&chunk[..n]);
        }
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let received = Received {
            method,
            path: path.to_owned(),
            query: query.to_owned(),
            body: String::from_utf8_lossy(&body).to_string(),
        };
        rec.lock().expect("lock").push(received.clone());
        let mut r = reply(&received);
        loop {
            match r {
                Reply::Delay(d, inner) => {
                    tokio::time::sleep(d).await;
                    r = *inner;
                }
                Reply::Drop => return Ok(()),
                Reply::Raw(bytes) => {
                    stream.write_all(&bytes).await?;
                    return Ok(());
                }
                Reply::Body(status, body) => {
                    let response = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    stream.write_all(response.as_bytes()).await?;
                    break;
                }
            }
        }
    }
}

impl Server {
    /// A client for a server that is not there: for `prepare`, which sends nothing.
    pub fn offline_client() -> domaincontext::Client {
        domaincontext::Client::builder()
            .base_url("http://127.0.0.1:9")
            .credentials("demo", "s3cr3t-pa55")
            .build()
            .expect("client")
    }
}
