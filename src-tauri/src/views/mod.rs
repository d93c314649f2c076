//! What the webview sees of the core's types: plain data with TypeScript types
//! (the core has no `specta`), one file per area. Labels come from the core, so
//! the UI never spells a role, a kind or a date in Japanese itself.

mod calendar;
mod employers;
mod meetings;
mod office;
mod options;
mod partners;
mod session;

pub use calendar::DateView;
pub use employers::*;
pub use meetings::*;
pub use office::*;
pub use options::OptionView;
pub use partners::*;
pub use session::{AppInfo, DemoAccountView, RoleView, SessionView};
