//! The `domaincontext-codegen` command line: check, render, list, diff and drift spec
//! directories. Arguments are parsed by clap (behind the `tool` feature, so the client's
//! build script never compiles it); the help text is ours, written for the spec's users.
//! Everything goes through [`run`], so that tests drive it without a process.

mod commands;

use std::io::{self, Write};

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, ArgMatches, Command};

pub use commands::list_line;

/// What `--help` prints.
pub const USAGE: &str = "\
domaincontext-codegen: check, render, list and compare DomainContext API specs

Usage:
  domaincontext-codegen check [SPEC] [--format text|github|json]
      Load and check the spec; print every problem as file:line:column with a hint,
      or a one-line summary when there is none. `github` prints the problems as
      workflow annotations (::error file=...,line=...::) on stdout, `json` as an array
      of {kind, severity, file, line, message}.
  domaincontext-codegen render [SPEC] [--out DIR] [--format rust|seed]
      Print the generated Rust, or write it into DIR file by file as the build does;
      `--format seed` prints the spec as the provider's type and command tables.
  domaincontext-codegen list [SPEC]
      One line per command: its name, then its arguments.
  domaincontext-codegen diff OLD NEW [--format text|markdown|github|json]
                                     [--fail-on breaking|any]
      The changes from spec OLD to spec NEW that matter to code using the generated
      crate, each breaking or compatible, and the release they call for. `markdown`
      leads with the verdict (breaking, compatible, no change); `github` annotates the
      line of NEW that caused each change (of OLD for removals): ::error for breaking,
      ::warning for notable compatible changes, ::notice for the others; `json` is an
      array of {kind, severity, file, line, message}. `--fail-on-breaking` is
      `--fail-on breaking`.
  domaincontext-codegen drift DOC [SPEC] [--show-corrections]
      Compare the provider's document DOC (its type table and full command table) with
      the spec: commands, arguments, relations and type rules that differ, except the
      departures the spec records with `seed:`; YAML to paste for added commands.
      `--show-corrections` lists those departures instead.
  domaincontext-codegen help | --help | --version

SPEC, OLD and NEW are spec directories (types.yaml and commands/*.yaml); SPEC defaults
to `spec`.

`list` writes an argument as name:type, then (a|b) for its allowed values, * when it
is required, =v for its default; map<type> takes free keys; name:[...] holds records
of the fields inside, ..name:[...] writes them at the top level of the form. A bulk
command shows [item] or [item by key]: an array of the command item.

Exit status: 0 done; 1 a spec has problems, or a file could not be written, or
`drift` found drift; 2 bad usage, or `drift` cannot read the document (its line is
named); 3 `diff --fail-on` found a change it fails on.
";

/// Exit statuses.
const OK: i32 = 0;
const PROBLEMS: i32 = 1;
const USAGE_ERROR: i32 = 2;
const BREAKING: i32 = 3;

/// Runs the tool on `args` (without the program name), writing results to `out` and
/// problems to `err`; returns the exit status.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match dispatch(args, out, err) {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(
                err,
                "{}\n  hint: run `domaincontext-codegen --help` for usage",
                message.trim_end()
            );
            USAGE_ERROR
        }
        Err(Failure::Io(e)) => {
            let _ = writeln!(err, "error: {e}");
            PROBLEMS
        }
        Err(Failure::Reported(code)) => code,
    }
}

enum Failure {
    /// Bad arguments: exit status 2.
    Usage(String),
    /// Output could not be written: exit status 1.
    Io(io::Error),
    /// The problem was reported already (a spec that does not load): this exit status.
    Reported(i32),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<clap::Error> for Failure {
    fn from(e: clap::Error) -> Self {
        Failure::Usage(e.render().to_string())
    }
}

type Exit = Result<i32, Failure>;

/// How `check` and `diff` print what they found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Github,
    Json,
}

/// Which changes make `diff` exit with status 3.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FailOn {
    Never,
    Breaking,
    Any,
}

/// The optional spec directory, `spec` when not given.
fn spec_arg(name: &'static str) -> Arg {
    Arg::new(name).default_value("spec")
}

/// `--format` with the values a subcommand takes.
fn format_arg(values: &'static [&'static str], default: &'static str) -> Arg {
    Arg::new("format")
        .long("format")
        .value_name("FORMAT")
        .value_parser(clap::builder::PossibleValuesParser::new(values))
        .default_value(default)
}

/// The command line, as clap checks it. `--help` and `--version` are answered before
/// clap sees the arguments, with [`USAGE`].
fn cli() -> Command {
    Command::new("domaincontext-codegen")
        .no_binary_name(true)
        .bin_name("domaincontext-codegen")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_required(true)
        .override_usage("domaincontext-codegen <check|render|list|diff|drift|help> ...")
        .subcommand(
            Command::new("check")
                .arg(spec_arg("SPEC"))
                .arg(format_arg(&["text", "github", "json"], "text")),
        )
        .subcommand(
            Command::new("render")
                .arg(spec_arg("SPEC"))
                .arg(Arg::new("out").long("out").value_name("DIR"))
                .arg(format_arg(&["rust", "seed"], "rust")),
        )
        .subcommand(Command::new("list").arg(spec_arg("SPEC")))
        .subcommand(
            Command::new("diff")
                .arg(Arg::new("OLD").required(true))
                .arg(Arg::new("NEW").required(true))
                .arg(format_arg(
                    &["text", "markdown", "md", "github", "json"],
                    "text",
                ))
                .arg(
                    Arg::new("fail-on")
                        .long("fail-on")
                        .value_name("WHICH")
                        .value_parser(["breaking", "any"]),
                )
                .arg(
                    Arg::new("fail-on-breaking")
                        .long("fail-on-breaking")
                        .action(ArgAction::SetTrue)
                        .conflicts_with("fail-on"),
                ),
        )
        .subcommand(
            Command::new("drift")
                .arg(Arg::new("DOC").required(true))
                .arg(spec_arg("SPEC"))
                .arg(
                    Arg::new("show-corrections")
                        .long("show-corrections")
                        .action(ArgAction::SetTrue),
                ),
        )
}

/// A value clap has checked or defaulted.
fn value<'a>(m: &'a ArgMatches, name: &str) -> &'a str {
    m.get_one::<String>(name).map_or("", String::as_str)
}

fn dispatch(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let Some(first) = args.first() else {
        write!(err, "{USAGE}")?;
        return Ok(USAGE_ERROR);
    };
    if args.iter().any(|a| a == "--help" || a == "-h") || first == "help" {
        write!(out, "{USAGE}")?;
        return Ok(OK);
    }
    if first == "--version" || first == "-V" {
        writeln!(out, "domaincontext-codegen {}", env!("CARGO_PKG_VERSION"))?;
        return Ok(OK);
    }
    let matches = cli().try_get_matches_from(args)?;
    let Some((name, m)) = matches.subcommand() else {
        return Err(clap::Error::new(ErrorKind::MissingSubcommand).into());
    };
    match name {
        "check" => {
            let format = match value(m, "format") {
                "github" => Format::Github,
                "json" => Format::Json,
                _ => Format::Text,
            };
            commands::check(value(m, "SPEC"), format, out, err)
        }
        "render" => {
            let dir = value(m, "SPEC");
            let to = m.get_one::<String>("out").map(String::as_str);
            match (value(m, "format"), to) {
                ("seed", None) => commands::render_seed(dir, out, err),
                ("seed", Some(_)) => Err(Failure::Usage(
                    "error: `--format seed` prints to stdout; it takes no `--out`".to_owned(),
                )),
                _ => commands::render(dir, to, out, err),
            }
        }
        "list" => commands::list(value(m, "SPEC"), out, err),
        "drift" => commands::drift(
            value(m, "DOC"),
            value(m, "SPEC"),
            m.get_flag("show-corrections"),
            out,
            err,
        ),
        _ => {
            let format = match value(m, "format") {
                "markdown" | "md" => Format::Markdown,
                "github" => Format::Github,
                "json" => Format::Json,
                _ => Format::Text,
            };
            let fail_on = match (value(m, "fail-on"), m.get_flag("fail-on-breaking")) {
                ("breaking", _) | (_, true) => FailOn::Breaking,
                ("any", _) => FailOn::Any,
                _ => FailOn::Never,
            };
            commands::diff(value(m, "OLD"), value(m, "NEW"), format, fail_on, out, err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_args(args: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn help_and_version() {
        for args in [&["help"][..], &["--help"], &["-h"], &["diff", "--help"]] {
            let (code, out, _) = run_args(args);
            assert_eq!(code, 0, "{args:?}");
            assert!(out.starts_with("domaincontext-codegen: "), "{out}");
        }
        let (code, out, _) = run_args(&["--version"]);
        assert_eq!((code, out.trim()), (0, "domaincontext-codegen 0.1.0"));
    }

    #[test]
    fn no_arguments_print_usage_and_fail() {
        let (code, out, err) = run_args(&[]);
        assert_eq!(code, 2);
        assert!(out.is_empty());
        assert!(err.contains("Usage:"), "{err}");
    }

    #[test]
    fn bad_usage_is_status_2_with_a_hint() {
        let cases: &[(&[&str], &str)] = &[
            (&["chek"], "tip: a similar subcommand exists: 'check'"),
            (
                &["diff", "a"],
                "the following required arguments were not provided:\n  <NEW>",
            ),
            (&["diff", "a", "b", "c"], "unexpected argument 'c' found"),
            (
                &["diff", "a", "b", "--format", "yaml"],
                "invalid value 'yaml' for '--format <FORMAT>'",
            ),
            (
                &["diff", "a", "b", "--fail-on-breakin"],
                "tip: a similar argument exists: '--fail-on-breaking'",
            ),
            (
                &["diff", "a", "b", "--fail-on-breaking=1"],
                "unexpected value '1' for '--fail-on-breaking' found",
            ),
            (
                &["diff", "a", "b", "--fail-on", "any", "--fail-on-breaking"],
                "the argument '--fail-on <WHICH>' cannot be used with '--fail-on-breaking'",
            ),
            (
                &["render", "--out"],
                "a value is required for '--out <DIR>' but none was supplied",
            ),
            (
                &["render", "--out", "a", "--out=b"],
                "the argument '--out <DIR>' cannot be used multiple times",
            ),
            (
                &["render", "--out", "a", "--format", "seed"],
                "`--format seed` prints to stdout; it takes no `--out`",
            ),
            (&["check", "a", "b"], "unexpected argument 'b' found"),
            (
                &["list", "--verbose"],
                "unexpected argument '--verbose' found",
            ),
        ];
        let mut checked = 0;
        for (args, expected) in cases {
            checked += 1;
            let (code, out, err) = run_args(args);
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(out.is_empty(), "{args:?}: {out}");
            assert!(err.starts_with("error: "), "{args:?}: {err}");
            assert!(err.contains(expected), "{args:?}: {err}");
            assert!(
                err.contains("hint: run `domaincontext-codegen --help`"),
                "{err}"
            );
        }
        assert_eq!(checked, 12);
    }

    #[test]
    fn a_missing_directory_is_a_problem_not_a_usage_error() {
        let (code, _, err) = run_args(&["check", "/nonexistent/spec"]);
        assert_eq!(code, 1);
        assert!(err.contains("cannot read"), "{err}");
    }
}
