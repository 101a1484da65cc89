//! The comparison of two specs' types: rules (widened, narrowed or changed), closed
//! sets' values, secrecy, docs and examples.

use std::collections::{BTreeMap, BTreeSet};

use super::differ::{Differ, by_name, place, union};
use super::message::{Message, msg};
use super::report::{Kind, Level, Subject};
use super::rules::{held, rule_text, users_of, widens};
use crate::model::*;

impl Differ<'_> {
    // ---- types ----

    pub(super) fn types(&mut self) {
        let old: BTreeMap<&str, &TypeDef> = by_name(&self.old.types, |t| &t.name.name);
        let new: BTreeMap<&str, &TypeDef> = by_name(&self.new.types, |t| &t.name.name);
        for name in union(old.keys().copied(), new.keys().copied()) {
            let subject = Subject::Type(name.to_owned());
            self.at = place(
                old.get(name).map(|t| &t.name.pos),
                new.get(name).map(|t| &t.name.pos),
            );
            match (old.get(name), new.get(name)) {
                (Some(_), None) => self.push(
                    Level::Breaking,
                    &subject,
                    Kind::TypeRemoved,
                    msg().t("removed"),
                ),
                (None, Some(_)) => self.push(
                    Level::Compatible,
                    &subject,
                    Kind::TypeAdded,
                    msg().t("added"),
                ),
                (Some(o), Some(n)) => self.type_changes(&subject, o, n),
                (None, None) => {}
            }
        }
    }

    pub(super) fn type_changes(&mut self, subject: &Subject, o: &TypeDef, n: &TypeDef) {
        let (ro, rn) = (rule_text(&o.rule), rule_text(&n.rule));
        if let (Rule::Enum(a), Rule::Enum(b)) = (&o.rule, &n.rule) {
            self.variants(subject, a, b);
        } else if ro != rn {
            let (held_old, held_new) = (held(o), held(n));
            let widened = held_old == held_new && widens(self.old, self.new, &o.rule, &n.rule, 0);
            let narrowed = held_old == held_new && widens(self.new, self.old, &n.rule, &o.rule, 0);
            let word = if widened {
                "widened"
            } else if narrowed {
                "narrowed"
            } else {
                "changed"
            };
            let mut detail = msg().t(format!("rule {word} from ")).c(ro).t(" to ").c(rn);
            if held_old != held_new {
                detail = detail.t(format!(
                    "; the newtype now holds {held_new} instead of {held_old}"
                ));
            }
            let users = users_of(self.new, &n.name.name);
            if !users.is_empty() {
                detail = detail.t("; types built on it: ");
                for (i, u) in users.iter().enumerate() {
                    detail = if i == 0 { detail } else { detail.t(", ") }.c(*u);
                }
            }
            let level = if widened {
                Level::Compatible
            } else {
                Level::Breaking
            };
            self.push(level, subject, Kind::Rule, detail);
        }
        match (o.secret, n.secret) {
            (false, true) => self.push(
                Level::Breaking,
                subject,
                Kind::Secret,
                msg()
                    .t("made secret: its values are redacted and it loses ")
                    .c("Display"),
            ),
            (true, false) => self.push_notable(
                Level::Compatible,
                subject,
                Kind::Secret,
                msg().t("no longer secret"),
                "its values now show in Debug output and error messages".to_owned(),
            ),
            _ => {}
        }
        if o.doc != n.doc {
            self.push(
                Level::Compatible,
                subject,
                Kind::TypeDoc,
                msg().t("doc changed from ").q(&o.doc).t(" to ").q(&n.doc),
            );
        }
        if o.ours != n.ours {
            self.push(
                Level::Compatible,
                subject,
                Kind::TypeDoc,
                changed_opt("ours", &o.ours, &n.ours),
            );
        }
        for (what, a, b) in [
            ("examples", &o.examples, &n.examples),
            ("invalid", &o.invalid, &n.invalid),
        ] {
            if let Some(detail) = set_change(what, a, b) {
                self.push(Level::Compatible, subject, Kind::Examples, detail);
            }
        }
    }

    /// An enum's variants: one added is compatible (the enums are `#[non_exhaustive]`),
    /// one removed breaking; the held number's variant is compared as a variant too.
    pub(super) fn variants(&mut self, subject: &Subject, o: &EnumRule, n: &EnumRule) {
        let names = |e: &EnumRule| -> BTreeSet<String> {
            let held = e
                .other
                .as_ref()
                .map(|x| format!("{}: {{type: {}}}", x.name.name, x.of.name));
            e.wire_values().into_iter().chain(held).collect()
        };
        let (a, b) = (names(o), names(n));
        let came: Vec<&String> = b.difference(&a).collect();
        let gone: Vec<&String> = a.difference(&b).collect();
        if !came.is_empty() {
            self.item = Some(came.iter().map(|v| (*v).clone()).collect());
            let detail = msg().t("values added: ").values(came);
            self.push(Level::Compatible, subject, Kind::Variants, detail);
        }
        if !gone.is_empty() {
            self.item = Some(gone.iter().map(|v| (*v).clone()).collect());
            let detail = msg().t("values removed: ").values(gone);
            self.push(Level::Breaking, subject, Kind::Variants, detail);
        }
        self.item = None;
    }
}

/// `doc added: "..."`, `doc removed`, `doc changed from "..." to "..."`.
pub(super) fn changed_opt(what: &str, o: &Option<String>, n: &Option<String>) -> Message {
    let m = msg().c(what);
    match (o, n) {
        (None, Some(b)) => m.t(" added: ").q(b),
        (Some(_), None) => m.t(" removed"),
        (Some(a), Some(b)) => m.t(" changed from ").q(a).t(" to ").q(b),
        (None, None) => msg(),
    }
}

/// `examples: added "x"; removed "y"`, when the sets differ.
pub(super) fn set_change(what: &str, o: &[String], n: &[String]) -> Option<Message> {
    let (a, b): (BTreeSet<&String>, BTreeSet<&String>) = (o.iter().collect(), n.iter().collect());
    if a == b {
        return None;
    }
    let came: Vec<&String> = b.difference(&a).copied().collect();
    let gone: Vec<&String> = a.difference(&b).copied().collect();
    let mut m = msg().c(what).t(":");
    if !came.is_empty() {
        m = m.t(" added ").values(came.iter().copied());
    }
    if !gone.is_empty() {
        m = m
            .t(if came.is_empty() {
                " removed "
            } else {
                "; removed "
            })
            .values(gone);
    }
    Some(m)
}
