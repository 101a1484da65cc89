//! The `domaincontext` binary against recording servers on 127.0.0.1: what it sends, what
//! it prints, and its exit status for every kind of outcome.

use std::process::{Command, Output};
use std::time::Duration;

use domaincontext::registry::COMMANDS;
use domaincontext_testkit::{Reply, Server};

const PASSWORD: &str = "pa55-w0rd-x9";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_domaincontext"));
    c.env_remove("DOMAINCONTEXT_LOGIN")
        .env_remove("DOMAINCONTEXT_PASSWORD");
    c
}

/// Runs the tool against `server` with credentials from the environment.
fn run(server: &Server, args: &[&str]) -> Output {
    bin()
        .args(["--base-url", &server.url, "--rate", "0"])
        .args(args)
        .env("DOMAINCONTEXT_LOGIN", "demo")
        .env("DOMAINCONTEXT_PASSWORD", PASSWORD)
        .output()
        .expect("run")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Exit status, stdout, stderr; and the password appears in neither.
fn outcome(o: &Output) -> (i32, String, String) {
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(
        !out.contains(PASSWORD) && !err.contains(PASSWORD),
        "the password leaked:\n{out}\n{err}"
    );
    (o.status.code().unwrap_or(-1), out, err)
}

#[test]
fn commands_lists_exactly_the_spec() {
    let o = bin().arg("commands").output().expect("run");
    let (code, out, _) = outcome(&o);
    assert_eq!(code, 0);
    let listed: Vec<&str> = out.lines().collect();
    let spec: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
    assert_eq!(listed, spec);
}

#[test]
fn help_shows_a_command_and_its_arguments() {
    let (code, out, _) = outcome(
        &bin()
            .args(["help", "domainRegister"])
            .output()
            .expect("run"),
    );
    assert_eq!(code, 0);
    for words in [
        "domainRegister: Domain registration",
        "--domain <domain> (required)",
        "--period <period>",
        "default: 1",
        "An integer from 1 to 10",
        "up to 10 minutes",
    ] {
        assert!(out.contains(words), "{words:?} not in:\n{out}");
    }
    let (code, _, err) = outcome(&bin().args(["help", "domainRegistr"]).output().expect("run"));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `domainRegister`"), "{err}");
    let (code, out, _) = outcome(
        &bin()
            .args(["domainsCheck", "--help"])
            .output()
            .expect("run"),
    );
    assert_eq!(code, 0);
    assert!(out.contains("--domains"), "{out}");
    let (code, out, _) = outcome(&bin().args(["completions", "bash"]).output().expect("run"));
    assert_eq!(code, 0);
    assert!(
        out.contains("domainsCheck") && out.contains("complete"),
        "a completion script"
    );
}

fn sorted_args(server: &Server) -> Vec<Vec<(String, String)>> {
    server
        .received()
        .iter()
        .map(|r| {
            let mut a = r.args();
            a.sort();
            a
        })
        .collect()
}

fn seed(query: &str) -> Vec<(String, String)> {
    let mut p = domaincontext::form::decode(query);
    p.sort();
    p
}

#[tokio::test(flavor = "multi_thread")]
async fn seed_examples_arrive_unchanged() {
    // (CLI arguments, the seed URL's query without the credentials)
    let cases: &[(&[&str], &str)] = &[
        (
            &["domainsCheck", "--domains", "test.com,adfwer234asdf.net"],
            "domains=test.com,adfwer234asdf.net",
        ),
        (
            &["domainRegister", "--domain", "test42345.com"],
            "domain=test42345.com",
        ),
        (
            &[
                "domainsRegister",
                "--json",
                r#"[{"domain":"test42345.com"},{"domain":"test123123.net"}]"#,
            ],
            "0[domain]=test42345.com&1[domain]=test123123.net",
        ),
        (
            &["domainGetInfo", "--domain", "test42345.com"],
            "domain=test42345.com",
        ),
        (
            &[
                "domainsGetInfo",
                "--json",
                r#"{"0":{"domain":"test42345.com"},"1":{"domain":"test.com"}}"#,
            ],
            "0[domain]=test42345.com&1[domain]=test.com",
        ),
        (
            &["domainSetNote", "--domain", "test.com", "--note", "abc"],
            "domain=test.com&note=abc",
        ),
        (
            &[
                "domainsSetNote",
                "--json",
                r#"[{"domain":"test.com","note":"abc"},{"domain":"test3.com","note":"def"}]"#,
            ],
            "0[domain]=test.com&0[note]=abc&1[domain]=test3.com&1[note]=def",
        ),
        (
            &[
                "domainsSetDNS",
                "--json",
                r#"{"5504202":{"1":{"type":"a","value":"123.123.123.123","no":1,"ttl":7200,"status":"new"}}}"#,
            ],
            "5504202[1][type]=a&5504202[1][value]=123.123.123.123&5504202[1][no]=1&5504202[1][ttl]=7200&5504202[1][status]=new",
        ),
        // The seed's example says os= where its table says osimage, and escapes slashes.
        (
            &[
                "serverBuy",
                "--tariff",
                "XENSSD VDS 4 100 ",
                "--osimage",
                "centos",
                "--panel",
                "isp",
                "--cluster_id",
                "1",
                "--social",
                "test",
                "--purpose",
                "test",
                "--callback_url",
                "http://my.domain.com/page/for/callback",
            ],
            "tariff=XENSSD%20VDS%204%20100+&osimage=centos&panel=isp&cluster_id=1&social=test&purpose=test&callback_url=http://my.domain.com/page/for/callback",
        ),
    ];
    for (args, query) in cases {
        let server = Server::answering("true").await;
        let (code, out, err) = outcome(&run(&server, args));
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(out.trim(), "true");
        let received = server.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].method, "POST");
        assert!(received[0].query.is_empty(), "nothing in the URL of a POST");
        assert!(
            received[0].body.contains(PASSWORD),
            "the password travels in the body"
        );
        assert_eq!(sorted_args(&server), [seed(query)], "{args:?}");
    }
    // --json from a file and from standard input.
    let server = Server::answering("true").await;
    let file = std::env::temp_dir().join(format!("dc-cli-{}.json", std::process::id()));
    std::fs::write(&file, r#"{"domains": "a.com"}"#).expect("write");
    let (code, _, err) = outcome(&run(
        &server,
        &["domainsCheck", "--json", &format!("@{}", file.display())],
    ));
    assert_eq!(code, 0, "{err}");
    let mut child = bin()
        .args([
            "--base-url",
            &server.url,
            "--login",
            "demo",
            "--password-file",
            &file.display().to_string(),
            "domainsCheck",
            "--json",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(br#"{"domains": ["b.com", "c.net"]}"#)
            .expect("write");
    }
    assert!(child.wait_with_output().expect("wait").status.success());
    let _ = std::fs::remove_file(&file);
    assert_eq!(
        sorted_args(&server),
        [seed("domains=a.com"), seed("domains=b.com,c.net")]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_status_and_stderr_for_each_outcome() {
    struct Case {
        reply: Reply,
        args: &'static [&'static str],
        code: i32,
        stdout: &'static str,
        stderr: &'static str,
        sent: usize,
    }
    const CHECK: &[&str] = &["domainsCheck", "--domains", "a.com"];
    const BULK: &[&str] = &[
        "domainsRegister",
        "--json",
        r#"[{"domain":"a.com"},{"domain":"test.com"}]"#,
    ];
    let cases = [
        Case {
            reply: Reply::json("true"),
            args: CHECK,
            code: 0,
            stdout: "true",
            stderr: "",
            sent: 1,
        },
        Case {
            reply: Reply::json(r#"{"a.com": 1}"#),
            args: CHECK,
            code: 0,
            stdout: "\"a.com\": 1",
            stderr: "",
            sent: 1,
        },
        Case {
            reply: Reply::json(r#"{"_error": "not enough money"}"#),
            args: CHECK,
            code: 1,
            stdout: "",
            stderr: "error: domainsCheck: not enough money",
            sent: 1,
        },
        Case {
            reply: Reply::json(
                r#"{"0": {"id": 5}, "1": {"_error": "domain is not available"}, "_error": "failed"}"#,
            ),
            args: BULK,
            code: 1,
            stdout: "domain is not available",
            stderr: "1 of 2 items failed: 1: domain is not available",
            sent: 1,
        },
        Case {
            reply: Reply::json(""),
            args: CHECK,
            code: 3,
            stdout: "",
            stderr: "the answer is blank",
            sent: 1,
        },
        Case {
            reply: Reply::Body(502, "<html>Bad Gateway</html>".into()),
            args: CHECK,
            code: 3,
            stdout: "",
            stderr: "HTTP 502",
            sent: 4,
        },
        Case {
            reply: Reply::Body(200, "<html>".into()),
            args: CHECK,
            code: 3,
            stdout: "",
            stderr: "HTML",
            sent: 1,
        },
        Case {
            reply: Reply::json("true"),
            args: &["domainsCheck", "--domains", "a..com"],
            code: 2,
            stdout: "",
            stderr: "\"a..com\" is not a valid domain",
            sent: 0,
        },
        Case {
            reply: Reply::json("true"),
            args: &["domainRegister", "--period", "2"],
            code: 2,
            stdout: "",
            stderr: "argument `domain` is required",
            sent: 0,
        },
        Case {
            reply: Reply::json("true"),
            args: &["domainRegistr", "--domain", "a.com"],
            code: 2,
            stdout: "",
            stderr: "did you mean `domainRegister`",
            sent: 0,
        },
        Case {
            reply: Reply::json("true"),
            args: &["domainsRegister", "--json", "[{\"domain\":"],
            code: 2,
            stdout: "",
            stderr: "--json is not valid JSON",
            sent: 0,
        },
        Case {
            reply: Reply::json("true"),
            args: &["domainRegister", "--domain", "a.com", "--perod", "1"],
            code: 2,
            stdout: "",
            stderr: "error: unexpected argument '--perod' found\n\n  tip: a similar argument exists: '--period'\n",
            sent: 0,
        },
    ];
    for case in cases {
        let reply = case.reply.clone();
        let server = Server::start(move |_| reply.clone()).await;
        let (code, out, err) = outcome(&run(&server, case.args));
        assert_eq!(
            code, case.code,
            "{:?}\nstdout: {out}\nstderr: {err}",
            case.args
        );
        assert!(out.contains(case.stdout), "{:?}: stdout {out:?}", case.args);
        assert!(err.contains(case.stderr), "{:?}: stderr {err:?}", case.args);
        // Our own errors are one line; clap's parse errors are its whole message.
        if code != 0 && !err.starts_with("error: unexpected argument") {
            assert_eq!(err.trim().lines().count(), 1, "one line: {err:?}");
        }
        assert_eq!(server.received().len(), case.sent, "{:?}", case.args);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_does_not_answer_in_time() {
    let server =
        Server::start(|_| Reply::Delay(Duration::from_secs(5), Box::new(Reply::json("true"))))
            .await;
    let started = std::time::Instant::now();
    let (code, _, err) = outcome(&run(
        &server,
        &["--timeout", "0.5", "domainRegister", "--domain", "a.com"],
    ));
    assert_eq!(code, 3, "{err}");
    assert!(started.elapsed() < Duration::from_secs(4));
    assert!(
        err.contains("deadline passed before an answer came") && err.contains("outcome unknown"),
        "{err}"
    );
    assert_eq!(
        server.received().len(),
        1,
        "a registration is never repeated"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn dry_run_sends_nothing_and_hides_the_password() {
    let server = Server::answering("true").await;
    let (code, out, _) = outcome(&run(
        &server,
        &[
            "--dry-run",
            "domainsSetNote",
            "--json",
            r#"[{"domain":"test.com","note":"a&b"}]"#,
        ],
    ));
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("POST {}/domainsSetNote", server.url)),
        "{out}"
    );
    for line in [
        "auth_login=demo",
        "auth_password=***",
        "0[domain]=test.com",
        "0[note]=a&b",
    ] {
        assert!(out.lines().any(|l| l == line), "{line} not in {out}");
    }
    assert!(server.received().is_empty());
    // GET on request: the password is then in the URL, but never printed.
    let (code, _, _) = outcome(&run(
        &server,
        &["--get", "domainsCheck", "--domains", "a.com"],
    ));
    assert_eq!(code, 0);
    let r = &server.received()[0];
    assert_eq!(r.method, "GET");
    assert!(r.query.contains("auth_password="));
    // Credentials from flags and from a file are never echoed either.
    let o = bin()
        .args([
            "--base-url",
            &server.url,
            "--login",
            "demo",
            "--password",
            PASSWORD,
            "domainsCheck",
            "--domains",
            "a..com",
        ])
        .output()
        .expect("run");
    assert_eq!(outcome(&o).0, 2);
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let o = bin()
        .args([
            "--base-url",
            "http://api.domaincontext.com",
            "--login",
            "a",
            "--password",
            PASSWORD,
            "domainsCheck",
            "--domains",
            "a.com",
        ])
        .output()
        .expect("run");
    let (code, _, err) = outcome(&o);
    assert_eq!(code, 2);
    assert!(err.contains("refusing plain HTTP"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn api_arguments_named_like_credentials_stay_api_arguments() {
    let server = Server::answering("true").await;
    let o = bin()
        .args([
            "--base-url",
            &server.url,
            "--login",
            "demo",
            "--password",
            PASSWORD,
        ])
        .args([
            "domainTransfer",
            "--domain",
            "transfer-me.com",
            "--password",
            "Auth-1234",
        ])
        .output()
        .expect("run");
    assert_eq!(outcome(&o).0, 0);
    let params = server.received()[0].params();
    assert!(
        params.contains(&("auth_password".into(), PASSWORD.into())),
        "{params:?}"
    );
    assert!(
        params.contains(&("password".into(), "Auth-1234".into())),
        "{params:?}"
    );
    let o = bin()
        .args([
            "--base-url",
            &server.url,
            "--login",
            "demo",
            "--password",
            PASSWORD,
            "clientCheck",
            "--login",
            "other",
            "--password",
            "x1",
        ])
        .output()
        .expect("run");
    assert_eq!(outcome(&o).0, 0);
    let params = server.received()[1].params();
    assert!(
        params.contains(&("auth_login".into(), "demo".into()))
            && params.contains(&("login".into(), "other".into())),
        "{params:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn numbers_are_printed_exactly_as_the_api_sent_them() {
    // Each answer's numbers, as the API wrote them; serde_json's Value would print the
    // first as 1.2345678901234568e22 and the second as 990.0.
    let cases = [
        (
            r#"{"id":12345678901234567890123,"price":990.00}"#,
            &["12345678901234567890123", "990.00"][..],
        ),
        (
            "\u{feff}{\"balance\":1.10E+2,\"credit\":-0.10}",
            &["1.10E+2", "-0.10"][..],
        ),
        (
            r#"{"a.com":{"id":18446744073709551616,"price":"990.00"}}"#,
            &["18446744073709551616", "\"990.00\""][..],
        ),
    ];
    let mut checked = 0;
    for (answer, tokens) in cases {
        let server = Server::start(move |_| Reply::json(answer)).await;
        let (code, out, err) = outcome(&run(&server, &["domainGetInfo", "--domain", "a.com"]));
        assert_eq!(code, 0, "{err}");
        for t in tokens {
            assert!(out.contains(t), "{t} missing from:\n{out}");
            checked += 1;
        }
    }
    assert_eq!(checked, 6);
}
