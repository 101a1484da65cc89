//! The sandbox's certificate requests and certificates: PEM blocks whose body is base64 of
//! `key=value` lines (`CN=test.com`). They are fake, but they decode back to what went in,
//! and a real CSR's subject is read too (by its attribute OIDs), so a CSR made with openssl
//! works as well.
//!
//! PEM and base64 are the `pem` crate's. The DER of a real CSR is scanned here for the
//! subject's name attributes only: an X.509 parser (`x509-parser`, or `der` with
//! `x509-cert`) would read the whole request, signature and extensions included, for
//! strings the sandbox only echoes, at the cost of a dozen more crates in every user's
//! test build.

use std::collections::BTreeMap;

/// A PEM block of `label` around `body`, wrapped at 64 columns, lines ending in `\n`.
pub fn pem(label: &str, body: &[u8]) -> String {
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    let mut text = pem::encode_config(&pem::Pem::new(label, body), config);
    // One block is a value of an answer: no newline after its END line.
    text.truncate(text.trim_end().len());
    text
}

/// The body of the first PEM block of `label` in `text`; `None` when there is none, a
/// block is malformed (its base64 included) or the body is empty.
pub fn unpem(label: &str, text: &str) -> Option<Vec<u8>> {
    pem::parse_many(text)
        .ok()?
        .into_iter()
        .find(|p| p.tag() == label)
        .map(pem::Pem::into_contents)
        .filter(|body| !body.is_empty())
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
    fn pem_round_trips() {
        let mut checked = 0;
        for data in [&b"f"[..], b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            assert_eq!(unpem("X", &pem("X", data)).as_deref(), Some(data));
            checked += 1;
        }
        assert_eq!(checked, 6);
        assert_eq!(
            pem("X", b"foobar"),
            "-----BEGIN X-----\nZm9vYmFy\n-----END X-----"
        );
        assert_eq!(
            unpem("X", "-----BEGIN X-----\nZm9v!\n-----END X-----"),
            None
        );
        assert_eq!(unpem("Y", &pem("X", b"foo")), None);
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
