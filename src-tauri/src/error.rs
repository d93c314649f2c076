//! The one place where core errors become the error the UI receives: a stable
//! code for the program and the core's Japanese text for the person.

use hotto::calendar::DateParseError;
use hotto::CoreError;
use serde::Serialize;

/// An error as the webview receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    /// Machine-readable code from the core (`wrong_credentials`, `already_open`, …).
    pub code: String,
    /// The message shown to the user, in Japanese.
    pub message: String,
}

impl AppError {
    /// A failure of the shell itself (a worker thread died): nothing the user can fix.
    pub(crate) fn internal(what: &str) -> Self {
        eprintln!("hotto-app: internal: {what}");
        AppError {
            code: "internal".to_string(),
            message: "予期しないエラーが発生しました。".to_string(),
        }
    }
}

impl From<CoreError> for AppError {
    fn from(e: CoreError) -> Self {
        // Core errors carry no client data (see hotto::error): safe to log.
        eprintln!("hotto-app: {}: {e}", e.code());
        AppError {
            code: e.code().to_string(),
            message: e.message_ja(),
        }
    }
}

impl From<DateParseError> for AppError {
    fn from(e: DateParseError) -> Self {
        // The error holds only the date as typed, never a name: safe to log.
        eprintln!("hotto-app: invalid_date: {e}");
        AppError {
            code: "invalid_date".to_string(),
            message: e.message_ja(),
        }
    }
}
