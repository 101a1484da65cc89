//! Answer shapes, as `answers.yaml` declares them.

use super::named::Named;

/// The shape of a successful answer, as public code that calls the API shows it. All of
/// it is inference, so decoding is lenient: every field is optional, unknown ones are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerDef {
    /// The spec's name (`domainInfo`).
    pub name: Named,
    /// One-line description.
    pub doc: String,
    /// Where the shape comes from.
    pub source: Option<String>,
    /// The answer exists to return its secret fields (a transfer code, a root password):
    /// they are shown. Any other answer's secret fields are never printed.
    pub reveals: bool,
    /// Its shape.
    pub shape: AnswerShape,
}

/// The shape of an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerShape {
    /// An object with these fields.
    Fields(Vec<(Named, FieldKind)>),
    /// An object of free keys, each value of this kind.
    MapOf(FieldKind),
    /// An array (or comma-joined text) of values of this kind.
    ListOf(FieldKind),
    /// Records of a request's `array` argument, keyed by number: what the command that
    /// sets them takes back.
    Records(RecordsOf),
    /// Any JSON, kept raw; the text says why no shape is given.
    Any(String),
}

/// A request's `array` argument (`domainSetDNS.records`), whose record type an answer
/// reuses so that what is read can be sent back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordsOf {
    /// The command (as written, with its position).
    pub command: Named,
    /// The argument.
    pub arg: String,
}

/// The kind of a field of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A whole number (JSON number or digits in a string).
    Int,
    /// An id: the spec's `id` type, as requests take it.
    Id,
    /// Text (a JSON string, or a number written as text).
    Text,
    /// A domain name: the spec's `domain` type, as requests take it.
    Domain,
    /// A flag: `true`/`false`, `1`/`0`, `"1"`/`"0"`.
    Flag,
    /// An amount of money, as exact decimal text.
    Money,
    /// A list of text: a JSON array, or comma-joined text.
    List,
    /// A secret text (an auth code): never shown, never kept among unnamed fields.
    Secret,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A date and time, `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// Another answer shape, by name.
    Shape(Named),
    /// An object of free keys, each value of this kind.
    MapOf(Box<FieldKind>),
    /// Records of a request's `array` argument.
    Records(RecordsOf),
    /// Any JSON, kept raw; the text says why.
    Any(String),
}

/// What a command's success decodes into.
#[derive(Clone, Debug, PartialEq)]
pub struct Returns {
    /// The answer's name.
    pub name: Named,
    /// Rows of it (an array, or an object keyed by id), rather than one.
    pub rows: bool,
}
