//! Each request knows its own command's name, effect and answer kind without the registry
//! (which only the `dynamic` feature compiles): what the generator writes into every
//! request type agrees with the registry's description of the command.

use domaincontext::registry::COMMANDS;
use domaincontext::rt::Sealed;
use domaincontext::{Command, Request};

#[test]
fn every_request_knows_its_name_effect_and_answer_kind() {
    let mut checked = 0;
    for &info in &COMMANDS {
        let request = Request::from_args(info.name, &info.example_args(false))
            .unwrap_or_else(|e| panic!("{}: {e}", info.name));
        // Through the enum, each variant's own generated impl answers.
        assert_eq!(Command::name(&request), info.name);
        assert_eq!(Command::effect(&request), info.effect, "{}", info.name);
        assert_eq!(Sealed::answer(&request), info.answer, "{}", info.name);
        // Each request's own static entry, which `COMMANDS` lists: found by name, not by
        // position.
        assert!(std::ptr::eq(Command::info(&request), info), "{}", info.name);
        assert_eq!(
            Command::bulk_keys(&request).is_some(),
            info.bulk_of.is_some(),
            "{}",
            info.name
        );
        checked += 1;
    }
    assert_eq!(checked, COMMANDS.len());
    assert!(checked >= 130, "only {checked} commands");
}
