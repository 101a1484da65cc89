//! A record type the API does not have.

use domaincontext::types::RecordType;

fn main() {
    let _kind = RecordType::Ptr;
}
