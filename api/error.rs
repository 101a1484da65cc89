//! Errors: what was refused before sending (`ValidationError`), what the API refused
//! (`ApiError`), and `Error`, which answers the caller's questions: was anything sent? did
//! the API refuse, and with which message? is the outcome unknown?

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

/// A value that breaks its type's rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidValue {
    ty: &'static str,
    rule: &'static str,
    reason: Cow<'static, str>,
    value: Option<String>,
}

impl InvalidValue {
    /// `value` is `None` for secrets, which are never repeated.
    pub fn new(
        ty: &'static str,
        rule: &'static str,
        reason: impl Into<Cow<'static, str>>,
        value: Option<&str>,
    ) -> Self {
        Self {
            ty,
            rule,
            reason: reason.into(),
            value: value.map(str::to_owned),
        }
    }

    /// The spec's name of the type (`dnsName`).
    pub fn type_name(&self) -> &'static str {
        self.ty
    }

    /// The type's rule in words.
    pub fn rule(&self) -> &'static str {
        self.rule
    }

    /// What exactly is wrong (`must be at most 10`).
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The value refused; `None` for secrets.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{v:?} is not a valid {}: {}", self.ty, self.reason)?,
            None => write!(f, "the {} given is not valid: {}", self.ty, self.reason)?,
        }
        write!(
            f,
            " (rule of {}: {})",
            self.ty,
            self.rule.trim_end_matches('.')
        )
    }
}

impl std::error::Error for InvalidValue {}

/// What is wrong with an argument.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A required argument is missing.
    Missing,
    /// A required argument is empty, zero, blank or an empty list.
    Blank,
    /// The value breaks its type's rule.
    Invalid(InvalidValue),
    /// The value is not among those the command allows.
    NotOneOf {
        /// The values allowed.
        allowed: &'static [&'static str],
        /// The value given.
        value: String,
    },
    /// The command has no such argument.
    Unknown {
        /// A likely meant argument.
        suggestion: Option<String>,
    },
    /// The JSON value has the wrong shape (an object where a value was expected...).
    Shape {
        /// What was expected.
        expected: &'static str,
        /// What was found.
        found: &'static str,
    },
    /// None of a group of arguments, one of which is required, is given.
    MissingOneOf {
        /// The arguments of the group.
        group: &'static [&'static str],
    },
    /// Two bulk items have the same key.
    DuplicateKey,
    /// There is no command of this name.
    UnknownCommand {
        /// A likely meant command.
        suggestion: Option<String>,
    },
}

/// An argument refused before anything was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError(Box<ValidationInner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct ValidationInner {
    command: String,
    argument: String,
    problem: Problem,
}

impl ValidationError {
    /// An error at `argument` (a bracketed path such as `0[domain]`) of `command`.
    pub fn new(command: &str, argument: String, problem: Problem) -> Self {
        Self(Box::new(ValidationInner {
            command: command.to_owned(),
            argument,
            problem,
        }))
    }

    #[cfg(feature = "dynamic")]
    pub(crate) fn unknown_command(name: &str, suggestion: Option<String>) -> Self {
        Self::new(name, String::new(), Problem::UnknownCommand { suggestion })
    }

    /// The command.
    pub fn command(&self) -> &str {
        &self.0.command
    }

    /// The argument's path inside the command's arguments (`domain`, `0[domain]`,
    /// `5504202[1][ttl]`); empty when the problem is the command itself.
    pub fn argument(&self) -> &str {
        &self.0.argument
    }

    /// What is wrong.
    pub fn problem(&self) -> &Problem {
        &self.0.problem
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (c, a) = (&self.0.command, &self.0.argument);
        match &self.0.problem {
            Problem::UnknownCommand { suggestion } => {
                write!(f, "unknown command `{c}`")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
            Problem::Missing => write!(f, "{c}: argument `{a}` is required"),
            Problem::Blank => write!(f, "{c}: argument `{a}` is required and must not be empty"),
            Problem::Invalid(e) => write!(f, "{c}: argument `{a}`: {e}"),
            Problem::NotOneOf { allowed, value } => write!(
                f,
                "{c}: argument `{a}`: {value:?} is not allowed: must be one of {}",
                allowed.join(", ")
            ),
            Problem::Unknown { suggestion } => {
                write!(f, "{c}: unknown argument `{a}`")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
            Problem::Shape { expected, found } if a.is_empty() => {
                write!(f, "{c}: the arguments must be {expected}, found {found}")
            }
            Problem::Shape { expected, found } => {
                write!(f, "{c}: argument `{a}` must be {expected}, found {found}")
            }
            Problem::DuplicateKey => write!(f, "{c}: item key `{a}` appears twice"),
            Problem::MissingOneOf { group } => {
                let names = group
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                if a.is_empty() {
                    write!(f, "{c}: {names} is required")
                } else {
                    write!(f, "{c}: item `{a}`: {names} is required")
                }
            }
        }
    }
}

impl std::error::Error for ValidationError {}

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
