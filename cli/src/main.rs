//! `domaincontext`: the DomainContext reseller API at a shell. See `domaincontext --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    ExitCode::from(domaincontext_cli::main(args))
}
