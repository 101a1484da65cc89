//! An answer as a tree whose scalars keep their JSON text, so that every format prints a
//! number exactly as the API sent it.

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// A JSON value with every scalar kept as its text.
#[derive(Debug)]
pub(super) enum Node {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    /// A string, decoded, and its JSON text.
    Str(String, String),
    /// A number, `true`, `false` or `null`: its text.
    Scalar(String),
}

impl Node {
    pub(super) fn parse(text: &str) -> Result<Node, serde_json::Error> {
        let raw: Box<RawValue> = serde_json::from_str(text)?;
        Node::of(&raw)
    }

    fn of(raw: &RawValue) -> Result<Node, serde_json::Error> {
        let text = raw.get().trim();
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let mut d = serde_json::Deserializer::from_str(text);
                Node::Object(d.deserialize_map(Entries)?)
            }
            Some(b'[') => {
                let items: Vec<Box<RawValue>> = serde_json::from_str(text)?;
                Node::Array(
                    items
                        .iter()
                        .map(|i| Node::of(i))
                        .collect::<Result<_, _>>()?,
                )
            }
            Some(b'"') => Node::Str(serde_json::from_str(text)?, text.to_owned()),
            _ => Node::Scalar(text.to_owned()),
        })
    }

    /// Compact JSON text.
    fn compact(&self, out: &mut String) {
        match self {
            Node::Object(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::Value::String(k.clone()).to_string());
                    out.push(':');
                    v.compact(out);
                }
                out.push('}');
            }
            Node::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.compact(out);
                }
                out.push(']');
            }
            Node::Str(_, json) => out.push_str(json),
            Node::Scalar(t) => out.push_str(t),
        }
    }

    /// Replaces the value of every field named in `hidden`, at any depth, with `"***"`.
    pub(super) fn hide(&mut self, hidden: &[&str]) {
        match self {
            Node::Object(entries) => {
                for (k, v) in entries {
                    if hidden.contains(&k.as_str()) && !matches!(v, Node::Scalar(s) if s == "null")
                    {
                        *v = Node::Str("***".to_owned(), "\"***\"".to_owned());
                    } else {
                        v.hide(hidden);
                    }
                }
            }
            Node::Array(items) => items.iter_mut().for_each(|i| i.hide(hidden)),
            Node::Str(..) | Node::Scalar(_) => {}
        }
    }

    pub(super) fn compact_text(&self) -> String {
        let mut s = String::new();
        self.compact(&mut s);
        s
    }

    /// A table cell: a string's text, a scalar's text, or compact JSON.
    pub(super) fn cell(&self) -> String {
        match self {
            Node::Str(s, _) => s.clone(),
            Node::Scalar(t) => t.clone(),
            other => other.compact_text(),
        }
    }

    pub(super) fn kind(&self) -> &'static str {
        match self {
            Node::Object(_) => "an object",
            Node::Array(_) => "a list",
            Node::Str(..) => "a single string",
            Node::Scalar(_) => "a single value",
        }
    }
}

/// An object's entries in their order, values kept raw.
struct Entries;

impl<'de> Visitor<'de> for Entries {
    type Value = Vec<(String, Node)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Box<RawValue>>()? {
            entries.push((k, Node::of(&v).map_err(serde::de::Error::custom)?));
        }
        Ok(entries)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(serde::de::Error::custom("not an object"))
    }
}
