//! The small runtime the generated code calls: wire values, argument paths and the checks
//! that span arguments. Generated code stays thin by leaning on
//! these; users rarely need them directly. The argument reader (behind every request's
//! `Deserialize`) is in `args.rs` and the form writer in `writer.rs`, both re-exported here
//! for the generated code.

// Only `kind`, a helper of the dynamic layer's argument reader, reads JSON here.
use serde_json::Value;

use crate::error::{InvalidValue, Problem, ValidationError};

pub use crate::args::{Args, bulk_items, deserialize, deserialize_args};
#[cfg(feature = "dynamic")]
pub use crate::args::{read_args, suggest, unknown_command};
#[cfg(feature = "dynamic")]
pub use crate::info::Sealed;
pub use crate::writer::FormWriter;

/// What is shown in place of a secret.
pub const REDACTED: &str = "***";

/// A value that can be sent: written in its wire form.
pub trait Wire {
    /// The value is a secret (or a list of secrets): a [`FormWriter`] that keeps pairs for
    /// showing records [`REDACTED`] instead, and only the encoding writer, whose body is
    /// sent, writes it.
    const SECRET: bool = false;
    /// Appends the wire form (list items comma-joined, flags as `1`/`0`).
    fn wire(&self, out: &mut String);
    /// Empty, blank or an empty list: what "required" forbids.
    fn is_blank(&self) -> bool;
}

/// A type that can be read from an argument's text.
pub trait FromArg: std::str::FromStr<Err = InvalidValue> {
    /// The spec's name of the type.
    const TYPE: &'static str;
    /// The list separator, for list types (a JSON array is joined with it).
    const SEP: Option<char> = None;
    /// The value is a secret and is never repeated in errors.
    const SECRET: bool = false;
}

/// The wire form of a value, as a `String`.
pub fn wire_string<W: Wire + ?Sized>(v: &W) -> String {
    let mut s = String::new();
    v.wire(&mut s);
    s
}

/// Appends a number in decimal. Digits are pushed as characters: no UTF-8 check of a
/// buffer, and a one-digit number (most periods and item indexes) is one push.
pub fn push_u64(out: &mut String, n: u64) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(buf.iter().skip(i).map(|&d| char::from(d)));
}

/// Appends the wire forms of `items` joined by `sep`.
pub fn join<W: Wire>(out: &mut String, items: &[W], sep: char) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        item.wire(out);
    }
}

/// Parses a list: items split on `sep`, spaces around them allowed; blank text is the
/// empty list.
pub fn parse_list<T: FromArg>(
    v: &str,
    sep: char,
    ty: &'static str,
    rule: &'static str,
    item_ty: &'static str,
) -> Result<Vec<T>, InvalidValue> {
    if v.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (i, part) in v.split(sep).enumerate() {
        let part = part.trim_matches(' ');
        if part.is_empty() {
            let reason = format!("item {} is empty", i + 1);
            return Err(InvalidValue::new(
                ty,
                rule,
                reason,
                (!T::SECRET).then_some(v),
            ));
        }
        match part.parse::<T>() {
            Ok(item) => out.push(item),
            Err(e) => {
                let reason = format!("item {} ({item_ty}) {}", i + 1, e.reason());
                return Err(InvalidValue::new(
                    ty,
                    rule,
                    reason,
                    (!T::SECRET).then_some(v),
                ));
            }
        }
    }
    Ok(out)
}

impl<W: Wire + ?Sized> Wire for &W {
    const SECRET: bool = W::SECRET;
    fn wire(&self, out: &mut String) {
        (**self).wire(out)
    }
    fn is_blank(&self) -> bool {
        (**self).is_blank()
    }
}

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

/// What kind of JSON value this is, in words (the argument reader's messages).
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
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
