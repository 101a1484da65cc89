//! The spec as a model: what `load` reads from the YAML, and what `check` resolves it into.
//! Only a checked `Spec` reaches the emitters.

use crate::yaml::Pos;

/// A name and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name.
    pub name: String,
    /// Where it stands in the spec.
    pub pos: Pos,
}

/// An argument type of the API.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// The spec's name (`dnsName`).
    pub name: Named,
    /// One-line description (the seed's wording for the seed's types).
    pub doc: String,
    /// Why we defined it, for types the seed leaves undefined.
    pub ours: Option<String>,
    /// The value is a secret: never printed.
    pub secret: bool,
    /// Values that must be accepted (the seed's examples).
    pub examples: Vec<String>,
    /// Values that must be refused.
    pub invalid: Vec<String>,
    /// The Rust name, when the derived one would clash with a crate-level item.
    pub rust_name: Option<Named>,
    /// For a closed set (`enum`) that the provider's document types more loosely: the
    /// document's type it narrows (`ref` for DNS record types), so that `drift` reads the
    /// document's type as this one.
    pub narrows: Option<Named>,
    /// The rule values must satisfy.
    pub rule: Rule,
    /// The rule that does the work: `rule`, or for `rule: {type: X}` X's own, followed to
    /// the end. Set by `check`, so that emitters and `diff` never resolve a name again.
    pub resolved: Rule,
    /// Where the spec departs from the provider's document on purpose.
    pub seed: Vec<Correction>,
}

/// A departure from the provider's document made on purpose: what the document says, and
/// why the spec says otherwise. `drift` does not report it; `drift --show-corrections`
/// lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The document's own text: a type's description, a command's row, or an argument's
    /// row (what follows the bullet); empty when the document does not have it at all.
    pub said: String,
    /// Why the spec departs from it.
    pub why: String,
    /// Where the correction is written.
    pub pos: Pos,
}

/// A declarative rule. The generator turns each into straight-line Rust.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// A decimal integer, optionally bounded.
    Int { min: Option<u64>, max: Option<u64> },
    /// A flag: `1`, `0`, `true`, `false`.
    Bool,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// An IPv4 or IPv6 address.
    Ip,
    /// Text limited in length and characters.
    Text(TextRule),
    /// Text split on a separator, each part with its own rule.
    Parts(PartsRule),
    /// A list of values of another type, joined by a separator.
    List { of: Named, sep: char },
    /// One of these exact values.
    Literal(Vec<String>),
    /// The first of these rules that holds.
    AnyOf(Vec<Rule>),
    /// The rule of another type.
    Type(Named),
    /// A closed set of values: an enum in Rust.
    Enum(EnumRule),
}

/// A closed set of values, and at most one variant that holds a number.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumRule {
    /// The values, each a unit variant, in spec order.
    pub values: Vec<EnumValue>,
    /// A variant that holds a value of a number type (`rows: {type: id}`), tried after
    /// the values.
    pub other: Option<EnumOther>,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// The wire value.
    pub value: String,
    /// What it means, when the spec says.
    pub doc: Option<String>,
}

/// The variant of an enum that holds a number.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumOther {
    /// The variant's name in the spec (`rows`).
    pub name: Named,
    /// The type it holds.
    pub of: Named,
}

impl EnumRule {
    /// The wire values, in spec order.
    pub fn wire_values(&self) -> Vec<String> {
        self.values.iter().map(|v| v.value.clone()).collect()
    }

    /// The same set as a plain rule: the values as literals, or the held type.
    pub fn as_rule(&self) -> Rule {
        let literal = Rule::Literal(self.wire_values());
        match &self.other {
            Some(o) => Rule::AnyOf(vec![literal, Rule::Type(o.of.clone())]),
            None => literal,
        }
    }
}

/// Limits on text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextRule {
    /// Fewest characters.
    pub min_len: Option<usize>,
    /// Most characters.
    pub max_len: Option<usize>,
    /// The only characters allowed (all when `None`).
    pub chars: Option<Vec<CharClass>>,
    /// Characters never allowed.
    pub forbid: Vec<CharClass>,
    /// Characters the first character must be one of.
    pub first: Option<Vec<CharClass>>,
    /// Characters not allowed first.
    pub not_first: String,
    /// Characters not allowed last.
    pub not_last: String,
    /// Characters allowed only as the first character.
    pub only_first: String,
    /// The text must start with one of these.
    pub prefix: Vec<String>,
}

/// A class of characters in a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CharClass {
    /// `A-Z`, `a-z`.
    Latin,
    /// `a-z`.
    Lower,
    /// `A-Z`.
    Upper,
    /// `0-9`.
    Digit,
    /// A letter of any script (Unicode alphabetic).
    Letter,
    /// These characters.
    Chars(String),
}

/// The one description of what a named class means: the `char` method that tests it. The
/// generated check calls this method by name (`emit::rules`), and `diff` calls it to decide
/// whether a rule widened, so the two cannot disagree.
pub type ClassTest = (&'static str, fn(&char) -> bool);

impl CharClass {
    /// The `char` method that tests a named class; `None` for `Chars`, a set of characters.
    pub fn test(&self) -> Option<ClassTest> {
        match self {
            CharClass::Latin => Some(("is_ascii_alphabetic", char::is_ascii_alphabetic)),
            CharClass::Lower => Some(("is_ascii_lowercase", char::is_ascii_lowercase)),
            CharClass::Upper => Some(("is_ascii_uppercase", char::is_ascii_uppercase)),
            CharClass::Digit => Some(("is_ascii_digit", char::is_ascii_digit)),
            CharClass::Letter => Some(("is_alphabetic", |c: &char| c.is_alphabetic())),
            CharClass::Chars(_) => None,
        }
    }

    /// Whether `c` is in the class.
    pub fn matches(&self, c: char) -> bool {
        match (self, self.test()) {
            (CharClass::Chars(s), _) => s.contains(c),
            (_, Some((_, test))) => test(&c),
            (_, None) => false,
        }
    }
}

/// Text split into parts.
#[derive(Clone, Debug, PartialEq)]
pub struct PartsRule {
    /// The separator.
    pub sep: char,
    /// Fewest parts.
    pub min: Option<usize>,
    /// Most parts.
    pub max: Option<usize>,
    /// Most characters in all.
    pub max_len: Option<usize>,
    /// The rule of every part (but `first` when given).
    pub each: Box<Rule>,
    /// The rule of the first part.
    pub first: Option<Box<Rule>>,
    /// Check the text's IDNA (UTS #46) ASCII form instead of the text itself: the name
    /// must have one, and the limits above apply to it.
    pub idna: bool,
}

/// Whether repeating a command can do harm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Reads only: safe to repeat.
    Read,
    /// Changes something (or costs money): never repeated by the client.
    Change,
}

/// What a successful answer looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// `true`, or an object or array without `_error`.
    Value,
    /// As `Value`, and a bare number (a search with `count=1`).
    Search,
    /// One result per item of a bulk request.
    Bulk,
}

/// A command as written in the spec.
#[derive(Clone, Debug)]
pub struct CommandDef {
    /// The API's name (`domainsCheck`).
    pub name: Named,
    /// The seed's description (fixed where it was wrong).
    pub description: String,
    /// Read-only or changing.
    pub effect: Effect,
    /// The answer can take up to 10 minutes.
    pub long: bool,
    /// What a success looks like (`Bulk` for `array_of` commands).
    pub answer: AnswerKind,
    /// The Rust method name, when the derived one would clash.
    pub rust_name: Option<Named>,
    /// What a success decodes into, when the spec says.
    pub returns: Option<Returns>,
    /// Its arguments, or the relation that gives them.
    pub body: Body,
    /// Arguments of which at least one must be given (`require_one_of: [domain, id]`).
    pub require_one_of: Option<Group>,
    /// Arguments that make a call succeed on the sandbox's starting data set, as the JSON
    /// text of the form's tree (an object; a list of items for a bulk command), shown in
    /// help where the type examples would read as nonsense.
    pub example: Option<String>,
    /// Where the command departs from the provider's document on purpose.
    pub seed: Vec<Correction>,
}

/// A group of optional arguments of which at least one must be given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The arguments, in spec order.
    pub names: Vec<Named>,
    /// Where the group is written.
    pub pos: Pos,
}

/// Where a command's arguments come from.
#[derive(Clone, Debug)]
pub enum Body {
    /// Its own arguments, plus all of `extends`'s when given.
    Args {
        args: Vec<Arg>,
        extends: Option<Named>,
    },
    /// "same as X": the arguments of X.
    SameAs(Named),
    /// "array of X": a bulk command whose items are X's arguments, keyed by index or by
    /// the item's argument `key`.
    ArrayOf { item: Named, key: Option<Named> },
}

/// One argument of a command.
#[derive(Clone, Debug)]
pub struct Arg {
    /// The API's name.
    pub name: Named,
    /// What kind of value it takes.
    pub kind: ArgKind,
    /// Required (`*`): must be given, and not empty.
    pub required: bool,
    /// The default the API applies when it is left out.
    pub default: Option<String>,
    /// Further words of the seed's row.
    pub doc: Option<String>,
    /// Why it is ours, when the seed does not give it.
    pub ours: Option<String>,
    /// Where the argument departs from the provider's document on purpose.
    pub seed: Vec<Correction>,
}

/// The shape of an argument's value.
#[derive(Clone, Debug)]
pub enum ArgKind {
    /// A value of a type.
    Type(Named),
    /// Records keyed by number, each with these fields; `flatten` puts the keys at the top
    /// level of the form instead of under the argument's name.
    Array { fields: Vec<Arg>, flatten: bool },
    /// Free keys, each with a value of this type.
    MapOf(Named),
}

/// The shape of a successful answer, as public code that calls the API shows it. All of
/// it is inference, so decoding is lenient: every field is optional, unknown ones are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerDef {
    /// The spec's name (`domainInfo`).
    pub name: Named,
    /// One-line description.
    pub doc: String,
    /// Where the shape comes from.
    pub source: Option<String>,
    /// Its shape.
    pub shape: AnswerShape,
}

/// The shape of an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerShape {
    /// An object with these fields.
    Fields(Vec<(Named, FieldKind)>),
    /// An object of free keys, each value of this kind.
    MapOf(FieldKind),
    /// An array (or comma-joined text) of values of this kind.
    ListOf(FieldKind),
    /// Records of a request's `array` argument, keyed by number: what the command that
    /// sets them takes back.
    Records(RecordsOf),
    /// Any JSON, kept raw; the text says why no shape is given.
    Any(String),
}

/// A request's `array` argument (`domainSetDNS.records`), whose record type an answer
/// reuses so that what is read can be sent back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordsOf {
    /// The command (as written, with its position).
    pub command: Named,
    /// The argument.
    pub arg: String,
}

/// The kind of a field of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A whole number (JSON number or digits in a string).
    Int,
    /// An id: the spec's `id` type, as requests take it.
    Id,
    /// Text (a JSON string, or a number written as text).
    Text,
    /// A domain name: the spec's `domain` type, as requests take it.
    Domain,
    /// A flag: `true`/`false`, `1`/`0`, `"1"`/`"0"`.
    Flag,
    /// An amount of money, as exact decimal text.
    Money,
    /// A list of text: a JSON array, or comma-joined text.
    List,
    /// A secret text (an auth code): never shown, never kept among unnamed fields.
    Secret,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A date and time, `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// Another answer shape, by name.
    Shape(Named),
    /// An object of free keys, each value of this kind.
    MapOf(Box<FieldKind>),
    /// Records of a request's `array` argument.
    Records(RecordsOf),
    /// Any JSON, kept raw; the text says why.
    Any(String),
}

/// What a command's success decodes into.
#[derive(Clone, Debug, PartialEq)]
pub struct Returns {
    /// The answer's name.
    pub name: Named,
    /// Rows of it (an array, or an object keyed by id), rather than one.
    pub rows: bool,
}

/// A checked spec: every relation resolved, every name known.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The types, in spec order.
    pub types: Vec<TypeDef>,
    /// The commands, in spec order.
    pub commands: Vec<Command>,
    /// The answer shapes, in spec order.
    pub answers: Vec<AnswerDef>,
}

/// A checked command.
#[derive(Clone, Debug)]
pub struct Command {
    /// As written.
    pub def: CommandDef,
    /// What its requests carry.
    pub shape: Shape,
    /// Groups of arguments of which at least one must be given (its own, or those of the
    /// command it is "same as" or extends); empty for bulk commands, whose items carry them.
    pub groups: Vec<Vec<String>>,
}

impl AsRef<CommandDef> for Command {
    fn as_ref(&self) -> &CommandDef {
        &self.def
    }
}

impl AsRef<CommandDef> for CommandDef {
    fn as_ref(&self) -> &CommandDef {
        self
    }
}

/// A checked command's request shape.
#[derive(Clone, Debug)]
pub enum Shape {
    /// Arguments (after "same as" and "extends" are applied).
    Single(Vec<Arg>),
    /// Items of another command, by its index in `Spec::commands`.
    Bulk { item: usize, key: Option<String> },
}

impl Spec {
    /// The type of this name.
    pub fn ty(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name.name == name)
    }

    /// The closed set of values an argument takes, when its type is an enum.
    pub fn enum_of(&self, a: &Arg) -> Option<&EnumRule> {
        match &a.kind {
            ArgKind::Type(t) => match self.ty(&t.name).map(|t| &t.rule) {
                Some(Rule::Enum(e)) => Some(e),
                _ => None,
            },
            _ => None,
        }
    }

    /// What a command's success decodes into (for a bulk command, its items').
    pub fn returns<'a>(&'a self, cmd: &'a Command) -> Option<&'a Returns> {
        match &cmd.shape {
            Shape::Single(_) => cmd.def.returns.as_ref(),
            Shape::Bulk { item, .. } => self.commands[*item].def.returns.as_ref(),
        }
    }

    /// The arguments of a single command's items (for a bulk command, its item's).
    pub fn item_args<'a>(&'a self, cmd: &'a Command) -> &'a [Arg] {
        match &cmd.shape {
            Shape::Single(args) => args,
            Shape::Bulk { item, .. } => self.item_args(&self.commands[*item]),
        }
    }
}
