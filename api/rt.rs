//! The small runtime the generated code calls, in one place: wire values (`wire.rs`),
//! argument paths and the checks that span arguments (`at.rs`), the argument reader behind
//! every request's `Deserialize` (`args.rs`) and the form writer (`writer.rs`). Generated
//! code stays thin by leaning on these; users rarely need them directly. Nothing here is
//! defined, only gathered, so no module of the runtime imports this one.

#[cfg(feature = "dynamic")]
pub use crate::arg_text::kind;
pub use crate::args::{Args, bulk_items, deserialize, deserialize_args};
#[cfg(feature = "dynamic")]
pub use crate::args::{read_args, suggest};
pub use crate::at::{At, duplicate_key, require, require_some};
#[cfg(feature = "dynamic")]
pub use crate::info::Sealed;
#[cfg(feature = "dynamic")]
pub use crate::wire::REDACTED;
pub use crate::wire::{FromArg, Wire, join, parse_list, push_u64, wire_string};
pub use crate::writer::FormWriter;
