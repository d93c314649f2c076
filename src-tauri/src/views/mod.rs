//! What the webview sees of the core's types: plain data with TypeScript types
//! (the core has no `specta`), one file per area. Labels come from the core, so
//! the UI never spells a role, a kind or a date in Japanese itself.

pub mod audit;
mod calendar;
pub mod plan;
pub mod reports;
mod session;
pub mod settings;
pub mod staff;
pub mod users;

pub use calendar::DateView;
pub use session::{AppInfo, DemoAccountView, RoleView, SessionView};
