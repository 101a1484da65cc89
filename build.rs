//! Compiles the spec (`spec/`) into the client's generated modules in `OUT_DIR`. A spec
//! with problems stops the build with every problem listed as `file:line:column`.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-env-changed=DOMAINCONTEXT_SPEC_DIR");
    let dir = match std::env::var_os("DOMAINCONTEXT_SPEC_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(
            std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
        )
        .join("spec"),
    };
    println!("cargo::rerun-if-changed={}", dir.display());
    match domaincontext_codegen::spec_files(&dir) {
        Ok(files) => {
            for f in files {
                println!("cargo::rerun-if-changed={}", f.display());
            }
        }
        Err(e) => fail(&format!(
            "cannot read the spec directory {}: {e}",
            dir.display()
        )),
    }
    let spec =
        domaincontext_codegen::load_dir(&dir).unwrap_or_else(|report| fail(&report.to_string()));
    let output = domaincontext_codegen::emit(&spec).unwrap_or_else(|e| fail(&e));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, source) in &output.files {
        if let Err(e) = std::fs::write(out.join(name), source) {
            fail(&format!("cannot write {name}: {e}"));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    for line in message.lines().filter(|l| l.contains(": error: ")) {
        println!("cargo::warning={line}");
    }
    std::process::exit(1)
}
