//! The sandbox from the command line: where `--sandbox` keeps its state between
//! invocations, and the `sandbox serve|reset|topup` subcommands.

use std::path::{Path, PathBuf};

use clap::ArgMatches;
use domaincontext_sandbox::{Config, Money, Running, Served, State, StateFileError};

use crate::settings::{SANDBOX_LOGIN as LOGIN, SANDBOX_PASSWORD as PASSWORD};
use crate::{OK, TRANSPORT, USAGE, escape::escape, out};

/// The variable that names the state file of `--sandbox`.
pub const STATE_ENV: &str = "DOMAINCONTEXT_SANDBOX_STATE";

/// The state file of `--sandbox`: `--sandbox-state`, else `DOMAINCONTEXT_SANDBOX_STATE`,
/// else `sandbox.json` in the user's data directory (`$XDG_DATA_HOME/domaincontext` or
/// `~/.local/share/domaincontext` on Linux).
pub fn state_path(m: &ArgMatches) -> Result<PathBuf, String> {
    if let Some(p) = m.get_one::<String>("sandbox-state") {
        return Ok(PathBuf::from(p));
    }
    match std::env::var_os(STATE_ENV) {
        Some(p) if !p.is_empty() => return Ok(PathBuf::from(p)),
        _ => {}
    }
    dirs::data_dir()
        .map(|d| d.join("domaincontext").join("sandbox.json"))
        .ok_or_else(|| {
            format!("no data directory to keep the sandbox in: give --sandbox-state FILE or set {STATE_ENV}")
        })
}

/// A state file error with its cause, for stderr.
pub fn describe(e: &StateFileError) -> String {
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

/// The state saved in `path`, or the starting data set when there is none yet.
pub fn load(path: &Path) -> Result<State, String> {
    match State::load(path) {
        Ok(state) => Ok(state.unwrap_or_default()),
        Err(e) => Err(describe(&e)),
    }
}

/// The `--sandbox` run of one command: the sandbox serving `state`, and the state it
/// started with, to save only when the call changed it.
pub struct InProcess {
    /// The running sandbox.
    pub running: Running,
    path: PathBuf,
    before: State,
}

impl InProcess {
    /// Starts the in-process sandbox with the state saved in the state file.
    pub async fn start(m: &ArgMatches) -> Result<Self, (String, u8)> {
        let path = state_path(m).map_err(|e| (e, USAGE))?;
        let before = load(&path).map_err(|e| (e, USAGE))?;
        let running = domaincontext_sandbox::start(Config::new().data(before.clone()))
            .await
            .map_err(|e| (format!("cannot start the sandbox: {e}"), TRANSPORT))?;
        Ok(Self {
            running,
            path,
            before,
        })
    }

    /// Saves the state when the call changed it; returns `status`, or the usage status
    /// when it could not be saved.
    pub async fn finish(self, status: u8) -> u8 {
        let after = self.running.state();
        self.running.shutdown().await;
        if after == self.before {
            return status;
        }
        match after.save(&self.path) {
            Ok(()) => status,
            Err(e) => {
                out::error(&format!("{} (the call was made)", describe(&e)));
                TRANSPORT
            }
        }
    }
}

/// `sandbox serve|reset|topup`.
pub async fn command(global: &ArgMatches, m: &ArgMatches) -> u8 {
    match m.subcommand() {
        Some(("serve", serve_m)) => serve(serve_m).await,
        Some(("reset", _)) => reset(global),
        Some(("topup", t)) => top_up(global, t),
        _ => USAGE,
    }
}

fn reset(global: &ArgMatches) -> u8 {
    let path = match state_path(global) {
        Ok(p) => p,
        Err(e) => {
            out::error(&e);
            return USAGE;
        }
    };
    match State::default().save(&path) {
        Ok(()) => {
            out::eprint_line(&format!(
                "the sandbox in {} is back to its starting data set",
                escape(&path.display().to_string())
            ));
            OK
        }
        Err(e) => {
            out::error(&describe(&e));
            TRANSPORT
        }
    }
}

/// The amount of a top-up: money above zero.
fn amount(text: &str) -> Result<Money, String> {
    match Money::parse(text) {
        Some(m) if m.cents() > 0 => Ok(m),
        _ => Err(format!(
            "--amount must be a sum of money above 0 such as 100 or 25.50, got {text:?}"
        )),
    }
}

fn top_up(global: &ArgMatches, m: &ArgMatches) -> u8 {
    let login = m.get_one::<String>("login").map_or(LOGIN, String::as_str);
    let checked = amount(m.get_one::<String>("amount").map_or("", String::as_str))
        .and_then(|a| state_path(global).map(|p| (a, p)))
        .and_then(|(a, p)| load(&p).map(|s| (a, p, s)));
    let (amount, path, mut state) = match checked {
        Ok(c) => c,
        Err(e) => {
            out::error(&e);
            return USAGE;
        }
    };
    let balance = match state.top_up(login, amount) {
        Ok(b) => b,
        Err(e) => {
            out::error(&e);
            return USAGE;
        }
    };
    if let Err(e) = state.save(&path) {
        out::error(&describe(&e));
        return TRANSPORT;
    }
    let answer = serde_json::json!({ "login": login, "balance": balance.to_string() });
    match out::print(&format!("{answer}\n")) {
        Ok(()) => OK,
        Err(e) => e.report(),
    }
}

/// One line of the request log: command, status, time, and the API error if any.
pub fn log_line(s: &Served) -> String {
    let outcome = match (&s.error, &s.fault) {
        (_, Some(f)) => format!("fault {f:?}"),
        (Some(e), None) => format!("error: {e}"),
        (None, None) => "ok".to_owned(),
    };
    let mut line = format!(
        "{} {} {} {outcome} {:.1} ms",
        s.method,
        if s.command.is_empty() {
            "/"
        } else {
            &s.command
        },
        s.status,
        s.elapsed.as_secs_f64() * 1000.0
    );
    if let Some(e) = &s.save_error {
        line.push_str(&format!(" (state not saved: {e})"));
    }
    escape(&line).into_owned()
}

/// `sandbox serve`: serves until Ctrl-C, its base URL on the first line of stdout, then
/// the credentials; a log line per request on stderr unless `--quiet`.
async fn serve(m: &ArgMatches) -> u8 {
    let state_file = m.get_one::<String>("state").map(PathBuf::from);
    let loaded = match (&state_file, m.get_one::<String>("data")) {
        (Some(path), _) => load(path).map(|s| Config::new().data(s).save_to(path)),
        (None, Some(data)) => Config::from_json_file(Path::new(data)),
        (None, None) => Ok(Config::new()),
    };
    let mut config = match loaded {
        Ok(c) => c,
        Err(e) => {
            out::error(&e);
            return USAGE;
        }
    };
    let port = m.get_one::<u16>("port").copied().unwrap_or(0);
    config = config.port(port);
    let header_timeout = m
        .get_one::<String>("header-timeout")
        .map_or(Ok(domaincontext_sandbox::HEADER_READ_TIMEOUT), |t| {
            crate::settings::seconds("header-timeout", t)
        });
    match header_timeout {
        Ok(t) => config = config.header_read_timeout(t),
        Err(e) => {
            out::error(&e);
            return USAGE;
        }
    }
    if let Some(&n) = m.get_one::<u32>("max-connections") {
        config = config.max_connections(usize::try_from(n).unwrap_or(usize::MAX));
    }
    if !m.get_flag("quiet") {
        config = config.on_request(|s| out::eprint_line(&log_line(s)));
    }
    let running = match domaincontext_sandbox::start(config).await {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            out::error(&format!(
                "port {port} on 127.0.0.1 is taken: choose another with --port, or --port 0 for a free one"
            ));
            return USAGE;
        }
        Err(e) => {
            out::error(&format!("cannot start the sandbox on port {port}: {e}"));
            return TRANSPORT;
        }
    };
    let banner = format!("{}\nlogin: {LOGIN}\npassword: {PASSWORD}\n", running.url());
    if let Err(e) = out::print(&banner) {
        running.shutdown().await;
        return e.report();
    }
    let _ = tokio::signal::ctrl_c().await;
    running.shutdown().await;
    OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_money_above_zero() {
        for t in ["0", "-5", "abc", "", "1.234"] {
            assert_eq!(
                amount(t).unwrap_err(),
                format!("--amount must be a sum of money above 0 such as 100 or 25.50, got {t:?}")
            );
        }
        assert_eq!(amount("25.5").unwrap().to_string(), "25.50");
    }

    #[test]
    fn log_lines_name_command_status_and_time() {
        let mut s = Served {
            method: "POST".into(),
            command: "domainGetInfo".into(),
            status: 200,
            error: None,
            fault: None,
            elapsed: std::time::Duration::from_micros(1500),
            save_error: None,
        };
        assert_eq!(log_line(&s), "POST domainGetInfo 200 ok 1.5 ms");
        s.error = Some("domain not found\u{1b}[2J".into());
        assert_eq!(
            log_line(&s),
            "POST domainGetInfo 200 error: domain not found\\u{1b}[2J 1.5 ms"
        );
    }
}
