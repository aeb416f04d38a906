//! Reading an endpoint's responses back: its documented statuses, and
//! `read_response`, which turns an `http::Response` into the typed success or the API's
//! typed error.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{docs, ident};
use crate::model::{Api, Endpoint};

/// The inherent `impl` of an endpoint's marker type with its response reading.
pub(crate) fn emit(api: &Api, ep: &Endpoint) -> TokenStream {
    let marker = ident(&ep.type_prefix);
    let success = ep.response.statuses.iter().map(|s| Literal::u16_unsuffixed(*s));
    let errors = ep.response.errors.iter().map(|s| Literal::u16_unsuffixed(*s));
    let no_content = ep.response.body.is_none();
    let response = match &ep.response.body {
        Some(t) => {
            let t = ident(t);
            quote! { #t }
        }
        None => quote! { mutaspec_runtime::endpoint::NoContent },
    };
    let (error, read_error) = match &api.errors {
        Some(c) => {
            let n = ident(&c.name);
            (quote! { super::#n }, quote! { super::#n::read_error })
        }
        None => (
            quote! { mutaspec_runtime::errors::Uncatalogued },
            quote! { mutaspec_runtime::errors::Uncatalogued::read_error },
        ),
    };
    let shown = |list: &[u16]| list.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    let errors_doc = if ep.response.errors.is_empty() {
        "none documented: any 4xx or 5xx status is read as an error".to_owned()
    } else {
        shown(&ep.response.errors)
    };
    let doc = docs::attr(&format!(
        "Reads a response of this endpoint: a success status ({}) gives the typed success,\nan error status ({errors_doc}) the API's typed error with the provider's message and\nthe offending field's path; any other status, or a body that cannot be read, is a\n[`mutaspec_runtime::ResponseError`] too. Never panics.\n\n# Errors\nEvery response that is not a documented success.",
        shown(&ep.response.statuses)
    ));
    quote! {
        impl #marker {
            /// The documented success statuses, the primary one first.
            pub const SUCCESS_STATUSES: &'static [u16] = &[#(#success),*];
            /// The documented error statuses (empty: none documented).
            pub const ERROR_STATUSES: &'static [u16] = &[#(#errors),*];

            #doc
            pub fn read_response(response: &mutaspec_runtime::http::Response<Vec<u8>>) -> Result<#response, mutaspec_runtime::ResponseError<#error>> {
                Self::read_response_parts(response.status().as_u16(), response.body())
            }

            /// [`Self::read_response`] from a status and a body.
            ///
            /// # Errors
            /// Every response that is not a documented success.
            pub fn read_response_parts(status: u16, body: &[u8]) -> Result<#response, mutaspec_runtime::ResponseError<#error>> {
                mutaspec_runtime::errors::read_response(
                    status,
                    body,
                    &mutaspec_runtime::errors::Statuses {
                        success: Self::SUCCESS_STATUSES,
                        errors: Self::ERROR_STATUSES,
                        no_content: #no_content,
                    },
                    #read_error,
                )
            }
        }
    }
}
