//! The small runtime the generated code calls: the form writer, the argument reader that
//! parses the form-mirroring JSON tree, and the checks that span arguments. Generated code
//! stays thin by leaning on these; users rarely need them directly.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{InvalidValue, Problem, ValidationError};

/// A value that can be sent: written in its wire form.
pub trait Wire {
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

/// Appends a number in decimal.
pub fn push_u64(out: &mut String, n: u64) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
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
    fn wire(&self, out: &mut String) {
        (**self).wire(out)
    }
    fn is_blank(&self) -> bool {
        (**self).is_blank()
    }
}

/// Writes `application/x-www-form-urlencoded` pairs with PHP-style bracketed keys.
#[derive(Debug, Default)]
pub struct FormWriter {
    prefix: String,
    pairs: Vec<(String, String)>,
}

impl FormWriter {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    fn key(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{}[{name}]", self.prefix)
        }
    }

    /// Adds `name=value` under the current key.
    pub fn field<W: Wire + ?Sized>(&mut self, name: &str, value: &W) {
        let key = self.key(name);
        self.pairs.push((key, wire_string(value)));
    }

    /// Adds a pair whose value is already in wire form.
    pub fn raw(&mut self, name: &str, value: impl Into<String>) {
        let key = self.key(name);
        self.pairs.push((key, value.into()));
    }

    /// Writes `f`'s fields under `key`: `key[name]=value`.
    pub fn nest(&mut self, key: &str, f: impl FnOnce(&mut FormWriter)) {
        let outer = std::mem::take(&mut self.prefix);
        self.prefix = if outer.is_empty() {
            key.to_owned()
        } else {
            format!("{outer}[{key}]")
        };
        f(self);
        self.prefix = outer;
    }

    /// The decoded pairs, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The decoded pairs, owned.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }
}

/// Where an argument stands: the command, and the bracketed path inside its arguments.
#[derive(Clone, Debug)]
pub struct At {
    command: &'static str,
    path: String,
}

impl At {
    /// The top of a command's arguments.
    pub fn root(command: &'static str) -> Self {
        Self {
            command,
            path: String::new(),
        }
    }

    /// One level down: `key` or `path[key]`.
    pub fn nest(&self, key: &str) -> Self {
        Self {
            command: self.command,
            path: self.arg(key),
        }
    }

    /// The path of argument `name` here.
    pub fn arg(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}[{name}]", self.path)
        }
    }

    /// The command.
    pub fn command(&self) -> &'static str {
        self.command
    }

    /// An error at argument `name`.
    pub fn error(&self, name: &str, problem: Problem) -> ValidationError {
        ValidationError::new(self.command, self.arg(name), problem)
    }
}

/// Reads a command's arguments from a JSON object that mirrors the form.
#[derive(Debug)]
pub struct Args<'a> {
    at: At,
    map: Cow<'a, Map<String, Value>>,
    injected: Option<(&'static str, String)>,
}

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl<'a> Args<'a> {
    /// The top-level arguments of `command`; `null` means none.
    pub fn root(command: &'static str, value: &'a Value) -> Result<Self, ValidationError> {
        Self::new(At::root(command), value)
    }

    /// The arguments at `at`: an object, or `null` for none.
    pub fn new(at: At, value: &'a Value) -> Result<Self, ValidationError> {
        match value {
            Value::Object(map) => Ok(Self {
                at,
                map: Cow::Borrowed(map),
                injected: None,
            }),
            Value::Null => Ok(Self {
                at,
                map: Cow::Borrowed(&EMPTY),
                injected: None,
            }),
            other => Err(ValidationError::new(
                at.command,
                at.path.clone(),
                Problem::Shape {
                    expected: "an object of arguments",
                    found: kind(other),
                },
            )),
        }
    }

    /// The same arguments with `name` set to `value` (a bulk item's key).
    pub fn with_key(&self, name: &'static str, value: &str) -> Args<'_> {
        Args {
            at: self.at.clone(),
            map: Cow::Borrowed(&*self.map),
            injected: Some((name, value.to_owned())),
        }
    }

    /// Where these arguments stand.
    pub fn at(&self) -> &At {
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

    fn text(&self, name: &str, sep: Option<char>) -> Result<Option<Cow<'_, str>>, ValidationError> {
        if let Some((n, v)) = &self.injected {
            if *n == name {
                return Ok(Some(Cow::Borrowed(v)));
            }
        }
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => scalar_text(v, sep).map(Some).map_err(|found| {
                let expected = if sep.is_some() {
                    "a value or an array of values"
                } else {
                    "a single value"
                };
                self.at.error(name, Problem::Shape { expected, found })
            }),
        }
    }

    /// An optional argument.
    pub fn optional<T: FromArg>(&self, name: &str) -> Result<Option<T>, ValidationError> {
        match self.text(name, T::SEP)? {
            None => Ok(None),
            Some(text) => text
                .parse::<T>()
                .map(Some)
                .map_err(|e| self.at.error(name, Problem::Invalid(e))),
        }
    }

    /// A required argument: missing is an error.
    pub fn required<T: FromArg>(&self, name: &str) -> Result<T, ValidationError> {
        self.optional(name)?
            .ok_or_else(|| self.at.error(name, Problem::Missing))
    }

    /// Records of an `array` argument: under `name`, or (flattened) the numeric keys here.
    pub fn records<T>(
        &self,
        name: Option<&str>,
        parse: impl Fn(&Args<'_>) -> Result<T, ValidationError>,
    ) -> Result<BTreeMap<u64, T>, ValidationError> {
        let (at, entries): (At, Vec<(&String, &Value)>) = match name {
            None => (
                self.at.clone(),
                self.map.iter().filter(|(k, _)| is_number(k)).collect(),
            ),
            Some(name) => match self.map.get(name) {
                None | Some(Value::Null) => return Ok(BTreeMap::new()),
                Some(Value::Object(m)) => (self.at.nest(name), m.iter().collect()),
                Some(Value::Array(items)) => {
                    let at = self.at.nest(name);
                    let mut out = BTreeMap::new();
                    for (i, v) in items.iter().enumerate() {
                        out.insert(i as u64, parse(&Args::new(at.nest(&i.to_string()), v)?)?);
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
        let mut out = BTreeMap::new();
        for (key, v) in entries {
            let n: u64 = key.parse().map_err(|_| {
                at.error(
                    key,
                    Problem::Shape {
                        expected: "a record number as the key",
                        found: "text",
                    },
                )
            })?;
            out.insert(n, parse(&Args::new(at.nest(key), v)?)?);
        }
        Ok(out)
    }

    /// A `map_of` argument: free keys, each value of type `T`.
    pub fn map_of<T: FromArg>(&self, name: &str) -> Result<BTreeMap<String, T>, ValidationError> {
        let at = self.at.nest(name);
        match self.map.get(name) {
            None | Some(Value::Null) => Ok(BTreeMap::new()),
            Some(Value::Object(m)) => {
                let mut out = BTreeMap::new();
                for (k, v) in m {
                    let text = scalar_text(v, None).map_err(|found| {
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

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A JSON scalar as argument text; arrays are joined with `sep` where lists are allowed.
fn scalar_text(v: &Value, sep: Option<char>) -> Result<Cow<'_, str>, &'static str> {
    match v {
        Value::String(s) => Ok(Cow::Borrowed(s)),
        Value::Number(n) => Ok(Cow::Owned(n.to_string())),
        Value::Bool(b) => Ok(Cow::Borrowed(if *b { "1" } else { "0" })),
        Value::Array(items) => match sep {
            Some(sep) => {
                let mut out = String::new();
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(sep);
                    }
                    out.push_str(&scalar_text(item, None)?);
                }
                Ok(Cow::Owned(out))
            }
            None => Err("an array"),
        },
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

/// The items of a bulk request: an array (keyed by index) or an object (by its keys).
pub fn bulk_items<'v>(
    at: &At,
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
        other => Err(ValidationError::new(
            at.command,
            at.path.clone(),
            Problem::Shape {
                expected: "an array or object of items",
                found: kind(other),
            },
        )),
    }
}

/// "required": the value must not be blank.
pub fn require<W: Wire + ?Sized>(at: &At, name: &str, value: &W) -> Result<(), ValidationError> {
    if value.is_blank() {
        Err(at.error(name, Problem::Blank))
    } else {
        Ok(())
    }
}

/// "required" for records, maps and bulk items: `empty` must be false.
pub fn require_some(at: &At, name: &str, empty: bool) -> Result<(), ValidationError> {
    if empty {
        Err(at.error(name, Problem::Blank))
    } else {
        Ok(())
    }
}

/// The value, when given, must be one of `allowed`.
pub fn one_of<W: Wire + ?Sized>(
    at: &At,
    name: &str,
    value: Option<&W>,
    allowed: &'static [&'static str],
) -> Result<(), ValidationError> {
    match value {
        Some(v) => {
            let text = wire_string(v);
            if allowed.contains(&text.as_str()) {
                Ok(())
            } else {
                Err(at.error(
                    name,
                    Problem::NotOneOf {
                        allowed,
                        value: text,
                    },
                ))
            }
        }
        None => Ok(()),
    }
}

/// Two bulk items with the same key would merge on the wire.
pub fn duplicate_key(at: &At, key: &str) -> ValidationError {
    at.error(key, Problem::DuplicateKey)
}

/// The error for a command name the spec does not have.
pub fn unknown_command(name: &str) -> ValidationError {
    let suggestion =
        suggest(name, crate::registry::COMMANDS.iter().map(|c| c.name)).map(str::to_owned);
    ValidationError::unknown_command(name, suggestion)
}

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
