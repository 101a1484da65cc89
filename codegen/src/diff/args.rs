//! The comparison of two argument lists: added, removed, renamed, required, retyped,
//! reordered, defaults and docs.

use std::collections::BTreeMap;

use super::differ::{Differ, by_name, place, union};
use super::message::msg;
use super::report::{Kind, Level, Subject};
use super::types::changed_opt;
use crate::model::*;

impl Differ<'_> {
    // ---- arguments ----

    /// The changes between two argument lists (`prefix` is `records.` inside an array).
    pub(super) fn args(&mut self, subject: &Subject, prefix: &str, old: &[Arg], new: &[Arg]) {
        let o: BTreeMap<&str, &Arg> = by_name(old, |a| &a.name.name);
        let n: BTreeMap<&str, &Arg> = by_name(new, |a| &a.name.name);
        let removed: Vec<&str> = o.keys().filter(|k| !n.contains_key(*k)).copied().collect();
        let added: Vec<&str> = n.keys().filter(|k| !o.contains_key(*k)).copied().collect();
        // A rename: the only removed and the only added argument of one signature.
        let mut renamed: BTreeMap<&str, &str> = BTreeMap::new();
        for r in &removed {
            let sig = signature(o[r]);
            let to: Vec<&str> = added
                .iter()
                .filter(|a| signature(n[*a]) == sig)
                .copied()
                .collect();
            let from: Vec<&str> = removed
                .iter()
                .filter(|x| signature(o[*x]) == sig)
                .copied()
                .collect();
            if let ([to], [_]) = (to.as_slice(), from.as_slice()) {
                renamed.insert(r, to);
            }
        }
        let path = |name: &str| format!("{prefix}{name}");
        let outer = self.at.clone();
        for name in union(o.keys().copied(), n.keys().copied()) {
            // A rename is placed on the new name.
            let new_pos = n
                .get(name)
                .or_else(|| renamed.get(name).and_then(|to| n.get(to)))
                .map(|a| &a.name.pos);
            self.at = place(o.get(name).map(|a| &a.name.pos), new_pos);
            let mut item = vec![path(name)];
            item.extend(renamed.get(name).map(|to| path(to)));
            self.item = Some(item);
            match (o.get(name), n.get(name)) {
                (Some(_), None) => match renamed.get(name) {
                    Some(to) => self.push(
                        Level::Breaking,
                        subject,
                        Kind::ArgRenamed,
                        msg()
                            .t("argument ")
                            .c(path(name))
                            .t(" renamed to ")
                            .c(path(to)),
                    ),
                    None => self.push(
                        Level::Breaking,
                        subject,
                        Kind::ArgRemoved,
                        msg().t("argument ").c(path(name)).t(" removed"),
                    ),
                },
                (None, Some(a)) => {
                    if renamed.values().any(|to| to == &name) {
                        continue;
                    }
                    let (level, what) = if a.required {
                        (Level::Breaking, "required argument ")
                    } else {
                        (Level::Compatible, "optional argument ")
                    };
                    self.push(
                        level,
                        subject,
                        Kind::ArgAdded,
                        msg()
                            .t(what)
                            .c(path(name))
                            .t(" added (")
                            .c(kind_text(&a.kind))
                            .t(")"),
                    );
                }
                (Some(a), Some(b)) => self.arg_changes(subject, &path(name), a, b),
                (None, None) => {}
            }
        }
        self.at = outer;
        self.item = None;
        // `new` takes the required typed arguments in spec order. Parameters that came or
        // went are reported above; here, those on both sides that changed places.
        let (all_old, all_new) = (new_params(old), new_params(new));
        let po: Vec<&str> = all_old
            .iter()
            .copied()
            .filter(|p| all_new.contains(p))
            .collect();
        let pn: Vec<&str> = all_new
            .iter()
            .copied()
            .filter(|p| all_old.contains(p))
            .collect();
        if po != pn {
            let list = |p: &[&str]| format!("new({})", p.join(", "));
            let mut detail = msg().t("parameters of ").c("new");
            if !prefix.is_empty() {
                detail = detail
                    .t(" of the records of ")
                    .c(prefix.trim_end_matches('.'));
            }
            self.push(
                Level::Breaking,
                subject,
                Kind::ParamsReordered,
                detail
                    .t(" reordered from ")
                    .c(list(&po))
                    .t(" to ")
                    .c(list(&pn)),
            );
        }
    }

    pub(super) fn arg_changes(&mut self, subject: &Subject, path: &str, o: &Arg, n: &Arg) {
        let arg = || msg().t("argument ").c(path);
        if o.required != n.required {
            let detail = if n.required {
                arg().t(" made required")
            } else {
                arg().t(" made optional")
            };
            let kind = if n.required {
                Kind::ArgRequired
            } else {
                Kind::ArgOptional
            };
            self.push(Level::Breaking, subject, kind, detail);
        }
        match (&o.kind, &n.kind) {
            (
                ArgKind::Array {
                    fields: a,
                    flatten: x,
                },
                ArgKind::Array {
                    fields: b,
                    flatten: y,
                },
            ) => {
                if x != y {
                    let detail = if *y {
                        arg().t(" flattened: its records' keys now stand at the top of the form")
                    } else {
                        arg().t(" no longer flattened: its records now stand under its name")
                    };
                    self.push(Level::Breaking, subject, Kind::ArgFlatten, detail);
                }
                self.args(subject, &format!("{path}."), a, b);
                self.item = Some(vec![path.to_owned()]);
            }
            (a, b) => {
                let (ka, kb) = (kind_text(a), kind_text(b));
                if ka != kb {
                    self.push(
                        Level::Breaking,
                        subject,
                        Kind::ArgType,
                        arg().t(" type changed from ").c(ka).t(" to ").c(kb),
                    );
                }
            }
        }
        if o.default != n.default {
            let detail = match (&o.default, &n.default) {
                (None, Some(d)) => arg().t(" now defaults to ").v(d),
                (Some(d), None) => arg().t(" no longer defaults to ").v(d),
                (Some(a), Some(b)) => arg().t(" default changed from ").v(a).t(" to ").v(b),
                (None, None) => msg(),
            };
            self.push(Level::Compatible, subject, Kind::ArgDefault, detail);
        }
        if o.doc != n.doc {
            let mut d = arg().t(" ");
            d.0.extend(changed_opt("doc", &o.doc, &n.doc).0);
            self.push(Level::Compatible, subject, Kind::ArgDoc, d);
        }
        if o.ours != n.ours {
            let mut d = arg().t(" ");
            d.0.extend(changed_opt("ours", &o.ours, &n.ours).0);
            self.push(Level::Compatible, subject, Kind::ArgDoc, d);
        }
    }
}

/// The parameters of a request's `new`: its required typed arguments, in spec order.
pub(super) fn new_params(args: &[Arg]) -> Vec<&str> {
    args.iter()
        .filter(|a| a.required && matches!(a.kind, ArgKind::Type(_)))
        .map(|a| a.name.name.as_str())
        .collect()
}

/// An argument's shape in words: `domain`, `map of code`, `records`.
pub(super) fn kind_text(k: &ArgKind) -> String {
    match k {
        ArgKind::Type(t) => t.name.clone(),
        ArgKind::MapOf(t) => format!("map of {}", t.name),
        ArgKind::Array { .. } => "records".to_owned(),
    }
}

/// Everything about an argument but its name, to recognise a rename.
pub(super) fn signature(a: &Arg) -> String {
    let kind = match &a.kind {
        ArgKind::Array { fields, flatten } => {
            let mut fields: Vec<String> = fields
                .iter()
                .map(|f| format!("{}={}", f.name.name, signature(f)))
                .collect();
            fields.sort();
            format!("records(flatten={flatten})[{}]", fields.join(";"))
        }
        k => kind_text(k),
    };
    format!("{kind}|{}|{:?}", a.required, a.default)
}
