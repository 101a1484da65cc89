//! Help that teaches (issue 13): argument groups named in `help <command>`.

mod common;

use std::time::Duration;

use common::{bin, outcome, output};
use domaincontext::registry::COMMANDS;

const LIMIT: Duration = Duration::from_secs(60);

fn help(command: &str) -> String {
    let (code, out, err) = outcome(&output(bin().args(["help", command]), LIMIT));
    assert_eq!((code, err.as_str()), (0, ""), "{command}");
    out
}

#[test]
fn help_names_the_argument_groups() {
    // Exact lines for a single command and a bulk one.
    assert!(
        help("domainGetInfo").contains("\n  one of --domain, --id is required\n"),
        "{}",
        help("domainGetInfo")
    );
    assert!(
        help("domainsSetDNS").contains("\n  one of id, domain is required in each item\n"),
        "{}",
        help("domainsSetDNS")
    );
    // And every group of every command.
    let mut checked = 0;
    for c in COMMANDS.iter().filter(|c| !c.groups.is_empty()) {
        let text = help(c.name);
        for g in c.groups {
            let names: Vec<String> = if c.bulk_of.is_some() {
                g.iter().map(|n| (*n).to_owned()).collect()
            } else {
                g.iter().map(|n| format!("--{n}")).collect()
            };
            let line = format!("one of {} is required", names.join(", "));
            assert!(text.contains(&line), "{}: {line}\n{text}", c.name);
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}
