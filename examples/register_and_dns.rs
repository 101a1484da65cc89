//! Register a domain, then set its DNS records and read them back.
//!
//! Runs against the sandbox or the real API, chosen by the environment:
//!
//! ```text
//! domaincontext sandbox serve --port 8080        # in another terminal
//! DOMAINCONTEXT_BASE_URL=http://127.0.0.1:8080 DOMAINCONTEXT_LOGIN=demo DOMAINCONTEXT_PASSWORD=demo \
//!     cargo run --example register_and_dns [NAME.com]
//! ```
//!
//! Against the real API (`DOMAINCONTEXT_BASE_URL=https://api.domaincontext.com`) this
//! registers, and pays for, a real domain.

use std::error::Error;

use domaincontext::Client;
use domaincontext::requests::{
    DomainGetDns, DomainRegister, DomainSetDns, DomainSetDnsRecordsItem,
};
use domaincontext::types::Domain;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = client_from_env()?;
    let name: Domain = match std::env::args().nth(1) {
        Some(name) => name.parse()?,
        None => unique_name().parse()?,
    };

    // The id in the answer is the `Id` type that every other request takes.
    let registered = client
        .domain_register(&DomainRegister::new(name.clone()))
        .await?;
    let id = registered.id.ok_or("the registration answered no id")?;
    println!("registered {name} (id {id})");

    // Records are keyed by number; `status: new` creates one.
    let www = DomainSetDnsRecordsItem::new()
        .name("www".parse()?)
        .kind("a".parse()?)
        .value("192.0.2.10".parse()?)
        .ttl(3600.try_into()?)
        .status("new".parse()?);
    let mail = DomainSetDnsRecordsItem::new()
        .name("@".parse()?)
        .kind("mx".parse()?)
        .value(format!("mail.{name}").parse()?)
        .no(10.try_into()?)
        .ttl(3600.try_into()?)
        .status("new".parse()?);
    client
        .domain_set_dns(&DomainSetDns::new().id(id).records(1, www).records(2, mail))
        .await?;

    // Read back: the same record type domainSetDNS takes, ready to change and send again.
    let dns = client.domain_get_dns(&DomainGetDns::new().id(id)).await?;
    for (no, record) in &dns.records {
        println!(
            "record {no}: {} {} {}",
            record.name.as_ref().map_or("", |n| n.as_str()),
            record.kind.as_ref().map_or("", |k| k.as_str()),
            record.value.as_ref().map_or("", |v| v.as_str()),
        );
    }
    println!("{} records", dns.records.len());
    Ok(())
}

/// A client for `DOMAINCONTEXT_BASE_URL` with the credentials `DOMAINCONTEXT_LOGIN` and
/// `DOMAINCONTEXT_PASSWORD`. Every one is required: an example never picks the
/// production API (which charges money) by default.
fn client_from_env() -> Result<Client, Box<dyn Error>> {
    let var = |name: &str| {
        std::env::var(name).map_err(|_| format!("set {name} (see the top of this example)"))
    };
    Ok(Client::builder()
        .base_url(var("DOMAINCONTEXT_BASE_URL")?)
        .credentials(var("DOMAINCONTEXT_LOGIN")?, var("DOMAINCONTEXT_PASSWORD")?)
        .build()?)
}

/// A name no earlier run took: a state the sandbox keeps between runs stays usable.
fn unique_name() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("example-{}-{}.com", now.as_secs(), now.subsec_micros())
}
