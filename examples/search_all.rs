//! Page through every domain of the account with `domains_search_all`: a stream that asks
//! for page after page until a short one, never truncated, holding one page at a time.
//!
//! ```text
//! DOMAINCONTEXT_BASE_URL=http://127.0.0.1:8080 DOMAINCONTEXT_LOGIN=demo DOMAINCONTEXT_PASSWORD=demo \
//!     cargo run --example search_all
//! ```
//!
//! (`domaincontext sandbox serve --port 8080` serves that URL.) Only reads. The stream is a
//! `futures` `Stream`: `futures-util`'s `StreamExt` gives it `next`.

use std::collections::BTreeSet;
use std::error::Error;

use domaincontext::requests::DomainsSearch;
use domaincontext::{Client, DEFAULT_PAGE_SIZE};
use futures_util::{StreamExt, pin_mut};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = client_from_env()?;

    // The request's filters apply to every page; its `page` and `limit` are the stream's.
    let search = DomainsSearch::new().orderby("domain_asc".parse()?);
    let rows = client.domains_search_all(&search, DEFAULT_PAGE_SIZE);
    pin_mut!(rows);
    let mut ids = BTreeSet::new();
    let mut expiring = 0;
    while let Some(row) = rows.next().await {
        // A page that fails ends the stream with its error (after the client's retries).
        let domain = row?;
        if let Some(id) = domain.id {
            ids.insert(id.get());
        }
        if domain.daysleft.is_some_and(|days| days < 30) {
            expiring += 1;
            println!(
                "{} expires {}",
                domain.domain.as_ref().map_or("?", |d| d.as_str()),
                domain.expires.map(|d| d.to_string()).unwrap_or_default(),
            );
        }
    }
    println!("{expiring} expiring within 30 days");
    println!("total: {} domains", ids.len());
    Ok(())
}

/// A client for `DOMAINCONTEXT_BASE_URL` with the credentials `DOMAINCONTEXT_LOGIN` and
/// `DOMAINCONTEXT_PASSWORD`. Every one is required: an example never picks the
/// production API by default.
fn client_from_env() -> Result<Client, Box<dyn Error>> {
    let var = |name: &str| {
        std::env::var(name).map_err(|_| format!("set {name} (see the top of this example)"))
    };
    Ok(Client::builder()
        .base_url(var("DOMAINCONTEXT_BASE_URL")?)
        .credentials(var("DOMAINCONTEXT_LOGIN")?, var("DOMAINCONTEXT_PASSWORD")?)
        .build()?)
}
