//! What the spec says of every command that the runtime acts on: whether repeating it can
//! do harm (retries), and what its successful answer looks like (the answer rules).

/// Whether repeating a command can do harm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Reads only: the client may retry it.
    Read,
    /// Changes state or costs money: never repeated by the client.
    Change,
}

/// What a successful answer looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// `true`, or an object or array without `_error`.
    Value,
    /// As `Value`, and a bare number (a search with `count=1`).
    Search,
    /// One result per item.
    Bulk,
}
