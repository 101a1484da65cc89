//! `Error`, which answers the caller's questions: was anything sent? did the API refuse, and
//! with which message? is the outcome unknown? What was refused before sending is in
//! `invalid.rs`, what the API refused in `api_error.rs`; both are re-exported here.

use std::fmt;

pub use crate::api_error::ApiError;
pub use crate::invalid::{InvalidValue, Problem, ValidationError};

/// Whether a request reached the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    /// Nothing was sent: repeating the call is safe.
    No,
    /// It may have been sent, or was: the server may have acted on it.
    Maybe,
    /// It was sent and the server answered.
    Yes,
}

/// Which timeout fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Timeout {
    /// Connecting took too long: nothing was sent.
    Connect,
    /// One attempt's answer took too long (the attempt timeout): the request may have
    /// been sent.
    Answer,
    /// The call's overall deadline passed, retries and waits included. [`Error::sent`]
    /// says whether anything was sent.
    Deadline,
}

/// The broad kind of an [`Error`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An argument was refused before sending.
    Validation,
    /// The client is misconfigured (a plain-HTTP URL to a remote host...).
    Config,
    /// The API answered with an error (`_error`, `false`, `null`, a bare scalar).
    /// [`Error::is_auth`] tells a refusal of the credentials apart.
    Api,
    /// The connection failed.
    Transport,
    /// A timeout fired.
    Timeout,
    /// The server answered with an HTTP error status.
    Status,
    /// The answer could not be read (blank, HTML, invalid JSON, too large).
    Answer,
    /// The command succeeded (for a changing command, the change was made) but its
    /// answer does not fit its typed shape: [`Error::decode_error`] has the answer's text.
    Decode,
}

/// An error of a call to the API.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    command: Option<String>,
    sent: Sent,
    changes: bool,
    message: String,
    validation: Option<ValidationError>,
    invalid: Option<InvalidValue>,
    api: Option<ApiError>,
    timeout: Option<Timeout>,
    status: Option<u16>,
    items: Vec<String>,
    attempts: u32,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, sent: Sent, message: impl Into<String>) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                command: None,
                sent,
                changes: false,
                message: message.into(),
                validation: None,
                invalid: None,
                api: None,
                timeout: None,
                status: None,
                items: Vec::new(),
                attempts: 0,
                source: None,
            }),
        }
    }

    /// A success whose answer does not fit its shape: not a failed call.
    pub(crate) fn decode(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::new(
            ErrorKind::Decode,
            Sent::Yes,
            "the command succeeded but its answer could not be read",
        )
        .with_source(source)
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, Sent::No, message)
    }

    pub(crate) fn validation(e: ValidationError) -> Self {
        let mut err = Self::new(ErrorKind::Validation, Sent::No, e.to_string());
        err.inner.command = Some(e.command().to_owned());
        err.inner.validation = Some(e);
        err
    }

    pub(crate) fn api(e: ApiError) -> Self {
        let mut err = Self::new(ErrorKind::Api, Sent::Yes, e.to_string());
        err.inner.api = Some(e);
        err
    }

    /// A timeout; `sent` is what is known of the request when it fired.
    pub(crate) fn timeout(which: Timeout, sent: Sent) -> Self {
        let message = match (which, sent) {
            (Timeout::Connect, _) => "connect timeout: no connection to the server in time",
            (Timeout::Answer, _) => "answer timeout: no answer came in time",
            (Timeout::Deadline, Sent::No) => "deadline passed while waiting to send",
            (Timeout::Deadline, _) => "deadline passed before an answer came",
        };
        let mut err = Self::new(ErrorKind::Timeout, sent, message);
        err.inner.timeout = Some(which);
        err
    }

    /// An HTTP error status; `api` is the `_error` its body carried, if any.
    pub(crate) fn http_status(status: u16, api: Option<ApiError>) -> Self {
        let mut err = Self::new(
            ErrorKind::Status,
            Sent::Yes,
            format!("the server answered HTTP {status}"),
        );
        err.inner.status = Some(status);
        err.inner.api = api;
        err
    }

    /// Takes the source of `other`, whose own message this error replaces.
    pub(crate) fn with_source_of(mut self, other: Error) -> Self {
        self.inner.source = other.inner.source;
        self
    }

    /// Records how many attempts the call made.
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.inner.attempts = attempts;
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// Names the command and whether it changes state (which makes a lost answer an
    /// unknown outcome), and the keys of its bulk items.
    pub(crate) fn for_command(mut self, command: &str, changes: bool, items: Vec<String>) -> Self {
        self.inner.command = Some(command.to_owned());
        self.inner.changes = changes;
        self.inner.items = items;
        self
    }

    /// The broad kind.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The command of the call, when known.
    pub fn command(&self) -> Option<&str> {
        self.inner.command.as_deref()
    }

    /// Whether the request reached the server.
    pub fn sent(&self) -> Sent {
        self.inner.sent
    }

    /// A changing command may have been carried out, and no answer says whether it was:
    /// check the state (e.g. with a Get command) before trying again.
    pub fn is_outcome_unknown(&self) -> bool {
        self.inner.changes
            && self.inner.sent != Sent::No
            && self.inner.kind != ErrorKind::Api
            && self.inner.kind != ErrorKind::Validation
            && self.inner.kind != ErrorKind::Decode
    }

    /// The argument error, when the call was refused before sending.
    pub fn validation_error(&self) -> Option<&ValidationError> {
        self.inner.validation.as_ref()
    }

    /// The value that broke its type's rule, when this error was made from one (a
    /// `parse()?` of a newtype).
    pub fn invalid_value(&self) -> Option<&InvalidValue> {
        self.inner.invalid.as_ref()
    }

    /// The API refused the credentials (a wrong login or password): fix the
    /// configuration; repeating the call cannot help.
    pub fn is_auth(&self) -> bool {
        self.inner.api.as_ref().is_some_and(ApiError::is_auth)
    }

    /// The API's error, when it refused the call (also the `_error` an HTTP error status
    /// carried in its body).
    pub fn api_error(&self) -> Option<&ApiError> {
        self.inner.api.as_ref()
    }

    /// True if a timeout fired; [`Error::timeout_kind`] says which.
    pub fn is_timeout(&self) -> bool {
        self.inner.timeout.is_some()
    }

    /// Which timeout fired.
    pub fn timeout_kind(&self) -> Option<Timeout> {
        self.inner.timeout
    }

    /// The HTTP status, for an HTTP error answer.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// How many attempts the call made (0 when it was refused before any).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The keys of the bulk items the call carried (for a lost bulk answer: the items
    /// whose outcome is unknown).
    pub fn items(&self) -> &[String] {
        &self.inner.items
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = &self.inner.command {
            if self.inner.kind != ErrorKind::Validation {
                write!(f, "{c}: ")?;
            }
        }
        f.write_str(&self.inner.message)?;
        if self.inner.attempts > 1 {
            write!(f, " (after {} attempts)", self.inner.attempts)?;
        }
        if self.is_outcome_unknown() {
            write!(
                f,
                "; outcome unknown: the command may have been carried out"
            )?;
            if !self.inner.items.is_empty() {
                write!(f, " for items {}", self.inner.items.join(", "))?;
            }
            write!(f, ", check before repeating it")?;
        } else if self.inner.sent == Sent::No
            && !matches!(self.inner.kind, ErrorKind::Validation | ErrorKind::Config)
        {
            write!(f, " (nothing was sent)")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("command", &self.inner.command)
            .field("sent", &self.inner.sent)
            .field("message", &self.inner.message)
            .field("status", &self.inner.status)
            .field("timeout", &self.inner.timeout)
            .field("attempts", &self.inner.attempts)
            .finish()
    }
}

// A validation error's, an invalid value's or an API error's text is this error's own
// message, so it is not also the source (a chain printer would print it twice); an HTTP
// status error's `_error` is not in the message, so it is the source.
impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        if let (ErrorKind::Status, Some(a)) = (self.inner.kind, &self.inner.api) {
            return Some(a);
        }
        self.inner
            .source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Self::validation(e)
    }
}

/// The one way from a newtype's parse error to an [`Error`], for `?` in code that builds
/// requests and sends them.
impl From<InvalidValue> for Error {
    fn from(e: InvalidValue) -> Self {
        let mut err = Self::new(ErrorKind::Validation, Sent::No, e.to_string());
        err.inner.invalid = Some(e);
        err
    }
}
