//! The clap command tree, built at run time from the generated registry: one subcommand
//! per API command, one `--<arg>` per argument, in the API's own spelling. Global options
//! are the top level's alone: they go before the command, and a command's help lists only
//! its own arguments.

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, Command};
use domaincontext::registry::COMMANDS;
use domaincontext::{ArgInfo, ArgKind, CommandInfo};

/// The `--output` formats.
pub const FORMATS: [&str; 5] = ["json", "jsonl", "yaml", "table", "csv"];

/// The names of the global options (long flags), for the hint given when one follows the
/// command.
pub const GLOBALS: [&str; 16] = [
    "base-url",
    "demo",
    "sandbox",
    "sandbox-state",
    "login",
    "password",
    "password-file",
    "get",
    "timeout",
    "connect-timeout",
    "rate",
    "chunk-size",
    "json-limit",
    "dry-run",
    "output",
    "quiet",
];

const SANDBOX_ABOUT: &str = "\
Run the sandbox, a simulator of the API with no network and no account.

`domaincontext --sandbox <command>` runs one command against it, in process; its state is kept
between invocations in a file (--sandbox-state FILE, or DOMAINCONTEXT_SANDBOX_STATE, or
sandbox.json in the user's data directory, e.g. ~/.local/share/domaincontext on Linux).
`--sandbox` always signs in as the sandbox's demo account: DOMAINCONTEXT_LOGIN and
DOMAINCONTEXT_PASSWORD are not read (--login and --password before the command still choose
another sandbox account).

The starting data set (`sandbox reset` restores it):
  today is 2025-06-01; new ids start at 5504300
  client demo, password demo (id 1): balance 1000.00 usd, contact 1001
  client reseller_1, password reseller_1 (id 2, a client of demo, balance 0): domain client-site.org
  prices a year: com 10.00, net 12.00, org 11.00, info 9.00, ru 4.00, рф 5.00
  domains of demo: test.com (id 5504202, expires 2027-03-15, DNS records 1 @ a 192.0.2.10,
    2 www cname test.com, 3 @ mx mail.test.com), test3.com (5504203), domain.com (5504204),
    pending-transfer.net (5504205, an incoming transfer awaiting approval)
  at other registrars: transfer-me.com (auth code Auth-1234), move-in.net (M0ve-In!)
  contacts 1001 EID_234234:234-1 (Ivan Drago), 1002 EID_234234:234-2 (Peter Smith);
    host ns1.test.com (id 6001); hosted DNS domain hosted.net (id 7001)
  tariffs 1 Domains, 101 and 102 (XEN VDS), 103 (OpenVZ); server 8001 vds8001
  certificate products 301 positivessl, 302 positivessl_wildcard, 303 ev_ssl; coupon SSL2024
    (10% off); certificate 9001 for test.com";

const SERVE_AFTER: &str = "\
Prints the base URL on the first line of stdout, then the credentials (login: demo,
password: demo), and logs one line per request on stderr (method, command, HTTP status,
outcome, time; never an argument) unless --quiet. Stops on Ctrl-C.

With --state FILE the state is loaded from FILE (the starting data set when it does not
exist) and saved to it after every call that changes something (atomically: a temporary
file renamed over it), in the format of --sandbox's state file.

Top up a balance (a sandbox-only endpoint, not an API command):
  curl -d login=demo -d amount=500 URL/_sandbox/topup";

/// The whole command tree.
pub fn build() -> Command {
    let mut app = Command::new("domaincontext")
        .about("The DomainContext reseller API at a shell: every command, validated before it is sent")
        .override_usage("domaincontext [GLOBAL OPTIONS] <COMMAND> [ARGUMENTS]")
        .after_help("Global options go before the command. `domaincontext help <command>` (or <command> --help) shows\na command's arguments; `domaincontext commands` lists the commands.\nArguments are given by their API names (--domains a.com,b.net), or all at once with --json.\nExit status: 0 ok, 1 API error, 2 bad invocation (nothing sent), 3 transport or unreadable answer,\n130 interrupted (Ctrl-C). A closed standard output (| head) stops the output quietly.")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .disable_help_subcommand(true)
        .args(globals());
    app = app
        .subcommand(Command::new("commands").about("List every command, one name a line"))
        .subcommand(
            Command::new("help")
                .about("Show a command's help, as <command> --help does")
                .arg(Arg::new("command").num_args(0..).value_name("COMMAND")),
        )
        .subcommand(
            Command::new("completions")
                .about("Print a shell completion script")
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(clap::value_parser!(clap_complete::Shell)),
                ),
        )
        .subcommand(sandbox())
        .subcommand(crate::dns::command())
        .subcommand(crate::portfolio::command())
        .subcommand(crate::acme::command());
    for info in &COMMANDS {
        app = app.subcommand(subcommand(info));
    }
    app
}

fn sandbox() -> Command {
    Command::new("sandbox")
        .about("Run the sandbox, a simulator of the API; reset or top up the state of --sandbox")
        .long_about(SANDBOX_ABOUT)
        .subcommand_required(true)
        .subcommand(
            Command::new("serve")
                .about("Serve the sandbox over HTTP on 127.0.0.1")
                .after_help(SERVE_AFTER)
                .arg(
                    Arg::new("port")
                        .long("port")
                        .default_value("0")
                        .value_parser(clap::value_parser!(u16))
                        .help("Port on 127.0.0.1 (0 picks a free one)"),
                )
                .arg(
                    Arg::new("state")
                        .long("state")
                        .value_name("FILE")
                        .conflicts_with("data")
                        .help("Load the state from FILE and save it there after every change"),
                )
                .arg(
                    Arg::new("data")
                        .long("data")
                        .value_name("FILE")
                        .help("Start from this data set (a serialised State, JSON), never saved"),
                )
                .arg(
                    Arg::new("quiet")
                        .long("quiet")
                        .short('q')
                        .action(ArgAction::SetTrue)
                        .help("No request log on stderr"),
                )
                .arg(
                    Arg::new("header-timeout")
                        .long("header-timeout")
                        .value_name("SECS")
                        .default_value("10")
                        .help("Close a connection whose request head has not arrived in SECS"),
                )
                .arg(
                    Arg::new("max-connections")
                        .long("max-connections")
                        .value_name("N")
                        .default_value("1024")
                        .value_parser(clap::value_parser!(u32).range(1..))
                        .help("Connections served at once; more wait until one closes"),
                ),
        )
        .subcommand(
            Command::new("reset").about("Put the state of --sandbox back to the starting data set"),
        )
        .subcommand(
            Command::new("topup")
                .about("Add money to an account in the state of --sandbox (not an API command)")
                .arg(
                    Arg::new("amount")
                        .long("amount")
                        .required(true)
                        .value_name("MONEY")
                        .help("A sum above 0, such as 100 or 25.50"),
                )
                .arg(
                    Arg::new("login")
                        .long("login")
                        .value_name("LOGIN")
                        .default_value("demo")
                        .help("The account"),
                ),
        )
}

fn globals() -> Vec<Arg> {
    let heading = |a: Arg| a.help_heading("Global options (before the command)");
    let flag = |name: &'static str, help: &'static str| {
        heading(
            Arg::new(name)
                .long(name)
                .action(ArgAction::SetTrue)
                .help(help),
        )
    };
    let value = |name: &'static str, v: &'static str, help: &'static str| {
        heading(Arg::new(name).long(name).value_name(v).help(help))
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
            "Run against the embedded sandbox: no network, no account, state kept between runs (see `domaincontext sandbox --help`)",
        ),
        value(
            "sandbox-state",
            "FILE",
            "The state file of --sandbox [env: DOMAINCONTEXT_SANDBOX_STATE] (default: sandbox.json in the user's data directory)",
        ),
        value(
            "login",
            "LOGIN",
            "Reseller login [env: DOMAINCONTEXT_LOGIN]",
        ),
        value(
            "password",
            "PASSWORD",
            "Reseller password [env: DOMAINCONTEXT_PASSWORD]",
        ),
        value(
            "password-file",
            "FILE",
            "Read the password from the first line of FILE (at most 4 KiB)",
        ),
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
            "Items per request of a bulk command; larger bulks go as several requests, one after another (default 100)",
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
        heading(
            Arg::new("output")
                .long("output")
                .short('o')
                .value_name("FORMAT")
                .value_parser(PossibleValuesParser::new(FORMATS))
                .help("Answer format: json (default, as the API sent it), jsonl, yaml, table or csv (table and csv for rows and maps)"),
        ),
        heading(
            Arg::new("quiet")
                .long("quiet")
                .short('q')
                .action(ArgAction::SetTrue)
                .help("Print no answer and no progress: the exit status tells (errors still go to stderr)"),
        ),
    ]
}

/// The flag of a records argument: `records` gives `--record`.
pub fn record_flag(name: &str) -> &str {
    match name.strip_suffix('s') {
        Some(one) if !one.is_empty() => one,
        _ => name,
    }
}

/// Whether an argument is a yes/no flag.
pub fn is_bool(a: &ArgInfo) -> bool {
    a.kind == ArgKind::Type("bool")
}

fn subcommand(info: &'static CommandInfo) -> Command {
    let mut cmd = Command::new(info.name)
        .about(info.description)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .long("help")
                .short('h')
                .action(ArgAction::SetTrue),
        )
        .arg(Arg::new("json").long("json").value_name("JSON|@FILE|-"))
        // On every command, so that one without pages gets our message, not clap's.
        .arg(Arg::new("all").long("all").action(ArgAction::SetTrue));
    if info.bulk_of.is_some() {
        return cmd.arg(
            Arg::new("items-file")
                .long("items-file")
                .value_name("FILE|-")
                .conflicts_with("json"),
        );
    }
    for a in info.args {
        cmd = match a.kind {
            ArgKind::Type(t) => {
                let mut arg = Arg::new(a.name)
                    .long(a.name)
                    .value_name(t)
                    .allow_hyphen_values(true);
                if is_bool(a) {
                    // Bare `--count` is yes; `--count 0` says no.
                    arg = arg.num_args(0..=1).default_missing_value("1");
                }
                if !a.one_of.is_empty() {
                    arg = arg.value_parser(OneOrBlank(PossibleValuesParser::new(
                        a.one_of.iter().copied(),
                    )));
                }
                cmd.arg(arg)
            }
            ArgKind::Records { .. } => cmd.arg(
                Arg::new(a.name)
                    .long(record_flag(a.name))
                    .value_name("FIELD=VALUE,...")
                    .action(ArgAction::Append),
            ),
            ArgKind::MapOf(_) => cmd.arg(
                Arg::new(a.name)
                    .long(a.name)
                    .value_name("KEY=VALUE")
                    .action(ArgAction::Append),
            ),
        };
    }
    cmd
}

/// The allowed values of a closed set, or a blank value: blank means "not given" (HTML
/// forms send every field), and the argument reader decides what that means for the
/// argument. Help, errors and completions still list the allowed values.
#[derive(Clone)]
struct OneOrBlank(PossibleValuesParser);

impl clap::builder::TypedValueParser for OneOrBlank {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        match value.to_str() {
            Some(v) if v.trim().is_empty() => Ok(v.to_owned()),
            _ => self.0.parse_ref(cmd, arg, value),
        }
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        self.0.possible_values()
    }
}
