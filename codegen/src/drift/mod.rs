//! Drift: the provider's document (its type table and full command table, in the format
//! the provider publishes them) against the spec. Reports what the document says that the
//! spec does not, except where the spec records a departure on purpose (`seed:`).

mod compare;
mod document;
mod render;

pub use compare::{Drift, drift};
pub use document::{Doc, DocArg, DocCommand, DocRow, DocType, RowKind, Unreadable, parse};
pub use render::{corrections, render_seed};

use crate::model::Correction;

/// The correction of `seed` written for the document's `text`, if there is one.
fn said<'a>(seed: &'a [Correction], text: &str) -> Option<&'a Correction> {
    seed.iter().find(|c| norm(&c.said) == norm(text))
}

/// White space folded, as the document's line breaks fall anywhere.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
