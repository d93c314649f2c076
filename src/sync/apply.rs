//! Applying another PC's changes, field by field: for each field the change with
//! the later clock (hybrid logical clock, device id as the tie-break) wins, so every
//! PC ends with the same values whatever the order it hears the changes in. The
//! losing value of a concurrent edit goes to `sync_conflicts`; a row deleted on one
//! PC and edited on another is kept and flagged; append-only rows never conflict.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::capture::{self, is_synced, newest, read_row, APPEND_ONLY};
use super::changes::{
    self, quote, table_info, to_json, values_from_text, values_text, version_of, RowChange, RowOp,
    TableInfo, Versions,
};
use super::clock;
use super::folder::Entry;
use crate::store::StoreError;

/// Columns whose differences are bookkeeping, not something the director must review.
const QUIET_COLUMNS: &[&str] = &["updated_at", "updated_by"];

/// How a unique clash is settled when both rows must stay (see `resolve_unique`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Settle {
    /// The later row's name gets the end of its id appended (`suzuki` → `suzuki-3f9a1c`).
    Rename,
    /// The later row's link is cleared (a staff record loses its login).
    Unlink,
}

/// Unique values that name or link something, where two PCs' rows are both kept:
/// other rows may already point at either. (table, column, how.)
const KEEP_BOTH: &[(&str, &str, Settle)] = &[
    ("users", "login", Settle::Rename),
    ("staff", "user_id", Settle::Unlink),
    ("flag_kinds", "label", Settle::Rename),
    ("commissions", "name", Settle::Rename),
    ("commission_metrics", "name", Settle::Rename),
];

/// The row already holding a unique value (its primary key) and the index's columns.
type Clash = (Vec<Value>, Vec<String>);

/// What applying some changes did.
#[derive(Clone, Debug, Default)]
pub(crate) struct Applied {
    /// Changes (committed transactions of other PCs) applied.
    pub entries: u64,
    /// Losing values recorded for review.
    pub conflicts: u64,
    /// Whether the synced key slots changed.
    pub keyring_changed: bool,
}

struct Applier<'c> {
    conn: &'c Connection,
    hlc: &'c str,
    now: &'c str,
    tables: HashMap<String, TableInfo>,
    out: &'c mut Applied,
}

/// Applies one change of `device` inside the caller's transaction and records how far that PC is applied.
pub(crate) fn apply_entry(
    conn: &Connection,
    device: &str,
    entry: &Entry,
    last_sync_at: Option<&str>,
    now: &str,
    out: &mut Applied,
) -> Result<(), StoreError> {
    let ops = changes::decode(&entry.changeset)?;
    let mut applier = Applier {
        conn,
        hlc: &entry.hlc,
        now,
        tables: HashMap::new(),
        out,
    };
    for op in &ops {
        applier.apply(op)?;
    }
    applier.out.entries += 1;
    conn.execute(
        "INSERT INTO sync_applied (device_id, seq, last_sync_at, applied_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (device_id) DO UPDATE SET seq = ?2,
             last_sync_at = coalesce(?3, last_sync_at), applied_at = ?4",
        params![device, entry.seq, last_sync_at, now],
    )?;
    if let Some(seen) = clock::Hlc::parse(&entry.hlc) {
        clock::observe(conn, &seen)?;
    }
    Ok(())
}

fn pk_filter(info: &TableInfo, pk_columns: &[usize], first: usize) -> String {
    pk_columns
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("{} = ?{}", quote(&info.columns[c]), first + i))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

impl Applier<'_> {
    fn info(&mut self, table: &str) -> Result<TableInfo, StoreError> {
        if let Some(info) = self.tables.get(table) {
            return Ok(info.clone());
        }
        let info = table_info(self.conn, table)?;
        self.tables.insert(table.to_string(), info.clone());
        Ok(info)
    }

    fn apply(&mut self, op: &RowOp) -> Result<(), StoreError> {
        if !is_synced(&op.table) {
            return Ok(());
        }
        let info = self.info(&op.table)?;
        if info.columns.len() < op.columns || op.pk_columns.is_empty() {
            // A table this program does not know: files from a newer schema are refused before this.
            return Ok(());
        }
        if op.table == "sync_keyring" {
            self.out.keyring_changed = true;
        }
        let pk = values_text(&op.pk);
        let local = read_row(self.conn, &op.table, &info.columns, &op.pk_columns, &op.pk)?;
        match (&op.change, local) {
            (RowChange::Insert(_), Some(_)) if APPEND_ONLY.contains(&op.table.as_str()) => Ok(()),
            (RowChange::Insert(row), Some(local)) => {
                let changed: Vec<_> = (0..op.columns)
                    .filter(|c| !op.pk_columns.contains(c))
                    .map(|c| (c, None, row[c].clone()))
                    .collect();
                self.merge_fields(op, &info, &pk, &local, &changed)
            }
            (RowChange::Insert(row), None) => self.insert_new(op, &info, &pk, row),
            (RowChange::Update(changed), Some(local)) => {
                let changed: Vec<_> = changed
                    .iter()
                    .map(|(c, old, new)| (*c, Some(old.clone()), new.clone()))
                    .collect();
                self.merge_fields(op, &info, &pk, &local, &changed)
            }
            (RowChange::Update(changed), None) => self.resurrect(op, &info, &pk, changed),
            (RowChange::Delete(old), Some(local)) => self.delete(op, &info, &pk, old, &local),
            (RowChange::Delete(_), None) => Ok(()),
        }
    }

    /// Field-wise last-writer-wins over the row as it is here.
    fn merge_fields(
        &mut self,
        op: &RowOp,
        info: &TableInfo,
        pk: &str,
        local: &[Value],
        changed: &[(usize, Option<Value>, Value)],
    ) -> Result<(), StoreError> {
        let mut versions = capture::versions(self.conn, &op.table, pk)?;
        // One UPDATE per row: a CHECK may tie several columns together.
        let mut sets: Vec<(&str, &Value)> = Vec::new();
        for (c, old, new) in changed {
            let name = &info.columns[*c];
            let here = &local[*c];
            let here_hlc = version_of(&versions, name).to_string();
            let quiet = QUIET_COLUMNS.contains(&name.as_str());
            if self.hlc > here_hlc.as_str() {
                if here != new {
                    sets.push((name, new));
                }
                versions.insert(name.clone(), self.hlc.to_string());
                // Concurrent when the writer's value before differs from ours.
                let concurrent = old.as_ref().is_none_or(|o| o != here);
                if concurrent && here != new && !quiet {
                    self.conflict("field", op, pk, name, here, &here_hlc, new, self.hlc)?;
                }
            } else if here != new && !quiet {
                self.conflict("field", op, pk, name, new, self.hlc, here, &here_hlc)?;
            }
        }
        self.set_fields(op, info, &sets)?;
        if !APPEND_ONLY.contains(&op.table.as_str()) {
            capture::put_versions(self.conn, &op.table, pk, &versions)?;
        }
        Ok(())
    }

    fn set_fields(
        &self,
        op: &RowOp,
        info: &TableInfo,
        sets: &[(&str, &Value)],
    ) -> Result<(), StoreError> {
        if sets.is_empty() {
            return Ok(());
        }
        let assignments: Vec<String> = sets
            .iter()
            .enumerate()
            .map(|(i, (column, _))| format!("{} = ?{}", quote(column), i + 1))
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE {}",
            quote(&op.table),
            assignments.join(", "),
            pk_filter(info, &op.pk_columns, sets.len() + 1)
        );
        let mut values: Vec<Value> = sets.iter().map(|(_, v)| (*v).clone()).collect();
        values.extend(op.pk.iter().cloned());
        self.conn
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values.iter()))?;
        Ok(())
    }

    fn insert_row(&self, table: &str, info: &TableInfo, row: &[Value]) -> rusqlite::Result<usize> {
        let names: Vec<String> = info.columns[..row.len()].iter().map(|c| quote(c)).collect();
        let marks: Vec<String> = (1..=row.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quote(table),
            names.join(", "),
            marks.join(", ")
        );
        self.conn
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(row.iter()))
    }

    fn delete_row(&self, op: &RowOp, info: &TableInfo, pk: &[Value]) -> Result<(), StoreError> {
        let sql = format!(
            "DELETE FROM {} WHERE {}",
            quote(&op.table),
            pk_filter(info, &op.pk_columns, 1)
        );
        self.conn
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(pk.iter()))?;
        Ok(())
    }

    fn tombstone(
        &self,
        table: &str,
        pk: &str,
    ) -> Result<Option<(Vec<Value>, Versions, String)>, StoreError> {
        let found: Option<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT row, hlcs, hlc FROM sync_tombstones WHERE tbl = ?1 AND pk = ?2",
            )?
            .query_row([table, pk], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        Ok(found.map(|(row, hlcs, hlc)| {
            (
                values_from_text(&row),
                serde_json::from_str(&hlcs).unwrap_or_default(),
                hlc,
            )
        }))
    }

    fn drop_tombstone(&self, table: &str, pk: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("DELETE FROM sync_tombstones WHERE tbl = ?1 AND pk = ?2")?
            .execute([table, pk])?;
        Ok(())
    }

    /// A row new here: inserted, unless deleted here later; a clash on a unique
    /// value keeps the row inserted later (the same on every PC).
    fn insert_new(
        &mut self,
        op: &RowOp,
        info: &TableInfo,
        pk: &str,
        row: &[Value],
    ) -> Result<(), StoreError> {
        let append_only = APPEND_ONLY.contains(&op.table.as_str());
        if !append_only {
            if let Some((_, _, deleted_at)) = self.tombstone(&op.table, pk)? {
                if deleted_at.as_str() > self.hlc {
                    return Ok(());
                }
                self.drop_tombstone(&op.table, pk)?;
            }
        }
        match self.insert_row(&op.table, info, row) {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                if !self.resolve_unique(op, info, pk, row, e)? {
                    return Ok(());
                }
            }
            Err(e) => return Err(e.into()),
        }
        if !append_only {
            let versions = Versions::from([("*".to_string(), self.hlc.to_string())]);
            capture::put_versions(self.conn, &op.table, pk, &versions)?;
        }
        Ok(())
    }

    /// Another row here holds a value that must be unique. Returns whether the
    /// incoming row was inserted.
    ///
    /// Where the value is a name or a link ([`KEEP_BOTH`]), both rows stay: the
    /// row inserted later (by its insert clock, the PC's id breaking ties) takes a
    /// changed value and the clash is listed, so rows that already point at either
    /// one stay valid. Elsewhere the row inserted later stays and the other is listed.
    fn resolve_unique(
        &mut self,
        op: &RowOp,
        info: &TableInfo,
        pk: &str,
        row: &[Value],
        clash: rusqlite::Error,
    ) -> Result<bool, StoreError> {
        // A primary key already taken (a row deleted and brought back) is not a clash to settle.
        let Some((other_pk, index_columns)) = self.clashing_row(op, info, row)? else {
            return Err(clash.into());
        };
        let keep_both = KEEP_BOTH.iter().find_map(|&(t, column, settle)| {
            let c = info.columns.iter().position(|n| n == column)?;
            (t == op.table && index_columns.iter().any(|i| i == column)).then_some((c, settle))
        });
        if let Some((c, settle)) = keep_both {
            return self.keep_both(op, info, pk, row, &other_pk, c, settle);
        }
        let other_pk_text = values_text(&other_pk);
        let other_versions = capture::versions(self.conn, &op.table, &other_pk_text)?;
        let other_hlc = newest(&other_versions).to_string();
        let other_row = read_row(
            self.conn,
            &op.table,
            &info.columns,
            &op.pk_columns,
            &other_pk,
        )?
        .unwrap_or_default();
        let incoming = Value::Text(values_text(row));
        let existing = Value::Text(values_text(&other_row));
        if self.hlc > other_hlc.as_str() {
            self.conflict(
                "unique",
                op,
                &other_pk_text,
                "*",
                &existing,
                &other_hlc,
                &incoming,
                self.hlc,
            )?;
            self.delete_row(op, info, &other_pk)?;
            self.conn
                .prepare_cached("DELETE FROM sync_versions WHERE tbl = ?1 AND pk = ?2")?
                .execute([&op.table, &other_pk_text])?;
            self.insert_row(&op.table, info, row)?;
            Ok(true)
        } else {
            self.conflict(
                "unique", op, pk, "*", &incoming, self.hlc, &existing, &other_hlc,
            )?;
            Ok(false)
        }
    }

    /// Both rows stay; the one inserted later gets a free value in `column`.
    #[allow(clippy::too_many_arguments)]
    fn keep_both(
        &mut self,
        op: &RowOp,
        info: &TableInfo,
        pk: &str,
        row: &[Value],
        other_pk: &[Value],
        c: usize,
        settle: Settle,
    ) -> Result<bool, StoreError> {
        let column = info.columns[c].as_str();
        let other_pk_text = values_text(other_pk);
        let other_versions = capture::versions(self.conn, &op.table, &other_pk_text)?;
        // The insert clock, not the newest edit: every PC compares the same two clocks.
        let other_inserted = other_versions.get("*").cloned().unwrap_or_default();
        if self.hlc > other_inserted.as_str() {
            let mut row = row.to_vec();
            let original = row[c].clone();
            row[c] = self.free_value(&op.table, column, &original, pk, settle)?;
            self.insert_row(&op.table, info, &row)?;
            self.conflict(
                "unique", op, pk, column, &original, self.hlc, &row[c], self.hlc,
            )?;
        } else {
            let other_row = read_row(
                self.conn,
                &op.table,
                &info.columns,
                &op.pk_columns,
                other_pk,
            )?
            .unwrap_or_default();
            let original = other_row.get(c).cloned().unwrap_or(Value::Null);
            let changed = self.free_value(&op.table, column, &original, &other_pk_text, settle)?;
            let sql = format!(
                "UPDATE {} SET {} = ?1 WHERE {}",
                quote(&op.table),
                quote(column),
                pk_filter(info, &op.pk_columns, 2)
            );
            let mut values = vec![changed.clone()];
            values.extend(other_pk.iter().cloned());
            self.conn
                .prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(values.iter()))?;
            self.insert_row(&op.table, info, row)?;
            self.conflict(
                "unique",
                op,
                &other_pk_text,
                column,
                &original,
                &other_inserted,
                &changed,
                &other_inserted,
            )?;
        }
        Ok(true)
    }

    /// The value a row that lost a unique clash takes: no link, or its name with
    /// the end of its own id appended (the same on every PC, and free here).
    fn free_value(
        &self,
        table: &str,
        column: &str,
        original: &Value,
        pk: &str,
        settle: Settle,
    ) -> Result<Value, StoreError> {
        if settle == Settle::Unlink {
            return Ok(Value::Null);
        }
        let base = match original {
            Value::Text(t) => t.clone(),
            other => to_json(other).to_string(),
        };
        let tail: String = pk
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let sql = format!(
            "SELECT 1 FROM {} WHERE {} = ?1",
            quote(table),
            quote(column)
        );
        for take in [6, 12] {
            let start = tail.len().saturating_sub(take);
            let candidate = format!("{base}-{}", &tail[start..]);
            if !self.conn.prepare_cached(&sql)?.exists([&candidate])? {
                return Ok(Value::Text(candidate));
            }
        }
        // The whole id is unique, so this one is free.
        Ok(Value::Text(format!("{base}-{tail}")))
    }

    fn clashing_row(
        &self,
        op: &RowOp,
        info: &TableInfo,
        row: &[Value],
    ) -> Result<Option<Clash>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" = 1 AND origin <> 'pk'",
        )?;
        let indexes: Vec<String> = stmt
            .query_map([&op.table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for index in indexes {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
            let columns: Vec<String> = stmt
                .query_map([&index], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut values = Vec::new();
            for name in &columns {
                match info
                    .columns
                    .iter()
                    .position(|c| c == name)
                    .and_then(|i| row.get(i))
                {
                    Some(Value::Null) | None => break,
                    Some(v) => values.push(v.clone()),
                }
            }
            if values.len() != columns.len() {
                continue;
            }
            let pk_names: Vec<String> = op
                .pk_columns
                .iter()
                .map(|&c| quote(&info.columns[c]))
                .collect();
            let filter: Vec<String> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{} = ?{}", quote(c), i + 1))
                .collect();
            let sql = format!(
                "SELECT {} FROM {} WHERE {}",
                pk_names.join(", "),
                quote(&op.table),
                filter.join(" AND ")
            );
            let n = pk_names.len();
            let found = self
                .conn
                .query_row(&sql, rusqlite::params_from_iter(values.iter()), |r| {
                    (0..n)
                        .map(|i| r.get::<_, Value>(i))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .optional()?;
            if let Some(found) = found {
                return Ok(Some((found, columns)));
            }
        }
        Ok(None)
    }

    /// An edit of a row deleted here: the row comes back with the edit, flagged.
    fn resurrect(
        &mut self,
        op: &RowOp,
        info: &TableInfo,
        pk: &str,
        changed: &[(usize, Value, Value)],
    ) -> Result<(), StoreError> {
        let Some((row, versions, deleted_at)) = self.tombstone(&op.table, pk)? else {
            // Never known here (a unique clash removed it): nothing to edit.
            return Ok(());
        };
        if row.len() < op.columns {
            return Ok(());
        }
        self.insert_row(&op.table, info, &row)?;
        self.drop_tombstone(&op.table, pk)?;
        capture::put_versions(self.conn, &op.table, pk, &versions)?;
        let deleted = Value::Text("deleted".into());
        let kept = Value::Text("kept".into());
        self.conflict(
            "delete",
            op,
            pk,
            "*",
            &deleted,
            &deleted_at,
            &kept,
            self.hlc,
        )?;
        let changed: Vec<_> = changed
            .iter()
            .map(|(c, old, new)| (*c, Some(old.clone()), new.clone()))
            .collect();
        self.merge_fields(op, info, pk, &row, &changed)
    }

    /// A delete: done when the row is as the deleting PC saw it, else the row is kept and flagged.
    fn delete(
        &mut self,
        op: &RowOp,
        info: &TableInfo,
        pk: &str,
        old: &[Value],
        local: &[Value],
    ) -> Result<(), StoreError> {
        let versions = capture::versions(self.conn, &op.table, pk)?;
        if local[..op.columns] != old[..op.columns] {
            let deleted = Value::Text("deleted".into());
            let kept = Value::Text("kept".into());
            let edited_at = newest(&versions).to_string();
            return self.conflict("delete", op, pk, "*", &deleted, self.hlc, &kept, &edited_at);
        }
        self.delete_row(op, info, &op.pk)?;
        capture::put_tombstone(self.conn, &op.table, pk, local, &versions, self.hlc)
    }

    #[allow(clippy::too_many_arguments)]
    fn conflict(
        &mut self,
        kind: &str,
        op: &RowOp,
        pk: &str,
        column: &str,
        lost: &Value,
        lost_hlc: &str,
        won: &Value,
        won_hlc: &str,
    ) -> Result<(), StoreError> {
        let id = conflict_id(&op.table, pk, column, lost_hlc);
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO sync_conflicts
                 (id, kind, tbl, pk, col, lost_value, lost_hlc, won_value, won_hlc, detected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                id,
                kind,
                op.table,
                pk,
                column,
                to_json(lost).to_string(),
                lost_hlc,
                to_json(won).to_string(),
                won_hlc,
                self.now
            ])?;
        self.out.conflicts += inserted as u64;
        Ok(())
    }
}

/// The id of a losing value: the same on every PC that finds it.
pub(crate) fn conflict_id(table: &str, pk: &str, column: &str, lost_hlc: &str) -> String {
    let digest = Sha256::digest(format!("{table}|{pk}|{column}|{lost_hlc}").as_bytes());
    hex::encode(&digest[..16])
}
