//! Emits what the CLI and the sandbox look commands up by: the static description of every
//! type and command, and `Request`, the enum of all requests, parsed by command name.
//! The client crate compiles it only with its `dynamic` feature.

use proc_macro2::TokenStream;
use quote::quote;

use super::repr::{Repr, is_secret, repr};
use crate::model::{
    AnswerKind, AnswerShape, Arg, ArgKind, Body, Effect, FieldKind, Shape, Spec, TypeDef,
};
use crate::names;
use crate::names::method_name;

/// `TYPES`, `COMMANDS` and `Request`.
pub fn emit(spec: &Spec) -> TokenStream {
    let types = spec.types.iter().map(|t| {
        let name = &t.name.name;
        let doc = &t.doc;
        let ours = opt(&t.ours);
        let secret = is_secret(spec, t);
        let examples = &t.examples;
        let invalid = &t.invalid;
        let ident = names::value_type(spec, name);
        let list = matches!(repr(spec, t), Repr::List { .. });
        let values = closed_values(spec, t);
        quote! {
            crate::TypeInfo {
                name: #name, doc: #doc, ours: #ours, secret: #secret, list: #list, values: &[#(#values),*],
                examples: &[#(#examples),*], invalid: &[#(#invalid),*],
                check: |v| v.parse::<crate::types::#ident>().map(|_| ()),
            }
        }
    });
    let n_types = spec.types.len();
    let infos = spec.commands.iter().map(|c| {
        let info = super::command::info_ident(c);
        let doc = format!("The registry entry of `{}`.", c.def.name.name);
        let name = &c.def.name.name;
        let method = method_name(c);
        let description = &c.def.description;
        let effect = match c.def.effect {
            Effect::Read => quote!(crate::Effect::Read),
            Effect::Change => quote!(crate::Effect::Change),
        };
        let long = c.def.long;
        let answer = match c.def.answer {
            AnswerKind::Value => quote!(crate::AnswerKind::Value),
            AnswerKind::Search => quote!(crate::AnswerKind::Search),
            AnswerKind::Bulk => quote!(crate::AnswerKind::Bulk),
        };
        let (bulk_of, bulk_key) = match &c.shape {
            Shape::Bulk { item, key } => (Some(spec.commands[*item].def.name.name.clone()), key.clone()),
            Shape::Single(_) => (None, None),
        };
        let (same_as, extends) = match &c.def.body {
            Body::SameAs(s) => (Some(s.name.clone()), None),
            Body::Args { extends: Some(e), .. } => (None, Some(e.name.clone())),
            _ => (None, None),
        };
        let (bulk_of, bulk_key, same_as, extends) = (opt(&bulk_of), opt(&bulk_key), opt(&same_as), opt(&extends));
        let args = arg_infos(spec, spec.item_args(c));
        let groups = match &c.shape {
            Shape::Bulk { item, .. } => &spec.commands[*item].groups,
            Shape::Single(_) => &c.groups,
        };
        let groups = groups.iter().map(|g| quote!(&[#(#g),*]));
        let example = opt(&c.def.example);
        let returns = spec.returns(c);
        let hidden = returns.map(|r| hidden(spec, &r.name.name)).unwrap_or_default();
        let (returns, returns_rows) = (opt(&returns.map(|r| r.name.name.clone())), returns.is_some_and(|r| r.rows));
        quote! {
            #[doc = #doc]
            pub(crate) static #info: crate::CommandInfo = crate::CommandInfo {
                name: #name, method: #method, description: #description, effect: #effect, long: #long,
                answer: #answer, bulk_of: #bulk_of, bulk_key: #bulk_key, same_as: #same_as, extends: #extends,
                args: #args, returns: #returns, returns_rows: #returns_rows,
                groups: &[#(#groups),*], example: #example, hidden: &[#(#hidden),*],
            };
        }
    });
    let commands = spec.commands.iter().map(super::command::info_ident);
    let n_commands = spec.commands.len();
    let variants: Vec<_> = spec
        .commands
        .iter()
        .map(|c| names::command_type(&c.def))
        .collect();
    let names_: Vec<_> = spec
        .commands
        .iter()
        .map(|c| c.def.name.name.as_str())
        .collect();
    // Single commands are read by their `parse_in` from an object of arguments, bulk ones
    // by their `read` from their items.
    let reads = spec.commands.iter().map(|c| {
        let ty = names::command_type(&c.def);
        let name = &c.def.name.name;
        match c.shape {
            Shape::Single(_) => {
                quote!(crate::rt::read_args(#name, value, crate::requests::#ty::parse_in))
            }
            Shape::Bulk { .. } => quote!(crate::requests::#ty::read(value)),
        }
    });
    let docs = spec
        .commands
        .iter()
        .map(|c| format!("`{}`", c.def.name.name));
    let bulk_arms = spec.commands.iter().filter_map(|c| match &c.shape {
        Shape::Bulk { item, .. } => {
            let variant = names::command_type(&c.def);
            let item = names::command_type(&spec.commands[*item].def);
            Some(quote! {
                Self::#variant(r) => ::std::option::Option::Some(
                    crate::Command::bulk_keys(r).unwrap_or_default().into_iter().zip(r.items.iter().cloned().map(Self::#item)).collect(),
                ),
            })
        }
        Shape::Single(_) => None,
    });
    // Every variant a bulk arm leaves is a single command's.
    let single_arm = spec
        .commands
        .iter()
        .any(|c| matches!(c.shape, Shape::Single(_)))
        .then(|| quote! { _ => ::std::option::Option::None, });
    quote! {
        /// Every argument type of the spec, in spec order.
        pub static TYPES: [crate::TypeInfo; #n_types] = [#(#types),*];

        #(#infos)*

        /// Every command of the spec, in spec order.
        pub static COMMANDS: [&crate::CommandInfo; #n_commands] = [#(&#commands),*];

        /// A request for any command, for callers that pick the command at run time (the
        /// command-line tool, the sandbox).
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Request {
            #( #[doc = #docs] #variants(crate::requests::#variants), )*
        }

        impl Request {
            /// Parses the arguments of the command named `command` (the API's spelling) from
            /// a JSON value that mirrors the form: the reader behind each request's
            /// `Deserialize`, with its typed error.
            pub fn from_args(command: &str, value: &::serde_json::Value) -> ::std::result::Result<Self, crate::ValidationError> {
                match command {
                    #( #names_ => #reads.map(Self::#variants), )*
                    _ => ::std::result::Result::Err(crate::registry::unknown_command(command)),
                }
            }

            /// Deserializes the arguments of the command named `command` (the API's
            /// spelling) with that command's request's `Deserialize`: the serde form of a
            /// request is the JSON tree that mirrors the form, as [`Request::from_args`]
            /// reads it, and a refusal is its error's text.
            pub fn deserialize_args<'de, D: ::serde::Deserializer<'de>>(command: &str, d: D) -> ::std::result::Result<Self, D::Error> {
                match command {
                    #( #names_ => <crate::requests::#variants as ::serde::Deserialize>::deserialize(d).map(Self::#variants), )*
                    _ => ::std::result::Result::Err(::serde::de::Error::custom(crate::registry::unknown_command(command))),
                }
            }

            /// For a bulk request, its items as requests of the single command they repeat,
            /// each with its key (as `Command::bulk_keys` gives them); `None` otherwise.
            pub fn items(&self) -> ::std::option::Option<::std::vec::Vec<(::std::string::String, Request)>> {
                match self {
                    #(#bulk_arms)*
                    #single_arm
                }
            }

            /// The request as a `Command`.
            pub fn as_command(&self) -> &dyn crate::DynCommand {
                match self {
                    #( Self::#variants(r) => r, )*
                }
            }
        }

        /// The request's arguments (not the command's name), as its own type writes them.
        impl ::serde::Serialize for Request {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(r) => r.serialize(s), )*
                }
            }
        }
    }
}

fn opt(v: &Option<String>) -> TokenStream {
    match v {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

/// The values of a closed set (an enum without a held number), for the CLI's help and errors.
fn closed_values(spec: &Spec, t: &TypeDef) -> Vec<String> {
    match repr(spec, t) {
        Repr::Enum(e) if e.other.is_none() => e.wire_values(),
        _ => Vec::new(),
    }
}

fn arg_infos(spec: &Spec, args: &[Arg]) -> TokenStream {
    let items = args.iter().map(|a| {
        let name = &a.name.name;
        let required = a.required;
        let default = opt(&a.default);
        let one_of = match &a.kind {
            ArgKind::Type(t) => spec.ty(&t.name).map(|t| closed_values(spec, t)).unwrap_or_default(),
            _ => Vec::new(),
        };
        let doc = opt(&a.doc);
        let ours = opt(&a.ours);
        let (kind, fields) = match &a.kind {
            ArgKind::Type(t) => {
                let t = &t.name;
                (quote!(crate::ArgKind::Type(#t)), arg_infos(spec, &[]))
            }
            ArgKind::Array { fields, flatten } => (quote!(crate::ArgKind::Records { flatten: #flatten }), arg_infos(spec, fields)),
            ArgKind::MapOf(t) => {
                let t = &t.name;
                (quote!(crate::ArgKind::MapOf(#t)), arg_infos(spec, &[]))
            }
        };
        quote! {
            crate::ArgInfo { name: #name, kind: #kind, required: #required, default: #default, one_of: &[#(#one_of),*], doc: #doc, ours: #ours, fields: #fields }
        }
    });
    quote!(&[#(#items),*])
}

/// The names of the secret fields an answer of shape `name` holds, through the shapes it
/// nests, unless the shape `reveals` them (the command exists to return them): what a
/// printer of the answer shows as `***`.
fn hidden(spec: &Spec, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![name.to_owned()];
    let mut seen: Vec<String> = Vec::new();
    while let Some(name) = todo.pop() {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        let Some(def) = spec.answers.iter().find(|a| a.name.name == name) else {
            continue;
        };
        if def.reveals {
            continue;
        }
        let mut kinds: Vec<(Option<&str>, &FieldKind)> = match &def.shape {
            AnswerShape::Fields(fields) => fields
                .iter()
                .map(|(f, k)| (Some(f.name.as_str()), k))
                .collect(),
            AnswerShape::MapOf(k) | AnswerShape::ListOf(k) => vec![(None, k)],
            AnswerShape::Records(_) | AnswerShape::Any(_) => Vec::new(),
        };
        while let Some((field, kind)) = kinds.pop() {
            match kind {
                FieldKind::Secret => {
                    if let Some(f) = field.filter(|f| !out.iter().any(|o| o == f)) {
                        out.push(f.to_owned());
                    }
                }
                FieldKind::Shape(s) => todo.push(s.name.clone()),
                FieldKind::MapOf(k) => kinds.push((None, k)),
                _ => {}
            }
        }
    }
    out.sort();
    out
}
