//! The consistent snapshot a backup streams: the WAL is checkpointed into the database
//! file and a read transaction held while the file's (still encrypted) bytes flow into
//! the container, so no page is decrypted and re-encrypted on the way.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::container::{self, Manifest};
use super::Progress;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

/// Streams the store's database into a verified container at `path` while a second
/// connection checks every page's HMAC. Returns the file's size and the row counts
/// written into its manifest.
pub(super) fn write_verified(
    store: &Store,
    path: &Path,
    created_at: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<(u64, BTreeMap<String, i64>)> {
    let conn = store.connection();
    // Everything committed goes into the database file and the WAL is emptied. The
    // store holds the data dir's single-writer lock and is borrowed `&mut` by the
    // caller: no other connection can be reading, so the checkpoint completes.
    let busy: i64 = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
        .map_err(StoreError::from)?;
    if busy != 0 {
        return Err(not_consistent());
    }
    // A read transaction on an empty WAL reads the database file alone, and while it is
    // open no checkpoint may write into that file: the bytes streamed below are exactly
    // the state it sees, whatever else happens.
    let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
    let row_counts = super::row_counts(&tx)?;
    let page_size = pragma_u64(&tx, "page_size")?.max(1);
    let pages = pragma_u64(&tx, "page_count")?;
    let database = store.data_dir().database();
    let db_len = std::fs::metadata(&database)
        .map_err(|e| StoreError::io("read", &database, e))?
        .len();
    if db_len != page_size * pages {
        return Err(not_consistent());
    }
    let manifest = Manifest {
        format: "hotto-backup".into(),
        version: 1,
        created_at: created_at.to_string(),
        center_id: store.center_id().to_string(),
        device_id: store.device_id().to_string(),
        schema_version: store.schema_version()?,
        row_counts: row_counts.clone(),
        slots: store.slots().clone(),
    };
    let key = store.database_key()?;
    let total = 2 * pages;
    progress(Progress { done: 0, total });
    // The page check reads the same unchanging file on the other core meanwhile.
    let (written, pages_sound) = std::thread::scope(|s| {
        let check = s.spawn(|| every_page_authenticates(&database, &key));
        let written = container::write(path, &manifest, &database, db_len, &mut |bytes| {
            progress(Progress {
                done: (bytes / page_size).min(total),
                total,
            })
        });
        let sound = check
            .join()
            .unwrap_or_else(|_| Err(StoreError::Crypto("page check").into()));
        (written, sound)
    });
    drop(tx);
    // Dropped unpublished on any failure: the temporary file goes, `path` never existed.
    let written = written?;
    pages_sound?;
    Ok((written.publish()?, row_counts))
}

/// SQLCipher's `cipher_integrity_check` on its own read-only connection: every page of
/// the file (free ones too) must carry a valid HMAC under the database key, which proves
/// it decrypts to exactly what SQLCipher wrote. It answers one row per bad page.
fn every_page_authenticates(database: &Path, key: &crate::store::keys::SecretKey) -> Result<()> {
    let conn = Connection::open_with_flags(
        database,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(StoreError::from)?;
    crate::store::key_connection(&conn, key)?;
    let mut stmt = conn
        .prepare("PRAGMA cipher_integrity_check")
        .map_err(StoreError::from)?;
    let problems = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(StoreError::from)?
        .count();
    if problems > 0 {
        return Err(CoreError::rule(
            "the backup did not verify: pages of the database fail their HMAC check",
            "バックアップの検証に失敗しました。データベースの一部が読めません。ほっとを再起動して、もう一度お試しください。",
        ));
    }
    Ok(())
}

/// A numeric pragma (SQLCipher answers `page_size` as text).
fn pragma_u64(conn: &Connection, name: &str) -> Result<u64> {
    let value: rusqlite::types::Value = conn
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .map_err(StoreError::from)?;
    let n = match value {
        rusqlite::types::Value::Integer(n) => u64::try_from(n).ok(),
        rusqlite::types::Value::Text(t) => t.trim().parse().ok(),
        _ => None,
    };
    n.ok_or_else(not_consistent)
}

fn not_consistent() -> CoreError {
    CoreError::rule(
        "the database could not be brought into one consistent file for the backup",
        "バックアップ用にデータベースをまとめられませんでした。しばらくしてから、もう一度お試しください。",
    )
}
