//! Emits one async method on `Client` per command, documented from the spec. The methods
//! are thin: all behaviour lives in `Client::call`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{AnswerShape, ArgKind, Command, Effect, Returns, Shape, Spec};
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

/// What a command's success decodes into (its `Command::Output`): the typed answer the
/// spec names (`Vec` of it for rows), a `BulkAnswer` of its item command's for a bulk
/// command, and raw JSON when the spec names none or its shape is `any`.
pub fn output_type(spec: &Spec, c: &Command) -> TokenStream {
    let single = |r: Option<&Returns>| {
        let Some(r) = r else {
            return quote!(::serde_json::Value);
        };
        let raw = spec
            .answers
            .iter()
            .any(|a| a.name.name == r.name.name && matches!(a.shape, AnswerShape::Any(_)));
        let ident = names::type_ident(&r.name.name);
        match (raw, r.rows) {
            (true, _) => quote!(::serde_json::Value),
            (false, true) => quote!(::std::vec::Vec<crate::answers::#ident>),
            (false, false) => quote!(crate::answers::#ident),
        }
    };
    match &c.shape {
        Shape::Bulk { .. } => {
            let item = single(spec.returns(c));
            quote!(crate::BulkAnswer<#item>)
        }
        Shape::Single(_) => single(c.def.returns.as_ref()),
    }
}

fn method(spec: &Spec, c: &Command) -> TokenStream {
    let name = format_ident!("{}", names::method_name(c));
    let ty = names::command_type(&c.def);
    let output = output_type(spec, c);
    let doc = method_doc(spec, c);
    let all = paging(c, &name, &ty);
    quote! {
        #[doc = #doc]
        pub async fn #name(&self, request: &crate::requests::#ty) -> ::std::result::Result<#output, crate::Error> {
            self.call(request).await
        }
        #all
    }
}

/// For a search with `limit` and `page` whose answer is rows: `{method}_all`, a stream of
/// every row, page after page.
fn paging(c: &Command, name: &proc_macro2::Ident, ty: &proc_macro2::Ident) -> TokenStream {
    let Shape::Single(args) = &c.shape else {
        return quote! {};
    };
    let has = |n: &str| {
        args.iter()
            .any(|a| a.name.name == n && matches!(a.kind, ArgKind::Type(_)))
    };
    let Some(r) = c.def.returns.as_ref().filter(|r| r.rows) else {
        return quote! {};
    };
    if !(has("limit") && has("page")) {
        return quote! {};
    }
    let all = format_ident!("{}_all", name);
    let row = names::type_ident(&r.name.name);
    let (page, limit) = (names::field("page"), names::field("limit"));
    let doc = format!(
        "Every row of `{}`, page after page of `page_size` rows ([`DEFAULT_PAGE_SIZE`](crate::DEFAULT_PAGE_SIZE) is a safe choice; at most what the API answers in one page) until a short page: never truncated, one page held at a time. The request's own `page` and `limit` are replaced. Each page is a call of [`Client::{name}`](crate::Client::{name}): rate-limited and retried as any read; a page that fails ends the stream with its error.",
        c.def.name.name
    );
    quote! {
        #[doc = #doc]
        pub fn #all(
            &self,
            request: &crate::requests::#ty,
            page_size: u32,
        ) -> impl crate::Stream<Item = ::std::result::Result<crate::answers::#row, crate::Error>> + Send + 'static {
            crate::page::rows(self, request.clone(), page_size, |r, page, limit| {
                ::std::result::Result::Ok(
                    r.clone()
                        .#page(::std::convert::TryFrom::try_from(page)?)
                        .#limit(::std::str::FromStr::from_str(&limit.to_string())?),
                )
            })
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
        let what = match (&c.shape, r.rows) {
            (Shape::Bulk { .. }, true) => {
                format!("each item's rows of [`{ty}`](crate::answers::{ty})")
            }
            (Shape::Bulk { .. }, false) => format!("each item's [`{ty}`](crate::answers::{ty})"),
            (_, true) => format!("rows of [`{ty}`](crate::answers::{ty})"),
            (_, false) => format!("a [`{ty}`](crate::answers::{ty})"),
        };
        doc.push_str(&format!(
            "\nAnswers {what}. A success whose answer does not fit is an error of kind `Decode` (the command was carried out); [`Client::call_raw`](crate::Client::call_raw) gives any answer undecoded.\n"
        ));
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
