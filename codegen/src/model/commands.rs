//! Commands and their arguments, as the spec declares them.

use super::answers::Returns;
use super::kind::{AnswerKind, Effect};
use super::named::{Correction, Named};
use crate::yaml::Pos;

/// A command as written in the spec.
#[derive(Clone, Debug)]
pub struct CommandDef {
    /// The API's name (`domainsCheck`).
    pub name: Named,
    /// The seed's description (fixed where it was wrong).
    pub description: String,
    /// Read-only or changing.
    pub effect: Effect,
    /// The answer can take up to 10 minutes.
    pub long: bool,
    /// What a success looks like (`Bulk` for `array_of` commands).
    pub answer: AnswerKind,
    /// The Rust method name, when the derived one would clash.
    pub rust_name: Option<Named>,
    /// What a success decodes into, when the spec says.
    pub returns: Option<Returns>,
    /// Its arguments, or the relation that gives them.
    pub body: Body,
    /// Arguments of which at least one must be given (`require_one_of: [domain, id]`).
    pub require_one_of: Option<Group>,
    /// Arguments that make a call succeed on the sandbox's starting data set, as the JSON
    /// text of the form's tree (an object; a list of items for a bulk command), shown in
    /// help where the type examples would read as nonsense.
    pub example: Option<String>,
    /// Where the command departs from the provider's document on purpose.
    pub seed: Vec<Correction>,
}

/// A group of optional arguments of which at least one must be given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The arguments, in spec order.
    pub names: Vec<Named>,
    /// Where the group is written.
    pub pos: Pos,
}

/// Where a command's arguments come from.
#[derive(Clone, Debug)]
pub enum Body {
    /// Its own arguments, plus all of `extends`'s when given.
    Args {
        args: Vec<Arg>,
        extends: Option<Named>,
    },
    /// "same as X": the arguments of X.
    SameAs(Named),
    /// "array of X": a bulk command whose items are X's arguments, keyed by index or by
    /// the item's argument `key`.
    ArrayOf { item: Named, key: Option<Named> },
}

/// One argument of a command.
#[derive(Clone, Debug)]
pub struct Arg {
    /// The API's name.
    pub name: Named,
    /// What kind of value it takes.
    pub kind: ArgKind,
    /// Required (`*`): must be given, and not empty.
    pub required: bool,
    /// The default the API applies when it is left out.
    pub default: Option<String>,
    /// Further words of the seed's row.
    pub doc: Option<String>,
    /// Why it is ours, when the seed does not give it.
    pub ours: Option<String>,
    /// Where the argument departs from the provider's document on purpose.
    pub seed: Vec<Correction>,
}

/// The shape of an argument's value.
#[derive(Clone, Debug)]
pub enum ArgKind {
    /// A value of a type.
    Type(Named),
    /// Records keyed by number, each with these fields; `flatten` puts the keys at the top
    /// level of the form instead of under the argument's name.
    Array { fields: Vec<Arg>, flatten: bool },
    /// Free keys, each with a value of this type.
    MapOf(Named),
}
