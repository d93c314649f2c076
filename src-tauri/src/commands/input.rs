//! Reading what the casework forms send: dates through the core's calendar, codes
//! through the core's enums. A value that does not parse is the field's error.

use chrono::NaiveDate;
use hotto::error::{Field, Problem};
use hotto::CoreError;

use crate::error::AppError;

/// A date sent by a form (ISO from `DateInput`, or text as typed), read by the core.
pub(crate) fn date(text: &str) -> Result<NaiveDate, AppError> {
    Ok(hotto::calendar::parse_date(text)?)
}

/// An optional date: empty text is none.
pub(crate) fn optional_date(text: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => date(t).map(Some),
    }
}

/// A stored code of one of the core's enums (`workplace_visit`, `phone`, …).
pub(crate) fn code<T>(
    field: Field,
    value: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, AppError> {
    parse(value).ok_or_else(|| CoreError::invalid(field, Problem::Format("unknown code")).into())
}

/// An optional code: empty or absent is none.
pub(crate) fn optional_code<T>(
    field: Field,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    match value {
        None | Some("") => Ok(None),
        Some(v) => code(field, v, parse).map(Some),
    }
}

/// Today on this PC's clock.
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
