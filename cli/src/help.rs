//! `domaincontext help <command>`: the command's description and each argument with its
//! type, required flag, default and rule in words, from the generated registry.

use std::fmt::Write;

use domaincontext::{ArgInfo, ArgKind, CommandInfo, Effect};

/// The help text of a command.
pub fn command(info: &CommandInfo) -> String {
    let mut s = format!("{}: {}\n", info.name, info.description);
    if let Some(item) = info.bulk_of {
        let _ = writeln!(
            s,
            "\nA bulk command: --json gives its items, an array (or an object keyed by {}), each with the arguments of {item}:",
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
        args(&mut s, info.args, "  ", "--");
    }
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
        "\nExample: domaincontext {} --json '{}'",
        info.name,
        info.example_args(false)
    );
    s
}

fn args(s: &mut String, list: &[ArgInfo], indent: &str, dashes: &str) {
    for a in list {
        let _ = write!(s, "{indent}{dashes}{}", a.name);
        match a.kind {
            ArgKind::Type(t) => {
                let _ = write!(s, " <{t}>");
            }
            ArgKind::Records { flatten } => {
                let _ = write!(
                    s,
                    " records keyed by number, given with --json{}; each record has:",
                    if flatten {
                        " at the top level (1[field]=...)"
                    } else {
                        ""
                    }
                );
            }
            ArgKind::MapOf(t) => {
                let _ = write!(s, " object of {t} values");
            }
        }
        if a.required {
            s.push_str(" (required)");
        }
        if let Some(d) = a.default {
            let _ = write!(s, " [default: {d}]");
        }
        s.push('\n');
        let inner = format!("{indent}    ");
        if !a.one_of.is_empty() {
            let _ = writeln!(s, "{inner}one of: {}", a.one_of.join(", "));
        }
        if let ArgKind::Type(t) | ArgKind::MapOf(t) = a.kind {
            if let Some(ty) = domaincontext::type_info(t) {
                let _ = writeln!(s, "{inner}{t}: {}", ty.doc);
            }
        }
        if let Some(d) = a.doc {
            let _ = writeln!(s, "{inner}{d}");
        }
        if let Some(o) = a.ours {
            let _ = writeln!(s, "{inner}(our inference: {o})");
        }
        if !a.fields.is_empty() {
            args(s, a.fields, &inner, "");
        }
    }
}
