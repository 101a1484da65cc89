//! The fixture specs' generated code compiles with the client's runtime, not only matches
//! its snapshot: the client crate is checked (`cargo check`) with its build script pointed
//! at each fixture (`DOMAINCONTEXT_SPEC_DIR`), with and without the `dynamic` feature, and
//! without the default `workflows` (hand-written on commands the fixtures do not have).
//! `spec_fixtures.rs` holds each snapshot equal to what the generator makes of its fixture,
//! so together they say the committed snapshots compile.
//!
//! The checks share one target directory under cargo's test scratch space, apart from the
//! workspace's own (whose build script output they would otherwise overwrite); its
//! dependencies are checked once, then each fixture re-checks only the client crate.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn every_fixture_compiles_with_the_runtime() {
    let codegen = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = codegen.parent().expect("the workspace holds codegen/");
    let fixtures = codegen.join("tests").join("fixtures");
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("snapshot-check");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut checked = 0;
    for name in ["plain", "bulk", "dns", "rules"] {
        for features in [
            &["--no-default-features"][..],
            &["--no-default-features", "--features", "dynamic"][..],
        ] {
            let out = Command::new(&cargo)
                .current_dir(root)
                .args(["check", "--locked", "--quiet", "-p", "domaincontext"])
                .args(features)
                .env("DOMAINCONTEXT_SPEC_DIR", fixtures.join(name))
                .env("CARGO_TARGET_DIR", &target)
                .output()
                .expect("run cargo");
            assert!(
                out.status.success(),
                "fixture {name} {features:?} does not compile:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
}
