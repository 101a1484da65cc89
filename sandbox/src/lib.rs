//! An in-memory simulator of the DomainContext reseller API over HTTP, driven by the same
//! generated layer as the client: every command of the spec is routed at `/{command}`, its
//! arguments are validated by the generated validators, and its handler runs against a
//! small, documented data set that keeps real state.
//!
//! ```no_run
//! use domaincontext::{Client, requests::DomainRegister};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new()).await?;
//! let client = Client::builder()
//!     .base_url(sandbox.url())
//!     .credentials("demo", "demo")
//!     .rate_limit(None)
//!     .build()?;
//! let answer = client.call(&DomainRegister::new("example.com".parse()?)).await?;
//! assert_eq!(answer.domain.map(|d| d.to_string()).as_deref(), Some("example.com"));
//! assert_eq!(sandbox.state().clients["demo"].balance.to_string(), "990.00");
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # How it answers
//!
//! - GET with a query or POST with a form body (a query on a POST is read too), on
//!   127.0.0.1 only. Answers are JSON with HTTP 200, errors included, as the API's:
//!   `{"_error": "wrong login or password"}`, `{"_error": "unknown command x"}`, or the
//!   generated validator's message for a refused argument. Nothing is changed by a refused
//!   call; a handler checks everything before it changes anything.
//! - Bulk commands run each item on its own and answer an object keyed like the request
//!   (by index, or by the item key such as the domain id of `domainsSetDNS`); when an item
//!   fails it carries its own `_error` and the answer also has a top-level `_error` (the
//!   first failure's message). Items that succeed are carried out.
//! - Searches take `limit` (a number or `ALL`, default 25), `page` (from 1),
//!   `orderby=<field>_asc|_desc` and `count=1` (answers a bare number).
//! - Money is kept in cents and shown as text (`"990.00"`).
//!
//! # The starting data set ([`State::default`])
//!
//! - Date: the sandbox's `today` is fixed at 2025-06-01, so answers do not change from run
//!   to run. Ids handed out start at 5504300.
//! - Client `demo`, password `demo` (id 1): balance 1000.00 usd, credit 0, no pincode, own
//!   contact 1001. Client `reseller_1`, password `reseller_1` (id 2, a client of `demo`,
//!   balance 0) with contact 1003 and domain `client-site.org`.
//! - Zone prices per year (register, renew and transfer alike): com 10.00, net 12.00,
//!   org 11.00, info 9.00, ru 4.00, рф 5.00.
//! - Domains of `demo`: `test.com` (id 5504202, expires 2027-03-15, DNS records 1: `@ a
//!   192.0.2.10`, 2: `www cname test.com`, 3: `@ mx mail.test.com` priority 10),
//!   `test3.com` (5504203, expires 2026-11-20), `domain.com` (5504204, expires 2026-01-10),
//!   and `pending-transfer.net` (5504205, state `preincoming`: an incoming transfer waiting
//!   for `domainApprovePreincoming`). Name servers `ns1.domaincontext.com`,
//!   `ns2.domaincontext.com`.
//! - Domains at other registrars, transferable with their auth code: `transfer-me.com`
//!   (`Auth-1234`), `move-in.net` (`M0ve-In!`).
//! - Contacts of `demo`: 1001 `EID_234234:234-1` (Ivan Drago), 1002 `EID_234234:234-2`
//!   (Peter Smith, Test Ltd). Host `ns1.test.com` (id 6001, 192.0.2.1). Hosted DNS domain
//!   `hosted.net` (id 7001).
//! - Tariffs: 1 `Domains` (domain), 101 `XENSSD VDS 4 100 ` (svds, 20.00 a month; the
//!   trailing space is the seed example's), 102 `XENSSD VDS 8 200` (svds, 35.00), 103
//!   `OpenVZ 2 50` (ovds, 8.00). OS images `centos`, `debian` (svds), `ubuntu` (ovds), and
//!   the live CDs `freebsdx64.live`, `gentoox64.live`. Server 8001 `vds8001` (running).
//! - Certificate products: 301 `positivessl` (9.00 a year), 302 `positivessl_wildcard`
//!   (95.00), 303 `ev_ssl` (150.00); coupon `SSL2024` takes 10% off. Certificate 9001
//!   (`test.com`, issued).
//!
//! A data set of your own: [`Config::data`], or [`Config::from_json_file`] with a
//! serialised [`State`].
//!
//! # Kept between runs
//!
//! [`State::save`] writes a state file (`{"format": 1, "state": ...}`, [`FORMAT`]) atomically,
//! [`State::load`] reads it back (a file that is not one is a [`StateFileError`] naming it,
//! and is left as it is). [`Config::save_to`] saves after every call of a changing command;
//! [`Config::on_request`] is told of each answered request ([`Served`]: command, status,
//! time, never an argument). `POST /_sandbox/topup` with `login` (default `demo`) and
//! `amount` adds money to an account ([`TOP_UP_PATH`], [`State::top_up`]): the sandbox's
//! own endpoint, not an API command.
//!
//! # Faults
//!
//! [`Fault`] rules, set in the [`Config`] or at run time with [`Running::set_faults`], make
//! chosen requests slow, dropped after the change was made, answered with an HTTP status,
//! garbled or blank. [`Running::requests`] lists every request received.

#![deny(missing_docs)]

mod config;
mod dates;
mod dispatch;
mod fault;
mod handlers;
mod money;
mod pem;
mod redact;
mod reply;
mod saved;
mod search;
mod seed;
mod server;
mod state;

pub use config::Served;
pub use config::{Config, HEADER_READ_TIMEOUT, MAX_CONNECTIONS};
pub use dispatch::handle;
pub use fault::{Fault, FaultKind};
pub use money::Money;
pub use saved::{FORMAT, StateFileError};
pub use server::{LoggedRequest, Running, TOP_UP_PATH, start};
pub use state::{
    Account, Certificate, Contact, DnsRecord, Domain, ExternalDomain, Host, HostedDomain, OsImage,
    Product, Server, State, Tariff, Vnc,
};
