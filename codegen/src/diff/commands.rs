//! The comparison of two specs' commands: added, removed, renamed, their effect, answer
//! and bulk relation.

use std::collections::BTreeMap;

use super::differ::{Differ, by_name, place, union};
use super::message::msg;
use super::report::{Kind, Level, Subject};
use crate::model::*;
use crate::names::method_name;

impl Differ<'_> {
    // ---- commands ----

    pub(super) fn commands(&mut self) {
        let old: BTreeMap<&str, &Command> = by_name(&self.old.commands, |c| &c.def.name.name);
        let new: BTreeMap<&str, &Command> = by_name(&self.new.commands, |c| &c.def.name.name);
        for name in union(old.keys().copied(), new.keys().copied()) {
            let subject = Subject::Command(name.to_owned());
            self.at = place(
                old.get(name).map(|c| &c.def.name.pos),
                new.get(name).map(|c| &c.def.name.pos),
            );
            match (old.get(name), new.get(name)) {
                (Some(o), None) => self.push(
                    Level::Breaking,
                    &subject,
                    Kind::CommandRemoved,
                    msg()
                        .t("command removed (client method ")
                        .c(method_name(&o.def))
                        .t(")"),
                ),
                (None, Some(n)) => self.push(
                    Level::Compatible,
                    &subject,
                    Kind::CommandAdded,
                    msg()
                        .t("command added (client method ")
                        .c(method_name(&n.def))
                        .t(")"),
                ),
                (Some(o), Some(n)) => self.command_changes(&subject, o, n),
                (None, None) => {}
            }
        }
    }

    pub(super) fn command_changes(&mut self, subject: &Subject, o: &Command, n: &Command) {
        let returns = |r: Option<&Returns>| match r {
            None => "nothing named".to_owned(),
            Some(r) if r.rows => format!("rows of {}", r.name.name),
            Some(r) => r.name.name.clone(),
        };
        let (ro, rn) = (
            returns(o.def.returns.as_ref()),
            returns(n.def.returns.as_ref()),
        );
        if ro != rn {
            self.push(
                Level::Compatible,
                subject,
                Kind::Returns,
                msg()
                    .t("answer decodes into ")
                    .c(rn)
                    .t(" instead of ")
                    .c(ro),
            );
        }
        let (mo, mn) = (method_name(&o.def), method_name(&n.def));
        if mo != mn {
            self.push(
                Level::Breaking,
                subject,
                Kind::MethodRenamed,
                msg().t("client method renamed from ").c(mo).t(" to ").c(mn),
            );
        }
        if o.def.description != n.def.description {
            self.push(
                Level::Compatible,
                subject,
                Kind::Description,
                msg()
                    .t("description changed from ")
                    .q(&o.def.description)
                    .t(" to ")
                    .q(&n.def.description),
            );
        }
        if o.def.effect != n.def.effect {
            let (from, to, note) = match n.def.effect {
                Effect::Change => (
                    "read",
                    "change",
                    "the client no longer retries it, and a lost answer is an unknown outcome",
                ),
                Effect::Read => (
                    "change",
                    "read",
                    "the client now retries it on transport errors, 5xx and 429",
                ),
            };
            self.push_notable(
                Level::Compatible,
                subject,
                Kind::Effect,
                msg().t("effect changed from ").c(from).t(" to ").c(to),
                note.to_owned(),
            );
        }
        if o.def.long != n.def.long {
            let detail = if n.def.long {
                "now long: the client waits up to 10 minutes for its answer"
            } else {
                "no longer long: the client's usual answer timeout applies"
            };
            self.push(Level::Compatible, subject, Kind::Long, msg().t(detail));
        }
        match (&o.shape, &n.shape) {
            (Shape::Single(a), Shape::Single(b)) => {
                self.answer(subject, o.def.answer, n.def.answer);
                self.args(subject, "", a, b);
            }
            (Shape::Bulk { item: i, key: k }, Shape::Bulk { item: j, key: l }) => {
                let (from, to) = (
                    &self.old.commands[*i].def.name.name,
                    &self.new.commands[*j].def.name.name,
                );
                if from != to {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::Bulk,
                        msg()
                            .t("array_of changed from ")
                            .c(from.clone())
                            .t(" to ")
                            .c(to.clone()),
                    );
                }
                if k != l {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::Bulk,
                        msg()
                            .t("items now keyed by ")
                            .t(key_words(l))
                            .t(" instead of ")
                            .t(key_words(k)),
                    );
                }
            }
            (Shape::Single(_), Shape::Bulk { item, .. }) => self.push(
                Level::Breaking,
                subject,
                Kind::Bulk,
                msg()
                    .t("became a bulk command, an array of ")
                    .c(self.new.commands[*item].def.name.name.clone()),
            ),
            (Shape::Bulk { item, .. }, Shape::Single(_)) => self.push(
                Level::Breaking,
                subject,
                Kind::Bulk,
                msg()
                    .t("is no longer a bulk command (was an array of ")
                    .c(self.old.commands[*item].def.name.name.clone())
                    .t(")"),
            ),
        }
    }

    pub(super) fn answer(&mut self, subject: &Subject, o: AnswerKind, n: AnswerKind) {
        let word = |a: AnswerKind| match a {
            AnswerKind::Value => "value",
            AnswerKind::Search => "search",
            AnswerKind::Bulk => "bulk",
        };
        if o == n {
            return;
        }
        let (level, why) = match (o, n) {
            (AnswerKind::Value, AnswerKind::Search) => {
                (Level::Compatible, "a bare number is now a success")
            }
            _ => (
                Level::Breaking,
                "answers once taken as success may now be errors",
            ),
        };
        self.push(
            level,
            subject,
            Kind::Answer,
            msg()
                .t("answer changed from ")
                .c(word(o))
                .t(" to ")
                .c(word(n))
                .t(format!(": {why}")),
        );
    }
}

/// How bulk items are keyed: `argument id`, or `index`.
pub(super) fn key_words(key: &Option<String>) -> String {
    match key {
        Some(k) => format!("argument {k}"),
        None => "index".to_owned(),
    }
}
