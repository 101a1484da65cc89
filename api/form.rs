//! The wire form: `application/x-www-form-urlencoded` with every byte outside the
//! unreserved set percent-encoded (so `+`, `&`, `=`, brackets and non-ASCII survive), and
//! the decoder the sandbox and tests use to read it back into the JSON tree that mirrors it
//! (with the `dynamic` feature).

#[cfg(feature = "dynamic")]
use percent_encoding::percent_decode;
#[cfg(any(test, feature = "dynamic"))]
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
#[cfg(feature = "dynamic")]
use serde_json::{Map, Value};

/// Everything but `A-Z a-z 0-9 - . _ ~` is encoded.
#[cfg(any(test, feature = "dynamic"))]
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[cfg(feature = "dynamic")]
/// Encodes pairs as a form body (or query string).
pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.extend(utf8_percent_encode(k, FORM));
        out.push('=');
        out.extend(utf8_percent_encode(v, FORM));
    }
    out
}

/// Whether a byte goes out as itself: `A-Z a-z 0-9 - . _ ~` (the complement of `FORM`).
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    t
};

/// Whether `b` goes out as itself.
pub(crate) fn is_plain(b: u8) -> bool {
    PLAIN[usize::from(b)]
}

/// Appends `s` percent-encoded, as `utf8_percent_encode(s, FORM)` would. One pass: the
/// plain run up to the first byte to escape is copied whole (most values are all plain),
/// the rest byte by byte; this is the hot loop of every request body.
pub fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = s.as_bytes();
    let plain = bytes.iter().position(|&b| !is_plain(b));
    let Some(first) = plain else {
        out.push_str(s);
        return;
    };
    out.reserve(s.len() + 2 * (s.len() - first));
    // `first` is the index of an escaped byte, so never inside a multi-byte character.
    out.push_str(s.get(..first).unwrap_or_default());
    for &b in bytes.iter().skip(first) {
        if is_plain(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

#[cfg(feature = "dynamic")]
/// Decodes a form body or query string into pairs (`+` is a space, as in HTML forms).
/// Invalid UTF-8 is replaced, never a panic.
pub fn decode(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

#[cfg(feature = "dynamic")]
fn unescape(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_decode(spaced.as_bytes())
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(feature = "dynamic")]
/// Builds the JSON tree that mirrors decoded pairs: `0[domain]=a` becomes
/// `{"0": {"domain": "a"}}`. Later values of a repeated key win; a key that is both a value
/// and a parent keeps the parent. Nesting is capped at `max_depth` levels: deeper brackets
/// stay part of the last key.
pub fn to_tree(pairs: &[(String, String)], max_depth: usize) -> Value {
    let mut root = Map::new();
    for (key, value) in pairs {
        let path = split_key(key, max_depth);
        insert(&mut root, &path, value);
    }
    Value::Object(root)
}

#[cfg(feature = "dynamic")]
/// `a[b][c]` → `["a", "b", "c"]`; a key with malformed brackets is taken whole.
pub fn split_key(key: &str, max_depth: usize) -> Vec<&str> {
    let Some(open) = key.find('[') else {
        return vec![key];
    };
    let mut parts = vec![&key[..open]];
    let mut rest = &key[open..];
    while let Some(stripped) = rest.strip_prefix('[') {
        let Some(close) = stripped.find(']') else {
            return vec![key];
        };
        if parts.len() >= max_depth {
            return vec![key];
        }
        parts.push(&stripped[..close]);
        rest = &stripped[close + 1..];
    }
    if rest.is_empty() { parts } else { vec![key] }
}

#[cfg(feature = "dynamic")]
fn insert(map: &mut Map<String, Value>, path: &[&str], value: &str) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        if !matches!(map.get(*first), Some(Value::Object(_))) {
            map.insert((*first).to_owned(), Value::String(value.to_owned()));
        }
        return;
    }
    let entry = map
        .entry((*first).to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    if let Value::Object(inner) = entry {
        insert(inner, rest, value);
    }
}

#[cfg(test)]
mod encode_tests {
    use super::*;

    /// Every byte value alone, after a plain run and before one, and every character of
    /// a mixed text: the one-pass encoder writes what `percent-encoding` writes.
    #[test]
    fn encode_into_matches_percent_encoding() {
        let mut cases: Vec<String> = Vec::new();
        for c in (0u32..0x800)
            .chain([0xFFFF, 0x1F600])
            .filter_map(char::from_u32)
        {
            cases.push(c.to_string());
            cases.push(format!("abc{c}"));
            cases.push(format!("{c}xyz"));
        }
        cases.extend(["", "reseller-domain-1.com", "a+b&c=d [x] ж/?#%", "~._-"].map(String::from));
        for s in &cases {
            let mut out = String::from("k=");
            encode_into(&mut out, s);
            let expected: String = utf8_percent_encode(s, FORM).collect();
            assert_eq!(out, format!("k={expected}"), "{s:?}");
        }
        assert!(cases.len() >= 6_000, "{} cases", cases.len());
    }
}

#[cfg(all(test, feature = "dynamic"))]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_every_special_character() {
        let v = "a+b&c=d [x] ж/?#%";
        let body = encode([("0[note]", v)]);
        assert!(!body.contains('+') && !body.contains(' '), "{body}");
        assert_eq!(decode(&body), vec![("0[note]".to_owned(), v.to_owned())]);
    }

    #[test]
    fn tree_mirrors_brackets() {
        let pairs = decode("5504202[1][type]=a&5504202[1][ttl]=7200&x=1");
        let tree = to_tree(&pairs, 8);
        assert_eq!(tree["5504202"]["1"]["type"], "a");
        assert_eq!(tree["x"], "1");
    }

    #[test]
    fn malformed_keys_are_taken_whole() {
        assert_eq!(split_key("a[b", 8), vec!["a[b"]);
        assert_eq!(split_key("a[b]c", 8), vec!["a[b]c"]);
        assert_eq!(split_key("a[b][c]", 2), vec!["a[b][c]"]);
    }
}
