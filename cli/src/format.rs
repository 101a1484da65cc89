//! `-o/--output`: an answer's JSON text as json (re-indented), jsonl, yaml, table or csv.
//!
//! Every format works on the answer's own text, never on numbers parsed into `f64` or
//! `i64`: a number is printed exactly as the API sent it (`990.00` stays `990.00`, an id
//! above 64 bits keeps its digits). yaml writes it as a plain scalar with that text, table
//! and csv as the cell's text. Strings are written as JSON strings in yaml (a YAML
//! double-quoted scalar reads the same), and as their decoded text in table and csv.
//!
//! table and csv take rows (an array of objects, or an object of objects: its key becomes
//! the first column, `key`) or a map (an object of plain values: columns `key` and
//! `value`). Columns are the keys in the order first seen; a nested value is a cell of
//! compact JSON. Any other answer is refused with [`NotTabular`].

use std::fmt::{self, Write};

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::escape::escape;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The answer as the API sent it, re-indented (the default).
    Json,
    /// One compact JSON value a line: each row of rows, each entry of a map as
    /// `{"key": ..., "value": ...}`, else the whole answer on one line.
    Jsonl,
    /// YAML.
    Yaml,
    /// Aligned columns for people.
    Table,
    /// RFC 4180 CSV with a header line.
    Csv,
}

impl Format {
    /// The format named by `--output`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "json" => Self::Json,
            "jsonl" => Self::Jsonl,
            "yaml" => Self::Yaml,
            "table" => Self::Table,
            "csv" => Self::Csv,
            _ => return None,
        })
    }
}

/// The answer cannot be shown as a table: it is neither rows nor a map.
#[derive(Debug, PartialEq, Eq)]
pub struct NotTabular(&'static str);

impl fmt::Display for NotTabular {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the answer is {}, neither rows nor a map: table and csv cannot show it (json, jsonl and yaml can)",
            self.0
        )
    }
}

/// A JSON value with every scalar kept as its text.
#[derive(Debug)]
enum Node {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    /// A string, decoded, and its JSON text.
    Str(String, String),
    /// A number, `true`, `false` or `null`: its text.
    Scalar(String),
}

impl Node {
    fn parse(text: &str) -> Result<Node, serde_json::Error> {
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

    fn compact_text(&self) -> String {
        let mut s = String::new();
        self.compact(&mut s);
        s
    }

    /// A table cell: a string's text, a scalar's text, or compact JSON.
    fn cell(&self) -> String {
        match self {
            Node::Str(s, _) => s.clone(),
            Node::Scalar(t) => t.clone(),
            other => other.compact_text(),
        }
    }

    fn kind(&self) -> &'static str {
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

/// Columns and rows of a tabular answer.
struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn table(answer: &Node) -> Result<Table, NotTabular> {
    let rows: Vec<(Option<&str>, &Node)> = match answer {
        Node::Array(items) if items.iter().all(|i| matches!(i, Node::Object(_))) => {
            items.iter().map(|i| (None, i)).collect()
        }
        Node::Object(entries)
            if !entries.is_empty() && entries.iter().all(|(_, v)| matches!(v, Node::Object(_))) =>
        {
            entries.iter().map(|(k, v)| (Some(k.as_str()), v)).collect()
        }
        Node::Object(entries)
            if entries
                .iter()
                .all(|(_, v)| matches!(v, Node::Str(..) | Node::Scalar(_))) =>
        {
            return Ok(Table {
                columns: vec!["key".to_owned(), "value".to_owned()],
                rows: entries
                    .iter()
                    .map(|(k, v)| vec![k.clone(), v.cell()])
                    .collect(),
            });
        }
        Node::Array(_) => return Err(NotTabular("a list of plain values")),
        Node::Object(_) => return Err(NotTabular("an object of mixed values")),
        other => return Err(NotTabular(other.kind())),
    };
    let keyed = rows.iter().any(|(k, _)| k.is_some());
    let mut columns: Vec<String> = Vec::new();
    if keyed {
        columns.push("key".to_owned());
    }
    for (_, row) in &rows {
        if let Node::Object(entries) = row {
            for (k, _) in entries {
                if !columns.iter().any(|c| c == k) {
                    columns.push(k.clone());
                }
            }
        }
    }
    let rows = rows
        .iter()
        .map(|(key, row)| {
            let entries: &[(String, Node)] = match row {
                Node::Object(e) => e,
                _ => &[],
            };
            columns
                .iter()
                .enumerate()
                .map(|(i, c)| match (i, key) {
                    (0, Some(k)) if keyed => (*k).to_owned(),
                    _ => entries
                        .iter()
                        .find(|(k, _)| k == c)
                        .map(|(_, v)| v.cell())
                        .unwrap_or_default(),
                })
                .collect()
        })
        .collect();
    Ok(Table { columns, rows })
}

/// `json` as compact JSON text on one line, every scalar kept as written; `None` when it
/// is not valid JSON.
pub fn compact(json: &str) -> Option<String> {
    Node::parse(json).ok().map(|n| n.compact_text())
}

/// The answer `json` (a valid JSON text) in `format`, ending with a newline.
pub fn render(format: Format, json: &str) -> Result<String, NotTabular> {
    if format == Format::Json {
        return Ok(format!("{}\n", crate::pretty::pretty(json)));
    }
    let Ok(answer) = Node::parse(json) else {
        return Err(NotTabular("not valid JSON"));
    };
    let mut out = String::new();
    match format {
        Format::Json => {}
        Format::Jsonl => match &answer {
            Node::Array(items) => {
                for i in items {
                    let _ = writeln!(out, "{}", i.compact_text());
                }
            }
            Node::Object(entries)
                if entries
                    .iter()
                    .all(|(_, v)| matches!(v, Node::Str(..) | Node::Scalar(_))) =>
            {
                for (k, v) in entries {
                    let _ = writeln!(
                        out,
                        "{{\"key\":{},\"value\":{}}}",
                        serde_json::Value::String(k.clone()),
                        v.compact_text()
                    );
                }
            }
            other => {
                let _ = writeln!(out, "{}", other.compact_text());
            }
        },
        Format::Yaml => {
            yaml(&answer, 0, &mut out);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        Format::Table => {
            let t = table(&answer)?;
            let cells = |row: &[String]| -> Vec<String> {
                row.iter().map(|c| escape(c).into_owned()).collect()
            };
            let header = cells(&t.columns);
            let body: Vec<Vec<String>> = t.rows.iter().map(|r| cells(r)).collect();
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for row in &body {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            for row in std::iter::once(&header).chain(&body) {
                let mut line = String::new();
                for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
                    if i > 0 {
                        line.push_str("  ");
                    }
                    line.push_str(c);
                    if i + 1 < row.len() {
                        line.extend(std::iter::repeat_n(' ', w - c.chars().count()));
                    }
                }
                let _ = writeln!(out, "{}", line.trim_end());
            }
        }
        Format::Csv => {
            let t = table(&answer)?;
            for row in std::iter::once(&t.columns).chain(&t.rows) {
                let line: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
                let _ = write!(out, "{}\r\n", line.join(","));
            }
        }
    }
    Ok(out)
}

/// How answers are shown: `--output` and `--quiet`.
#[derive(Clone, Copy, Debug)]
pub struct Show {
    /// The format.
    pub format: Format,
    /// Print no answer.
    pub quiet: bool,
}

impl Show {
    /// Prints the answer `json` and returns [`crate::OK`]. An answer the format cannot
    /// show is printed as JSON instead, with a warning: the command was carried out, so
    /// the status stays the command's own (2 would say that nothing was sent).
    pub fn answer(&self, json: &str) -> u8 {
        if self.quiet {
            return crate::OK;
        }
        let (text, status) = match render(self.format, json) {
            Ok(t) => (t, crate::OK),
            Err(e) => {
                crate::out::warning(&format!(
                    "--output: {e}; it is printed as JSON (the command was carried out)"
                ));
                (format!("{}\n", crate::pretty::pretty(json)), crate::OK)
            }
        };
        match crate::out::print(&text) {
            Ok(()) => status,
            Err(e) => e.report(),
        }
    }
}

/// A CSV field, quoted when it holds a comma, a quote, a line break or edge spaces.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Block-style YAML: objects as `key: value`, lists as `- item`, strings as JSON strings.
fn yaml(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Object(entries) if entries.is_empty() => out.push_str("{}\n"),
        Node::Array(items) if items.is_empty() => out.push_str("[]\n"),
        Node::Object(entries) => {
            for (k, v) in entries {
                let _ = write!(out, "{pad}{}:", serde_json::Value::String(k.clone()));
                yaml_value(v, indent, out);
            }
        }
        Node::Array(items) => {
            for v in items {
                let _ = write!(out, "{pad}-");
                yaml_value(v, indent, out);
            }
        }
        Node::Str(_, json) => {
            let _ = writeln!(out, "{pad}{json}");
        }
        Node::Scalar(t) => {
            let _ = writeln!(out, "{pad}{t}");
        }
    }
}

/// The value after `key:` or `-`: inline when plain or empty, else on the next lines.
fn yaml_value(v: &Node, indent: usize, out: &mut String) {
    match v {
        Node::Object(e) if !e.is_empty() => {
            out.push('\n');
            yaml(v, indent + 2, out);
        }
        Node::Array(a) if !a.is_empty() => {
            out.push('\n');
            yaml(v, indent + 2, out);
        }
        _ => {
            out.push(' ');
            yaml(v, 0, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_text_in_every_format() {
        let json = r#"[{"id":12345678901234567890123,"sum":990.00,"name":"a, \"b\""}]"#;
        let cases = [
            (
                Format::Jsonl,
                "{\"id\":12345678901234567890123,\"sum\":990.00,\"name\":\"a, \\\"b\\\"\"}\n",
            ),
            (
                Format::Yaml,
                "-\n  \"id\": 12345678901234567890123\n  \"sum\": 990.00\n  \"name\": \"a, \\\"b\\\"\"\n",
            ),
            (
                Format::Table,
                "id                       sum     name\n12345678901234567890123  990.00  a, \"b\"\n",
            ),
            (
                Format::Csv,
                "id,sum,name\r\n12345678901234567890123,990.00,\"a, \"\"b\"\"\"\r\n",
            ),
        ];
        for (f, expected) in cases {
            assert_eq!(render(f, json).unwrap(), expected, "{f:?}");
        }
        assert_eq!(cases.len(), 4);
    }

    #[test]
    fn other_answers_are_not_tables() {
        let cases = [
            ("true", "a single value"),
            ("\"x\"", "a single string"),
            ("[1,2]", "a list of plain values"),
            (r#"{"a":1,"b":{"c":2}}"#, "an object of mixed values"),
        ];
        for (json, kind) in cases {
            for f in [Format::Table, Format::Csv] {
                assert_eq!(render(f, json).unwrap_err(), NotTabular(kind));
            }
            assert!(render(Format::Yaml, json).is_ok());
        }
        assert_eq!(
            NotTabular("a single value").to_string(),
            "the answer is a single value, neither rows nor a map: table and csv cannot show it (json, jsonl and yaml can)"
        );
    }

    #[test]
    fn table_cells_cannot_drive_the_terminal() {
        let t = render(Format::Table, r#"{"a.com":"x\u001b[2Jy"}"#).unwrap();
        assert_eq!(t, "key    value\na.com  x\\u{1b}[2Jy\n");
    }
}
