//! A request without its required argument.

use domaincontext::requests::DomainRegister;

fn main() {
    let _request = DomainRegister::new();
}
