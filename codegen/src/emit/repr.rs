//! How a spec type is held in Rust (its [`Repr`]), whether its values are secret, and its
//! doc: what the newtype emitters (`types`, `conversions`, `enums`, `serde_impls`) and the
//! request emitters share about a type.

use crate::model::{EnumRule, Rule, Spec, TypeDef};

/// How a type is held in Rust.
pub enum Repr<'a> {
    /// A `u64`.
    Int,
    /// A `bool`.
    Bool,
    /// A `Vec` of another type, joined by `sep` on the wire.
    List { of: &'a str, sep: char },
    /// A `String`.
    Text,
    /// A Rust enum of a closed set.
    Enum(&'a EnumRule),
}

/// How `t` is held: a type whose rule is another type's is held as that one is. A secret
/// is held as text whatever its rule, so that it is always a `SecretString`. The checked
/// type holds its resolved rule; `_spec` stays for the callers that pass it.
pub fn repr<'a>(_spec: &'a Spec, t: &'a TypeDef) -> Repr<'a> {
    match &t.resolved {
        Rule::List { of, sep } => Repr::List {
            of: &of.name,
            sep: *sep,
        },
        _ if t.secret => Repr::Text,
        Rule::Enum(e) => Repr::Enum(e),
        Rule::Int { .. } => Repr::Int,
        Rule::Bool => Repr::Bool,
        _ => Repr::Text,
    }
}

/// A list type is secret when its items are.
pub fn is_secret(spec: &Spec, t: &TypeDef) -> bool {
    t.secret
        || match repr(spec, t) {
            Repr::List { of, .. } => spec.ty(of).is_some_and(|i| is_secret(spec, i)),
            _ => false,
        }
}

/// The doc of a type: its own words, where our definition comes from, its examples.
pub fn type_doc(t: &TypeDef) -> String {
    let name = &t.name.name;
    let mut doc = format!("`{name}`: {}", super::md(&t.doc));
    if let Some(ours) = &t.ours {
        doc.push_str(&format!(
            "\n\n*Our definition* (the seed does not define this type): {}.",
            super::md(ours)
        ));
    }
    if !t.examples.is_empty() {
        doc.push_str(&format!(
            "\n\nExamples: {}.",
            t.examples
                .iter()
                .map(|e| format!("`{e:?}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    doc
}
