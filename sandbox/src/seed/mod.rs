//! The starting data set: the demo account of the seed's examples and what it owns (its
//! clients, contacts, domains, hosts and zones here; its servers and certificates, with
//! what they are bought from, in `services.rs`). The crate docs and the README describe
//! it; tests rely on its exact figures.

use std::collections::BTreeMap;

use crate::money::Money;
use crate::state::{
    Account, Contact, DnsRecord, Domain, ExternalDomain, Host, HostedDomain, State,
};

mod services;

fn record(name: &str, kind: &str, value: &str, no: Option<u64>) -> DnsRecord {
    DnsRecord {
        name: name.to_owned(),
        kind: kind.to_owned(),
        value: value.to_owned(),
        no,
        ttl: 3600,
    }
}

fn account(id: u64, login: &str, password: &str, seller: Option<&str>, balance: Money) -> Account {
    Account {
        id,
        login: login.to_owned(),
        password: password.to_owned(),
        seller: seller.map(str::to_owned),
        balance,
        credit: Money::ZERO,
        currency: "usd".to_owned(),
        pincode: None,
        email: format!("{login}@test.com"),
        contact: None,
    }
}

fn contact(id: u64, eid: &str, client: &str, fields: &[(&str, &str)]) -> Contact {
    Contact {
        id,
        eid: eid.to_owned(),
        client: client.to_owned(),
        fields: fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    }
}

struct NewDomain<'a> {
    id: u64,
    name: &'a str,
    client: &'a str,
    state: &'a str,
    created: &'a str,
    expires: &'a str,
    contacts: [u64; 4],
    password: &'a str,
    dns: Vec<DnsRecord>,
}

fn domain(d: NewDomain<'_>) -> Domain {
    let zone = d.name.rsplit('.').next().unwrap_or_default();
    Domain {
        state: d.state.to_owned(),
        created_date: d.created.to_owned(),
        updated_date: d.created.to_owned(),
        expires: d.expires.to_owned(),
        registrant: d.contacts[0],
        admin: d.contacts[1],
        tech: d.contacts[2],
        billing: d.contacts[3],
        password: d.password.to_owned(),
        dns: (1..).zip(d.dns).collect(),
        ..Domain::new(d.id, d.name, zone, d.client)
    }
}

impl Default for State {
    fn default() -> Self {
        let mut clients = BTreeMap::new();
        let mut demo = account(1, "demo", "demo", None, Money::new(1000, 0));
        demo.contact = Some(1001);
        clients.insert("demo".to_owned(), demo);
        let mut sub = account(2, "reseller_1", "reseller_1", Some("demo"), Money::ZERO);
        sub.contact = Some(1003);
        clients.insert("reseller_1".to_owned(), sub);

        let zones = [
            ("com", Money::new(10, 0)),
            ("net", Money::new(12, 0)),
            ("org", Money::new(11, 0)),
            ("info", Money::new(9, 0)),
            ("ru", Money::new(4, 0)),
            ("рф", Money::new(5, 0)),
        ]
        .into_iter()
        .map(|(z, p)| (z.to_owned(), p))
        .collect();

        let contacts = [
            contact(
                1001,
                "EID_234234:234-1",
                "demo",
                &[
                    ("type", "person"),
                    ("first_name", "Ivan"),
                    ("last_name", "Drago"),
                    ("email", "ivan@test.com"),
                    ("street1", "1 Test Street"),
                    ("city", "Kyiv"),
                    ("postal_code", "01001"),
                    ("country", "ua"),
                    ("voice_phone", "+380.441234567"),
                ],
            ),
            contact(
                1002,
                "EID_234234:234-2",
                "demo",
                &[
                    ("type", "organization"),
                    ("first_name", "Peter"),
                    ("last_name", "Smith"),
                    ("organization", "Test Ltd"),
                    ("email", "peter@test.com"),
                    ("street1", "2 Test Street"),
                    ("city", "Amsterdam"),
                    ("postal_code", "1011"),
                    ("country", "nl"),
                    ("voice_phone", "+31.201234567"),
                ],
            ),
            contact(
                1003,
                "1003",
                "reseller_1",
                &[
                    ("type", "person"),
                    ("first_name", "Fedor"),
                    ("last_name", "Ivanov"),
                    ("email", "fedor@test.com"),
                    ("street1", "3 Test Street"),
                    ("city", "Moscow"),
                    ("postal_code", "101000"),
                    ("country", "ru"),
                    ("voice_phone", "+7.4951234567"),
                ],
            ),
        ]
        .into_iter()
        .map(|c| (c.id, c))
        .collect();

        let domains = [
            domain(NewDomain {
                id: 5_504_202,
                name: "test.com",
                client: "demo",
                state: "ok",
                created: "2020-03-15",
                expires: "2027-03-15",
                contacts: [1001, 1001, 1002, 1001],
                password: "Xy7-test-com",
                dns: vec![
                    record("@", "a", "192.0.2.10", None),
                    record("www", "cname", "test.com", None),
                    record("@", "mx", "mail.test.com", Some(10)),
                ],
            }),
            domain(NewDomain {
                id: 5_504_203,
                name: "test3.com",
                client: "demo",
                state: "ok",
                created: "2021-11-20",
                expires: "2026-11-20",
                contacts: [1002, 1002, 1002, 1002],
                password: "Xy7-test3-com",
                dns: vec![record("@", "a", "192.0.2.11", None)],
            }),
            domain(NewDomain {
                id: 5_504_204,
                name: "domain.com",
                client: "demo",
                state: "ok",
                created: "2019-01-10",
                expires: "2026-01-10",
                contacts: [1001, 1001, 1001, 1001],
                password: "Xy7-domain-com",
                dns: Vec::new(),
            }),
            domain(NewDomain {
                id: 5_504_205,
                name: "pending-transfer.net",
                client: "demo",
                state: "preincoming",
                created: "2025-05-30",
                expires: "2025-09-01",
                contacts: [1001, 1001, 1001, 1001],
                password: "Xy7-pending",
                dns: Vec::new(),
            }),
            domain(NewDomain {
                id: 5_504_206,
                name: "client-site.org",
                client: "reseller_1",
                state: "ok",
                created: "2024-02-01",
                expires: "2026-02-01",
                contacts: [1003, 1003, 1003, 1003],
                password: "Xy7-client-site",
                dns: Vec::new(),
            }),
        ]
        .into_iter()
        .map(|d| (d.id, d))
        .collect();

        let external = [
            ("transfer-me.com", "Auth-1234", "2025-12-01"),
            ("move-in.net", "M0ve-In!", "2026-02-01"),
        ]
        .into_iter()
        .map(|(name, password, expires)| {
            (
                name.to_owned(),
                ExternalDomain {
                    password: password.to_owned(),
                    expires: expires.to_owned(),
                },
            )
        })
        .collect();

        let hosts = [(
            6001,
            Host {
                id: 6001,
                host: "ns1.test.com".to_owned(),
                client: "demo".to_owned(),
                ips: vec!["192.0.2.1".to_owned()],
            },
        )]
        .into_iter()
        .collect();

        let hdomains = [(
            7001,
            HostedDomain {
                id: 7001,
                name: "hosted.net".to_owned(),
                client: "demo".to_owned(),
                dns: [(1, record("@", "a", "192.0.2.20", None))]
                    .into_iter()
                    .collect(),
            },
        )]
        .into_iter()
        .collect();

        let services = services::Services::new();

        State {
            today: "2025-06-01".to_owned(),
            next_id: 5_504_300,
            clients,
            zones,
            domains,
            external,
            contacts,
            hosts,
            hdomains,
            tariffs: services.tariffs,
            osimages: services.osimages,
            servers: services.servers,
            products: services.products,
            coupons: [("SSL2024".to_owned(), 10)].into_iter().collect(),
            certificates: services.certificates,
        }
    }
}

/// Adds `n` generated domains of the demo account (`page-00001.com`...), with ids from
/// 5,600,001 up, after the documented ones: a data set large enough to page through.
pub(crate) fn add_domains(s: &mut State, n: usize) {
    for i in 1..=n {
        let name = format!("page-{i:05}.com");
        let id = 5_600_000 + i as u64;
        s.domains.insert(
            id,
            domain(NewDomain {
                id,
                name: &name,
                client: "demo",
                state: "ok",
                created: "2024-01-01",
                expires: "2027-01-01",
                contacts: [1001, 1001, 1001, 1001],
                password: "Xy7-page",
                dns: Vec::new(),
            }),
        );
    }
}
