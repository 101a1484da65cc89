//! Decoders of successful answers, one per answer shape of the spec (`spec/answers.yaml`).
//! The shapes come from public code that calls the API, not from the provider's document,
//! so decoding is lenient: fields are optional and nothing unnamed is dropped.
//!
//! ```
//! use domaincontext::answers::Availability;
//! let answer = serde_json::json!({"test.com": 0, "adfwer234asdf.net": 1});
//! let free = Availability::from_value(&answer).expect("an object");
//! assert_eq!(free.get("adfwer234asdf.net"), Some(&true));
//! ```

include!(concat!(env!("OUT_DIR"), "/answers.rs"));
