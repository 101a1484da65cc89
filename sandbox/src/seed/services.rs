//! The starting data set's services: the server tariffs, OS images and the demo
//! account's server; the certificate products and its certificate.

use std::collections::BTreeMap;

use crate::money::Money;
use crate::pem;
use crate::state::{Certificate, OsImage, Product, Server, Tariff};

/// What the seed's services start with.
pub(super) struct Services {
    pub(super) tariffs: BTreeMap<u64, Tariff>,
    pub(super) osimages: Vec<OsImage>,
    pub(super) servers: BTreeMap<u64, Server>,
    pub(super) products: BTreeMap<u64, Product>,
    pub(super) certificates: BTreeMap<u64, Certificate>,
}

impl Services {
    pub(super) fn new() -> Self {
        let tariffs = [
            (1, "Domains", "domain", Money::ZERO),
            (101, "XENSSD VDS 4 100 ", "svds", Money::new(20, 0)),
            (102, "XENSSD VDS 8 200", "svds", Money::new(35, 0)),
            (103, "OpenVZ 2 50", "ovds", Money::new(8, 0)),
        ]
        .into_iter()
        .map(|(id, name, kind, price)| {
            (
                id,
                Tariff {
                    id,
                    name: name.to_owned(),
                    kind: kind.to_owned(),
                    price,
                },
            )
        })
        .collect();

        let osimages = [
            ("centos", "svds", "CentOS 7", false),
            ("debian", "svds", "Debian 12", false),
            ("ubuntu", "ovds", "Ubuntu 22.04", false),
            ("freebsdx64.live", "svds", "FreeBSD x64 live CD", true),
            ("gentoox64.live", "svds", "Gentoo x64 live CD", true),
        ]
        .into_iter()
        .map(|(name, kind, label, live)| OsImage {
            name: name.to_owned(),
            kind: kind.to_owned(),
            label: label.to_owned(),
            live,
        })
        .collect();

        let servers = [(
            8001,
            Server {
                id: 8001,
                name: "vds8001".to_owned(),
                client: "demo".to_owned(),
                tariff_id: 101,
                cluster_id: 1,
                os: "debian".to_owned(),
                panel: String::new(),
                state: "running".to_owned(),
                live_os: None,
                ip: "192.0.2.101".to_owned(),
                expires: "2025-07-01".to_owned(),
                note: String::new(),
                root_password: "Root-8001".to_owned(),
                vnc: None,
                last_task: String::new(),
            },
        )]
        .into_iter()
        .collect();

        let products = [
            (301, "positivessl", "dv", Money::new(9, 0)),
            (302, "positivessl_wildcard", "wildcard", Money::new(95, 0)),
            (303, "ev_ssl", "ev", Money::new(150, 0)),
        ]
        .into_iter()
        .map(|(id, name, kind, price)| {
            (
                id,
                Product {
                    id,
                    name: name.to_owned(),
                    kind: kind.to_owned(),
                    supplier: "comodo".to_owned(),
                    price,
                },
            )
        })
        .collect();

        let mut subject = pem::Subject::new();
        subject.insert("CN".to_owned(), "test.com".to_owned());
        subject.insert("O".to_owned(), "Test Ltd".to_owned());
        let certificates = [(
            9001,
            Certificate {
                id: 9001,
                client: "demo".to_owned(),
                product_id: 301,
                amount: 1,
                state: "ok".to_owned(),
                name: "test.com".to_owned(),
                dns_names: Vec::new(),
                begins: "2025-01-10".to_owned(),
                expires: "2026-01-10".to_owned(),
                dcv_method: "dns".to_owned(),
                approver_email: String::new(),
                admin_id: 1001,
                tech_id: 1001,
                webserver_type: "nginx".to_owned(),
                csr: pem::make_csr(&subject),
                crt: pem::make_crt(&subject),
                reason: String::new(),
                notifications: 0,
            },
        )]
        .into_iter()
        .collect();
        Services {
            tariffs,
            osimages,
            servers,
            products,
            certificates,
        }
    }
}
