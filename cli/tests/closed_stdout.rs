//! A closed stdout (`| head -1`) ends the program quietly: no panic, no backtrace, exit
//! status 0, for clap's own output, completions, the command list, a large answer and a
//! large `--dry-run`.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{against, bin, text, wait};
use domaincontext_testkit::Server;

/// Runs `c`, reads at most `read` bytes of its stdout, closes it, and returns its exit
/// code and stderr.
fn close_early(mut c: Command, read: usize) -> (Option<i32>, String) {
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("RUST_BACKTRACE", "1")
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let mut stdout = child.stdout.take().expect("stdout");
    let mut buf = vec![0; read];
    if read > 0 {
        stdout.read_exact(&mut buf).expect("the first bytes");
    }
    drop(stdout);
    let mut stderr = child.stderr.take().expect("stderr");
    let status = wait(&mut child, started, Duration::from_secs(20));
    let mut err = Vec::new();
    stderr.read_to_end(&mut err).expect("stderr");
    (status.code(), text(&err))
}

fn bulk_file(items: usize) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("dc-closed-stdout-{}.json", std::process::id()));
    let list: Vec<String> = (0..items)
        .map(|i| format!(r#"{{"domain":"closed-pipe-{i}.com"}}"#))
        .collect();
    std::fs::write(&path, format!("[{}]", list.join(","))).expect("write");
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_stdout_ends_quietly() {
    let big: String = {
        let entries: Vec<String> = (0..40_000)
            .map(|i| format!(r#""big-answer-{i}.com": 1"#))
            .collect();
        format!("{{{}}}", entries.join(","))
    };
    let server = Server::start(move |_| domaincontext_testkit::Reply::json(&big)).await;
    let file = bulk_file(20_000);
    let json = format!("@{}", file.display());
    let with = |args: &[&str]| {
        let mut c = bin();
        c.args(args);
        c
    };
    let mut cases: Vec<(&str, Command, usize)> = vec![
        ("completions bash", with(&["completions", "bash"]), 0),
        (
            "completions bash, after one line",
            with(&["completions", "bash"]),
            16,
        ),
        ("commands", with(&["commands"]), 0),
        ("--help", with(&["--help"]), 0),
        ("help", with(&["help"]), 0),
        ("help domainRegister", with(&["help", "domainRegister"]), 0),
        ("--version", with(&["--version"]), 0),
    ];
    let mut answer = against(&server.url);
    answer.args(["domainsCheck", "--domains", "a.com"]);
    cases.push(("a large answer", answer, 100));
    let mut dry = against(&server.url);
    dry.args(["--dry-run", "domainsRegister", "--json", &json]);
    cases.push(("a large --dry-run", dry, 100));
    let mut checked = 0;
    for (name, c, read) in cases {
        let (code, err) = close_early(c, read);
        assert!(
            !err.contains("panicked") && !err.contains("backtrace") && !err.contains("Broken pipe"),
            "{name}: {err}"
        );
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(err, "", "{name}: nothing on stderr");
        checked += 1;
    }
    assert_eq!(checked, 9);
    let _ = std::fs::remove_file(file);
}
