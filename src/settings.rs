//! Center-wide settings (the `settings` table): small values such as the backup
//! folder or the follow-up policy, each stored as text under a dotted key.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{fields, Problem};
use crate::session::Session;
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

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

/// Minutes of inactivity before the app locks, when none is set.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
/// The shortest and longest idle-lock times accepted, in minutes.
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

/// 自動ロックまでの時間.
pub const IDLE_LOCK_FIELD: crate::error::Field =
    crate::error::Field::new("idle_lock_minutes", "自動ロックまでの時間（分）");

/// The minutes of inactivity after which the app locks itself (any signed-in user: the frame
/// needs it for everyone). A missing or unreadable value gives the default of 10.
pub fn idle_lock_minutes(store: &Store, actor: &Session) -> Result<u32> {
    let stored = store.read(actor, |conn| get(conn, IDLE_LOCK_MINUTES))?;
    Ok(stored
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|m| IDLE_LOCK_RANGE.contains(m))
        .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
}

/// Sets the idle-lock minutes, 1 to 120 (director only: it guards every client record).
pub fn set_idle_lock_minutes(store: &mut Store, actor: &Session, minutes: u32) -> Result<()> {
    actor.require_director("change the idle lock")?;
    if !IDLE_LOCK_RANGE.contains(&minutes) {
        return Err(CoreError::invalid(
            IDLE_LOCK_FIELD,
            Problem::OutOfRange {
                min: i64::from(*IDLE_LOCK_RANGE.start()),
                max: i64::from(*IDLE_LOCK_RANGE.end()),
            },
        ));
    }
    store.write(actor, |tx| {
        put(tx, IDLE_LOCK_MINUTES, &minutes.to_string())?;
        tx.audit(
            "settings.idle_lock",
            "settings",
            None,
            &format!("idle lock set to {minutes} minutes"),
        )
    })
}

/// The folder of the automatic daily backup, if one was chosen (any signed-in user).
pub fn backup_folder(store: &Store, actor: &Session) -> Result<Option<PathBuf>> {
    let stored = store.read(actor, |conn| get(conn, BACKUP_FOLDER))?;
    Ok(stored.filter(|v| !v.is_empty()).map(PathBuf::from))
}

/// Chooses the backup folder (director only). The folder must exist now: a typo or an
/// unplugged stick is reported when it is chosen, not on the first failed night.
pub fn set_backup_folder(store: &mut Store, actor: &Session, folder: &Path) -> Result<()> {
    actor.require_director("choose the backup folder")?;
    if folder.as_os_str().is_empty() {
        return Err(CoreError::invalid(fields::BACKUP_FOLDER, Problem::Empty));
    }
    if !folder.is_dir() {
        return Err(folder_missing());
    }
    let value = folder.to_string_lossy().into_owned();
    store.write(actor, |tx| {
        put(tx, BACKUP_FOLDER, &value)?;
        tx.audit(
            "settings.backup_folder",
            "settings",
            None,
            "backup folder set",
        )
    })
}

/// The error for a backup folder that is not there (an unplugged stick, an unmapped share).
pub fn folder_missing() -> CoreError {
    CoreError::rule(
        "the backup folder does not exist",
        "バックアップ先のフォルダが見つかりません。USBメモリや共有フォルダがつながっているか確認してください。",
    )
}
