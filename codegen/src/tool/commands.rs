//! What each subcommand of the tool does once its arguments are parsed: check, render,
//! list, drift and diff, each writing to the given output and error streams.

use std::io::{self, Write};
use std::path::Path;

use super::{BREAKING, Exit, FailOn, Failure, Format, OK, PROBLEMS, USAGE_ERROR};
use crate::model::{Arg, ArgKind, Command, Shape, Spec};

/// Loads a spec; when it has problems, prints them and fails with exit status 1.
fn load(dir: &str, err: &mut dyn Write) -> Result<Spec, Failure> {
    match crate::load_dir(Path::new(dir)) {
        Ok(spec) => Ok(spec),
        Err(report) => {
            writeln!(err, "{report}")?;
            Err(Failure::Reported(PROBLEMS))
        }
    }
}

/// `render --format seed`: the spec written as the provider's document.
pub(super) fn render_seed(dir: &str, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let spec = load(dir, err)?;
    write!(out, "{}", crate::drift::render_seed(&spec))?;
    Ok(OK)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub(super) fn check(dir: &str, format: Format, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
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

pub(super) fn render(
    dir: &str,
    to: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let spec = load(dir, err)?;
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

pub(super) fn list(dir: &str, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let spec = load(dir, err)?;
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

pub(super) fn drift(
    doc: &str,
    dir: &str,
    show: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let spec = load(dir, err)?;
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

pub(super) fn diff(
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
