//! Text from the API never drives the terminal: `_error`, item errors and `_error_ops`
//! reach stderr with their control and bidi characters escaped, on one line.

mod common;

use std::time::Duration;

use common::{against, outcome, output};
use domaincontext_testkit::{Reply, Server};

const BULK: &[&str] = &[
    "domainsRegister",
    "--json",
    r#"[{"domain":"a.com"},{"domain":"b.com"}]"#,
];
const CHECK: &[&str] = &["domainsCheck", "--domains", "a.com"];

#[tokio::test(flavor = "multi_thread")]
async fn server_text_is_escaped_on_stderr() {
    // (answer, arguments, exit code, the exact stderr)
    let cases: &[(&str, &[&str], i32, &str)] = &[
        (
            r#"{"_error":"\u001b]0;pwned\u0007 busy"}"#,
            CHECK,
            1,
            "error: domainsCheck: \\u{1b}]0;pwned\\u{7} busy\n",
        ),
        (
            r#"{"_error":"ok\nerror: fake line"}"#,
            CHECK,
            1,
            "error: domainsCheck: ok\\u{a}error: fake line\n",
        ),
        (
            r#"{"_error":"50%\r\u001b[2Kall good"}"#,
            CHECK,
            1,
            "error: domainsCheck: 50%\\u{d}\\u{1b}[2Kall good\n",
        ),
        (
            r#"{"_error":"bad \u202eevil\u202c \u2066x\u2069 \u0085 \u009b"}"#,
            CHECK,
            1,
            "error: domainsCheck: bad \\u{202e}evil\\u{202c} \\u{2066}x\\u{2069} \\u{85} \\u{9b}\n",
        ),
        (
            r#"{"_error":"limit %s","_error_ops":{"who":"\u2067x"}}"#,
            CHECK,
            1,
            "error: domainsCheck: limit %s {\"who\":\"\\u{2067}x\"}\n",
        ),
        (
            r#"{"_error":""}"#,
            CHECK,
            1,
            "error: domainsCheck: the API answered an empty error\n",
        ),
        (
            r#"{"0":{"_error":"taken\r\u001b[1Aerror: x"},"1":{"_error":"\u0007\u202e"},"_error":"\u001b[31mfailed"}"#,
            BULK,
            1,
            "error: domainsRegister: \\u{1b}[31mfailed; 2 of 2 items failed: 0: taken\\u{d}\\u{1b}[1Aerror: x; 1: \\u{7}\\u{202e}\n",
        ),
        (
            r#"{"0":{"id":1},"1":{"_error":""}}"#,
            BULK,
            1,
            "error: domainsRegister: 1 of 2 items failed: 1: the API answered an empty error\n",
        ),
        (
            r#"{"0":{"id":1},"1":{"id":2},"_error":"failed"}"#,
            BULK,
            1,
            "error: domainsRegister: failed; no item of 2 reported an error of its own\n",
        ),
    ];
    let mut checked = 0;
    for (answer, args, code, expected) in cases {
        let server = Server::start(move |_| Reply::json(answer)).await;
        let o = output(against(&server.url).args(*args), Duration::from_secs(20));
        let (got, _, err) = outcome(&o);
        assert_eq!(got, *code, "{answer}: {err}");
        assert_eq!(err, *expected, "{answer}");
        assert!(
            !err.trim_end_matches('\n')
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{err:?}"
        );
        checked += 1;
    }
    assert_eq!(checked, 9);
}
