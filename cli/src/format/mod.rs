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

mod node;
mod table;
mod yaml;

use node::Node;

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

/// The answer's JSON text exactly as the API sent it, so that ids above 64 bits and
/// amounts such as `990.00` print unchanged.
pub fn answer_text(reply: &domaincontext::Reply) -> String {
    reply.raw_text().to_owned()
}

/// `json` as compact JSON text on one line, every scalar kept as written; `None` when it
/// is not valid JSON.
pub fn compact(json: &str) -> Option<String> {
    Node::parse(json).ok().map(|n| n.compact_text())
}

/// The answer `json` with the value of every field named in `hidden` (at any depth) shown
/// as `***`: the secret fields of an answer whose command does not exist to return them
/// ([`domaincontext::CommandInfo::hidden`]). Text that is not JSON is returned as it is.
pub fn redact<'a>(json: &'a str, hidden: &[&str]) -> std::borrow::Cow<'a, str> {
    if hidden.is_empty() {
        return std::borrow::Cow::Borrowed(json);
    }
    match Node::parse(json) {
        Ok(mut node) => {
            node.hide(hidden);
            std::borrow::Cow::Owned(node.compact_text())
        }
        Err(_) => std::borrow::Cow::Borrowed(json),
    }
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
            yaml::yaml(&answer, 0, &mut out);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        Format::Table => table::text(&table::table(&answer)?, &mut out),
        Format::Csv => table::csv(&table::table(&answer)?, &mut out),
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
