//! A hostile HTTP server on 127.0.0.1: each connection follows a script of raw socket
//! steps (close early, half a head, never answer, a slow drip, a wrong length, broken
//! chunks, huge bodies...), so that tests can see what the client makes of each.
//!
//! Raw sockets on purpose: an HTTP library writes only well-formed HTTP, and these are the
//! answers no library would write. Well-formed answers come from [`crate::Server`].

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// The longest a connection is kept by [`Step::Hang`] or a request read: every test ends.
const HOLD_AT_MOST: Duration = Duration::from_secs(30);

/// One step of a connection's script.
#[derive(Clone, Debug)]
pub enum Step {
    /// Read one request (its head, then its body by `Content-Length`) and record it.
    ReadRequest,
    /// Write these bytes.
    Write(Vec<u8>),
    /// Write these bytes in pieces of `piece` bytes with a pause after each.
    Drip {
        /// The bytes.
        bytes: Vec<u8>,
        /// Bytes a piece (at least 1).
        piece: usize,
        /// The pause after each piece.
        pause: Duration,
    },
    /// Wait.
    Sleep(Duration),
    /// Keep the connection open, saying nothing, until the client closes it.
    Hang,
}

/// What the server does with one connection: its steps, then it closes.
#[derive(Clone, Debug, Default)]
pub struct Script(pub Vec<Step>);

impl Script {
    /// Reads the request, then answers with `status` and `body` (a correct length).
    pub fn answer(status: u16, body: impl AsRef<[u8]>) -> Script {
        Script::raw(response(status, &[], body.as_ref()))
    }

    /// Reads the request, then answers 200 with this JSON text.
    pub fn json(body: &str) -> Script {
        Script::answer(200, body)
    }

    /// Reads the request, then writes exactly these bytes and closes.
    pub fn raw(bytes: impl Into<Vec<u8>>) -> Script {
        Script(vec![Step::ReadRequest, Step::Write(bytes.into())])
    }

    /// Closes the connection as soon as it is accepted, reading nothing.
    pub fn close_at_once() -> Script {
        Script(Vec::new())
    }

    /// Reads the request and closes without a byte of answer.
    pub fn close_after_request() -> Script {
        Script(vec![Step::ReadRequest])
    }

    /// Reads the request and never answers.
    pub fn never_answer() -> Script {
        Script(vec![Step::ReadRequest, Step::Hang])
    }

    /// Accepts the connection and never reads nor answers.
    pub fn silent() -> Script {
        Script(vec![Step::Hang])
    }

    /// Waits, then follows `then`.
    pub fn after(delay: Duration, then: Script) -> Script {
        let mut steps = vec![Step::Sleep(delay)];
        steps.extend(then.0);
        Script(steps)
    }

    /// Reads the request, then writes the whole answer in pieces with pauses.
    pub fn drip(status: u16, body: &str, piece: usize, pause: Duration) -> Script {
        Script(vec![
            Step::ReadRequest,
            Step::Drip {
                bytes: response(status, &[], body.as_bytes()),
                piece,
                pause,
            },
        ])
    }
}

/// An HTTP/1.1 answer with a correct `content-length` and these extra header lines.
pub fn response(status: u16, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n");
    for h in headers {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// A running hostile server; stops (with every connection) when dropped.
pub struct Hostile {
    /// Its base URL, `http://127.0.0.1:PORT`.
    pub url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Hostile {
    /// Starts a server whose `n`-th connection (from 0) follows `scripts[n]`; connections
    /// past the end follow the last script (none at all: they are closed at once).
    pub async fn start(scripts: Vec<Script>) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (count, seen) = (connections.clone(), requests.clone());
        let task = tokio::spawn(async move {
            // Owned by this task, so that aborting it ends every connection too.
            let mut open = JoinSet::new();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let n = count.fetch_add(1, Ordering::SeqCst);
                let script = scripts
                    .get(n)
                    .or_else(|| scripts.last())
                    .cloned()
                    .unwrap_or_default();
                let seen = seen.clone();
                open.spawn(async move {
                    let _ = tokio::time::timeout(HOLD_AT_MOST, play(stream, script, seen)).await;
                });
                while open.try_join_next().is_some() {}
            }
        });
        Hostile {
            url,
            connections,
            requests,
            task,
        }
    }

    /// Starts a server that follows `script` on every connection.
    pub async fn always(script: Script) -> Hostile {
        Self::start(vec![script]).await
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The requests read so far, each as its head and body (lossy UTF-8).
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }

    /// A base URL on 127.0.0.1 where nothing listens: connecting is refused.
    pub async fn refused_url() -> String {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        drop(listener);
        format!("http://{addr}")
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn play(
    mut stream: TcpStream,
    script: Script,
    seen: Arc<Mutex<Vec<String>>>,
) -> std::io::Result<()> {
    for step in script.0 {
        match step {
            Step::ReadRequest => {
                let request = read_request(&mut stream).await?;
                seen.lock().expect("lock").push(request);
            }
            Step::Write(bytes) => stream.write_all(&bytes).await?,
            Step::Drip {
                bytes,
                piece,
                pause,
            } => {
                for part in bytes.chunks(piece.max(1)) {
                    stream.write_all(part).await?;
                    stream.flush().await?;
                    tokio::time::sleep(pause).await;
                }
            }
            Step::Sleep(d) => tokio::time::sleep(d).await,
            Step::Hang => {
                // Until the client closes (a read of 0) or the hold limit ends it.
                let mut sink = [0u8; 1024];
                while stream.read(&mut sink).await? > 0 {}
            }
        }
    }
    stream.shutdown().await
}

/// Reads one request: the head up to its blank line, then `Content-Length` bytes.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let mut chunk = vec![0u8; head_end + length - buf.len()];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(String::from_utf8_lossy(&buf).to_string())
}
