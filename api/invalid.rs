//! What is refused before anything is sent: a value that breaks its type's rule
//! (`InvalidValue`), and a request whose arguments break the command's rules
//! (`ValidationError`, with the `Problem` and where it is).

use std::borrow::Cow;
use std::fmt;

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
