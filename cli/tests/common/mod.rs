//! What the CLI's integration tests share: the binary with a clean environment, and a run
//! with a deadline so that a hanging binary fails its test instead of stalling it.
#![allow(dead_code)]

use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// The password the tests give; it must never be printed.
pub const PASSWORD: &str = "pa55-w0rd-x9";

/// The binary, with no credentials from the environment, and a `--sandbox` state file
/// of its own (in the temporary directory, fresh for each command made here).
pub fn bin() -> Command {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let state = std::env::temp_dir().join(format!(
        "domaincontext-test-{}-{n}/sandbox.json",
        std::process::id()
    ));
    let mut c = Command::new(env!("CARGO_BIN_EXE_domaincontext"));
    c.env_remove("DOMAINCONTEXT_LOGIN")
        .env_remove("DOMAINCONTEXT_PASSWORD")
        .env_remove("DOMAINCONTEXT_JSON_LIMIT")
        .env("DOMAINCONTEXT_SANDBOX_STATE", state);
    c
}

/// The binary against `url` with credentials from the environment and no rate limit.
pub fn against(url: &str) -> Command {
    let mut c = bin();
    c.args(["--base-url", url, "--rate", "0"])
        .env("DOMAINCONTEXT_LOGIN", "demo")
        .env("DOMAINCONTEXT_PASSWORD", PASSWORD);
    c
}

/// Runs `c` to its end, killing it after `limit`; stdin is closed.
pub fn output(c: &mut Command, limit: Duration) -> Output {
    let child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    finish(child, limit)
}

/// Waits for `child` at most `limit` (then kills it and fails), collecting its output.
pub fn finish(mut child: Child, limit: Duration) -> Output {
    let started = Instant::now();
    let out = child.stdout.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = std::io::Read::read_to_end(&mut s, &mut v);
            v
        })
    });
    let err = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = std::io::Read::read_to_end(&mut s, &mut v);
            v
        })
    });
    let status = wait(&mut child, started, limit);
    Output {
        status,
        stdout: out.map(|t| t.join().unwrap()).unwrap_or_default(),
        stderr: err.map(|t| t.join().unwrap()).unwrap_or_default(),
    }
}

/// Waits for `child`, killing it and failing the test after `limit`.
pub fn wait(child: &mut Child, started: Instant, limit: Duration) -> ExitStatus {
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the binary ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Lossy text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Exit code (-1 for a signal), stdout, stderr; the password appears in neither.
pub fn outcome(o: &Output) -> (i32, String, String) {
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(
        !out.contains(PASSWORD) && !err.contains(PASSWORD),
        "the password leaked:\n{out}\n{err}"
    );
    (o.status.code().unwrap_or(-1), out, err)
}
