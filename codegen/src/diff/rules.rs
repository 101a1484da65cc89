//! What a rule change means for values: a rule as text, what a newtype holds, and whether
//! a new rule accepts every value the old one did (a widening).

use std::collections::BTreeSet;

use crate::model::*;

/// A rule as one line of flow YAML, the way the spec writes it; equal texts are equal rules.
pub fn rule_text(r: &Rule) -> String {
    let q = |s: &str| format!("{s:?}");
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    let fields = |kind: &str, fields: Vec<(&str, Option<String>)>| {
        let inner: Vec<String> = fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
            .collect();
        format!("{{{kind}: {{{}}}}}", inner.join(", "))
    };
    let classes = |cs: &[CharClass]| {
        list(
            cs.iter()
                .map(|c| match c {
                    CharClass::Latin => "latin".to_owned(),
                    CharClass::Lower => "lower".to_owned(),
                    CharClass::Upper => "upper".to_owned(),
                    CharClass::Digit => "digit".to_owned(),
                    CharClass::Letter => "letter".to_owned(),
                    CharClass::Chars(s) => q(s),
                })
                .collect(),
        )
    };
    let chars = |s: &str| (!s.is_empty()).then(|| q(s));
    match r {
        Rule::Int { min, max } => fields(
            "int",
            vec![
                ("min", min.map(|n| n.to_string())),
                ("max", max.map(|n| n.to_string())),
            ],
        ),
        Rule::Bool => "{bool: {}}".to_owned(),
        Rule::Date => "{date: {}}".to_owned(),
        Rule::Ip => "{ip: {}}".to_owned(),
        Rule::Text(t) => fields(
            "text",
            vec![
                ("min_len", t.min_len.map(|n| n.to_string())),
                ("max_len", t.max_len.map(|n| n.to_string())),
                (
                    "prefix",
                    (!t.prefix.is_empty()).then(|| list(t.prefix.iter().map(|p| q(p)).collect())),
                ),
                ("first", t.first.as_deref().map(classes)),
                ("chars", t.chars.as_deref().map(classes)),
                ("forbid", (!t.forbid.is_empty()).then(|| classes(&t.forbid))),
                ("only_first", chars(&t.only_first)),
                ("not_first", chars(&t.not_first)),
                ("not_last", chars(&t.not_last)),
            ],
        ),
        Rule::Parts(p) => fields(
            "parts",
            vec![
                ("sep", Some(q(&p.sep.to_string()))),
                ("min", p.min.map(|n| n.to_string())),
                ("max", p.max.map(|n| n.to_string())),
                ("max_len", p.max_len.map(|n| n.to_string())),
                ("idna", p.idna.then(|| "true".to_owned())),
                ("first", p.first.as_deref().map(rule_text)),
                ("each", Some(rule_text(&p.each))),
            ],
        ),
        Rule::List { of, sep } => fields(
            "list",
            vec![
                ("of", Some(of.name.clone())),
                ("sep", Some(q(&sep.to_string()))),
            ],
        ),
        Rule::Literal(values) => format!(
            "{{literal: {}}}",
            list(values.iter().map(|v| q(v)).collect())
        ),
        Rule::AnyOf(rules) => format!(
            "{{any_of: {}}}",
            list(rules.iter().map(rule_text).collect())
        ),
        Rule::Type(t) => format!("{{type: {}}}", t.name),
        Rule::Enum(e) => {
            let mut items: Vec<String> = e.wire_values().iter().map(|v| q(v)).collect();
            if let Some(o) = &e.other {
                items.push(format!("{{{}: {{type: {}}}}}", o.name.name, o.of.name));
            }
            format!("{{enum: {}}}", list(items))
        }
    }
}

/// What a type's newtype holds, in words.
pub(super) fn held(t: &TypeDef) -> &'static str {
    match &t.resolved {
        Rule::Int { .. } => "a number",
        Rule::Bool => "a flag",
        Rule::List { .. } => "a list",
        Rule::Enum(_) => "a closed set of values",
        _ => "text",
    }
}

/// The types of `spec` whose rules use `name`, directly or through others.
pub(super) fn users_of<'a>(spec: &'a Spec, name: &str) -> Vec<&'a str> {
    let mut found: BTreeSet<&str> = BTreeSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(n) = todo.pop() {
        for t in &spec.types {
            if mentions(&t.rule, &n) && found.insert(&t.name.name) {
                todo.push(t.name.name.clone());
            }
        }
    }
    found.remove(name);
    found.into_iter().collect()
}

pub(super) fn mentions(rule: &Rule, name: &str) -> bool {
    match rule {
        Rule::Type(t) | Rule::List { of: t, .. } => t.name == name,
        Rule::Parts(p) => {
            mentions(&p.each, name) || p.first.as_deref().is_some_and(|f| mentions(f, name))
        }
        Rule::AnyOf(rules) => rules.iter().any(|r| mentions(r, name)),
        _ => false,
    }
}

/// True when every value `o` (a rule of spec `os`) accepts, `n` (of `ns`) accepts too.
///
/// Sound but not complete: `false` can mean "could not tell". A `type:` rule naming the
/// same type on both sides counts as equal, since that type's own change is reported
/// (and classified) on its own.
pub(super) fn widens(os: &Spec, ns: &Spec, o: &Rule, n: &Rule, depth: usize) -> bool {
    if depth > 32 {
        return false;
    }
    let deeper = |o: &Rule, n: &Rule| widens(os, ns, o, n, depth + 1);
    let lookup = rule_of;
    match (o, n) {
        (Rule::Type(a), Rule::Type(b)) if a.name == b.name => true,
        (Rule::Enum(a), _) => deeper(&a.as_rule(), n),
        (_, Rule::Enum(b)) => deeper(o, &b.as_rule()),
        (Rule::AnyOf(alts), _) => alts.iter().all(|a| deeper(a, n)),
        (_, Rule::AnyOf(alts)) => alts.iter().any(|b| deeper(o, b)),
        (Rule::Type(a), _) => lookup(os, &a.name).is_some_and(|r| deeper(r, n)),
        (_, Rule::Type(b)) => lookup(ns, &b.name).is_some_and(|r| deeper(o, r)),
        (Rule::Int { min: a, max: b }, Rule::Int { min: c, max: d }) => {
            c.unwrap_or(0) <= a.unwrap_or(0) && at_most(*b, *d)
        }
        (Rule::Bool, Rule::Bool) | (Rule::Date, Rule::Date) | (Rule::Ip, Rule::Ip) => true,
        (Rule::Literal(a), Rule::Literal(b)) => a.iter().all(|v| b.contains(v)),
        (Rule::Text(a), Rule::Text(b)) => text_widens(a, b),
        (Rule::Parts(a), Rule::Parts(b)) => {
            a.sep == b.sep
                && a.idna == b.idna
                && b.min.unwrap_or(0) <= a.min.unwrap_or(0)
                && at_most(a.max, b.max)
                && at_most(a.max_len, b.max_len)
                && deeper(&a.each, &b.each)
                && deeper(
                    a.first.as_deref().unwrap_or(&a.each),
                    b.first.as_deref().unwrap_or(&b.each),
                )
        }
        (Rule::List { of: a, sep: s }, Rule::List { of: b, sep: t }) => {
            s == t
                && (a.name == b.name
                    || match (lookup(os, &a.name), lookup(ns, &b.name)) {
                        (Some(x), Some(y)) => deeper(x, y),
                        _ => false,
                    })
        }
        _ => false,
    }
}

pub(super) fn rule_of<'s>(spec: &'s Spec, name: &str) -> Option<&'s Rule> {
    spec.ty(name).map(|t| &t.rule)
}

/// An upper bound `new` is no tighter than `old` (`None` is no bound).
pub(super) fn at_most<T: PartialOrd>(old: Option<T>, new: Option<T>) -> bool {
    match (old, new) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => b >= a,
    }
}

/// Every text rule's check is a conjunction of independent conditions: the new rule
/// accepts more when each of its conditions is no stricter than the old one's.
pub(super) fn text_widens(o: &TextRule, n: &TextRule) -> bool {
    let prefix = n.prefix.is_empty()
        || (!o.prefix.is_empty()
            && o.prefix
                .iter()
                .all(|p| n.prefix.iter().any(|q| p.starts_with(q.as_str()))));
    let allowed = |o: &Option<Vec<CharClass>>, n: &Option<Vec<CharClass>>| match (o, n) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => classes_within(a, b),
    };
    let fewer = |n: &str, o: &str| n.chars().all(|c| o.contains(c));
    n.min_len.unwrap_or(0) <= o.min_len.unwrap_or(0)
        && at_most(o.max_len, n.max_len)
        && prefix
        && allowed(&o.first, &n.first)
        && allowed(&o.chars, &n.chars)
        && classes_within(&n.forbid, &o.forbid)
        && fewer(&n.only_first, &o.only_first)
        && fewer(&n.not_first, &o.not_first)
        && fewer(&n.not_last, &o.not_last)
}

/// Every character some class of `a` matches, some class of `b` matches too.
pub(super) fn classes_within(a: &[CharClass], b: &[CharClass]) -> bool {
    let in_b = |c: char| b.iter().any(|class| class.matches(c));
    a.iter().all(|class| match class {
        CharClass::Letter => b.contains(&CharClass::Letter),
        CharClass::Chars(s) => s.chars().all(in_b),
        CharClass::Latin => ('a'..='z').chain('A'..='Z').all(in_b),
        CharClass::Lower => ('a'..='z').all(in_b),
        CharClass::Upper => ('A'..='Z').all(in_b),
        CharClass::Digit => ('0'..='9').all(in_b),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::message::{cell, code_span, quote_value};

    fn text(f: impl FnOnce(&mut TextRule)) -> Rule {
        let mut t = TextRule::default();
        f(&mut t);
        Rule::Text(t)
    }

    fn empty() -> Spec {
        Spec {
            types: Vec::new(),
            commands: Vec::new(),
            answers: Vec::new(),
        }
    }

    fn w(o: &Rule, n: &Rule) -> bool {
        widens(&empty(), &empty(), o, n, 0)
    }

    #[test]
    fn int_bounds() {
        let r = |min, max| Rule::Int { min, max };
        assert!(w(&r(Some(1), Some(10)), &r(Some(1), Some(20))));
        assert!(w(&r(Some(1), Some(10)), &r(None, None)));
        assert!(!w(&r(Some(1), Some(10)), &r(Some(2), Some(10))));
        assert!(!w(&r(None, Some(10)), &r(Some(1), Some(10))));
        assert!(!w(&r(Some(1), None), &r(Some(1), Some(10))));
    }

    #[test]
    fn character_classes() {
        use CharClass::*;
        assert!(classes_within(&[Lower, Upper], &[Latin]));
        assert!(classes_within(&[Latin], &[Lower, Upper]));
        assert!(classes_within(&[Latin], &[Letter]));
        assert!(!classes_within(&[Letter], &[Latin]));
        assert!(classes_within(&[Chars("ab".into())], &[Lower]));
        assert!(!classes_within(&[Chars("a-".into())], &[Lower]));
        assert!(!classes_within(
            &[Digit],
            &[Chars("0123456789"[..9].into())]
        ));
    }

    #[test]
    fn text_conditions() {
        let a = text(|t| {
            t.max_len = Some(8);
            t.chars = Some(vec![CharClass::Lower]);
            t.not_last = "-".into();
        });
        let wider = text(|t| {
            t.max_len = Some(9);
            t.chars = Some(vec![CharClass::Latin, CharClass::Digit]);
        });
        assert!(w(&a, &wider));
        assert!(!w(&wider, &a));
        let prefixed = text(|t| t.prefix = vec!["https://".into()]);
        let looser = text(|t| t.prefix = vec!["http".into()]);
        assert!(w(&prefixed, &looser));
        assert!(!w(&looser, &prefixed));
        let forbid = text(|t| t.forbid = vec![CharClass::Chars("\n\r".into())]);
        let fewer = text(|t| t.forbid = vec![CharClass::Chars("\n".into())]);
        assert!(w(&forbid, &fewer));
        assert!(!w(&fewer, &forbid));
        let first = text(|t| t.first = Some(vec![CharClass::Lower]));
        assert!(w(&first, &text(|_| {})));
        assert!(!w(&text(|_| {}), &first));
    }

    #[test]
    fn alternatives_and_literals() {
        let lit = |v: &[&str]| Rule::Literal(v.iter().map(|s| s.to_string()).collect());
        assert!(w(&lit(&["a"]), &lit(&["a", "b"])));
        assert!(!w(&lit(&["a", "b"]), &lit(&["a"])));
        let any = Rule::AnyOf(vec![lit(&["*"]), text(|t| t.max_len = Some(3))]);
        assert!(w(&lit(&["*"]), &any));
        assert!(w(&text(|t| t.max_len = Some(2)), &any));
        assert!(!w(&any, &lit(&["*"])));
        assert!(!w(&Rule::Bool, &Rule::Date));
    }

    #[test]
    fn rule_text_is_flow_yaml() {
        let r = Rule::Parts(PartsRule {
            sep: '.',
            min: Some(2),
            max: None,
            max_len: Some(253),
            each: Box::new(text(|t| {
                t.min_len = Some(1);
                t.chars = Some(vec![CharClass::Letter, CharClass::Chars("-".into())]);
            })),
            first: None,
            idna: false,
        });
        assert_eq!(
            rule_text(&r),
            r#"{parts: {sep: ".", min: 2, max_len: 253, each: {text: {min_len: 1, chars: [letter, "-"]}}}}"#
        );
    }

    #[test]
    fn markdown_code_spans_survive_backticks_and_pipes() {
        assert_eq!(code_span("a`b"), "`` a`b ``");
        assert_eq!(cell("`a|b`"), "`a\\|b`");
        assert_eq!(quote_value(""), "\"\"");
        assert_eq!(quote_value("1"), "1");
        assert_eq!(quote_value("a b"), "\"a b\"");
    }
}
