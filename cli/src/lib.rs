//! The `domaincontext` command-line tool, as a library so that it can be tested. Every
//! subcommand comes from the generated registry of the client crate: a command added to
//! the spec becomes a subcommand with no code here.
//!
//! Exit status: 0 success; 1 the API answered with an error (also when any item of a bulk
//! answer failed); 2 bad invocation or an argument failed validation (nothing was sent);
//! 3 transport failure, timeout, an answer that is not valid JSON, or standard output
//! could not be written; 130 interrupted by Ctrl-C (a changing command in flight is
//! reported as "outcome unknown"). A closed standard output (`| head -1`) is not an
//! error: the output stops quietly and the status stays that of the command.

mod acme;
mod all;
mod app;
mod args;
mod bulk;
mod call;
mod dns;
mod escape;
mod example;
mod format;
mod help;
mod input;
mod interrupt;
mod out;
mod portfolio;
mod pretty;
mod progress;
mod report;
mod run;
mod sandbox;
mod session;
mod settings;
mod zonefile;

pub use run::main;

/// Exit status: success.
pub const OK: u8 = 0;
/// Exit status: the API answered with an error.
pub const API_ERROR: u8 = 1;
/// Exit status: bad invocation or invalid argument; nothing was sent.
pub const USAGE: u8 = 2;
/// Exit status: transport failure, timeout or unreadable answer.
pub const TRANSPORT: u8 = 3;
/// Exit status: interrupted by Ctrl-C (128 + SIGINT).
pub const INTERRUPTED: u8 = interrupt::INTERRUPTED;
