//! What the spec says of every command that the runtime acts on: whether repeating it can
//! do harm (retries), and what its successful answer looks like (the answer rules). The
//! generator's model defines these enums and emits the same source here, so the two are
//! one definition.

include!(concat!(env!("OUT_DIR"), "/kind.rs"));
