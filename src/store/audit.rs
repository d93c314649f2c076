//! The audit log: append-only rows, each chained to the previous row of the same
//! device by a SHA-256, so that an edit behind the software's back shows up.
//!
//! Summaries never hold personal data: they say what kind of thing happened to
//! which record id, not whose.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::StoreError;

/// The `prev_hash` of a device's first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit row as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Row id.
    pub id: String,
    /// Device that wrote it.
    pub device_id: String,
    /// Position in that device's chain, from 1.
    pub seq: i64,
    /// UTC time, RFC 3339.
    pub at: String,
    /// The acting user's id (none for system actions such as a recovery).
    pub actor_id: Option<String>,
    /// The acting user's display name, when known.
    pub actor_name: Option<String>,
    /// What was done (`sign_in`, `user.add`, `client.read`, …).
    pub action: String,
    /// Kind of record touched.
    pub entity_kind: String,
    /// Id of the record touched.
    pub entity_id: Option<String>,
    /// What happened, without personal data.
    pub summary: String,
    /// Hash of the previous row of this device.
    pub prev_hash: String,
    /// Hash of this row.
    pub hash: String,
}

/// What a new audit row says.
#[derive(Clone, Copy, Debug)]
pub struct AuditEvent<'a> {
    /// Acting user, if any.
    pub actor_id: Option<&'a str>,
    /// What was done.
    pub action: &'a str,
    /// Kind of record touched.
    pub entity_kind: &'a str,
    /// Id of the record touched.
    pub entity_id: Option<&'a str>,
    /// Summary without personal data.
    pub summary: &'a str,
}

fn row_hash(e: &AuditEntry) -> String {
    // A JSON array gives an unambiguous encoding of the fields.
    let fields = serde_json::json!([
        e.prev_hash,
        e.id,
        e.device_id,
        e.seq,
        e.at,
        e.actor_id,
        e.action,
        e.entity_kind,
        e.entity_id,
        e.summary
    ]);
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

/// Appends a row to this device's chain inside the caller's transaction.
pub fn append(
    tx: &Transaction<'_>,
    device_id: &str,
    at: &str,
    event: AuditEvent<'_>,
) -> Result<(), StoreError> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_log WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1",
            [device_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let mut entry = AuditEntry {
        id: crate::ids::new_id(),
        device_id: device_id.to_string(),
        seq,
        at: at.to_string(),
        actor_id: event.actor_id.map(str::to_string),
        actor_name: None,
        action: event.action.to_string(),
        entity_kind: event.entity_kind.to_string(),
        entity_id: event.entity_id.map(str::to_string),
        summary: event.summary.to_string(),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = row_hash(&entry);
    tx.execute(
        "INSERT INTO audit_log (id, device_id, seq, at, actor_id, action, entity_kind, entity_id, summary, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            entry.id, entry.device_id, entry.seq, entry.at, entry.actor_id, entry.action,
            entry.entity_kind, entry.entity_id, entry.summary, entry.prev_hash, entry.hash
        ],
    )?;
    Ok(())
}

/// The outcome of verifying one device's chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    /// The device.
    pub device_id: String,
    /// Rows checked.
    pub rows: u64,
    /// The first row that does not verify, if any.
    pub first_break: Option<ChainBreak>,
}

/// Where and why a chain breaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    /// Position (seq) of the first bad row.
    pub seq: i64,
    /// Its id.
    pub id: String,
    /// Why.
    pub reason: &'static str,
}

/// Recomputes every device's chain.
pub fn verify(conn: &Connection) -> Result<Vec<ChainReport>, StoreError> {
    let mut devices =
        conn.prepare("SELECT DISTINCT device_id FROM audit_log ORDER BY device_id")?;
    let devices: Vec<String> = devices
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    devices.iter().map(|d| verify_device(conn, d)).collect()
}

fn verify_device(conn: &Connection, device_id: &str) -> Result<ChainReport, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT_ENTRY} WHERE a.device_id = ?1 ORDER BY a.seq"
    ))?;
    let mut rows = stmt.query([device_id])?;
    let mut expected_prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let entry = entry_from_row(row)?;
        count += 1;
        let reason = if entry.seq != expected_seq {
            Some("a row is missing before this one")
        } else if entry.prev_hash != expected_prev {
            Some("it does not link to the previous row")
        } else if row_hash(&entry) != entry.hash {
            Some("its contents were changed after it was written")
        } else {
            None
        };
        if let Some(reason) = reason {
            let first_break = Some(ChainBreak {
                seq: entry.seq,
                id: entry.id,
                reason,
            });
            return Ok(ChainReport {
                device_id: device_id.to_string(),
                rows: count,
                first_break,
            });
        }
        expected_prev = entry.hash;
        expected_seq += 1;
    }
    Ok(ChainReport {
        device_id: device_id.to_string(),
        rows: count,
        first_break: None,
    })
}

/// Filters for [`list`].
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Only this actor.
    pub actor_id: Option<String>,
    /// Only actions starting with this text (`user.` gives every account change).
    pub action_prefix: Option<String>,
    /// Only this kind of record.
    pub entity_kind: Option<String>,
    /// Only this record.
    pub entity_id: Option<String>,
    /// From this time (inclusive, RFC 3339 or a date).
    pub from: Option<String>,
    /// Before this time (exclusive).
    pub until: Option<String>,
    /// At most this many rows (newest first); default 200.
    pub limit: Option<u32>,
    /// Skip this many of the newest matching rows first (for paging).
    pub offset: Option<u32>,
}

const SELECT_ENTRY: &str =
    "SELECT a.id, a.device_id, a.seq, a.at, a.actor_id, u.display_name, a.action,
        a.entity_kind, a.entity_id, a.summary, a.prev_hash, a.hash
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id";

fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        device_id: r.get(1)?,
        seq: r.get(2)?,
        at: r.get(3)?,
        actor_id: r.get(4)?,
        actor_name: r.get(5)?,
        action: r.get(6)?,
        entity_kind: r.get(7)?,
        entity_id: r.get(8)?,
        summary: r.get(9)?,
        prev_hash: r.get(10)?,
        hash: r.get(11)?,
    })
}

/// Audit rows matching `filter`, newest first.
pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEntry>, StoreError> {
    let sql = format!(
        "{SELECT_ENTRY}
         WHERE (?1 IS NULL OR a.actor_id = ?1)
           AND (?2 IS NULL OR substr(a.action, 1, length(?2)) = ?2)
           AND (?3 IS NULL OR a.entity_kind = ?3)
           AND (?4 IS NULL OR a.entity_id = ?4)
           AND (?5 IS NULL OR a.at >= ?5)
           AND (?6 IS NULL OR a.at < ?6)
         ORDER BY a.at DESC, a.id DESC
         LIMIT ?7 OFFSET ?8"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        params![
            filter.actor_id,
            filter.action_prefix,
            filter.entity_kind,
            filter.entity_id,
            filter.from,
            filter.until,
            filter.limit.unwrap_or(200),
            filter.offset.unwrap_or(0)
        ],
        entry_from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The distinct actions and record kinds in the log, sorted, for the filters of a screen.
pub fn actions_and_kinds(conn: &Connection) -> Result<(Vec<String>, Vec<String>), StoreError> {
    let distinct = |column: &str| -> Result<Vec<String>, StoreError> {
        let mut stmt = conn.prepare(&format!(
            "SELECT DISTINCT {column} FROM audit_log ORDER BY {column}"
        ))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    Ok((distinct("action")?, distinct("entity_kind")?))
}
