//! Register several domains in one bulk call (`domainsRegister`) and report each item's
//! own result: a bulk answer never drops an item, and one refused item does not hide the
//! others that succeeded.
//!
//! ```text
//! DOMAINCONTEXT_BASE_URL=http://127.0.0.1:8080 DOMAINCONTEXT_LOGIN=demo DOMAINCONTEXT_PASSWORD=demo \
//!     cargo run --example bulk_register
//! ```
//!
//! (`domaincontext sandbox serve --port 8080` serves that URL.) One of the names,
//! `test.com`, is taken, to show an item that fails. Against the real API this registers,
//! and pays for, real domains. For thousands of items, `Client::bulk` sends them in chunks
//! within the rate limit and answers one outcome per item in the same way.

use std::error::Error;

use domaincontext::requests::{DomainRegister, DomainsRegister};
use domaincontext::{Client, ItemError};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = client_from_env()?;
    let stamp = unique_stamp();
    let names = [
        format!("bulk-a-{stamp}.com"),
        "test.com".to_owned(),
        format!("bulk-b-{stamp}.net"),
    ];
    let mut items = Vec::new();
    for name in &names {
        items.push(DomainRegister::new(name.parse()?));
    }

    // An `Err` here is the call as a whole (nothing answered, refused credentials...);
    // the items' own refusals are in the answer.
    let answer = client
        .domains_register(&DomainsRegister::new(items))
        .await?;
    let (mut registered, mut refused) = (0, 0);
    for (name, item) in names.iter().zip(answer.items()) {
        match &item.result {
            Ok(registration) => {
                registered += 1;
                let expires = registration.expires.map(|d| d.to_string());
                println!(
                    "{name}: registered, expires {}",
                    expires.as_deref().unwrap_or("?")
                );
            }
            Err(ItemError::Api(refusal)) => {
                refused += 1;
                println!("{name}: refused: {}", refusal.message());
            }
            // No result for this item: a registration may have happened all the same.
            Err(e) => {
                refused += 1;
                println!("{name}: {e}");
            }
        }
    }
    println!("{registered} registered, {refused} refused");
    if answer.is_outcome_unknown() {
        println!("some outcomes are unknown: look the domains up before sending them again");
    }
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

/// A stamp no earlier run used: a state the sandbox keeps between runs stays usable.
fn unique_stamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{}-{}", now.as_secs(), now.subsec_micros())
}
