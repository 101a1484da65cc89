//! The clap command tree, built at run time from the generated registry: one subcommand
//! per API command, one `--<arg>` per argument, in the API's own spelling.

use clap::{Arg, ArgAction, Command};
use domaincontext::registry::COMMANDS;
use domaincontext::{ArgKind, CommandInfo};

/// The whole command tree.
pub fn build() -> Command {
    let mut app = Command::new("domaincontext")
        .about("The DomainContext reseller API at a shell: every command, validated before it is sent")
        .after_help("Arguments are given by their API names (--domains a.com,b.net), or all at once with --json.\nExit status: 0 ok, 1 API error, 2 bad invocation (nothing sent), 3 transport or unreadable answer,\n130 interrupted (Ctrl-C). A closed standard output (| head) stops the output quietly.")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .disable_help_subcommand(true)
        .args(globals());
    app = app
        .subcommand(Command::new("commands").about("List every command, one name a line"))
        .subcommand(Command::new("help").about("Show a command's description and arguments").arg(Arg::new("command").required(false)))
        .subcommand(
            Command::new("completions")
                .about("Print a shell completion script")
                .arg(Arg::new("shell").required(true).value_parser(clap::value_parser!(clap_complete::Shell))),
        )
        .subcommand(
            Command::new("sandbox").about("Run the sandbox, a simulator of the API").subcommand_required(true).subcommand(
                Command::new("serve")
                    .about("Serve the sandbox over HTTP on 127.0.0.1; prints its base URL on the first line")
                    .arg(Arg::new("port").long("port").default_value("0").value_parser(clap::value_parser!(u16)).help("Port (0 picks a free one)"))
                    .arg(Arg::new("data").long("data").value_name("FILE").help("Load this data set (JSON) instead of the built-in one")),
            ),
        );
    for info in &COMMANDS {
        app = app.subcommand(subcommand(info));
    }
    app
}

fn globals() -> Vec<Arg> {
    let flag = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .action(ArgAction::SetTrue)
            .global(true)
            .help(help)
    };
    let value = |name: &'static str, v: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .value_name(v)
            .global(true)
            .help(help)
    };
    // A number, even a negative one, reaches our check and its message naming the flag.
    let number = |name: &'static str, v: &'static str, help: &'static str| {
        value(name, v, help).allow_hyphen_values(true)
    };
    vec![
        value(
            "base-url",
            "URL",
            "API endpoint (default: production). Plain http only to loopback addresses",
        ),
        flag("demo", "Use the provider's demo endpoint"),
        flag(
            "sandbox",
            "Run against the embedded sandbox: no network, no account",
        ),
        // Credentials go before the command: after it, `--login` and `--password` are the
        // API's own arguments of clientCheck, clientCreate and the transfer commands.
        value(
            "login",
            "LOGIN",
            "Reseller login, before the command [env: DOMAINCONTEXT_LOGIN]",
        )
        .global(false),
        value(
            "password",
            "PASSWORD",
            "Reseller password, before the command [env: DOMAINCONTEXT_PASSWORD]",
        )
        .global(false),
        value(
            "password-file",
            "FILE",
            "Read the password from the first line of FILE (at most 4 KiB), before the command",
        )
        .global(false),
        flag(
            "get",
            "Send a GET (the password then travels in the URL); POST is the default",
        ),
        number(
            "timeout",
            "SECS",
            "Time limit of the whole call in seconds, retries included (default 600; from 0.001 to 86400)",
        ),
        number(
            "connect-timeout",
            "SECS",
            "Connect timeout in seconds (default 10)",
        ),
        number(
            "rate",
            "PER_SEC",
            "Rate limit in requests a second (default 2; at least 1/3600; 0 turns it off)",
        ),
        number(
            "chunk-size",
            "ITEMS",
            "Items per request of a bulk --json; larger bulks go as several requests, one after another (default 100)",
        ),
        number(
            "json-limit",
            "BYTES",
            "Size limit of a --json @FILE or - input (default 268435456, 256 MiB) [env: DOMAINCONTEXT_JSON_LIMIT]",
        ),
        flag(
            "dry-run",
            "Print the request that would be sent (password and secret arguments as ***) and send nothing",
        ),
    ]
}

fn subcommand(info: &'static CommandInfo) -> Command {
    let mut cmd = Command::new(info.name).about(info.description).arg(
        Arg::new("json")
            .long("json")
            .value_name("JSON|@FILE|-")
            .help("All arguments as one JSON value mirroring the form: object keys and array indexes become bracketed keys"),
    );
    if info.bulk_of.is_some() {
        let item = info.bulk_of.unwrap_or_default();
        return cmd.after_help(format!("A bulk command: give its items with --json, each with the arguments of {item} (see `domaincontext help {item}`)."));
    }
    for a in info.args {
        let help = match a.kind {
            ArgKind::Type(t) => format!("{t}{}", if a.required { ", required" } else { "" }),
            ArgKind::Records { .. } => "records: give them with --json".to_owned(),
            ArgKind::MapOf(t) => format!("keys and {t} values: give them with --json"),
        };
        if matches!(a.kind, ArgKind::Type(_)) {
            cmd = cmd.arg(
                Arg::new(a.name)
                    .long(a.name)
                    .value_name("VALUE")
                    .allow_hyphen_values(true)
                    .help(help),
            );
        }
    }
    cmd
}
