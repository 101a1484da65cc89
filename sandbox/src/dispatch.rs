//! From a decoded request to an answer: credentials, then the generated layer parses and
//! validates the arguments into a typed `Request` (a refusal answers `_error`, as the API
//! does, with HTTP 200), then the handler of that command runs against the state.

use domaincontext::requests as rq;
use domaincontext::{Command, Request};
use serde_json::Value;

use crate::handlers::certificates::{self as certs, CsrFields};
use crate::handlers::dns::{self, record_args};
use crate::handlers::domains::{self, ContactView, Flag, Target};
use crate::handlers::servers::{self, Power};
use crate::handlers::{clients, contacts, hosts, opt, transfer};
use crate::reply::{Res, answer, bulk, error};
use crate::state::State;

/// How deep bracketed keys nest (`5504202[1][type]` is 3).
const MAX_DEPTH: usize = 8;

/// Answers one request, in process: `command` as in the URL path, `pairs` the decoded
/// query and form parameters, credentials included. Returns the HTTP status and the JSON
/// body. A refused call leaves `state` as it was.
pub fn handle(state: &mut State, command: &str, pairs: &[(String, String)]) -> (u16, String) {
    let body = respond(state, command, pairs);
    (200, body.to_string())
}

fn respond(state: &mut State, command: &str, pairs: &[(String, String)]) -> Value {
    let mut login = None;
    let mut password = None;
    let mut args = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match k.as_str() {
            "auth_login" => login = Some(v.as_str()),
            "auth_password" => password = Some(v.as_str()),
            _ => args.push((k.clone(), v.clone())),
        }
    }
    let who = match (login, password) {
        (Some(l), Some(p)) if state.clients.get(l).is_some_and(|a| a.password == p) => l.to_owned(),
        _ => return error("wrong login or password"),
    };
    if domaincontext::command(command).is_none() {
        return error(&format!("unknown command {command}"));
    }
    let tree = domaincontext::form::to_tree(&args, MAX_DEPTH);
    match Request::from_args(command, &tree) {
        Ok(request) => run(state, &who, &request),
        Err(e) => error(&e.to_string()),
    }
}

fn keys<C: Command>(r: &C) -> Vec<String> {
    r.bulk_keys().unwrap_or_default()
}

fn t<D>(r: &D) -> Target
where
    D: HasTarget,
{
    r.target()
}

/// The `domain` + `id` pair of the many domain commands that take it.
trait HasTarget {
    fn target(&self) -> Target;
}

macro_rules! has_target {
    ($($ty:ident),* $(,)?) => {
        $(impl HasTarget for rq::$ty {
            fn target(&self) -> Target {
                Target::of(&self.domain, self.id)
            }
        })*
    };
}

has_target!(
    DomainGetNSs,
    DomainSetNSs,
    DomainGetNote,
    DomainSetNote,
    DomainGetPassword,
    DomainRegenPassword,
    DomainGetInfo,
    DomainGetContacts,
    DomainGetWPContacts,
    DomainGetContactsInfo,
    DomainGetWPContactsInfo,
    DomainSetContacts,
    DomainEnableAutorenewal,
    DomainDisableAutorenewal,
    DomainEnableWhoisProtect,
    DomainDisableWhoisProtect,
    DomainEnableLock,
    DomainDisableLock,
    DomainGetDNS,
);

const IDS: ContactView = ContactView {
    whois: false,
    info: false,
};
const INFO: ContactView = ContactView {
    whois: false,
    info: true,
};
const WP_IDS: ContactView = ContactView {
    whois: true,
    info: false,
};
const WP_INFO: ContactView = ContactView {
    whois: true,
    info: true,
};

fn reissue_as_issue(r: &rq::CertificateReissue) -> rq::CertificateIssue {
    let mut i = rq::CertificateIssue::new(
        r.id,
        r.admin_id,
        r.tech_id,
        r.dcv_method.clone(),
        r.csr.clone(),
    );
    i.org_id = r.org_id;
    i.approver_email = r.approver_email.clone();
    i.approver_emails = r.approver_emails.clone();
    i.webserver_type = r.webserver_type.clone();
    i.dns_names = r.dns_names.clone();
    i
}

macro_rules! csr_fields {
    ($r:expr) => {
        CsrFields {
            values: [
                $r.csr_commonname.as_str(),
                $r.csr_organization.as_str(),
                $r.csr_department.as_str(),
                $r.csr_city.as_str(),
                $r.csr_state.as_str(),
                $r.csr_country.as_str(),
                $r.csr_email.as_str(),
            ],
        }
    };
}

/// Runs a parsed request. Every command of the spec has its handler here.
fn run(s: &mut State, who: &str, req: &Request) -> Value {
    use Request as R;
    let one = answer;
    match req {
        // ---- domains ----
        R::DomainsCheck(r) => one(domains::check(s, r)),
        R::DomainsSearch(r) => one(domains::search(s, who, r)),
        R::DomainRegister(r) => one(domains::register(s, who, r)),
        R::DomainsRegister(r) => bulk(s, &keys(r), &r.items, |s, i| domains::register(s, who, i)),
        R::DomainCheckTransfer(r) => one(transfer::check(
            s,
            who,
            r.domain.as_str(),
            r.password.as_str(),
        )),
        R::DomainsCheckTransfer(r) => bulk(s, &keys(r), &r.items, |s, i| {
            transfer::check(s, who, i.domain.as_str(), i.password.as_str())
        }),
        R::DomainTransfer(r) => one(transfer::transfer(
            s,
            who,
            r.domain.as_str(),
            r.password.as_str(),
        )),
        R::DomainsTransfer(r) => bulk(s, &keys(r), &r.items, |s, i| {
            transfer::transfer(s, who, i.domain.as_str(), i.password.as_str())
        }),
        R::DomainApprovePreincoming(r) => one(transfer::approve(
            s,
            who,
            r.domains.as_ref(),
            &r.confirm_data,
        )),
        R::DomainsRejectPreincoming(r) => one(transfer::reject(
            s,
            who,
            r.domains.as_ref(),
            &r.confirm_data,
        )),
        R::DomainGetNSs(r) => one(domains::get_nss(s, who, &t(r))),
        R::DomainsGetNSs(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::get_nss(s, who, &t(i))
        }),
        R::DomainSetNSs(r) => one(domains::set_nss(s, who, &t(r), r.nss.as_ref())),
        R::DomainsSetNSs(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_nss(s, who, &t(i), i.nss.as_ref())
        }),
        R::DomainGetNote(r) => one(domains::get_note(s, who, &t(r))),
        R::DomainsGetNote(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::get_note(s, who, &t(i))
        }),
        R::DomainSetNote(r) => one(domains::set_note(s, who, &t(r), r.note.as_ref())),
        R::DomainsSetNote(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_note(s, who, &t(i), i.note.as_ref())
        }),
        R::DomainRenew(r) => one(domains::renew(s, who, r)),
        R::DomainGetPassword(r) => one(domains::get_password(s, who, &t(r), r.pincode.as_ref())),
        R::DomainsGetPassword(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::get_password(s, who, &t(i), i.pincode.as_ref())
        }),
        R::DomainRegenPassword(r) => {
            one(domains::regen_password(s, who, &t(r), r.pincode.as_ref()))
        }
        R::DomainsRegenPassword(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::regen_password(s, who, &t(i), i.pincode.as_ref())
        }),
        R::DomainGetInfo(r) => one(domains::info(s, who, &t(r))),
        R::DomainsGetInfo(r) => bulk(s, &keys(r), &r.items, |s, i| domains::info(s, who, &t(i))),
        R::DomainGetContacts(r) => one(domains::contacts(s, who, &t(r), IDS)),
        R::DomainGetWPContacts(r) => one(domains::contacts(s, who, &t(r), WP_IDS)),
        R::DomainGetContactsInfo(r) => one(domains::contacts(s, who, &t(r), INFO)),
        R::DomainGetWPContactsInfo(r) => one(domains::contacts(s, who, &t(r), WP_INFO)),
        R::DomainsGetContacts(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::contacts(s, who, &t(i), IDS)
        }),
        R::DomainsGetWPContacts(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::contacts(s, who, &t(i), WP_IDS)
        }),
        R::DomainsGetContactsInfo(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::contacts(s, who, &t(i), INFO)
        }),
        R::DomainsGetWPContactsInfo(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::contacts(s, who, &t(i), WP_INFO)
        }),
        R::DomainSetContacts(r) => one(domains::set_contacts(
            s,
            who,
            &t(r),
            [&r.registrant, &r.admin, &r.tech, &r.billing],
        )),
        R::DomainsSetContacts(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_contacts(
                s,
                who,
                &t(i),
                [&i.registrant, &i.admin, &i.tech, &i.billing],
            )
        }),
        R::DomainEnableAutorenewal(r) => {
            one(domains::set_flag(s, who, &t(r), Flag::Autorenewal, true))
        }
        R::DomainDisableAutorenewal(r) => {
            one(domains::set_flag(s, who, &t(r), Flag::Autorenewal, false))
        }
        R::DomainsEnableAutorenewal(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_flag(s, who, &t(i), Flag::Autorenewal, true)
        }),
        R::DomainsDisableAutorenewal(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_flag(s, who, &t(i), Flag::Autorenewal, false)
        }),
        R::DomainEnableWhoisProtect(r) => {
            one(domains::set_flag(s, who, &t(r), Flag::WhoisProtect, true))
        }
        R::DomainDisableWhoisProtect(r) => {
            one(domains::set_flag(s, who, &t(r), Flag::WhoisProtect, false))
        }
        R::DomainsEnableWhoisProtect(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_flag(s, who, &t(i), Flag::WhoisProtect, true)
        }),
        R::DomainsDisableWhoisProtect(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_flag(s, who, &t(i), Flag::WhoisProtect, false)
        }),
        R::DomainEnableLock(r) => one(domains::set_flag(s, who, &t(r), Flag::Lock, true)),
        R::DomainDisableLock(r) => one(domains::set_flag(s, who, &t(r), Flag::Lock, false)),
        R::DomainsEnableLock(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_flag(s, who, &t(i), Flag::Lock, true)
        }),
        R::DomainsDisableLock(r) => bulk(s, &keys(r), &r.items, |s, i| {
            domains::set_flag(s, who, &t(i), Flag::Lock, false)
        }),
        R::DomainPush(r) => one(domains::push(s, who, r)),
        R::DomainsPush(r) => bulk(s, &keys(r), &r.items, |s, i| domains::push(s, who, i)),

        // ---- DNS ----
        R::DomainGetDNS(r) => one(dns::domain_get(s, who, &t(r))),
        R::DomainsGetDNS(r) => bulk(s, &keys(r), &r.items, |s, i| dns::domain_get(s, who, &t(i))),
        R::DomainSetDNS(r) => one(dns::domain_set(
            s,
            who,
            r.id.get(),
            &record_args!(r.records),
        )),
        R::DomainsSetDNS(r) => bulk(s, &keys(r), &r.items, |s, i| {
            dns::domain_set(s, who, i.id.get(), &record_args!(i.records))
        }),
        R::HdomainGetDNS(r) => one(dns::hosted_get(s, who, r.id.map(|i| i.get()))),
        R::HdomainsGetDNS(r) => bulk(s, &keys(r), &r.items, |s, i| {
            dns::hosted_get(s, who, i.id.map(|i| i.get()))
        }),
        R::HdomainSetDNS(r) => one(dns::hosted_set(
            s,
            who,
            r.id.get(),
            &record_args!(r.records),
        )),
        R::HdomainsSetDNS(r) => bulk(s, &keys(r), &r.items, |s, i| {
            dns::hosted_set(s, who, i.id.get(), &record_args!(i.records))
        }),

        // ---- hosts ----
        R::HostsSearch(r) => one(hosts::search(s, who, r)),
        R::HostGetInfo(r) => one(hosts::info(s, who, r.id, r.host.as_ref())),
        R::HostsGetInfo(r) => bulk(s, &keys(r), &r.items, |s, i| {
            hosts::info(s, who, i.id, i.host.as_ref())
        }),
        R::HostCreate(r) => one(hosts::create(s, who, r)),
        R::HostsCreate(r) => bulk(s, &keys(r), &r.items, |s, i| hosts::create(s, who, i)),
        R::HostUpdate(r) => one(hosts::update(s, who, r)),
        R::HostsUpdate(r) => bulk(s, &keys(r), &r.items, |s, i| hosts::update(s, who, i)),
        R::HostDelete(r) => one(hosts::delete(s, who, r.id, r.host.as_ref())),
        R::HostsDelete(r) => bulk(s, &keys(r), &r.items, |s, i| {
            hosts::delete(s, who, i.id, i.host.as_ref())
        }),

        // ---- contacts ----
        R::ContactsSearch(r) => one(contacts::search(s, who, r)),
        R::ContactGetInfo(r) => one(contacts::info(s, who, r.id.as_str())),
        R::ContactsGetInfo(r) => bulk(s, &keys(r), &r.items, |s, i| {
            contacts::info(s, who, i.id.as_str())
        }),
        R::ContactCreate(r) => one(contacts::create(s, who, r)),
        R::ContactsCreate(r) => bulk(s, &keys(r), &r.items, |s, i| contacts::create(s, who, i)),
        R::ContactUpdate(r) => one(contacts::update(s, who, r)),
        R::ContactsUpdate(r) => bulk(s, &keys(r), &r.items, |s, i| contacts::update(s, who, i)),
        R::ContactDelete(r) => one(contacts::delete(s, who, r.id)),
        R::ContactsDelete(r) => bulk(s, &keys(r), &r.items, |s, i| contacts::delete(s, who, i.id)),

        // ---- clients, tariffs ----
        R::ClientCheck(r) => one(clients::check(s, who, r)),
        R::ClientCreate(r) => one(clients::create(s, who, r)),
        R::ClientGetBalance(r) => one(clients::balance(s, who, r)),
        R::ClientGetPrices(r) => one(clients::prices(s, who, r)),
        R::ClientsGetPrices(r) => bulk(s, &keys(r), &r.items, |s, i| clients::prices(s, who, i)),
        R::TariffsGetAvailable(r) => one(clients::tariffs(s, r)),
        R::TariffGetInfo(r) => one(clients::tariff(s, r.id)),
        R::TariffsGetInfo(r) => bulk(s, &keys(r), &r.items, |s, i| clients::tariff(s, i.id)),
        R::OsimagesSearch(r) => one(clients::osimages(s, opt(&r.r#type))),

        // ---- servers ----
        R::ServersSearch(r) => one(servers::search(s, who, r)),
        R::ServersGetList(r) => one(servers::list(s, who, r)),
        R::ServerGetList(r) => bulk(s, &keys(r), &r.items, |s, i| servers::list(s, who, i)),
        R::ServerGetInfo(r) => one(servers::info(s, who, r.id, r.server.as_ref())),
        R::ServersGetInfo(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::info(s, who, i.id, i.server.as_ref())
        }),
        R::ServerBuy(r) => one(servers::buy(s, who, r)),
        R::ServersBuy(r) => bulk(s, &keys(r), &r.items, |s, i| servers::buy(s, who, i)),
        R::ServerRenew(r) => one(servers::renew(s, who, r.id, r.server.as_ref(), r.amount)),
        R::ServersRenew(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::renew(s, who, i.id, i.server.as_ref(), i.amount)
        }),
        R::ServerRefuse(r) => one(servers::refuse(s, who, r.id, r.server.as_ref())),
        R::ServerReboot(r) => one(servers::power(
            s,
            who,
            r.id,
            r.server.as_ref(),
            Power::Reboot,
        )),
        R::ServersReboot(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::power(s, who, i.id, i.server.as_ref(), Power::Reboot)
        }),
        R::ServerReset(r) => one(servers::power(
            s,
            who,
            r.id,
            r.server.as_ref(),
            Power::Reset,
        )),
        R::ServersReset(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::power(s, who, i.id, i.server.as_ref(), Power::Reset)
        }),
        R::ServerShutdown(r) => one(servers::power(
            s,
            who,
            r.id,
            r.server.as_ref(),
            Power::Shutdown,
        )),
        R::ServersShutdown(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::power(s, who, i.id, i.server.as_ref(), Power::Shutdown)
        }),
        R::ServerPowerOn(r) => one(servers::power(s, who, r.id, r.server.as_ref(), Power::On)),
        R::ServersPowerOn(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::power(s, who, i.id, i.server.as_ref(), Power::On)
        }),
        R::ServerPowerOff(r) => one(servers::power(s, who, r.id, r.server.as_ref(), Power::Off)),
        R::ServersPowerOff(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::power(s, who, i.id, i.server.as_ref(), Power::Off)
        }),
        R::ServerResetup(r) => one(servers::resetup(
            s,
            who,
            r.id,
            r.server.as_ref(),
            &r.osimage,
            opt(&r.panel),
        )),
        R::ServersResetup(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::resetup(s, who, i.id, i.server.as_ref(), &i.osimage, opt(&i.panel))
        }),
        R::ServerEnableVNC(r) => one(servers::enable_vnc(s, who, r.id, r.server.as_ref())),
        R::ServersEnableVNC(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::enable_vnc(s, who, i.id, i.server.as_ref())
        }),
        R::ServerRegenRootPassword(r) => one(servers::regen_root_password(
            s,
            who,
            r.id,
            r.server.as_ref(),
        )),
        R::ServersRegenRootPassword(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::regen_root_password(s, who, i.id, i.server.as_ref())
        }),
        R::ServerBootLive(r) => one(servers::boot_live(
            s,
            who,
            r.id,
            r.server.as_ref(),
            r.osimage.as_ref(),
        )),
        R::ServersBootLive(r) => bulk(s, &keys(r), &r.items, |s, i| {
            servers::boot_live(s, who, i.id, i.server.as_ref(), i.osimage.as_ref())
        }),

        // ---- certificates ----
        R::CertificatesSearch(r) => one(certs::search(s, who, r)),
        R::CertificateGetInfo(r) => one(certs::info(s, who, r.id)),
        R::CertificatesGetInfo(r) => bulk(s, &keys(r), &r.items, |s, i| certs::info(s, who, i.id)),
        R::CertificateGetData(r) => one(certs::data(s, who, r.id)),
        R::CertificatesGetData(r) => bulk(s, &keys(r), &r.items, |s, i| certs::data(s, who, i.id)),
        R::CertificatePurchase(r) => one(certs::purchase(s, who, r)),
        R::CertificatesPurchase(r) => {
            bulk(s, &keys(r), &r.items, |s, i| certs::purchase(s, who, i))
        }
        R::CertificateIssue(r) => one(certs::issue(s, who, r, false)),
        R::CertificatesIssue(r) => {
            bulk(s, &keys(r), &r.items, |s, i| certs::issue(s, who, i, false))
        }
        R::CertificateReissue(r) => one(certs::issue(s, who, &reissue_as_issue(r), true)),
        R::CertificatesReissue(r) => bulk(s, &keys(r), &r.items, |s, i| {
            certs::issue(s, who, &reissue_as_issue(i), true)
        }),
        R::CertificateCancel(r) => one(certs::cancel(s, who, r.id, &r.reason)),
        R::CertificatesCancel(r) => bulk(s, &keys(r), &r.items, |s, i| {
            certs::cancel(s, who, i.id, &i.reason)
        }),
        R::CertificateRenew(r) => one(certs::renew(s, who, r.id, r.expires.as_str())),
        R::CertificatesRenew(r) => bulk(s, &keys(r), &r.items, |s, i| {
            certs::renew(s, who, i.id, i.expires.as_str())
        }),
        R::CertificateGenerateCSR(r) => {
            one(generate_csr(s, who, csr_fields!(r), &r.client, r.client_id))
        }
        R::CertificateGenerateCsr(r) => {
            one(generate_csr(s, who, csr_fields!(r), &r.client, r.client_id))
        }
        R::CertificateDecodeCSR(r) => one(certs::decode_csr(r.csr.as_ref(), r.wildcard)),
        R::CertificateDecodeCsr(r) => one(certs::decode_csr(r.csr.as_ref(), r.wildcard)),
        R::CertificateGetWebserverTypes(r) => one(certs::webserver_types(s, opt(&r.supplier))),
        R::CertificateGetDomainEmails(r) => one(certs::domain_emails(
            s,
            who,
            r.id,
            opt(&r.domain),
            r.csr.as_ref(),
        )),
        R::CertificateSendNotifications(r) => one(certs::send_notifications(s, who, r.id)),
        R::CertificatesSendNotifications(r) => bulk(s, &keys(r), &r.items, |s, i| {
            certs::send_notifications(s, who, i.id)
        }),
        R::CertificateRevalidate(r) => one(certs::revalidate(s, who, r.id)),
        R::CertificatesRevalidate(r) => bulk(s, &keys(r), &r.items, |s, i| {
            certs::revalidate(s, who, i.id)
        }),
        R::CertificateChangeValidation(r) => one(certs::change_validation(
            s,
            who,
            r.id,
            r.dcv_method.as_str(),
            r.approver_email.as_ref(),
            r.approver_emails.as_ref(),
        )),
        R::CertificatesChangeValidation(r) => bulk(s, &keys(r), &r.items, |s, i| {
            certs::change_validation(
                s,
                who,
                i.id,
                i.dcv_method.as_str(),
                i.approver_email.as_ref(),
                i.approver_emails.as_ref(),
            )
        }),

        // A command added to the spec after this file was written: it is routed and
        // validated, and answers that the sandbox does not simulate it (the every-command
        // test fails until it has a handler).
        other => error(&format!(
            "{} is not simulated by the sandbox",
            other.as_command().info().name
        )),
    }
}

fn generate_csr(
    s: &State,
    who: &str,
    fields: CsrFields<'_>,
    client: &Option<domaincontext::types::Client>,
    client_id: Option<domaincontext::types::Id>,
) -> Res {
    crate::handlers::client_of(s, who, opt(client).as_deref(), client_id.map(|i| i.get()))?;
    certs::generate_csr(fields)
}
