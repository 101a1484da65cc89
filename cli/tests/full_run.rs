//! A full run: every command of the spec, through the CLI (as flags' JSON, with GET and
//! with --dry-run too) and through the client, against the sandbox, with a distinctive
//! password; everything printed, every error and the sandbox's request log are scanned for
//! the password, which must appear nowhere.

use std::process::Command;

use domaincontext::registry::COMMANDS;
use domaincontext::{Client, Request};

const PASSWORD: &str = "Zq8-distinctive-S3cret";

async fn sandbox() -> domaincontext_sandbox::Running {
    let mut state = domaincontext_sandbox::State::default();
    state
        .clients
        .get_mut("demo")
        .expect("the demo account")
        .password = PASSWORD.to_owned();
    domaincontext_sandbox::start(domaincontext_sandbox::Config::new().data(state))
        .await
        .expect("sandbox")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_appears_nowhere() {
    let s = sandbox().await;
    let mut seen = String::new();
    let mut ok = 0;
    for info in &COMMANDS {
        let (few, all) = (
            info.example_args(false).to_string(),
            info.example_args(true).to_string(),
        );
        for (extra, args) in [
            (&[][..], &few),
            (&[][..], &all),
            (&["--get"][..], &few),
            (&["--dry-run"][..], &all),
        ] {
            let o = Command::new(env!("CARGO_BIN_EXE_domaincontext"))
                .args(["--base-url", s.url(), "--rate", "0"])
                .args(extra)
                .args([info.name, "--json", args])
                .env("DOMAINCONTEXT_LOGIN", "demo")
                .env("DOMAINCONTEXT_PASSWORD", PASSWORD)
                .output()
                .expect("run");
            if o.status.success() && extra.is_empty() {
                ok += 1;
            }
            seen.push_str(&String::from_utf8_lossy(&o.stdout));
            seen.push_str(&String::from_utf8_lossy(&o.stderr));
        }
        // The client: the answer or the error, in Display and Debug.
        let client = Client::builder()
            .base_url(s.url())
            .credentials("demo", PASSWORD)
            .rate_limit(None)
            .build()
            .expect("client");
        seen.push_str(&format!("{client:?}"));
        let request =
            Request::from_args(info.name, &info.example_args(true)).expect("valid example");
        match client.call(&request).await {
            Ok(reply) => seen.push_str(&format!("{reply:?}")),
            Err(e) => seen.push_str(&format!("{e} {e:?}")),
        }
        seen.push_str(&client.prepare(&request).expect("prepare").to_string());
    }
    // A wrong password and a transport failure, too.
    let wrong = Client::builder()
        .base_url(s.url())
        .credentials("demo", format!("{PASSWORD}x"))
        .rate_limit(None)
        .build()
        .expect("client");
    let request = Request::from_args("domainsCheck", &serde_json::json!({"domains": "a.com"}))
        .expect("valid");
    let err = wrong.call(&request).await.expect_err("wrong password");
    seen.push_str(&format!("{err} {err:?}"));
    for r in s.requests() {
        seen.push_str(&format!("{r:?}"));
    }
    assert!(
        ok >= 25,
        "only {ok} calls succeeded: the run did not exercise enough"
    );
    assert!(seen.contains("error: "), "errors were scanned too");
    assert!(seen.len() > 100_000, "{} bytes scanned", seen.len());
    assert!(
        !seen.contains(PASSWORD),
        "the password was printed or logged"
    );
    assert!(seen.contains("auth_password=***"), "dry runs were scanned");
}
