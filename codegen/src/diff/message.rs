//! The words of a change: plain for the terminal, code spans for Markdown.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Message(pub(super) Vec<Span>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Span {
    /// Words.
    Text(String),
    /// A name or a rule: bare on the terminal, a code span in Markdown.
    Code(String),
    /// A value from the spec: quoted on the terminal when it would be unclear bare.
    Value(String),
    /// Prose from the spec (a description): always quoted.
    Quoted(String),
}

impl Message {
    pub(super) fn t(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Text(s.into()));
        self
    }
    pub(super) fn c(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Code(s.into()));
        self
    }
    pub(super) fn v(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Value(s.into()));
        self
    }
    pub(super) fn q(mut self, s: impl Into<String>) -> Self {
        self.0.push(Span::Quoted(s.into()));
        self
    }
    /// Values joined by `, `.
    pub(super) fn values<'a>(mut self, values: impl IntoIterator<Item = &'a String>) -> Self {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self = self.t(", ");
            }
            self = self.v(v.clone());
        }
        self
    }

    pub(super) fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) | Span::Code(t) => t.clone(),
                Span::Value(v) => quote_value(v),
                Span::Quoted(v) => format!("{v:?}"),
            })
            .collect()
    }

    pub(super) fn markdown(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) => t.clone(),
                Span::Code(t) => code_span(t),
                Span::Value(v) => code_span(&quote_value(v)),
                Span::Quoted(v) => code_span(&format!("{v:?}")),
            })
            .collect()
    }
}

pub(super) fn msg() -> Message {
    Message::default()
}

/// A value as the terminal shows it: bare when that is unambiguous, else quoted.
pub(super) fn quote_value(v: &str) -> String {
    let bare = !v.is_empty()
        && v.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, ',' | '"' | '\''));
    if bare { v.to_owned() } else { format!("{v:?}") }
}

/// A Markdown code span that survives backticks in its text.
pub(super) fn code_span(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 || s.starts_with(' ') || s.ends_with(' ') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

/// A table cell: pipes escaped, line breaks folded.
pub(super) fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
