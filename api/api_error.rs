//! What the API refused: its `_error` text, and `_error_ops` when present.

use std::fmt;

use serde_json::Value;

/// The API's refusal: its `_error` text, and `_error_ops` when present.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    message: String,
    ops: Option<Value>,
}

impl ApiError {
    /// An error with this message.
    pub fn new(message: impl Into<String>, ops: Option<Value>) -> Self {
        Self {
            message: message.into(),
            ops,
        }
    }

    /// The API's message (`not enough money`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The values for the message's placeholders (`_error_ops`), if the API sent them.
    pub fn ops(&self) -> Option<&Value> {
        self.ops.as_ref()
    }

    /// The message asks to try again later (it mentions waiting).
    pub fn is_retry_later(&self) -> bool {
        self.message.to_lowercase().contains("wait")
    }

    /// The API refused the credentials: a wrong login or password.
    pub fn is_auth(&self) -> bool {
        // The one place that knows the wording: the sandbox's, which is our inference of
        // the API's (the provider's document does not list its messages).
        const WRONG_CREDENTIALS: &str = "wrong login or password";
        self.message
            .trim()
            .to_lowercase()
            .starts_with(WRONG_CREDENTIALS)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(ops) = &self.ops {
            write!(f, " {ops}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
