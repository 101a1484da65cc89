//! What stderr says about a failed answer: one line, the API's own words escaped by the
//! printer, at most [`SHOWN`] items named (the full details stay in the JSON on stdout).

use std::fmt::Write;

/// Items named in a summary before "... and N more".
pub const SHOWN: usize = 10;

/// `a, b, c and 7 more`: the first [`SHOWN`] of `items`, then how many are left.
pub fn capped<T: AsRef<str>>(items: &[T], sep: &str) -> String {
    let mut s = String::new();
    for (i, item) in items.iter().take(SHOWN).enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(item.as_ref());
    }
    if items.len() > SHOWN {
        let _ = write!(s, "{sep}and {} more", items.len() - SHOWN);
    }
    s
}

/// The summary of a bulk answer with failures: `top` are top-level errors (`_error`,
/// entries under keys the request did not send), `failed` the items' `key: message`.
pub fn bulk_summary(command: &str, top: &[String], failed: &[String], total: usize) -> String {
    let mut s = format!("{command}: ");
    if !top.is_empty() {
        s.push_str(&capped(top, "; "));
        s.push_str("; ");
    }
    if failed.is_empty() {
        let _ = write!(s, "no item of {total} reported an error of its own");
    } else {
        let _ = write!(
            s,
            "{} of {total} items failed: {}",
            failed.len(),
            capped(failed, "; ")
        );
        if failed.len() > SHOWN {
            s.push_str(" (every item is in the answer on stdout)");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_read_whole() {
        let items = |n: usize| (0..n).map(|i| format!("{i}: busy")).collect::<Vec<_>>();
        let cases: Vec<(Vec<String>, Vec<String>, usize, String)> = vec![
            (
                vec!["failed".into()],
                vec![],
                3,
                "c: failed; no item of 3 reported an error of its own".into(),
            ),
            (
                vec![],
                items(1),
                2,
                "c: 1 of 2 items failed: 0: busy".into(),
            ),
            (
                vec![],
                items(10),
                10,
                format!("c: 10 of 10 items failed: {}", items(10).join("; ")),
            ),
            (
                vec![],
                items(20_000),
                20_000,
                format!(
                    "c: 20000 of 20000 items failed: {}; and 19990 more (every item is in the answer on stdout)",
                    items(10).join("; ")
                ),
            ),
        ];
        let mut checked = 0;
        for (top, failed, total, expected) in cases {
            let got = bulk_summary("c", &top, &failed, total);
            assert_eq!(got, expected);
            assert!(!got.trim_end().ends_with(':'));
            assert!(got.len() < 400, "{}", got.len());
            checked += 1;
        }
        assert_eq!(checked, 4);
    }
}
