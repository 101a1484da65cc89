//! Generation: load + check + emit + format of the full spec, and of synthetic specs 10
//! and 100 times its size, made here from the real spec by repeating every command file
//! under renamed commands (`domainsCheckV7`), relations renamed alike.
//!
//! `cargo bench --bench generate`

use std::path::Path;

fn main() {
    divan::main();
}

/// The spec's files as `(name, text)`, with the command files repeated `copies` times.
fn sources(copies: usize) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let files = domaincontext_codegen::spec_files(&dir).expect("spec files");
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read spec");
        let name = f.display().to_string();
        if name.ends_with("types.yaml") || name.ends_with("answers.yaml") {
            out.push((name, text));
            continue;
        }
        for k in 0..copies {
            // The first copy keeps the spec's names, which `answers.yaml` (read once)
            // refers to; the others are renamed.
            let suffix = if k == 0 {
                String::new()
            } else {
                format!("V{k}")
            };
            out.push((format!("{name}#{k}"), rename(&text, &suffix)));
        }
    }
    out
}

/// Renames every command of a command file, and the relations that name them.
pub fn rename(text: &str, suffix: &str) -> String {
    if suffix.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 4096);
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let head = trimmed.split(':').next().unwrap_or_default();
        let is_name = indent == 2
            && !head.is_empty()
            && head.bytes().all(|b| b.is_ascii_alphanumeric())
            && trimmed.ends_with(':');
        if is_name {
            out.push_str(&format!("  {head}{suffix}:"));
        } else if let Some(target) = ["array_of: ", "same_as: ", "extends: "]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p))
        {
            out.push_str(&line[..line.len() - target.len()]);
            out.push_str(target.trim());
            out.push_str(suffix);
        } else if let Some(rust) = trimmed.strip_prefix("rust_name: ") {
            out.push_str(&line[..line.len() - rust.len()]);
            out.push_str(&format!("{}_{}", rust.trim(), suffix.to_lowercase()));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn generate(sources: &[(String, String)]) -> usize {
    let spec = domaincontext_codegen::load_sources(sources).unwrap_or_else(|r| panic!("{r}"));
    let out = domaincontext_codegen::emit(&spec).expect("emit");
    out.files.iter().map(|(_, s)| s.len()).sum()
}

#[divan::bench(args = [1, 10, 100], sample_count = 5)]
fn load_check_emit_format(b: divan::Bencher, copies: usize) {
    let sources = sources(copies);
    b.counter(divan::counter::ItemsCount::new(139 * copies))
        .bench(|| generate(&sources));
}

#[divan::bench(args = [1, 10, 100], sample_count = 5)]
fn load_and_check_only(b: divan::Bencher, copies: usize) {
    let sources = sources(copies);
    b.bench(|| {
        domaincontext_codegen::load_sources(&sources)
            .map(|s| s.commands.len())
            .unwrap_or(0)
    });
}
