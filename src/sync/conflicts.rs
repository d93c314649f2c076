//! The director's review of values that lost a sync conflict: list them, keep the
//! winner, or restore the loser (a new change that then syncs like any other).
//! The decision is a synced row, so every PC sees the conflict as reviewed.

use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::capture::is_synced;
use super::changes::{from_json, quote, table_info, values_from_text};
use super::clock::Hlc;
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

/// One losing value (or a deleted-but-kept row) for the director to review.
#[derive(Clone, Debug, Serialize)]
pub struct Conflict {
    /// Its id.
    pub id: String,
    /// `field` (a value overwritten by a later edit), `delete` (a row deleted on one
    /// PC and edited on another: kept) or `unique` (two rows claiming the same unique value).
    pub kind: String,
    /// The table.
    pub table: String,
    /// The row's primary key (JSON array).
    pub row_key: String,
    /// The column (`*` for the whole row).
    pub column: String,
    /// The losing value as text.
    pub lost_value: String,
    /// When the losing value was written (UTC, RFC 3339).
    pub lost_at: String,
    /// The PC that wrote it.
    pub lost_device: String,
    /// The value that won, as text.
    pub won_value: String,
    /// When the winning value was written.
    pub won_at: String,
    /// The PC that wrote it.
    pub won_device: String,
    /// `kept` or `restored` once reviewed.
    pub decision: Option<String>,
}

fn display(json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(json).map(|j| from_json(&j)) {
        Ok(Value::Null) | Err(_) => String::new(),
        Ok(Value::Integer(i)) => i.to_string(),
        Ok(Value::Real(f)) => f.to_string(),
        Ok(Value::Text(s)) => s,
        Ok(Value::Blob(b)) => format!("({} bytes)", b.len()),
    }
}

fn when_and_who(hlc: &str) -> (String, String) {
    Hlc::parse(hlc)
        .map(|h| {
            let at = chrono::DateTime::from_timestamp_millis(h.millis)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default();
            (at, h.device)
        })
        .unwrap_or_default()
}

const SELECT: &str = "SELECT c.id, c.kind, c.tbl, c.pk, c.col, c.lost_value, c.lost_hlc,
        c.won_value, c.won_hlc, r.decision
    FROM sync_conflicts c LEFT JOIN sync_conflict_reviews r ON r.id = c.id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    let (lost_at, lost_device) = when_and_who(&r.get::<_, String>(6)?);
    let (won_at, won_device) = when_and_who(&r.get::<_, String>(8)?);
    Ok(Conflict {
        id: r.get(0)?,
        kind: r.get(1)?,
        table: r.get(2)?,
        row_key: r.get(3)?,
        column: r.get(4)?,
        lost_value: display(&r.get::<_, String>(5)?),
        lost_at,
        lost_device,
        won_value: display(&r.get::<_, String>(7)?),
        won_at,
        won_device,
        decision: r.get(9)?,
    })
}

/// Every conflict found on this PC, newest first (director).
pub fn conflicts(store: &Store, actor: &Session) -> Result<Vec<Conflict>> {
    actor.require_director("review sync conflicts")?;
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(&format!("{SELECT} ORDER BY c.lost_hlc DESC, c.id"))
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([], from_row)
            .map_err(StoreError::from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?;
        Ok(rows)
    })
}

fn find(store: &Store, actor: &Session, id: &str) -> Result<(Conflict, String)> {
    store.read(actor, |conn| {
        conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], |r| {
            Ok((from_row(r)?, r.get::<_, String>(5)?))
        })
        .optional()
        .map_err(StoreError::from)?
        .ok_or(CoreError::NotFound {
            what: crate::error::Field::new("conflict", "競合"),
        })
    })
}

/// Marks a conflict as reviewed, keeping the value that won (director).
pub fn keep_winner(store: &mut Store, actor: &Session, id: &str) -> Result<()> {
    actor.require_director("review sync conflicts")?;
    let (conflict, _) = find(store, actor, id)?;
    store.write(actor, |tx| {
        decide(tx, id, "kept")?;
        tx.audit(
            "sync.conflict_keep",
            &conflict.table,
            None,
            &format!(
                "kept the winning value of a sync conflict ({})",
                conflict.column
            ),
        )
    })
}

/// Restores the losing value (director): a field gets its value back, a row that
/// was kept after a delete is deleted. A unique clash cannot be undone here.
pub fn restore_loser(store: &mut Store, actor: &Session, id: &str) -> Result<()> {
    actor.require_director("review sync conflicts")?;
    let (conflict, lost_json) = find(store, actor, id)?;
    if conflict.kind == "unique" && conflict.column != "*" {
        return Err(CoreError::rule(
            "both records were kept and the later one took a changed value: edit that value (a new login needs a new password) instead of restoring it",
            "重複した値は、あとから登録された方を変えて両方とも残しています。元には戻せないので、必要なら名前やログイン名を直してください（ログイン名を変えたときは新しいパスワードも設定してください）。",
        ));
    }
    if conflict.kind == "unique" || !is_synced(&conflict.table) {
        return Err(CoreError::rule(
            "this conflict cannot be restored automatically: enter the record again",
            "この競合は自動では元に戻せません。必要なら記録を入力し直してください。",
        ));
    }
    let pk = values_from_text(&conflict.row_key);
    store.write(actor, |tx| {
        let conn = tx.conn();
        let info = table_info(conn, &conflict.table)?;
        let pk_names: Vec<String> = {
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")
                .map_err(StoreError::from)?;
            let names = stmt
                .query_map([&conflict.table], |r| r.get(0))
                .map_err(StoreError::from)?
                .collect::<rusqlite::Result<_>>()
                .map_err(StoreError::from)?;
            names
        };
        let filter = |first: usize| -> String {
            pk_names
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{} = ?{}", quote(c), i + first))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        if conflict.kind == "delete" {
            let sql = format!("DELETE FROM {} WHERE {}", quote(&conflict.table), filter(1));
            conn.execute(&sql, rusqlite::params_from_iter(pk.iter()))
                .map_err(StoreError::from)?;
        } else {
            if !info.columns.contains(&conflict.column) {
                return Err(CoreError::NotFound {
                    what: crate::error::Field::new("conflict", "競合"),
                });
            }
            let lost = serde_json::from_str(&lost_json)
                .map(|j| from_json(&j))
                .unwrap_or(Value::Null);
            let sql = format!(
                "UPDATE {} SET {} = ?1 WHERE {}",
                quote(&conflict.table),
                quote(&conflict.column),
                filter(2)
            );
            let mut values = vec![lost];
            values.extend(pk.iter().cloned());
            conn.execute(&sql, rusqlite::params_from_iter(values.iter()))
                .map_err(StoreError::from)?;
        }
        decide(tx, &conflict.id, "restored")?;
        tx.audit(
            "sync.conflict_restore",
            &conflict.table,
            None,
            &format!(
                "restored the losing side of a sync conflict ({})",
                conflict.column
            ),
        )
    })
}

fn decide(tx: &crate::store::Tx<'_>, id: &str, decision: &str) -> Result<()> {
    tx.conn()
        .execute(
            "INSERT INTO sync_conflict_reviews (id, decision, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET decision = ?2, updated_at = ?3, updated_by = ?4",
            rusqlite::params![id, decision, tx.now(), tx.actor().user_id()],
        )
        .map_err(StoreError::from)?;
    Ok(())
}
