//! The `domaincontext-codegen` binary as a user runs it: output, error output and exit
//! status of `check`, `render`, `list` and `diff` on the fixture specs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn dir(rel: &str) -> String {
    tests_dir().join(rel).display().to_string()
}

/// Runs the binary: `(status, stdout, stderr)`.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_domaincontext-codegen"))
        .args(args)
        .output()
        .expect("run domaincontext-codegen");
    (
        out.status.code().expect("exit status"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

fn load(rel: &str) -> domaincontext_codegen::Spec {
    domaincontext_codegen::load_dir(&tests_dir().join(rel)).unwrap_or_else(|r| panic!("{r}"))
}

#[test]
fn check_reports_every_problem_with_its_position() {
    let (code, out, err) = run(&["check", &dir("broken/many")]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    // The committed report names files relative to tests/.
    let prefix = format!("{}/", tests_dir().display());
    let expected = std::fs::read_to_string(tests_dir().join("broken/many/expected.txt"))
        .expect("expected.txt");
    assert_eq!(err.replace(&prefix, ""), expected);
    assert!(err.contains("broken/many/commands/a.yaml:6:18: error: unknown type `idd`"));
}

#[test]
fn check_reports_yaml_syntax_errors() {
    let (code, _, err) = run(&["check", &dir("broken/syntax")]);
    assert_eq!(code, 1);
    let prefix = format!("{}/", tests_dir().display());
    let expected = std::fs::read_to_string(tests_dir().join("broken/syntax/expected.txt"))
        .expect("expected.txt");
    assert_eq!(err.replace(&prefix, ""), expected);
}

#[test]
fn check_of_a_good_spec_prints_one_summary_line() {
    let path = dir("fixtures/plain");
    let (code, out, err) = run(&["check", &path]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{path}: 2 types, 1 command, no problems\n"));
    assert!(err.is_empty(), "{err}");
    let (code, out, _) = run(&["check", &dir("fixtures/rules")]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with(": 16 types, 1 command, no problems\n"),
        "{out}"
    );
}

#[test]
fn check_defaults_to_the_spec_directory() {
    // A copy of a fixture as `spec/` of the working directory.
    let cwd = Path::new(env!("CARGO_TARGET_TMPDIR")).join("default-spec");
    let spec = cwd.join("spec");
    std::fs::create_dir_all(spec.join("commands")).expect("mkdir");
    for f in ["types.yaml", "commands/domains.yaml"] {
        std::fs::copy(tests_dir().join("fixtures/plain").join(f), spec.join(f)).expect("copy");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_domaincontext-codegen"))
        .arg("check")
        .current_dir(&cwd)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "spec: 2 types, 1 command, no problems\n"
    );
}

#[test]
fn list_shows_each_command_and_its_arguments() {
    let (code, out, err) = run(&["list", &dir("fixtures/plain")]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, "domainRegister domain:domain* period:period=1\n");

    let (_, out, _) = run(&["list", &dir("fixtures/bulk")]);
    assert_eq!(
        out,
        "domainGetInfo domain:domain\ndomainsGetInfo [domainGetInfo]\ndomainGetNote domain:domain\n"
    );

    let (_, out, _) = run(&["list", &dir("fixtures/dns")]);
    assert_eq!(
        out,
        "domainSetDNS id:id* ..records:[type:recordType(a|mx) value:label ttl:id]\n\
         domainsSetDNS [domainSetDNS by id]\n"
    );

    let (_, out, _) = run(&["list", &dir("fixtures/rules")]);
    assert_eq!(
        out,
        "everything number:number flag:flag day:day address:address code:code* pair:pair(ab|cd|1|x.y)* size:size \
         phone:phone link:link path:path marker:marker codes:codes alias:alias secret:secret secrets:secrets hidden:hidden \
         data:map<code>\n"
    );
}

#[test]
fn render_prints_the_generated_rust() {
    for fixture in ["plain", "bulk", "dns", "rules"] {
        let (code, out, err) = run(&["render", &dir(&format!("fixtures/{fixture}"))]);
        assert_eq!(code, 0, "{err}");
        let expected = domaincontext_codegen::emit(&load(&format!("fixtures/{fixture}")))
            .expect("emit")
            .render();
        assert!(
            out == expected,
            "render of {fixture} differs from emit().render()"
        );
    }
}

#[test]
fn render_out_writes_the_files_the_build_writes() {
    let to = Path::new(env!("CARGO_TARGET_TMPDIR")).join("render-out-dns");
    let _ = std::fs::remove_dir_all(&to);
    let (code, out, err) = run(&[
        "render",
        &dir("fixtures/dns"),
        "--out",
        &to.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with(
            "wrote types.rs, requests.rs, methods.rs, registry.rs, answers.rs, kind.rs to "
        ),
        "{err}"
    );
    let expected = domaincontext_codegen::emit(&load("fixtures/dns")).expect("emit");
    let mut written: Vec<String> = std::fs::read_dir(&to)
        .expect("out dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut names: Vec<String> = expected.files.iter().map(|(n, _)| n.to_string()).collect();
    names.sort();
    assert_eq!(written, names);
    for (name, source) in &expected.files {
        let got = std::fs::read_to_string(to.join(name)).expect("written file");
        assert!(&got == source, "{name} differs");
    }
}

#[test]
fn diff_reports_changes_and_exit_status() {
    let (old, new) = (dir("diff/breaking/old"), dir("diff/breaking/new"));
    let (code, out, err) = run(&["diff", &old, &new]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "breaking: domainRegister: argument period made required\n\
         breaking: domainRenew: command removed (client method domain_renew)\n\
         compatible: domainGetInfo: command added (client method domain_get_info)\n\
         summary: 2 breaking, 1 compatible changes (release: major, minor while 0.x)\n"
    );
    let (code, out2, _) = run(&["diff", &old, &new, "--fail-on-breaking"]);
    assert_eq!(code, 3);
    assert_eq!(out2, out);

    let (old, new) = (dir("diff/compatible/old"), dir("diff/compatible/new"));
    let (code, out, err) = run(&["diff", "--fail-on-breaking", &old, &new]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "compatible: type period: rule widened from {int: {min: 1, max: 10}} to {int: {min: 1, max: 99}}\n\
         compatible: type period: doc changed from \"An integer from 1 to 10.\" to \"An integer from 1 to 99.\"\n\
         compatible: domainRegister: description changed from \"Domain registration\" to \"Register a domain\"\n\
         compatible: domainRegister: optional argument period added (period)\n\
         compatible: domainsRegister: command added (client method domains_register)\n\
         summary: 5 compatible changes (release: minor)\n"
    );

    let (code, out, _) = run(&["diff", &old, &old, "--fail-on-breaking"]);
    assert_eq!((code, out.as_str()), (0, "summary: no changes\n"));
}

#[test]
fn diff_markdown_is_a_review_comment() {
    let (old, new) = (dir("diff/breaking/old"), dir("diff/breaking/new"));
    let (code, out, _) = run(&["diff", &old, &new, "--format", "markdown"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "**Verdict: breaking**\n\n\
         ## Spec changes\n\n\
         **2 breaking, 1 compatible changes (release: major, minor while 0.x)**\n\n\
         ### Breaking\n\n\
         | Where | Change | Rust API | CLI | Sandbox |\n\
         | --- | --- | --- | --- | --- |\n\
         | `domainRegister` | argument `period` made required | `requests::DomainRegister::period` moves into `requests::DomainRegister::new` | flag `--period` is required | refuses `domainRegister` without `period` |\n\
         | `domainRenew` | command removed (client method `domain_renew`) | struct `requests::DomainRenew` and method `Client::domain_renew` removed | command `domaincontext domainRenew` removed | refuses `domainRenew` (unknown command) |\n\n\
         ### Compatible\n\n\
         | Where | Change | Rust API | CLI | Sandbox |\n\
         | --- | --- | --- | --- | --- |\n\
         | `domainGetInfo` | command added (client method `domain_get_info`) | new struct `requests::DomainGetInfo`, method `Client::domain_get_info` | new command `domaincontext domainGetInfo` | accepts `domainGetInfo` |\n"
    );
    let (code, md, _) = run(&[
        "diff",
        "--format=markdown",
        "--fail-on-breaking",
        &old,
        &new,
    ]);
    assert_eq!((code, md), (3, out));
}

#[test]
fn diff_of_a_broken_spec_is_status_1_with_its_problems() {
    let (code, out, err) = run(&["diff", &dir("broken/many"), &dir("fixtures/plain")]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("error: unknown type `idd`"), "{err}");
    assert!(err.ends_with("19 problems in the spec\n"), "{err}");
}

#[test]
fn bad_usage_is_status_2() {
    for args in [
        &["diff", "only-one"][..],
        &["diff", "a", "b", "--format", "html"],
        &["frobnicate"],
        &["render", "--out"],
        &[],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(!err.is_empty(), "{args:?}");
    }
}

#[test]
fn help_prints_usage() {
    for args in [&["--help"][..], &["help"], &["list", "-h"]] {
        let (code, out, _) = run(args);
        assert_eq!(code, 0);
        assert!(
            out.contains("domaincontext-codegen diff OLD NEW [--format text|markdown|github|json]"),
            "{out}"
        );
    }
}
