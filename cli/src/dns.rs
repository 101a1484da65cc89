//! `dns export|plan|apply`: DNS as code over the library's [`Zone`] and [`Plan`]. Export
//! writes YAML through the answer printer's YAML writer; plan exits 0 with nothing to do,
//! 2 with changes, 1 on error (Terraform's `-detailed-exitcode`); apply refuses a plan
//! above the safety share unless `--force`, and asks first unless `--yes`.

use std::io::IsTerminal;

use clap::{Arg, ArgAction, ArgMatches, Command};
use domaincontext::dns::{ApplyOptions, DEFAULT_MAX_SHARE, Plan, Zone};
use domaincontext::requests::DomainsSetDns;
use domaincontext::types::Domain;
use serde_json::{Map, Value, json};

use crate::format::{Format, render};
use crate::session::{Session, confirm, failed, note, print_prepared};
use crate::{API_ERROR, OK, USAGE, out, zonefile};

/// `dns plan`'s status when the plan has changes.
const CHANGES: u8 = 2;

/// The `dns` subcommand.
pub fn command() -> Command {
    let file = || {
        Arg::new("file")
            .required(true)
            .value_name("FILE")
            .help("The zone file (YAML)")
    };
    Command::new("dns")
        .about("DNS as code: export zones to a YAML file, plan and apply its changes")
        .subcommand_required(true)
        .subcommand(
            Command::new("export")
                .about("Write the zones of DOMAINs as YAML, sorted and stable")
                .arg(Arg::new("domain").required(true).num_args(1..).value_name("DOMAIN"))
                .arg(
                    Arg::new("output")
                        .long("output")
                        .short('o')
                        .value_name("FILE")
                        .help("Write to FILE instead of standard output"),
                ),
        )
        .subcommand(
            Command::new("plan")
                .about("Show what applying FILE would change; exit 0 nothing to do, 2 changes, 1 error")
                .arg(file())
                .arg(
                    Arg::new("format")
                        .long("format")
                        .value_parser(["text", "markdown"])
                        .default_value("text")
                        .help("text (coloured on a terminal) or markdown"),
                ),
        )
        .subcommand(
            Command::new("apply")
                .about("Apply FILE's changes through domainsSetDNS, after showing them")
                .after_help("Only the domains FILE names are touched, and in them only the records of the types it manages\nthat it does not mark `ignore: true`. A plan that updates or deletes more than 30 % of a zone's\nrecords (zones of 10 records or more, octoDNS's rule) is refused unless --force. Without --yes, a terminal is asked; a script must give --yes.")
                .arg(file())
                .arg(Arg::new("yes").long("yes").short('y').action(ArgAction::SetTrue).help("Apply without asking"))
                .arg(Arg::new("force").long("force").action(ArgAction::SetTrue).help("Apply even above the share"))
                .arg(
                    Arg::new("max-share")
                        .long("max-share")
                        .value_name("PERCENT")
                        .value_parser(clap::value_parser!(u8).range(0..=100))
                        .help("The per cent of a zone's records updates plus deletes may touch (default 30)"),
                ),
        )
}

/// Runs `dns <sub>`.
pub async fn run(m: &ArgMatches, sub: &ArgMatches) -> u8 {
    match sub.subcommand() {
        Some(("export", a)) => export(m, a).await,
        Some(("plan", a)) => plan(m, a).await,
        Some(("apply", a)) => apply(m, a).await,
        _ => USAGE,
    }
}

async fn export(m: &ArgMatches, a: &ArgMatches) -> u8 {
    let mut domains = Vec::new();
    for d in a.get_many::<String>("domain").into_iter().flatten() {
        match d.parse::<Domain>() {
            Ok(d) => domains.push(d),
            Err(e) => {
                out::error(&format!("{d}: {e} (nothing was sent)"));
                return USAGE;
            }
        }
    }
    domains.sort_by_key(|d| d.to_string());
    domains.dedup();
    let session = match Session::start(m).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let mut zones = Vec::new();
    for d in &domains {
        match session.client.dns_export(d).await {
            Ok(z) => zones.push(z),
            Err(e) => {
                let status = failed(&e);
                return session.finish(status).await;
            }
        }
    }
    let text = yaml(&zones);
    let status = match a.get_one::<String>("output") {
        Some(path) => match std::fs::write(path, &text) {
            Ok(()) => OK,
            Err(e) => {
                out::error(&format!("cannot write {path}: {e}"));
                crate::TRANSPORT
            }
        },
        None => match out::print(&text) {
            Ok(()) => OK,
            Err(e) => e.report(),
        },
    };
    session.finish(status).await
}

/// The zones as the zone file's YAML: one map a domain, records sorted.
pub fn yaml(zones: &[Zone]) -> String {
    let mut root = Map::new();
    for z in zones {
        let records: Vec<Value> = z
            .records
            .iter()
            .map(|r| {
                let mut v = json!({"name": r.name.as_str(), "type": r.kind.as_str(), "value": r.value.as_str()});
                if let Some(t) = r.ttl {
                    v["ttl"] = json!(t.get());
                }
                if let Some(p) = r.priority {
                    v["priority"] = json!(p.get());
                }
                v
            })
            .collect();
        root.insert(z.domain.to_string(), json!({ "records": records }));
    }
    let json = Value::Object(root).to_string();
    // The YAML writer takes any valid JSON text; a tabular refusal cannot happen here.
    render(Format::Yaml, &json).unwrap_or(json)
}

/// Reads the zone file and plans it; the error status when it cannot.
async fn planned(session: &Session, path: &str, bad_file: u8) -> Result<Plan, u8> {
    let zones = match zonefile::read(path) {
        Ok(z) => z,
        Err(problems) => {
            for p in &problems {
                out::error(p);
            }
            out::error(&format!(
                "{} problem(s) in {path} (nothing was sent)",
                problems.len()
            ));
            return Err(bad_file);
        }
    };
    session
        .client
        .dns_plan(&zones)
        .await
        .map_err(|e| failed(&e))
}

async fn plan(m: &ArgMatches, a: &ArgMatches) -> u8 {
    let Some(path) = a.get_one::<String>("file") else {
        return USAGE;
    };
    let session = match Session::start(m).await {
        Ok(s) => s,
        Err(_) => return API_ERROR,
    };
    let status = match planned(&session, path, API_ERROR).await {
        // Terraform's convention: any error is 1, whatever its kind.
        Err(_) => API_ERROR,
        Ok(plan) => {
            let text = match a.get_one::<String>("format").map(String::as_str) {
                Some("markdown") => markdown(&plan),
                _ => text(&plan, colour()),
            };
            match out::print(&text) {
                Ok(()) if plan.is_empty() => OK,
                Ok(()) => CHANGES,
                Err(e) => e.report(),
            }
        }
    };
    session.finish(status).await
}

async fn apply(m: &ArgMatches, a: &ArgMatches) -> u8 {
    let Some(path) = a.get_one::<String>("file") else {
        return USAGE;
    };
    let options = ApplyOptions {
        max_share: a
            .get_one::<u8>("max-share")
            .map_or(DEFAULT_MAX_SHARE, |p| f64::from(*p) / 100.0),
        force: a.get_flag("force"),
        ..ApplyOptions::default()
    };
    let session = match Session::start(m).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let status = apply_with(&session, path, a.get_flag("yes"), &options).await;
    session.finish(status).await
}

async fn apply_with(session: &Session, path: &str, yes: bool, options: &ApplyOptions) -> u8 {
    let plan = match planned(session, path, USAGE).await {
        Ok(p) => p,
        Err(status) => return status,
    };
    // The plan goes to stderr: stdout is kept for --dry-run's request.
    for line in text(&plan, std::io::stderr().is_terminal() && colour_allowed()).lines() {
        out::eprint_line(line);
    }
    if plan.is_empty() {
        return OK;
    }
    if !options.force {
        if let Err(e) = plan.check_share(options) {
            return failed(&e);
        }
    }
    if session.dry_run {
        let request = DomainsSetDns::new(plan.items());
        return print_prepared(&session.client, &request);
    }
    if !confirm(yes, "apply these changes?") {
        out::error("not applied: give --yes to apply without a question (nothing was sent)");
        return USAGE;
    }
    let forced = ApplyOptions {
        force: true,
        ..*options
    };
    let applied = match session.client.dns_apply(&plan, &forced).await {
        Ok(a) => a,
        Err(e) => return failed(&e),
    };
    let mut status = OK;
    for (domain, outcome) in &applied.zones {
        match &outcome.result {
            Ok(_) => note(session.quiet, &format!("applied {domain}")),
            Err(e) => {
                out::error(&format!("{domain}: {e}"));
                status = if e.sent() == domaincontext::Sent::No {
                    crate::TRANSPORT
                } else {
                    API_ERROR
                };
            }
        }
    }
    status
}

fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Colour on a terminal, unless `NO_COLOR` is set.
fn colour() -> bool {
    std::io::stdout().is_terminal() && colour_allowed()
}

/// The plan as text (the library's), escaped for the terminal, its change lines coloured
/// when `colour`: green creates, yellow updates, red deletes.
pub fn text(plan: &Plan, colour: bool) -> String {
    let mut s = String::new();
    for line in plan.to_string().lines() {
        let line = crate::escape::escape(line);
        let code = match line.trim_start().chars().next() {
            Some('+') if line.starts_with("  ") => Some("32"),
            Some('~') if line.starts_with("  ") => Some("33"),
            Some('-') if line.starts_with("  ") => Some("31"),
            _ => None,
        };
        match code {
            Some(c) if colour => s.push_str(&format!("\x1b[{c}m{line}\x1b[0m\n")),
            _ => {
                s.push_str(&line);
                s.push('\n');
            }
        }
    }
    s
}

/// The plan as markdown: a heading a domain with changes, a list item a change.
pub fn markdown(plan: &Plan) -> String {
    use domaincontext::dns::Change;
    let code = |r: &domaincontext::dns::Record| format!("`{}`", r.to_string().replace('`', "'"));
    let mut s = String::new();
    for z in plan.zones.iter().filter(|z| !z.changes.is_empty()) {
        s.push_str(&format!("### {}\n\n", z.domain));
        for c in &z.changes {
            let line = match c {
                Change::Create(r) => format!("- **create** {}", code(r)),
                Change::Update { from, to, .. } => {
                    format!("- **update** {} → {}", code(from), code(to))
                }
                Change::Delete { record, .. } => format!("- **delete** {}", code(record)),
            };
            s.push_str(&line);
            s.push('\n');
        }
        s.push('\n');
    }
    let (c, u, d) = plan.counts();
    s.push_str(&format!(
        "**{c} to create, {u} to update, {d} to delete**\n"
    ));
    s
}
