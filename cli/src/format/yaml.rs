//! `yaml`: block-style YAML of an answer, strings written as JSON strings (a YAML
//! double-quoted scalar reads the same) and numbers with their own text.

use std::fmt::Write;

use super::node::Node;

/// Block-style YAML: objects as `key: value`, lists as `- item`, strings as JSON strings.
pub(super) fn yaml(node: &Node, indent: usize, out: &mut String) {
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
