//! Capture: every committed core write records its changeset (SQLite's session
//! extension) into the outbox, in the same transaction, with its clock and the
//! field clocks and tombstones that conflict resolution needs later.

use rusqlite::session::Session;
use rusqlite::{params, Connection, OptionalExtension};

use super::changes::{self, quote, table_info, values_text, RowChange, RowOp, Versions};
use super::clock;
use crate::store::StoreError;

/// Tables of this PC only: never synced. `client_last_contact` is derived from synced rows by
/// triggers (migration 0011), so each PC keeps its own, true to the rows it holds.
pub const LOCAL_TABLES: &[&str] = &[
    "local_device",
    "sync_state",
    "sync_outbox",
    "sync_applied",
    "sync_versions",
    "sync_tombstones",
    "sync_conflicts",
    "client_last_contact",
];

/// Tables that are only ever appended to: their rows never conflict, so they keep no field clocks.
pub const APPEND_ONLY: &[&str] = &["audit_log"];

/// Whether changes to `table` travel to the other PCs.
pub fn is_synced(table: &str) -> bool {
    !LOCAL_TABLES.contains(&table) && !table.starts_with("sqlite_")
}

/// The `sync_state` key that says this PC syncs (set with the sync folder or by an
/// enrolment export). Before it, nothing is recorded: a PC that never syncs keeps
/// no outbox, and PCs that join later start from a snapshot that holds it all.
pub(crate) const ENABLED_KEY: &str = "enabled";

/// Starts recording the changes to every synced table made on `conn` from now on,
/// when this PC syncs.
pub(crate) fn start(conn: &Connection) -> Result<Option<Session<'_>>, StoreError> {
    if !is_enabled(conn)? {
        return Ok(None);
    }
    let mut session = Session::new(conn)?;
    session.table_filter(Some(|table: &str| is_synced(table)));
    session.attach::<&str>(None)?;
    Ok(Some(session))
}

/// Whether this PC syncs.
pub(crate) fn is_enabled(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM sync_state WHERE key = ?1")?
        .exists([ENABLED_KEY])?)
}

/// Marks this PC as syncing, inside the caller's transaction.
pub(crate) fn enable(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_state (key, value) VALUES (?1, '1')",
        [ENABLED_KEY],
    )?;
    Ok(())
}

/// Ends the recording and, when anything changed, appends the changeset to the
/// outbox with a new clock reading, in the caller's (still open) transaction.
pub(crate) fn finish(
    session: Option<Session<'_>>,
    conn: &Connection,
    device_id: &str,
) -> Result<(), StoreError> {
    let Some(mut session) = session else {
        return Ok(());
    };
    if session.is_empty() {
        return Ok(());
    }
    let mut changeset = Vec::new();
    session.changeset_strm(&mut changeset)?;
    drop(session);
    if changeset.is_empty() {
        return Ok(());
    }
    let ops = changes::decode(&changeset)?;
    if ops.is_empty() {
        return Ok(());
    }
    let hlc = clock::tick(conn, device_id)?;
    let hlc_text = hlc.encode();
    for op in &ops {
        record_local(conn, op, &hlc_text)?;
    }
    let seq = next_seq(conn)?;
    conn.execute(
        "INSERT INTO sync_outbox (seq, hlc, deps, changeset, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![seq, hlc_text, applied_vector(conn)?, changeset, crate::store::now_text()],
    )?;
    Ok(())
}

/// The next sequence number of this PC's changes (kept in `sync_state`, so that a
/// pruned outbox never reuses a number).
fn next_seq(conn: &Connection) -> Result<i64, StoreError> {
    let last: i64 = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'last_seq'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let seq = last + 1;
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES ('last_seq', ?1)
         ON CONFLICT (key) DO UPDATE SET value = ?1",
        [seq.to_string()],
    )?;
    Ok(seq)
}

/// The last sequence number this PC gave a change (0 before the first).
pub(crate) fn last_seq(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'last_seq'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// For each other PC, the last of its changes applied here (JSON object).
pub(crate) fn applied_vector(conn: &Connection) -> Result<String, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT device_id, seq FROM sync_applied")?;
    let map: serde_json::Map<String, serde_json::Value> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .map(|row| row.map(|(d, s)| (d, serde_json::json!(s))))
        .collect::<rusqlite::Result<_>>()?;
    Ok(serde_json::Value::Object(map).to_string())
}

/// The field clocks of a row (empty when none are kept).
pub(crate) fn versions(conn: &Connection, table: &str, pk: &str) -> Result<Versions, StoreError> {
    let text: Option<String> = conn
        .prepare_cached("SELECT hlcs FROM sync_versions WHERE tbl = ?1 AND pk = ?2")?
        .query_row([table, pk], |r| r.get(0))
        .optional()?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

/// Stores the field clocks of a row.
pub(crate) fn put_versions(
    conn: &Connection,
    table: &str,
    pk: &str,
    versions: &Versions,
) -> Result<(), StoreError> {
    let text = serde_json::to_string(versions).map_err(|_| StoreError::Crypto("versions"))?;
    conn.prepare_cached(
        "INSERT INTO sync_versions (tbl, pk, hlcs) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, pk) DO UPDATE SET hlcs = ?3",
    )?
    .execute([table, pk, &text])?;
    Ok(())
}

/// Keeps a deleted row whole, with its field clocks and the clock of the delete.
pub(crate) fn put_tombstone(
    conn: &Connection,
    table: &str,
    pk: &str,
    row: &[rusqlite::types::Value],
    versions: &Versions,
    hlc: &str,
) -> Result<(), StoreError> {
    let hlcs = serde_json::to_string(versions).map_err(|_| StoreError::Crypto("versions"))?;
    conn.prepare_cached(
        "INSERT INTO sync_tombstones (tbl, pk, row, hlcs, hlc) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (tbl, pk) DO UPDATE SET row = ?3, hlcs = ?4, hlc = ?5",
    )?
    .execute(params![table, pk, values_text(row), hlcs, hlc])?;
    conn.prepare_cached("DELETE FROM sync_versions WHERE tbl = ?1 AND pk = ?2")?
        .execute([table, pk])?;
    Ok(())
}

/// Updates the field clocks (and tombstones) for one operation made on this PC.
fn record_local(conn: &Connection, op: &RowOp, hlc: &str) -> Result<(), StoreError> {
    if APPEND_ONLY.contains(&op.table.as_str()) {
        return Ok(());
    }
    let pk = values_text(&op.pk);
    match &op.change {
        RowChange::Insert(_) => {
            let versions = Versions::from([("*".to_string(), hlc.to_string())]);
            put_versions(conn, &op.table, &pk, &versions)?;
            conn.prepare_cached("DELETE FROM sync_tombstones WHERE tbl = ?1 AND pk = ?2")?
                .execute([&op.table, &pk])?;
        }
        RowChange::Update(changed) => {
            let info = table_info(conn, &op.table)?;
            let mut versions = versions(conn, &op.table, &pk)?;
            for (c, _, _) in changed {
                if let Some(name) = info.columns.get(*c) {
                    versions.insert(name.clone(), hlc.to_string());
                }
            }
            put_versions(conn, &op.table, &pk, &versions)?;
        }
        RowChange::Delete(row) => {
            let versions = versions(conn, &op.table, &pk)?;
            put_tombstone(conn, &op.table, &pk, row, &versions, hlc)?;
        }
    }
    Ok(())
}

/// The clock after which `hlc` counts as newer (the row's own clocks).
pub(crate) fn newest(versions: &Versions) -> &str {
    versions.values().map(String::as_str).max().unwrap_or("")
}

/// Reads `table`'s row with primary key `pk` (values in column order), if present.
pub(crate) fn read_row(
    conn: &Connection,
    table: &str,
    columns: &[String],
    pk_columns: &[usize],
    pk: &[rusqlite::types::Value],
) -> Result<Option<Vec<rusqlite::types::Value>>, StoreError> {
    let list: Vec<String> = columns.iter().map(|c| quote(c)).collect();
    let filter: Vec<String> = pk_columns
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("{} = ?{}", quote(&columns[c]), i + 1))
        .collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        list.join(", "),
        quote(table),
        filter.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let n = columns.len();
    Ok(stmt
        .query_row(rusqlite::params_from_iter(pk.iter()), |r| {
            (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect()
        })
        .optional()?)
}
