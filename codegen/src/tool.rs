//! The `domaincontext-codegen` command line: check, render, list and diff spec directories.
//! Arguments are parsed by hand: this crate is a build dependency of the client and stays
//! light. Everything goes through [`run`], so that tests drive it without a process.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use crate::model::{Arg, ArgKind, Command, Shape, Spec};

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

const SUBCOMMANDS: &[&str] = &["check", "render", "list", "diff", "drift", "help"];

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
                "error: {message}\n  hint: run `domaincontext-codegen --help` for usage"
            );
            USAGE_ERROR
        }
        Err(Failure::Io(e)) => {
            let _ = writeln!(err, "error: {e}");
            PROBLEMS
        }
    }
}

enum Failure {
    /// Bad arguments: exit status 2.
    Usage(String),
    /// Output could not be written: exit status 1.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

type Exit = Result<i32, Failure>;

fn dispatch(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let Some((command, rest)) = args.split_first() else {
        write!(err, "{USAGE}")?;
        return Ok(USAGE_ERROR);
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        write!(out, "{USAGE}")?;
        return Ok(OK);
    }
    match command.as_str() {
        "help" | "--help" | "-h" => {
            write!(out, "{USAGE}")?;
            Ok(OK)
        }
        "--version" | "-V" => {
            writeln!(out, "domaincontext-codegen {}", env!("CARGO_PKG_VERSION"))?;
            Ok(OK)
        }
        "check" => {
            let a = Parsed::new(rest, &["--format"], &[])?;
            let format = match a.value("--format").unwrap_or("text") {
                "text" => Format::Text,
                "github" => Format::Github,
                "json" => Format::Json,
                other => {
                    return Err(Failure::Usage(format!(
                        "unknown format `{other}`: use `text`, `github` or `json`"
                    )));
                }
            };
            check(a.spec_dir()?, format, out, err)
        }
        "render" => {
            let a = Parsed::new(rest, &["--out", "--format"], &[])?;
            match a.value("--format").unwrap_or("rust") {
                "rust" => render(a.spec_dir()?, a.value("--out"), out, err),
                "seed" if a.value("--out").is_none() => {
                    let spec = match load(a.spec_dir()?, err)? {
                        Ok(spec) => spec,
                        Err(code) => return Ok(code),
                    };
                    write!(out, "{}", crate::drift::render_seed(&spec))?;
                    Ok(OK)
                }
                "seed" => Err(Failure::Usage(
                    "`--format seed` prints to stdout; it takes no `--out`".to_owned(),
                )),
                other => Err(Failure::Usage(format!(
                    "unknown format `{other}`: use `rust` or `seed`"
                ))),
            }
        }
        "drift" => {
            let a = Parsed::new(rest, &[], &["--show-corrections"])?;
            let (doc, dir) = match a.positional.as_slice() {
                [doc] => (*doc, "spec"),
                [doc, dir] => (*doc, *dir),
                more => {
                    return Err(Failure::Usage(format!(
                        "`drift` takes the document and optionally a spec directory; {} given",
                        more.len()
                    )));
                }
            };
            drift(doc, dir, a.flag("--show-corrections"), out, err)
        }
        "list" => {
            let a = Parsed::new(rest, &[], &[])?;
            list(a.spec_dir()?, out, err)
        }
        "diff" => {
            let a = Parsed::new(rest, &["--format", "--fail-on"], &["--fail-on-breaking"])?;
            let [old, new] = a.positional.as_slice() else {
                return Err(Failure::Usage(format!(
                    "`diff` takes two spec directories, OLD and NEW; {} given",
                    a.positional.len()
                )));
            };
            let format = match a.value("--format").unwrap_or("text") {
                "text" => Format::Text,
                "markdown" | "md" => Format::Markdown,
                "github" => Format::Github,
                "json" => Format::Json,
                other => {
                    return Err(Failure::Usage(format!(
                        "unknown format `{other}`: use `text`, `markdown`, `github` or `json`"
                    )));
                }
            };
            let fail_on = match (a.value("--fail-on"), a.flag("--fail-on-breaking")) {
                (None, false) => FailOn::Never,
                (None, true) | (Some("breaking"), false) => FailOn::Breaking,
                (Some("any"), false) => FailOn::Any,
                (Some(_), true) => {
                    return Err(Failure::Usage(
                        "`--fail-on-breaking` is `--fail-on breaking`: give one of them".to_owned(),
                    ));
                }
                (Some(other), false) => {
                    return Err(Failure::Usage(format!(
                        "unknown `--fail-on` value `{other}`: use `breaking` or `any`"
                    )));
                }
            };
            diff(old, new, format, fail_on, out, err)
        }
        other => {
            let hint = match crate::suggest(other, SUBCOMMANDS.iter().copied()) {
                Some(s) => format!(" (did you mean `{s}`?)"),
                None => String::new(),
            };
            Err(Failure::Usage(format!(
                "unknown subcommand `{other}`{hint}; subcommands: check, render, list, diff, drift"
            )))
        }
    }
}

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

/// The arguments after the subcommand: positionals, `--name value` (or `--name=value`)
/// options, and flags.
struct Parsed<'a> {
    positional: Vec<&'a str>,
    values: BTreeMap<&'static str, &'a str>,
    flags: Vec<&'static str>,
}

impl<'a> Parsed<'a> {
    fn new(
        args: &'a [String],
        with_value: &[&'static str],
        flags: &[&'static str],
    ) -> Result<Self, Failure> {
        let mut p = Parsed {
            positional: Vec::new(),
            values: BTreeMap::new(),
            flags: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if arg == "--" {
                p.positional.extend(iter.by_ref().map(String::as_str));
                break;
            }
            if !arg.starts_with("--") {
                p.positional.push(arg);
                continue;
            }
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (arg.as_str(), None),
            };
            if let Some(&known) = with_value.iter().find(|o| **o == name) {
                let value = match inline {
                    Some(v) => v,
                    None => iter
                        .next()
                        .map(String::as_str)
                        .ok_or_else(|| Failure::Usage(format!("`{name}` needs a value")))?,
                };
                if p.values.insert(known, value).is_some() {
                    return Err(Failure::Usage(format!("`{name}` is given twice")));
                }
            } else if let Some(&known) = flags.iter().find(|f| **f == name) {
                if inline.is_some() {
                    return Err(Failure::Usage(format!("`{name}` takes no value")));
                }
                p.flags.push(known);
            } else {
                let known: Vec<&str> = with_value.iter().chain(flags).copied().collect();
                let hint = match crate::suggest(name, known.iter().copied()) {
                    Some(s) => format!(" (did you mean `{s}`?)"),
                    None if known.is_empty() => " (this subcommand takes no options)".to_owned(),
                    None => format!(" (options: {})", known.join(", ")),
                };
                return Err(Failure::Usage(format!("unknown option `{name}`{hint}")));
            }
        }
        Ok(p)
    }

    fn value(&self, name: &str) -> Option<&'a str> {
        self.values.get(name).copied()
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }

    /// The one optional positional: the spec directory.
    fn spec_dir(&self) -> Result<&'a str, Failure> {
        match self.positional.as_slice() {
            [] => Ok("spec"),
            [dir] => Ok(dir),
            more => Err(Failure::Usage(format!(
                "one spec directory expected, {} given",
                more.len()
            ))),
        }
    }
}

/// Loads a spec, printing its problems when it has some.
fn load(dir: &str, err: &mut dyn Write) -> Result<Result<Spec, i32>, Failure> {
    match crate::load_dir(Path::new(dir)) {
        Ok(spec) => Ok(Ok(spec)),
        Err(report) => {
            writeln!(err, "{report}")?;
            Ok(Err(PROBLEMS))
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn check(dir: &str, format: Format, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    use crate::review::{Finding, Severity, report_findings, to_github, to_json};
    let annotate = |findings: &[Finding], out: &mut dyn Write| -> io::Result<()> {
        match format {
            Format::Json => write!(out, "{}", to_json(findings)),
            _ => write!(out, "{}", to_github(findings)),
        }
    };
    let spec = match crate::load_dir(Path::new(dir)) {
        Ok(spec) => spec,
        Err(report) if format == Format::Text => {
            writeln!(err, "{report}")?;
            return Ok(PROBLEMS);
        }
        Err(report) => {
            annotate(&report_findings(&report), out)?;
            return Ok(PROBLEMS);
        }
    };
    // The build emits too: a spec that loads but cannot be emitted would still fail it.
    if let Err(e) = crate::emit(&spec) {
        if format == Format::Text {
            writeln!(err, "error: {e}")?;
        } else {
            let finding = Finding {
                kind: "emit_error",
                severity: Severity::Error,
                pos: None,
                message: e,
            };
            annotate(&[finding], out)?;
        }
        return Ok(PROBLEMS);
    }
    if format != Format::Text {
        annotate(&[], out)?;
        return Ok(OK);
    }
    writeln!(
        out,
        "{dir}: {}, {}, no problems",
        plural(spec.types.len(), "type"),
        plural(spec.commands.len(), "command")
    )?;
    Ok(OK)
}

fn render(dir: &str, to: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let spec = match load(dir, err)? {
        Ok(spec) => spec,
        Err(code) => return Ok(code),
    };
    let output = match crate::emit(&spec) {
        Ok(o) => o,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(PROBLEMS);
        }
    };
    let Some(to) = to else {
        out.write_all(output.render().as_bytes())?;
        return Ok(OK);
    };
    let to = Path::new(to);
    std::fs::create_dir_all(to)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", to.display())))?;
    for (name, source) in &output.files {
        let path = to.join(name);
        std::fs::write(&path, source).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
        })?;
    }
    writeln!(
        err,
        "wrote {} to {}",
        output
            .files
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", "),
        to.display()
    )?;
    Ok(OK)
}

fn list(dir: &str, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let spec = match load(dir, err)? {
        Ok(spec) => spec,
        Err(code) => return Ok(code),
    };
    for c in &spec.commands {
        writeln!(out, "{}", list_line(&spec, c))?;
    }
    Ok(OK)
}

/// `domainRegister domain:domain* period:period=1`, `domainsSetDNS [domainSetDNS by id]`.
pub fn list_line(spec: &Spec, c: &Command) -> String {
    let mut line = c.def.name.name.clone();
    match &c.shape {
        Shape::Single(args) => {
            for a in args {
                line.push(' ');
                line.push_str(&arg_text(spec, a));
            }
        }
        Shape::Bulk { item, key } => {
            line.push_str(&format!(" [{}", spec.commands[*item].def.name.name));
            if let Some(k) = key {
                line.push_str(&format!(" by {k}"));
            }
            line.push(']');
        }
    }
    line
}

fn arg_text(spec: &Spec, a: &Arg) -> String {
    let name = &a.name.name;
    let required = if a.required { "*" } else { "" };
    match &a.kind {
        ArgKind::Type(t) => {
            let mut s = format!("{name}:{}", t.name);
            if let Some(e) = spec.enum_of(a).filter(|e| e.other.is_none()) {
                s.push_str(&format!("({})", e.wire_values().join("|")));
            }
            s.push_str(required);
            if let Some(d) = &a.default {
                if d.is_empty() || d.contains(char::is_whitespace) {
                    s.push_str(&format!("={d:?}"));
                } else {
                    s.push_str(&format!("={d}"));
                }
            }
            s
        }
        ArgKind::MapOf(t) => format!("{name}:map<{}>{required}", t.name),
        ArgKind::Array { fields, flatten } => format!(
            "{}{name}:[{}]{required}",
            if *flatten { ".." } else { "" },
            fields
                .iter()
                .map(|f| arg_text(spec, f))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn drift(doc: &str, dir: &str, show: bool, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let spec = match load(dir, err)? {
        Ok(spec) => spec,
        Err(code) => return Ok(code),
    };
    if show {
        let list = crate::drift::corrections(&spec);
        for line in &list {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "{}", plural(list.len(), "correction"))?;
        return Ok(OK);
    }
    let text = match std::fs::read_to_string(doc) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "error: {doc}: cannot read: {e}")?;
            return Ok(USAGE_ERROR);
        }
    };
    let parsed = match crate::drift::parse(&text) {
        Ok(d) => d,
        Err(e) => {
            writeln!(err, "{doc}:{}: error: {}", e.line, e.message)?;
            return Ok(USAGE_ERROR);
        }
    };
    let found = crate::drift::drift(&spec, &parsed);
    for d in &found {
        if d.line > 0 {
            writeln!(out, "{doc}:{}: {}", d.line, d.message)?;
        } else {
            writeln!(out, "{dir}: {}", d.message)?;
        }
        if let Some(y) = &d.yaml {
            writeln!(
                out,
                "  paste into spec/commands/:
{y}"
            )?;
        }
    }
    if found.is_empty() {
        writeln!(
            out,
            "no drift: {} and {} match the document ({})",
            plural(spec.commands.len(), "command"),
            plural(spec.types.len(), "type"),
            plural(
                crate::drift::corrections(&spec).len(),
                "recorded correction"
            )
        )?;
        Ok(OK)
    } else {
        writeln!(out, "drift: {}", plural(found.len(), "difference"))?;
        Ok(PROBLEMS)
    }
}

fn diff(
    old: &str,
    new: &str,
    format: Format,
    fail_on: FailOn,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    use crate::review::{diff_findings, report_findings, to_github, to_json};
    let loaded = [old, new].map(|dir| crate::load_dir(Path::new(dir)));
    let [old, new] = match loaded {
        [Ok(old), Ok(new)] => [old, new],
        reports => {
            let reports = reports.iter().filter_map(|r| r.as_ref().err());
            let findings: Vec<_> = reports.clone().flat_map(report_findings).collect();
            match format {
                Format::Github => write!(out, "{}", to_github(&findings))?,
                Format::Json => write!(out, "{}", to_json(&findings))?,
                Format::Text | Format::Markdown => {
                    for report in reports {
                        writeln!(err, "{report}")?;
                    }
                }
            }
            return Ok(PROBLEMS);
        }
    };
    let d = crate::diff(&old, &new);
    match format {
        Format::Text => write!(out, "{}", d.to_text())?,
        Format::Markdown => write!(out, "{}", d.to_markdown())?,
        Format::Github => write!(out, "{}", to_github(&diff_findings(&d)))?,
        Format::Json => write!(out, "{}", to_json(&diff_findings(&d)))?,
    }
    let fails = match fail_on {
        FailOn::Never => false,
        FailOn::Breaking => d.is_breaking(),
        FailOn::Any => !d.is_empty(),
    };
    Ok(if fails { BREAKING } else { OK })
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
            (
                &["chek"],
                "unknown subcommand `chek` (did you mean `check`?)",
            ),
            (
                &["diff", "a"],
                "`diff` takes two spec directories, OLD and NEW; 1 given",
            ),
            (&["diff", "a", "b", "c"], "3 given"),
            (
                &["diff", "a", "b", "--format", "yaml"],
                "unknown format `yaml`",
            ),
            (
                &["diff", "a", "b", "--fail-on-breakin"],
                "did you mean `--fail-on-breaking`?",
            ),
            (
                &["diff", "a", "b", "--fail-on-breaking=1"],
                "takes no value",
            ),
            (&["render", "--out"], "`--out` needs a value"),
            (
                &["render", "--out", "a", "--out=b"],
                "`--out` is given twice",
            ),
            (&["check", "a", "b"], "one spec directory expected, 2 given"),
            (&["list", "--verbose"], "this subcommand takes no options"),
        ];
        for (args, expected) in cases {
            let (code, out, err) = run_args(args);
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(out.is_empty(), "{args:?}: {out}");
            assert!(err.contains(expected), "{args:?}: {err}");
            assert!(
                err.contains("hint: run `domaincontext-codegen --help`"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_missing_directory_is_a_problem_not_a_usage_error() {
        let (code, _, err) = run_args(&["check", "/nonexistent/spec"]);
        assert_eq!(code, 1);
        assert!(err.contains("cannot read"), "{err}");
    }
}
