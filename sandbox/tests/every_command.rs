//! Every command of the spec answers: for a generated valid call (with every argument, and
//! with the required ones only) a success or an `_error`, and for invalid calls an
//! `_error`, always as JSON with HTTP 200: never a 404, a 500 or an unreadable body.

mod support;

use domaincontext::registry::COMMANDS;
use domaincontext::{ArgKind, ErrorKind, Request, type_info};
use serde_json::Value;
use support::*;

#[tokio::test]
async fn every_command_answers_a_generated_valid_call() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    assert!(!COMMANDS.is_empty(), "the spec has no commands");
    let mut successes = 0;
    let mut refusals = 0;
    for info in COMMANDS.iter() {
        for all in [true, false] {
            let args = info.example_args(all);
            let request = Request::from_args(info.name, &args).unwrap_or_else(|e| {
                panic!("{}: generated arguments {args} refused: {e}", info.name)
            });
            match c.call(&request).await {
                Ok(_) => successes += 1,
                Err(e) => {
                    assert_eq!(e.kind(), ErrorKind::Api, "{} {args}: {e}", info.name);
                    let message = e
                        .api_error()
                        .map(|a| a.message().to_owned())
                        .unwrap_or_default();
                    assert!(!message.is_empty(), "{}: an empty _error", info.name);
                    assert!(
                        !message.contains("not simulated"),
                        "{} has no handler in the sandbox",
                        info.name
                    );
                    refusals += 1;
                }
            }
        }
    }
    println!(
        "{successes} successes, {refusals} refusals over {} commands",
        COMMANDS.len()
    );
    assert!(
        successes > COMMANDS.len() / 2,
        "too few generated calls succeed: {successes}"
    );
    sandbox.shutdown().await;
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
