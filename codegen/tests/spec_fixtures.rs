//! The generator on small fixture specs: the emitted code of each is an insta snapshot
//! under `tests/snapshots/` (`NAME.snap`; accept a change with `cargo insta review`, or
//! run with `INSTA_UPDATE=always`), and each broken spec's full report is committed beside
//! it as `expected.txt` (which `tests/tool.rs` also compares the tool's output with).

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
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
    insta::with_settings!({
        snapshot_path => root().join("snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, out.render());
    });
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
    let path = root().join("broken").join(name).join("expected.txt");
    let expected = std::fs::read_to_string(&path).expect("expected.txt");
    assert_eq!(format!("{report}\n"), expected, "{}", path.display());
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
