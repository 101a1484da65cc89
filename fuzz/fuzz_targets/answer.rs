//! The answer rules on any body: classify, then split as a bulk answer.
#![no_main]

use domaincontext::{AnswerKind, BulkAnswer, classify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((s, rest)) => (if *s < 128 { 200 } else { 100 + u16::from(*s) * 2 }, rest),
        None => (200, data),
    };
    for kind in [AnswerKind::Value, AnswerKind::Search, AnswerKind::Bulk] {
        if let Ok(v) = classify(status, body, kind) {
            let keys: Vec<String> = (0..3).map(|i| i.to_string()).collect();
            if let Ok(b) = BulkAnswer::split(v, &keys) {
                assert_eq!(b.items().len(), keys.len());
            }
        }
    }
});
