//! The spec review workflow (`.github/workflows/spec.yml`) is valid YAML, and the tool
//! commands it runs are the ones this test runs: the same subcommands and flags, on this
//! repository's spec (where base and head are the same) and on a breaking fixture.

use std::path::PathBuf;
use std::process::Command;

use yaml_rust2::YamlLoader;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The arguments after `--` of every `cargo run -p domaincontext-codegen` step, without
/// a trailing shell redirection.
fn workflow_commands() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root().join(".github/workflows/spec.yml")).unwrap();
    let docs = YamlLoader::load_from_str(&text).unwrap();
    let doc = &docs[0];
    assert_eq!(
        doc["on"]["pull_request"]["paths"][0].as_str(),
        Some("spec/**")
    );
    let steps = doc["jobs"]["review"]["steps"].as_vec().unwrap();
    let mut commands = Vec::new();
    for step in steps {
        let Some(run) = step["run"].as_str() else {
            continue;
        };
        let Some((cargo, args)) = run.split_once(" -- ") else {
            continue;
        };
        assert!(
            cargo.starts_with("cargo run") && cargo.ends_with("-p domaincontext-codegen"),
            "{run}"
        );
        let args = args.split(">>").next().unwrap();
        commands.push(args.split_whitespace().map(str::to_owned).collect());
    }
    commands
}

fn run(args: &[String]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_domaincontext-codegen"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The workflow's arguments with its spec paths replaced.
fn with_dirs(args: &[String], base: &str, head: &str) -> Vec<String> {
    args.iter()
        .map(|a| match a.as_str() {
            "base/spec" => base.to_owned(),
            "spec" => head.to_owned(),
            other => other.to_owned(),
        })
        .collect()
}

#[test]
fn the_workflow_runs_the_commands_tested_here() {
    let commands = workflow_commands();
    let expected: &[&[&str]] = &[
        &["check", "spec", "--format", "github"],
        &["diff", "base/spec", "spec", "--format", "markdown"],
        &[
            "diff",
            "base/spec",
            "spec",
            "--format",
            "github",
            "--fail-on",
            "breaking",
        ],
    ];
    assert_eq!(
        commands, expected,
        "the workflow's commands changed: update this test"
    );

    let spec = root().join("spec").display().to_string();
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/diff/breaking");
    let (old, new) = (
        fixtures.join("old").display().to_string(),
        fixtures.join("new").display().to_string(),
    );
    // Head and base the same: nothing to annotate, a clean summary, status 0.
    let outcomes: [(i32, &str); 3] = [(0, ""), (0, "**Verdict: no change**\n"), (0, "")];
    for (args, (status, starts)) in commands.iter().zip(outcomes) {
        let (code, out) = run(&with_dirs(args, &spec, &spec));
        assert_eq!(code, status, "{args:?}: {out}");
        assert!(out.starts_with(starts), "{args:?}: {out}");
    }
    // A breaking change: the summary says so, the annotation step fails the job.
    let (code, out) = run(&with_dirs(&commands[1], &old, &new));
    assert_eq!(code, 0);
    assert!(out.starts_with("**Verdict: breaking**\n"), "{out}");
    let (code, out) = run(&with_dirs(&commands[2], &old, &new));
    assert_eq!(code, 3);
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("::error file="))
            .count(),
        2,
        "{out}"
    );
}
