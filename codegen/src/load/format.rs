//! The format of the spec files in one place: the keys each kind of mapping takes. The
//! loader refuses any other key with these lists, and a test (`codegen/tests/schema.rs`)
//! holds them equal to `spec/schema.json`'s properties, so the loader and the editors'
//! schema cannot drift apart.

/// The top-level keys of a spec file.
pub const TOP_KEYS: &[&str] = &["types", "commands", "answers", "returns"];

/// The keys of a type under `types:`.
pub const TYPE_KEYS: &[&str] = &[
    "doc",
    "ours",
    "secret",
    "examples",
    "invalid",
    "rule",
    "rust_name",
    "narrows",
    "seed",
];

/// The kinds of rule: a rule is a mapping with exactly one of them.
pub const RULES: &[&str] = &[
    "int", "bool", "date", "ip", "text", "parts", "list", "literal", "any_of", "type", "enum",
];

/// The keys of a command under `commands:`.
pub const COMMAND_KEYS: &[&str] = &[
    "description",
    "effect",
    "long",
    "answer",
    "rust_name",
    "args",
    "extends",
    "same_as",
    "array_of",
    "key",
    "returns",
    "require_one_of",
    "example",
    "seed",
];

/// The keys of an argument written as a mapping.
pub const ARG_KEYS: &[&str] = &[
    "type", "required", "default", "doc", "ours", "array", "flatten", "map_of", "seed",
];

/// The keys of an answer shape under `answers:`.
pub const ANSWER_KEYS: &[&str] = &[
    "doc", "source", "reveals", "fields", "map_of", "list_of", "records", "any",
];

/// The scalar kinds of an answer's field.
pub const FIELD_KINDS: &[&str] = &[
    "int", "id", "text", "domain", "flag", "money", "list", "secret", "date", "datetime",
];

/// The keys of a `seed:` correction.
pub const CORRECTION_KEYS: &[&str] = &["said", "why"];
