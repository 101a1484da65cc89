//! Every command has an answer shape, and the sandbox is held to it: for each of the
//! spec's commands, a valid call against a fresh sandbox succeeds and its answer (every
//! item's, for a bulk command) decodes into the command's typed answer with nothing
//! left over: decoded strictly, any field the shape does not name, at any depth, fails.

use domaincontext::answers::*;
use domaincontext::registry::COMMANDS;
use domaincontext::{Client, CommandInfo, Reply, Request, decode_strict};
use serde_json::{Value, json};

/// Decodes `text` strictly into the type of `shape` (rows of it when `rows`).
fn strict(shape: &str, rows: bool, text: &str) -> Result<(), String> {
    macro_rules! shapes {
        ($($name:literal => $t:ty),* $(,)?) => {
            match shape {
                $($name => if rows {
                    decode_strict::<Vec<$t>>(text).map(|_| ())
                } else {
                    decode_strict::<$t>(text).map(|_| ())
                },)*
                other => return Err(format!("no type for shape {other} in this test: add it")),
            }
        };
    }
    shapes!(
        "availability" => Availability,
        "registration" => Registration,
        "domainInfo" => DomainInfo,
        "transferCheck" => TransferCheck,
        "transfers" => Transfers,
        "nameServers" => NameServers,
        "note" => Note,
        "renewal" => Renewal,
        "password" => Password,
        "domainContacts" => DomainContacts,
        "domainContactsInfo" => DomainContactsInfo,
        "domainFlags" => DomainFlags,
        "pushed" => Pushed,
        "dnsRecords" => DnsRecords,
        "hostedDnsRecords" => HostedDnsRecords,
        "hostInfo" => HostInfo,
        "contactInfo" => ContactInfo,
        "contactRef" => ContactRef,
        "clientRef" => ClientRef,
        "balance" => Balance,
        "prices" => Prices,
        "tariffInfo" => TariffInfo,
        "osImage" => OsImage,
        "serverInfo" => ServerInfo,
        "vncAccess" => VncAccess,
        "rootPassword" => RootPassword,
        "certificateInfo" => CertificateInfo,
        "certificatePurchase" => CertificatePurchase,
        "certificateData" => CertificateData,
        "notificationsSent" => NotificationsSent,
        "revalidation" => Revalidation,
        "csr" => Csr,
        "csrFields" => CsrFields,
        "webserverTypes" => WebserverTypes,
        "emails" => Emails,
    )
    .map_err(|e| e.message().to_owned())
}

const CONTACT: &str = "EID_234234:234-1";

fn contact_fields() -> Value {
    json!({"email": "shape@test.com", "first_name": "Ivan", "street1": "Main 1", "city": "Kyiv",
        "postal_code": "01001", "country": "ua", "voice_phone": "+380.441234567"})
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

/// Calls that must run first, and the arguments of a call of `command` that the
/// sandbox's starting data (after those calls) lets succeed. `csr` is a valid request.
fn plan(command: &str, csr: &str) -> (Vec<(&'static str, Value)>, Value) {
    let domain = json!({"domain": "test.com"});
    let server = json!({"id": 8001});
    let cert = json!({"id": 9001});
    let none = Vec::new();
    match command {
        "domainsCheck" => (none, json!({"domains": "test.com,free-name-here.net"})),
        "serversGetList" => (none, json!({"ids": "8001"})),
        "domainsSearch"
        | "hostsSearch"
        | "contactsSearch"
        | "serversSearch"
        | "certificatesSearch"
        | "tariffsGetAvailable"
        | "osimagesSearch"
        | "clientCheck"
        | "clientGetBalance"
        | "certificateGetWebserverTypes" => (none, json!({})),
        "clientGetPrices" => (none, json!({"client": "demo"})),
        "domainRegister" => (none, json!({"domain": "shape-test.com"})),
        "domainCheckTransfer" | "domainTransfer" => (
            none,
            json!({"domain": "transfer-me.com", "password": "Auth-1234"}),
        ),
        "domainApprovePreincoming" | "domainsRejectPreincoming" => {
            (none, json!({"domains": "pending-transfer.net"}))
        }
        "domainSetNSs" => (
            none,
            json!({"domain": "test.com", "nss": "ns1.domaincontext.com,ns2.domaincontext.com"}),
        ),
        "domainSetNote" => (none, json!({"domain": "test.com", "note": "a note"})),
        "domainRenew" => (
            none,
            json!({"domain": "test.com", "period": 1, "expires": "2027-03-15"}),
        ),
        "domainSetContacts" => (
            none,
            json!({"domain": "test.com", "registrant": CONTACT, "admin": CONTACT, "tech": CONTACT, "billing": CONTACT}),
        ),
        "domainPush" => (
            vec![("domainDisableLock", domain.clone())],
            json!({"domain": "test.com", "sender": "demo", "receiver": "reseller_1"}),
        ),
        "domainSetDNS" => (
            none,
            json!({"id": 5504202, "99": {"name": "shape", "type": "a", "value": "192.0.2.7", "ttl": 3600, "status": "new"}}),
        ),
        "hdomainGetDNS" => (none, json!({"id": 7001})),
        "hdomainSetDNS" => (
            none,
            json!({"id": 7001, "99": {"name": "shape", "type": "a", "value": "192.0.2.7", "ttl": 3600, "status": "new"}}),
        ),
        "hostGetInfo" => (none, json!({"host": "ns1.test.com"})),
        "hostCreate" => (none, json!({"host": "ns9.test.com", "ips": "192.0.2.9"})),
        "hostUpdate" => (none, json!({"host": "ns1.test.com", "ips": "192.0.2.8"})),
        "hostDelete" => (
            vec![(
                "hostCreate",
                json!({"host": "ns9.test.com", "ips": "192.0.2.9"}),
            )],
            json!({"host": "ns9.test.com"}),
        ),
        "contactGetInfo" => (none, json!({"id": CONTACT})),
        "contactCreate" => (none, contact_fields()),
        "contactUpdate" => (none, merge(contact_fields(), json!({"id": 1001}))),
        "contactDelete" => (
            vec![("contactCreate", contact_fields())],
            json!({"id": 5504300}),
        ),
        "clientCreate" => (
            none,
            merge(
                contact_fields(),
                json!({"login": "shape_client", "password": "Secret-123", "seller": "demo"}),
            ),
        ),
        "tariffGetInfo" => (none, json!({"id": 101})),
        "serverBuy" => (
            none,
            json!({"tariff": "XENSSD VDS 4 100 ", "cluster_id": 1, "osimage": "centos"}),
        ),
        "serverPowerOn" => (vec![("serverPowerOff", server.clone())], server),
        "serverResetup" => (none, json!({"id": 8001, "osimage": "centos"})),
        "serverBootLive" => (none, json!({"id": 8001, "osimage": "freebsdx64.live"})),
        "serverGetInfo"
        | "serverRenew"
        | "serverRefuse"
        | "serverReboot"
        | "serverReset"
        | "serverShutdown"
        | "serverPowerOff"
        | "serverEnableVNC"
        | "serverRegenRootPassword" => (none, server),
        "certificateGetInfo"
        | "certificateGetData"
        | "certificateSendNotifications"
        | "certificateRevalidate" => (none, cert),
        "certificatePurchase" => (none, json!({"product_id": 301})),
        "certificateIssue" | "certificateReissue" => (
            if command == "certificateIssue" {
                vec![("certificatePurchase", json!({"product_id": 301}))]
            } else {
                Vec::new()
            },
            json!({"id": if command == "certificateIssue" { 5504300 } else { 9001 },
                "admin_id": 1001, "tech_id": 1001, "dcv_method": "dns", "csr": csr}),
        ),
        "certificateCancel" => (none, json!({"id": 9001, "reason": "no longer needed"})),
        "certificateRenew" => (none, json!({"id": 9001, "expires": "2026-01-10"})),
        "certificateChangeValidation" => (none, json!({"id": 9001, "dcv_method": "dns"})),
        "certificateGenerateCSR" | "certificateGenerateCsr" => (
            none,
            json!({"csr_commonname": "test.com", "csr_organization": "Test", "csr_department": "IT",
                "csr_city": "Kyiv", "csr_state": "Kyiv", "csr_country": "ua", "csr_email": "admin@test.com"}),
        ),
        "certificateDecodeCSR" | "certificateDecodeCsr" => (none, json!({"csr": csr})),
        "certificateGetDomainEmails" => (none, domain),
        // The domain commands that name a domain and nothing more.
        _ => (none, domain),
    }
}

/// A bulk command's arguments: one item, the single command's arguments (keyed by its
/// key argument's value when the command is keyed).
fn bulk_args(info: &CommandInfo, single: Value) -> Value {
    match info.bulk_key {
        None => json!([single]),
        Some(key) => {
            let mut item = single;
            let k = item
                .as_object_mut()
                .and_then(|m| m.remove(key))
                .map(|v| match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .unwrap_or_default();
            json!({ k: item })
        }
    }
}

async fn run(client: &Client, command: &str, args: &Value) -> Reply {
    let request = Request::from_args(command, args)
        .unwrap_or_else(|e| panic!("{command}: arguments {args} refused: {e}"));
    client
        .call_raw(&request)
        .await
        .unwrap_or_else(|e| panic!("{command} {args}: {e}"))
}

async fn fresh() -> (domaincontext_sandbox::Running, Client) {
    let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new())
        .await
        .expect("sandbox");
    let client = sandbox.client_builder().build().expect("client");
    (sandbox, client)
}

#[test]
fn every_command_has_an_answer_shape() {
    let shaped: Vec<&str> = COMMANDS
        .iter()
        .filter(|c| c.returns.is_some())
        .map(|c| c.name)
        .collect();
    let missing: Vec<&str> = COMMANDS
        .iter()
        .filter(|c| c.returns.is_none())
        .map(|c| c.name)
        .collect();
    assert!(missing.is_empty(), "commands without a shape: {missing:?}");
    assert_eq!(
        shaped.len(),
        139,
        "the spec has 139 commands, each with a shape"
    );
}

#[tokio::test]
async fn every_command_answers_its_typed_shape_with_nothing_left_over() {
    let csr = {
        let (sandbox, client) = fresh().await;
        let (_, args) = plan("certificateGenerateCSR", "");
        let reply = run(&client, "certificateGenerateCSR", &args).await;
        sandbox.shutdown().await;
        reply.raw()["csr"].as_str().expect("a csr").to_owned()
    };
    let (mut singles, mut bulks, mut items) = (0, 0, 0);
    for info in COMMANDS.iter() {
        let shape = info.returns.expect("a shape");
        let single = info.bulk_of.unwrap_or(info.name);
        let (setup, args) = plan(single, &csr);
        let (sandbox, client) = fresh().await;
        for (command, args) in &setup {
            run(&client, command, args).await;
        }
        match info.bulk_of {
            None => {
                let reply = run(&client, info.name, &args).await;
                strict(shape, info.returns_rows, reply.raw_text())
                    .unwrap_or_else(|e| panic!("{} answered {}: {e}", info.name, reply.raw_text()));
                singles += 1;
            }
            Some(_) => {
                let args = bulk_args(info, args);
                let Reply::Bulk(answer) = run(&client, info.name, &args).await else {
                    panic!("{}: not a bulk answer", info.name)
                };
                assert!(
                    answer.is_ok(),
                    "{} {args}: {}",
                    info.name,
                    answer.raw_text()
                );
                for item in answer.items() {
                    let raw = item.result.as_ref().expect("ok");
                    strict(shape, info.returns_rows, raw.get()).unwrap_or_else(|e| {
                        panic!("{} item answered {}: {e}", info.name, raw.get())
                    });
                    items += 1;
                }
                bulks += 1;
            }
        }
        sandbox.shutdown().await;
    }
    println!("{singles} single commands, {bulks} bulk commands ({items} items) decoded strictly");
    assert_eq!(singles + bulks, COMMANDS.len());
    assert_eq!(singles + bulks, 139);
    assert!(items >= bulks, "every bulk command answered an item");
}
