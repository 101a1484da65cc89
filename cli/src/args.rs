//! Turns a subcommand's flags and `--json` into the JSON tree that mirrors the form, which
//! the generated layer parses and validates.

use std::io::Read;

use clap::ArgMatches;
use domaincontext::CommandInfo;
use serde_json::{Map, Value};

/// The arguments of `info` as given on the command line.
pub fn collect(info: &CommandInfo, m: &ArgMatches) -> Result<Value, String> {
    let base = match m.get_one::<String>("json") {
        Some(source) => read_json(source)?,
        None => Value::Null,
    };
    let mut flags = Map::new();
    if info.bulk_of.is_none() {
        for a in info.args {
            if let Ok(Some(v)) = m.try_get_one::<String>(a.name) {
                flags.insert(a.name.to_owned(), Value::String(v.clone()));
            }
        }
    }
    if flags.is_empty() {
        return Ok(base);
    }
    match base {
        Value::Null => Ok(Value::Object(flags)),
        Value::Object(mut obj) => {
            obj.extend(flags);
            Ok(Value::Object(obj))
        }
        _ => Err("--json must be an object when given with argument flags".to_owned()),
    }
}

/// `--json` takes JSON text, `@file` or `-` (standard input).
fn read_json(source: &str) -> Result<Value, String> {
    let text = if source == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read --json from standard input: {e}"))?;
        s
    } else if let Some(path) = source.strip_prefix('@') {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read --json file {path}: {e}"))?
    } else {
        source.to_owned()
    };
    serde_json::from_str(&text).map_err(|e| format!("--json is not valid JSON: {e}"))
}
