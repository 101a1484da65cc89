//! Any JSON as any command's arguments: parsed and validated, or refused, never a panic.
#![no_main]

use domaincontext::Request;
use domaincontext::registry::COMMANDS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((which, rest)) = data.split_first() else { return };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(rest) else { return };
    let info = &COMMANDS[usize::from(*which) % COMMANDS.len()];
    if let Ok(request) = Request::from_args(info.name, &value) {
        assert!(domaincontext::Command::validate(&request).is_ok());
    }
});
