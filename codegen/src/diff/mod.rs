//! The semantic difference between two checked specs: what changed for code that uses the
//! generated crate, each change classified as breaking or compatible. Order and files do
//! not matter, nor positions, nor how arguments are reached (`same_as` or written out).
//!
//! The classification follows what the generator makes of the spec: request structs are
//! `#[non_exhaustive]` with `pub` fields, `new(required arguments...)` and a setter per
//! optional argument; argument types are newtypes made through `FromStr` / `TryFrom`.
//!
//! ```
//! # let text = |commands: &str| vec![
//! #     ("types.yaml".to_owned(), "types:\n  id: {doc: ID, rule: {int: {min: 1}}}\n".to_owned()),
//! #     ("commands/a.yaml".to_owned(), commands.to_owned()),
//! # ];
//! use domaincontext_codegen::{diff::diff, load_sources};
//!
//! let old = load_sources(&text("commands:\n  get: {description: Get, effect: read, args: {id: id}}\n")).unwrap();
//! let new = load_sources(&text("commands:\n  get: {description: Get, effect: read, args: {id: {type: id, required: true}}}\n")).unwrap();
//! let d = diff(&old, &new);
//! assert_eq!(d.to_text(), "breaking: get: argument id made required\nsummary: 1 breaking change (release: major, minor while 0.x)\n");
//! ```

mod args;
mod commands;
mod differ;
mod impact;
mod message;
mod report;
mod rules;
mod types;

pub use report::{Bump, Change, Diff, Kind, Level, Subject};
pub use rules::rule_text;

use crate::model::Spec;

/// The changes from `old` to `new`.
pub fn diff(old: &Spec, new: &Spec) -> Diff {
    let mut d = differ::Differ {
        old,
        new,
        changes: Vec::new(),
        at: None,
        item: None,
    };
    d.types();
    d.commands();
    d.answers();
    let mut changes = d.changes;
    // Stable: within a subject, changes keep the order they were found in.
    changes.sort_by(|a, b| (a.level, &a.subject).cmp(&(b.level, &b.subject)));
    Diff { changes }
}
