//! What every part of the model carries: names with the place they were written, and the
//! corrections that record where the spec departs from the provider's document.

use crate::yaml::Pos;

/// A name and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name.
    pub name: String,
    /// Where it stands in the spec.
    pub pos: Pos,
}

/// A departure from the provider's document made on purpose: what the document says, and
/// why the spec says otherwise. `drift` does not report it; `drift --show-corrections`
/// lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The document's own text: a type's description, a command's row, or an argument's
    /// row (what follows the bullet); empty when the document does not have it at all.
    pub said: String,
    /// Why the spec departs from it.
    pub why: String,
    /// Where the correction is written.
    pub pos: Pos,
}
