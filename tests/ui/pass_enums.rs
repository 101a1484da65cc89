//! Builds requests from enums and flags, and serializes their values.

use domaincontext::requests::{
    CertificateChangeValidation, DomainSetDns, DomainSetDnsRecordsItem, DomainsSearch,
};
use domaincontext::types::{DcvMethod, Id, Limit, RecordStatus, RecordType};

fn main() {
    let record = DomainSetDnsRecordsItem::new()
        .kind(RecordType::Mx)
        .status(RecordStatus::New)
        .value("mail.example.com".parse().unwrap());
    let request = DomainSetDns::new().id(Id::try_from(7).unwrap()).records(1, record);
    assert_eq!(request.records[&1].kind, Some(RecordType::Mx));

    let change = CertificateChangeValidation::new(Id::try_from(1).unwrap(), DcvMethod::Dns);
    assert_eq!(change.dcv_method.as_str(), "dns");

    let search = DomainsSearch::new().limit(Limit::All).count(true);
    assert_eq!(search.count, Some(true));

    let kind = serde_json::to_string(&RecordType::Aaaa).unwrap();
    assert_eq!(kind, "\"aaaa\"");
    let limit = serde_json::to_string(&Limit::Rows(Id::try_from(25).unwrap())).unwrap();
    assert_eq!(limit, "25");
    let back: DcvMethod = serde_json::from_str("\"https\"").unwrap();
    assert_eq!(back, DcvMethod::Https);
}
