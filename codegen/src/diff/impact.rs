//! What a change does to each part built on the spec: the generated Rust API (by the real
//! names `crate::names` gives), the CLI (its command and `--arg` flags) and the sandbox
//! (what it accepts and refuses). Markdown reports show it beside each change.

use super::report::{Impact, Kind, Subject};
use crate::model::{CommandDef, Spec};
use crate::names;

const NONE: &str = "none";

fn impact(rust: String, cli: impl Into<String>, sandbox: impl Into<String>) -> Impact {
    Impact {
        rust,
        cli: cli.into(),
        sandbox: sandbox.into(),
    }
}

/// The command's definition in the new spec, or in the old one when it is gone.
fn command<'s>(old: &'s Spec, new: &'s Spec, name: &str) -> Option<&'s CommandDef> {
    let find = |s: &'s Spec| {
        s.commands
            .iter()
            .find(|c| c.def.name.name == name)
            .map(|c| &c.def)
    };
    find(new).or_else(|| find(old))
}

/// The Rust of an argument path: `requests::T` and field `f`, or for `records.no` the
/// record struct `requests::TRecordsItem` and its field `no`.
fn field_of(ty: &str, path: &str) -> (String, String) {
    match path.split_once('.') {
        Some((arg, field)) => (
            format!("requests::{ty}{}Item", names::type_name(arg)),
            names::field_name(field),
        ),
        None => (format!("requests::{ty}"), names::field_name(path)),
    }
}

/// The CLI flag of an argument path (a record's field is set inside `--records`' JSON).
fn flag(path: &str) -> String {
    match path.split_once('.') {
        Some((arg, field)) => format!("`{field}` in `--{arg}`"),
        None => format!("`--{path}`"),
    }
}

/// What the change of `kind` to `subject` does; `items` are the argument paths (a rename:
/// old, new) or the closed set's values it names; `breaking` tells a required argument
/// added from an optional one.
pub fn of(
    specs: (&Spec, &Spec),
    subject: &Subject,
    kind: Kind,
    items: &[String],
    breaking: bool,
) -> Impact {
    let (old, new) = specs;
    match subject {
        Subject::Command(name) => command_impact(old, new, name, kind, items, breaking),
        Subject::Type(name) => type_impact(name, kind, items),
        Subject::Answer(name) => {
            let ty = format!("`answers::{}`", names::type_name(name));
            let rust = match kind {
                Kind::AnswerAdded => format!("new struct {ty}"),
                Kind::AnswerRemoved => format!("struct {ty} removed"),
                Kind::AnswerDoc => format!("docs of {ty}"),
                _ => format!("fields of {ty}"),
            };
            let cli = match kind {
                Kind::AnswerDoc => NONE,
                _ => "the output of the commands that return it",
            };
            impact(rust, cli, NONE)
        }
    }
}

fn type_impact(name: &str, kind: Kind, items: &[String]) -> Impact {
    let ty = format!("`types::{}`", names::type_name(name));
    let flags = format!("flags typed `{name}`");
    match kind {
        Kind::TypeAdded => impact(format!("new type {ty}"), NONE, NONE),
        Kind::TypeRemoved => impact(format!("type {ty} removed"), NONE, NONE),
        Kind::Rule => impact(
            format!("{ty} checks the new rule"),
            format!("{flags} check the new rule"),
            format!("checks arguments typed `{name}` by the new rule"),
        ),
        Kind::Variants => {
            let variants: Vec<String> = items
                .iter()
                .map(|v| format!("`{}`", names::variant_name(v)))
                .collect();
            impact(
                format!("variants of {ty}: {}", variants.join(", ")),
                format!("the values {flags} take"),
                format!("the values it accepts for `{name}`"),
            )
        }
        Kind::Secret => impact(
            format!("{ty}'s `Debug` and `Display`"),
            format!("whether {flags} show their values"),
            NONE,
        ),
        _ => impact(format!("docs of {ty} (`TypeInfo`)"), NONE, NONE),
    }
}

fn command_impact(
    old: &Spec,
    new: &Spec,
    name: &str,
    kind: Kind,
    items: &[String],
    breaking: bool,
) -> Impact {
    let Some(def) = command(old, new, name) else {
        return Impact::default();
    };
    let ty = names::command_type_name(def);
    let m = format!("`Client::{}`", names::method_name(def));
    let st = format!("`requests::{ty}`");
    let cmd = format!("`domaincontext {name}`");
    let path = items.first().map(String::as_str).unwrap_or_default();
    let (owner, f) = field_of(&ty, path);
    let field = format!("`{owner}::{f}`");
    let fl = flag(path);
    match kind {
        Kind::CommandAdded => impact(
            format!("new struct {st}, method {m}"),
            format!("new command {cmd}"),
            format!("accepts `{name}`"),
        ),
        Kind::CommandRemoved => impact(
            format!("struct {st} and method {m} removed"),
            format!("command {cmd} removed"),
            format!("refuses `{name}` (unknown command)"),
        ),
        Kind::MethodRenamed => {
            let old_def = command(new, old, name).unwrap_or(def);
            impact(
                format!(
                    "`Client::{}` is now {m}, `requests::{}` is now {st}",
                    names::method_name(old_def),
                    names::command_type_name(old_def)
                ),
                NONE,
                NONE,
            )
        }
        Kind::Description => impact(
            format!("docs of {st} and {m}"),
            format!("the help of {cmd}"),
            NONE,
        ),
        Kind::Effect => impact(
            format!("whether {m} is retried (`CommandInfo::effect`)"),
            format!("whether {cmd} is retried"),
            NONE,
        ),
        Kind::Long => impact(
            format!("docs of {m}, `CommandInfo::long`"),
            format!("the progress display of {cmd}"),
            NONE,
        ),
        Kind::Answer => impact(
            format!("which answers {m} takes as a success"),
            format!("the exit status of {cmd} on a bare number"),
            NONE,
        ),
        Kind::Returns => impact(
            format!("the answer type of {m}"),
            format!("the output of {cmd}"),
            NONE,
        ),
        Kind::Bulk => impact(
            format!("the items of {st}"),
            format!("the items {cmd} reads from `--json`"),
            format!("the item keys it accepts for `{name}`"),
        ),
        Kind::ArgAdded if breaking => impact(
            format!("`requests::{ty}::new` takes `{f}`"),
            format!("new required flag {fl}"),
            format!("refuses `{name}` without `{path}`"),
        ),
        Kind::ArgAdded => impact(
            format!("new field {field} and setter `.{f}()`"),
            format!("new flag {fl}"),
            format!("accepts `{path}`"),
        ),
        Kind::ArgRemoved => impact(
            format!("field {field} and its setter removed"),
            format!("flag {fl} removed"),
            format!("refuses `{path}` (unknown argument)"),
        ),
        Kind::ArgRenamed => {
            let to = items.get(1).map(String::as_str).unwrap_or_default();
            let (_, tf) = field_of(&ty, to);
            impact(
                format!("field {field} is now `{owner}::{tf}`"),
                format!("flag {fl} is now {}", flag(to)),
                format!("refuses `{path}`, accepts `{to}`"),
            )
        }
        Kind::ArgRequired => impact(
            format!("{field} moves into `{owner}::new`"),
            format!("flag {fl} is required"),
            format!("refuses `{name}` without `{path}`"),
        ),
        Kind::ArgOptional => impact(
            format!("{field} leaves `{owner}::new` and becomes an `Option`"),
            format!("flag {fl} is optional"),
            format!("accepts `{name}` without `{path}`"),
        ),
        Kind::ArgType => impact(
            format!("the type of field {field}"),
            format!("the values flag {fl} takes"),
            format!("checks `{path}` by its new type"),
        ),
        Kind::ArgFlatten => impact(
            format!("how {field} is written in the form"),
            format!("where {fl}'s records are sent"),
            format!("where it reads `{path}`'s records"),
        ),
        Kind::ParamsReordered => impact(format!("the parameters of `{owner}::new`"), NONE, NONE),
        Kind::ArgDefault | Kind::ArgDoc => impact(
            format!("docs of {field}"),
            format!("the help of flag {fl}"),
            NONE,
        ),
        _ => Impact::default(),
    }
}
