//! The generator on small fixture specs: the emitted code of each is committed under
//! `tests/snapshots/` and compared (run with `UPDATE_SNAPSHOTS=1` to accept a change), and
//! each broken spec's full report is committed beside it as `expected.txt`.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Compares `actual` with the committed file, or writes it when asked to.
fn compare(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "read {}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the generator's output at line {}:\n  committed: {:?}\n  generated: {:?}\n(run with UPDATE_SNAPSHOTS=1 to accept)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        );
    }
}

/// Loads a fixture with paths relative to `tests/`, so reports do not depend on where the
/// checkout is.
fn load(dir: &str) -> Result<domaincontext_codegen::Spec, domaincontext_codegen::Report> {
    let base = root();
    let files = domaincontext_codegen::spec_files(&base.join(dir)).expect("fixture files");
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&base)
                .expect("under tests/")
                .display()
                .to_string();
            (rel, std::fs::read_to_string(f).expect("read fixture"))
        })
        .collect();
    domaincontext_codegen::load_sources(&sources)
}

fn snapshot(name: &str) {
    let spec = load(&format!("fixtures/{name}"))
        .unwrap_or_else(|r| panic!("fixture {name} has problems:\n{r}"));
    let out = domaincontext_codegen::emit(&spec).expect("emit");
    compare(
        &root().join("snapshots").join(format!("{name}.rs")),
        &out.render(),
    );
}

#[test]
fn snapshot_plain_command() {
    snapshot("plain");
}

#[test]
fn snapshot_bulk_command() {
    snapshot("bulk");
}

#[test]
fn snapshot_nested_dns_records() {
    snapshot("dns");
}

#[test]
fn snapshot_every_rule_kind() {
    snapshot("rules");
}

fn broken(name: &str) {
    let report = match load(&format!("broken/{name}")) {
        Ok(_) => panic!("broken spec {name} was accepted"),
        Err(r) => r,
    };
    compare(
        &root().join("broken").join(name).join("expected.txt"),
        &format!("{report}\n"),
    );
}

#[test]
fn broken_spec_reports_every_problem_with_its_position() {
    broken("many");
}

#[test]
fn broken_yaml_is_reported_for_every_file() {
    broken("syntax");
}

#[test]
fn the_real_spec_has_no_problems() {
    let dir = root().join("../../spec");
    let spec = domaincontext_codegen::load_dir(&dir).unwrap_or_else(|r| panic!("{r}"));
    assert!(
        spec.commands.len() > 100,
        "{} commands",
        spec.commands.len()
    );
}
