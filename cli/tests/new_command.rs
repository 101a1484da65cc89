//! Adding a command the provider published is one YAML edit and a rebuild: this test adds
//! `domainGetHistory` (and its bulk twin) to a copy of the spec, builds the workspace
//! against that copy, and finds the new client method, the new CLI subcommand with its
//! help, and the sandbox's validation of it.
//!
//! It rebuilds the client, the sandbox and the CLI, so it is ignored by `cargo test` and run
//! as a step of its own by `.ci/run` (`--ignored`). It builds in the workspace's own target
//! directory (or `CARGO_TARGET_DIR`), so the dependencies are reused, not built again; the
//! crates built from the copied spec are rebuilt by the next ordinary build.

use std::path::{Path, PathBuf};
use std::process::Command;

const NEW_COMMANDS: &str = r#"
  domainGetHistory:
    description: Get the history of the domain
    effect: read
    args:
      id: {type: id, required: true}

  domainsGetHistory:
    description: Get the history of given domains
    effect: read
    array_of: domainGetHistory
"#;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read spec dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
#[ignore = "rebuilds the workspace from a changed spec; .ci/run runs it as its own step"]
fn a_command_added_to_the_spec_reaches_client_cli_and_sandbox() {
    let repo = repo();
    let work = repo.join("target").join("spec-copy");
    let spec = work.join("spec");
    let _ = std::fs::remove_dir_all(&spec);
    copy_dir(&repo.join("spec"), &spec);
    let file = spec.join("commands").join("1-domains.yaml");
    let text = std::fs::read_to_string(&file).expect("read") + NEW_COMMANDS;
    std::fs::write(&file, text).expect("write");
    // The workspace's target directory: the dependencies are already built there.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target"));

    // A program that uses the new client method and request type.
    let user = work.join("user");
    std::fs::create_dir_all(user.join("src")).expect("mkdir");
    std::fs::write(
        user.join("Cargo.toml"),
        format!(
            "[package]\nname = \"uses-new-command\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\ndomaincontext = {{ path = {:?} }}\n",
            repo.display().to_string()
        ),
    )
    .expect("write manifest");
    std::fs::write(
        user.join("src/main.rs"),
        r#"fn main() {
    let request = domaincontext::requests::DomainGetHistory::new("7".parse().expect("id"));
    let bulk = domaincontext::requests::DomainsGetHistory::new([request.clone()]);
    let client = domaincontext::Client::builder().build().expect("client");
    let _call = client.domain_get_history(&request);
    let _bulk = client.domains_get_history(&bulk);
    // A user builds with default features: no registry, the request knows its own name.
    println!("{}", domaincontext::Command::name(&request));
}
"#,
    )
    .expect("write main");
    let _ = std::fs::copy(repo.join("Cargo.lock"), user.join("Cargo.lock"));
    let out = cargo()
        .args(["run", "--quiet", "--manifest-path"])
        .arg(user.join("Cargo.toml"))
        .env("DOMAINCONTEXT_SPEC_DIR", &spec)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo run");
    assert!(
        out.status.success(),
        "the user program did not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "domainGetHistory"
    );

    // The CLI (with the sandbox in it) built from the same copy.
    let status = cargo()
        .args([
            "build",
            "--quiet",
            "-p",
            "domaincontext-cli",
            "--manifest-path",
        ])
        .arg(repo.join("Cargo.toml"))
        .env("DOMAINCONTEXT_SPEC_DIR", &spec)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .expect("cargo build");
    assert!(status.success());
    let bin = target
        .join("debug")
        .join(format!("domaincontext{}", std::env::consts::EXE_SUFFIX));
    let run = |args: &[&str]| Command::new(&bin).args(args).output().expect("run");

    let listed = String::from_utf8_lossy(&run(&["commands"]).stdout).into_owned();
    assert!(
        listed.lines().any(|l| l == "domainGetHistory")
            && listed.lines().any(|l| l == "domainsGetHistory"),
        "{listed}"
    );
    let help = String::from_utf8_lossy(&run(&["help", "domainGetHistory"]).stdout).into_owned();
    assert!(
        help.contains("Get the history of the domain") && help.contains("--id <id> (required)"),
        "{help}"
    );

    // Validated by the CLI before anything is sent...
    let o = run(&["--sandbox", "domainGetHistory", "--id", "0"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // ...and answered by the sandbox, which validates it too.
    let o = run(&["--sandbox", "domainGetHistory", "--id", "5504202"]);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        !stderr.contains("unknown command") && !stderr.contains("HTTP"),
        "{stderr}"
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{stderr}");
    let o = run(&[
        "--sandbox",
        "domainsGetHistory",
        "--json",
        r#"[{"id": 5504202}, {"id": 1}]"#,
    ]);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&[
        "--sandbox",
        "--dry-run",
        "domainsGetHistory",
        "--json",
        r#"[{"id": 3}]"#,
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("0[id]=3"));

    // The standalone sandbox, sent a bad value directly, refuses it with the rule.
    let mut server = Command::new(&bin)
        .args(["sandbox", "serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    {
        use std::io::BufRead;
        let stdout = server.stdout.as_mut().expect("stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("url line");
    }
    let url = line.trim().to_owned();
    let bad = post(
        &url,
        "/domainGetHistory",
        "auth_login=demo&auth_password=demo&id=0",
    );
    let good = post(
        &url,
        "/domainGetHistory",
        "auth_login=demo&auth_password=demo&id=5504202",
    );
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        bad.contains("_error") && bad.contains("domainGetHistory") && bad.contains("id"),
        "{bad}"
    );
    assert!(!good.contains("unknown command"), "{good}");
}

/// A raw HTTP/1.1 POST; the whole response as text.
fn post(base: &str, path: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout");
    let request = format!(
        "POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("write");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}
