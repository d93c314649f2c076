//! Numbered SQL migrations embedded in the binary, applied in one transaction
//! when a store opens. The schema version lives in SQLite's `user_version`.

use rusqlite::Connection;

use super::StoreError;

/// The migrations in order; the version of the n-th is n.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_domain.sql"),
    include_str!("../../migrations/0003_clients.sql"),
    include_str!("../../migrations/0004_staffplan.sql"),
    include_str!("../../migrations/0005_figures.sql"),
    include_str!("../../migrations/0006_sync.sql"),
    include_str!("../../migrations/0007_bench.sql"),
    include_str!("../../migrations/0008_client_partner_periods.sql"),
    include_str!("../../migrations/0009_worklists.sql"),
    include_str!("../../migrations/0010_figures.sql"),
    include_str!("../../migrations/0011_last_contact.sql"),
];

/// The schema version this program writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// The schema version recorded in the file.
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to [`LATEST`]; refuses a file from a newer program.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(StoreError::SchemaTooNew {
            found,
            supported: LATEST,
        });
    }
    if found == LATEST {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
