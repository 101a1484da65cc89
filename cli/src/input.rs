//! Inputs read from files and standard input, each through a stated size limit, so that
//! `--json @/dev/zero` is refused quickly instead of filling memory.
//!
//! - `--json @FILE` and `--json -`: 256 MiB by default (`--json-limit`,
//!   `DOMAINCONTEXT_JSON_LIMIT`). That holds a bulk of over a million items, far more
//!   than anyone sends at once, while a bulk `--json` costs a small multiple of its size
//!   (its items are kept as raw text until their chunk is sent).
//! - `--password-file`: its first line, at most 4 KiB. A password is a few dozen bytes;
//!   the limit only stops a wrong file (a device, a log) from being read whole, so it is
//!   not configurable.

use std::io::{BufRead, BufReader, Read};

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The default limit of a `--json` input, in bytes.
pub const JSON_LIMIT: u64 = 256 << 20;

/// The limit of the first line of a `--password-file`, in bytes.
pub const PASSWORD_FILE_LIMIT: u64 = 4 << 10;

/// Where a `--json` value comes from.
enum Source<'a> {
    Text(&'a str),
    Stdin,
    File(&'a str),
}

impl<'a> Source<'a> {
    fn of(arg: &'a str) -> Self {
        if arg == "-" {
            Source::Stdin
        } else if let Some(path) = arg.strip_prefix('@') {
            Source::File(path)
        } else {
            Source::Text(arg)
        }
    }

    fn describe(&self) -> String {
        match self {
            Source::Text(_) => "--json".to_owned(),
            Source::Stdin => "--json from standard input".to_owned(),
            Source::File(p) => format!("--json file {p}"),
        }
    }

    /// Parses the value through the limit, streaming: the text is never held whole.
    fn parse<T: de::DeserializeOwned>(&self, limit: u64) -> Result<T, String> {
        let what = self.describe();
        let result = match self {
            Source::Text(t) => {
                if t.len() as u64 > limit {
                    return Err(too_large(&what, limit));
                }
                serde_json::from_str(t)
            }
            Source::Stdin => from_limited(std::io::stdin().lock(), limit),
            Source::File(path) => {
                let file = std::fs::File::open(path)
                    .map_err(|e| format!("cannot read --json file {path}: {e}"))?;
                from_limited(file, limit)
            }
        };
        result.map_err(|e| match e.io_error_kind() {
            Some(std::io::ErrorKind::FileTooLarge) => too_large(&what, limit),
            Some(_) => format!("cannot read {what}: {e}"),
            None => format!("{what} is not valid JSON: {e}"),
        })
    }
}

fn too_large(what: &str, limit: u64) -> String {
    format!("{what} is larger than the limit of {limit} bytes (see --json-limit)")
}

/// Deserializes from `reader`, failing with `FileTooLarge` past `limit` bytes.
fn from_limited<T: de::DeserializeOwned>(
    reader: impl Read,
    limit: u64,
) -> Result<T, serde_json::Error> {
    let limited = Limited {
        inner: reader.take(limit.saturating_add(1)),
        left: limit,
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, limited));
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// A reader that errors, rather than ending, once more than its limit was read: a value cut
/// at the limit must not parse as a shorter valid one.
struct Limited<R> {
    inner: std::io::Take<R>,
    left: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(left) => {
                self.left = left;
                Ok(n)
            }
            None => Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "input too large",
            )),
        }
    }
}

/// A whole `--json` value, parsed through `limit`.
pub fn json(arg: &str, limit: u64) -> Result<serde_json::Value, String> {
    Source::of(arg).parse(limit)
}

/// The items of a bulk `--json`, each kept as its raw text until its chunk is built.
pub struct BulkItems {
    /// The user's own keys; `None` when the items came as an array (keyed by index).
    pub keys: Option<Vec<String>>,
    /// Each item's JSON text, in input order.
    pub items: Vec<Box<RawValue>>,
    /// Neither an array nor an object: given whole to the parser, which names the problem.
    pub other: Option<serde_json::Value>,
}

impl BulkItems {
    /// Reads a bulk `--json` through `limit`.
    pub fn read(arg: &str, limit: u64) -> Result<Self, String> {
        Source::of(arg).parse::<Self>(limit)
    }

    /// No `--json` at all.
    pub fn none() -> Self {
        Self {
            keys: None,
            items: Vec::new(),
            other: Some(serde_json::Value::Null),
        }
    }

    /// The user's key of item `i`.
    pub fn key(&self, i: usize) -> String {
        match &self.keys {
            Some(keys) => keys.get(i).cloned().unwrap_or_else(|| i.to_string()),
            None => i.to_string(),
        }
    }
}

impl<'de> de::Deserialize<'de> for BulkItems {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemsVisitor)
    }
}

struct ItemsVisitor;

impl ItemsVisitor {
    fn other<E>(v: serde_json::Value) -> Result<BulkItems, E> {
        Ok(BulkItems {
            keys: None,
            items: Vec::new(),
            other: Some(v),
        })
    }
}

impl<'de> Visitor<'de> for ItemsVisitor {
    type Value = BulkItems;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array or an object of items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BulkItems, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Box<RawValue>>()? {
            items.push(item);
        }
        Ok(BulkItems {
            keys: None,
            items,
            other: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BulkItems, A::Error> {
        let mut keys = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut items = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!(
                    "the key {key:?} is given twice"
                )));
            }
            keys.push(key);
            items.push(map.next_value::<Box<RawValue>>()?);
        }
        Ok(BulkItems {
            keys: Some(keys),
            items,
            other: None,
        })
    }

    fn visit_bool<E>(self, v: bool) -> Result<BulkItems, E> {
        Self::other(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<BulkItems, E> {
        Self::other(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<BulkItems, E> {
        Self::other(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<BulkItems, E> {
        Self::other(v.into())
    }
    fn visit_str<E>(self, v: &str) -> Result<BulkItems, E> {
        Self::other(v.into())
    }
    fn visit_unit<E>(self) -> Result<BulkItems, E> {
        Self::other(serde_json::Value::Null)
    }
}

/// The first line of a `--password-file`, read through [`PASSWORD_FILE_LIMIT`].
pub fn password_file(path: &str) -> Result<String, String> {
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read --password-file {path}: {e}"))?;
    let mut line = Vec::new();
    BufReader::new(file.take(PASSWORD_FILE_LIMIT + 1))
        .read_until(b'\n', &mut line)
        .map_err(|e| format!("cannot read --password-file {path}: {e}"))?;
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    } else if line.len() as u64 > PASSWORD_FILE_LIMIT {
        return Err(format!(
            "the first line of --password-file {path} is longer than {PASSWORD_FILE_LIMIT} bytes"
        ));
    }
    String::from_utf8(line).map_err(|_| format!("--password-file {path} is not UTF-8 text"))
}
