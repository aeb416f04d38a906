//! Update Account as a hand-written struct tree with `garde` rules: the same fields and
//! nesting as `mutaspec_generated::banking::update_account`, and the same rules as
//! `spec/banking/update_account.yaml`:
//!
//! - `externalId` and `linkedDocument` are set-once against the current resource (the
//!   garde context);
//! - `configuration.sweep.minBalance` must be a decimal string;
//! - every nested object and array item is descended into (`dive`), as the generated
//!   validator does;
//! - `owner` (not updatable) and unknown fields are refused when deserializing.

use std::collections::BTreeMap;

use garde::Validate;
use serde::Deserialize;

/// What the set-once checks need of the current resource (the garde context).
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Current {
    pub external_id: Option<String>,
    pub linked_document: Option<Vec<LinkedDocument>>,
}

const SET_ONCE: &str = "is set once: the current value cannot be changed";

fn set_once_external_id(value: &Option<String>, current: &Current) -> garde::Result {
    match (value, &current.external_id) {
        (Some(v), Some(cur)) if !cur.is_empty() && cur != v => Err(garde::Error::new(SET_ONCE)),
        _ => Ok(()),
    }
}

fn set_once_linked_document(value: &Option<Vec<LinkedDocument>>, current: &Current) -> garde::Result {
    match (value, &current.linked_document) {
        (Some(v), Some(cur)) if !cur.is_empty() && cur != v => Err(garde::Error::new(SET_ONCE)),
        _ => Ok(()),
    }
}

fn decimal(value: &Option<String>, _: &Current) -> garde::Result {
    match value {
        Some(v) if !crate::is_decimal(v) => Err(garde::Error::new("must be a decimal number written as a string")),
        _ => Ok(()),
    }
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct UpdateAccount {
    #[garde(custom(set_once_external_id))]
    pub external_id: Option<String>,
    #[garde(skip)]
    pub purpose: Option<String>,
    #[garde(skip)]
    pub nick_name: Option<String>,
    #[garde(skip)]
    pub is_primary: Option<bool>,
    #[garde(custom(set_once_linked_document), dive)]
    pub linked_document: Option<Vec<LinkedDocument>>,
    #[garde(dive)]
    pub configuration: Option<Configuration>,
    #[garde(skip)]
    pub acceptance_mode: Option<String>,
    #[garde(skip)]
    pub acceptance_details: Option<BTreeMap<String, String>>,
    #[garde(skip)]
    pub meta_data: Option<BTreeMap<String, String>>,
    #[garde(skip)]
    pub tags: Option<Vec<String>>,
    #[garde(skip)]
    pub comment: Option<String>,
    #[garde(dive)]
    pub debit_card_issuance: Option<CardIssuance>,
    #[garde(dive)]
    pub virtual_card_issuance: Option<CardIssuance>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct LinkedDocument {
    #[garde(skip)]
    pub purpose: Option<String>,
    #[garde(dive)]
    pub document: Option<Document>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct Document {
    pub document_type: Option<String>,
    pub name: Option<String>,
    pub base64_encoded_content: Option<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct Configuration {
    #[garde(dive)]
    pub sweep: Option<Sweep>,
    #[garde(dive)]
    pub credit: Option<Credit>,
    #[garde(dive)]
    pub debit: Option<Debit>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct Sweep {
    #[garde(skip)]
    pub enable: Option<bool>,
    #[garde(skip)]
    pub cadence: Option<String>,
    #[garde(dive)]
    pub destination: Option<SweepDestination>,
    #[garde(custom(decimal))]
    pub min_balance: Option<String>,
    #[garde(skip)]
    pub method: Option<String>,
    #[garde(skip)]
    pub processing_mode: Option<String>,
    #[garde(dive)]
    pub cadence_details: Option<CadenceDetails>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct SweepDestination {
    #[garde(dive)]
    pub external_account: Option<ExternalAccount>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct ExternalAccount {
    pub id: Option<String>,
    pub external_id: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct CadenceDetails {
    pub sweep_time: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct Credit {
    #[garde(dive)]
    pub realization_interval: Option<RealizationInterval>,
    #[garde(dive)]
    pub quick_settle: Option<QuickSettle>,
    #[garde(dive)]
    pub statement_descriptor: Option<CreditStatementDescriptor>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct RealizationInterval {
    pub ach: Option<i64>,
    pub card: Option<i64>,
    pub check: Option<i64>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct QuickSettle {
    pub ach: Option<bool>,
    pub check: Option<bool>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct CreditStatementDescriptor {
    #[garde(dive)]
    pub ach: Option<AchDescriptor>,
    #[garde(dive)]
    pub card: Option<CardDescriptor>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct AchDescriptor {
    pub company_description: Option<String>,
    pub company_name: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct CardDescriptor {
    pub descriptor: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct Debit {
    #[garde(dive)]
    pub statement_descriptor: Option<DebitStatementDescriptor>,
    #[garde(dive)]
    pub check_processing: Option<CheckProcessing>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct DebitStatementDescriptor {
    #[garde(dive)]
    pub ach: Option<AchDescriptor>,
    #[garde(dive)]
    pub wire: Option<WireDescriptor>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct WireDescriptor {
    pub originator: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct CheckProcessing {
    #[garde(dive)]
    pub default_remittance_template: Option<RemittanceTemplate>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct RemittanceTemplate {
    pub id: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
pub struct CardIssuance {
    #[garde(dive)]
    pub card_program: Option<Vec<CardProgram>>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize, Validate)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[garde(context(Current))]
#[garde(allow_unvalidated)]
pub struct CardProgram {
    pub name: Option<String>,
    pub id: Option<String>,
}
