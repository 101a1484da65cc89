//! Start-up of the `domaincontext` binary: `--help` and `commands`, each run 30 times as a
//! process, against spawning `true` (the cost of a process itself) in the same group.
//!
//! The binary is the release build next to this benchmark (`target/release/domaincontext`,
//! made by `cargo build --release -p domaincontext-cli`), or `DOMAINCONTEXT_BIN`.
//!
//! `cargo bench --bench cli_start`

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn main() {
    match binary() {
        Some(_) => divan::main(),
        None => eprintln!(
            "cli_start: no domaincontext binary; build it with `cargo build --release -p domaincontext-cli` or set DOMAINCONTEXT_BIN"
        ),
    }
}

/// The binary under test, if there is one.
fn binary() -> Option<&'static PathBuf> {
    static BIN: OnceLock<Option<PathBuf>> = OnceLock::new();
    BIN.get_or_init(|| {
        let path = match std::env::var_os("DOMAINCONTEXT_BIN") {
            Some(p) => PathBuf::from(p),
            // target/release/deps/cli_start-… → target/release/domaincontext
            None => std::env::current_exe()
                .ok()?
                .parent()?
                .parent()?
                .join("domaincontext"),
        };
        path.is_file().then_some(path)
    })
    .as_ref()
}

/// Runs `program` with `args`, its output discarded, and checks that it succeeded.
fn run(program: &std::path::Path, args: &[&str]) {
    let status = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("spawn");
    assert!(status.success(), "{} {args:?}: {status}", program.display());
}

/// Baseline: a process that does nothing.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn baseline_true() {
    run(std::path::Path::new("true"), &[]);
}

/// `domaincontext --help`.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn help() {
    run(binary().expect("binary"), &["--help"]);
}

/// `domaincontext commands`: every command of the registry listed.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn commands() {
    run(binary().expect("binary"), &["commands"]);
}
