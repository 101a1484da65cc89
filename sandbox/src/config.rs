//! How a sandbox starts: its data set, its faults and its port; and what its observer is
//! told of each answered request (`Served`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::fault::{Fault, FaultKind};
use crate::state::State;

/// How long a connection may take to send a request's header, by default.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How many connections are served at once, by default.
pub const MAX_CONNECTIONS: usize = 1024;

/// The settings of a sandbox. The default is the documented data set, no faults, a free
/// port, a header read timeout of [`HEADER_READ_TIMEOUT`] and at most [`MAX_CONNECTIONS`]
/// connections.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) data: State,
    pub(crate) faults: Vec<Fault>,
    pub(crate) port: u16,
    pub(crate) header_read_timeout: Duration,
    pub(crate) max_connections: usize,
    pub(crate) save_to: Option<PathBuf>,
    pub(crate) observer: Option<Observer>,
}

/// Called once a request has been answered (see [`Config::on_request`]).
#[derive(Clone)]
pub(crate) struct Observer(pub(crate) Arc<dyn Fn(&Served) + Send + Sync>);

impl std::fmt::Debug for Observer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Observer")
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data: State::default(),
            faults: Vec::new(),
            port: 0,
            header_read_timeout: HEADER_READ_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            save_to: None,
            observer: None,
        }
    }
}

impl Config {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The port to listen on, on 127.0.0.1; 0 picks a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// How long a connection may take to send a whole request header (also the first one,
    /// and the next one on a kept-alive connection); after it the connection is closed.
    /// A zero duration is taken as one millisecond.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// How many connections are served at once (at least 1). Beyond it new connections
    /// are not refused: they wait, unanswered, in the listener's queue until a served one
    /// closes.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// Saves the state to `path` (see [`State::save`]) after every answered call of a
    /// command that changes state, and after a top-up, before the answer is sent. A save
    /// that fails is reported in [`Served::save_error`]; the call's answer stands.
    pub fn save_to(mut self, path: impl Into<PathBuf>) -> Self {
        self.save_to = Some(path.into());
        self
    }

    /// Calls `f` once each request has been answered: a request log for people (command,
    /// status, time; never an argument).
    pub fn on_request(mut self, f: impl Fn(&Served) + Send + Sync + 'static) -> Self {
        self.observer = Some(Observer(Arc::new(f)));
        self
    }

    /// Faults in force from the start.
    pub fn faults(mut self, faults: Vec<Fault>) -> Self {
        self.faults = faults;
        self
    }

    /// The data set to start with, instead of the default one.
    pub fn data(mut self, data: State) -> Self {
        self.data = data;
        self
    }

    /// Adds `n` generated domains of the demo account to the data set (`page-00001.com`,
    /// `page-00002.com`...; ids from 5,600,001): enough rows to page a search through.
    pub fn generated_domains(mut self, n: usize) -> Self {
        crate::seed::add_domains(&mut self.data, n);
        self
    }

    /// The default settings with the data set of a JSON file: a serialised [`State`], as
    /// `serde_json::to_string(&running.state())` writes it.
    pub fn from_json_file(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let data: State = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a sandbox data set: {e}", path.display()))?;
        Ok(Self::new().data(data))
    }
}

/// What [`crate::Config::on_request`] is told of a request once it is answered: no
/// argument, so no secret.
#[derive(Clone, Debug, PartialEq)]
pub struct Served {
    /// `GET` or `POST` (or whatever else was sent).
    pub method: String,
    /// The command named by the path (as sent: it may be any text).
    pub command: String,
    /// The HTTP status answered.
    pub status: u16,
    /// The answer's top-level `_error`, when it has one.
    pub error: Option<String>,
    /// The fault applied, if any.
    pub fault: Option<FaultKind>,
    /// How long the answer took.
    pub elapsed: Duration,
    /// Why the state could not be saved after this call (see [`crate::Config::save_to`]).
    pub save_error: Option<String>,
}
