//! `domaincontext-codegen`: check, render, list and diff spec directories (see `--help`).

use std::io::Write;

fn main() {
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(a) => args.push(a),
            Err(a) => {
                eprintln!("error: argument {a:?} is not valid UTF-8");
                std::process::exit(2);
            }
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut err = std::io::stderr().lock();
    let mut code = domaincontext_codegen::tool::run(&args, &mut out, &mut err);
    if out.flush().is_err() && code == 0 {
        code = 1;
    }
    drop(out);
    std::process::exit(code);
}
