//! Dates in requests: an argument whose type's rule is a date is a `jiff::civil::Date`
//! in the public API, so the date an answer gives (`expires` of `domainGetInfo`) is passed
//! back as it is. On the wire it is `YYYY-MM-DD`; reading goes through the spec's type
//! (its rule and its error), and checking a request applies that rule to a date made in
//! Rust too (jiff takes years before 1, which have no `YYYY-MM-DD` form).

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::at::At;
use crate::error::{InvalidValue, Problem, ValidationError};
use crate::wire::{FromArg, Wire, wire_string};

impl Wire for Date {
    fn wire(&self, out: &mut String) {
        // jiff writes ISO 8601: `YYYY-MM-DD` for the years the rule takes (1 to 9999);
        // writing into a `String` cannot fail.
        let _ = write!(out, "{self}");
    }
    fn is_blank(&self) -> bool {
        false
    }
}

/// The date of a value of date type `T`, which its rule has checked.
pub(crate) fn of<T: FromArg + Wire>(v: &T) -> Result<Date, InvalidValue> {
    let text = wire_string(v);
    text.parse().map_err(|_| {
        // The rule takes only calendar dates: a date it takes that jiff does not is a
        // fault of the rule, reported as the value's.
        let rule = crate::arg_text::rule_of::<T>("");
        InvalidValue::new(T::TYPE, rule, "is not a calendar date", Some(&text))
    })
}

/// The rule of date type `T` applied to `date` (argument `name` at `at`).
pub(crate) fn check<T: FromArg>(
    at: &At<'_>,
    name: &str,
    date: &Date,
) -> Result<(), ValidationError> {
    wire_string(date)
        .parse::<T>()
        .map(drop)
        .map_err(|e| at.error(name, Problem::Invalid(e)))
}
