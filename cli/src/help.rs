//! `domaincontext help <command>`: the command's description and each argument with its
//! type, required flag, default and rule in words, from the generated registry.

use std::fmt::Write;

use domaincontext::{ArgInfo, ArgKind, CommandInfo, Effect};

/// The help text of a command: `help X` and `X --help` both print it.
pub fn command(info: &CommandInfo) -> String {
    let mut s = format!("{}: {}\n", info.name, info.description);
    let _ = writeln!(
        s,
        "\nUsage: domaincontext [GLOBAL OPTIONS] {} [ARGUMENTS]",
        info.name
    );
    if let Some(item) = info.bulk_of {
        let _ = writeln!(
            s,
            "\nA bulk command: give its items with --json JSON|@FILE|- or --items-file FILE|-, an array\n(or an object keyed by {}), each with the arguments of {item}; --chunk-size sets how many go\nin one request:",
            info.bulk_key
                .map_or("index".to_owned(), |k| format!("the item's {k}"))
        );
    } else if let Some(same) = info.same_as {
        let _ = writeln!(s, "\nThe same arguments as {same}.");
    }
    if info.args.is_empty() {
        s.push_str("\nNo arguments.\n");
    } else {
        s.push_str("\nArguments:\n");
        args(&mut s, info.args, "  ", info.bulk_of.is_none());
    }
    if info.bulk_of.is_none() {
        s.push_str("  --json <JSON|@FILE|->\n      All arguments as one JSON object mirroring the form (flags given too are added to it)\n");
    }
    groups(&mut s, info);
    if crate::all::pages(info) {
        let _ = writeln!(
            s,
            "  --all\n      Every row, page after page of --limit rows (default {}) until a short page, one JSON\n      line a row as each page arrives; --timeout bounds each page's call",
            domaincontext::DEFAULT_PAGE_SIZE
        );
    }
    s.push_str("  -h, --help\n      This help\n");
    let _ = writeln!(
        s,
        "\n{}",
        match info.effect {
            Effect::Read => "Read-only: retried on transport errors.",
            Effect::Change =>
                "Changes state: never repeated; a lost answer means the outcome is unknown.",
        }
    );
    if info.long {
        s.push_str("Can take up to 10 minutes.\n");
    }
    let _ = writeln!(
        s,
        "\nExample (against the sandbox; leave out --sandbox for the API):\n  {}",
        crate::example::line(info)
    );
    s.push_str("\nGlobal options (credentials, --sandbox, --output...) go before the command: see `domaincontext --help`.\n");
    s
}

/// The argument groups, one line each: "one of --domain, --id is required" (for a bulk
/// command, in each item and without dashes).
fn groups(s: &mut String, info: &CommandInfo) {
    let bulk = info.bulk_of.is_some();
    for g in info.groups {
        let names: Vec<String> = g
            .iter()
            .map(|n| {
                if bulk {
                    (*n).to_owned()
                } else {
                    format!("--{n}")
                }
            })
            .collect();
        let _ = writeln!(
            s,
            "  one of {} is required{}",
            names.join(", "),
            if bulk { " in each item" } else { "" }
        );
    }
}

/// The value name shown for an argument of type `t`.
fn value_name(t: &str) -> String {
    format!("<{t}>")
}

/// `a`'s rule in words: its type's rule, the allowed values, its default.
fn describe(s: &mut String, a: &ArgInfo, inner: &str) {
    if !a.one_of.is_empty() {
        let _ = writeln!(s, "{inner}allowed values: {}", a.one_of.join(", "));
    }
    if let ArgKind::Type(t) | ArgKind::MapOf(t) = a.kind {
        if let Some(ty) = domaincontext::type_info(t) {
            let _ = writeln!(s, "{inner}{t}: {}", ty.doc);
        }
    }
    if let Some(d) = a.default {
        let _ = writeln!(s, "{inner}default: {d}");
    }
    if let Some(d) = a.doc {
        let _ = writeln!(s, "{inner}{d}");
    }
    if let Some(o) = a.ours {
        let _ = writeln!(s, "{inner}(our inference: {o})");
    }
}

/// The arguments; `flags` says they are given as `--name` (not for a bulk's items).
fn args(s: &mut String, list: &[ArgInfo], indent: &str, flags: bool) {
    let inner = format!("{indent}    ");
    for a in list {
        let dashes = if flags { "--" } else { "" };
        match a.kind {
            ArgKind::Type(t) if flags && crate::app::is_bool(a) => {
                let _ = write!(s, "{indent}--{} [{}]", a.name, value_name(t));
            }
            ArgKind::Type(t) => {
                let _ = write!(s, "{indent}{dashes}{} {}", a.name, value_name(t));
            }
            ArgKind::Records { flatten } if flags => {
                let _ = write!(
                    s,
                    "{indent}--{} <[N:]FIELD=VALUE,...> (repeat it, one a record; or --json{})",
                    crate::app::record_flag(a.name),
                    if flatten {
                        " with records 1, 2... at the top level"
                    } else {
                        ""
                    }
                );
            }
            ArgKind::Records { .. } => {
                let _ = write!(s, "{indent}{} <records keyed by number>", a.name);
            }
            ArgKind::MapOf(t) => {
                let _ = write!(
                    s,
                    "{indent}{dashes}{} <KEY=VALUE> (of {t} values{})",
                    a.name,
                    if flags { "; repeat it" } else { "" }
                );
            }
        }
        if a.required {
            s.push_str(" (required)");
        }
        s.push('\n');
        if flags && crate::app::is_bool(a) {
            let _ = writeln!(
                s,
                "{inner}yes/no: --{0} alone is 1; --{0} 0 says no",
                a.name
            );
        }
        describe(s, a, &inner);
        if !a.fields.is_empty() {
            if flags {
                let _ = writeln!(
                    s,
                    "{inner}records are numbered 1, 2... in the order given; N: gives the number\n{inner}(to change or delete an existing record); write a comma in a value as \\,\n{inner}fields:"
                );
            }
            args(s, a.fields, &format!("{inner}  "), false);
        }
    }
}

/// The error for an unknown command, with a suggestion when one is close.
pub fn unknown_command(name: &str) -> String {
    let builtins = [
        "commands",
        "help",
        "completions",
        "sandbox",
        "dns",
        "domains",
        "acme",
    ];
    let names = domaincontext::registry::COMMANDS
        .iter()
        .map(|c| c.name)
        .chain(builtins);
    match domaincontext::rt::suggest(name, names) {
        Some(s) => format!(
            "unknown command `{name}` (did you mean `{s}`?); `domaincontext commands` lists them"
        ),
        None => format!("unknown command `{name}`; `domaincontext commands` lists them"),
    }
}
