//! The sandbox's certificate requests and certificates: PEM blocks whose body is base64 of
//! `key=value` lines (`CN=test.com`). They are fake, but they decode back to what went in,
//! and a real CSR's subject is read too (by its attribute OIDs), so a CSR made with openssl
//! works as well.

use std::collections::BTreeMap;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; white space is skipped, anything else invalid is `None`.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut padding = 0;
    for c in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    if padding > 2 {
        return None;
    }
    Some(out)
}

/// A PEM block of `label` around `body`, wrapped at 64 columns.
pub fn pem(label: &str, body: &[u8]) -> String {
    let b64 = base64_encode(body);
    let mut out = format!("-----BEGIN {label}-----\n");
    let bytes = b64.as_bytes();
    for line in bytes.chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----"));
    out
}

/// The body of the first PEM block of `label` in `text`.
pub fn unpem(label: &str, text: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = start + text[start..].find(&end)?;
    let body = base64_decode(&text[start..stop])?;
    (!body.is_empty()).then_some(body)
}

/// The subject fields of a CSR, by their short names (`CN`, `O`, `OU`, `L`, `ST`, `C`,
/// `emailAddress`).
pub type Subject = BTreeMap<String, String>;

const CSR: &str = "CERTIFICATE REQUEST";

/// A sandbox CSR for `subject`.
pub fn make_csr(subject: &Subject) -> String {
    pem(CSR, lines(subject).as_bytes())
}

/// A sandbox certificate.
pub fn make_crt(subject: &Subject) -> String {
    pem("CERTIFICATE", lines(subject).as_bytes())
}

/// A sandbox private key (no key at all: a marker that says so).
pub fn make_key(subject: &Subject) -> String {
    let cn = subject.get("CN").map_or("", String::as_str);
    pem(
        "PRIVATE KEY",
        format!("sandbox key for CN={cn}, not a real key").as_bytes(),
    )
}

fn lines(subject: &Subject) -> String {
    subject.iter().map(|(k, v)| format!("{k}={v}\n")).collect()
}

/// Reads a CSR: the sandbox's own, or a real one (DER inside PEM). `None` when `text` holds
/// no CSR block or its body is not base64 or yields no subject.
pub fn read_csr(text: &str) -> Option<Subject> {
    let body = unpem(CSR, text).or_else(|| unpem("NEW CERTIFICATE REQUEST", text))?;
    if let Some(subject) = std::str::from_utf8(&body).ok().and_then(text_subject) {
        return Some(subject);
    }
    let subject = der_subject(&body);
    subject.contains_key("CN").then_some(subject)
}

/// The sandbox's own body: `key=value` lines, with a `CN`.
fn text_subject(text: &str) -> Option<Subject> {
    let mut subject = Subject::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let (k, v) = line.split_once('=')?;
        subject.insert(k.to_owned(), v.to_owned());
    }
    subject.contains_key("CN").then_some(subject)
}

/// Scans DER for the X.520 attributes of a subject: OID 2.5.4.n, then a string.
fn der_subject(der: &[u8]) -> Subject {
    const NAMES: [(u8, &str); 6] = [
        (3, "CN"),
        (6, "C"),
        (7, "L"),
        (8, "ST"),
        (10, "O"),
        (11, "OU"),
    ];
    let mut subject = Subject::new();
    let mut i = 0;
    while i + 7 <= der.len() {
        if der[i..i + 4] == [0x06, 0x03, 0x55, 0x04] {
            let attr = der[i + 4];
            let len = usize::from(der[i + 6]);
            let start = i + 7;
            if let (Some((_, name)), Some(value)) = (
                NAMES.iter().find(|(n, _)| *n == attr),
                der.get(start..start + len),
            ) {
                if let Ok(v) = std::str::from_utf8(value) {
                    subject
                        .entry((*name).to_owned())
                        .or_insert_with(|| v.to_owned());
                }
            }
            i = start;
        } else {
            i += 1;
        }
    }
    subject
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for data in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            assert_eq!(base64_decode(&base64_encode(data)).as_deref(), Some(data));
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_decode("Zm9v!"), None);
    }

    #[test]
    fn csr_round_trips_and_garbage_is_refused() {
        let mut s = Subject::new();
        s.insert("CN".into(), "test.com".into());
        s.insert("O".into(), "Test Ltd".into());
        let csr = make_csr(&s);
        assert!(csr.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
        assert_eq!(read_csr(&csr), Some(s));
        assert_eq!(read_csr("garbage"), None);
        assert_eq!(
            read_csr("-----BEGIN CERTIFICATE REQUEST-----\n%%%\n-----END CERTIFICATE REQUEST-----"),
            None
        );
    }

    #[test]
    fn reads_the_subject_of_a_real_csr() {
        // The subject of `openssl req -subj /CN=a.com/O=A`, as DER inside the request.
        let mut der = vec![0x30, 0x20];
        der.extend([0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x05]);
        der.extend(b"a.com");
        der.extend([0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x01, b'A', 0xff]);
        let s = read_csr(&pem(CSR, &der)).expect("a subject");
        assert_eq!(s.get("CN").map(String::as_str), Some("a.com"));
        assert_eq!(s.get("O").map(String::as_str), Some("A"));
    }
}
