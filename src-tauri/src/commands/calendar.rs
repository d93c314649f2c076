//! Dates typed in any form staff use (R7.4.1, 令和7年4月1日, 2025-04-01) are read
//! by the core's calendar; the UI never parses an era itself.

use hotto::calendar::parse_date as parse;

use crate::error::AppError;
use crate::views::DateView;

/// Reads a date field's text; the error says in Japanese why it was refused.
#[tauri::command]
#[specta::specta]
pub fn parse_date(text: String) -> Result<DateView, AppError> {
    Ok(parse(&text)?.into())
}

/// Today on this PC's clock, for the defaults of new records.
#[tauri::command]
#[specta::specta]
pub fn today() -> DateView {
    chrono::Local::now().date_naive().into()
}
