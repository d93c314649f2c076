//! ほっと core: the encrypted store, accounts, audit log and the center's domain.
//!
//! Nothing here knows about the window: the Tauri shell (`src-tauri/`), the CLI
//! (`src/main.rs`) and the tests drive the same services. Every operation runs
//! for a signed-in [`Session`] that is passed explicitly.

pub mod accounts;
pub mod audit_log;
pub mod backup;
pub mod bench;
pub mod calendar;
pub mod clients;
pub mod demo;
pub mod doctor;
pub mod employment;
pub mod error;
pub mod export;
pub mod figures;
pub mod ids;
pub mod import;
pub mod meetings;
pub mod partners;
pub mod plan;
pub mod records;
pub mod recovery;
pub mod reports;
pub mod retention;
pub mod session;
pub mod settings;
pub mod staff;
pub mod store;
pub mod sync;
pub mod text;

pub use error::CoreError;
pub use session::{Role, Session, SignInThrottle};
pub use store::{DataDir, DemoAccount, Store};

/// Result of a core operation.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;
