//! The encoding form writer (what is sent) against the pair-keeping one (what is shown):
//! for plain, escaped, non-ASCII and secret values under nested and numbered keys, the
//! body is exactly the percent-encoding of the pairs, the secret's real text included.

use domaincontext::rt::{FormWriter, REDACTED};
use domaincontext::types::{Domains, Id, Label, Password};

/// Writes the same fields into `w`: values of every kind, nested under text keys and
/// under indexes of one and many digits.
fn write(w: &mut FormWriter, labels: &[Label], password: &Password) {
    w.raw("auth_login", "demo");
    for (i, label) in labels.iter().enumerate() {
        let index = [0, 9, 10, 12_345, u64::MAX][i % 5];
        w.nest_index(index, |w| {
            w.field("note", label);
            w.nest("a b[c]", |w| {
                w.field("id", &Id::try_from(12_345 + i as u64).unwrap());
                w.field("password", password);
            });
        });
    }
    w.field(
        "domains",
        &"a.com,xn--80ak6aa92e.com".parse::<Domains>().unwrap(),
    );
}

#[test]
fn body_is_the_encoding_of_the_pairs() {
    let texts = [
        "plain-text_1.0~",
        "a+b&c=d [x]",
        "ж/?#%",
        "tail é",
        "é head",
        "100%",
        "\u{1F600}",
        "x",
    ];
    let labels: Vec<Label> = texts.iter().map(|t| t.parse().unwrap()).collect();
    let secrets = ["s3cr3t", "p&ss=w rd+ж"];
    let mut checked = 0;
    for secret in secrets {
        let password: Password = secret.parse().unwrap();
        let mut shown = FormWriter::new();
        write(&mut shown, &labels, &password);
        let mut sent = FormWriter::encoding();
        write(&mut sent, &labels, &password);
        let pairs = shown.into_pairs();
        // The shown pairs never hold the secret; the sent body has it in its place.
        assert!(pairs.iter().all(|(_, v)| v != secret));
        let real: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(k, v)| {
                let v = if v == REDACTED { secret.to_owned() } else { v };
                (k, v)
            })
            .collect();
        assert_eq!(real.len(), 2 + 3 * texts.len());
        let expected =
            domaincontext::form::encode(real.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(sent.into_body(), expected);
        checked += real.len();
    }
    assert!(checked >= 50, "{checked} pairs checked");
}
