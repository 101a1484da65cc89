//! Every program in `examples/` runs against a sandbox on 127.0.0.1 and exits 0, and says
//! what it was written to show (the items' own results, every page, the unknown outcome
//! looked up rather than sent again). The examples are run as built: `cargo test` builds
//! them into `target/debug/examples`; when they are missing or older than their source
//! (`cargo test --test examples_run` alone builds none), this test builds them first.
//! `sandbox_in_tests` is a test file in form: `cargo test` runs its tests (`test = true`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use domaincontext::requests::DomainsSearch;
use domaincontext::{Client, DEFAULT_PAGE_SIZE};
use domaincontext_sandbox::{Config, Fault, FaultKind, Running};

/// The examples run here, against a sandbox this test starts.
const EXAMPLES: &[&str] = &[
    "register_and_dns",
    "bulk_register",
    "search_all",
    "outcome_unknown",
];

/// The examples written as tests, which `cargo test` runs itself (`test = true`).
const TESTED: &[&str] = &["sandbox_in_tests"];

/// Longest an example may run: each makes a handful of calls.
const LIMIT: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread")]
async fn every_example_runs_against_the_sandbox_and_exits_0() {
    let dir = examples_dir();
    assert_eq!(
        source_names(),
        sorted(&[EXAMPLES, TESTED].concat()),
        "every file in examples/ is run here or by cargo test"
    );
    let manifest = include_str!("../Cargo.toml");
    for name in TESTED {
        let entry = format!("[[example]]\nname = \"{name}\"\ntest = true\n");
        assert!(manifest.contains(&entry), "{name} is tested by cargo test");
    }
    build_if_stale(&dir);
    let mut runs = 0;

    // Register and set DNS: both records read back.
    let sandbox = start(Config::new()).await;
    let out = run(&dir, "register_and_dns", &sandbox, &["dns-example.com"]).await;
    assert!(out.contains("registered dns-example.com (id "), "{out}");
    assert!(out.contains("2 records"), "{out}");
    assert!(has_domain(&sandbox, "dns-example.com"));
    sandbox.shutdown().await;
    runs += 1;

    // Bulk: the taken name refused on its own, the other two registered.
    let sandbox = start(Config::new()).await;
    let out = run(&dir, "bulk_register", &sandbox, &[]).await;
    assert!(out.contains("test.com: refused: "), "{out}");
    assert!(out.contains("2 registered, 1 refused"), "{out}");
    sandbox.shutdown().await;
    runs += 1;

    // Paging: three pages and more, every row once (the oracle is one `limit=ALL` call).
    let sandbox = start(Config::new().generated_domains(2 * DEFAULT_PAGE_SIZE as usize + 50)).await;
    let all = client(&sandbox)
        .domains_search(&DomainsSearch::new().limit("ALL".parse().unwrap()))
        .await
        .unwrap()
        .len();
    assert!(all > 2 * DEFAULT_PAGE_SIZE as usize, "{all} rows");
    let before = searches(&sandbox);
    let out = run(&dir, "search_all", &sandbox, &[]).await;
    assert!(out.contains(&format!("total: {all} domains")), "{out}");
    assert_eq!(
        searches(&sandbox) - before,
        all.div_ceil(DEFAULT_PAGE_SIZE as usize),
        "one call a page"
    );
    sandbox.shutdown().await;
    runs += 1;

    // Outcome unknown: the first registration's answer is dropped after it was carried
    // out; the example looks it up and does not register again.
    let drop_first = Fault::on("domainRegister", FaultKind::DropAfterApply).times(1);
    let sandbox = start(Config::new().faults(vec![drop_first])).await;
    let out = run(&dir, "outcome_unknown", &sandbox, &["lost-example.com"]).await;
    assert!(out.contains("lost-example.com: outcome unknown: "), "{out}");
    assert!(
        out.contains("lost-example.com: registered after all; not sent again"),
        "{out}"
    );
    assert_eq!(registrations(&sandbox), 1, "sent once");
    assert!(has_domain(&sandbox, "lost-example.com"));
    sandbox.shutdown().await;
    runs += 1;

    // ... and with no fault it simply registers.
    let sandbox = start(Config::new()).await;
    let out = run(&dir, "outcome_unknown", &sandbox, &["plain-example.com"]).await;
    assert!(out.contains("plain-example.com: registered\n"), "{out}");
    assert_eq!(registrations(&sandbox), 1, "sent once");
    sandbox.shutdown().await;
    runs += 1;

    assert_eq!(
        runs,
        EXAMPLES.len() + 1,
        "every example run, one of them twice"
    );
}

async fn start(config: Config) -> Running {
    domaincontext_sandbox::start(config).await.unwrap()
}

fn client(sandbox: &Running) -> Client {
    Client::builder()
        .base_url(sandbox.url())
        .credentials("demo", "demo")
        .rate_limit(None)
        .build()
        .unwrap()
}

fn has_domain(sandbox: &Running, name: &str) -> bool {
    sandbox.state().domains.values().any(|d| d.domain == name)
}

fn searches(sandbox: &Running) -> usize {
    count(sandbox, "domainsSearch")
}

fn registrations(sandbox: &Running) -> usize {
    count(sandbox, "domainRegister")
}

fn count(sandbox: &Running, command: &str) -> usize {
    sandbox
        .requests()
        .iter()
        .filter(|r| r.command == command)
        .count()
}

/// Runs `name` with the sandbox's URL and demo credentials in its environment, as the
/// examples' documentation says to.
/// The example runs to its end (the sandbox keeps serving on the runtime's other threads
/// meanwhile); answers its stdout, and fails unless it exits 0 in time.
async fn run(dir: &Path, name: &str, sandbox: &Running, args: &[&str]) -> String {
    let mut command = Command::new(dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)));
    command
        .args(args)
        .env("DOMAINCONTEXT_BASE_URL", sandbox.url())
        .env("DOMAINCONTEXT_LOGIN", "demo")
        .env("DOMAINCONTEXT_PASSWORD", "demo")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let name = name.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > LIMIT {
                child.kill().unwrap();
                panic!("example {name} ran longer than {LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "example {name} exited with {}\nstdout:\n{stdout}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    })
    .await
    .unwrap()
}

/// `target/debug/examples`, beside `target/debug/deps` where this test runs.
fn examples_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().and_then(Path::parent).unwrap();
    profile.join("examples")
}

fn source_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    names.sort();
    names
}

/// Builds the examples when one is missing or older than its source: a run of this test
/// alone (`--test examples_run`) builds no example.
fn build_if_stale(dir: &Path) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = EXAMPLES.iter().any(|name| {
        let built = modified(&dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)));
        let source = modified(&src.join(format!("{name}.rs")));
        built.is_none() || built < source
    });
    if !stale {
        return;
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = Command::new(cargo);
    build
        .args(["build", "--examples", "--locked", "-p", "domaincontext"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    // What cargo set for this test's run, not the caller's environment: build scripts that
    // watch these (ring watches CARGO_MANIFEST_DIR and CARGO_PKG_NAME) would otherwise be
    // rebuilt here, and again by the next `cargo test`.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let set_by_cargo = name == "OUT_DIR"
            || name == "CARGO_TARGET_TMPDIR"
            || [
                "CARGO_PKG_",
                "CARGO_MANIFEST_",
                "CARGO_CRATE_",
                "CARGO_BIN_",
                "CARGO_PRIMARY_",
                "CARGO_CFG_",
            ]
            .iter()
            .any(|p| name.starts_with(p));
        if set_by_cargo {
            build.env_remove(name.as_ref());
        }
    }
    let status = build.status().unwrap();
    assert!(status.success(), "cargo build --examples failed");
}
