//! Emits the bulk wrapper of every "array of" command: a list of items of the single
//! command it repeats, each written under its own bracketed key (its index, or the value
//! of its `key` argument, as `domainsSetDNS` keys records by domain id).

use proc_macro2::TokenStream;
use quote::quote;

use super::command::{command_impl, serde_impls};
use crate::model::{ArgKind, Command, Spec};
use crate::names;

/// The bulk struct of command `c`, whose items are `item`'s requests.
pub fn emit(spec: &Spec, c: &Command, item: &Command, key: Option<&str>) -> TokenStream {
    let ident = names::command_type(&c.def);
    let item_ident = names::command_type(&item.def);
    let name = &c.def.name.name;
    let item_name = &item.def.name.name;
    let mut doc = format!(
        "`{name}`: {}.\n\nA bulk command: each item carries the arguments of [`{item_ident}`] (`{item_name}`)",
        super::md(c.def.description.trim_end_matches('.'))
    );
    match key {
        Some(k) => doc.push_str(&format!(", keyed by its `{k}`: `<{k}>[arg]=value`.")),
        None => doc.push_str(", keyed by its index: `0[arg]=value&1[arg]=value`."),
    }
    if swapped_plural(name, item_name) {
        doc.push_str(&format!(
            "\n\nThe names are the API's own, the other way round from its other pairs \
             (where `domainsX` repeats `domainX`): use [`{item_ident}`] (`{item_name}`) for one \
             request, and this one to send several at once."
        ));
    }
    if c.def.long {
        doc.push_str("\n\nThis command can take up to 10 minutes; the client waits that long for its answer.");
    }
    let key_field = key.map(names::field);
    // A key may be an optional argument of one of the item's groups (`domainSetDNS` takes
    // `id` or `domain`): a keyed item must still have it.
    let key_optional = key.is_some_and(|k| {
        spec.item_args(item)
            .iter()
            .any(|a| a.name.name == k && !a.required)
    });
    let key_of = |f: &proc_macro2::Ident| {
        if key_optional {
            quote! { item.#f.as_ref().map(crate::rt::wire_string).unwrap_or_default() }
        } else {
            quote! { crate::rt::wire_string(&item.#f) }
        }
    };
    let keys_expr = match &key_field {
        Some(f) => {
            let k = key_of(f);
            quote! { self.items.iter().map(|item| #k).collect() }
        }
        None => quote! { (0..self.items.len()).map(|i| i.to_string()).collect() },
    };
    let parse_item = match key {
        Some(k) => {
            let is_type = spec
                .item_args(item)
                .iter()
                .any(|a| a.name.name == k && matches!(a.kind, ArgKind::Type(_)));
            debug_assert!(is_type, "checked: a key is a typed argument");
            quote! { #item_ident::parse_in(&args.with_key(#k, &key)) }
        }
        None => quote! { #item_ident::parse_in(&args) },
    };
    // Index keys cannot repeat and need no text unless an error names them; argument keys
    // are checked for repeats, which would merge items on the wire.
    let (validate, encode) = match &key_field {
        Some(f) => {
            let k = key_of(f);
            let present = if key_optional {
                let n = key.unwrap_or_default();
                quote! {
                    for (i, item) in self.items.iter().enumerate() {
                        if item.#f.is_none() {
                            return ::std::result::Result::Err(at.index(i as u64).error(#n, crate::Problem::Missing));
                        }
                    }
                }
            } else {
                quote! {}
            };
            (
                quote! {
                    let at = crate::rt::At::root(#name);
                    crate::rt::require_some(&at, "items", self.items.is_empty())?;
                    #present
                    let mut seen = ::std::collections::HashSet::new();
                    for item in &self.items {
                        let key = #k;
                        item.check_in(&at.nest(&key))?;
                        if !seen.insert(key.clone()) {
                            return ::std::result::Result::Err(crate::rt::duplicate_key(&at, &key));
                        }
                    }
                    ::std::result::Result::Ok(())
                },
                quote! {
                    for item in &self.items {
                        let key = #k;
                        w.nest(&key, |w| item.write(w, true));
                    }
                },
            )
        }
        None => (
            quote! {
                let at = crate::rt::At::root(#name);
                crate::rt::require_some(&at, "items", self.items.is_empty())?;
                for (i, item) in self.items.iter().enumerate() {
                    item.check_in(&at.index(i as u64))?;
                }
                ::std::result::Result::Ok(())
            },
            quote! {
                for (i, item) in self.items.iter().enumerate() {
                    w.nest_index(i as u64, |w| item.write(w, false));
                }
            },
        ),
    };
    let keys = quote! {
        ::std::option::Option::Some(#keys_expr)
    };
    let command = command_impl(
        &ident,
        c,
        super::client::output_type(spec, c),
        validate,
        encode,
        Some(keys),
    );
    // The serde form is the one the reader takes: items keyed as they are sent.
    let serialize = match &key_field {
        Some(f) => {
            let k = key_of(f);
            quote! { s.collect_map(self.items.iter().map(|item| (#k, item))) }
        }
        None => quote! { s.collect_seq(&self.items) },
    };
    let serde = serde_impls(
        &ident,
        quote! { crate::rt::deserialize(d, Self::read) },
        serialize,
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #ident {
            /// The items, in the order they are sent.
            pub items: ::std::vec::Vec<#item_ident>,
        }

        impl #ident {
            /// A request for these items.
            pub fn new(items: impl ::std::iter::IntoIterator<Item = #item_ident>) -> Self {
                Self { items: items.into_iter().collect() }
            }

            /// Adds an item.
            pub fn item(mut self, item: #item_ident) -> Self {
                self.items.push(item);
                self
            }

            /// Reads the items from the JSON tree that mirrors the form (an array of items,
            /// or an object of items under their keys), validating each and the whole: the
            /// reader behind `Deserialize`.
            pub(crate) fn read(value: &::serde_json::Value) -> ::std::result::Result<Self, crate::ValidationError> {
                let at = crate::rt::At::root(#name);
                let mut items = ::std::vec::Vec::new();
                for (key, value) in crate::rt::bulk_items(&at, value)? {
                    let args = crate::rt::Args::new(at.nest(&key), value)?;
                    items.push(#parse_item?);
                }
                let this = Self { items };
                crate::Command::validate(&this)?;
                ::std::result::Result::Ok(this)
            }
        }

        #serde

        #command

        impl crate::Bulk for #ident {
            type Item = #item_ident;
            fn from_items(items: ::std::vec::Vec<#item_ident>) -> Self { Self { items } }
        }
    }
}

/// Whether the bulk command `bulk` is named in the singular and its item `item` in the
/// plural (`serverGetList` repeats `serversGetList`), so that a reader would take the one
/// for the other.
fn swapped_plural(bulk: &str, item: &str) -> bool {
    let word = bulk
        .find(|c: char| c.is_ascii_uppercase())
        .unwrap_or(bulk.len());
    let (first, rest) = bulk.split_at(word);
    item == format!("{first}s{rest}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn swapped_plural_spots_the_look_alike_pair_only() {
        assert!(super::swapped_plural("serverGetList", "serversGetList"));
        assert!(!super::swapped_plural("domainsCheck", "domainCheck"));
        assert!(!super::swapped_plural("serverGetInfo", "serverGetList"));
    }
}
