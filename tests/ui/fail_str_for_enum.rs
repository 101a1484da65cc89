//! A string where a record type is needed.

use domaincontext::requests::DomainSetDnsRecordsItem;

fn main() {
    let _record = DomainSetDnsRecordsItem::new().kind("mx");
}
