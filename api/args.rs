//! The argument reader: a command's arguments from the JSON tree that mirrors the form,
//! every value through its type's rule; blank optional values are "not given", lists come
//! comma-joined or as arrays; and the "did you mean" suggestions for unknown names.
//!
//! It is the one reader of requests, and serde is its front door: every request's
//! `Deserialize` (see [`deserialize_args`]) reads through it, which a library user stores
//! and loads requests with, and which the CLI's `--json` and flags and the sandbox's
//! decoded forms go through by command name (`Request::deserialize_args`, the `dynamic`
//! feature). `Request::from_args` reads the same way and keeps the typed
//! [`ValidationError`]. Each generated struct has one short `parse_in` that names its
//! arguments; the work (shapes, blanks, lists, records, paths, suggestions) is done here,
//! once, rather than in a visitor generated per struct, which keeps the generated code and
//! the crate's build small.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::arg_text::kind;
use crate::arg_text::{Given, TextError, arg_text, is_blank, is_number, scalar_text};
use crate::at::At;
use crate::error::{Problem, ValidationError};
use crate::wire::{FromArg, Wire};

/// `Deserialize` of a request: the input as the JSON tree that mirrors the form (any
/// self-describing format: JSON, YAML, TOML...), then `read`, the request's reader, so a
/// deserialized request is a valid one. A refusal is the reader's [`ValidationError`],
/// which names the command, the item and the argument.
pub fn deserialize<'de, D, T>(
    d: D,
    read: fn(&Value) -> Result<T, ValidationError>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = <Value as serde::Deserialize>::deserialize(d)?;
    read(&value).map_err(serde::de::Error::custom)
}

/// `Deserialize` of a single command's request or of a record: [`deserialize`] with
/// `parse`, its reader of an object of arguments at the top of `command`.
pub fn deserialize_args<'de, D, T>(
    d: D,
    command: &'static str,
    parse: fn(&Args<'_>) -> Result<T, ValidationError>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = <Value as serde::Deserialize>::deserialize(d)?;
    read_args(command, &value, parse).map_err(serde::de::Error::custom)
}

/// Reads the object of arguments `value` at the top of `command` with `parse`.
pub fn read_args<T>(
    command: &'static str,
    value: &Value,
    parse: fn(&Args<'_>) -> Result<T, ValidationError>,
) -> Result<T, ValidationError> {
    parse(&Args::root(command, value)?)
}

/// Reads a command's arguments from a JSON object that mirrors the form.
#[derive(Debug)]
pub struct Args<'a> {
    at: At<'a>,
    map: &'a Map<String, Value>,
    injected: Option<(&'static str, &'a str)>,
}

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

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

    /// An optional date argument: read through its type `T` (the rule), then as a date.
    pub fn optional_date<T: FromArg + Wire>(
        &self,
        name: &str,
    ) -> Result<Option<jiff::civil::Date>, ValidationError> {
        self.optional::<T>(name)?
            .map(|v| self.date(name, &v))
            .transpose()
    }

    /// A required date argument, as [`Args::optional_date`].
    pub fn required_date<T: FromArg + Wire>(
        &self,
        name: &str,
    ) -> Result<jiff::civil::Date, ValidationError> {
        let v = self.required::<T>(name)?;
        self.date(name, &v)
    }

    fn date<T: FromArg + Wire>(
        &self,
        name: &str,
        v: &T,
    ) -> Result<jiff::civil::Date, ValidationError> {
        crate::date::of(v).map_err(|e| self.at.error(name, Problem::Invalid(e)))
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

/// The closest of `candidates` to `word`, if close enough to be a likely typo: within a
/// third of the word's length in edits (Levenshtein distance, case ignored).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
