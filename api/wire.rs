//! Values on the wire: what can be sent ([`Wire`]) or read from an argument's text
//! ([`FromArg`]), and the small writers of numbers and lists the generated code uses.

use crate::error::InvalidValue;

/// What is shown in place of a secret.
pub const REDACTED: &str = "***";

/// A value that can be sent: written in its wire form.
pub trait Wire {
    /// The value is a secret (or a list of secrets): a [`FormWriter`](crate::writer::FormWriter) that keeps pairs for
    /// showing records [`REDACTED`] instead, and only the encoding writer, whose body is
    /// sent, writes it.
    const SECRET: bool = false;
    /// Appends the wire form (list items comma-joined, flags as `1`/`0`).
    fn wire(&self, out: &mut String);
    /// Empty, blank or an empty list: what "required" forbids.
    fn is_blank(&self) -> bool;
}

/// A type that can be read from an argument's text.
pub trait FromArg: std::str::FromStr<Err = InvalidValue> {
    /// The spec's name of the type.
    const TYPE: &'static str;
    /// The list separator, for list types (a JSON array is joined with it).
    const SEP: Option<char> = None;
    /// The value is a secret and is never repeated in errors.
    const SECRET: bool = false;
}

/// The wire form of a value, as a `String`.
pub fn wire_string<W: Wire + ?Sized>(v: &W) -> String {
    let mut s = String::new();
    v.wire(&mut s);
    s
}

/// Appends a number in decimal. Digits are pushed as characters: no UTF-8 check of a
/// buffer, and a one-digit number (most periods and item indexes) is one push.
pub fn push_u64(out: &mut String, n: u64) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    while n > 0 {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(buf.iter().skip(i).map(|&d| char::from(d)));
}

/// Appends the wire forms of `items` joined by `sep`.
pub fn join<W: Wire>(out: &mut String, items: &[W], sep: char) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        item.wire(out);
    }
}

/// Parses a list: items split on `sep`, spaces around them allowed; blank text is the
/// empty list.
pub fn parse_list<T: FromArg>(
    v: &str,
    sep: char,
    ty: &'static str,
    rule: &'static str,
    item_ty: &'static str,
) -> Result<Vec<T>, InvalidValue> {
    if v.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (i, part) in v.split(sep).enumerate() {
        let part = part.trim_matches(' ');
        if part.is_empty() {
            let reason = format!("item {} is empty", i + 1);
            return Err(InvalidValue::new(
                ty,
                rule,
                reason,
                (!T::SECRET).then_some(v),
            ));
        }
        match part.parse::<T>() {
            Ok(item) => out.push(item),
            Err(e) => {
                let reason = format!("item {} ({item_ty}) {}", i + 1, e.reason());
                return Err(InvalidValue::new(
                    ty,
                    rule,
                    reason,
                    (!T::SECRET).then_some(v),
                ));
            }
        }
    }
    Ok(out)
}

impl<W: Wire + ?Sized> Wire for &W {
    const SECRET: bool = W::SECRET;
    fn wire(&self, out: &mut String) {
        (**self).wire(out)
    }
    fn is_blank(&self) -> bool {
        (**self).is_blank()
    }
}
