//! A reseller's workflow written as a user of the crate writes it, with typed answers
//! only (no JSON in this file): register a domain, take its id from the answer, set DNS
//! records built from typed values, read them back typed, change one and send it back,
//! and renew with the expiration date read from domainGetInfo.

use domaincontext::jiff::ToSpan;
use domaincontext::requests::{
    DomainGetDns, DomainGetInfo, DomainRegister, DomainRenew, DomainSetDns, DomainSetDnsRecordsItem,
};
use domaincontext::{Client, Error};

async fn sandbox() -> (domaincontext_sandbox::Running, Client) {
    let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new())
        .await
        .expect("sandbox");
    let client = sandbox.client_builder().build().expect("client");
    (sandbox, client)
}

#[tokio::test]
async fn register_set_dns_read_change_and_renew_with_typed_values() -> Result<(), Error> {
    let (sandbox, client) = sandbox().await;

    // Register, and take the id from the typed answer: the request's own id type.
    let registered = client
        .domain_register(&DomainRegister::new("typed-flow.com".parse()?))
        .await?;
    let id = registered.id.expect("a registration has an id");
    assert_eq!(
        registered.domain.as_ref().map(|d| d.as_str()),
        Some("typed-flow.com")
    );

    // Set two records built from typed values.
    let a = DomainSetDnsRecordsItem::new()
        .name("www".parse()?)
        .kind("a".parse()?)
        .value("192.0.2.44".parse()?)
        .ttl(3600.try_into()?)
        .status("new".parse()?);
    let mx = DomainSetDnsRecordsItem::new()
        .name("@".parse()?)
        .kind("mx".parse()?)
        .value("mail.typed-flow.com".parse()?)
        .no(10.try_into()?)
        .ttl(3600.try_into()?)
        .status("new".parse()?);
    let set = client
        .domain_set_dns(&DomainSetDns::new().id(id).records(1, a).records(2, mx))
        .await?;
    assert_eq!(set.records.len(), 2);

    // Read them back: the same record type that domainSetDNS takes.
    let mut read = client
        .domain_get_dns(&DomainGetDns::new().id(id))
        .await?
        .records;
    assert_eq!(read, set.records, "what was set is what is read");
    let (&www_key, www) = read
        .iter_mut()
        .find(|(_, r)| r.name.as_ref().map(|n| n.as_str()) == Some("www"))
        .expect("the www record");
    assert_eq!(www.value.as_ref().map(|v| v.as_str()), Some("192.0.2.44"));
    assert_eq!(www.status.as_ref().map(|s| s.as_str()), Some("ok"));

    // Change one and send the records back as they were read.
    www.ttl = Some(600.try_into()?);
    let mut change = DomainSetDns::new().id(id);
    change.records = read;
    client.domain_set_dns(&change).await?;
    let after = client.domain_get_dns(&DomainGetDns::new().id(id)).await?;
    assert_eq!(
        after
            .records
            .get(&www_key)
            .and_then(|r| r.ttl)
            .map(|t| t.get()),
        Some(600)
    );
    assert_eq!(after.records.len(), 2, "nothing added or lost");

    // Renew with the expiration date that domainGetInfo answers: the answer's date is the
    // request's date, passed as it is.
    let info = client.domain_get_info(&DomainGetInfo::new().id(id)).await?;
    let expires = info.expires.expect("an expiration date");
    let renewed = client
        .domain_renew(&DomainRenew::new(
            info.domain.expect("a domain"),
            1.try_into()?,
            expires,
        ))
        .await?;
    assert_eq!(renewed.id, Some(id));
    assert_eq!(renewed.expires, Some(expires.saturating_add(1.year())));

    sandbox.shutdown().await;
    Ok(())
}
