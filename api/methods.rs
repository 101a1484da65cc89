//! One async method on `Client` per command of the spec.

include!(concat!(env!("OUT_DIR"), "/methods.rs"));
