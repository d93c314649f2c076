//! The commands the webview calls, grouped by area. Each is a thin adapter:
//! parse the input, call the core, map the error (see `crate::error`).

pub mod app;
pub mod audit;
pub mod calendar;
pub mod client_links;
pub mod clients;
pub mod employers;
pub mod employment;
pub mod follow_ups;
pub mod home;
pub mod import;
mod input;
pub mod meetings;
mod names;
pub mod office;
pub mod partners;
pub mod plan;
pub mod records;
pub mod reports;
pub mod session;
pub mod settings;
pub mod staff;
pub mod sync;
pub mod users;

pub use names::COMMAND_NAMES;
