//! User programs, compiled: what the types make impossible does not compile (a string
//! where an enum or a `Domain` is needed, a variant the API does not have, a request
//! without its required argument), with the compiler's messages committed beside each
//! under `tests/ui/`; programs that build a request from enums and serialize its values,
//! and that store a request as JSON and load it back, compile and run (with the default
//! features: they use nothing of `dynamic`). One trybuild run, as it builds a small crate.

#[test]
fn user_programs() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass_enums.rs");
    t.pass("tests/ui/pass_serde.rs");
    t.compile_fail("tests/ui/fail_str_for_enum.rs");
    t.compile_fail("tests/ui/fail_wrong_variant.rs");
    t.compile_fail("tests/ui/fail_str_for_domain.rs");
    t.compile_fail("tests/ui/fail_missing_argument.rs");
}
