//! The commands the webview calls, grouped by area. Each is a thin adapter:
//! parse the input, call the core, map the error (see `crate::error`).

pub mod app;
pub mod audit;
pub mod calendar;
mod names;
pub mod plan;
pub mod reports;
pub mod session;
pub mod settings;
pub mod staff;
pub mod users;

pub use names::COMMAND_NAMES;
