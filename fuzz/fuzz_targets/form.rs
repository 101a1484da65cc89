//! The form encoder and decoder: decoding never panics, and encoding round-trips.
#![no_main]

use domaincontext::form;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pairs = form::decode(&text);
    let _ = form::to_tree(&pairs, 8);
    let (k, v) = text.split_once('\u{1}').unwrap_or((&text, ""));
    if !k.is_empty() {
        let encoded = form::encode([(k, v)]);
        assert_eq!(form::decode(&encoded), vec![(k.to_owned(), v.to_owned())]);
    }
});
