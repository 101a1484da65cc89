//! The spec as a model: what `load` reads from the YAML, and what `check` resolves it into.
//! Only a checked `Spec` reaches the emitters.

mod answers;
mod commands;
pub mod kind;
mod named;
mod types;

pub use answers::*;
pub use commands::*;
pub use kind::{AnswerKind, Effect};
pub use named::*;
pub use types::*;

/// A checked spec: every relation resolved, every name known.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The types, in spec order.
    pub types: Vec<TypeDef>,
    /// The commands, in spec order.
    pub commands: Vec<Command>,
    /// The answer shapes, in spec order.
    pub answers: Vec<AnswerDef>,
}

/// A checked command.
#[derive(Clone, Debug)]
pub struct Command {
    /// As written.
    pub def: CommandDef,
    /// What its requests carry.
    pub shape: Shape,
    /// Groups of arguments of which at least one must be given (its own, or those of the
    /// command it is "same as" or extends); empty for bulk commands, whose items carry them.
    pub groups: Vec<Vec<String>>,
}

impl AsRef<CommandDef> for Command {
    fn as_ref(&self) -> &CommandDef {
        &self.def
    }
}

impl AsRef<CommandDef> for CommandDef {
    fn as_ref(&self) -> &CommandDef {
        self
    }
}

/// A checked command's request shape.
#[derive(Clone, Debug)]
pub enum Shape {
    /// Arguments (after "same as" and "extends" are applied).
    Single(Vec<Arg>),
    /// Items of another command, by its index in `Spec::commands`.
    Bulk { item: usize, key: Option<String> },
}

impl Spec {
    /// The type of this name.
    pub fn ty(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name.name == name)
    }

    /// The closed set of values an argument takes, when its type is an enum.
    pub fn enum_of(&self, a: &Arg) -> Option<&EnumRule> {
        match &a.kind {
            ArgKind::Type(t) => match self.ty(&t.name).map(|t| &t.rule) {
                Some(Rule::Enum(e)) => Some(e),
                _ => None,
            },
            _ => None,
        }
    }

    /// What a command's success decodes into (for a bulk command, its items').
    pub fn returns<'a>(&'a self, cmd: &'a Command) -> Option<&'a Returns> {
        match &cmd.shape {
            Shape::Single(_) => cmd.def.returns.as_ref(),
            Shape::Bulk { item, .. } => self.commands[*item].def.returns.as_ref(),
        }
    }

    /// The arguments of a single command's items (for a bulk command, its item's).
    pub fn item_args<'a>(&'a self, cmd: &'a Command) -> &'a [Arg] {
        match &cmd.shape {
            Shape::Single(args) => args,
            Shape::Bulk { item, .. } => self.item_args(&self.commands[*item]),
        }
    }
}
