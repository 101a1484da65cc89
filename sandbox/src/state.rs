//! The simulator's whole state: accounts, domains, contacts, hosts, DNS zones, tariffs,
//! servers and certificates. Plain data, `Clone + PartialEq` so tests can compare it before
//! and after a call, and serde so a data set can be loaded from JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dates::Date;
use crate::money::Money;

/// Everything the simulator knows. [`State::default`] is the documented starting data set
/// (see the crate docs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// The simulator's date (`YYYY-MM-DD`): registrations and renewals count from it. Fixed,
    /// so that answers are the same on every run.
    pub today: String,
    /// The next id handed out to anything created (domains, contacts, hosts, servers...).
    pub next_id: u64,
    /// Client accounts by login.
    pub clients: BTreeMap<String, Account>,
    /// Price per year of registering, renewing or transferring a domain, by zone.
    pub zones: BTreeMap<String, Money>,
    /// Domains registered here, by id.
    pub domains: BTreeMap<u64, Domain>,
    /// Domains registered elsewhere that can be transferred in, by name.
    pub external: BTreeMap<String, ExternalDomain>,
    /// Contacts, by id.
    pub contacts: BTreeMap<u64, Contact>,
    /// Name-server hosts, by id.
    pub hosts: BTreeMap<u64, Host>,
    /// Domains whose DNS is hosted here (the `hdomain*` commands), by id.
    pub hdomains: BTreeMap<u64, HostedDomain>,
    /// Tariffs, by id.
    pub tariffs: BTreeMap<u64, Tariff>,
    /// OS images servers can be set up or booted with.
    pub osimages: Vec<OsImage>,
    /// Servers, by id.
    pub servers: BTreeMap<u64, Server>,
    /// Certificate products, by id.
    pub products: BTreeMap<u64, Product>,
    /// Certificate coupons: code and the per cent they take off.
    pub coupons: BTreeMap<String, u32>,
    /// Certificates, by id.
    pub certificates: BTreeMap<u64, Certificate>,
}

/// A client account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Numeric id.
    pub id: u64,
    /// Login (`auth_login`).
    pub login: String,
    /// Password (`auth_password`).
    pub password: String,
    /// The reseller this client belongs to, if any.
    pub seller: Option<String>,
    /// Money on the account.
    pub balance: Money,
    /// How far the balance may go below zero.
    pub credit: Money,
    /// The account's currency (`usd`).
    pub currency: String,
    /// When set, password and push commands need this pincode.
    pub pincode: Option<String>,
    /// E-mail address.
    pub email: String,
    /// The contact used for a domain registered without contacts.
    pub contact: Option<u64>,
}

/// A domain registered here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    /// Numeric id.
    pub id: u64,
    /// The name, lower case.
    pub domain: String,
    /// Its zone (`com`).
    pub zone: String,
    /// The owner's login.
    pub client: String,
    /// `ok`, `preincoming`, ...
    pub state: String,
    /// Registration date.
    pub created_date: String,
    /// Last change.
    pub updated_date: String,
    /// Expiration date.
    pub expires: String,
    /// Renewed automatically.
    pub autorenewal: bool,
    /// WHOIS shows the privacy contact instead of the owner's.
    pub whois_protected: bool,
    /// Locked against transfers and pushes.
    pub is_secured: bool,
    /// Name servers.
    pub nameservers: Vec<String>,
    /// Contact ids.
    pub registrant: u64,
    /// Contact id.
    pub admin: u64,
    /// Contact id.
    pub tech: u64,
    /// Contact id.
    pub billing: u64,
    /// The client's note; empty for none.
    pub note: String,
    /// The transfer password (auth code).
    pub password: String,
    /// DNS records by number.
    pub dns: BTreeMap<u64, DnsRecord>,
}

/// A DNS record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DnsRecord {
    /// Owner name (`@`, `www`, `*`).
    pub name: String,
    /// `a`, `aaaa`, `cname`, `txt`, `soa`, `ns`, `mx`, `srv`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The record's data.
    pub value: String,
    /// Priority (MX).
    pub no: Option<u64>,
    /// Time to live, seconds.
    pub ttl: u64,
}

/// A domain registered elsewhere, which `domainTransfer` can move in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExternalDomain {
    /// The auth code the transfer needs.
    pub password: String,
    /// Its expiration date at the other registrar.
    pub expires: String,
}

/// A contact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Numeric id (`contactUpdate`, `contactDelete`).
    pub id: u64,
    /// Extended id (`contactGetInfo`, domain contacts); the id in decimal for contacts
    /// created here.
    pub eid: String,
    /// The owner's login.
    pub client: String,
    /// The fields of `contactCreate` that were given (`email`, `first_name`, ...).
    pub fields: BTreeMap<String, String>,
}

/// A name-server host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Host {
    /// Numeric id.
    pub id: u64,
    /// The host name, lower case.
    pub host: String,
    /// The owner's login.
    pub client: String,
    /// Addresses.
    pub ips: Vec<String>,
}

/// A domain whose DNS is hosted here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostedDomain {
    /// Numeric id.
    pub id: u64,
    /// The name.
    pub name: String,
    /// The owner's login.
    pub client: String,
    /// DNS records by number.
    pub dns: BTreeMap<u64, DnsRecord>,
}

/// A tariff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tariff {
    /// Numeric id.
    pub id: u64,
    /// The name `serverBuy` takes.
    pub name: String,
    /// `domain`, `svds` (XEN) or `ovds` (OpenVZ).
    #[serde(rename = "type")]
    pub kind: String,
    /// Price per month (servers).
    pub price: Money,
}

/// An OS image.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OsImage {
    /// The name `serverBuy` and `serverResetup` take.
    pub name: String,
    /// `svds` or `ovds`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A readable name.
    pub label: String,
    /// A live CD image (`serverBootLive`), not one to install.
    pub live: bool,
}

/// A server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Server {
    /// Numeric id.
    pub id: u64,
    /// Name (`vds1234`).
    pub name: String,
    /// The owner's login.
    pub client: String,
    /// Tariff id.
    pub tariff_id: u64,
    /// Data centre: 1 Amsterdam, 2 Ashburn.
    pub cluster_id: u64,
    /// Installed OS image.
    pub os: String,
    /// Control panel (`isp`), empty for none.
    pub panel: String,
    /// `running`, `stopped` or `live` (booted from a live CD).
    pub state: String,
    /// The live image it runs, when `state` is `live`.
    pub live_os: Option<String>,
    /// Its address.
    pub ip: String,
    /// Paid until.
    pub expires: String,
    /// Note.
    pub note: String,
    /// Root password.
    pub root_password: String,
    /// VNC console, once enabled.
    pub vnc: Option<Vnc>,
    /// The last operation carried out (`reboot`, `reset`, `resetup`...).
    pub last_task: String,
}

/// A VNC console.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vnc {
    /// Address to connect to.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Password.
    pub password: String,
}

/// A certificate product.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// Numeric id (`product_id`).
    pub id: u64,
    /// Name (`product`).
    pub name: String,
    /// `dv`, `ov`, `ev`; `wildcard` ones cover `*.domain`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Who issues it.
    pub supplier: String,
    /// Price per year.
    pub price: Money,
}

/// A certificate order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// Numeric id.
    pub id: u64,
    /// The owner's login.
    pub client: String,
    /// Product id.
    pub product_id: u64,
    /// Years bought.
    pub amount: u64,
    /// `new` (purchased), `ok` (issued), `cancelled`.
    pub state: String,
    /// Common name, once issued.
    pub name: String,
    /// Further names covered.
    pub dns_names: Vec<String>,
    /// Valid from, once issued.
    pub begins: String,
    /// Valid until, once issued.
    pub expires: String,
    /// Domain control validation: `dns`, `http`, `https`, `email`.
    pub dcv_method: String,
    /// Approver address for `email` validation.
    pub approver_email: String,
    /// Contact ids.
    pub admin_id: u64,
    /// Contact id.
    pub tech_id: u64,
    /// Web server the certificate is for.
    pub webserver_type: String,
    /// The CSR it was issued for.
    pub csr: String,
    /// The certificate (PEM), once issued.
    pub crt: String,
    /// Why it was cancelled.
    pub reason: String,
    /// Notifications sent and validations run.
    pub notifications: u32,
}

impl Domain {
    /// An active domain with the default name servers and nothing else set: no dates,
    /// contacts, flags, note, password or records.
    pub fn new(id: u64, domain: &str, zone: &str, client: &str) -> Self {
        Domain {
            id,
            domain: domain.to_owned(),
            zone: zone.to_owned(),
            client: client.to_owned(),
            state: "ok".to_owned(),
            created_date: String::new(),
            updated_date: String::new(),
            expires: String::new(),
            autorenewal: false,
            whois_protected: false,
            is_secured: false,
            nameservers: vec![
                "ns1.domaincontext.com".to_owned(),
                "ns2.domaincontext.com".to_owned(),
            ],
            registrant: 0,
            admin: 0,
            tech: 0,
            billing: 0,
            note: String::new(),
            password: String::new(),
            dns: BTreeMap::new(),
        }
    }
}

impl State {
    /// The simulator's date; a data set with an unreadable one counts from 2025-06-01.
    pub(crate) fn today(&self) -> Date {
        Date::parse(&self.today).unwrap_or(Date::FALLBACK)
    }

    /// A new id.
    pub(crate) fn new_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    /// Adds `amount` (above zero) to the balance of client `login`, the sandbox's own
    /// top-up (not an API command); returns the new balance.
    pub fn top_up(&mut self, login: &str, amount: Money) -> Result<Money, String> {
        if amount.cents() <= 0 {
            return Err(format!("a top-up must be above 0, got {amount}"));
        }
        let account = self
            .clients
            .get_mut(login)
            .ok_or_else(|| format!("no client {login:?} in the sandbox"))?;
        let balance = account
            .balance
            .cents()
            .checked_add(amount.cents())
            .ok_or_else(|| "the balance would overflow".to_owned())?;
        account.balance = Money(balance);
        Ok(account.balance)
    }

    /// A new, deterministic secret (passwords, auth codes) with `prefix`.
    pub(crate) fn new_secret(&mut self, prefix: &str) -> String {
        let n = self.new_id();
        let mixed = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66_D1CE_4E5B;
        format!("{prefix}{:012x}", mixed & 0xFFFF_FFFF_FFFF)
    }
}
