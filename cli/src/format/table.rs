//! `table` and `csv`: an answer's rows (or a map) as columns and rows of cell text, then
//! as aligned text or as CSV records.

use std::fmt::Write;

use super::NotTabular;
use super::node::Node;
use crate::escape::escape;

/// Columns and rows of a tabular answer.
pub(super) struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

pub(super) fn table(answer: &Node) -> Result<Table, NotTabular> {
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

/// The table as aligned text: columns padded to their widest cell, two spaces apart.
pub(super) fn text(t: &Table, out: &mut String) {
    let cells =
        |row: &[String]| -> Vec<String> { row.iter().map(|c| escape(c).into_owned()).collect() };
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

/// The table as CSV records (CRLF-terminated, as RFC 4180 says).
pub(super) fn csv(t: &Table, out: &mut String) {
    for row in std::iter::once(&t.columns).chain(&t.rows) {
        let line: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        let _ = write!(out, "{}\r\n", line.join(","));
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
