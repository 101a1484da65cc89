//! A YAML tree that remembers where each node stands, so that every problem in the spec
//! can be reported with its file, line and column.

use std::sync::Arc;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A position in a spec file (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// The file, as given to the loader.
    pub file: Arc<str>,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

/// One node of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// Where the node starts.
    pub pos: Pos,
    /// What it holds.
    pub value: Value,
}

/// The value of a node.
#[derive(Clone, Debug)]
pub enum Value {
    /// A scalar, as written (`quoted` is false for plain scalars, which YAML may read as
    /// numbers, booleans or null).
    Scalar { text: String, quoted: bool },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order, duplicate keys kept (the checker reports them).
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// A plain `~`, `null` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, quoted: false } if text.is_empty() || text == "~" || text == "null")
    }

    /// What kind of node this is, in words, for messages.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } => "a scalar",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A YAML syntax error.
#[derive(Debug)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub pos: Pos,
    /// The parser's message.
    pub message: String,
}

/// Parses one YAML document into a tree. An empty file gives `None`.
pub fn parse(file: &Arc<str>, source: &str) -> Result<Option<Node>, SyntaxError> {
    let mut builder = Builder {
        file: file.clone(),
        stack: Vec::new(),
        root: None,
    };
    let mut parser = Parser::new_from_str(source);
    parser.load(&mut builder, false).map_err(|e| SyntaxError {
        pos: pos_of(file, e.marker()),
        message: e.info().to_owned(),
    })?;
    Ok(builder.root)
}

fn pos_of(file: &Arc<str>, mark: &Marker) -> Pos {
    // yaml-rust2 counts lines from 1 and columns from 0.
    Pos {
        file: file.clone(),
        line: mark.line(),
        col: mark.col() + 1,
    }
}

enum Open {
    Seq(Pos, Vec<Node>),
    Map(Pos, Vec<(Node, Node)>, Option<Node>),
}

struct Builder {
    file: Arc<str>,
    stack: Vec<Open>,
    root: Option<Node>,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = pos_of(&self.file, &mark);
        match ev {
            Event::Scalar(text, style, ..) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.push(Node {
                    pos,
                    value: Value::Scalar { text, quoted },
                });
            }
            // Aliases are not part of the spec format; they read as an empty scalar, which
            // the checker then reports where a value was expected.
            Event::Alias(_) => self.push(Node {
                pos,
                value: Value::Scalar {
                    text: String::new(),
                    quoted: false,
                },
            }),
            Event::SequenceStart(..) => self.stack.push(Open::Seq(pos, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(pos, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(pos, items)) => Node {
                        pos,
                        value: Value::Seq(items),
                    },
                    Some(Open::Map(pos, entries, _)) => Node {
                        pos,
                        value: Value::Map(entries),
                    },
                    None => return,
                };
                self.push(node);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_duplicates_kept() {
        let file: Arc<str> = Arc::from("t.yaml");
        let root = parse(&file, "a:\n  b: 1\n  b: 'x'\n").unwrap().unwrap();
        let map = root.as_map().unwrap();
        assert_eq!((map[0].0.pos.line, map[0].0.pos.col), (1, 1));
        let inner = map[0].1.as_map().unwrap();
        assert_eq!(inner.len(), 2);
        assert_eq!((inner[1].0.pos.line, inner[1].0.pos.col), (3, 3));
        assert!(matches!(
            &inner[1].1.value,
            Value::Scalar { quoted: true, .. }
        ));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let file: Arc<str> = Arc::from("t.yaml");
        let err = parse(&file, "a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.pos.line >= 1, "{err:?}");
    }
}
