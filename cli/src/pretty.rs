//! Pretty-prints JSON text by re-indenting its tokens, never re-parsing them: numbers and
//! strings come out exactly as the API sent them (`12345678901234567890123`, `990.00`,
//! `1e400`, escapes as written).
//!
//! It is ours because serde_json's printer goes through `Value`, whose numbers are `u64`,
//! `i64` or `f64` unless the `arbitrary_precision` feature is on, and that feature would
//! change serde_json for every user of the library in the same build. The layout is
//! serde_json's `to_string_pretty` (two spaces, `"key": value`, `{}` and `[]` when empty),
//! so switching to it changed no output.

/// `json` re-indented. The text is expected to be valid JSON (an answer that was parsed);
/// anything else is laid out as well as its brackets allow, never refused.
pub fn pretty(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 2);
    let mut depth = 0usize;
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if escaped {
                        escaped = false;
                    } else if s == '\\' {
                        escaped = true;
                    } else if s == '"' {
                        break;
                    }
                }
            }
            '{' | '[' => {
                out.push(c);
                while chars.next_if(|n| n.is_ascii_whitespace()).is_some() {}
                let close = if c == '{' { '}' } else { ']' };
                if chars.next_if_eq(&close).is_some() {
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn tokens_are_kept_exactly() {
        let cases: &[(&str, &str)] = &[
            (
                r#"{"id":12345678901234567890123}"#,
                "{\n  \"id\": 12345678901234567890123\n}",
            ),
            (r#"{"price": 990.00}"#, "{\n  \"price\": 990.00\n}"),
            ("[1e400, -0.0, 1E-7]", "[\n  1e400,\n  -0.0,\n  1E-7\n]"),
            (
                r#""a \"quoted\" [not] {a, b: c}""#,
                r#""a \"quoted\" [not] {a, b: c}""#,
            ),
            (r#"{"k\\":"v\\\"}"}"#, "{\n  \"k\\\\\": \"v\\\\\\\"}\"\n}"),
            ("{ }", "{}"),
            ("[\n]", "[]"),
            (
                r#"{"a":{},"b":[],"c":[{}]}"#,
                "{\n  \"a\": {},\n  \"b\": [],\n  \"c\": [\n    {}\n  ]\n}",
            ),
            (
                r#"{"0":{"id":5,"tags":["x","y"]},"_error":"busy \u001b]0;"}"#,
                "{\n  \"0\": {\n    \"id\": 5,\n    \"tags\": [\n      \"x\",\n      \"y\"\n    ]\n  },\n  \"_error\": \"busy \\u001b]0;\"\n}",
            ),
            ("  true ", "true"),
            ("null", "null"),
            (r#""Домен \u00e9 ok""#, r#""Домен \u00e9 ok""#),
        ];
        let mut checked = 0;
        for (input, expected) in cases {
            assert_eq!(pretty(input), *expected, "{input}");
            checked += 1;
        }
        assert!(checked >= 12);
    }

    #[test]
    fn the_layout_is_serde_jsons() {
        let values = [
            r#"{"a":1,"b":[1,2,{"c":null}],"d":{},"e":[],"f":"x\"y","g":{"h":[[]]}}"#,
            r#"[true,false,null,-1.5,"a,b:c"]"#,
            r#"{"0":{"domain":"a.com","id":7},"1":{"_error":"no","_error_ops":{"x":1}}}"#,
        ];
        let mut checked = 0;
        for text in values {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            let expected = serde_json::to_string_pretty(&v).unwrap();
            assert_eq!(pretty(&v.to_string()), expected);
            assert_eq!(pretty(&expected), expected, "idempotent");
            checked += 1;
        }
        assert_eq!(checked, 3);
    }

    #[test]
    fn broken_text_never_panics() {
        for text in ["}}]]", "\"unterminated", "{\"a\":", "[[[", "\\", ""] {
            let _ = pretty(text);
        }
    }
}
