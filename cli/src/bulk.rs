//! A bulk `--json`: its items are sent in chunks of `--chunk-size`, one request after
//! another, and the answers are merged into one, printed under the user's own keys. A
//! chunk lost in transport (or interrupted) stops the run: the later chunks are not
//! sent, and for a changing command the lost chunk's items are "outcome unknown".

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use domaincontext::{Client, CommandInfo, Effect, ErrorKind, Reply, Request};
use serde_json::{Map, Value};

use crate::input::BulkItems;
use crate::interrupt::{INTERRUPTED, Interrupt};
use crate::progress::{BulkProgress, Progress};
use crate::report::{bulk_summary, capped};
use crate::{API_ERROR, OK, TRANSPORT, USAGE, out};

/// What became of one chunk.
enum Outcome {
    Answered(Box<Reply>),
    Failed(domaincontext::Error),
    Interrupted,
    NotSent,
}

/// A bulk command's items, split into chunks.
pub struct Bulk {
    info: &'static CommandInfo,
    items: BulkItems,
    chunks: Vec<Range<usize>>,
}

impl Bulk {
    /// Splits `items` into chunks of `chunk_size` and checks every chunk, so that an
    /// invalid item anywhere stops the run before anything is sent.
    pub fn new(
        info: &'static CommandInfo,
        items: BulkItems,
        chunk_size: usize,
    ) -> Result<Self, String> {
        let n = items.items.len();
        let chunks = if n == 0 {
            // No items: one empty chunk, for the parser to say what is missing.
            std::iter::once(0..0).collect()
        } else {
            (0..n)
                .step_by(chunk_size.max(1))
                .map(|s| s..s.saturating_add(chunk_size).min(n))
                .collect()
        };
        let bulk = Self {
            info,
            items,
            chunks,
        };
        for range in &bulk.chunks {
            bulk.request(range.clone())?;
        }
        Ok(bulk)
    }

    /// The request of one chunk: its items under the user's keys (indexes for an array),
    /// so that errors name the user's items.
    fn request(&self, range: Range<usize>) -> Result<Request, String> {
        let value = match &self.items.other {
            Some(v) => v.clone(),
            None => {
                let mut map = Map::new();
                for i in range {
                    let Some(raw) = self.items.items.get(i) else {
                        continue;
                    };
                    let v: Value = serde_json::from_str(raw.get())
                        .map_err(|e| format!("--json is not valid JSON: {e}"))?;
                    map.insert(self.items.key(i), v);
                }
                Value::Object(map)
            }
        };
        Request::from_args(self.info.name, &value).map_err(|e| e.to_string())
    }

    /// `--dry-run`: every chunk's request as it would be sent.
    pub fn dry_run(&self, client: &Client) -> u8 {
        for range in &self.chunks {
            let prepared = match self.request(range.clone()).map(|r| client.prepare(&r)) {
                Ok(Ok(p)) => p,
                Ok(Err(e)) => {
                    out::error(&e.to_string());
                    return USAGE;
                }
                Err(e) => {
                    out::error(&e);
                    return USAGE;
                }
            };
            if let Err(e) = out::print(&prepared.to_string()) {
                return e.report();
            }
            if out::closed() {
                break;
            }
        }
        OK
    }

    /// Sends the chunks one after another, prints the merged answer and the failures, and
    /// returns the exit status.
    pub async fn send(self, client: &Client, show: crate::format::Show) -> u8 {
        let mut interrupt = Interrupt::listen();
        let mut outcomes = Vec::with_capacity(self.chunks.len());
        let mut stop = false;
        let mut bar = BulkProgress::start(
            self.info.name,
            self.items.items.len(),
            self.chunks.len(),
            show.quiet,
        );
        for range in &self.chunks {
            if stop {
                outcomes.push(Outcome::NotSent);
                continue;
            }
            let request = match self.request(range.clone()) {
                Ok(r) => r,
                // Checked in `new`; should it fail now, the earlier answers still print.
                Err(e) => {
                    out::error(&format!("{e} (this chunk was not sent)"));
                    outcomes.push(Outcome::NotSent);
                    stop = true;
                    continue;
                }
            };
            let progress = Progress::start(self.info.name, self.info.long, show.quiet);
            let outcome = tokio::select! {
                r = client.call(&request) => match r {
                    Ok(reply) => Outcome::Answered(Box::new(reply)),
                    Err(e) => Outcome::Failed(e),
                },
                () = interrupt.wait() => Outcome::Interrupted,
            };
            drop(progress);
            bar.done(range.len());
            stop = match &outcome {
                Outcome::Failed(e) => e.kind() != ErrorKind::Api,
                Outcome::Interrupted => true,
                _ => false,
            };
            outcomes.push(outcome);
        }
        drop(bar);
        let shown = match self.merged(&outcomes) {
            Some(text) => show.answer(&crate::format::redact(&text, self.info.hidden)),
            None => OK,
        };
        if out::closed() || shown == OK {
            return self.report(&outcomes);
        }
        let status = self.report(&outcomes);
        if status == OK { shown } else { status }
    }

    /// The user's keys of a chunk's items.
    fn keys(&self, range: &Range<usize>) -> Vec<String> {
        range.clone().map(|i| self.items.key(i)).collect()
    }

    /// The answers as one JSON text: a single chunk whose keys are the user's as the API
    /// sent it; otherwise one object of every answered item under the user's key, then
    /// the other entries (`_error`...) of each answer, the first of each name.
    fn merged(&self, outcomes: &[Outcome]) -> Option<String> {
        let answered: Vec<(&Range<usize>, &Reply)> = self
            .chunks
            .iter()
            .zip(outcomes)
            .filter_map(|(r, o)| match o {
                Outcome::Answered(reply) => Some((r, &**reply)),
                _ => None,
            })
            .collect();
        if let [(range, reply)] = answered.as_slice() {
            let same = match reply {
                Reply::Bulk(b) => b
                    .items()
                    .iter()
                    .zip((*range).clone())
                    .all(|(item, i)| item.key == self.items.key(i)),
                Reply::Value(_) => true,
            };
            if same && self.chunks.len() == 1 {
                return Some(crate::format::answer_text(reply));
            }
        }
        if answered.is_empty() {
            return None;
        }
        let mut text = String::from("{");
        let mut seen = HashSet::new();
        for (range, reply) in answered {
            let wire: HashMap<&str, String> = match reply {
                Reply::Bulk(b) => b
                    .items()
                    .iter()
                    .map(|i| i.key.as_str())
                    .zip(range.clone().map(|i| self.items.key(i)))
                    .collect(),
                Reply::Value(_) => HashMap::new(),
            };
            let answer = crate::format::answer_text(reply);
            let entries = match serde_json::from_str::<BulkItems>(&answer) {
                Ok(e) => e,
                // Keys given twice: the decoded answer keeps the last of each.
                Err(_) => match serde_json::from_str::<BulkItems>(&reply.raw().to_string()) {
                    Ok(e) => e,
                    Err(_) => continue,
                },
            };
            if entries.other.is_some() {
                // `true` for the whole chunk: every item succeeded.
                for key in self.keys(range) {
                    push_entry(&mut text, &mut seen, key, "true");
                }
                continue;
            }
            for (i, raw) in entries.items.iter().enumerate() {
                let key = entries.key(i);
                let key = wire.get(key.as_str()).cloned().unwrap_or(key);
                push_entry(&mut text, &mut seen, key, raw.get());
            }
        }
        text.push('}');
        Some(text)
    }

    /// Prints what failed on stderr and picks the exit status.
    fn report(&self, outcomes: &[Outcome]) -> u8 {
        let command = self.info.name;
        let changes = self.info.effect == Effect::Change;
        let total = self.items.items.len();
        let (mut top, mut failed) = (Vec::new(), Vec::new());
        let mut lines = Vec::new();
        let (mut unknown, mut not_sent) = (Vec::new(), Vec::new());
        let mut status = OK;
        let several = self.chunks.len() > 1;
        for (n, (range, outcome)) in self.chunks.iter().zip(outcomes).enumerate() {
            let keys = self.keys(range);
            match outcome {
                // A bulk command is answered as a bulk; a plain value has no items.
                Outcome::Answered(reply) => {
                    let Reply::Bulk(b) = &**reply else {
                        continue;
                    };
                    if let Some(e) = b.error() {
                        let m = e.to_string();
                        if !top.contains(&m) {
                            top.push(m);
                        }
                    }
                    for (k, _) in b.unmatched() {
                        top.push(format!(
                            "the answer has an entry under {k:?}, a key the request did not send"
                        ));
                    }
                    let unlisted = b.unmatched_total().saturating_sub(b.unmatched().len());
                    if unlisted > 0 {
                        top.push(format!(
                            "and {unlisted} more entries under keys the request did not send"
                        ));
                    }
                    for (item, key) in b.items().iter().zip(&keys) {
                        match &item.result {
                            Err(e) if e.is_outcome_unknown() => unknown.push(key.clone()),
                            Err(e) => failed.push(format!("{key}: {}", e.message())),
                            Ok(_) => {}
                        }
                    }
                }
                Outcome::Failed(e) if e.kind() == ErrorKind::Api => {
                    let m = e
                        .api_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    failed.extend(keys.iter().map(|k| format!("{k}: {m}")));
                }
                Outcome::Failed(e) => {
                    status = match e.kind() {
                        ErrorKind::Validation | ErrorKind::Config => USAGE,
                        _ => TRANSPORT,
                    };
                    lines.push(if several {
                        format!(
                            "request {} of {} (items {}): {}",
                            n + 1,
                            self.chunks.len(),
                            capped(&keys, ", "),
                            e
                        )
                    } else {
                        e.to_string()
                    });
                    if e.is_outcome_unknown() {
                        unknown.extend(keys);
                    } else {
                        not_sent.extend(keys);
                    }
                }
                Outcome::Interrupted => {
                    status = INTERRUPTED;
                    if changes {
                        unknown.extend(keys);
                    } else {
                        not_sent.extend(keys);
                    }
                }
                Outcome::NotSent => not_sent.extend(keys),
            }
        }
        if !top.is_empty() || !failed.is_empty() {
            out::error(&bulk_summary(command, &top, &failed, total));
            if status == OK {
                status = API_ERROR;
            }
        }
        for line in lines {
            out::error(&line);
        }
        if status == INTERRUPTED {
            out::error("interrupted");
        }
        if !unknown.is_empty() {
            out::error(&format!(
                "{command}: outcome unknown for items {}: they may have been carried out, check before repeating them",
                capped(&unknown, ", ")
            ));
        }
        // An interrupted read-only run stays quiet: nothing it left undone matters.
        if !not_sent.is_empty() && (changes || status != INTERRUPTED) {
            out::error(&format!(
                "{command}: items {} were not done (their requests were not sent or not completed)",
                capped(&not_sent, ", ")
            ));
        }
        status
    }
}

fn push_entry(text: &mut String, seen: &mut HashSet<String>, key: String, raw: &str) {
    if !seen.insert(key.clone()) {
        return;
    }
    if text.len() > 1 {
        text.push(',');
    }
    text.push_str(&Value::String(key).to_string());
    text.push(':');
    text.push_str(raw);
}
