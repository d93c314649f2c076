//! Center-wide settings (the `settings` table): small values such as the backup
//! folder or the follow-up policy, each stored as text under a dotted key.

use rusqlite::{params, Connection, OptionalExtension};

use crate::store::{StoreError, Tx};
use crate::Result;

/// Folder for the automatic daily backup.
pub const BACKUP_FOLDER: &str = "backup.folder";
/// Minutes of inactivity before the app locks itself.
pub const IDLE_LOCK_MINUTES: &str = "app.idle_lock_minutes";

/// The value stored under `key`, if any.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .map_err(StoreError::from)?)
}

/// Stores `value` under `key` inside the caller's write (which audits it).
pub fn put(tx: &Tx<'_>, key: &str, value: &str) -> Result<()> {
    tx.conn()
        .execute(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3, updated_by = ?4",
            params![key, value, tx.now(), tx.actor().user_id()],
        )
        .map_err(StoreError::from)?;
    Ok(())
}
