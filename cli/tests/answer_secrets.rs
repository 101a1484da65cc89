//! A secret in an answer is printed only by the commands that exist to return it: a
//! registration's transfer code shows as `***` in every output format, single and bulk,
//! while domainGetPassword prints it; and the registry says so for exactly the commands
//! whose answer shape holds a secret it does not `reveal`.

mod common;
mod flows;

use domaincontext::registry::COMMANDS;
use flows::{Served, state};

#[test]
fn a_registration_prints_no_transfer_code_and_get_password_does() {
    let served = Served::start(state());
    let mut checked = 0;
    for (i, format) in ["json", "jsonl", "yaml", "table", "csv"].iter().enumerate() {
        let domain = format!("no-leak-{i}.com");
        let (code, out, err) = served.run(&["-o", format, "domainRegister", "--domain", &domain]);
        assert_eq!(code, 0, "{format}: {err}");
        let now = served.state();
        let secret = now
            .domains
            .values()
            .find(|d| d.domain == domain)
            .map(|d| d.password.clone())
            .expect("registered");
        assert!(!secret.is_empty());
        assert!(
            !out.contains(&secret),
            "{format} printed the transfer code: {out}"
        );
        assert!(
            !err.contains(&secret),
            "{format} logged the transfer code: {err}"
        );
        assert!(out.contains("***"), "{format}: {out}");
        // The command that exists to return it prints it.
        let (code, out, err) =
            served.run(&["-o", format, "domainGetPassword", "--domain", &domain]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(
            out.contains(&secret),
            "{format}: domainGetPassword shows the code: {out}"
        );
        checked += 1;
    }
    // Bulk: every item's code hidden.
    let (code, out, err) = served.run(&[
        "domainsRegister",
        "--json",
        r#"[{"domain":"no-leak-bulk-1.com"},{"domain":"no-leak-bulk-2.net"}]"#,
    ]);
    assert_eq!(code, 0, "{err}");
    let now = served.state();
    for name in ["no-leak-bulk-1.com", "no-leak-bulk-2.net"] {
        let secret = now
            .domains
            .values()
            .find(|d| d.domain == name)
            .map(|d| d.password.clone())
            .expect("registered");
        assert!(!out.contains(&secret), "bulk printed {name}'s code: {out}");
        checked += 1;
    }
    assert_eq!(out.matches("\"***\"").count(), 2, "{out}");
    assert_eq!(checked, 7);
}

#[test]
fn the_registry_hides_exactly_the_secrets_no_command_exists_to_return() {
    let hiding: Vec<(&str, &[&str])> = COMMANDS
        .iter()
        .filter(|c| !c.hidden.is_empty())
        .map(|c| (c.name, c.hidden))
        .collect();
    assert_eq!(
        hiding,
        [
            ("domainRegister", &["password"][..]),
            ("domainsRegister", &["password"][..]),
        ],
        "commands whose printed answer hides a secret"
    );
    // The commands that exist to return a secret show it.
    for name in [
        "domainGetPassword",
        "serverEnableVNC",
        "serverRegenRootPassword",
    ] {
        let c = COMMANDS.iter().find(|c| c.name == name).expect(name);
        assert!(c.hidden.is_empty(), "{name}");
    }
}
