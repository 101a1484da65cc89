//! Runs one invocation: parses it, builds the request through the generated layer, sends
//! it (or prints it, with `--dry-run`), prints the answer and picks the exit status.

use std::ffi::OsString;
use std::io::Write;
use std::time::Duration;

use clap::ArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind as ClapKind};
use domaincontext::registry::COMMANDS;
use domaincontext::{Client, ErrorKind, RateLimit, Reply, Request};

use crate::{API_ERROR, OK, TRANSPORT, USAGE, app, args, help, progress::Progress};

/// Runs the tool with these arguments (the first is the program name) and returns the
/// exit status.
pub fn main(argv: Vec<OsString>) -> u8 {
    let matches = match app::build().try_get_matches_from(argv) {
        Ok(m) => m,
        Err(e) => return clap_error(&e),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return TRANSPORT;
        }
    };
    runtime.block_on(run(&matches))
}

fn clap_error(e: &clap::Error) -> u8 {
    match e.kind() {
        ClapKind::DisplayHelp | ClapKind::DisplayVersion => {
            let _ = e.print();
            OK
        }
        ClapKind::InvalidSubcommand => {
            let name = match e.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(s)) => s.clone(),
                _ => String::new(),
            };
            eprintln!("error: {}", unknown_command(&name));
            USAGE
        }
        _ => {
            let rendered = e.render().to_string();
            let line = rendered
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("error: bad invocation");
            eprintln!("{line} (see --help)");
            USAGE
        }
    }
}

fn unknown_command(name: &str) -> String {
    let builtins = ["commands", "help", "completions", "sandbox"];
    let names = COMMANDS.iter().map(|c| c.name).chain(builtins);
    match domaincontext::rt::suggest(name, names) {
        Some(s) => format!(
            "unknown command `{name}` (did you mean `{s}`?); `domaincontext commands` lists them"
        ),
        None => format!("unknown command `{name}`; `domaincontext commands` lists them"),
    }
}

async fn run(m: &ArgMatches) -> u8 {
    let Some((name, sub)) = m.subcommand() else {
        return USAGE;
    };
    match name {
        "commands" => {
            let mut out = std::io::stdout().lock();
            for c in &COMMANDS {
                let _ = writeln!(out, "{}", c.name);
            }
            OK
        }
        "help" => match sub.get_one::<String>("command") {
            None => {
                let _ = app::build().print_help();
                OK
            }
            Some(c) => match domaincontext::command(c) {
                Some(info) => {
                    print!("{}", help::command(info));
                    OK
                }
                None => {
                    eprintln!("error: {}", unknown_command(c));
                    USAGE
                }
            },
        },
        "completions" => {
            let Some(shell) = sub.get_one::<clap_complete::Shell>("shell") else {
                return USAGE;
            };
            clap_complete::generate(
                *shell,
                &mut app::build(),
                "domaincontext",
                &mut std::io::stdout(),
            );
            OK
        }
        "sandbox" => sandbox(sub).await,
        command => api_call(m, command, sub).await,
    }
}

/// `sandbox serve`: serves until stopped, its base URL on the first line of stdout.
async fn sandbox(m: &ArgMatches) -> u8 {
    let Some(("serve", serve)) = m.subcommand() else {
        return USAGE;
    };
    let mut config = match serve.get_one::<String>("data") {
        Some(path) => {
            match domaincontext_sandbox::Config::from_json_file(std::path::Path::new(path)) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {e}");
                    return USAGE;
                }
            }
        }
        None => domaincontext_sandbox::Config::new(),
    };
    config = config.port(serve.get_one::<u16>("port").copied().unwrap_or(0));
    let running = match domaincontext_sandbox::start(config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the sandbox: {e}");
            return TRANSPORT;
        }
    };
    println!("{}", running.url());
    let _ = std::io::stdout().flush();
    let _ = tokio::signal::ctrl_c().await;
    running.shutdown().await;
    OK
}

/// The settings shared by every API command.
struct Settings {
    base_url: String,
    login: String,
    password: String,
}

fn settings(m: &ArgMatches, sandbox_url: Option<&str>) -> Result<Settings, String> {
    let base_url = match (
        sandbox_url,
        m.get_one::<String>("base-url"),
        m.get_flag("demo"),
    ) {
        (Some(url), _, _) => url.to_owned(),
        (None, Some(url), false) => url.clone(),
        (None, None, true) => domaincontext::DEMO.to_owned(),
        (None, None, false) => domaincontext::PRODUCTION.to_owned(),
        (None, Some(_), true) => return Err("--base-url and --demo are exclusive".to_owned()),
    };
    let login = m
        .get_one::<String>("login")
        .cloned()
        .or_else(|| std::env::var("DOMAINCONTEXT_LOGIN").ok());
    let password = match (
        m.get_one::<String>("password"),
        m.get_one::<String>("password-file"),
    ) {
        (Some(_), Some(_)) => return Err("--password and --password-file are exclusive".to_owned()),
        (Some(p), None) => Some(p.clone()),
        (None, Some(file)) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read --password-file {file}: {e}"))?;
            Some(text.lines().next().unwrap_or_default().to_owned())
        }
        (None, None) => std::env::var("DOMAINCONTEXT_PASSWORD").ok(),
    };
    let (login, password) = match (login, password, sandbox_url.is_some()) {
        (Some(l), Some(p), _) => (l, p),
        (l, p, true) => (
            l.unwrap_or_else(|| "demo".to_owned()),
            p.unwrap_or_else(|| "demo".to_owned()),
        ),
        (l, p, false) if m.get_flag("dry-run") => (l.unwrap_or_default(), p.unwrap_or_default()),
        (None, _, false) => {
            return Err("no login: give --login or set DOMAINCONTEXT_LOGIN".to_owned());
        }
        (_, None, false) => {
            return Err(
                "no password: give --password-file, --password or set DOMAINCONTEXT_PASSWORD"
                    .to_owned(),
            );
        }
    };
    Ok(Settings {
        base_url,
        login,
        password,
    })
}

fn seconds(m: &ArgMatches, name: &str) -> Result<Option<Duration>, String> {
    match m.get_one::<String>(name) {
        None => Ok(None),
        Some(s) => match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 && v < 1e9 => Ok(Some(Duration::from_secs_f64(v))),
            _ => Err(format!(
                "--{name} must be a positive number of seconds, got {s:?}"
            )),
        },
    }
}

fn client(m: &ArgMatches, s: &Settings) -> Result<Client, String> {
    let mut b = Client::builder()
        .base_url(&s.base_url)
        .credentials(&s.login, &s.password);
    if m.get_flag("get") {
        b = b.method(domaincontext::Method::Get);
    }
    if let Some(t) = seconds(m, "timeout")? {
        b = b.timeout(t);
    }
    if let Some(t) = seconds(m, "connect-timeout")? {
        b = b.connect_timeout(t);
    }
    if let Some(r) = m.get_one::<String>("rate") {
        match r.parse::<f64>() {
            Ok(0.0) => b = b.rate_limit(None),
            Ok(v) if v.is_finite() && v > 0.0 => {
                b = b.rate_limit(Some(RateLimit {
                    per_second: v,
                    burst: (v.ceil() as u32).max(1),
                }))
            }
            _ => {
                return Err(format!(
                    "--rate must be a number of requests a second, got {r:?}"
                ));
            }
        }
    }
    b.build().map_err(|e| e.to_string())
}

async fn api_call(m: &ArgMatches, command: &str, sub: &ArgMatches) -> u8 {
    let Some(info) = domaincontext::command(command) else {
        eprintln!("error: {}", unknown_command(command));
        return USAGE;
    };
    let request = match args::collect(info, sub)
        .and_then(|v| Request::from_args(command, &v).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e} (nothing was sent)");
            return USAGE;
        }
    };
    let sandbox = if m.get_flag("sandbox") {
        match start_sandbox().await {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("error: cannot start the sandbox: {e}");
                return TRANSPORT;
            }
        }
    } else {
        None
    };
    let settings = match settings(m, sandbox.as_ref().map(|s| s.url())) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let client = match client(m, &settings) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    if m.get_flag("dry-run") {
        return match client.prepare(&request) {
            Ok(p) => {
                print!("{p}");
                OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                USAGE
            }
        };
    }
    let progress = Progress::start(info.name, info.long);
    let result = client.call(&request).await;
    drop(progress);
    match result {
        Ok(reply) => print_reply(&reply),
        Err(e) => {
            eprintln!("error: {e}");
            match e.kind() {
                ErrorKind::Api => API_ERROR,
                ErrorKind::Validation | ErrorKind::Config => USAGE,
                _ => TRANSPORT,
            }
        }
    }
}

fn print_reply(reply: &Reply) -> u8 {
    let text =
        serde_json::to_string_pretty(reply.raw()).unwrap_or_else(|_| reply.raw().to_string());
    println!("{text}");
    match reply {
        Reply::Bulk(b) if !b.is_ok() => {
            let failed: Vec<String> = b
                .failed()
                .filter_map(|i| {
                    i.result
                        .as_ref()
                        .err()
                        .map(|e| format!("{}: {}", i.key, e.message()))
                })
                .collect();
            let top = b
                .error()
                .map(|e| format!("{}; ", e.message()))
                .unwrap_or_default();
            eprintln!(
                "error: {top}{} of {} items failed: {}",
                failed.len(),
                b.items().len(),
                failed.join("; ")
            );
            API_ERROR
        }
        _ => OK,
    }
}

/// `--sandbox`: the simulator in this process, on a free loopback port.
async fn start_sandbox() -> Result<domaincontext_sandbox::Running, String> {
    domaincontext_sandbox::start(domaincontext_sandbox::Config::new())
        .await
        .map_err(|e| e.to_string())
}
