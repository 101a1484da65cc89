//! A typed, validated async client for the DomainContext reseller API, generated at build
//! time from a declarative spec of every command (`spec/` in the source).
//!
//! ```no_run
//! use domaincontext::Client;
//! use domaincontext::requests::{DomainGetDns, DomainRegister, DomainSetDns};
//!
//! # async fn run() -> Result<(), domaincontext::Error> {
//! let client = Client::builder().credentials("login", "password").build()?;
//! // Answers are typed: ids are the `Id` requests take, dates are `jiff` dates.
//! let registered = client
//!     .domain_register(&DomainRegister::new("example.com".parse()?))
//!     .await?;
//! let id = registered.id.expect("a registration has an id");
//! // DNS records read back are the record type `domainSetDNS` takes: change one, send it.
//! let mut dns = client.domain_get_dns(&DomainGetDns::new().id(id)).await?;
//! if let Some(record) = dns.records.values_mut().next() {
//!     record.ttl = Some("600".parse()?);
//! }
//! let mut change = DomainSetDns::new().id(id);
//! change.records = dns.records;
//! client.domain_set_dns(&change).await?;
//! # Ok(()) }
//! ```
//!
//! - Every command is a request struct in [`requests`] and a method on [`Client`]; every
//!   argument type is a newtype in [`types`] that can only hold valid values.
//! - Arguments are validated before anything is sent; the error names the command, the
//!   argument, the rule and the value ([`ValidationError`]).
//! - The answer rules of the API are applied: `true`, or an object or array without
//!   `_error`, is success; anything else is an [`Error`] that says whether the request was
//!   sent and whether its outcome is unknown. Bulk commands answer a [`BulkAnswer`] with
//!   every item's own result.
//! - Read-only commands are retried on transport errors, timeouts, 5xx and 429; changing
//!   ones only when their request provably never left (the connection could not be made).
//!   Each attempt has a timeout, and a call may have an overall deadline
//!   ([`ClientBuilder::deadline`], [`CallOptions::deadline`]) that bounds rate-limiter
//!   waits, attempts and backoff alike. A rate limiter is on by default; it serves callers
//!   first come, first served. Requests are POSTed over HTTPS (plain HTTP only to loopback
//!   addresses, for the sandbox and tests).
//! - Secrets (the account password, `password` and `pincode` arguments, auth codes in
//!   decoded answers) are held by [`secrecy`]: `***` in `Debug`, no `Display`, zeroized
//!   when dropped, read with [`ExposeSecret::expose_secret`]. [`Prepared`], `--dry-run`
//!   and the sandbox's request log show them as `***`.
//! - Every call is a [`tracing`] span named `domaincontext.call` (fields: `command`,
//!   `attempt`, `status`, `elapsed_ms`; never an argument's value); it costs nothing when no
//!   subscriber is installed. A user may bring their own `reqwest::Client`
//!   ([`ClientBuilder::http_client`]) for proxies, root certificates or middleware.
//!
//! # Features
//!
//! - `dynamic` (off by default): the dynamic layer that the command-line tool and the
//!   sandbox are built on. `registry` describes every command and type as data
//!   (`CommandInfo`, `TypeInfo`, example arguments) and `registry::Request` parses a
//!   request of any command by name; `form` decodes a form body. A library user who names
//!   requests in code needs none of it, and without it compiles none of it.
//!
//! # Errors and unknown outcomes
//!
//! An [`Error`] says whether anything was sent ([`Error::sent`]), whether the API refused
//! ([`Error::api_error`]), which timeout fired ([`Error::timeout_kind`]), how many
//! attempts were made ([`Error::attempts`]) and, above all for commands that register,
//! buy or change anything, whether the outcome is unknown ([`Error::is_outcome_unknown`]):
//! then the command may have been carried out, and the state must be checked before it is
//! repeated. A bulk answer says the same per item ([`ItemError::is_outcome_unknown`]): an
//! item the answer does not mention is unknown, never "failed".
//!
//! Dropping a call's future (a `select!`, a timeout of the caller's own, Ctrl-C) ends the
//! call without an error to read: if the request may already have been written, a changing
//! command's outcome is unknown in the same way. [`CallOptions::deadline`] bounds a call
//! and still reports what was sent.
//!
//! A successful answer keeps its exact JSON text ([`Reply::raw_text`]): print it to show
//! ids above 64 bits and amounts such as `990.00` exactly as the API wrote them.
//!
//! # Typed answers
//!
//! Every method answers the typed shape the spec names ([`answers`]), decoded as leniently
//! as the API needs (numbers as numeric strings, flags as `"1"`/`0`, lists as comma-joined
//! text, `null` as absent, unnamed fields kept in `extra`, money as exact [`Money`], dates
//! as [`jiff`] dates). Bulk methods answer a [`BulkAnswer`] of typed items. A success
//! whose answer does not fit is an [`Error`] of kind [`ErrorKind::Decode`]: the command
//! *was* carried out, and [`Error::decode_error`] has the answer's text.
//! [`Client::call_raw`] gives any command's answer undecoded.

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod answer;
pub mod answers;
mod api_error;
mod arg_text;
mod args;
mod at;
mod builder;
mod bulk;
mod client;
mod date;
mod decode;
#[cfg(feature = "workflows")]
#[cfg_attr(docsrs, doc(cfg(feature = "workflows")))]
pub mod dns;
mod error;
#[cfg(feature = "dynamic")]
#[cfg_attr(docsrs, doc(cfg(feature = "dynamic")))]
pub mod form;
#[cfg(not(feature = "dynamic"))]
mod form;
mod idn;
mod info;
mod invalid;
mod item;
mod kind;
mod limit;
pub mod methods;
mod money;
mod page;
mod pick;
#[cfg(feature = "workflows")]
#[cfg_attr(docsrs, doc(cfg(feature = "workflows")))]
pub mod portfolio;
mod prepared;
#[cfg(feature = "dynamic")]
#[cfg_attr(docsrs, doc(cfg(feature = "dynamic")))]
pub mod registry;
pub mod requests;
// The runtime the generated code calls. Sibling crates (the CLI, the sandbox, tests) reach
// a few of its pieces under `dynamic`; they are not part of the public API.
#[cfg(feature = "dynamic")]
#[doc(hidden)]
pub mod rt;
#[cfg(not(feature = "dynamic"))]
mod rt;
mod serde_impl;
mod settings;
mod shape;
mod transport;
pub mod types;
mod wire;
mod writer;

pub use answer::{
    BulkAnswer, FromReply, ItemResult, RawItem, Refusal, Reply, ValueAnswer, classify,
};
pub use bulk::{Bulk, BulkOptions, BulkOutput, ItemOutcome};
pub use client::{Client, Prepared};
pub use decode::{Answer, DecodeError, decode_strict};
pub use error::{
    ApiError, Error, ErrorKind, InvalidValue, Problem, Sent, Timeout, ValidationError,
};
pub use futures_core::Stream;
#[cfg(feature = "dynamic")]
#[cfg_attr(docsrs, doc(cfg(feature = "dynamic")))]
pub use info::DynCommand;
pub use info::{AnswerKind, Command, Effect};
pub use item::ItemError;
pub use jiff;
pub use limit::RateLimit;
pub use money::Money;
pub use page::DEFAULT_PAGE_SIZE;
#[cfg(feature = "dynamic")]
#[cfg_attr(docsrs, doc(cfg(feature = "dynamic")))]
pub use registry::{ArgInfo, ArgKind, CommandInfo, Request, TypeInfo, command, type_info};
pub use secrecy;
pub use secrecy::ExposeSecret;
pub use serde_json;
pub use settings::{CallOptions, ClientBuilder, DEMO, Method, PRODUCTION, RetryPolicy, Secret};
