//! Emits one async method on `Client` per command, documented from the spec. The methods
//! are thin: all behaviour lives in `Client::call`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{ArgKind, Command, Effect, Shape, Spec};
use crate::names;

/// The `impl Client` block.
pub fn emit(spec: &Spec) -> TokenStream {
    let methods = spec.commands.iter().map(|c| method(spec, c));
    quote! {
        impl crate::Client {
            #(#methods)*
        }
    }
}

/// The method name of a command.
pub fn method_name(c: &Command) -> String {
    names::method_name(&c.def)
}

fn method(spec: &Spec, c: &Command) -> TokenStream {
    let name = format_ident!("{}", method_name(c));
    let ty = names::command_type(&c.def);
    let output = match c.shape {
        Shape::Bulk { .. } => quote!(crate::BulkAnswer),
        Shape::Single(_) => quote!(::serde_json::Value),
    };
    let doc = method_doc(spec, c);
    quote! {
        #[doc = #doc]
        pub async fn #name(&self, request: &crate::requests::#ty) -> ::std::result::Result<#output, crate::Error> {
            self.call(request).await
        }
    }
}

fn method_doc(spec: &Spec, c: &Command) -> String {
    let mut doc = format!(
        "{} (`{}`).\n\n",
        super::md(c.def.description.trim_end_matches('.')),
        c.def.name.name
    );
    if let Some(note) = alias_note(spec, c) {
        doc.push_str(&note);
        doc.push_str("\n\n");
    }
    match &c.shape {
        Shape::Single(args) if args.is_empty() => doc.push_str("Takes no arguments.\n"),
        Shape::Single(args) => {
            doc.push_str("Arguments:\n");
            for a in args {
                let ty = match &a.kind {
                    ArgKind::Type(t) => t.name.clone(),
                    ArgKind::Array { .. } => "records".to_owned(),
                    ArgKind::MapOf(t) => format!("map of {}", t.name),
                };
                let mut line = format!(
                    "- `{}` ({ty}{})",
                    a.name.name,
                    if a.required { ", required" } else { "" }
                );
                if let Some(d) = &a.default {
                    line.push_str(&format!(", default `{d}`"));
                }
                if let Some(e) = spec.enum_of(a).filter(|e| e.other.is_none()) {
                    line.push_str(&format!(", one of {}", super::values(&e.wire_values())));
                }
                if let Some(d) = &a.doc {
                    line.push_str(&format!(": {}", super::md(d)));
                }
                doc.push_str(&line);
                doc.push('\n');
            }
        }
        Shape::Bulk { item, key } => {
            let item = &spec.commands[*item];
            doc.push_str(&format!(
                "A bulk command: each item carries the arguments of `{}`{}. The answer holds every item's own result.\n",
                item.def.name.name,
                key.as_ref().map(|k| format!(", keyed by its `{k}`")).unwrap_or_default()
            ));
        }
    }
    if let Some(r) = spec.returns(c) {
        let ty = names::type_ident(&r.name.name);
        let how = match (&c.shape, r.rows) {
            (Shape::Bulk { .. }, _) => format!(
                "each item's answer with [`{ty}::from_value`](crate::answers::{ty}::from_value)"
            ),
            (_, true) => format!("its rows with [`{ty}::rows`](crate::answers::{ty}::rows)"),
            (_, false) => format!("it with [`{ty}::from_value`](crate::answers::{ty}::from_value)"),
        };
        doc.push_str(&format!("\nDecode {how}.\n"));
    }
    doc.push_str(match c.def.effect {
        Effect::Read => "\nRead-only: retried on transport errors, 5xx and 429.\n",
        Effect::Change => "\nChanges state: never repeated by the client; if the answer is lost, the error says the outcome is unknown.\n",
    });
    if c.def.long {
        doc.push_str("\nThis command can take up to 10 minutes; the client waits that long for its answer.\n");
    }
    doc
}

/// For a command the API publishes under a second spelling (one with a `rust_name` that is
/// "same as" another): which one to use, and why both exist.
pub fn alias_note(spec: &Spec, c: &Command) -> Option<String> {
    c.def.rust_name.as_ref()?;
    let crate::model::Body::SameAs(target) = &c.def.body else {
        return None;
    };
    let primary = spec
        .commands
        .iter()
        .find(|t| t.def.name.name == target.name)?;
    Some(format!(
        "`{}` is a second spelling of `{}` that the API also publishes: the same command, with the \
         same arguments. Prefer [`Client::{}`](crate::Client::{}) and [its request `{}`](crate::requests::{}); \
         this one exists so that every name of the API can be called.",
        c.def.name.name,
        target.name,
        names::method_name(&primary.def),
        names::method_name(&primary.def),
        names::command_type_name(&primary.def),
        names::command_type_name(&primary.def),
    ))
}
