//! `--all` (issue 12): every row of a search, page after page, as JSON lines, through
//! `--sandbox` seeded with more rows than many pages hold; and `--all` refused (exit 2,
//! nothing sent) on a command without pages.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{bin, outcome, output};
use domaincontext_sandbox::Config;

const LIMIT: Duration = Duration::from_secs(120);

/// A state file of the starting data set plus `n` generated domains, in a fresh directory.
fn seeded(n: usize, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "domaincontext-search-all-{}-{tag}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sandbox.json");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let running = domaincontext_sandbox::start(Config::new().generated_domains(n))
            .await
            .unwrap();
        running.state().save(&path).unwrap();
        running.shutdown().await;
    });
    path
}

/// `domaincontext --sandbox-state STATE --rate 0 --sandbox domainsSearch ARGS...`.
fn search(state: &Path, args: &[&str]) -> (i32, String, String) {
    let mut c = bin();
    c.arg("--sandbox-state")
        .arg(state)
        .args(["--rate", "0", "--sandbox", "domainsSearch"])
        .args(args);
    outcome(&output(&mut c, LIMIT))
}

/// Each line's `domain`, checking every line is one JSON object.
fn domains(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["domain"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn all_pages_give_every_row_once_in_order() {
    let state = seeded(300, "pages");
    let (code, count, err) = search(&state, &["--count"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let count: usize = count.trim().parse().unwrap();
    assert!(count > 250, "{count}");

    // The order of one unpaged answer is the order --all must keep.
    let (code, out, err) = search(&state, &["--limit", "ALL"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let expected: Vec<String> = rows
        .iter()
        .map(|r| r["domain"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(expected.len(), count);

    // 7 a page: many pages and a short last one; `count` a page: a full page then an
    // empty one; 100 (the default page size, --limit left out).
    let mut checked = 0;
    let whole = count.to_string();
    for limit in [Some("7"), Some(whole.as_str()), None] {
        let mut args = vec!["--all"];
        if let Some(l) = limit {
            args.extend(["--limit", l]);
        }
        let (code, out, err) = search(&state, &args);
        assert_eq!((code, err.as_str()), (0, ""), "{limit:?}");
        let got = domains(&out);
        assert_eq!(got.len(), count, "{limit:?}");
        assert_eq!(got, expected, "{limit:?}");
        let mut unique = got.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), count, "{limit:?}");
        checked += 1;
    }
    assert_eq!(checked, 3);
}

#[test]
fn all_is_refused_where_it_cannot_page() {
    let state = seeded(0, "refused");
    let before = std::fs::read(&state).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["domainGetInfo", "--domain", "test.com", "--all"],
            "error: --all pages through a search with limit and page; domainGetInfo has no pages (nothing was sent)\n",
        ),
        (
            &[
                "domainsRegister",
                "--json",
                "[{\"domain\":\"a-new.com\"}]",
                "--all",
            ],
            "error: --all pages through a search with limit and page; domainsRegister has no pages (nothing was sent)\n",
        ),
        (
            &["domainsSearch", "--all", "--page", "2"],
            "error: --all asks for every page itself: leave out --page (nothing was sent)\n",
        ),
        (
            &["domainsSearch", "--all", "--count"],
            "error: --all lists rows: leave out --count, which answers a number (nothing was sent)\n",
        ),
        (
            &["domainsSearch", "--all", "--limit", "ALL"],
            "error: --all takes --limit as the rows of a page, a whole number above 0, got \"ALL\" (nothing was sent)\n",
        ),
    ];
    for (args, want) in &cases {
        let mut c = bin();
        c.arg("--sandbox-state")
            .arg(&state)
            .args(["--sandbox"])
            .args(*args);
        let (code, out, err) = outcome(&output(&mut c, LIMIT));
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (2, "", *want),
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read(&state).unwrap(), before);
    assert_eq!(cases.len(), 5);
}
