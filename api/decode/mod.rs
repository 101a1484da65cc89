//! Decoding successful answers into the typed shapes of [`crate::answers`], as leniently
//! as the API needs: numbers as JSON numbers or numeric strings, flags as `1`/`0`/`true`/
//! `false`/`"1"`/`"0"`, lists as arrays or comma-joined text, `null` (and blank text for
//! numbers, dates and money) as absent, unknown fields kept. Money is read from the
//! answer's exact text, so decoding always goes from text (the single answer's, or each
//! bulk item's), never from an already parsed value.
//!
//! The generated decoders are a few lines per shape: a `match` of field names, each arm one
//! call of [`field`]; the impls around it come from the macros of `macros.rs`. Here: the
//! error, the [`Answer`] trait and the strict mode; the readings are in the files below.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::error::Error;

mod lenient;
mod list;
mod macros;
mod object;

pub use lenient::{Lenient, field};
pub(crate) use list::Rows;
pub use list::{entries, or_default};
pub(crate) use macros::{
    fields_answer, fields_impl, record_fields, via_deserialize, via_u64, wrapped_answer,
};
pub use object::{Fields, arg, object};

/// A successful answer that does not fit its shape: the command succeeded (for a changing
/// command, the change was made), but its answer could not be read. Carries the answer's
/// exact text.
#[derive(Clone)]
pub struct DecodeError {
    text: String,
    message: String,
}

impl DecodeError {
    pub(crate) fn new(text: &str, e: impl fmt::Display) -> Self {
        Self {
            text: text.to_owned(),
            message: e.to_string(),
        }
    }

    /// The answer's exact JSON text, as the API sent it. It may hold a secret (an auth
    /// code): it is never part of this error's message.
    pub fn raw_text(&self) -> &str {
        &self.text
    }

    /// What did not fit (`field `id`: ...`), with the place in the text.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

// The text may hold secrets: `Debug` shows only its length.
impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("message", &self.message)
            .field("text_len", &self.text.len())
            .finish()
    }
}

impl std::error::Error for DecodeError {}

impl Error {
    /// When the command succeeded but its answer did not fit its shape
    /// ([`ErrorKind::Decode`](crate::ErrorKind::Decode)): what did not fit, and the
    /// answer's exact text.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        std::error::Error::source(self)?.downcast_ref()
    }
}

/// A typed answer shape of [`crate::answers`]: a command whose spec names it decodes its
/// success into it.
pub trait Answer: DeserializeOwned {}

thread_local! {
    /// Set while [`decode_strict`] runs on this thread.
    pub(super) static STRICT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Decodes an answer's text as the typed answers do, but refuses any field a shape does
/// not name (at any depth) instead of keeping it in `extra`: to find where the API
/// answers more than the spec says.
///
/// ```
/// use domaincontext::answers::Note;
/// assert!(domaincontext::decode_strict::<Note>(r#"{"id": 1, "note": "x"}"#).is_ok());
/// let e = domaincontext::decode_strict::<Note>(r#"{"id": 1, "color": "red"}"#).unwrap_err();
/// assert!(e.message().contains("`color`"));
/// ```
pub fn decode_strict<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            STRICT.with(|s| s.set(self.0));
        }
    }
    let _reset = Reset(STRICT.with(|s| s.replace(true)));
    from_text(text)
}

/// Decodes a whole answer's text into `T`.
pub(crate) fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    serde_json::from_str(text).map_err(|e| DecodeError::new(text, e))
}
