//! A typed, validated async client for the DomainContext reseller API, generated at build
//! time from a declarative spec of every command (`spec/` in the source).
//!
//! ```no_run
//! use domaincontext::{Client, requests::DomainsCheck};
//!
//! # async fn run() -> Result<(), domaincontext::Error> {
//! let client = Client::builder().credentials("login", "password").build()?;
//! let request = DomainsCheck::new("example.com, example.net".parse()?);
//! let answer = client.domains_check(&request).await?;
//! println!("{answer}");
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
//! - Read-only commands are retried on transport errors, 5xx and 429; changing ones never
//!   are. A rate limiter is on by default. Requests are POSTed over HTTPS (plain HTTP only
//!   to loopback addresses, for the sandbox and tests).
//! - [`registry`] describes every command and type as data, and parses a request of any
//!   command by name: the command-line tool and the sandbox are built on it.

#![deny(missing_docs)]

mod answer;
pub mod answers;
mod bulk;
mod client;
mod error;
pub mod form;
mod info;
mod item;
mod limit;
pub mod methods;
pub mod registry;
pub mod requests;
pub mod rt;
mod shape;
pub mod types;

pub use answer::{BulkAnswer, FromReply, ItemResult, Refusal, Reply, ValueAnswer, classify};
pub use bulk::{Bulk, BulkOptions, ItemOutcome};
pub use client::{
    CallOptions, Client, ClientBuilder, DEMO, Method, PRODUCTION, Prepared, RetryPolicy, Secret,
};
pub use error::{
    ApiError, Error, ErrorKind, InvalidValue, Problem, Sent, Timeout, ValidationError,
};
pub use info::{
    AnswerKind, ArgInfo, ArgKind, Command, CommandInfo, DynCommand, Effect, TypeInfo, command,
    type_info,
};
pub use item::ItemError;
pub use limit::RateLimit;
pub use registry::Request;
pub use serde_json;
