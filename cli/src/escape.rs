//! Text that came from the API, made safe for a terminal: a server must not be able to
//! change the window title, overwrite lines or forge an `error:` line on our stderr.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every character that can drive a terminal shown as `\u{..}`: C0 and C1
/// controls (ESC, BEL, CR, LF, TAB...), DEL, and the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C) that reorder what is
/// shown. Everything else is kept, so ordinary messages print unchanged.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn every_character_that_drives_a_terminal_is_escaped() {
        let cases: &[(&str, &str)] = &[
            ("\u{1b}]0;pwned\u{7}", "\\u{1b}]0;pwned\\u{7}"),
            ("ok\rerror: fake", "ok\\u{d}error: fake"),
            ("line\nerror: fake", "line\\u{a}error: fake"),
            ("tab\there", "tab\\u{9}here"),
            ("\u{0}\u{8}\u{7f}", "\\u{0}\\u{8}\\u{7f}"),
            ("c1 \u{9b}31m csi", "c1 \\u{9b}31m csi"),
            ("\u{85}next line", "\\u{85}next line"),
            ("\u{202a}\u{202b}\u{202c}", "\\u{202a}\\u{202b}\\u{202c}"),
            ("\u{202d}\u{202e}", "\\u{202d}\\u{202e}"),
            (
                "\u{2066}\u{2067}\u{2068}\u{2069}",
                "\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
            ),
            ("\u{200e}\u{200f}\u{61c}", "\\u{200e}\\u{200f}\\u{61c}"),
            ("domain is not available", "domain is not available"),
            ("Домен занят; 域名", "Домен занят; 域名"),
            ("", ""),
        ];
        let mut checked = 0;
        for (input, expected) in cases {
            let got = escape(input);
            assert_eq!(&got, expected, "{input:?}");
            assert!(!got.chars().any(|c| c.is_control()), "{got:?}");
            checked += 1;
        }
        assert!(checked >= 14);
    }
}
