//! Argument types and their rules, as the spec declares them.

use super::named::{Correction, Named};

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
