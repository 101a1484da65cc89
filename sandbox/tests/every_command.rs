//! Every command of the spec answers on the sandbox: its example call (the one its help
//! shows) with a success, and invalid calls with an `_error`, always as JSON with HTTP 200:
//! never a 404, a 500 or an unreadable body.

mod support;

use domaincontext::registry::COMMANDS;
use domaincontext::{ArgKind, Request, type_info};
use serde_json::Value;
use support::*;

/// Commands whose example acts on what another command's example leaves behind (the
/// spec's examples read as one session on the starting data set): that one runs first, on
/// the same fresh sandbox, and must succeed too.
const AFTER: &[(&str, &str)] = &[
    // The contact `contactCreate`'s example makes takes the next free id, 5504300.
    ("contactDelete", "contactCreate"),
    // The certificate `certificatePurchase`'s example buys takes the next free id.
    ("certificateIssue", "certificatePurchase"),
    // The seeded server runs; powering it on needs it stopped first.
    ("serverPowerOn", "serverPowerOff"),
];

/// Calls `command` with its example arguments; the error's text when it is refused.
async fn example_call(c: &domaincontext::Client, command: &str) -> Result<(), String> {
    let info = domaincontext::command(command).unwrap_or_else(|| panic!("no command {command}"));
    let args = info.example_call();
    let request = Request::from_args(command, &args)
        .unwrap_or_else(|e| panic!("{command}: example arguments {args} refused: {e}"));
    c.call(&request)
        .await
        .map(|_| ())
        .map_err(|e| format!("{args}: {e}"))
}

#[tokio::test]
async fn every_command_succeeds_with_its_example_call() {
    assert!(
        COMMANDS.len() >= 130,
        "the spec has {} commands",
        COMMANDS.len()
    );
    let mut refused = Vec::new();
    let mut successes = 0;
    let mut prepared = 0;
    for info in COMMANDS.iter() {
        // A fresh data set each time: one command's change (a delete, a push) must not
        // decide whether the next one's example still finds its object.
        let sandbox = sandbox().await;
        let c = client(&sandbox);
        if let Some((_, first)) = AFTER.iter().find(|(name, _)| *name == info.name) {
            if let Err(e) = example_call(&c, first).await {
                panic!("{first}, run before {}: {e}", info.name);
            }
            prepared += 1;
        }
        match example_call(&c, info.name).await {
            Ok(()) => successes += 1,
            Err(e) => {
                refused.push(format!("{}: {e}", info.name));
            }
        }
        sandbox.shutdown().await;
    }
    // No exceptions: every command's example call succeeds.
    assert!(
        refused.is_empty(),
        "refused example calls:\n{}",
        refused.join("\n")
    );
    assert_eq!(successes, COMMANDS.len());
    assert_eq!(
        prepared,
        AFTER.len(),
        "a command of AFTER is not in the spec"
    );
}

fn json_error(status: u16, body: &str, what: &str) -> String {
    assert_eq!(status, 200, "{what}: HTTP {status} {body}");
    let v: Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body}"));
    v["_error"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: no _error in {body}"))
        .to_owned()
}

/// The first argument of a plain type, and an invalid value of that type.
fn invalid_first_arg(info: &domaincontext::CommandInfo) -> Option<(&'static str, &'static str)> {
    info.args.iter().find_map(|a| match a.kind {
        ArgKind::Type(t) if Some(a.name) != info.bulk_key => {
            let invalid = type_info(t)?.invalid.iter().find(|v| !v.is_empty())?;
            Some((a.name, *invalid))
        }
        _ => None,
    })
}

#[tokio::test]
async fn every_command_refuses_invalid_calls_with_an_error() {
    let sandbox = sandbox().await;
    let before = sandbox.state();
    for info in COMMANDS.iter() {
        let bulk = info.bulk_of.is_some();
        let key = |arg: &str| {
            if bulk {
                format!("0[{arg}]")
            } else {
                arg.to_owned()
            }
        };

        let form = format!("{}=1", key("zz_no_such_argument"));
        let (status, body) = post_raw(&sandbox, info.name, &form).await;
        let msg = json_error(status, &body, info.name);
        assert!(msg.contains("zz_no_such_argument"), "{}: {msg}", info.name);

        if let Some((arg, bad)) = invalid_first_arg(info) {
            let form = domaincontext::form::encode([(key(arg).as_str(), bad)]);
            let (status, body) = post_raw(&sandbox, info.name, &form).await;
            let msg = json_error(status, &body, info.name);
            assert!(msg.contains(arg), "{} {arg}={bad:?}: {msg}", info.name);
        }

        let (status, body) = get_raw(
            &sandbox,
            &format!("/{}?auth_login=demo&auth_password=x", info.name),
        )
        .await;
        assert_eq!(
            json_error(status, &body, info.name),
            "wrong login or password"
        );
    }
    assert_eq!(sandbox.state(), before, "an invalid call changed the state");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_unknown_command_answers_an_error_with_200() {
    let sandbox = sandbox().await;
    for path in [
        "/noSuchCommand",
        "/",
        "/domainsCheck/extra",
        "/DOMAINSCHECK",
    ] {
        let (status, body) = post_raw(&sandbox, path.trim_start_matches('/'), "").await;
        let msg = json_error(status, &body, path);
        assert_eq!(
            msg,
            format!("unknown command {}", path.trim_start_matches('/'))
        );
    }
    sandbox.shutdown().await;
}
