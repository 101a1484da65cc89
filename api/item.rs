//! Why one item of a bulk answer (or of a [`Client::bulk`](crate::Client::bulk) run) has
//! no success: refused by the API, not answered, carried by a request that failed, or
//! answered in a form that could not be read.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::decode::DecodeError;
use crate::error::{ApiError, Error, Sent};

/// Why one bulk item has no success. The question a caller must answer before repeating
/// it is [`ItemError::is_outcome_unknown`]: a refused item was not carried out, an item
/// whose outcome is unknown may have been.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum ItemError {
    /// The API refused this item: its own `_error`, or an answer the rules call an error
    /// (`false`, `null`, a bare number or string).
    Api(ApiError),
    /// The answer had no result for this item. For a changing command it may have been
    /// carried out all the same: its outcome is unknown.
    NoResult {
        /// The command changes state.
        changes: bool,
    },
    /// The request that carried the item failed as a whole; the error says whether it was
    /// sent and whether its outcome is unknown. Shared by the chunk's items.
    Chunk(Arc<Error>),
    /// The item succeeded (for a changing command, it was carried out) but its answer
    /// does not fit its shape.
    Decode(DecodeError),
    /// The task that carried the item's chunk failed (it panicked or was cancelled) before
    /// it reported: whether its request was sent is not known.
    Lost {
        /// The command changes state.
        changes: bool,
    },
}

impl ItemError {
    /// The item may have been carried out and nothing says whether it was: check before
    /// repeating it.
    pub fn is_outcome_unknown(&self) -> bool {
        match self {
            ItemError::Api(_) | ItemError::Decode(_) => false,
            ItemError::NoResult { changes } | ItemError::Lost { changes } => *changes,
            ItemError::Chunk(e) => e.is_outcome_unknown(),
        }
    }

    /// The API's refusal of this item, when it refused it.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ItemError::Api(e) => Some(e),
            ItemError::Chunk(e) => e.api_error(),
            _ => None,
        }
    }

    /// Whether the item's request reached the server.
    pub fn sent(&self) -> Sent {
        match self {
            ItemError::Api(_) | ItemError::NoResult { .. } | ItemError::Decode(_) => Sent::Yes,
            ItemError::Chunk(e) => e.sent(),
            ItemError::Lost { .. } => Sent::Maybe,
        }
    }

    /// The message, one line: the API's own text for a refusal.
    pub fn message(&self) -> Cow<'_, str> {
        match self {
            ItemError::Api(e) => Cow::Borrowed(e.message()),
            other => Cow::Owned(other.to_string()),
        }
    }
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemError::Api(e) => write!(f, "{e}"),
            ItemError::NoResult { changes: true } => f.write_str(
                "the answer has no result for this item; outcome unknown: it may have been carried out, check before repeating it",
            ),
            ItemError::NoResult { changes: false } => {
                f.write_str("the answer has no result for this item")
            }
            ItemError::Chunk(e) => write!(f, "{e}"),
            ItemError::Decode(_) => {
                f.write_str("the item succeeded but its answer could not be read")
            }
            ItemError::Lost { changes: true } => f.write_str(
                "the task carrying this item failed; outcome unknown: it may have been carried out, check before repeating it",
            ),
            ItemError::Lost { changes: false } => f.write_str(
                "the task carrying this item failed before it answered; it may not have been sent",
            ),
        }
    }
}

// Transparent over what it wraps: the message is the wrapped error's own, so `source()`
// goes on from there instead of repeating it.
impl std::error::Error for ItemError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ItemError::Chunk(e) => std::error::Error::source(e.as_ref()),
            ItemError::Decode(e) => Some(e),
            _ => None,
        }
    }
}
