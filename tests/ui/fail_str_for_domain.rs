//! A `&str` where a `Domain` is needed: it must be parsed (and so validated) first.

use domaincontext::requests::DomainRegister;

fn main() {
    let _request = DomainRegister::new("example.com");
}
