//! `domaincontext-codegen`: loads the DomainContext API spec (YAML), checks it as a whole,
//! and emits the Rust of the `domaincontext` client crate. Also compares two specs.
//!
//! The pipeline is parse → model → check → emit: only a spec without problems reaches the
//! emitters, and every problem is reported at once with `file:line:column` and a hint.
//!
//! The modules, in the order the data flows: [`yaml`] (a spanned YAML tree), [`load`] (the
//! tree read into the model, every problem of form recorded; [`load::format`] lists the
//! keys), [`model`], [`check`] (the spec checked as a whole, relations resolved), [`names`]
//! (every Rust name), [`mod@emit`] (the Rust of the client). With the default feature `tool`:
//! `diff`, `drift`, `review` and `tool`, the command line. The client's build script
//! depends on this crate with `default-features = false` and compiles only the first group.
//!
//! **Why the loader walks a spanned tree instead of deriving serde.** The design names
//! serde for reading the spec, but the spec's users are promised every problem at once,
//! each at its `file:line:column`. A serde-derived model stops at the first error, and the
//! YAML deserializers for serde either carry no positions (serde_yaml, now unmaintained) or
//! give them only per value through wrapper types that every field of the model would
//! carry. So the loader keeps yaml-rust2's spanned tree and reads it by hand; what could
//! drift (the keys each mapping takes, restated in `spec/schema.json` for editors) is one
//! list per mapping in [`load::format`], which the loader refuses unknown keys with, and a
//! test holds equal to the schema's properties.
//!
//! ```no_run
//! let spec = domaincontext_codegen::load_dir("spec".as_ref()).map_err(|r| r.to_string())?;
//! let out = domaincontext_codegen::emit(&spec)?;
//! print!("{}", out.render());
//! # Ok::<(), String>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod check;
pub mod diag;
#[cfg(feature = "tool")]
#[cfg_attr(docsrs, doc(cfg(feature = "tool")))]
pub mod diff;
#[cfg(feature = "tool")]
#[cfg_attr(docsrs, doc(cfg(feature = "tool")))]
pub mod drift;
pub mod emit;
pub mod load;
pub mod model;
pub mod names;
#[cfg(feature = "tool")]
#[cfg_attr(docsrs, doc(cfg(feature = "tool")))]
pub mod review;
#[cfg(feature = "tool")]
#[cfg_attr(docsrs, doc(cfg(feature = "tool")))]
pub mod tool;
pub mod yaml;

use std::path::{Path, PathBuf};

pub use diag::{Diagnostic, Report};
#[cfg(feature = "tool")]
#[cfg_attr(docsrs, doc(cfg(feature = "tool")))]
pub use diff::{Diff, diff};
pub use emit::{Output, emit};
pub use model::Spec;

/// The spec files of a spec directory, in load order: `types.yaml`, `answers.yaml` when
/// there is one, then every
/// `*.yaml` below `commands/`, by name (the names start with a number, so that the
/// commands keep the seed's order).
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = vec![dir.join("types.yaml")];
    if dir.join("answers.yaml").exists() {
        files.push(dir.join("answers.yaml"));
    }
    let mut commands: Vec<PathBuf> = std::fs::read_dir(dir.join("commands"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    commands.sort();
    files.extend(commands);
    Ok(files)
}

/// Loads and checks a spec directory.
pub fn load_dir(dir: &Path) -> Result<Spec, Report> {
    let files = spec_files(dir).map_err(|e| io_report(dir, &e))?;
    let mut sources = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| io_report(f, &e))?;
        sources.push((f.display().to_string(), text));
    }
    load_sources(&sources)
}

/// Loads and checks a spec given as `(file name, text)` pairs.
pub fn load_sources(sources: &[(String, String)]) -> Result<Spec, Report> {
    let mut cx = diag::Ctxt::default();
    let mut raw = load::Raw::default();
    for (name, text) in sources {
        load::load_source(&mut cx, &mut raw, name, text);
    }
    let spec = check::check(&mut cx, raw);
    cx.finish()?;
    spec.ok_or_else(Report::default)
}

fn io_report(path: &Path, e: &std::io::Error) -> Report {
    Report {
        diagnostics: vec![Diagnostic {
            pos: yaml::Pos {
                file: path.display().to_string().into(),
                line: 1,
                col: 1,
            },
            message: format!("cannot read: {e}"),
            hint: Some("a spec directory holds types.yaml and commands/*.yaml".to_owned()),
        }],
    }
}

/// The closest of `candidates` to `word` (Levenshtein distance in characters, ignoring
/// case, by `strsim`), if one is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
