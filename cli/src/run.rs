//! Runs one invocation: parses it, answers the built-in subcommands (`commands`, `help`,
//! `completions`, `sandbox`) and hands API commands to [`crate::call`].

use std::ffi::OsString;

use clap::ArgMatches;
use clap::error::{ContextKind, ContextValue, ErrorKind as ClapKind};
use domaincontext::registry::COMMANDS;

use crate::escape::escape;
use crate::{OK, TRANSPORT, USAGE, app, call, help, out, sandbox};

/// Runs the tool with these arguments (the first is the program name) and returns the
/// exit status.
pub fn main(argv: Vec<OsString>) -> u8 {
    let matches = match app::build().try_get_matches_from(&argv) {
        Ok(m) => m,
        Err(e) => return clap_error(&e, &argv),
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

/// Writes clap's whole message on stderr, each line escaped (it quotes what was typed).
fn eprint_block(text: &str) {
    for line in text.trim_end().lines() {
        out::eprint_line(&escape(line));
    }
}

fn clap_error(e: &clap::Error, argv: &[OsString]) -> u8 {
    match e.kind() {
        // Rendered to text first and written by us: clap's own printing would not
        // survive a closed stdout.
        ClapKind::DisplayHelp | ClapKind::DisplayVersion => print(&e.render().to_string(), OK),
        ClapKind::InvalidSubcommand => {
            let name = match e.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(s)) => s.clone(),
                _ => String::new(),
            };
            out::error(&crate::help::unknown_command(&name));
            USAGE
        }
        _ => {
            let rendered = e.render().to_string();
            eprint_block(&rendered);
            if let Some(hint) = global_after_command(e, argv) {
                out::eprint_line(&escape(&hint));
            }
            USAGE
        }
    }
}

/// The hint for a global option written after the command, which clap took for an
/// unknown argument of the command.
fn global_after_command(e: &clap::Error, argv: &[OsString]) -> Option<String> {
    if e.kind() != ClapKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let name = arg.strip_prefix("--")?.split('=').next()?;
    let short = match arg.as_str() {
        "-o" => Some("output"),
        "-q" => Some("quiet"),
        _ => None,
    };
    let name = short.unwrap_or(name);
    if !app::GLOBALS.contains(&name) {
        return None;
    }
    let app = app::build();
    let command = argv
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| app.find_subcommand(a).is_some())?;
    let global = app.get_arguments().find(|a| a.get_id() == name)?;
    let value = global
        .get_value_names()
        .and_then(|v| v.first())
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    Some(format!(
        "hint: global options go before the command: domaincontext --{name}{value} {command} ..."
    ))
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
        "help" => {
            let words: Vec<&String> = sub
                .get_many::<String>("command")
                .into_iter()
                .flatten()
                .collect();
            match words.first() {
                None => print(&app::build().render_help().to_string(), OK),
                Some(c) => match domaincontext::command(c) {
                    Some(info) => print(&help::command(info), OK),
                    None if app::build().find_subcommand(c.as_str()).is_some() => {
                        // A built-in: exactly what `<words> --help` prints.
                        let argv = std::iter::once("domaincontext")
                            .chain(words.iter().map(|w| w.as_str()))
                            .chain(std::iter::once("--help"));
                        match app::build().try_get_matches_from(argv) {
                            Err(e) => clap_error(&e, &[]),
                            Ok(_) => USAGE,
                        }
                    }
                    None => {
                        out::error(&crate::help::unknown_command(c));
                        USAGE
                    }
                },
            }
        }
        "completions" => {
            let Some(shell) = sub.get_one::<clap_complete::Shell>("shell") else {
                return USAGE;
            };
            // Generated into memory, then written: `generate` panics on a write error.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut app::build(), "domaincontext", &mut script);
            print(&String::from_utf8_lossy(&script), OK)
        }
        "sandbox" => sandbox::command(m, sub).await,
        "dns" => crate::dns::run(m, sub).await,
        "domains" => crate::portfolio::run(m, sub).await,
        "acme" => crate::acme::run(m, sub).await,
        command => {
            if sub.get_flag("help") {
                return match domaincontext::command(command) {
                    Some(info) => print(&help::command(info), OK),
                    None => USAGE,
                };
            }
            call::api_call(m, command, sub).await
        }
    }
}
