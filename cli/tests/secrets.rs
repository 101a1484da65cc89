//! The leak test of secrets: every secret argument of every command (at any depth: bulk
//! items, records, maps) gets its own sentinel value, and each such command goes through
//! everything that prints or logs: the request's Debug, `Client::prepare` (Display, Debug,
//! params) for POST and GET, a real call against the sandbox (answer or error), the
//! sandbox's request log, validation errors (another argument invalid; the secret itself
//! invalid) in the library, in the sandbox and in the CLI, and the CLI's `--dry-run` (POST
//! and GET), stdout and stderr. No sentinel may appear anywhere, except on the stdout of
//! `domainGetPassword`, whose purpose is to print a secret.

use std::process::{Command, Output};
use std::time::Duration;

use domaincontext::registry::COMMANDS;
use domaincontext::{ArgInfo, ArgKind, Client, CommandInfo, Method, Request, RetryPolicy};
use serde_json::{Map, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The account password: a sentinel too.
const ACCOUNT_PASSWORD: &str = "Acct-Sx999x-Secret";

/// The one command whose answer on stdout may show a secret.
const ASKS_FOR_A_SECRET: &str = "domainGetPassword";

fn is_secret(type_name: &str) -> bool {
    domaincontext::type_info(type_name).is_some_and(|t| t.secret)
}

/// The secret arguments among `args`, records' fields included, as the registry says.
fn count_secret(args: &[ArgInfo]) -> usize {
    args.iter()
        .map(|a| match a.kind {
            ArgKind::Type(t) | ArgKind::MapOf(t) => usize::from(is_secret(t)),
            ArgKind::Records { .. } => count_secret(a.fields),
        })
        .sum()
}

/// A value valid for `type_name`, distinct for each `n`, that no other output contains
/// by chance: made of characters that neither percent-encoding nor JSON changes.
fn sentinel(type_name: &str, n: usize) -> String {
    let Some(ty) = domaincontext::type_info(type_name) else {
        panic!("no type {type_name}");
    };
    [
        format!("Sx{n:03}xSecret"),
        format!("~{n:02}~"),
        format!("9{n:03}"),
    ]
    .into_iter()
    .find(|c| (ty.check)(c).is_ok())
    .unwrap_or_else(|| panic!("no sentinel is valid for {type_name}"))
}

/// Puts a fresh sentinel in every secret argument of `obj` (one item's or one record's
/// arguments); returns how many were put.
fn fill(args: &[ArgInfo], obj: &mut Map<String, Value>, sentinels: &mut Vec<String>) -> usize {
    let mut filled = 0;
    for a in args {
        match a.kind {
            ArgKind::Type(t) if is_secret(t) => {
                let s = sentinel(t, sentinels.len());
                obj.insert(a.name.to_owned(), Value::String(s.clone()));
                sentinels.push(s);
                filled += 1;
            }
            ArgKind::MapOf(t) if is_secret(t) => {
                let s = sentinel(t, sentinels.len());
                let mut map = Map::new();
                map.insert("key".to_owned(), Value::String(s.clone()));
                obj.insert(a.name.to_owned(), Value::Object(map));
                sentinels.push(s);
                filled += 1;
            }
            ArgKind::Type(_) | ArgKind::MapOf(_) => {}
            ArgKind::Records { flatten } => {
                let records: Vec<&mut Value> = if flatten {
                    obj.iter_mut()
                        .filter(|(k, _)| k.bytes().all(|b| b.is_ascii_digit()))
                        .map(|(_, v)| v)
                        .collect()
                } else {
                    match obj.get_mut(a.name) {
                        Some(Value::Object(m)) => m.values_mut().collect(),
                        _ => Vec::new(),
                    }
                };
                let mut one = 0;
                for r in records {
                    if let Value::Object(r) = r {
                        one = fill(a.fields, r, sentinels);
                    }
                }
                filled += one;
            }
        }
    }
    filled
}

/// Applies `f` to each item's arguments: the arguments themselves, or each bulk item's;
/// returns the number of items.
fn each_item(
    info: &CommandInfo,
    args: &mut Value,
    mut f: impl FnMut(&mut Map<String, Value>),
) -> usize {
    let items: Vec<&mut Value> = match (info.bulk_of, args) {
        (None, v) => vec![v],
        (Some(_), Value::Array(list)) => list.iter_mut().collect(),
        (Some(_), Value::Object(keyed)) => keyed.values_mut().collect(),
        (Some(_), _) => Vec::new(),
    };
    let mut n = 0;
    for item in items {
        if let Value::Object(m) = item {
            f(m);
            n += 1;
        }
    }
    n
}

/// Makes one argument other than the secrets invalid (a non-blank invalid value of its
/// type), or adds an unknown one; returns the argument's name.
fn break_other(args: &[ArgInfo], obj: &mut Map<String, Value>) -> String {
    for a in args {
        let ArgKind::Type(t) = a.kind else { continue };
        let Some(ty) = domaincontext::type_info(t) else {
            continue;
        };
        if ty.secret || !a.one_of.is_empty() {
            continue;
        }
        if let Some(bad) = ty
            .invalid
            .iter()
            .find(|v| !v.trim().is_empty() && (ty.check)(v).is_err())
        {
            obj.insert(a.name.to_owned(), Value::String((*bad).to_owned()));
            return a.name.to_owned();
        }
    }
    obj.insert("no_such_argument".to_owned(), Value::String("x".to_owned()));
    "no_such_argument".to_owned()
}

/// Makes every secret argument invalid while it still holds its sentinel (a forbidden
/// character, or one too many); returns how many were broken.
fn break_secrets(args: &[ArgInfo], obj: &mut Map<String, Value>) -> usize {
    let mut n = 0;
    for a in args {
        match a.kind {
            ArgKind::Type(t) if is_secret(t) => {
                let Some(ty) = domaincontext::type_info(t) else {
                    continue;
                };
                if let Some(Value::String(s)) = obj.get(a.name) {
                    let bad = [format!("{s}\n"), format!("{s}X"), format!("{s}\t")]
                        .into_iter()
                        .find(|c| (ty.check)(c).is_err());
                    if let Some(bad) = bad {
                        obj.insert(a.name.to_owned(), Value::String(bad));
                        n += 1;
                    }
                }
            }
            ArgKind::Records { flatten: false } => {
                if let Some(Value::Object(m)) = obj.get_mut(a.name) {
                    for r in m.values_mut() {
                        if let Value::Object(r) = r {
                            n += break_secrets(a.fields, r);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    n
}

/// The form pairs that mirror a JSON tree (`a[1][b]=v`), as a browser or PHP would send.
fn pairs(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}[{k}]")
                };
                pairs(&key, v, out);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                pairs(&format!("{prefix}[{i}]"), v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

/// POSTs a raw form to the sandbox, as a client that does not validate would.
async fn raw_post(url: &str, command: &str, args: &Value) -> String {
    let mut form = vec![
        ("auth_login".to_owned(), "demo".to_owned()),
        ("auth_password".to_owned(), ACCOUNT_PASSWORD.to_owned()),
    ];
    pairs("", args, &mut form);
    let body = domaincontext::form::encode(form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let addr = url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "POST /{command} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body.as_bytes()).await.expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("read");
    answer
}

/// Everything printed, logged or formatted, each under a label, to be scanned.
#[derive(Default)]
struct Seen {
    texts: Vec<(String, String)>,
}

impl Seen {
    fn add(&mut self, label: impl Into<String>, text: impl Into<String>) {
        self.texts.push((label.into(), text.into()));
    }

    fn output(&mut self, label: &str, o: &Output, stdout_may_show_secret: bool) {
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        if stdout_may_show_secret {
            self.add(format!("{label} stdout (allowed)"), "");
        } else {
            self.add(format!("{label} stdout"), out);
        }
        self.add(
            format!("{label} stderr"),
            String::from_utf8_lossy(&o.stderr),
        );
    }

    /// Every (label, sentinel) where a sentinel shows.
    fn leaks(&self, sentinels: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for (label, text) in &self.texts {
            for s in sentinels {
                if text.contains(s.as_str()) {
                    let at = text.find(s.as_str()).unwrap_or(0);
                    let from = text[..at]
                        .char_indices()
                        .rev()
                        .nth(60)
                        .map_or(0, |(i, _)| i);
                    let context: String = text[from..].chars().take(120).collect();
                    out.push(format!("{label}: {s:?} in …{context:?}"));
                }
            }
        }
        out
    }
}

fn cli(url: &str, extra: &[&str], command: &str, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_domaincontext"))
        .args(["--base-url", url, "--rate", "0", "--timeout", "20"])
        .args(extra)
        .arg(command)
        .args(args)
        .env("DOMAINCONTEXT_LOGIN", "demo")
        .env("DOMAINCONTEXT_PASSWORD", ACCOUNT_PASSWORD)
        .output()
        .expect("run the binary")
}

/// The arguments as flags where they are plain values (`--password VALUE`), the rest as
/// `--json`: how a user types a single command.
fn as_flags(info: &CommandInfo, args: &Value) -> Vec<String> {
    let Value::Object(m) = args else {
        return vec!["--json".to_owned(), args.to_string()];
    };
    let mut flags = Vec::new();
    let mut rest = Map::new();
    for (k, v) in m {
        let plain = info
            .args
            .iter()
            .any(|a| a.name == k && matches!(a.kind, ArgKind::Type(_)));
        match v {
            Value::String(s) if plain => {
                flags.push(format!("--{k}"));
                flags.push(s.clone());
            }
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    if !rest.is_empty() {
        flags.push("--json".to_owned());
        flags.push(Value::Object(rest).to_string());
    }
    flags
}

fn client(url: &str, method: Method) -> Client {
    Client::builder()
        .base_url(url)
        .credentials("demo", ACCOUNT_PASSWORD)
        .method(method)
        .rate_limit(None)
        .retry(RetryPolicy::NONE)
        .timeout(Duration::from_secs(20))
        .build()
        .expect("a loopback client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_argument_shows_anywhere() {
    let mut state = domaincontext_sandbox::State::default();
    state
        .clients
        .get_mut("demo")
        .expect("the demo account")
        .password = ACCOUNT_PASSWORD.to_owned();
    let sandbox = domaincontext_sandbox::start(domaincontext_sandbox::Config::new().data(state))
        .await
        .expect("the sandbox starts");
    let url = sandbox.url().to_owned();
    let (post, get) = (client(&url, Method::Post), client(&url, Method::Get));

    let mut seen = Seen::default();
    let mut sentinels = vec![ACCOUNT_PASSWORD.to_owned()];
    let (mut commands, mut covered, mut expected) = (0, 0, 0);
    let (mut refused_other, mut refused_secret, mut cli_runs) = (0, 0, 0);
    for info in &COMMANDS {
        let in_registry = count_secret(info.args);
        if in_registry == 0 {
            continue;
        }
        assert!(
            info.bulk_key.is_none_or(|k| !info
                .args
                .iter()
                .any(|a| a.name == k && matches!(a.kind, ArgKind::Type(t) if is_secret(t)))),
            "{}: a secret bulk key would be a map key",
            info.name
        );
        commands += 1;
        let name = info.name;
        let mut args = info.example_args(true);
        let mut filled = 0;
        let n_items = each_item(info, &mut args, |item| {
            filled += fill(info.args, item, &mut sentinels)
        });
        assert!(n_items >= 1, "{name}: example arguments have an item");
        assert_eq!(
            filled,
            in_registry * n_items,
            "{name}: every secret argument of every item got a sentinel"
        );
        expected += in_registry;
        covered += filled / n_items;

        // The library: the request, prepared for POST and GET, and a call of each.
        let request = Request::from_args(name, &args)
            .unwrap_or_else(|e| panic!("{name}: the sentinels are valid values: {e}"));
        seen.add(format!("{name} request Debug"), format!("{request:?}"));
        for (m, c) in [("POST", &post), ("GET", &get)] {
            let p = c.prepare(&request).expect("prepare");
            seen.add(format!("{name} prepare {m} Display"), p.to_string());
            seen.add(format!("{name} prepare {m} Debug"), format!("{p:?}"));
            seen.add(
                format!("{name} prepare {m} params"),
                format!("{:?}", p.params()),
            );
            match c.call(&request).await {
                Ok(reply) => seen.add(format!("{name} call {m} reply"), format!("{reply:?}")),
                Err(e) => seen.add(format!("{name} call {m} error"), format!("{e} {e:?}")),
            }
        }

        // Validation errors: another argument invalid, then the secrets themselves.
        let mut other = args.clone();
        each_item(info, &mut other, |item| {
            break_other(info.args, item);
        });
        let mut bad_secret = args.clone();
        let mut broken = 0;
        each_item(info, &mut bad_secret, |item| {
            broken += break_secrets(info.args, item)
        });
        for (what, bad) in [("other argument", &other), ("secret", &bad_secret)] {
            if what == "secret" && broken == 0 {
                continue;
            }
            let e = Request::from_args(name, bad)
                .expect_err(&format!("{name}: an invalid {what} is refused"));
            seen.add(
                format!("{name} invalid {what} error"),
                format!("{e} {e:?} {:?}", domaincontext::Error::from(e.clone())),
            );
            let answer = raw_post(&url, name, bad).await;
            assert!(
                answer.contains("_error"),
                "{name}: the sandbox refuses an invalid {what}: {answer}"
            );
            seen.add(format!("{name} sandbox answer to invalid {what}"), answer);
            let o = cli(&url, &[], name, &["--json".to_owned(), bad.to_string()]);
            assert_eq!(o.status.code(), Some(2), "{name}: invalid {what} exits 2");
            seen.output(&format!("{name} cli invalid {what}"), &o, false);
            cli_runs += 1;
            if what == "secret" {
                refused_secret += 1;
            } else {
                refused_other += 1;
            }
        }

        // The CLI: dry runs (flags and POST, JSON and GET) and real calls.
        let json = vec!["--json".to_owned(), args.to_string()];
        let flags = as_flags(info, &args);
        for (label, extra, argv, real) in [
            ("dry-run POST flags", &["--dry-run"][..], &flags, false),
            ("dry-run GET", &["--dry-run", "--get"][..], &json, false),
            ("call POST", &[][..], &json, true),
            ("call GET", &["--get"][..], &flags, true),
        ] {
            let o = cli(&url, extra, name, argv);
            if !real {
                assert_eq!(o.status.code(), Some(0), "{name} {label}: {o:?}");
                assert!(
                    String::from_utf8_lossy(&o.stdout).contains("auth_password=***"),
                    "{name} {label} prints the request"
                );
            }
            seen.output(
                &format!("{name} cli {label}"),
                &o,
                real && name == ASKS_FOR_A_SECRET,
            );
            cli_runs += 1;
        }
    }

    // The sandbox's request log, of everything above.
    let log = sandbox.requests();
    assert!(log.len() >= 5 * commands, "{} requests logged", log.len());
    for r in &log {
        seen.add(format!("sandbox log {}", r.command), format!("{r:?}"));
    }

    let total = COMMANDS.iter().filter(|c| count_secret(c.args) > 0).count();
    println!(
        "secrets: {commands} commands with {covered} secret arguments covered \
         (registry: {total} commands, {expected} secret arguments); {} sentinels; \
         {refused_other} + {refused_secret} validation errors; {cli_runs} CLI runs; \
         {} requests logged; {} texts scanned",
        sentinels.len(),
        log.len(),
        seen.texts.len()
    );
    assert_eq!(commands, total);
    assert_eq!(covered, expected);
    assert!(
        commands >= 12 && covered >= 14,
        "too few: {commands} commands, {covered} secret arguments"
    );
    assert_eq!(
        refused_other, commands,
        "one refusal of another argument each"
    );
    assert_eq!(
        refused_secret, commands,
        "one refusal of the secret itself each"
    );
    let leaks = seen.leaks(&sentinels);
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    sandbox.shutdown().await;
}
