//! Update Account as a hand-written struct tree with `validator` rules: the same fields and
//! nesting as `mutaspec_generated::banking::update_account`, and the same rules as
//! `spec/banking/update_account.yaml`:
//!
//! - `externalId` and `linkedDocument` are set-once against the current resource (the
//!   validator context, on the root: `validator` passes no context to nested structs,
//!   and both set-once fields are on the root);
//! - `configuration.sweep.minBalance` must be a decimal string;
//! - every nested object and array item is descended into (`nested`), as the generated
//!   validator does;
//! - `owner` (not updatable) and unknown fields are refused when deserializing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use validator::{Validate, ValidationError};

/// What the set-once checks need of the current resource (the validator context).
#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Current {
    pub external_id: Option<String>,
    pub linked_document: Option<Vec<LinkedDocument>>,
}

fn set_once() -> ValidationError {
    ValidationError::new("set_once").with_message("is set once: the current value cannot be changed".into())
}

fn set_once_external_id(value: &String, current: &Current) -> Result<(), ValidationError> {
    match &current.external_id {
        Some(cur) if !cur.is_empty() && cur != value => Err(set_once()),
        _ => Ok(()),
    }
}

fn set_once_linked_document(value: &Vec<LinkedDocument>, current: &Current) -> Result<(), ValidationError> {
    match &current.linked_document {
        Some(cur) if !cur.is_empty() && cur != value => Err(set_once()),
        _ => Ok(()),
    }
}

fn decimal(value: &str) -> Result<(), ValidationError> {
    if crate::is_decimal(value) {
        Ok(())
    } else {
        Err(ValidationError::new("format").with_message("must be a decimal number written as a string".into()))
    }
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[validate(context = Current)]
pub struct UpdateAccount {
    #[validate(custom(function = set_once_external_id, use_context))]
    pub external_id: Option<String>,
    pub purpose: Option<String>,
    pub nick_name: Option<String>,
    pub is_primary: Option<bool>,
    #[validate(custom(function = set_once_linked_document, use_context), nested)]
    pub linked_document: Option<Vec<LinkedDocument>>,
    #[validate(nested)]
    pub configuration: Option<Configuration>,
    pub acceptance_mode: Option<String>,
    pub acceptance_details: Option<BTreeMap<String, String>>,
    pub meta_data: Option<BTreeMap<String, String>>,
    pub tags: Option<Vec<String>>,
    pub comment: Option<String>,
    #[validate(nested)]
    pub debit_card_issuance: Option<CardIssuance>,
    #[validate(nested)]
    pub virtual_card_issuance: Option<CardIssuance>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkedDocument {
    pub purpose: Option<String>,
    #[validate(nested)]
    pub document: Option<Document>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Document {
    pub document_type: Option<String>,
    pub name: Option<String>,
    pub base64_encoded_content: Option<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Configuration {
    #[validate(nested)]
    pub sweep: Option<Sweep>,
    #[validate(nested)]
    pub credit: Option<Credit>,
    #[validate(nested)]
    pub debit: Option<Debit>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sweep {
    pub enable: Option<bool>,
    pub cadence: Option<String>,
    #[validate(nested)]
    pub destination: Option<SweepDestination>,
    #[validate(custom(function = decimal))]
    pub min_balance: Option<String>,
    pub method: Option<String>,
    pub processing_mode: Option<String>,
    #[validate(nested)]
    pub cadence_details: Option<CadenceDetails>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SweepDestination {
    #[validate(nested)]
    pub external_account: Option<ExternalAccount>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalAccount {
    pub id: Option<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CadenceDetails {
    pub sweep_time: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Credit {
    #[validate(nested)]
    pub realization_interval: Option<RealizationInterval>,
    #[validate(nested)]
    pub quick_settle: Option<QuickSettle>,
    #[validate(nested)]
    pub statement_descriptor: Option<CreditStatementDescriptor>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RealizationInterval {
    pub ach: Option<i64>,
    pub card: Option<i64>,
    pub check: Option<i64>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuickSettle {
    pub ach: Option<bool>,
    pub check: Option<bool>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreditStatementDescriptor {
    #[validate(nested)]
    pub ach: Option<AchDescriptor>,
    #[validate(nested)]
    pub card: Option<CardDescriptor>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AchDescriptor {
    pub company_description: Option<String>,
    pub company_name: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardDescriptor {
    pub descriptor: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Debit {
    #[validate(nested)]
    pub statement_descriptor: Option<DebitStatementDescriptor>,
    #[validate(nested)]
    pub check_processing: Option<CheckProcessing>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DebitStatementDescriptor {
    #[validate(nested)]
    pub ach: Option<AchDescriptor>,
    #[validate(nested)]
    pub wire: Option<WireDescriptor>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WireDescriptor {
    pub originator: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckProcessing {
    #[validate(nested)]
    pub default_remittance_template: Option<RemittanceTemplate>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RemittanceTemplate {
    pub id: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardIssuance {
    #[validate(nested)]
    pub card_program: Option<Vec<CardProgram>>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Serialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardProgram {
    pub name: Option<String>,
    pub id: Option<String>,
}
