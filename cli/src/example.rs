//! A command's help example as a ready-to-paste command line against the sandbox: the
//! spec's `example:` arguments where it gives them, else the arguments generated from the
//! type examples, written as the command's own flags (`--record` for records) when they
//! can be, and as `--json` otherwise (always for bulk commands).

use domaincontext::{ArgKind, CommandInfo};
use serde_json::{Map, Value};

/// The example's command line, quoted for a POSIX shell.
pub fn line(info: &CommandInfo) -> String {
    let args = info.example_call();
    let mut words = vec![
        "domaincontext".to_owned(),
        "--sandbox".to_owned(),
        info.name.to_owned(),
    ];
    match flags(info, &args) {
        Some(f) => words.extend(f),
        None => {
            words.push("--json".to_owned());
            words.push(args.to_string());
        }
    }
    words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" ")
}

/// `word` as a shell word: as it is when every character is plain, else single-quoted.
fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:/=@+%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The arguments as flags of the command, or `None` where only `--json` can say them.
fn flags(info: &CommandInfo, args: &Value) -> Option<Vec<String>> {
    if info.bulk_of.is_some() {
        return None;
    }
    let Value::Object(map) = args else {
        return None;
    };
    let flattened = info
        .args
        .iter()
        .find(|a| a.kind == ArgKind::Records { flatten: true });
    let mut words = Vec::new();
    for (name, value) in map {
        match info.args.iter().find(|a| a.name == name) {
            Some(a) => match (a.kind, value) {
                (ArgKind::Type(_), Value::String(v)) if crate::app::is_bool(a) && v == "1" => {
                    words.push(format!("--{name}"));
                }
                // A line break cannot be pasted on one line: --json says it as \n.
                (ArgKind::Type(_), Value::String(v)) if v.contains(['\n', '\r']) => return None,
                (ArgKind::Type(_), Value::String(v)) => {
                    words.push(format!("--{name}"));
                    words.push(v.clone());
                }
                (ArgKind::Records { flatten: false }, Value::Object(records)) => {
                    records_flags(crate::app::record_flag(name), records, &mut words)?;
                }
                (ArgKind::MapOf(_), Value::Object(entries)) => {
                    for (k, v) in entries {
                        words.push(format!("--{name}"));
                        words.push(format!("{k}={}", v.as_str()?));
                    }
                }
                _ => return None,
            },
            // A record of a flattened records argument sits at the top level.
            None if name.bytes().all(|b| b.is_ascii_digit()) => {
                let flag = crate::app::record_flag(flattened?.name);
                let mut one = Map::new();
                one.insert(name.clone(), value.clone());
                records_flags(flag, &one, &mut words)?;
            }
            None => return None,
        }
    }
    Some(words)
}

/// One `--<flag> [N:]field=value,...` a record (a comma in a value written `\,`).
fn records_flags(flag: &str, records: &Map<String, Value>, words: &mut Vec<String>) -> Option<()> {
    for (i, (n, record)) in records.iter().enumerate() {
        let Value::Object(fields) = record else {
            return None;
        };
        let mut pairs = Vec::new();
        for (f, v) in fields {
            pairs.push(format!("{f}={}", v.as_str()?.replace(',', "\\,")));
        }
        words.push(format!("--{flag}"));
        // Records given in order are numbered 1, 2... without saying so.
        let number = if *n == (i + 1).to_string() {
            String::new()
        } else {
            format!("{n}:")
        };
        words.push(format!("{number}{}", pairs.join(",")));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_the_shell() {
        let cases = [
            ("example.com", "example.com"),
            ("type=a,value=192.0.2.1", "type=a,value=192.0.2.1"),
            ("{\"a\":1}", "'{\"a\":1}'"),
            ("Ivan Drago", "'Ivan Drago'"),
            ("it's", "'it'\\''s'"),
            ("", "''"),
        ];
        for (word, want) in cases {
            assert_eq!(quote(word), want, "{word}");
        }
        assert_eq!(cases.len(), 6);
    }
}
