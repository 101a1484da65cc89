//! The comparison of two specs: the differ's state, where a change is placed, and the
//! answer shapes. Types, commands and arguments are compared in their own files.

use std::collections::{BTreeMap, BTreeSet};

use super::impact;
use super::message::{Message, msg};
use super::report::{Change, Kind, Level, Subject};
use crate::model::*;
use crate::yaml::Pos;

pub(super) struct Differ<'a> {
    pub(super) old: &'a Spec,
    pub(super) new: &'a Spec,
    pub(super) changes: Vec<Change>,
    /// Where the changes found next are placed.
    pub(super) at: Option<Pos>,
    /// The argument paths or values the changes found next are about.
    pub(super) item: Option<Vec<String>>,
}

/// Where a change between `old` and `new` is placed: the new line, or the old one when the
/// thing is gone.
pub(super) fn place(old: Option<&Pos>, new: Option<&Pos>) -> Option<Pos> {
    new.or(old).cloned()
}

/// The union of two name sets, sorted: the order things are compared and reported in.
pub(super) fn union<'a>(
    a: impl Iterator<Item = &'a str>,
    b: impl Iterator<Item = &'a str>,
) -> Vec<&'a str> {
    a.chain(b).collect::<BTreeSet<_>>().into_iter().collect()
}

impl<'a> Differ<'a> {
    pub(super) fn push(&mut self, level: Level, subject: &Subject, kind: Kind, detail: Message) {
        let items = self.item.clone().unwrap_or_default();
        let impact = impact::of(
            (self.old, self.new),
            subject,
            kind,
            &items,
            level == Level::Breaking,
        );
        self.changes.push(Change {
            level,
            subject: subject.clone(),
            kind,
            detail,
            notable: None,
            pos: self.at.clone(),
            impact,
        });
    }

    pub(super) fn push_notable(
        &mut self,
        level: Level,
        subject: &Subject,
        kind: Kind,
        detail: Message,
        notable: String,
    ) {
        self.push(level, subject, kind, detail);
        if let Some(last) = self.changes.last_mut() {
            last.notable = Some(notable);
        }
    }

    // ---- answers ----

    /// Answer decoders are `#[non_exhaustive]` structs of optional fields: a field added is
    /// compatible; a field removed, or read as another kind, changes code that uses it.
    pub(super) fn answers(&mut self) {
        let old: BTreeMap<&str, &AnswerDef> = by_name(&self.old.answers, |a| &a.name.name);
        let new: BTreeMap<&str, &AnswerDef> = by_name(&self.new.answers, |a| &a.name.name);
        for name in union(old.keys().copied(), new.keys().copied()) {
            let subject = Subject::Answer(name.to_owned());
            self.at = place(
                old.get(name).map(|a| &a.name.pos),
                new.get(name).map(|a| &a.name.pos),
            );
            match (old.get(name), new.get(name)) {
                (Some(_), None) => self.push(
                    Level::Breaking,
                    &subject,
                    Kind::AnswerRemoved,
                    msg().t("removed"),
                ),
                (None, Some(_)) => self.push(
                    Level::Compatible,
                    &subject,
                    Kind::AnswerAdded,
                    msg().t("added"),
                ),
                (Some(o), Some(n)) => self.answer_changes(&subject, o, n),
                (None, None) => {}
            }
        }
    }

    fn answer_changes(&mut self, subject: &Subject, o: &AnswerDef, n: &AnswerDef) {
        if o.doc != n.doc || o.source != n.source {
            self.push(
                Level::Compatible,
                subject,
                Kind::AnswerDoc,
                msg().t("doc or source changed"),
            );
        }
        match (&o.shape, &n.shape) {
            (AnswerShape::Fields(of), AnswerShape::Fields(nf)) => {
                // Compared by text: names hold positions, which differ between two trees.
                let old: BTreeMap<&str, String> = of
                    .iter()
                    .map(|(f, k)| (f.name.as_str(), field_text(k)))
                    .collect();
                let new: BTreeMap<&str, String> = nf
                    .iter()
                    .map(|(f, k)| (f.name.as_str(), field_text(k)))
                    .collect();
                for field in union(old.keys().copied(), new.keys().copied()) {
                    match (old.get(field), new.get(field)) {
                        (Some(_), None) => self.push(
                            Level::Breaking,
                            subject,
                            Kind::AnswerFields,
                            msg().t("field ").c(field).t(" removed"),
                        ),
                        (None, Some(_)) => self.push(
                            Level::Compatible,
                            subject,
                            Kind::AnswerFields,
                            msg().t("field ").c(field).t(" added"),
                        ),
                        (Some(a), Some(b)) if a != b => self.push(
                            Level::Breaking,
                            subject,
                            Kind::AnswerFields,
                            msg()
                                .t("field ")
                                .c(field)
                                .t(" read as ")
                                .c(b.clone())
                                .t(" instead of ")
                                .c(a.clone()),
                        ),
                        _ => {}
                    }
                }
            }
            (AnswerShape::MapOf(a), AnswerShape::MapOf(b)) => {
                let (a, b) = (field_text(a), field_text(b));
                if a != b {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::AnswerFields,
                        msg().t("values read as ").c(b).t(" instead of ").c(a),
                    );
                }
            }
            (a, b) => {
                let (a, b) = (shape_text(a), shape_text(b));
                if a != b {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::AnswerFields,
                        msg().t("shape changed from ").c(a).t(" to ").c(b),
                    );
                }
            }
        }
    }
}

/// `int`, `shape(contactInfo)`, `mapof(shape(zonePrices))`: a field's kind without the
/// positions its names carry.
pub(super) fn field_text(k: &FieldKind) -> String {
    match k {
        FieldKind::Shape(n) => format!("shape({})", n.name),
        FieldKind::MapOf(k) => format!("mapof({})", field_text(k)),
        FieldKind::Records(r) => format!("records({}.{})", r.command.name, r.arg),
        FieldKind::Any(why) => format!("any({why})"),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// The kind of an answer shape, and what it holds but for `fields`.
pub(super) fn shape_text(s: &AnswerShape) -> String {
    match s {
        AnswerShape::Fields(_) => "fields".to_owned(),
        AnswerShape::MapOf(k) => format!("map_of {}", field_text(k)),
        AnswerShape::ListOf(k) => format!("list_of {}", field_text(k)),
        AnswerShape::Records(r) => format!("records {}.{}", r.command.name, r.arg),
        AnswerShape::Any(why) => format!("any ({why})"),
    }
}

pub(super) fn by_name<'a, T>(
    items: &'a [T],
    name: impl Fn(&'a T) -> &'a String,
) -> BTreeMap<&'a str, &'a T> {
    items.iter().map(|i| (name(i).as_str(), i)).collect()
}
