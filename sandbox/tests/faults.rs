//! Each fault makes the client report the right kind of error, and the state shows what the
//! server did: a dropped answer after the change leaves the change made, once.

mod support;

use std::time::Duration;

use domaincontext::requests::{DomainRegister, DomainsCheck};
use domaincontext::{Client, ErrorKind, RetryPolicy, Sent};
use domaincontext_sandbox::{Config, Fault, FaultKind, Running};
use support::*;

async fn with_faults(faults: Vec<Fault>) -> Running {
    domaincontext_sandbox::start(Config::new().faults(faults))
        .await
        .expect("the sandbox starts")
}

fn quick_client(running: &Running, timeout: Duration) -> Client {
    Client::builder()
        .base_url(running.url())
        .credentials("demo", "demo")
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .timeout(timeout)
        .build()
        .unwrap()
}

fn register(name: &str) -> DomainRegister {
    DomainRegister::new(name.parse().unwrap())
}

fn check() -> DomainsCheck {
    DomainsCheck::new("test.com".parse().unwrap())
}

#[tokio::test]
async fn a_delay_beyond_the_timeout_is_a_timeout_and_the_change_is_made() {
    let sandbox = with_faults(vec![Fault::on(
        "domainRegister",
        FaultKind::Delay(Duration::from_millis(1500)),
    )])
    .await;
    let c = quick_client(&sandbox, Duration::from_millis(300));
    let err = c.call(&register("slow.com")).await.unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(err.is_outcome_unknown(), "{err}");
    // The answer was late, not lost: the domain is registered.
    assert!(
        sandbox
            .state()
            .domains
            .values()
            .any(|d| d.domain == "slow.com")
    );
    // Other commands are not delayed.
    c.call(&check()).await.unwrap();
    let log = sandbox.requests();
    assert_eq!(log.len(), 2);
    assert_eq!(
        log[0].fault,
        Some(FaultKind::Delay(Duration::from_millis(1500)))
    );
    assert_eq!(log[1].fault, None);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_dropped_answer_leaves_the_outcome_unknown_and_the_change_made_once() {
    let sandbox = with_faults(vec![Fault::on("domainRegister", FaultKind::DropAfterApply)]).await;
    let c = client(&sandbox);
    let err = c.call(&register("dropped.com")).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err}");
    assert_ne!(err.sent(), Sent::No);
    assert!(
        matches!(err.kind(), ErrorKind::Transport | ErrorKind::Timeout),
        "{err:?}"
    );
    let state = sandbox.state();
    assert_eq!(
        state
            .domains
            .values()
            .filter(|d| d.domain == "dropped.com")
            .count(),
        1
    );
    assert_eq!(
        state.clients["demo"].balance.to_string(),
        "990.00",
        "charged once"
    );
    let registers = sandbox
        .requests()
        .iter()
        .filter(|r| r.command == "domainRegister")
        .count();
    assert_eq!(registers, 1, "a changing command is never repeated");
    // The client goes on working over a new connection; the fault still applies to
    // domainRegister only.
    assert_eq!(balance(&c).await, "990.00");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn an_http_status_is_reported_and_nothing_is_done() {
    let sandbox = with_faults(vec![Fault::always(FaultKind::HttpStatus(
        502,
        "<html>bad gateway</html>".to_owned(),
    ))])
    .await;
    let before = sandbox.state();
    let c = client(&sandbox);
    let err = c.call(&register("never.com")).await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.kind(), ErrorKind::Status);
    let err = c.call(&check()).await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(sandbox.state(), before);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn garbled_and_blank_answers_are_unreadable() {
    for kind in [FaultKind::Garbled, FaultKind::Blank] {
        let sandbox = with_faults(vec![Fault::always(kind.clone())]).await;
        let c = client(&sandbox);
        let err = c.call(&check()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Answer, "{kind:?}: {err}");
        let err = c.call(&register("garbled.com")).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Answer, "{kind:?}: {err}");
        assert!(err.is_outcome_unknown(), "{kind:?}: {err}");
        // The request was carried out; only its answer is broken.
        assert!(
            sandbox
                .state()
                .domains
                .values()
                .any(|d| d.domain == "garbled.com")
        );
        sandbox.shutdown().await;
    }
}

#[tokio::test]
async fn faults_count_deterministically_and_change_at_run_time() {
    let sandbox = sandbox().await;
    let c = client(&sandbox);
    c.call(&check()).await.unwrap();
    sandbox.set_faults(vec![
        Fault::on("domainsCheck", FaultKind::Blank)
            .every(2)
            .times(2),
    ]);
    let mut outcomes = Vec::new();
    for _ in 0..6 {
        outcomes.push(c.call(&check()).await.is_ok());
    }
    assert_eq!(outcomes, [true, false, true, false, true, true]);
    // Another command is not counted.
    sandbox.set_faults(vec![Fault::on("domainsCheck", FaultKind::Blank)]);
    assert!(c.call(&check()).await.is_err());
    assert_eq!(balance(&c).await, "1000.00");
    sandbox.set_faults(Vec::new());
    c.call(&check()).await.unwrap();
    let applied = sandbox
        .requests()
        .iter()
        .filter(|r| r.fault.is_some())
        .count();
    assert_eq!(applied, 3);
    sandbox.shutdown().await;
}
