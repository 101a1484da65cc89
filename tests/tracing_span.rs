//! Every call is a `tracing` span: a hand-written subscriber records every span, field and
//! event, and the test checks that the call's span carries its command, attempt, status
//! and time, and that no secret (the account password, a secret argument) is in any field.

use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use domaincontext::requests::DomainCheckTransfer;
use domaincontext::{Client, RetryPolicy};
use domaincontext_testkit::{Reply, Server};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const ACCOUNT_SECRET: &str = "Acct-Sentinel-9";
const ARG_SECRET: &str = "Pw-Sentinel-1";

/// What was recorded: `(span or event name, field, value)`, in order.
#[derive(Clone, Default)]
struct Recorder {
    fields: Arc<Mutex<Vec<(String, String, String)>>>,
    names: Arc<Mutex<Vec<(u64, &'static str)>>>,
    next: Arc<AtomicU64>,
}

struct Fields<'a> {
    owner: &'a str,
    out: Vec<(String, String, String)>,
}

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.out.push((
            self.owner.to_owned(),
            field.name().to_owned(),
            format!("{value:?}"),
        ));
    }
}

impl Recorder {
    fn name_of(&self, id: &Id) -> &'static str {
        let names = self.names.lock().unwrap();
        names
            .iter()
            .find(|(n, _)| *n == id.into_u64())
            .map_or("?", |(_, name)| name)
    }

    fn keep(&self, owner: &str, visit: impl FnOnce(&mut Fields<'_>)) {
        let mut f = Fields {
            owner,
            out: Vec::new(),
        };
        visit(&mut f);
        self.fields.lock().unwrap().extend(f.out);
    }

    /// The last value recorded for `field` of the span `name`.
    fn last(&self, name: &str, field: &str) -> Option<String> {
        let fields = self.fields.lock().unwrap();
        fields
            .iter()
            .rev()
            .find(|(o, f, _)| o == name && f == field)
            .map(|(_, _, v)| v.clone())
    }

    fn spans_named(&self, name: &str) -> usize {
        self.names
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, n)| *n == name)
            .count()
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let name = span.metadata().name();
        self.names.lock().unwrap().push((id, name));
        self.keep(name, |f| span.record(f));
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let name = self.name_of(span);
        self.keep(name, |f| values.record(f));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.keep(event.metadata().name(), |f| event.record(f));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .credentials("demo", ACCOUNT_SECRET)
        .rate_limit(None)
        .retry(RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
            max_elapsed: Duration::from_secs(10),
        })
        .build()
        .unwrap()
}

/// Fails if a sentinel secret is in any recorded field; returns how many were checked.
fn assert_no_secret(rec: &Recorder) -> usize {
    let fields = rec.fields.lock().unwrap();
    for (owner, field, value) in fields.iter() {
        for secret in [ACCOUNT_SECRET, ARG_SECRET] {
            assert!(
                !value.contains(secret),
                "{owner}.{field} holds a secret: {value}"
            );
        }
    }
    fields.len()
}

#[tokio::test]
async fn a_retried_call_is_one_span_with_its_command_attempt_status_and_time() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    // The first attempt meets a 503 (a read-only command is retried), the second an answer.
    let server = Server::start(move |_| match counter.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::Body(503, "busy".to_owned()),
        _ => Reply::json(r#"{"ok": true}"#),
    })
    .await;
    let rec = Recorder::default();
    let _guard = tracing::subscriber::set_default(rec.clone());
    let request =
        DomainCheckTransfer::new("example.com".parse().unwrap(), ARG_SECRET.parse().unwrap());
    client(&server.url).call(&request).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2, "one retry");

    assert_eq!(rec.spans_named("domaincontext.call"), 1);
    let span = "domaincontext.call";
    assert_eq!(
        rec.last(span, "command").as_deref(),
        Some("\"domainCheckTransfer\"")
    );
    assert_eq!(rec.last(span, "attempt").as_deref(), Some("2"));
    assert_eq!(rec.last(span, "status").as_deref(), Some("200"));
    let elapsed = rec.last(span, "elapsed_ms").expect("elapsed_ms recorded");
    assert!(elapsed.parse::<u64>().is_ok(), "{elapsed}");
    // Both statuses were recorded on the way: the 503, then the 200.
    let statuses: Vec<String> = rec
        .fields
        .lock()
        .unwrap()
        .iter()
        .filter(|(o, f, _)| o == span && f == "status")
        .map(|(_, _, v)| v.clone())
        .collect();
    assert_eq!(statuses, ["503", "200"]);
    let checked = assert_no_secret(&rec);
    assert!(checked >= 6, "only {checked} fields recorded");
}

#[tokio::test]
async fn a_refused_call_has_its_span_and_no_secret_either() {
    let server = Server::answering(r#"{"_error": "wrong login or password"}"#).await;
    let rec = Recorder::default();
    let _guard = tracing::subscriber::set_default(rec.clone());
    let request =
        DomainCheckTransfer::new("example.com".parse().unwrap(), ARG_SECRET.parse().unwrap());
    let e = client(&server.url).call(&request).await.unwrap_err();
    assert!(e.is_auth(), "{e}");
    assert_eq!(rec.spans_named("domaincontext.call"), 1);
    assert_eq!(
        rec.last("domaincontext.call", "attempt").as_deref(),
        Some("1")
    );
    assert_eq!(
        rec.last("domaincontext.call", "status").as_deref(),
        Some("200")
    );
    let checked = assert_no_secret(&rec);
    assert!(checked >= 5, "only {checked} fields recorded");
}
