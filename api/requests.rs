//! One request struct per command of the spec. Required arguments are the parameters of
//! `new`, optional ones are set with the methods of the same name; bulk commands hold
//! `items` of the single command they repeat.
//!
//! ```
//! use domaincontext::requests::{DomainRegister, DomainsRegister};
//! let one = DomainRegister::new("example.com".parse()?).period(2.try_into()?);
//! let bulk = DomainsRegister::new([one, DomainRegister::new("example.net".parse()?)]);
//! assert_eq!(bulk.items.len(), 2);
//! # Ok::<(), domaincontext::InvalidValue>(())
//! ```

include!(concat!(env!("OUT_DIR"), "/requests.rs"));
