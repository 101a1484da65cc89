//! What every workflow subcommand (`dns`, `domains`, `acme`) starts with: the global
//! options checked, the in-process sandbox for `--sandbox`, the client built; and what it
//! ends with: the sandbox's state saved, the exit status of a failed call.

use std::io::{BufRead, IsTerminal, Write};

use clap::ArgMatches;
use domaincontext::{Client, ErrorKind};

use crate::sandbox::InProcess;
use crate::{API_ERROR, TRANSPORT, USAGE, out, settings};

/// A workflow's client, and the sandbox it talks to under `--sandbox`.
pub struct Session {
    /// The client: endpoint, credentials, rate limiter and timeouts of the global options.
    pub client: Client,
    /// `--dry-run`: reads are sent, changes are printed instead (secrets as `***`).
    pub dry_run: bool,
    /// `--quiet`.
    pub quiet: bool,
    sandbox: Option<InProcess>,
}

impl Session {
    /// Checks the global options and builds the client; an error is reported on stderr
    /// and its exit status returned.
    pub async fn start(m: &ArgMatches) -> Result<Self, u8> {
        Self::open(m).await.map_err(|(e, status)| {
            out::error(&e);
            status
        })
    }

    async fn open(m: &ArgMatches) -> Result<Self, (String, u8)> {
        let limits = settings::limits(m).map_err(|e| (format!("{e} (nothing was sent)"), USAGE))?;
        let sandbox = if m.get_flag("sandbox") {
            Some(InProcess::start(m).await?)
        } else {
            None
        };
        let client = settings::settings(m, sandbox.as_ref().map(|s| s.running.url()))
            .and_then(|s| settings::client(m, &s, &limits))
            .map_err(|e| (e, USAGE))?;
        Ok(Self {
            client,
            dry_run: m.get_flag("dry-run"),
            quiet: m.get_flag("quiet"),
            sandbox,
        })
    }

    /// The sandbox's date under `--sandbox` (its clock is fixed), else `None`.
    pub fn sandbox_today(&self) -> Option<String> {
        self.sandbox.as_ref().map(|s| s.running.state().today)
    }

    /// Saves the sandbox's state when the run changed it; returns `status`.
    pub async fn finish(self, status: u8) -> u8 {
        match self.sandbox {
            Some(s) => s.finish(status).await,
            None => status,
        }
    }
}

/// The exit status of a failed call: 1 the API refused, 2 nothing was sent because a
/// value was invalid, 3 transport or unreadable answer.
pub fn status_of(e: &domaincontext::Error) -> u8 {
    match e.kind() {
        ErrorKind::Api => API_ERROR,
        ErrorKind::Validation | ErrorKind::Config => USAGE,
        _ => TRANSPORT,
    }
}

/// Prints a failed DNS step and gives its status: a call's by its kind, 1 for an answer
/// that names no usable domain, 2 for what was refused before anything was sent.
pub fn failed(e: &domaincontext::dns::DnsError) -> u8 {
    use domaincontext::dns::DnsError;
    out::error(&chain(e));
    match e {
        DnsError::Call { source, .. } => status_of(source),
        DnsError::NoDomain(_) | DnsError::NoZoneFor(_) => API_ERROR,
        _ => USAGE,
    }
}

/// An error and its sources on one line, each fact once: `a: b: c`.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        next = cause.source();
    }
    s
}

/// Whether the user agrees to go on: `--yes`, or "y" typed at a terminal. Without a
/// terminal (a script, CI) and without `--yes` the answer is no.
pub fn confirm(yes: bool, question: &str) -> bool {
    if yes {
        return true;
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question} [y/N] ");
    let _ = err.flush();
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes")
}

/// Prints a line on stderr unless `--quiet`.
pub fn note(quiet: bool, line: &str) {
    if !quiet {
        out::eprint_line(&crate::escape::escape(line));
    }
}

/// Reports an invalid invocation found before anything was sent: exit status 2.
pub fn refused(e: &dyn std::fmt::Display) -> u8 {
    out::error(&format!("{e} (nothing was sent)"));
    USAGE
}

/// `--dry-run`: prints `request` as it would be sent (secrets redacted), sends nothing.
pub fn print_prepared<C: domaincontext::Command>(client: &Client, request: &C) -> u8 {
    match client.prepare(request) {
        Ok(p) => match out::print(&p.to_string()) {
            Ok(()) => crate::OK,
            Err(e) => e.report(),
        },
        Err(e) => {
            out::error(&chain(&e));
            USAGE
        }
    }
}
