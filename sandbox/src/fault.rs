//! Fault injection: rules that make chosen requests slow, dropped, refused with an HTTP
//! status, garbled or blank. Counting is deterministic (every Nth matching request, at most
//! so many times), so tests know exactly which request is hit.

use std::time::Duration;

/// What a fault does to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// The request is carried out, and its answer held back this long.
    Delay(Duration),
    /// The request is carried out, then the connection is closed without any answer: the
    /// caller cannot know the outcome.
    DropAfterApply,
    /// The request is not carried out; the answer is this HTTP status and body.
    HttpStatus(u16, String),
    /// The request is carried out; the answer (HTTP 200) is not valid JSON.
    Garbled,
    /// The request is carried out; the answer is an empty HTTP 200 body.
    Blank,
}

/// A fault rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The command it applies to (`domainRegister`); `None` for every request.
    pub command: Option<String>,
    /// What it does.
    pub kind: FaultKind,
    /// 1: every matching request; N: every Nth (the Nth, 2Nth...). 0 counts as 1.
    pub every: u32,
    /// Stop after firing this many times; `None` for no limit.
    pub times: Option<u32>,
}

impl Fault {
    /// `kind` on every request of `command`, without limit.
    pub fn on(command: &str, kind: FaultKind) -> Self {
        Fault {
            command: Some(command.to_owned()),
            kind,
            every: 1,
            times: None,
        }
    }

    /// `kind` on every request, without limit.
    pub fn always(kind: FaultKind) -> Self {
        Fault {
            command: None,
            kind,
            every: 1,
            times: None,
        }
    }

    /// Only every `n`th matching request.
    pub fn every(mut self, n: u32) -> Self {
        self.every = n;
        self
    }

    /// At most `n` times.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }
}

/// The rules in force, with their counters.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<(Fault, u32, u32)>,
}

impl Faults {
    pub(crate) fn new(rules: Vec<Fault>) -> Self {
        Faults {
            rules: rules.into_iter().map(|f| (f, 0, 0)).collect(),
        }
    }

    /// The fault to apply to a request of `command`, if any: every matching rule counts
    /// the request, and the first that fires applies.
    pub(crate) fn pick(&mut self, command: &str) -> Option<FaultKind> {
        let mut picked = None;
        for (rule, seen, fired) in &mut self.rules {
            if rule.command.as_deref().is_some_and(|c| c != command) {
                continue;
            }
            *seen += 1;
            let due = *seen % rule.every.max(1) == 0;
            let left = rule.times.is_none_or(|t| *fired < t);
            if picked.is_none() && due && left {
                *fired += 1;
                picked = Some(rule.kind.clone());
            }
        }
        picked
    }
}

/// Invalid JSON, whatever the answer was: its first half, then a control character.
pub(crate) fn garble(body: &str) -> String {
    let mut cut = body.len() / 2;
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}\u{1}garbled", &body[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_nth_and_stops() {
        let mut f = Faults::new(vec![Fault::on("a", FaultKind::Blank).every(2).times(2)]);
        let fired: Vec<bool> = ["a", "b", "a", "a", "a", "a", "a"]
            .iter()
            .map(|c| f.pick(c).is_some())
            .collect();
        assert_eq!(fired, [false, false, true, false, true, false, false]);
    }

    #[test]
    fn first_firing_rule_wins() {
        let mut f = Faults::new(vec![
            Fault::on("a", FaultKind::Garbled),
            Fault::always(FaultKind::Blank),
        ]);
        assert_eq!(f.pick("a"), Some(FaultKind::Garbled));
        assert_eq!(f.pick("b"), Some(FaultKind::Blank));
    }

    #[test]
    fn garbled_answers_are_never_json() {
        for body in ["true", "1", "{}", r#"{"a":"жж"}"#, ""] {
            let g = super::garble(body);
            assert!(
                serde_json::from_str::<serde_json::Value>(&g).is_err(),
                "{g:?}"
            );
        }
    }
}
