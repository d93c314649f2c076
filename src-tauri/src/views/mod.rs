//! What the webview sees of the core's types: plain data with TypeScript types
//! (the core has no `specta`), one file per area. Labels come from the core, so
//! the UI never spells a role, a kind or a date in Japanese itself.

mod calendar;
mod import;
mod session;

pub use calendar::DateView;
pub use import::{
    DuplicateView, ImportColumnView, ImportKindInfo, ImportKindView, ImportPreviewView,
    ImportProgressView, ImportReportView, RowProblemView,
};
pub use session::{AppInfo, DemoAccountView, RoleView, SessionView};
