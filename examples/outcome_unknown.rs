//! Handle an "outcome unknown" error: a registration was sent, but its answer was lost (a
//! dropped connection, a timeout). The client never repeats a command that changes or buys
//! something, so the caller decides: look first, and send again only when the lookup shows
//! that nothing happened.
//!
//! ```text
//! DOMAINCONTEXT_BASE_URL=http://127.0.0.1:8080 DOMAINCONTEXT_LOGIN=demo DOMAINCONTEXT_PASSWORD=demo \
//!     cargo run --example outcome_unknown [NAME.com]
//! ```
//!
//! (`domaincontext sandbox serve --port 8080` serves that URL.) To see the unknown
//! outcome itself, run it against a sandbox that drops the answer of the first
//! `domainRegister` after carrying it out (`Fault::on("domainRegister",
//! FaultKind::DropAfterApply).times(1)` in `domaincontext_sandbox::Config::faults`), as
//! `tests/examples_run.rs` does. Against the real API this registers, and pays for, a real
//! domain.

use std::error::Error;

use domaincontext::requests::{DomainGetInfo, DomainRegister};
use domaincontext::types::Domain;
use domaincontext::{Client, answers::Registration};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let client = client_from_env()?;
    let name: Domain = match std::env::args().nth(1) {
        Some(name) => name.parse()?,
        None => unique_name().parse()?,
    };

    match register_once(&client, &name).await? {
        Outcome::Registered => println!("{name}: registered"),
        Outcome::RegisteredAfterAll => println!("{name}: registered after all; not sent again"),
        Outcome::SentAgain => println!("{name}: not registered by the lost call; sent again"),
    }
    Ok(())
}

/// What happened to the registration.
enum Outcome {
    /// The first call answered.
    Registered,
    /// The first call's answer was lost, and the lookup found the domain registered.
    RegisteredAfterAll,
    /// The first call's answer was lost, the lookup did not find the domain, and the
    /// second call answered.
    SentAgain,
}

/// Registers `name` exactly once, whatever happens to the first answer.
async fn register_once(client: &Client, name: &Domain) -> Result<Outcome, Box<dyn Error>> {
    let request = DomainRegister::new(name.clone());
    let first = match client.domain_register(&request).await {
        Ok(registration) => registration,
        Err(e) if e.is_outcome_unknown() => {
            // The error says what was sent, never a secret: safe to log.
            println!("{name}: outcome unknown: {e}");
            return if is_ours(client, name).await? {
                Ok(Outcome::RegisteredAfterAll)
            } else {
                print_registration(name, &client.domain_register(&request).await?);
                Ok(Outcome::SentAgain)
            };
        }
        // Anything else was refused or never sent: nothing happened, and the error says why.
        Err(e) => return Err(e.into()),
    };
    print_registration(name, &first);
    Ok(Outcome::Registered)
}

/// Whether `name` is registered to this account. A refusal of the lookup (the API
/// answers "domain not found") means no; a lookup that fails in transit is an error, not a
/// "no": the caller must not register again without knowing.
async fn is_ours(client: &Client, name: &Domain) -> Result<bool, Box<dyn Error>> {
    match client
        .domain_get_info(&DomainGetInfo::new().domain(name.clone()))
        .await
    {
        Ok(info) => Ok(info.domain.as_ref() == Some(name)),
        Err(e) if e.api_error().is_some() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn print_registration(name: &Domain, registration: &Registration) {
    let expires = registration.expires.map(|d| d.to_string());
    println!(
        "{name}: id {}, expires {}",
        registration.id.map(|id| id.get()).unwrap_or_default(),
        expires.as_deref().unwrap_or("?")
    );
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
    format!("unknown-{}-{}.com", now.as_secs(), now.subsec_micros())
}
