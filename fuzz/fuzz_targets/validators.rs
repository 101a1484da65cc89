//! Every validator on any text: an answer, never a panic; an error names its type.
#![no_main]

use domaincontext::registry::TYPES;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for ty in &TYPES {
        if let Err(e) = (ty.check)(&text) {
            assert_eq!(e.type_name(), ty.name);
        }
    }
});
