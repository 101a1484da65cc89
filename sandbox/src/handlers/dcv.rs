//! Domain control validation of certificates: the methods, and the approver addresses an
//! email validation may use.

use domaincontext::types::{Email, Emails};

use super::text;
use crate::reply::{Fail, fail};

/// The validation methods.
pub(super) const DCV: [&str; 4] = ["dns", "http", "https", "email"];
/// The approver addresses of a name's domain.
pub(super) fn approver_emails(name: &str) -> Vec<String> {
    let base = name.trim_start_matches("*.").trim_start_matches("www.");
    [
        "admin",
        "administrator",
        "hostmaster",
        "postmaster",
        "webmaster",
    ]
    .iter()
    .map(|u| format!("{u}@{base}"))
    .collect()
}

/// A validation method and its approver address, checked for `name`.
pub(super) fn validation(
    name: &str,
    method: &str,
    email: Option<&Email>,
    emails: Option<&Emails>,
) -> Result<String, Fail> {
    if !DCV.contains(&method) {
        return fail!("dcv_method must be one of {}", DCV.join(", "));
    }
    if method != "email" {
        return Ok(String::new());
    }
    let given = email
        .map(text)
        .or_else(|| emails.and_then(|l| l.as_slice().first()).map(text));
    let Some(given) = given else {
        return fail!("approver_email must be set for email validation");
    };
    let allowed = approver_emails(name);
    if !allowed.contains(&given.to_lowercase()) {
        return fail!("approver_email must be one of {}", allowed.join(", "));
    }
    Ok(given)
}
