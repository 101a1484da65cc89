//! The form writer: a request's arguments as PHP-style bracketed form pairs, percent-encoded
//! into the body that is sent, or kept decoded (with secrets redacted) for `--dry-run` and
//! tests.

use crate::wire::{REDACTED, Wire, push_u64};

/// Writes a request's arguments as form pairs with PHP-style bracketed keys: either
/// straight into a percent-encoded body (what is sent), or as decoded pairs (what
/// `--dry-run` shows and tests compare). The pairs never hold a secret: a value whose type
/// is [`Wire::SECRET`] is recorded as [`REDACTED`]; only the body carries it.
pub struct FormWriter {
    encoded: bool,
    /// The current key prefix (`5504202[1]`), percent-encoded when `encoded`.
    prefix: String,
    /// The encoded body, when `encoded`.
    body: String,
    /// The decoded pairs, when not `encoded`.
    pairs: Vec<(String, String)>,
    /// A reusable buffer for wire values.
    scratch: String,
}

impl Default for FormWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// The body may hold secrets: only its length shows.
impl std::fmt::Debug for FormWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormWriter")
            .field("encoded", &self.encoded)
            .field("body_len", &self.body.len())
            .field("pairs", &self.pairs)
            .finish_non_exhaustive()
    }
}

impl FormWriter {
    /// A writer that keeps decoded pairs.
    pub fn new() -> Self {
        Self {
            encoded: false,
            prefix: String::new(),
            body: String::new(),
            pairs: Vec::new(),
            scratch: String::new(),
        }
    }

    /// A writer that percent-encodes into a body as it goes.
    pub fn encoding() -> Self {
        Self {
            encoded: true,
            ..Self::new()
        }
    }

    fn push_key(&mut self, name: &str) {
        if self.encoded {
            if !self.body.is_empty() {
                self.body.push('&');
            }
            self.body.push_str(&self.prefix);
            if self.prefix.is_empty() {
                crate::form::encode_into(&mut self.body, name);
            } else {
                self.body.push_str("%5B");
                crate::form::encode_into(&mut self.body, name);
                self.body.push_str("%5D");
            }
            self.body.push('=');
        }
    }

    /// Adds `name=value` under the current key; a secret is written only into the body,
    /// and recorded as [`REDACTED`] among the pairs.
    pub fn field<W: Wire + ?Sized>(&mut self, name: &str, value: &W) {
        self.push_key(name);
        if self.encoded {
            // Written straight into the body, then escaped from the first byte that needs
            // it: most wire values (names, numbers, dates) need none, so they are copied
            // once and never rescanned.
            let start = self.body.len();
            value.wire(&mut self.body);
            let first = self
                .body
                .as_bytes()
                .get(start..)
                .and_then(|b| b.iter().position(|&b| !crate::form::is_plain(b)));
            // The first byte to escape after a plain (ASCII) run starts a character.
            if let Some(at) = first
                .map(|p| start + p)
                .filter(|&at| self.body.is_char_boundary(at))
            {
                let mut tail = self.body.split_off(at);
                crate::form::encode_into(&mut self.body, &tail);
                if W::SECRET {
                    // Leave no stray copy of the secret behind.
                    secrecy::zeroize::Zeroize::zeroize(&mut tail);
                }
            }
            return;
        }
        if W::SECRET {
            self.put_value(name, REDACTED);
            return;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        value.wire(&mut scratch);
        self.put_value(name, &scratch);
        self.scratch = scratch;
    }

    /// Adds a pair whose value is already in wire form.
    pub fn raw(&mut self, name: &str, value: &str) {
        self.push_key(name);
        self.put_value(name, value);
    }

    fn put_value(&mut self, name: &str, value: &str) {
        if self.encoded {
            crate::form::encode_into(&mut self.body, value);
        } else {
            let key = if self.prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{}[{name}]", self.prefix)
            };
            self.pairs.push((key, value.to_owned()));
        }
    }

    /// Writes `f`'s fields under `key`: `key[name]=value`.
    pub fn nest(&mut self, key: &str, f: impl FnOnce(&mut FormWriter)) {
        let len = self.open();
        if self.encoded {
            crate::form::encode_into(&mut self.prefix, key);
        } else {
            self.prefix.push_str(key);
        }
        self.close(len, f);
    }

    /// As [`FormWriter::nest`], under a number.
    pub fn nest_index(&mut self, key: u64, f: impl FnOnce(&mut FormWriter)) {
        let len = self.open();
        // Digits need no escaping in either form.
        push_u64(&mut self.prefix, key);
        self.close(len, f);
    }

    /// Opens a bracket for a nested key (none at the top) and returns the prefix's
    /// length before it, for [`FormWriter::close`].
    fn open(&mut self) -> usize {
        let len = self.prefix.len();
        if len > 0 {
            self.prefix.push_str(if self.encoded { "%5B" } else { "[" });
        }
        len
    }

    /// Closes the bracket opened at `len`, writes `f`'s fields under the key, and
    /// restores the prefix.
    fn close(&mut self, len: usize, f: impl FnOnce(&mut FormWriter)) {
        if len > 0 {
            self.prefix.push_str(if self.encoded { "%5D" } else { "]" });
        }
        f(self);
        self.prefix.truncate(len);
    }

    /// The decoded pairs, in order, secrets as [`REDACTED`] (empty for an encoding writer).
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The decoded pairs, owned.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.pairs
    }

    /// The encoded body, secrets included: what is sent, never shown (empty for a pairs
    /// writer).
    pub fn into_body(self) -> String {
        self.body
    }
}
