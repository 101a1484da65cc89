//! Turns a subcommand's flags and `--json` into the JSON tree that mirrors the form, which
//! the generated layer parses and validates. Records arguments come from repeated
//! `--record 'type=a,value=1.2.3.4'` flags, maps from repeated `--<name> KEY=VALUE`.

use clap::ArgMatches;
use domaincontext::{ArgInfo, ArgKind, CommandInfo};
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
            match a.kind {
                ArgKind::Type(_) => {
                    if let Ok(Some(v)) = m.try_get_one::<String>(a.name) {
                        flags.insert(a.name.to_owned(), Value::String(v.clone()));
                    }
                }
                ArgKind::Records { flatten } => {
                    let Ok(Some(given)) = m.try_get_many::<String>(a.name) else {
                        continue;
                    };
                    let flag = crate::app::record_flag(a.name);
                    let mut records = Map::new();
                    for (n, text) in given.enumerate() {
                        let (key, record) = record(flag, a.fields, text)?;
                        let key = key.unwrap_or_else(|| (n + 1).to_string());
                        if records.insert(key.clone(), Value::Object(record)).is_some() {
                            return Err(format!("--{flag}: record {key} is given twice"));
                        }
                    }
                    if flatten {
                        flags.extend(records);
                    } else {
                        flags.insert(a.name.to_owned(), Value::Object(records));
                    }
                }
                ArgKind::MapOf(_) => {
                    let Ok(Some(given)) = m.try_get_many::<String>(a.name) else {
                        continue;
                    };
                    let mut map = Map::new();
                    for text in given {
                        let Some((k, v)) = text.split_once('=') else {
                            return Err(format!("--{} takes KEY=VALUE, got {text:?}", a.name));
                        };
                        map.insert(k.trim().to_owned(), Value::String(v.to_owned()));
                    }
                    flags.insert(a.name.to_owned(), Value::Object(map));
                }
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

/// One `--record`: `[N:]field=value,field=value`, a comma in a value written `\,`. `N:`
/// gives the record's number (to change or delete an existing record); without it records
/// are numbered from 1 in the order given.
pub fn record(
    flag: &str,
    fields: &[ArgInfo],
    text: &str,
) -> Result<(Option<String>, Map<String, Value>), String> {
    let (key, body) = match text.split_once(':') {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            (Some(n.to_owned()), rest)
        }
        _ => (None, text),
    };
    let names = || fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ");
    let mut record = Map::new();
    for pair in split_unescaped(body) {
        if pair.trim().is_empty() {
            continue;
        }
        let Some((name, value)) = pair.split_once('=') else {
            return Err(format!(
                "--{flag} takes FIELD=VALUE pairs separated by commas, got {pair:?} (fields: {})",
                names()
            ));
        };
        let name = name.trim();
        if !fields.iter().any(|f| f.name == name) {
            return Err(format!(
                "--{flag}: unknown field {name:?} (fields: {})",
                names()
            ));
        }
        if record
            .insert(name.to_owned(), Value::String(value.to_owned()))
            .is_some()
        {
            return Err(format!("--{flag}: field {name} is given twice"));
        }
    }
    if record.is_empty() {
        return Err(format!(
            "--{flag} needs at least one FIELD=VALUE (fields: {})",
            names()
        ));
    }
    Ok((key, record))
}

/// `text` split at commas not preceded by a backslash; `\,` becomes `,`.
fn split_unescaped(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&',') => {
                chars.next();
                if let Some(last) = parts.last_mut() {
                    last.push(',');
                }
            }
            ',' => parts.push(String::new()),
            c => {
                if let Some(last) = parts.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> &'static [ArgInfo] {
        let info = domaincontext::command("domainSetDNS").unwrap();
        info.args
            .iter()
            .find(|a| a.name == "records")
            .unwrap()
            .fields
    }

    /// The text of a `--record`, and its key and fields or its error.
    type Case = (
        &'static str,
        Result<(Option<&'static str>, Value), &'static str>,
    );

    #[test]
    fn records_read_as_their_fields() {
        let cases: [Case; 7] = [
            (
                "type=a,value=1.2.3.4,ttl=3600,status=new",
                Ok((
                    None,
                    serde_json::json!({"type":"a","value":"1.2.3.4","ttl":"3600","status":"new"}),
                )),
            ),
            (
                "3:status=deleted",
                Ok((Some("3"), serde_json::json!({"status":"deleted"}))),
            ),
            (
                r"type=txt,value=v=spf1 a\, mx",
                Ok((
                    None,
                    serde_json::json!({"type":"txt","value":"v=spf1 a, mx"}),
                )),
            ),
            (
                "kind=a",
                Err(
                    r#"--record: unknown field "kind" (fields: name, type, value, no, ttl, status)"#,
                ),
            ),
            (
                "type",
                Err(
                    r#"--record takes FIELD=VALUE pairs separated by commas, got "type" (fields: name, type, value, no, ttl, status)"#,
                ),
            ),
            (
                "",
                Err(
                    "--record needs at least one FIELD=VALUE (fields: name, type, value, no, ttl, status)",
                ),
            ),
            ("type=a,type=mx", Err("--record: field type is given twice")),
        ];
        for (text, expected) in &cases {
            let got = record("record", fields(), text);
            match expected {
                Ok((key, value)) => {
                    let (k, r) = got.unwrap();
                    assert_eq!(k.as_deref(), *key, "{text}");
                    assert_eq!(&Value::Object(r), value, "{text}");
                }
                Err(e) => assert_eq!(&got.unwrap_err(), e, "{text}"),
            }
        }
        assert_eq!(cases.len(), 7);
    }
}
