//! The provider's document as read: its type table and full command table, each row with
//! its line, or the line where the document cannot be read.

/// The line that opens the type table.
pub(super) const TYPE_TABLE: &str = "Type Description";
/// The line that opens a command table; the last one is the full table.
pub(super) const COMMAND_TABLE: &str = "Command Description Arguments";
/// The words that open a type's example line; a correction that starts with them is about
/// an example, not the type's description.
pub(super) const EXAMPLE: &str = "For example:";
/// The words the document uses for a command that can take up to 10 minutes.
pub(super) const LONG: &str = "sometimes the operation can take up to 10 minutes";

/// The document, as read.
#[derive(Debug, Default)]
pub struct Doc {
    /// The type table's rows.
    pub types: Vec<DocType>,
    /// The full command table's rows.
    pub commands: Vec<DocCommand>,
}

/// A row of the type table: one or more names sharing a description.
#[derive(Debug)]
pub struct DocType {
    /// The names (`date`, `expires` share one row).
    pub names: Vec<String>,
    /// The description: the rule in words.
    pub text: String,
    /// Where it is.
    pub line: usize,
}

/// A row of the command table and its bullets.
#[derive(Debug)]
pub struct DocCommand {
    /// The name.
    pub name: String,
    /// The description.
    pub description: String,
    /// The whole row, as written.
    pub header: String,
    /// Where it is.
    pub line: usize,
    /// The bullets.
    pub rows: Vec<DocRow>,
}

/// A bullet of a command.
#[derive(Debug)]
pub struct DocRow {
    /// What follows the bullet, as written.
    pub text: String,
    /// Where it is.
    pub line: usize,
    /// What it says.
    pub kind: RowKind,
}

/// What a bullet says.
#[derive(Debug)]
pub enum RowKind {
    /// `name — type[, *] ...`.
    Arg(DocArg),
    /// `array of — X`.
    ArrayOf(String),
    /// `same as — X`.
    SameAs(String),
    /// `all the fields from X`.
    Extends(String),
    /// `array of {` ... `}`: records with these fields.
    Records(Vec<DocRow>),
    /// The answer can take up to 10 minutes.
    Long,
}

/// An argument bullet.
#[derive(Debug)]
pub struct DocArg {
    /// The name.
    pub name: String,
    /// The type's name: the first word after the separator.
    pub ty: String,
    /// Marked `*`.
    pub required: bool,
}

/// The document cannot be read: where and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

pub(super) fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(super) fn bad(line: usize, message: impl Into<String>) -> Unreadable {
    Unreadable {
        line,
        message: message.into(),
    }
}

/// Reads the document's type table and its last (full) command table.
pub fn parse(text: &str) -> Result<Doc, Unreadable> {
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.len().max(1);
    let Some(t0) = lines.iter().position(|l| l.trim_end() == TYPE_TABLE) else {
        return Err(bad(last, format!("no type table: no line `{TYPE_TABLE}`")));
    };
    let Some(c0) = lines.iter().rposition(|l| l.trim_end() == COMMAND_TABLE) else {
        return Err(bad(
            last,
            format!("no command table: no line `{COMMAND_TABLE}`"),
        ));
    };
    if c0 < t0 {
        return Err(bad(
            c0 + 1,
            "the full command table must follow the type table",
        ));
    }
    let mut doc = Doc::default();
    // The type table runs up to the next command table.
    let t_end = lines[t0 + 1..]
        .iter()
        .position(|l| l.trim_end() == COMMAND_TABLE)
        .map_or(c0, |p| t0 + 1 + p);
    let mut pending: Vec<String> = Vec::new();
    for (i, raw) in lines.iter().enumerate().take(t_end).skip(t0 + 1) {
        let (n, l) = (i + 1, raw.trim());
        if l.is_empty()
            || l.starts_with("* ")
            || l.starts_with("Fields without a star")
            || l.starts_with("For example:")
        {
            continue;
        }
        if !pending.is_empty() && !is_ident(l) {
            doc.types.push(DocType {
                names: std::mem::take(&mut pending),
                text: l.to_owned(),
                line: n,
            });
            continue;
        }
        match l.split_once(' ') {
            None if is_ident(l) => pending.push(l.to_owned()),
            Some((name, rest)) if is_ident(name) && !rest.trim().is_empty() => {
                doc.types.push(DocType {
                    names: vec![name.to_owned()],
                    text: rest.trim().to_owned(),
                    line: n,
                })
            }
            _ => return Err(bad(n, format!("not a row of the type table: {l:?}"))),
        }
    }
    if !pending.is_empty() {
        return Err(bad(
            t_end,
            format!("type `{}` has no description", pending.join("`, `")),
        ));
    }
    // The command table runs up to the first empty line; the end of the document before
    // it means the document was cut short.
    let mut i = c0 + 1;
    loop {
        let Some(raw) = lines.get(i) else {
            return Err(bad(
                last,
                "the document ends inside the command table (cut short?)",
            ));
        };
        let n = i + 1;
        if raw.trim().is_empty() {
            break;
        }
        if !raw.starts_with(char::is_whitespace) {
            let (name, description) = raw.trim().split_once(' ').unwrap_or((raw.trim(), ""));
            if !is_ident(name) {
                return Err(bad(n, format!("not a command row: {:?}", raw.trim())));
            }
            doc.commands.push(DocCommand {
                name: name.to_owned(),
                description: description.trim().to_owned(),
                header: raw.trim().to_owned(),
                line: n,
                rows: Vec::new(),
            });
            i += 1;
            continue;
        }
        let Some(command) = doc.commands.last_mut() else {
            return Err(bad(n, "a bullet before any command"));
        };
        let (row, next) = bullet(&lines, i)?;
        command.rows.push(row);
        i = next;
    }
    if doc.commands.is_empty() {
        return Err(bad(c0 + 1, "the command table is empty"));
    }
    Ok(doc)
}

/// The bullet at line index `i`, and the index after it.
pub(super) fn bullet(lines: &[&str], i: usize) -> Result<(DocRow, usize), Unreadable> {
    let n = i + 1;
    let l = lines.get(i).map_or("", |l| l.trim());
    let Some(text) = l.strip_prefix("• ") else {
        return Err(bad(n, format!("not a bullet: {l:?}")));
    };
    let text = text.trim().to_owned();
    let target = |prefix: &str| -> Option<String> {
        let rest = text.strip_prefix(prefix)?;
        let rest = rest.trim().trim_start_matches(['—', '-']).trim();
        is_ident(rest).then(|| rest.to_owned())
    };
    let kind = if text == "array of {" {
        let mut fields = Vec::new();
        let mut j = i + 1;
        loop {
            match lines.get(j).map(|l| l.trim()) {
                None | Some("") => {
                    return Err(bad(n, "`array of {` is not closed by `}` (cut short?)"));
                }
                Some("}") => break,
                Some(_) => {
                    let (f, next) = bullet(lines, j)?;
                    if !matches!(f.kind, RowKind::Arg(_)) {
                        return Err(bad(j + 1, "a record's fields are `name — type` bullets"));
                    }
                    fields.push(f);
                    j = next;
                }
            }
        }
        return Ok((
            DocRow {
                text,
                line: n,
                kind: RowKind::Records(fields),
            },
            j + 1,
        ));
    } else if let Some(t) = target("array of") {
        RowKind::ArrayOf(t)
    } else if let Some(t) = target("same as") {
        RowKind::SameAs(t)
    } else if let Some(t) = target("all the fields from") {
        RowKind::Extends(t)
    } else if text.to_lowercase().starts_with(LONG) {
        RowKind::Long
    } else {
        RowKind::Arg(arg_row(&text).ok_or_else(|| {
            bad(
                n,
                format!("not an argument bullet (`name — type`): {text:?}"),
            )
        })?)
    };
    Ok((
        DocRow {
            text,
            line: n,
            kind,
        },
        i + 1,
    ))
}

pub(super) fn arg_row(text: &str) -> Option<DocArg> {
    let at = [" — ", " - "]
        .iter()
        .filter_map(|s| text.find(s).map(|p| (p, s.len())))
        .min()?;
    let (name, rest) = (text[..at.0].trim(), text[at.0 + at.1..].trim());
    if !is_ident(name) {
        return None;
    }
    let ty: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if ty.is_empty() {
        return None;
    }
    // `*` counts before any note in parentheses or after a dash.
    let head = rest
        .split(" (")
        .next()
        .unwrap_or(rest)
        .split(" — ")
        .next()
        .unwrap_or(rest);
    let required = head.split(',').any(|p| p.trim() == "*");
    Some(DocArg {
        name: name.to_owned(),
        ty,
        required,
    })
}
