//! The `domaincontext` command-line tool, as a library so that it can be tested. Every
//! subcommand comes from the generated registry of the client crate: a command added to
//! the spec becomes a subcommand with no code here.
//!
//! Exit status: 0 success; 1 the API answered with an error (also when any item of a bulk
//! answer failed); 2 bad invocation or an argument failed validation (nothing was sent);
//! 3 transport failure, timeout, or an answer that is not valid JSON.

mod app;
mod args;
mod help;
mod progress;
mod run;

pub use run::main;

/// Exit status: success.
pub const OK: u8 = 0;
/// Exit status: the API answered with an error.
pub const API_ERROR: u8 = 1;
/// Exit status: bad invocation or invalid argument; nothing was sent.
pub const USAGE: u8 = 2;
/// Exit status: transport failure, timeout or unreadable answer.
pub const TRANSPORT: u8 = 3;
