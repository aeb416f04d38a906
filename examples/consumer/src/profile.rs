//! The application's own request type for "edit my profile": the part of Update Customer
//! it lets a user change, with its own field names.

use std::collections::BTreeMap;

use crate::banking::update_customer::Individual;
use crate::banking::CustomerType;

/// A profile edit. `#[derive(Update)]` checks each field against the spec's Update
/// Customer body at compile time (exists, updatable, an `Option` of the spec's type) and
/// implements `validate`, `validate_with`, `validate_into` and `Serialize` exactly as
/// the generated `UpdateCustomerRequest` does for the same fields.
#[derive(Clone, Debug, Default, PartialEq, mutaspec_macros::Update)]
#[mutaspec(spec = "../../spec/banking", endpoint = "banking::update_customer", module = "crate::banking")]
pub struct ProfileChange {
    /// The customer's type: identifying, and required by the spec whenever `individual`
    /// is sent.
    #[mutaspec(rename = "type")]
    pub kind: Option<CustomerType>,
    /// The person's details.
    pub individual: Option<Individual>,
    /// Paperless communication.
    pub is_paperless: Option<bool>,
    /// The application's own id for the customer: set-once.
    #[mutaspec(rename = "externalId")]
    pub reference: Option<String>,
    /// Labels; replace the current ones.
    pub tags: Option<Vec<String>>,
    /// Key-value pairs, at most 20.
    pub meta_data: Option<BTreeMap<String, String>>,
}
