//! ISO 4217 alphabetic currency codes: the active codes, as a sorted table searched by
//! binary search.
//!
//! Source: ISO 4217 "List One" (current currency and funds code list), published
//! 2026-01-01 by SIX Financial Information AG, the ISO 4217 maintenance agency
//! (`list-one.xml`, at www.six-group.com under "ISO 4217 currency codes"); every
//! distinct `Ccy` of that list, 178 codes. Codes withdrawn before that date
//! (List Three, for example `HRK`, `SLL`, `ZWL`, `ANG`, `BGN`) are refused. To update:
//! take the new list's distinct `Ccy` values, sorted, and the count in the test below.

/// The active ISO 4217 alphabetic codes, sorted.
pub(crate) const CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL",
    "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
    "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD",
    "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
    "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAD", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU",
    "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
];

/// Whether `code` is an active ISO 4217 alphabetic currency code, upper case (`USD`,
/// `EUR`, `JPY`), as of the list published 2026-01-01. The list's fund codes (`USN`,
/// `CLF`), precious metals (`XAU`), and the codes for testing (`XTS`) and for no
/// currency (`XXX`) are accepted, as ISO lists them; lower case and withdrawn codes
/// (`HRK`) are refused.
///
/// ```
/// # use mutaspec_runtime::checks::is_currency;
/// assert!(is_currency("EUR"));
/// assert!(!is_currency("eur"));
/// assert!(!is_currency("HRK"));
/// ```
#[must_use]
pub fn is_currency(code: &str) -> bool {
    code.len() == 3 && CODES.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_upper_case_and_complete() {
        assert_eq!(CODES.len(), 178);
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(CODES.iter().all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn codes() {
        for good in ["USD", "EUR", "GBP", "JPY", "CHF", "XAU", "USN", "VES", "ZWG", "XCG", "SLE"] {
            assert!(is_currency(good), "{good}");
        }
        for bad in ["", "usd", "US", "USDX", "HRK", "SLL", "ZWL", "ANG", "BGN", "ABC", "€"] {
            assert!(!is_currency(bad), "{bad:?}");
        }
    }
}
