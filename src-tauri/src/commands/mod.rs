//! The commands the webview calls, grouped by area. Each is a thin adapter:
//! parse the input, call the core, map the error (see `crate::error`).

pub mod app;
pub mod calendar;
pub mod import;
mod names;
pub mod session;

pub use names::COMMAND_NAMES;
