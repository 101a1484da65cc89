//! Where an argument stands ([`At`]: the command and the bracketed path inside its
//! arguments), and the checks that span arguments: required, required records, duplicate
//! bulk keys.

use crate::error::{Problem, ValidationError};
use crate::wire::Wire;

/// Where an argument stands: the command, and the bracketed path inside its arguments.
/// Paths are built only when an error needs them, so checking valid requests allocates
/// nothing.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    command: &'static str,
    parent: Option<&'a At<'a>>,
    key: Key<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Key<'a> {
    Root,
    Name(&'a str),
    Index(u64),
}

impl At<'static> {
    /// The top of a command's arguments.
    pub fn root(command: &'static str) -> Self {
        Self {
            command,
            parent: None,
            key: Key::Root,
        }
    }
}

impl<'a> At<'a> {
    /// One level down: `key` or `path[key]`.
    pub fn nest(&'a self, key: &'a str) -> At<'a> {
        At {
            command: self.command,
            parent: Some(self),
            key: Key::Name(key),
        }
    }

    /// One level down, under a number.
    pub fn index(&'a self, key: u64) -> At<'a> {
        At {
            command: self.command,
            parent: Some(self),
            key: Key::Index(key),
        }
    }

    /// The command.
    #[cfg(feature = "dynamic")]
    pub fn command(&self) -> &'static str {
        self.command
    }

    /// The path here (`0[records][1]`), empty at the top.
    pub fn path(&self) -> String {
        let mut keys = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            match a.key {
                Key::Root => {}
                Key::Name(n) => keys.push(n.to_owned()),
                Key::Index(i) => keys.push(i.to_string()),
            }
            at = a.parent;
        }
        let mut path = String::new();
        for (i, k) in keys.iter().rev().enumerate() {
            if i == 0 {
                path.push_str(k);
            } else {
                path.push('[');
                path.push_str(k);
                path.push(']');
            }
        }
        path
    }

    /// The path of argument `name` here.
    pub fn arg(&self, name: &str) -> String {
        let path = self.path();
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}[{name}]")
        }
    }

    /// An error at argument `name`.
    pub fn error(&self, name: &str, problem: Problem) -> ValidationError {
        ValidationError::new(self.command, self.arg(name), problem)
    }

    /// An error about the value here as a whole.
    pub fn error_here(&self, problem: Problem) -> ValidationError {
        ValidationError::new(self.command, self.path(), problem)
    }
}

/// "required": the value must not be blank.
pub fn require<W: Wire + ?Sized>(
    at: &At<'_>,
    name: &str,
    value: &W,
) -> Result<(), ValidationError> {
    if value.is_blank() {
        Err(at.error(name, Problem::Blank))
    } else {
        Ok(())
    }
}

/// "required" for records, maps and bulk items: `empty` must be false.
pub fn require_some(at: &At<'_>, name: &str, empty: bool) -> Result<(), ValidationError> {
    if empty {
        Err(at.error(name, Problem::Blank))
    } else {
        Ok(())
    }
}

/// Two bulk items with the same key would merge on the wire.
pub fn duplicate_key(at: &At<'_>, key: &str) -> ValidationError {
    at.error(key, Problem::DuplicateKey)
}
