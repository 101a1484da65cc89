//! What the request log keeps of a request's parameters: everything but the account
//! password, with the value of every argument of a secret type (at any depth: bulk items,
//! records, maps, list items in array form) shown as `***`.

use domaincontext::{ArgInfo, ArgKind, CommandInfo};

/// The parameters of a request to `command` as the log keeps them.
pub(crate) fn logged(command: &str, pairs: &[(String, String)]) -> Vec<(String, String)> {
    let info = domaincontext::command(command);
    pairs
        .iter()
        .filter(|(k, _)| k != "auth_password")
        .map(|(k, v)| match info {
            Some(info) if is_secret_key(info, k) => {
                (k.clone(), domaincontext::rt::REDACTED.to_owned())
            }
            _ => (k.clone(), v.clone()),
        })
        .collect()
}

fn secret_type(t: &str) -> bool {
    domaincontext::type_info(t).is_some_and(|t| t.secret)
}

/// Whether the form key `key` (`password`, `0[pincode]`, `records[1][x]`) of `info`
/// holds a secret. A key that names no argument (malformed, or unknown) is taken for a
/// secret when any of its bracketed parts is the name of a secret argument anywhere in the
/// command, so that a key the API would not read cannot carry a secret into the log.
fn is_secret_key(info: &CommandInfo, key: &str) -> bool {
    let path = domaincontext::form::split_key(key, usize::MAX);
    let walk = match (info.bulk_of, path.split_first()) {
        (Some(_), Some((_item, rest))) => resolve(info.args, rest),
        (_, _) => resolve(info.args, &path),
    };
    walk.unwrap_or_else(|| {
        key.split(['[', ']'])
            .any(|part| names_secret(info.args, part))
    })
}

/// Walks `path` down `args`: `Some(secret)` where it leads to a value, `None` where it
/// names nothing.
fn resolve(args: &[ArgInfo], path: &[&str]) -> Option<bool> {
    let (first, rest) = path.split_first()?;
    if let Some(a) = args.iter().find(|a| a.name == *first) {
        return match a.kind {
            // Deeper parts are list items in array form or a map's keys: the type decides.
            ArgKind::Type(t) | ArgKind::MapOf(t) => Some(secret_type(t)),
            ArgKind::Records { .. } => match rest.split_first() {
                Some((_index, fields)) => resolve(a.fields, fields),
                None => Some(false),
            },
        };
    }
    // A number at this level is a record of a flattened `array` argument.
    args.iter()
        .filter(|a| matches!(a.kind, ArgKind::Records { flatten: true }))
        .find_map(|a| resolve(a.fields, rest))
}

/// Whether `name` is a secret argument of `args`, at any depth.
fn names_secret(args: &[ArgInfo], name: &str) -> bool {
    args.iter().any(|a| match a.kind {
        ArgKind::Type(t) | ArgKind::MapOf(t) => a.name == name && secret_type(t),
        ArgKind::Records { .. } => names_secret(a.fields, name),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    type Pairs<'a> = &'a [(&'a str, &'a str)];

    fn log(command: &str, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        logged(command, &pairs)
    }

    #[test]
    fn secrets_are_redacted_at_every_depth() {
        let cases: [(&str, Pairs, Pairs); 5] = [
            (
                "domainCheckTransfer",
                &[
                    ("auth_password", "x"),
                    ("domain", "a.com"),
                    ("password", "S1"),
                ],
                &[("domain", "a.com"), ("password", "***")],
            ),
            (
                "domainsGetPassword",
                &[("0[domain]", "a.com"), ("0[pincode]", "1234")],
                &[("0[domain]", "a.com"), ("0[pincode]", "***")],
            ),
            (
                "clientCheck",
                &[
                    ("login", "demo"),
                    ("password[0]", "S2"),
                    ("password[", "S3"),
                ],
                &[
                    ("login", "demo"),
                    ("password[0]", "***"),
                    ("password[", "***"),
                ],
            ),
            (
                "domainsCheck",
                &[("domains", "a.com"), ("password", "not an argument here")],
                &[("domains", "a.com"), ("password", "not an argument here")],
            ),
            (
                "noSuchCommand",
                &[("password", "kept: no spec to tell")],
                &[("password", "kept: no spec to tell")],
            ),
        ];
        for (command, pairs, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            assert_eq!(log(command, pairs), expected, "{command}");
        }
    }
}
