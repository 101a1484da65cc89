//! The spec as data: every type and command, and `Request`, which parses any command's
//! arguments by the command's name. The command-line tool and the sandbox are driven by it.

include!(concat!(env!("OUT_DIR"), "/registry.rs"));
