//! Runs one invocation: parses it, answers the built-in subcommands (`commands`, `help`,
//! `completions`, `sandbox`) and hands API commands to [`crate::call`].

use std::ffi::OsString;

use clap::ArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind as ClapKind};
use domaincontext::registry::COMMANDS;

use crate::{OK, TRANSPORT, USAGE, app, call, help, out};

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
            out::error(&format!("cannot start the async runtime: {e}"));
            return TRANSPORT;
        }
    };
    runtime.block_on(run(&matches))
}

/// Prints `text` on stdout and returns `status`, or the status of a failed write.
fn print(text: &str, status: u8) -> u8 {
    match out::print(text) {
        Ok(()) => status,
        Err(e) => e.report(),
    }
}

fn clap_error(e: &clap::Error) -> u8 {
    match e.kind() {
        // Rendered to text first and written by us: clap's own printing would not
        // survive a closed stdout.
        ClapKind::DisplayHelp | ClapKind::DisplayVersion => print(&e.render().to_string(), OK),
        ClapKind::InvalidSubcommand => {
            let name = match e.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(s)) => s.clone(),
                _ => String::new(),
            };
            out::error(&unknown_command(&name));
            USAGE
        }
        _ => {
            let rendered = e.render().to_string();
            let line = rendered
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("error: bad invocation");
            let line = line.strip_prefix("error: ").unwrap_or(line);
            out::error(&format!("{line} (see --help)"));
            USAGE
        }
    }
}

/// The error for an unknown command, with a suggestion when one is close.
pub fn unknown_command(name: &str) -> String {
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
            let mut list = String::new();
            for c in &COMMANDS {
                list.push_str(c.name);
                list.push('\n');
            }
            print(&list, OK)
        }
        "help" => match sub.get_one::<String>("command") {
            None => print(&app::build().render_help().to_string(), OK),
            Some(c) => match domaincontext::command(c) {
                Some(info) => print(&help::command(info), OK),
                None => {
                    out::error(&unknown_command(c));
                    USAGE
                }
            },
        },
        "completions" => {
            let Some(shell) = sub.get_one::<clap_complete::Shell>("shell") else {
                return USAGE;
            };
            // Generated into memory, then written: `generate` panics on a write error.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut app::build(), "domaincontext", &mut script);
            print(&String::from_utf8_lossy(&script), OK)
        }
        "sandbox" => sandbox(sub).await,
        command => call::api_call(m, command, sub).await,
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
                    out::error(&e.to_string());
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
            out::error(&format!("cannot start the sandbox: {e}"));
            return TRANSPORT;
        }
    };
    if let Err(e) = out::print(&format!("{}\n", running.url())) {
        running.shutdown().await;
        return e.report();
    }
    let _ = tokio::signal::ctrl_c().await;
    running.shutdown().await;
    OK
}
