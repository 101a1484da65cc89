//! An amount of money as the API wrote it: exact decimal text, never a float, compared by
//! value (`"10.0" == "10.00"`).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::error::InvalidValue;

const RULE: &str = "a decimal number: digits with an optional sign and fraction";

/// An amount of money: the decimal text of the answer, kept exactly (`990.00` stays
/// `990.00`), compared by value. Read the text with [`Money::as_str`]; parse it into the
/// decimal type of your choice.
#[derive(Clone)]
pub struct Money(String);

impl Money {
    /// The decimal text, as the API wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The amount in minor units of `scale` decimal places (`"990.5"` at 2 is `99050`);
    /// `None` when it has more places than that or does not fit an `i128`.
    pub fn to_minor(&self, scale: u32) -> Option<i128> {
        let (neg, int, frac) = self.parts();
        if frac.len() > scale as usize {
            return None;
        }
        let mut n: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            n = n.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        for _ in frac.len()..scale as usize {
            n = n.checked_mul(10)?;
        }
        Some(if neg { -n } else { n })
    }

    /// Sign, integer digits without leading zeros, fraction digits without trailing zeros.
    fn parts(&self) -> (bool, &str, &str) {
        let s = self.0.as_str();
        let (neg, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        // Zero has no sign.
        (neg && !(int.is_empty() && frac.is_empty()), int, frac)
    }
}

impl FromStr for Money {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, InvalidValue> {
        let t = s.trim();
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if all_digits(int) && frac.is_none_or(all_digits) {
            Ok(Money(t.to_owned()))
        } else {
            Err(InvalidValue::new(
                "money",
                RULE,
                "must be a decimal number",
                Some(s),
            ))
        }
    }
}

impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for Money {}

impl Hash for Money {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({})", self.0)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
