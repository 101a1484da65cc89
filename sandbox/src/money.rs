//! Amounts of money in cents, so that balances move by exact figures; written and read as
//! decimal text (`"1000.00"`), the way the API's answers show them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of money, in cents (hundredths of the currency unit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// `units` whole units and `cents` hundredths.
    pub const fn new(units: i64, cents: i64) -> Self {
        Money(units * 100 + cents)
    }

    /// The amount in cents.
    pub fn cents(self) -> i64 {
        self.0
    }

    /// This amount `n` times, saturating.
    pub fn times(self, n: u64) -> Money {
        Money(self.0.saturating_mul(i64::try_from(n).unwrap_or(i64::MAX)))
    }

    /// This amount less `percent` per cent, rounded down to the cent.
    pub fn less_percent(self, percent: u32) -> Money {
        let keep = 100 - i64::from(percent.min(100));
        Money(self.0.saturating_mul(keep) / 100)
    }

    /// Parses `"10"`, `"10.5"`, `"10.50"`, `"-3.00"`.
    pub fn parse(text: &str) -> Option<Money> {
        let t = text.trim();
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (units, frac) = t.split_once('.').unwrap_or((t, ""));
        if units.is_empty() || frac.len() > 2 {
            return None;
        }
        if !units
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let units: i64 = units.parse().ok()?;
        let cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        let total = units.checked_mul(100)?.checked_add(cents)?;
        Some(Money(if neg { -total } else { total }))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Int(i64),
            Float(f64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Text(t) => t,
            Raw::Int(n) => n.to_string(),
            Raw::Float(x) => format!("{x:.2}"),
        };
        Money::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an amount of money: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exact_figures() {
        assert_eq!(Money::parse("1000"), Some(Money(100_000)));
        assert_eq!(Money::parse("12.5"), Some(Money(1250)));
        assert_eq!(Money::parse("-0.05"), Some(Money(-5)));
        assert_eq!(Money::parse("1.234"), None);
        assert_eq!(Money::parse("x"), None);
        assert_eq!(Money(99_000).to_string(), "990.00");
        assert_eq!(Money(-5).to_string(), "-0.05");
        assert_eq!(Money::new(95, 0).less_percent(10).to_string(), "85.50");
    }
}
