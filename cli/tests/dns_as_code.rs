//! `dns export|plan|apply` against a sandbox served by the test: the round trip (export,
//! edit, plan, apply, export again), and the safety rules (the share of a zone, a file with
//! an invalid record, domains the file does not name, ignored records, unmanaged types),
//! each checked on the requests the sandbox received and on its state read back.

mod common;
mod flows;

use flows::{Served, record, state, temp_dir};

/// test.com with ten records: the data set's three and seven more.
fn ten_records() -> domaincontext_sandbox::State {
    let mut s = state();
    let test = s.domains.get_mut(&5504202).unwrap();
    for i in 1..=7u64 {
        test.dns.insert(
            3 + i,
            record(
                &format!("host{i}"),
                "a",
                &format!("192.0.2.5{i}"),
                3600,
                None,
            ),
        );
    }
    assert_eq!(test.dns.len(), 10);
    s
}

/// A record as `dns export` writes it.
fn block(name: &str, kind: &str, value: &str, ttl: u64) -> String {
    format!(
        "    -\n      \"name\": \"{name}\"\n      \"type\": \"{kind}\"\n      \"value\": \"{value}\"\n      \"ttl\": {ttl}\n"
    )
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn round_trip_export_edit_plan_apply_export() {
    let sb = Served::start(ten_records());
    let dir = temp_dir("round-trip");
    let mut checked = 0;

    let (code, exported, err) = sb.run(&["dns", "export", "test.com"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        exported.starts_with("\"test.com\":\n  \"records\":\n"),
        "{exported}"
    );
    assert_eq!(exported.matches("    -\n").count(), 10, "{exported}");
    let (_, again, _) = sb.run(&["dns", "export", "test.com"]);
    assert_eq!(again, exported, "a second export is byte-identical");
    checked += 2;

    let file = write(&dir, "zone.yaml", &exported);
    let (code, out, err) = sb.run(&["dns", "plan", &file]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "0 to create, 0 to update, 0 to delete\n", "")
    );
    checked += 1;

    // Change one record, remove one, add one (at the end: its name sorts last).
    let edited = exported
        .replace("\"value\": \"192.0.2.10\"", "\"value\": \"192.0.2.99\"")
        .replace(&block("host7", "a", "192.0.2.57", 3600), "")
        + &block("zz", "txt", "hello world", 600);
    assert_ne!(edited, exported);
    let file = write(&dir, "edited.yaml", &edited);
    let (code, out, err) = sb.run(&["dns", "plan", &file]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            2,
            "test.com:\n  ~ @ a 192.0.2.10 (ttl 3600) => @ a 192.0.2.99 (ttl 3600)\n  - host7 a 192.0.2.57 (ttl 3600)\n  + zz txt hello world (ttl 600)\n1 to create, 1 to update, 1 to delete\n",
            ""
        )
    );
    let (code, md, _) = sb.run(&["dns", "plan", "--format", "markdown", &file]);
    assert_eq!(code, 2);
    assert!(md.starts_with("### test.com\n\n- **update** `@ a 192.0.2.10 (ttl 3600)` → `@ a 192.0.2.99 (ttl 3600)`\n"), "{md}");
    assert!(
        md.ends_with("**1 to create, 1 to update, 1 to delete**\n"),
        "{md}"
    );
    assert!(sb.sent("domainsSetDNS").is_empty(), "plan sends no change");
    checked += 3;

    let others = sb
        .state()
        .domains
        .into_iter()
        .filter(|(id, _)| *id != 5504202)
        .collect::<Vec<_>>();
    let (code, out, err) = sb.run(&["dns", "apply", "--yes", &file]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.ends_with("applied test.com\n"), "{err}");
    let sets = sb.sent("domainsSetDNS");
    assert_eq!(sets.len(), 1, "one bulk request carries the plan");
    // Exactly three records in it: the update, the delete, the create.
    let statuses: Vec<&str> = sets[0]
        .params
        .iter()
        .filter(|(k, _)| k.ends_with("[status]"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(statuses, ["ok", "deleted", "new"]);
    let after = sb
        .state()
        .domains
        .into_iter()
        .filter(|(id, _)| *id != 5504202)
        .collect::<Vec<_>>();
    assert_eq!(after, others, "no other domain was touched");
    checked += 3;

    let (code, reexported, _) = sb.run(&["dns", "export", "test.com"]);
    assert_eq!(
        (code, reexported.as_str()),
        (0, edited.as_str()),
        "the export equals the edited file"
    );
    let (code, _, err) = sb.run(&["dns", "apply", "--yes", &file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "0 to create, 0 to update, 0 to delete\n");
    assert_eq!(
        sb.sent("domainsSetDNS").len(),
        1,
        "a second apply sends nothing"
    );
    checked += 2;
    assert_eq!(checked, 11);
}

#[test]
fn a_plan_above_the_share_is_refused_unless_forced() {
    let sb = Served::start(ten_records());
    let dir = temp_dir("share");
    let (_, exported, _) = sb.run(&["dns", "export", "test.com"]);
    let mut text = exported.clone();
    for i in 4..=7 {
        let b = block(&format!("host{i}"), "a", &format!("192.0.2.5{i}"), 3600);
        assert!(text.contains(&b));
        text = text.replace(&b, "");
    }
    let file = write(&dir, "delete-four.yaml", &text);
    let before = sb.state();

    let (code, out, err) = sb.run(&["dns", "apply", "--yes", &file]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.ends_with("error: the plan would update or delete 4 of 10 records of test.com (40 %), above the 30 % allowed; nothing was sent (force it to apply anyway)\n"),
        "{err}"
    );
    // A dry run is refused the same way; a lower share too.
    let (code, _, _) = sb.run(&["--dry-run", "dns", "apply", "--yes", &file]);
    assert_eq!(code, 2);
    let (code, _, _) = sb.run(&["dns", "apply", "--yes", "--max-share", "39", &file]);
    assert_eq!(code, 2);
    assert!(sb.sent("domainsSetDNS").is_empty(), "nothing was sent");
    assert_eq!(sb.state(), before);

    // Without --yes and without a terminal: asked nothing, refused, nothing sent.
    let (code, _, err) = sb.run(&["dns", "apply", "--force", &file]);
    assert_eq!(code, 2);
    assert!(
        err.ends_with(
            "error: not applied: give --yes to apply without a question (nothing was sent)\n"
        ),
        "{err}"
    );
    // --dry-run prints the request, secrets redacted, and sends it not.
    let (code, out, _) = sb.run(&["--dry-run", "dns", "apply", "--force", &file]);
    assert_eq!(code, 0);
    assert!(
        out.contains("/domainsSetDNS\n") && out.contains("auth_password=***\n"),
        "{out}"
    );
    assert_eq!(out.matches("[status]=deleted").count(), 4, "{out}");
    assert!(sb.sent("domainsSetDNS").is_empty());
    assert_eq!(sb.state(), before);

    let (code, _, err) = sb.run(&["dns", "apply", "--yes", "--force", &file]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sb.sent("domainsSetDNS").len(), 1);
    assert_eq!(sb.state().domains[&5504202].dns.len(), 6);
}

#[test]
fn an_invalid_file_is_reported_by_line_and_nothing_is_sent() {
    let sb = Served::start(state());
    let dir = temp_dir("invalid");
    // Line 4 has a name the dnsName rule refuses, line 5 an mx without priority, line 6
    // a ttl that is not a number, line 8 an unknown field.
    let text = "test.com:\n  records:\n    - {name: \"@\", type: a, value: 192.0.2.10, ttl: 3600}\n    - {name: \"bad name!\", type: a, value: 192.0.2.1}\n    - {name: \"@\", type: mx, value: mail.test.com}\n    - {name: www, type: cname, value: test.com, ttl: soon}\ntest3.com:\n  records: [{name: x, type: a, value: 192.0.2.1, colour: red}]\n";
    let file = write(&dir, "bad.yaml", text);
    let mut cases = 0;
    for (args, status) in [
        (vec!["dns", "plan"], 1),
        (vec!["dns", "apply", "--yes", "--force"], 2),
    ] {
        let mut args = args.clone();
        args.push(&file);
        let (code, out, err) = sb.run(&args);
        assert_eq!((code, out.as_str()), (status, ""), "{err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 5, "{err}");
        assert!(
            lines[0].starts_with(&format!("error: {file}:4:")) && lines[0].contains("name: "),
            "{err}"
        );
        assert!(
            lines[1].starts_with(&format!("error: {file}:5:"))
                && lines[1].ends_with("test.com: an mx record needs a priority"),
            "{err}"
        );
        assert!(
            lines[2].starts_with(&format!("error: {file}:6:")) && lines[2].contains("ttl: "),
            "{err}"
        );
        assert!(
            lines[3].starts_with(&format!("error: {file}:8:"))
                && lines[3].contains("unknown field"),
            "{err}"
        );
        assert_eq!(
            lines[4],
            format!("error: 4 problem(s) in {file} (nothing was sent)")
        );
        cases += 1;
    }
    assert_eq!(cases, 2);
    assert!(sb.requests().is_empty(), "not even a read was sent");
}

#[test]
fn untouched_domains_ignored_records_and_unmanaged_types_survive() {
    let sb = Served::start(state());
    let dir = temp_dir("untouched");
    // test.com: @ a 192.0.2.10, www cname test.com, @ mx mail.test.com. The file manages
    // a, cname and txt only, ignores www's cname, and adds a txt record.
    let text = "test.com:\n  types: [a, cname, txt]\n  records:\n    - {name: \"@\", type: a, value: 192.0.2.10, ttl: 3600}\n    - {name: www, type: cname, ignore: true}\n    - {name: \"@\", type: txt, value: v=spf1 -all, ttl: 600}\n";
    let file = write(&dir, "zone.yaml", text);
    let before = sb.state();
    let (code, out, _) = sb.run(&["dns", "plan", &file]);
    assert_eq!(
        (code, out.as_str()),
        (
            2,
            "test.com:\n  + @ txt v=spf1 -all (ttl 600)\n1 to create, 0 to update, 0 to delete\n"
        )
    );
    let (code, _, err) = sb.run(&["dns", "apply", "--yes", &file]);
    assert_eq!(code, 0, "{err}");
    let after = sb.state();
    let dns = &after.domains[&5504202].dns;
    assert_eq!(dns.len(), 4);
    let old = &before.domains[&5504202].dns;
    for key in [1, 2, 3] {
        assert_eq!(dns[&key], old[&key], "record {key} survives");
    }
    assert_eq!(dns[&4], record("@", "txt", "v=spf1 -all", 600, None));
    let mut untouched = 0;
    for (id, d) in &before.domains {
        if *id != 5504202 {
            assert_eq!(&after.domains[id], d);
            untouched += 1;
        }
    }
    assert!(untouched >= 3, "{untouched}");
    // Read back through the API as well.
    let (code, out, _) = sb.run(&["domainGetDNS", "--domain", "test3.com"]);
    assert_eq!(code, 0);
    assert!(out.contains("192.0.2.11"), "{out}");
}

#[test]
fn the_workflow_runs_on_the_embedded_sandbox_across_processes() {
    let dir = temp_dir("embedded");
    let state = dir.join("state.json");
    let run = |args: &[&str]| {
        let mut c = common::bin();
        c.env("DOMAINCONTEXT_SANDBOX_STATE", &state)
            .arg("--sandbox")
            .args(args);
        common::outcome(&common::output(&mut c, flows::LIMIT))
    };
    let (code, exported, err) = run(&["dns", "export", "test3.com"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let edited = exported + &block("www", "a", "192.0.2.12", 600);
    let file = write(&dir, "zone.yaml", &edited);
    let (code, _, err) = run(&["dns", "apply", "--yes", &file]);
    assert_eq!(code, 0, "{err}");
    // The next process sees the change: the state was saved.
    let (code, out, _) = run(&["dns", "export", "test3.com"]);
    assert_eq!((code, out.as_str()), (0, edited.as_str()));
    let (code, _, _) = run(&["dns", "plan", &file]);
    assert_eq!(code, 0);
}
