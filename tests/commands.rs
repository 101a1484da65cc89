//! Every command of the seed's full table has a generated client method, and nothing else
//! does: the list below is the seed's, kept here by hand, with the seed's one duplicate
//! name (`certificateChangeValidation`, second row) read as `certificatesChangeValidation`.

use domaincontext::registry::COMMANDS;

const SEED_COMMANDS: &[&str] = &[
    "domainsCheck",
    "domainsSearch",
    "domainRegister",
    "domainsRegister",
    "domainCheckTransfer",
    "domainsCheckTransfer",
    "domainTransfer",
    "domainsTransfer",
    "domainApprovePreincoming",
    "domainsRejectPreincoming",
    "domainGetNSs",
    "domainsGetNSs",
    "domainSetNSs",
    "domainsSetNSs",
    "domainGetNote",
    "domainsGetNote",
    "domainSetNote",
    "domainsSetNote",
    "domainRenew",
    "domainGetPassword",
    "domainsGetPassword",
    "domainRegenPassword",
    "domainsRegenPassword",
    "domainGetInfo",
    "domainsGetInfo",
    "domainGetContacts",
    "domainGetWPContacts",
    "domainGetContactsInfo",
    "domainGetWPContactsInfo",
    "domainsGetContacts",
    "domainsGetWPContacts",
    "domainsGetContactsInfo",
    "domainsGetWPContactsInfo",
    "domainSetContacts",
    "domainsSetContacts",
    "domainEnableAutorenewal",
    "domainDisableAutorenewal",
    "domainsEnableAutorenewal",
    "domainsDisableAutorenewal",
    "domainEnableWhoisProtect",
    "domainDisableWhoisProtect",
    "domainsEnableWhoisProtect",
    "domainsDisableWhoisProtect",
    "domainEnableLock",
    "domainDisableLock",
    "domainsEnableLock",
    "domainsDisableLock",
    "domainGetDNS",
    "domainsGetDNS",
    "domainSetDNS",
    "domainsSetDNS",
    "domainPush",
    "domainsPush",
    "hdomainGetDNS",
    "hdomainsGetDNS",
    "hdomainSetDNS",
    "hdomainsSetDNS",
    "hostsSearch",
    "hostGetInfo",
    "hostsGetInfo",
    "hostCreate",
    "hostsCreate",
    "hostUpdate",
    "hostsUpdate",
    "hostDelete",
    "hostsDelete",
    "contactsSearch",
    "contactGetInfo",
    "contactsGetInfo",
    "contactCreate",
    "contactsCreate",
    "contactUpdate",
    "contactsUpdate",
    "contactDelete",
    "contactsDelete",
    "clientCheck",
    "clientCreate",
    "clientGetBalance",
    "clientGetPrices",
    "clientsGetPrices",
    "tariffsGetAvailable",
    "tariffGetInfo",
    "tariffsGetInfo",
    "serversSearch",
    "serversGetList",
    "serverGetList",
    "serverGetInfo",
    "serversGetInfo",
    "serverBuy",
    "serversBuy",
    "serverRenew",
    "serversRenew",
    "serverRefuse",
    "serverReboot",
    "serversReboot",
    "serverReset",
    "serversReset",
    "serverShutdown",
    "serversShutdown",
    "serverPowerOn",
    "serversPowerOn",
    "serverPowerOff",
    "serversPowerOff",
    "serverResetup",
    "serversResetup",
    "serverEnableVNC",
    "serversEnableVNC",
    "serverRegenRootPassword",
    "serversRegenRootPassword",
    "serverBootLive",
    "serversBootLive",
    "osimagesSearch",
    "certificatesSearch",
    "certificateGetInfo",
    "certificatesGetInfo",
    "certificateGetData",
    "certificatesGetData",
    "certificatePurchase",
    "certificatesPurchase",
    "certificateIssue",
    "certificatesIssue",
    "certificateReissue",
    "certificatesReissue",
    "certificateCancel",
    "certificatesCancel",
    "certificateRenew",
    "certificatesRenew",
    "certificateGenerateCSR",
    "certificateGenerateCsr",
    "certificateDecodeCSR",
    "certificateDecodeCsr",
    "certificateGetWebserverTypes",
    "certificateGetDomainEmails",
    "certificateSendNotifications",
    "certificatesSendNotifications",
    "certificateRevalidate",
    "certificatesRevalidate",
    "certificateChangeValidation",
    "certificatesChangeValidation",
];

#[test]
fn generated_commands_are_exactly_the_seeds() {
    let generated: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    let missing: Vec<_> = SEED_COMMANDS
        .iter()
        .filter(|n| !generated.contains(n))
        .collect();
    let extra: Vec<_> = generated
        .iter()
        .filter(|n| !SEED_COMMANDS.contains(n))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:?}\nnot in the seed: {extra:?}"
    );
    assert_eq!(generated, SEED_COMMANDS, "the spec keeps the seed's order");
}

#[test]
fn every_command_has_a_distinct_method_and_a_description() {
    let mut methods: Vec<&str> = COMMANDS.iter().map(|c| c.method).collect();
    methods.sort_unstable();
    methods.dedup();
    assert_eq!(methods.len(), COMMANDS.len());
    for c in &COMMANDS {
        assert!(
            !c.description.trim().is_empty(),
            "{} has no description",
            c.name
        );
    }
}

#[test]
fn only_registration_takes_ten_minutes() {
    let long: Vec<&str> = COMMANDS.iter().filter(|c| c.long).map(|c| c.name).collect();
    assert_eq!(long, ["domainRegister", "domainsRegister"]);
}

#[test]
fn bulk_commands_repeat_single_commands() {
    for c in COMMANDS.iter().filter(|c| c.bulk_of.is_some()) {
        let item =
            domaincontext::command(c.bulk_of.unwrap_or_default()).expect("item command exists");
        assert!(
            item.bulk_of.is_none(),
            "{} repeats the bulk command {}",
            c.name,
            item.name
        );
        assert_eq!(c.answer, domaincontext::AnswerKind::Bulk);
    }
    // The seed's self-references and wrong targets, as the spec fixes them.
    let of = |n: &str| domaincontext::command(n).and_then(|c| c.bulk_of);
    assert_eq!(of("certificatesGetData"), Some("certificateGetData"));
    assert_eq!(
        of("certificatesChangeValidation"),
        Some("certificateChangeValidation")
    );
    assert_eq!(of("hdomainsSetDNS"), Some("hdomainSetDNS"));
    assert_eq!(of("domainsDisableLock"), Some("domainDisableLock"));
}

#[test]
fn read_only_commands_are_the_checks_gets_and_searches() {
    for c in &COMMANDS {
        let reads = ["Check", "Get", "Search", "Decode"]
            .iter()
            .any(|w| c.name.contains(w));
        if reads && !c.name.contains("Regen") {
            assert_eq!(
                c.effect,
                domaincontext::Effect::Read,
                "{} should be read-only",
                c.name
            );
        }
        if !reads
            && [
                "Register", "Renew", "Transfer", "Buy", "Set", "Create", "Delete", "Purchase",
                "Push",
            ]
            .iter()
            .any(|w| c.name.contains(w))
        {
            assert_eq!(
                c.effect,
                domaincontext::Effect::Change,
                "{} changes state",
                c.name
            );
        }
    }
}
