//! A request is data with default features: built, serialized with serde_json, stored as
//! text, deserialized back equal; a stored request with an invalid value is refused with
//! the argument's path.

use domaincontext::requests::{DomainRegister, DomainsRegister};

fn main() {
    let one = DomainRegister::new("example.com".parse().unwrap()).period(2.try_into().unwrap());
    let bulk = DomainsRegister::new([one, DomainRegister::new("example.net".parse().unwrap())]);

    let text = serde_json::to_string(&bulk).unwrap();
    assert_eq!(
        text,
        r#"[{"domain":"example.com","period":2},{"domain":"example.net"}]"#
    );
    let back: DomainsRegister = serde_json::from_str(&text).unwrap();
    assert_eq!(back, bulk);

    let e = serde_json::from_str::<DomainsRegister>(r#"[{"domain":"a.com","period":11}]"#)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("domainsRegister: argument `0[period]`"), "{e}");
}
