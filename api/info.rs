//! What every request says of itself: its command's name, whether repeating it can do
//! harm, and the sealed `Command` trait that every request type implements.

use crate::answer::FromReply;
use crate::error::ValidationError;
pub use crate::kind::{AnswerKind, Effect};
use crate::writer::FormWriter;

/// The part of a request that only the client uses: how it is written and what its
/// answer looks like. Private, so that [`Command`] is sealed: the request types of this
/// crate are the only commands, and the trait may gain methods without breaking anyone.
pub trait Sealed {
    /// What a success looks like.
    fn answer(&self) -> AnswerKind {
        AnswerKind::Value
    }
    /// Writes the arguments (not the credentials).
    fn encode(&self, w: &mut FormWriter);
}

/// A request of one command: validated, then written as a form. Implemented by every
/// type of [`crate::requests`]; sealed.
pub trait Command: Sealed + Send + Sync {
    /// What a success decodes into.
    type Output: FromReply;
    /// The API's name of the command (`domainsCheck`).
    fn name(&self) -> &'static str;
    /// Whether repeating the command can do harm: the client retries only
    /// [`Effect::Read`] commands once a request may have been sent.
    fn effect(&self) -> Effect;
    /// The command's description.
    #[cfg(feature = "dynamic")]
    #[cfg_attr(docsrs, doc(cfg(feature = "dynamic")))]
    fn info(&self) -> &'static crate::CommandInfo;
    /// Checks the rules that span arguments (required, one-of, bulk keys); each value's
    /// own rule was applied when it was made.
    fn validate(&self) -> Result<(), ValidationError>;
    /// The keys of the items, for a bulk command; `None` for a single one.
    fn bulk_keys(&self) -> Option<Vec<String>> {
        None
    }
}

/// `Command` without its output type, for requests chosen at run time. Sealed, as
/// `Command` is.
pub trait DynCommand: Sealed + Send + Sync {
    /// See [`Command::name`].
    fn name(&self) -> &'static str;
    /// See [`Command::effect`].
    fn effect(&self) -> Effect;
    /// See [`Command::info`].
    #[cfg(feature = "dynamic")]
    #[cfg_attr(docsrs, doc(cfg(feature = "dynamic")))]
    fn info(&self) -> &'static crate::CommandInfo;
    /// See [`Command::validate`].
    fn validate(&self) -> Result<(), ValidationError>;
    /// See [`Command::bulk_keys`].
    fn bulk_keys(&self) -> Option<Vec<String>>;
}

impl<C: Command> DynCommand for C {
    fn name(&self) -> &'static str {
        Command::name(self)
    }
    fn effect(&self) -> Effect {
        Command::effect(self)
    }
    #[cfg(feature = "dynamic")]
    fn info(&self) -> &'static crate::CommandInfo {
        Command::info(self)
    }
    fn validate(&self) -> Result<(), ValidationError> {
        Command::validate(self)
    }
    fn bulk_keys(&self) -> Option<Vec<String>> {
        Command::bulk_keys(self)
    }
}
