//! `domaincontext-codegen render --out DIR` writes, byte for byte, what `build.rs` wrote
//! into `OUT_DIR` and the crate compiled.

use std::path::PathBuf;

#[test]
fn render_equals_what_the_build_compiled() {
    let spec = std::env::var_os("DOMAINCONTEXT_SPEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("spec"));
    let out = std::env::temp_dir().join(format!("dc-render-{}", std::process::id()));
    let args: Vec<String> = [
        "render".to_owned(),
        spec.display().to_string(),
        "--out".to_owned(),
        out.display().to_string(),
    ]
    .into();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = domaincontext_codegen::tool::run(&args, &mut stdout, &mut stderr);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&stderr));
    let built = PathBuf::from(env!("OUT_DIR"));
    let mut compared = 0;
    for name in [
        "types.rs",
        "requests.rs",
        "methods.rs",
        "registry.rs",
        "answers.rs",
    ] {
        let rendered = std::fs::read(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let compiled = std::fs::read(built.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            rendered == compiled,
            "{name} differs from what the build compiled"
        );
        compared += rendered.len();
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(compared > 100_000, "{compared} bytes compared");
}
