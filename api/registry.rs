//! The spec as data: every type and command described statically, lookups by name,
//! example arguments, and `Request`, which parses any command's arguments by the command's
//! name. The command-line tool and the sandbox are driven by it; it is compiled only with
//! the `dynamic` feature.

use crate::error::{InvalidValue, ValidationError};
use crate::info::{AnswerKind, Command, Effect, Sealed};
use crate::writer::FormWriter;

/// The shape of an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// A value of the named type.
    Type(&'static str),
    /// Records keyed by number, each with `ArgInfo::fields`; flattened ones sit at the top
    /// level of the form.
    Records {
        /// Keys at the top level instead of under the argument's name.
        flatten: bool,
    },
    /// Free keys, each with a value of the named type.
    MapOf(&'static str),
}

/// An argument of a command.
#[derive(Debug)]
pub struct ArgInfo {
    /// The API's name.
    pub name: &'static str,
    /// Its shape.
    pub kind: ArgKind,
    /// Required (`*`).
    pub required: bool,
    /// The default the API applies.
    pub default: Option<&'static str>,
    /// The values allowed, when its type is a closed set (the type's
    /// [`TypeInfo::values`]); empty otherwise.
    pub one_of: &'static [&'static str],
    /// Further words from the seed.
    pub doc: Option<&'static str>,
    /// Our inference, when the seed does not say.
    pub ours: Option<&'static str>,
    /// The fields of each record, for `Records`.
    pub fields: &'static [ArgInfo],
}

/// A command of the spec.
#[derive(Debug)]
pub struct CommandInfo {
    /// The API's name (`domainsCheck`).
    pub name: &'static str,
    /// The Rust method on `Client`.
    pub method: &'static str,
    /// The description.
    pub description: &'static str,
    /// Read-only or changing.
    pub effect: Effect,
    /// Can take up to 10 minutes.
    pub long: bool,
    /// What a success looks like.
    pub answer: AnswerKind,
    /// For a bulk command, the command each item repeats.
    pub bulk_of: Option<&'static str>,
    /// For a bulk command keyed by an argument, that argument.
    pub bulk_key: Option<&'static str>,
    /// "same as" relation, as the spec states it.
    pub same_as: Option<&'static str>,
    /// "all the fields from" relation, as the spec states it.
    pub extends: Option<&'static str>,
    /// The arguments (for a bulk command: each item's).
    pub args: &'static [ArgInfo],
    /// The answer shape a success decodes into (in [`crate::answers`]), when the spec
    /// says; for a bulk command, each item's.
    pub returns: Option<&'static str>,
    /// The answer is rows of that shape rather than one.
    pub returns_rows: bool,
    /// Groups of optional arguments of which at least one must be given
    /// (`[["domain", "id"]]`); for a bulk command, each item's.
    pub groups: &'static [&'static [&'static str]],
    /// Arguments the spec gives as the command's example (JSON text of the form's tree: an
    /// object, or a list of items for a bulk command), made to succeed on the sandbox's
    /// starting data set; `None` where [`CommandInfo::example_args`] serves.
    pub example: Option<&'static str>,
    /// The answer's secret fields (a transfer code in domainRegister's answer), which a
    /// printer shows as `***`: empty for the commands that exist to return a secret
    /// (domainGetPassword), whose answers are shown whole.
    pub hidden: &'static [&'static str],
}

/// An argument type of the spec.
#[derive(Debug)]
pub struct TypeInfo {
    /// The spec's name.
    pub name: &'static str,
    /// The rule in words.
    pub doc: &'static str,
    /// Why it is ours, for types the seed does not define.
    pub ours: Option<&'static str>,
    /// Values are secrets.
    pub secret: bool,
    /// The values allowed, when the type is a closed set (an enum in Rust); empty otherwise.
    pub values: &'static [&'static str],
    /// A list type.
    pub list: bool,
    /// Values the spec says are valid.
    pub examples: &'static [&'static str],
    /// Values the spec says are invalid.
    pub invalid: &'static [&'static str],
    /// Applies the type's rule.
    pub check: fn(&str) -> Result<(), InvalidValue>,
}

/// The command of this name, in the API's spelling.
pub fn command(name: &str) -> Option<&'static CommandInfo> {
    COMMANDS.iter().find(|c| c.name == name).copied()
}

/// The type of this name.
pub fn type_info(name: &str) -> Option<&'static TypeInfo> {
    TYPES.iter().find(|t| t.name == name)
}

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

impl Sealed for Request {
    fn answer(&self) -> AnswerKind {
        self.as_command().answer()
    }
    fn encode(&self, w: &mut FormWriter) {
        self.as_command().encode(w)
    }
}

impl Command for Request {
    type Output = crate::answer::Reply;
    fn name(&self) -> &'static str {
        self.as_command().name()
    }
    fn effect(&self) -> Effect {
        self.as_command().effect()
    }
    fn info(&self) -> &'static CommandInfo {
        self.as_command().info()
    }
    fn validate(&self) -> Result<(), ValidationError> {
        self.as_command().validate()
    }
    fn bulk_keys(&self) -> Option<Vec<String>> {
        self.as_command().bulk_keys()
    }
}

impl CommandInfo {
    /// Arguments that make a valid request of this command, as the JSON tree that mirrors
    /// the form: every required argument (every argument, with `all`) set to the first
    /// allowed value or the first example of its type. For a bulk command: one item.
    pub fn example_args(&self, all: bool) -> serde_json::Value {
        let item = example_object(self.args, all, self.bulk_key, self.groups);
        match (self.bulk_of, self.bulk_key) {
            (None, _) => item,
            (Some(_), None) => serde_json::Value::Array(vec![item]),
            (Some(_), Some(key)) => {
                let key_value = self
                    .args
                    .iter()
                    .find(|a| a.name == key)
                    .and_then(|a| example_value(a, all));
                let key_text = match key_value {
                    Some(serde_json::Value::String(s)) => s,
                    _ => "1".to_owned(),
                };
                let mut map = serde_json::Map::new();
                map.insert(key_text, item);
                serde_json::Value::Object(map)
            }
        }
    }
}

impl CommandInfo {
    /// The call the command's help shows and the sandbox answers with a success: the spec's
    /// `example:` arguments where it gives them; for a bulk command without one, one item of
    /// its single command's example; else [`CommandInfo::example_args`] with the required
    /// arguments only.
    pub fn example_call(&self) -> serde_json::Value {
        use serde_json::Value;
        let parse = |text: &str| serde_json::from_str::<Value>(text).ok();
        if let Some(v) = self.example.and_then(parse) {
            return v;
        }
        let item = self
            .bulk_of
            .and_then(command)
            .and_then(|c| c.example)
            .and_then(parse);
        match (item, self.bulk_key) {
            (Some(Value::Object(one)), None) => Value::Array(vec![Value::Object(one)]),
            (Some(Value::Object(mut one)), Some(key)) => match one.remove(key) {
                Some(Value::String(k)) => {
                    let mut keyed = serde_json::Map::new();
                    keyed.insert(k, Value::Object(one));
                    Value::Object(keyed)
                }
                _ => self.example_args(false),
            },
            _ => self.example_args(false),
        }
    }
}

fn example_object(
    args: &[ArgInfo],
    all: bool,
    skip: Option<&str>,
    groups: &[&[&str]],
) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for a in args {
        // The first argument of a group stands for the group (a bulk key is always given).
        let grouped = groups
            .iter()
            .any(|g| g.first() == Some(&a.name) && !skip.is_some_and(|k| g.contains(&k)));
        if Some(a.name) == skip || !(all || a.required || grouped) {
            continue;
        }
        let Some(v) = example_value(a, all) else {
            continue;
        };
        match a.kind {
            ArgKind::Records { flatten: true } => {
                if let serde_json::Value::Object(records) = v {
                    map.extend(records);
                }
            }
            _ => {
                map.insert(a.name.to_owned(), v);
            }
        }
    }
    serde_json::Value::Object(map)
}

fn example_value(a: &ArgInfo, all: bool) -> Option<serde_json::Value> {
    use serde_json::Value;
    match a.kind {
        ArgKind::Type(t) => {
            let text = match a.one_of.first() {
                Some(v) => (*v).to_owned(),
                None => type_info(t)?
                    .examples
                    .iter()
                    .find(|e| !e.trim().is_empty())?
                    .to_string(),
            };
            Some(Value::String(text))
        }
        ArgKind::Records { .. } => {
            let mut map = serde_json::Map::new();
            map.insert("1".to_owned(), example_object(a.fields, all, None, &[]));
            Some(Value::Object(map))
        }
        ArgKind::MapOf(t) => {
            let mut map = serde_json::Map::new();
            map.insert(
                "key".to_owned(),
                Value::String(
                    type_info(t)?
                        .examples
                        .iter()
                        .find(|e| !e.trim().is_empty())?
                        .to_string(),
                ),
            );
            Some(Value::Object(map))
        }
    }
}

/// The error for a command name the spec does not have, with the likeliest one meant.
pub fn unknown_command(name: &str) -> ValidationError {
    let suggestion = crate::args::suggest(name, COMMANDS.iter().map(|c| c.name)).map(str::to_owned);
    ValidationError::unknown_command(name, suggestion)
}
