//! `domains expiring|renew-expiring|export`: the portfolio as a whole, paged through
//! `domainsSearch` and never truncated. The window counts from today (the sandbox's own
//! date under `--sandbox`, or `--today`).

use clap::{Arg, ArgAction, ArgMatches, Command};
use domaincontext::Client;
use domaincontext::answers::DomainInfo;
use domaincontext::jiff::Span;
use domaincontext::jiff::civil::Date;
use domaincontext::types::Period;
use serde_json::{Value, json};

use crate::format::{Format, render};
use crate::session::{Session, chain, confirm, note, refused, status_of};
use crate::{API_ERROR, OK, USAGE, out};

/// The `domains` subcommand.
pub fn command() -> Command {
    let within = || {
        Arg::new("within")
            .long("within")
            .required(true)
            .value_name("SPAN")
            .help("The window from today: 30d, 2w, 3mo, 1y (expired domains are included)")
    };
    let today = || {
        Arg::new("today")
            .long("today")
            .value_name("YYYY-MM-DD")
            .help("Count from this date (default: today in UTC; the sandbox's date with --sandbox)")
    };
    let output = |default: &'static str| {
        Arg::new("output")
            .long("output")
            .short('o')
            .value_parser(["table", "csv", "json"])
            .default_value(default)
            .help("The format of the list")
    };
    Command::new("domains")
        .about("The portfolio: domains expiring soon, their renewal, and an export of all")
        .subcommand_required(true)
        .subcommand(
            Command::new("expiring")
                .about("List the domains expiring within the window, soonest first")
                .arg(within())
                .arg(today())
                .arg(output("table"))
                .arg(
                    Arg::new("fail-if-any")
                        .long("fail-if-any")
                        .action(ArgAction::SetTrue)
                        .help("Exit with status 1 when any domain is listed (for monitoring)"),
                ),
        )
        .subcommand(
            Command::new("renew-expiring")
                .about("Renew every domain expiring within the window, once, with the expires guard")
                .arg(within())
                .arg(today())
                .arg(
                    Arg::new("period")
                        .long("period")
                        .value_name("YEARS")
                        .default_value("1")
                        .help("Years to renew each for (1 to 10)"),
                )
                .arg(Arg::new("yes").long("yes").short('y').action(ArgAction::SetTrue).help("Renew without asking")),
        )
        .subcommand(
            Command::new("export")
                .about("Every domain: state, expires, autorenewal, lock, whois protection, name servers")
                .arg(output("csv")),
        )
}

/// Runs `domains <sub>`.
pub async fn run(m: &ArgMatches, sub: &ArgMatches) -> u8 {
    let Some((name, a)) = sub.subcommand() else {
        return USAGE;
    };
    let session = match Session::start(m).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let status = match name {
        "expiring" => expiring(&session, format(m, a), a).await,
        "renew-expiring" => renew(&session, a).await,
        "export" => export(&session, format(m, a)).await,
        _ => USAGE,
    };
    session.finish(status).await
}

/// The list's format: the subcommand's `-o`, else the global `-o` when it is one the
/// list has (table, csv, json), else the subcommand's default.
fn format<'a>(m: &'a ArgMatches, a: &'a ArgMatches) -> &'a str {
    let own = a
        .get_one::<String>("output")
        .map_or("table", String::as_str);
    if a.value_source("output") == Some(clap::parser::ValueSource::CommandLine) {
        return own;
    }
    match m.get_one::<String>("output").map(String::as_str) {
        Some(g @ ("table" | "csv" | "json")) => g,
        _ => own,
    }
}

/// Today, and the last day of the window.
fn window(session: &Session, a: &ArgMatches) -> Result<(Date, Date), String> {
    let today = match a
        .get_one::<String>("today")
        .cloned()
        .or_else(|| session.sandbox_today())
    {
        Some(t) => t
            .parse::<Date>()
            .map_err(|e| format!("--today must be a date YYYY-MM-DD: {e}"))?,
        None => domaincontext::jiff::Timestamp::now()
            .to_zoned(domaincontext::jiff::tz::TimeZone::UTC)
            .date(),
    };
    let text = a.get_one::<String>("within").map_or("", String::as_str);
    let span: Span = text
        .parse()
        .map_err(|_| format!("--within must be a span such as 30d, 2w, 3mo or 1y, got {text:?}"))?;
    if span.is_negative() {
        return Err(format!("--within must not be negative, got {text:?}"));
    }
    let until = today
        .checked_add(span)
        .map_err(|e| format!("--within {text:?}: {e}"))?;
    Ok((today, until))
}

/// The domains in the window; the error status after printing why.
async fn listed(client: &Client, until: Date) -> Result<Vec<DomainInfo>, u8> {
    client.domains_expiring(until).await.map_err(|e| {
        out::error(&chain(&e));
        status_of(&e)
    })
}

fn text(v: &Option<impl ToString>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Prints `rows` (a JSON array) in `format`.
fn show(format: &str, rows: Vec<Value>) -> u8 {
    let json = Value::Array(rows).to_string();
    let format = match format {
        "csv" => Format::Csv,
        "json" => Format::Json,
        _ => Format::Table,
    };
    // An empty list has no columns: json says `[]`, table and csv print nothing.
    let body = if json == "[]" && format != Format::Json {
        Ok(String::new())
    } else {
        render(format, &json)
    };
    match body {
        Ok(t) => match out::print(&t) {
            Ok(()) => OK,
            Err(e) => e.report(),
        },
        Err(e) => {
            out::error(&e.to_string());
            USAGE
        }
    }
}

async fn expiring(session: &Session, format: &str, a: &ArgMatches) -> u8 {
    let (today, until) = match window(session, a) {
        Ok(w) => w,
        Err(e) => return refused(&e),
    };
    let rows = match listed(&session.client, until).await {
        Ok(r) => r,
        Err(status) => return status,
    };
    let found = !rows.is_empty();
    let json: Vec<Value> = rows
        .iter()
        .map(|d| {
            let days = d
                .expires
                .and_then(|e| today.until(e).ok())
                .map(|s| s.get_days());
            json!({
                "domain": text(&d.domain),
                "expires": text(&d.expires),
                "days_left": days,
                "state": text(&d.state),
                "autorenewal": d.autorenewal,
            })
        })
        .collect();
    let status = show(format, json);
    if status == OK && found && a.get_flag("fail-if-any") {
        return API_ERROR;
    }
    status
}

async fn renew(session: &Session, a: &ArgMatches) -> u8 {
    let checked = window(session, a).and_then(|w| {
        let period = a.get_one::<String>("period").map_or("1", String::as_str);
        let period = period
            .parse::<Period>()
            .map_err(|e| format!("--period: {e}"))?;
        Ok((w, period))
    });
    let ((_, until), period) = match checked {
        Ok(c) => c,
        Err(e) => return refused(&e),
    };
    let rows = match listed(&session.client, until).await {
        Ok(r) => r,
        Err(status) => return status,
    };
    if rows.is_empty() {
        note(session.quiet, "no domain expires in the window");
        return OK;
    }
    if session.dry_run {
        let mut text = String::new();
        for d in &rows {
            match Client::renewal_request(d, period).map(|r| session.client.prepare(&r)) {
                Some(Ok(p)) => text.push_str(&format!("{p}\n")),
                None => {}
                Some(Err(e)) => {
                    out::error(&chain(&e));
                    return USAGE;
                }
            }
        }
        return match out::print(&text) {
            Ok(()) => OK,
            Err(e) => e.report(),
        };
    }
    for d in &rows {
        note(
            session.quiet,
            &format!(
                "to renew: {} (expires {})",
                text(&d.domain),
                text(&d.expires)
            ),
        );
    }
    if !confirm(
        a.get_flag("yes"),
        &format!("renew these {} domains?", rows.len()),
    ) {
        out::error("not renewed: give --yes to renew without a question (nothing was sent)");
        return USAGE;
    }
    let mut status = OK;
    let mut report = Vec::new();
    for o in session.client.renew_each(&rows, period).await {
        let (result, expires, error) = match &o.result {
            Ok(r) => ("renewed", text(&r.expires), String::new()),
            Err(e) => {
                status = status.max(status_of(e));
                ("failed", String::new(), chain(e))
            }
        };
        report.push(json!({
            "domain": o.domain.to_string(),
            "result": result,
            "expired": o.expires.to_string(),
            "expires": expires,
            "error": error,
        }));
    }
    let shown = show("table", report);
    if status == OK { shown } else { status }
}

async fn export(session: &Session, format: &str) -> u8 {
    let rows = match session.client.domains_all().await {
        Ok(r) => r,
        Err(e) => {
            out::error(&chain(&e));
            return status_of(&e);
        }
    };
    let mut json: Vec<(String, Value)> = rows
        .iter()
        .map(|d| {
            let name = text(&d.domain);
            let row = json!({
                "domain": name,
                "state": text(&d.state),
                "expires": text(&d.expires),
                "autorenewal": d.autorenewal,
                "lock": d.is_secured,
                "whois_protection": d.whois_protected,
                "nameservers": d.nameservers.as_ref().map(|n| n.join(",")).unwrap_or_default(),
            });
            (name, row)
        })
        .collect();
    json.sort_by(|x, y| x.0.cmp(&y.0));
    show(format, json.into_iter().map(|(_, v)| v).collect())
}
