//! The typed answers, one per answer shape of the spec (`spec/answers.yaml`). The shapes
//! come from public code that calls the API or are our inference (each says which), not
//! from the provider's document, so decoding is lenient: fields are optional, `null` is
//! absent, and nothing unnamed is dropped. Each is a serde `Deserialize` type, decoded
//! from the answer's text.
//!
//! ```
//! use domaincontext::answers::Availability;
//! let free: Availability =
//!     serde_json::from_str(r#"{"test.com": 0, "adfwer234asdf.net": "1"}"#).unwrap();
//! assert_eq!(free.get("adfwer234asdf.net"), Some(&true));
//! ```

include!(concat!(env!("OUT_DIR"), "/answers.rs"));
