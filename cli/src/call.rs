//! One API command from the command line: its arguments checked, the client built, the
//! request sent (or printed, with `--dry-run`) while Ctrl-C is watched, the answer printed.

use clap::ArgMatches;
use domaincontext::{Effect, ErrorKind, Request};
use serde_json::Value;

use crate::bulk::Bulk;
use crate::format::{self, Format, Show};
use crate::input::BulkItems;
use crate::interrupt::{INTERRUPTED, Interrupt};
use crate::progress::Progress;
use crate::sandbox::InProcess;
use crate::{API_ERROR, OK, TRANSPORT, USAGE, args, out, settings};

/// The arguments of a command, parsed.
enum Parsed {
    One(Box<Request>, Value),
    Many(Bulk),
    /// `--all`: the arguments, and the rows of a page.
    All(Value, u32),
}

/// Runs API command `command` with its flags `sub`; `m` holds the global options.
pub async fn api_call(m: &ArgMatches, command: &str, sub: &ArgMatches) -> u8 {
    let Some(info) = domaincontext::command(command) else {
        out::error(&crate::help::unknown_command(command));
        return USAGE;
    };
    if sub.get_flag("all") && !crate::all::pages(info) {
        out::error(&format!(
            "--all pages through a search with limit and page; {command} has no pages (nothing was sent)"
        ));
        return USAGE;
    }
    let checked = settings::limits(m).and_then(|limits| {
        let json_limit = settings::json_limit(m)?;
        let chunk_size = settings::chunk_size(m)?;
        Ok((limits, json_limit, chunk_size))
    });
    let (limits, json_limit, chunk_size) = match checked {
        Ok(c) => c,
        Err(e) => {
            out::error(&format!("{e} (nothing was sent)"));
            return USAGE;
        }
    };
    let show = Show {
        format: m
            .get_one::<String>("output")
            .and_then(|f| Format::parse(f))
            .unwrap_or(Format::Json),
        quiet: m.get_flag("quiet"),
    };
    let parsed = if info.bulk_of.is_some() {
        let source = sub
            .get_one::<String>("json")
            .or_else(|| sub.get_one::<String>("items-file"))
            .map(|s| match sub.get_one::<String>("items-file") {
                // `--items-file F` reads as `--json @F` does; `-` is standard input.
                Some(f) if f != "-" => format!("@{f}"),
                _ => s.clone(),
            });
        let items = match source {
            Some(source) => BulkItems::read(&source, json_limit),
            None => Ok(BulkItems::none()),
        };
        items
            .and_then(|items| Bulk::new(info, items, chunk_size))
            .map(Parsed::Many)
    } else {
        // The arguments are the request's serde form: its `Deserialize` validates them,
        // and a refusal's text names the command and the argument.
        args::collect(info, sub, json_limit).and_then(|v| {
            Request::deserialize_args(command, &v)
                .map(|r| Parsed::One(Box::new(r), v))
                .map_err(|e| e.to_string())
        })
    };
    let parsed = match parsed {
        Ok(Parsed::One(_, args)) if sub.get_flag("all") => {
            crate::all::page_size(info, &args, show).map(|size| Parsed::All(args, size))
        }
        other => other,
    };
    let parsed = match parsed {
        Ok(p) => p,
        Err(e) => {
            out::error(&format!("{e} (nothing was sent)"));
            return USAGE;
        }
    };
    let dry_run = m.get_flag("dry-run");
    let sandbox = if m.get_flag("sandbox") {
        match InProcess::start(m).await {
            Ok(s) => Some(s),
            Err((e, status)) => {
                out::error(&e);
                return status;
            }
        }
    } else {
        None
    };
    let client = match settings::settings(m, sandbox.as_ref().map(|s| s.running.url()))
        .and_then(|s| settings::client(m, &s, &limits))
    {
        Ok(c) => c,
        Err(e) => {
            out::error(&e);
            return USAGE;
        }
    };
    let status = match parsed {
        Parsed::Many(bulk) if dry_run => bulk.dry_run(&client),
        Parsed::Many(bulk) => bulk.send(&client, show).await,
        Parsed::One(request, _) if dry_run => match client.prepare(&*request) {
            Ok(p) => match out::print(&p.to_string()) {
                Ok(()) => OK,
                Err(e) => e.report(),
            },
            Err(e) => {
                out::error(&e.to_string());
                USAGE
            }
        },
        Parsed::One(request, args) => one(&client, &request, &args, show).await,
        Parsed::All(args, size) if dry_run => {
            match crate::all::first_page(command, &args, size)
                .and_then(|r| client.prepare(&r).map_err(|e| e.to_string()))
            {
                Ok(p) => match out::print(&p.to_string()) {
                    Ok(()) => OK,
                    Err(e) => e.report(),
                },
                Err(e) => {
                    out::error(&e);
                    USAGE
                }
            }
        }
        Parsed::All(args, size) => crate::all::run(&client, command, &args, size, show).await,
    };
    match sandbox {
        Some(s) => s.finish(status).await,
        None => status,
    }
}

/// Sends a single (not bulk) command and prints its answer.
async fn one(client: &domaincontext::Client, request: &Request, args: &Value, show: Show) -> u8 {
    let info = domaincontext::Command::info(request);
    let mut interrupt = Interrupt::listen();
    let progress = Progress::start(info.name, info.long, show.quiet);
    let result = tokio::select! {
        r = client.call(request) => Some(r),
        () = interrupt.wait() => None,
    };
    drop(progress);
    match result {
        None => {
            out::error(&interrupted(info, args));
            INTERRUPTED
        }
        Some(Ok(reply)) => show.answer(&format::redact(&format::answer_text(&reply), info.hidden)),
        Some(Err(e)) => {
            out::error(&e.to_string());
            match e.kind() {
                ErrorKind::Api => API_ERROR,
                ErrorKind::Validation | ErrorKind::Config => USAGE,
                _ => TRANSPORT,
            }
        }
    }
}

/// What an interrupt leaves behind: nothing for a read-only command; for a changing one,
/// an unknown outcome, named by what the spec says identifies it: its first required
/// argument or member of an argument group ("domain or id") that was given.
fn interrupted(info: &domaincontext::CommandInfo, args: &Value) -> String {
    if info.effect == Effect::Read {
        return "interrupted".to_owned();
    }
    let command = info.name;
    let identifies = |name: &str| info.groups.iter().any(|g| g.contains(&name));
    let subject = info
        .args
        .iter()
        .filter(|a| a.required || identifies(a.name))
        // Never a secret (a transfer code), even as the subject of a message.
        .filter(|a| match a.kind {
            domaincontext::ArgKind::Type(t) => {
                domaincontext::type_info(t).is_some_and(|t| !t.secret)
            }
            _ => false,
        })
        .find_map(|a| match args.get(a.name) {
            Some(Value::String(s)) => Some(format!(" for {} {s}", a.name)),
            Some(v @ Value::Number(_)) => Some(format!(" for {} {v}", a.name)),
            _ => None,
        })
        .unwrap_or_default();
    format!(
        "interrupted: {command}{subject} was in flight; outcome unknown: it may have been carried out, check before repeating it"
    )
}
