//! ISO dates (`YYYY-MM-DD`) and the arithmetic the simulator needs: adding years and
//! months (the 29th of February becomes the 28th), and days between two dates.

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    y: i64,
    m: u32,
    d: u32,
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// 2025-06-01, the starting data set's date.
    pub const FALLBACK: Date = Date {
        y: 2025,
        m: 6,
        d: 1,
    };

    /// Parses `YYYY-MM-DD`; anything else, or a day the month does not have, is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date { y, m, d })
    }

    /// This date `n` months later, the day clamped to the month's last.
    pub fn add_months(self, n: u64) -> Date {
        let n = i64::try_from(n).unwrap_or(i64::MAX / 2);
        let total = self.y.saturating_mul(12) + i64::from(self.m - 1) + n.min(12 * 10_000);
        let y = total.div_euclid(12);
        let m = u32::try_from(total.rem_euclid(12)).unwrap_or(0) + 1;
        Date {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    /// This date `n` years later.
    pub fn add_years(self, n: u64) -> Date {
        self.add_months(n.saturating_mul(12))
    }

    fn day_number(self) -> i64 {
        // Days from 1970-01-01 (H. Hinnant's days_from_civil).
        let y = if self.m <= 2 { self.y - 1 } else { self.y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("a valid date")
    }

    #[test]
    fn adds_years_and_months() {
        assert_eq!(d("2027-03-15").add_years(2).to_string(), "2029-03-15");
        assert_eq!(d("2024-02-29").add_years(1).to_string(), "2025-02-28");
        assert_eq!(d("2025-01-31").add_months(1).to_string(), "2025-02-28");
        assert_eq!(d("2025-12-01").add_months(1).to_string(), "2026-01-01");
    }

    #[test]
    fn counts_days_and_refuses_bad_dates() {
        assert_eq!(d("2025-06-01").days_until(d("2025-07-01")), 30);
        assert_eq!(d("2025-06-01").days_until(d("2024-06-01")), -365);
        for bad in ["2025-02-29", "2025-13-01", "25-01-01", "2025-1-01", "x"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}
