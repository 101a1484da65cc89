//! What the spec says of a command that the client's runtime acts on, defined once: the
//! generator's model uses these enums, and emits this same source into the client crate
//! (`kind.rs` in its `OUT_DIR`), so the two cannot differ.

/// Defines the items it is given, and `SOURCE`, their text.
macro_rules! shared {
    ($($item:item)*) => {
        $($item)*

        /// The source of the items above, as the client's runtime compiles them.
        pub const SOURCE: &str = stringify!($($item)*);
    };
}

shared! {
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
        /// One result per item of a bulk request.
        Bulk,
    }
}
