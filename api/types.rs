//! One validated newtype per argument type of the spec (`Id`, `Domain`, `DnsName`,
//! `Period`...). A value is made only through `FromStr` / `TryFrom`, which apply the type's
//! rule, so an invalid value cannot be built, and so cannot be sent.
//!
//! ```
//! use domaincontext::types::{DnsName, Period};
//! assert!("a1.b2".parse::<DnsName>().is_ok());
//! assert!("a.b.c.d.e".parse::<DnsName>().is_err());
//! assert!(Period::try_from(11).is_err());
//! ```

include!(concat!(env!("OUT_DIR"), "/types.rs"));
