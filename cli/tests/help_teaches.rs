//! Help that teaches (issue 13): argument groups named in `help <command>`, and every
//! command's help example pasted into a shell against a fresh sandbox, succeeding.

mod common;

use std::time::Duration;

use common::{bin, outcome, output};
use domaincontext::registry::COMMANDS;

const LIMIT: Duration = Duration::from_secs(60);

fn help(command: &str) -> String {
    let (code, out, err) = outcome(&output(bin().args(["help", command]), LIMIT));
    assert_eq!((code, err.as_str()), (0, ""), "{command}");
    out
}

#[test]
fn help_names_the_argument_groups() {
    // Exact lines for a single command and a bulk one.
    assert!(
        help("domainGetInfo").contains("\n  one of --domain, --id is required\n"),
        "{}",
        help("domainGetInfo")
    );
    assert!(
        help("domainsSetDNS").contains("\n  one of id, domain is required in each item\n"),
        "{}",
        help("domainsSetDNS")
    );
    // And every group of every command.
    let mut checked = 0;
    for c in COMMANDS.iter().filter(|c| !c.groups.is_empty()) {
        let text = help(c.name);
        for g in c.groups {
            let names: Vec<String> = if c.bulk_of.is_some() {
                g.iter().map(|n| (*n).to_owned()).collect()
            } else {
                g.iter().map(|n| format!("--{n}")).collect()
            };
            let line = format!("one of {} is required", names.join(", "));
            assert!(text.contains(&line), "{}: {line}\n{text}", c.name);
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

/// The example line of `help <command>`.
fn example(command: &str) -> String {
    let text = help(command);
    let mut lines = text.lines();
    lines
        .find(|l| l.starts_with("Example (against the sandbox"))
        .and_then(|_| lines.next())
        .unwrap_or_else(|| panic!("{command}: no example in\n{text}"))
        .trim()
        .to_owned()
}

/// Examples that cannot succeed on the starting data set alone, and the command whose own
/// help example is run first to make them possible: every contact of the starting data set
/// is in use, the server is running, and the certificate is issued already. New ids start
/// at 5504300, so the example names the one the setup makes.
const SETUP: [(&str, &str); 6] = [
    ("contactDelete", "contactCreate"),
    ("contactsDelete", "contactCreate"),
    ("serverPowerOn", "serverPowerOff"),
    ("serversPowerOn", "serverPowerOff"),
    ("certificateIssue", "certificatePurchase"),
    ("certificatesIssue", "certificatePurchase"),
];

#[test]
fn every_help_example_runs_on_the_sandbox() {
    let dir = std::env::temp_dir().join(format!("domaincontext-examples-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_domaincontext"))
        .parent()
        .unwrap()
        .to_owned();
    let path = match std::env::var_os("PATH") {
        Some(p) => {
            let mut dirs = vec![bin_dir];
            dirs.extend(std::env::split_paths(&p));
            std::env::join_paths(dirs).unwrap()
        }
        None => bin_dir.into_os_string(),
    };
    let mut failed = Vec::new();
    let (mut ran, mut prepared) = (0, 0);
    for c in &COMMANDS {
        let line = example(c.name);
        assert!(
            line.starts_with(&format!("domaincontext --sandbox {}", c.name)),
            "{line}"
        );
        // Pasted into a shell as it is, on a fresh sandbox.
        let state = dir.join(format!("{}.json", c.name));
        let setup = SETUP
            .iter()
            .find(|(name, _)| *name == c.name)
            .map(|(_, s)| example(s));
        for line in setup.iter().chain([&line]) {
            let mut sh = std::process::Command::new("sh");
            sh.env_clear()
                .env("PATH", &path)
                .env("DOMAINCONTEXT_SANDBOX_STATE", &state)
                .args(["-c", line]);
            let (code, _, err) = outcome(&output(&mut sh, LIMIT));
            if code != 0 {
                failed.push(format!("{line}\n  exit {code}: {}", err.trim()));
            }
        }
        ran += 1;
        prepared += usize::from(setup.is_some());
    }
    assert!(
        failed.is_empty(),
        "{} of {ran} examples failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    assert_eq!(ran, COMMANDS.len());
    assert_eq!(prepared, SETUP.len());
    assert!(ran >= 139, "{ran}");
}
