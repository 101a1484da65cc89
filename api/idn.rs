//! Internationalised domain names: the IDNA (UTS #46) ASCII form that the spec's `idna`
//! rules check, so that limits and LDH characters apply to what the DNS stores.

use std::borrow::Cow;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

/// The ASCII form of `name` (`пример.рф` → `xn--e1afmkfd.xn--p1ai`), or `None` when UTS #46
/// refuses it (a disallowed code point, a joiner out of context, a bidi rule broken, a
/// bad `xn--` label).
///
/// The spec's rule decides characters and lengths on the result, so IDNA is asked for
/// neither: no ASCII deny list, no DNS length check. Hyphens first or last in a label are
/// refused here, where the label is still Unicode: its `xn--` form hides them.
pub(crate) fn to_ascii(name: &str) -> Option<Cow<'_, str>> {
    // ASCII without an `xn--` label maps only to lower case, which no LDH or length limit
    // sees: skip the mapping on the common path.
    let punycode = |label: &str| {
        label
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
    };
    if name.is_ascii() && !name.split('.').any(punycode) {
        return Some(Cow::Borrowed(name));
    }
    Uts46::new()
        .to_ascii(
            name.as_bytes(),
            AsciiDenyList::EMPTY,
            Hyphens::CheckFirstLast,
            DnsLength::Ignore,
        )
        .ok()
}
