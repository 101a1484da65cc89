//! Turns a subcommand's flags and `--json` into the JSON tree that mirrors the form, which
//! the generated layer parses and validates.

use clap::ArgMatches;
use domaincontext::CommandInfo;
use serde_json::{Map, Value};

/// The arguments of `info` as given on the command line, `--json` read through
/// `json_limit` bytes.
pub fn collect(info: &CommandInfo, m: &ArgMatches, json_limit: u64) -> Result<Value, String> {
    let base = match m.get_one::<String>("json") {
        Some(source) => crate::input::json(source, json_limit)?,
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
