//! The certificate tools that need no certificate: generating and decoding a CSR, and the
//! web server types a CSR may be made for.

use domaincontext::types::Text;
use serde_json::json;

use crate::pem::{self, Subject};
use crate::reply::{Res, fail};
use crate::state::State;

/// The web server types, by key.
const WEBSERVERS: [(&str, &str); 5] = [
    ("apache", "Apache"),
    ("nginx", "nginx"),
    ("iis", "Microsoft IIS"),
    ("tomcat", "Apache Tomcat"),
    ("other", "Other"),
];

/// The subject fields `certificateGenerateCSR` takes.
pub struct CsrFields<'a> {
    /// `csr_commonname`, `csr_organization`, `csr_department`, `csr_city`, `csr_state`,
    /// `csr_country`, `csr_email`.
    pub values: [&'a str; 7],
}

/// `certificateGenerateCSR`: a sandbox CSR and key (see [`crate::pem`]).
pub fn generate_csr(f: CsrFields<'_>) -> Res {
    let names = ["CN", "O", "OU", "L", "ST", "C", "emailAddress"];
    let subject: Subject = names
        .iter()
        .zip(f.values)
        .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
        .collect();
    Ok(json!({"csr": pem::make_csr(&subject), "key": pem::make_key(&subject)}))
}

/// `certificateDecodeCSR`. `brand` is accepted and not used.
pub fn decode_csr(csr: Option<&Text>, wildcard: Option<bool>) -> Res {
    let Some(csr) = csr else {
        return fail!("csr must be set");
    };
    let Some(subject) = pem::read_csr(csr.as_str()) else {
        return fail!("csr is not a valid certificate request");
    };
    let field = |k: &str| subject.get(k).cloned().unwrap_or_default();
    let cn = field("CN");
    let is_wildcard = cn.starts_with("*.");
    if wildcard == Some(true) && !is_wildcard {
        return fail!("the csr's common name {cn} is not a wildcard");
    }
    Ok(json!({
        "commonname": cn,
        "organization": field("O"),
        "department": field("OU"),
        "city": field("L"),
        "state": field("ST"),
        "country": field("C"),
        "email": field("emailAddress"),
        "wildcard": is_wildcard,
    }))
}

/// `certificateGetWebserverTypes`.
pub fn webserver_types(s: &State, supplier: Option<String>) -> Res {
    if let Some(sup) = supplier {
        if !s.products.values().any(|p| p.supplier == sup) {
            return fail!("supplier not found: {sup}");
        }
    }
    Ok(WEBSERVERS
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect::<serde_json::Map<_, _>>()
        .into())
}
