//! What the sandbox's integration tests share: a started sandbox, a client of it, and calls
//! by command name with JSON arguments.

#![allow(dead_code)]

use std::time::Duration;

use domaincontext::{Client, Error, Reply, Request, RetryPolicy};
use domaincontext_sandbox::{Config, Running};
use serde_json::Value;

/// A sandbox with the default data set.
pub async fn sandbox() -> Running {
    domaincontext_sandbox::start(Config::new())
        .await
        .expect("the sandbox starts")
}

/// A client of `running` logged in as `login`, without rate limit or retries.
pub fn client_as(running: &Running, login: &str, password: &str) -> Client {
    Client::builder()
        .base_url(running.url())
        .credentials(login, password)
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .timeout(Duration::from_secs(20))
        .build()
        .expect("a loopback client")
}

/// A client of `running` logged in as `demo`.
pub fn client(running: &Running) -> Client {
    client_as(running, "demo", "demo")
}

/// Calls `command` with `args` (the JSON tree that mirrors the form); the arguments must be
/// valid.
pub async fn call(client: &Client, command: &str, args: Value) -> Result<Value, Error> {
    let request = Request::from_args(command, &args)
        .unwrap_or_else(|e| panic!("{command}: arguments refused: {e}"));
    client.call(&request).await.map(|r| r.raw().clone())
}

/// As [`call`], for a bulk command: the whole reply.
pub async fn call_bulk(client: &Client, command: &str, args: Value) -> Result<Reply, Error> {
    let request = Request::from_args(command, &args)
        .unwrap_or_else(|e| panic!("{command}: arguments refused: {e}"));
    client.call(&request).await
}

/// Calls `command`, which must succeed.
pub async fn ok(client: &Client, command: &str, args: Value) -> Value {
    call(client, command, args)
        .await
        .unwrap_or_else(|e| panic!("{command} failed: {e}"))
}

/// Calls `command`, which the API must refuse; returns its `_error` message.
pub async fn refused(client: &Client, command: &str, args: Value) -> String {
    match call(client, command, args).await {
        Ok(v) => panic!("{command} succeeded: {v}"),
        Err(e) => e
            .api_error()
            .unwrap_or_else(|| panic!("{command}: not an API error: {e}"))
            .message()
            .to_owned(),
    }
}

/// The caller's balance, as the API shows it.
pub async fn balance(client: &Client) -> String {
    let v = ok(client, "clientGetBalance", serde_json::json!({})).await;
    v["balance"]
        .as_str()
        .unwrap_or_else(|| panic!("no balance in {v}"))
        .to_owned()
}

/// Posts a raw form to `command`, credentials included, and returns status and body.
pub async fn post_raw(running: &Running, command: &str, form: &str) -> (u16, String) {
    let body = if form.is_empty() {
        "auth_login=demo&auth_password=demo".to_owned()
    } else {
        format!("auth_login=demo&auth_password=demo&{form}")
    };
    let r = reqwest::Client::new()
        .post(format!("{}/{command}", running.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("the sandbox answers");
    let status = r.status().as_u16();
    (status, r.text().await.expect("a text body"))
}

/// GETs `path_and_query` and returns status and body.
pub async fn get_raw(running: &Running, path_and_query: &str) -> (u16, String) {
    let r = reqwest::get(format!("{}{path_and_query}", running.url()))
        .await
        .expect("the sandbox answers");
    let status = r.status().as_u16();
    (status, r.text().await.expect("a text body"))
}

/// The contact fields `contactCreate` and `clientCreate` need.
pub fn contact_fields(first_name: &str, email: &str) -> Value {
    serde_json::json!({
        "email": email,
        "first_name": first_name,
        "last_name": "Tester",
        "street1": "5 Main Street",
        "city": "Kyiv",
        "postal_code": "01001",
        "country": "ua",
        "voice_phone": "+380.441112233",
    })
}
