//! Test your own code against the sandbox, started in-process on 127.0.0.1: no account,
//! no network, a fresh data set for every test, and faults on demand.
//!
//! In your crate, add the sandbox as a dev-dependency
//! (`domaincontext-sandbox = "0.1"`, and `tokio` with `macros` and `rt-multi-thread`) and
//! write tests like the ones at the bottom of this file in `tests/`. `cargo test` runs them
//! here (this example has `test = true`); `cargo run --example sandbox_in_tests` runs the
//! same checks as a program.

use domaincontext::requests::{DomainRegister, DomainsCheck};
use domaincontext::types::Domain;
use domaincontext::{Client, Error};
use domaincontext_sandbox::{Config, Fault, FaultKind, Running};

/// The code under test, as it would be in your crate: registers `name` if it is free and
/// answers whether it did.
pub async fn register_if_free(client: &Client, name: &Domain) -> Result<bool, Error> {
    let availability = client
        .domains_check(&DomainsCheck::new(name.as_str().parse()?))
        .await?;
    if availability.get(name.as_str()) != Some(&true) {
        return Ok(false);
    }
    client
        .domain_register(&DomainRegister::new(name.clone()))
        .await?;
    Ok(true)
}

/// A sandbox with `config`, and a client signed in as its demo account (`demo`/`demo`,
/// with money on it). No rate limit: the sandbox bans no one.
async fn sandbox(config: Config) -> (Running, Client) {
    let sandbox = domaincontext_sandbox::start(config)
        .await
        .expect("the sandbox starts on a free port");
    // The sandbox's URL and demo account, no rate limit: what a test wants.
    let client = sandbox.client_builder().build().expect("a loopback client");
    (sandbox, client)
}

/// A free name is registered and charged; a taken one (`test.com` is, in the data set) is
/// left alone.
async fn registers_only_free_names() {
    let (sandbox, client) = sandbox(Config::new()).await;
    let balance = sandbox.state().clients["demo"].balance;

    let free: Domain = "my-new-shop.com".parse().expect("a domain");
    assert!(register_if_free(&client, &free).await.expect("registered"));
    let taken: Domain = "test.com".parse().expect("a domain");
    assert!(!register_if_free(&client, &taken).await.expect("checked"));

    // The sandbox's state is there to assert on.
    let state = sandbox.state();
    assert!(
        state
            .domains
            .values()
            .any(|d| d.domain == "my-new-shop.com" && d.client == "demo")
    );
    assert!(
        state.clients["demo"].balance < balance,
        "the registration was charged"
    );
    sandbox.shutdown().await;
}

/// A lost answer is an error whose outcome is unknown, and the registration did happen:
/// your code's handling of it can be tested too.
async fn a_lost_answer_is_an_unknown_outcome() {
    let drop_first = Fault::on("domainRegister", FaultKind::DropAfterApply).times(1);
    let (sandbox, client) = sandbox(Config::new().faults(vec![drop_first])).await;

    let name: Domain = "lost-answer.com".parse().expect("a domain");
    let error = register_if_free(&client, &name)
        .await
        .expect_err("the answer was dropped");
    assert!(error.is_outcome_unknown(), "{error}");
    assert!(
        sandbox
            .state()
            .domains
            .values()
            .any(|d| d.domain == "lost-answer.com")
    );
    sandbox.shutdown().await;
}

#[tokio::main]
async fn main() {
    registers_only_free_names().await;
    a_lost_answer_is_an_unknown_outcome().await;
    println!("2 checks passed");
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn registers_only_free_names() {
        super::registers_only_free_names().await;
    }

    #[tokio::test]
    async fn a_lost_answer_is_an_unknown_outcome() {
        super::a_lost_answer_is_an_unknown_outcome().await;
    }
}
