//! What the webview sees of the core's types, by area.

pub mod import;
mod session;

pub use session::*;
