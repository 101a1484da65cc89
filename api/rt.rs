//! The small runtime the generated code calls: the form writer, the argument reader that
//! parses the form-mirroring JSON tree, and the checks that span arguments. Generated code
//! stays thin by leaning on these; users rarely need them directly.

#[cfg(feature = "dynamic")]
use std::borrow::Cow;
#[cfg(feature = "dynamic")]
use std::collections::BTreeMap;

#[cfg(feature = "dynamic")]
use serde_json::Map;
use serde_json::Value;

use crate::error::{InvalidValue, Problem, ValidationError};

#[cfg(feature = "dynamic")]
pub use crate::info::Sealed;

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
    // Read by the argument reader only, which the `dynamic` feature compiles.
    #[cfg_attr(not(feature = "dynamic"), allow(dead_code))]
    const TYPE: &'static str;
    /// The list separator, for list types (a JSON array is joined with it).
    #[cfg_attr(not(feature = "dynamic"), allow(dead_code))]
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

/// Appends a number in decimal.
pub fn push_u64(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    out.push_str(digits(&mut buf, n));
}

/// `n` in decimal, written at the end of `buf`.
fn digits(buf: &mut [u8; 20], mut n: u64) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[i..]).unwrap_or_default()
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

/// Writes a request's arguments as form pairs with PHP-style bracketed keys: either
/// straight into a percent-encoded body (what is sent), or as decoded pairs (what
/// `--dry-run` shows and tests compare). The pairs never hold a secret: a value whose type
/// is [`Wire::SECRET`] is recorded as [`REDACTED`]; only the body carries it.
pub struct FormWriter {
    encoded: bool,
    /// The current key prefix (`5504202[1]`), percent-encoded when `encoded`.
    prefix: String,
    /// The encoded body, when `encoded`.
    body: String,
    /// The decoded pairs, when not `encoded`.
    pairs: Vec<(String, String)>,
    /// A reusable buffer for wire values.
    scratch: String,
}

impl Default for FormWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// The body may hold secrets: only its length shows.
impl std::fmt::Debug for FormWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormWriter")
            .field("encoded", &self.encoded)
            .field("body_len", &self.body.len())
            .field("pairs", &self.pairs)
            .finish_non_exhaustive()
    }
}

impl FormWriter {
    /// A writer that keeps decoded pairs.
    pub fn new() -> Self {
        Self {
            encoded: false,
            prefix: String::new(),
            body: String::new(),
            pairs: Vec::new(),
            scratch: String::new(),
        }
    }

    /// A writer that percent-encodes into a body as it goes.
    pub fn encoding() -> Self {
        Self {
            encoded: true,
            ..Self::new()
        }
    }

    fn push_key(&mut self, name: &str) {
        if self.encoded {
            if !self.body.is_empty() {
                self.body.push('&');
            }
            self.body.push_str(&self.prefix);
            if self.prefix.is_empty() {
                crate::form::encode_into(&mut self.body, name);
            } else {
                self.body.push_str("%5B");
                crate::form::encode_into(&mut self.body, name);
                self.body.push_str("%5D");
            }
            self.body.push('=');
        }
    }

    /// Adds `name=value` under the current key; a secret is written only into the body,
    /// and recorded as [`REDACTED`] among the pairs.
    pub fn field<W: Wire + ?Sized>(&mut self, name: &str, value: &W) {
        self.push_key(name);
        if W::SECRET && !self.encoded {
            self.put_value(name, REDACTED);
            return;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        value.wire(&mut scratch);
        self.put_value(name, &scratch);
        if W::SECRET {
            // The buffer is reused and outlives the call: leave no copy of the secret in it.
            secrecy::zeroize::Zeroize::zeroize(&mut scratch);
        }
        self.scratch = scratch;
    }

    /// Adds a pair whose value is already in wire form.
    pub fn raw(&mut self, name: &str, value: &str) {
        self.push_key(name);
        self.put_value(name, value);
    }

    fn put_value(&mut self, name: &str, value: &str) {
        if self.encoded {
            crate::form::encode_into(&mut self.body, value);
        } else {
            let key = if self.prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{}[{name}]", self.prefix)
            };
            self.pairs.push((key, value.to_owned()));
        }
    }

    /// Writes `f`'s fields under `key`: `key[name]=value`.
    pub fn nest(&mut self, key: &str, f: impl FnOnce(&mut FormWriter)) {
        let len = self.prefix.len();
        match (self.encoded, len) {
            (true, 0) => crate::form::encode_into(&mut self.prefix, key),
            (true, _) => {
                self.prefix.push_str("%5B");
                crate::form::encode_into(&mut self.prefix, key);
                self.prefix.push_str("%5D");
            }
            (false, 0) => self.prefix.push_str(key),
            (false, _) => {
                self.prefix.push('[');
                self.prefix.push_str(key);
                self.prefix.push(']');
            }
        }
        f(self);
        self.prefix.truncate(len);
    }

    /// As [`FormWriter::nest`], under a number.
    pub fn nest_index(&mut self, key: u64, f: impl FnOnce(&mut FormWriter)) {
        let mut buf = [0u8; 20];
        self.nest(digits(&mut buf, key), f);
    }

    /// The decoded pairs, in order, secrets as [`REDACTED`] (empty for an encoding writer).
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The decoded pairs, owned.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }

    /// The encoded body, secrets included: what is sent, never shown (empty for a pairs
    /// writer).
    pub fn into_body(self) -> String {
        self.body
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

#[cfg(feature = "dynamic")]
/// Reads a command's arguments from a JSON object that mirrors the form.
#[derive(Debug)]
pub struct Args<'a> {
    at: At<'a>,
    map: &'a Map<String, Value>,
    injected: Option<(&'static str, &'a str)>,
}

#[cfg(feature = "dynamic")]
static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

#[cfg(feature = "dynamic")]
impl<'a> Args<'a> {
    /// The top-level arguments of `command`; `null` means none.
    pub fn root(command: &'static str, value: &'a Value) -> Result<Self, ValidationError> {
        Self::new(At::root(command), value)
    }

    /// The arguments at `at`: an object, or `null` for none.
    pub fn new(at: At<'a>, value: &'a Value) -> Result<Self, ValidationError> {
        match value {
            Value::Object(map) => Ok(Self {
                at,
                map,
                injected: None,
            }),
            Value::Null => Ok(Self {
                at,
                map: &EMPTY,
                injected: None,
            }),
            other => Err(at.error_here(Problem::Shape {
                expected: "an object of arguments",
                found: kind(other),
            })),
        }
    }

    /// The same arguments with `name` set to `value` (a bulk item's key).
    pub fn with_key<'b>(&'b self, name: &'static str, value: &'b str) -> Args<'b> {
        Args {
            at: self.at,
            map: self.map,
            injected: Some((name, value)),
        }
    }

    /// Where these arguments stand.
    pub fn at(&self) -> &At<'a> {
        &self.at
    }

    /// Refuses arguments not in `known`; with `numbered`, numeric keys (records of a
    /// flattened array) are allowed too.
    pub fn only(&self, known: &[&str], numbered: bool) -> Result<(), ValidationError> {
        for key in self.map.keys() {
            if known.contains(&key.as_str()) || (numbered && is_number(key)) {
                continue;
            }
            let suggestion = suggest(key, known.iter().copied()).map(str::to_owned);
            return Err(self.at.error(key, Problem::Unknown { suggestion }));
        }
        Ok(())
    }

    /// What the form holds for `name`, read as a value of type `T`.
    fn given<T: FromArg>(&self, name: &str) -> Result<Given<'a>, ValidationError> {
        if let Some((n, v)) = self.injected {
            if n == name {
                return Ok(Given::of(Cow::Borrowed(v)));
            }
        }
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(Given::Absent),
            Some(v) => arg_text::<T>(v).map_err(|e| match e {
                TextError::Shape(found) => {
                    let expected = if T::SEP.is_some() {
                        "a value or an array of values"
                    } else {
                        "a single value"
                    };
                    self.at.error(name, Problem::Shape { expected, found })
                }
                TextError::Invalid(e) => self.at.error(name, Problem::Invalid(e)),
            }),
        }
    }

    /// An optional argument. A blank value (empty or only whitespace, an empty list) is
    /// "not given", as PHP and HTML-form clients send every field of a form.
    pub fn optional<T: FromArg>(&self, name: &str) -> Result<Option<T>, ValidationError> {
        match self.given::<T>(name)? {
            Given::Absent | Given::Blank => Ok(None),
            Given::Text(text) => self.parse(name, &text).map(Some),
        }
    }

    /// A required argument: missing is an error, and so is a blank value.
    pub fn required<T: FromArg>(&self, name: &str) -> Result<T, ValidationError> {
        match self.given::<T>(name)? {
            Given::Absent => Err(self.at.error(name, Problem::Missing)),
            Given::Blank => Err(self.at.error(name, Problem::Blank)),
            Given::Text(text) => self.parse(name, &text),
        }
    }

    fn parse<T: FromArg>(&self, name: &str, text: &str) -> Result<T, ValidationError> {
        text.parse::<T>()
            .map_err(|e| self.at.error(name, Problem::Invalid(e)))
    }

    /// Records of an `array` argument: under `name`, or (flattened) the numeric keys here.
    pub fn records<T>(
        &self,
        name: Option<&str>,
        parse: impl Fn(&Args<'_>) -> Result<T, ValidationError>,
    ) -> Result<BTreeMap<u64, T>, ValidationError> {
        let mut out = BTreeMap::new();
        let (at, map) = match name {
            None => (self.at, self.map),
            Some(name) => match self.map.get(name) {
                None | Some(Value::Null) => return Ok(out),
                // A blank form field: no records (required ones are refused by the check).
                Some(Value::String(s)) if is_blank(s) => return Ok(out),
                Some(Value::Object(m)) => (self.at.nest(name), m),
                Some(Value::Array(items)) => {
                    let at = self.at.nest(name);
                    for (i, v) in items.iter().enumerate() {
                        out.insert(i as u64, parse(&Args::new(at.index(i as u64), v)?)?);
                    }
                    return Ok(out);
                }
                Some(other) => {
                    return Err(self.at.error(
                        name,
                        Problem::Shape {
                            expected: "records keyed by number",
                            found: kind(other),
                        },
                    ));
                }
            },
        };
        for (key, v) in map.iter().filter(|(k, _)| name.is_some() || is_number(k)) {
            let n: u64 = key.parse().map_err(|_| {
                at.error(
                    key,
                    Problem::Shape {
                        expected: "a record number as the key",
                        found: "text",
                    },
                )
            })?;
            out.insert(n, parse(&Args::new(at.index(n), v)?)?);
        }
        Ok(out)
    }

    /// A `map_of` argument: free keys, each value of type `T`.
    pub fn map_of<T: FromArg>(&self, name: &str) -> Result<BTreeMap<String, T>, ValidationError> {
        let at = self.at.nest(name);
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(BTreeMap::new()),
            Some(Value::String(s)) if is_blank(s) => Ok(BTreeMap::new()),
            Some(Value::Object(m)) => {
                let mut out = BTreeMap::new();
                for (k, v) in m {
                    let text = scalar_text(v).map_err(|found| {
                        at.error(
                            k,
                            Problem::Shape {
                                expected: "a single value",
                                found,
                            },
                        )
                    })?;
                    out.insert(
                        k.clone(),
                        text.parse::<T>()
                            .map_err(|e| at.error(k, Problem::Invalid(e)))?,
                    );
                }
                Ok(out)
            }
            Some(other) => Err(self.at.error(
                name,
                Problem::Shape {
                    expected: "an object of keys and values",
                    found: kind(other),
                },
            )),
        }
    }
}

#[cfg(feature = "dynamic")]
fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(feature = "dynamic")]
/// What the form holds for one argument.
enum Given<'a> {
    /// Not there, or `null`.
    Absent,
    /// There but blank: empty or only whitespace, an empty list.
    Blank,
    /// The value's text; a list's items joined by its separator.
    Text(Cow<'a, str>),
}

#[cfg(feature = "dynamic")]
impl<'a> Given<'a> {
    fn of(text: Cow<'a, str>) -> Self {
        if is_blank(&text) {
            Self::Blank
        } else {
            Self::Text(text)
        }
    }
}

#[cfg(feature = "dynamic")]
/// Blank text: empty or only whitespace. It is what a form sends for a field left empty,
/// and it is what `Wire::is_blank` calls blank for text types.
fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

#[cfg(feature = "dynamic")]
/// Why a JSON value is not an argument's text.
enum TextError {
    /// The wrong shape: what was found, in words.
    Shape(&'static str),
    /// A list item that cannot be joined.
    Invalid(InvalidValue),
}

#[cfg(feature = "dynamic")]
/// An argument's text from its JSON value. A list type takes a value (comma-joined
/// text), a JSON array, or an object keyed by numbers (PHP's `domains[0]=a&domains[1]=b`,
/// as `form::to_tree` builds it), taken in the order of the numbers; blank items of an
/// array are fields left empty and are skipped. Other types take a single value only.
fn arg_text<T: FromArg>(v: &Value) -> Result<Given<'_>, TextError> {
    let items: Vec<&Value> = match v {
        Value::String(s) => return Ok(Given::of(Cow::Borrowed(s))),
        Value::Number(n) => return Ok(Given::of(Cow::Owned(n.to_string()))),
        Value::Bool(b) => return Ok(Given::Text(Cow::Borrowed(if *b { "1" } else { "0" }))),
        Value::Null => return Ok(Given::Absent),
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match numbered(map) {
            Some(items) => items,
            None => return Err(TextError::Shape("an object")),
        },
    };
    let Some(sep) = T::SEP else {
        return Err(TextError::Shape("an array"));
    };
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if item.is_null() {
            continue;
        }
        let text = scalar_text(item).map_err(TextError::Shape)?;
        if is_blank(&text) {
            continue;
        }
        if text.contains(sep) {
            // Joined, the item would become several: the wire form cannot carry it.
            let rule = crate::registry::type_info(T::TYPE).map_or("", |t| t.doc);
            let reason = format!("item {} contains the separator {sep:?}", i + 1);
            let value = (!T::SECRET).then_some(text.as_ref());
            return Err(TextError::Invalid(InvalidValue::new(
                T::TYPE,
                rule,
                reason,
                value,
            )));
        }
        if !out.is_empty() {
            out.push(sep);
        }
        out.push_str(&text);
    }
    Ok(Given::of(Cow::Owned(out)))
}

#[cfg(feature = "dynamic")]
/// The values of an object whose keys are all numbers (a PHP array), in the order of the
/// numbers; `None` when a key is not a number.
fn numbered(map: &Map<String, Value>) -> Option<Vec<&Value>> {
    let mut items = Vec::with_capacity(map.len());
    for (k, v) in map {
        if !is_number(k) {
            return None;
        }
        // Numeric order without parsing, so that no key is too large: fewer significant
        // digits first, then the digits.
        let digits = k.trim_start_matches('0');
        items.push(((digits.len(), digits), v));
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Some(items.into_iter().map(|(_, v)| v).collect())
}

#[cfg(feature = "dynamic")]
/// A JSON scalar as text.
fn scalar_text(v: &Value) -> Result<Cow<'_, str>, &'static str> {
    match v {
        Value::String(s) => Ok(Cow::Borrowed(s)),
        Value::Number(n) => Ok(Cow::Owned(n.to_string())),
        Value::Bool(b) => Ok(Cow::Borrowed(if *b { "1" } else { "0" })),
        other => Err(kind(other)),
    }
}

/// What kind of JSON value this is, in words.
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

#[cfg(feature = "dynamic")]
/// The items of a bulk request: an array (keyed by index) or an object (by its keys).
pub fn bulk_items<'v>(
    at: &At<'_>,
    value: &'v Value,
) -> Result<Vec<(String, &'v Value)>, ValidationError> {
    match value {
        Value::Array(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect()),
        Value::Object(map) => Ok(map.iter().map(|(k, v)| (k.clone(), v)).collect()),
        Value::Null => Ok(Vec::new()),
        other => Err(at.error_here(Problem::Shape {
            expected: "an array or object of items",
            found: kind(other),
        })),
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

#[cfg(feature = "dynamic")]
/// The error for a command name the spec does not have.
pub fn unknown_command(name: &str) -> ValidationError {
    let suggestion =
        suggest(name, crate::registry::COMMANDS.iter().map(|c| c.name)).map(str::to_owned);
    ValidationError::unknown_command(name, suggestion)
}

#[cfg(feature = "dynamic")]
/// The closest of `candidates` to `word`, if close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(feature = "dynamic")]
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}
