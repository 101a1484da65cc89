//! `acme present|cleanup`: the DNS-01 hook of lego's `exec` provider
//! (`present FQDN VALUE`) and of certbot's manual hooks (no arguments; `CERTBOT_DOMAIN` and
//! `CERTBOT_VALIDATION` in the environment). Adds or removes exactly one TXT record.

use clap::{Arg, ArgMatches, Command};
use domaincontext::dns::{Challenge, ChallengeOutcome};

use crate::session::{Session, chain, failed, note, print_prepared, refused};
use crate::{OK, USAGE};

const AFTER: &str = "\
lego:    EXEC_PATH=/path/to/hook.sh lego --dns exec ...   (hook.sh runs: domaincontext acme \"$@\")
certbot: certbot certonly --manual --preferred-challenges dns \\
           --manual-auth-hook 'domaincontext acme present' \\
           --manual-cleanup-hook 'domaincontext acme cleanup' -d example.com
Without FQDN and VALUE, CERTBOT_DOMAIN and CERTBOT_VALIDATION are read.";

/// The `acme` subcommand.
pub fn command() -> Command {
    let action = |name: &'static str, about: &'static str| {
        Command::new(name)
            .about(about)
            .after_help(AFTER)
            .arg(
                Arg::new("fqdn")
                    .value_name("FQDN")
                    .help("The record's name, e.g. _acme-challenge.example.com."),
            )
            .arg(
                Arg::new("value")
                    .value_name("VALUE")
                    .requires("fqdn")
                    .help("The TXT value"),
            )
    };
    Command::new("acme")
        .about("ACME DNS-01 hook for lego (exec) and certbot (manual hooks)")
        .subcommand_required(true)
        .subcommand(action("present", "Add the challenge's TXT record"))
        .subcommand(action(
            "cleanup",
            "Remove the challenge's TXT record, and no other",
        ))
}

/// The challenge from the arguments (lego) or the environment (certbot).
fn challenge(a: &ArgMatches) -> Result<Challenge, String> {
    match (a.get_one::<String>("fqdn"), a.get_one::<String>("value")) {
        (Some(fqdn), Some(value)) => Challenge::new(fqdn, value).map_err(|e| chain(&e)),
        (Some(_), None) => Err("give both FQDN and VALUE".to_owned()),
        _ => {
            let var = |n: &str| {
                std::env::var(n).map_err(|_| {
                    format!("give FQDN and VALUE, or set CERTBOT_DOMAIN and CERTBOT_VALIDATION ({n} is not set)")
                })
            };
            Challenge::for_domain(&var("CERTBOT_DOMAIN")?, &var("CERTBOT_VALIDATION")?)
                .map_err(|e| chain(&e))
        }
    }
}

/// Runs `acme <sub>`.
pub async fn run(m: &ArgMatches, sub: &ArgMatches) -> u8 {
    let Some((action, a)) = sub.subcommand() else {
        return USAGE;
    };
    let present = action == "present";
    let challenge = match challenge(a) {
        Ok(c) => c,
        Err(e) => return refused(&e),
    };
    let session = match Session::start(m).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let status = act(&session, &challenge, present).await;
    session.finish(status).await
}

async fn act(session: &Session, challenge: &Challenge, present: bool) -> u8 {
    let client = &session.client;
    let result = if session.dry_run {
        client.acme_plan(challenge, present).await
    } else if present {
        client.acme_present(challenge).await
    } else {
        client.acme_cleanup(challenge).await
    };
    match result {
        Ok(outcome) if session.dry_run => dry_run(session, &outcome),
        Ok(outcome) => {
            let what = match (present, outcome.request.is_some()) {
                (true, true) => "added",
                (true, false) => "already present:",
                (false, true) => "removed",
                (false, false) => "already gone:",
            };
            note(
                session.quiet,
                &format!("{what} TXT {} in {}", outcome.name, outcome.domain),
            );
            OK
        }
        Err(e) => failed(&e),
    }
}

fn dry_run(session: &Session, outcome: &ChallengeOutcome) -> u8 {
    let Some(request) = &outcome.request else {
        note(session.quiet, "nothing to do");
        return OK;
    };
    print_prepared(&session.client, request)
}
