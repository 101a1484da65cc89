//! What the workflow tests share: a sandbox served from the test process with a data set
//! of the test's choosing, the binary run against it as a hook tool or a script would, and
//! the requests the sandbox received, to count what was sent.
#![allow(dead_code)]

use std::time::Duration;

use domaincontext_sandbox::{Config, DnsRecord, Domain, LoggedRequest, Running, State};

use crate::common::{PASSWORD, against, outcome, output};

/// Longest a single run of the binary may take.
pub const LIMIT: Duration = Duration::from_secs(60);

/// The sandbox's starting data set, its demo account signing in with the tests' password.
pub fn state() -> State {
    let mut s = State::default();
    if let Some(demo) = s.clients.get_mut("demo") {
        demo.password = PASSWORD.to_owned();
    }
    s
}

/// A record of the sandbox's data set.
pub fn record(name: &str, kind: &str, value: &str, ttl: u64, no: Option<u64>) -> DnsRecord {
    DnsRecord {
        name: name.to_owned(),
        kind: kind.to_owned(),
        value: value.to_owned(),
        no,
        ttl,
    }
}

/// A domain of `demo` expiring on `expires`.
pub fn domain(id: u64, name: &str, expires: &str) -> Domain {
    let mut d = Domain::new(id, name, name.rsplit('.').next().unwrap_or("com"), "demo");
    d.expires = expires.to_owned();
    d.created_date = "2024-01-01".to_owned();
    d.updated_date = "2024-01-01".to_owned();
    // Every other domain has demo's own contact; the others none (0), which the sandbox
    // answers as `null`: both must decode in the searches the workflows page through.
    if id % 2 == 0 {
        (d.registrant, d.admin, d.tech, d.billing) = (1001, 1001, 1001, 1001);
    }
    d
}

/// A sandbox served on loopback by a runtime of the test's own.
pub struct Served {
    rt: tokio::runtime::Runtime,
    running: Option<Running>,
    url: String,
}

impl Served {
    /// Serves `state`.
    pub fn start(state: State) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let running = rt
            .block_on(domaincontext_sandbox::start(Config::new().data(state)))
            .unwrap();
        let url = running.url().to_owned();
        Self {
            rt,
            running: Some(running),
            url,
        }
    }

    fn running(&self) -> &Running {
        self.running.as_ref().unwrap()
    }

    /// Runs the binary against the sandbox: exit code, stdout, stderr.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_env(args, &[])
    }

    /// As [`Served::run`], with variables set in its environment.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let mut c = against(&self.url);
        c.args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        outcome(&output(&mut c, LIMIT))
    }

    /// The sandbox's state now.
    pub fn state(&self) -> State {
        self.running().state()
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.running().requests()
    }

    /// The requests of `command` received so far.
    pub fn sent(&self, command: &str) -> Vec<LoggedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.command == command)
            .collect()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(r) = self.running.take() {
            self.rt.block_on(r.shutdown());
        }
    }
}

/// A temporary directory of the test's own.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dc-flows-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
