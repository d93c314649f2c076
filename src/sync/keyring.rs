//! The key slots as synced rows: one row per user slot and one for the recovery
//! slot, so that accounts and password changes made on one PC reach the others.
//! Each PC rebuilds its `keys.json` from these rows but keeps its own
//! database-key envelope (a `rekey` changes one PC's file only).

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use crate::store::slots::{Slot, SlotFile};
use crate::store::StoreError;

fn owner_key(slot: &Slot) -> String {
    slot.user_id()
        .map(|id| format!("user:{id}"))
        .unwrap_or_else(|| "recovery".to_string())
}

fn by_owner(file: &SlotFile) -> BTreeMap<String, &Slot> {
    file.slots.iter().map(|s| (owner_key(s), s)).collect()
}

/// Writes the rows of the slots that differ between `before` and `after` (inside a
/// write), once this PC syncs: before that the rows stay empty, and [`mirror`] fills
/// them whole when sync is switched on.
pub(crate) fn put_changes(
    conn: &Connection,
    before: &SlotFile,
    after: &SlotFile,
    now: &str,
    actor_id: &str,
) -> Result<(), StoreError> {
    if !super::capture::is_enabled(conn)? {
        return Ok(());
    }
    write_rows(conn, before, after, now, actor_id)
}

fn write_rows(
    conn: &Connection,
    before: &SlotFile,
    after: &SlotFile,
    now: &str,
    actor_id: &str,
) -> Result<(), StoreError> {
    let old = by_owner(before);
    let new = by_owner(after);
    for (key, slot) in &new {
        if old.get(key).is_none_or(|o| o.id != slot.id) {
            let json = serde_json::to_string(slot).map_err(|_| StoreError::Crypto("slot"))?;
            conn.execute(
                "INSERT INTO sync_keyring (id, slot, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET slot = ?2, updated_at = ?3, updated_by = ?4",
                params![key, json, now, actor_id],
            )?;
        }
    }
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        conn.execute("DELETE FROM sync_keyring WHERE id = ?1", [key])?;
    }
    Ok(())
}

/// Makes the synced rows describe exactly `slots` (when sync is switched on, so
/// that a slot file rebuilt from them never misses a slot).
pub(crate) fn mirror(
    conn: &Connection,
    slots: &SlotFile,
    now: &str,
    actor_id: &str,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare("SELECT slot FROM sync_keyring")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut current = slots.clone();
    current.slots = rows
        .iter()
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect();
    write_rows(conn, &current, slots, now, actor_id)
}

/// The slot file these rows describe, with this PC's database-key envelope; `None`
/// when there are no rows or they already match `current`.
pub(crate) fn rebuild(
    conn: &Connection,
    current: &SlotFile,
) -> Result<Option<SlotFile>, StoreError> {
    // Before sync is switched on the rows are not complete: never rebuild from them.
    if !super::capture::is_enabled(conn)? {
        return Ok(None);
    }
    let mut stmt = conn.prepare("SELECT slot FROM sync_keyring ORDER BY id")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.is_empty() {
        return Ok(None);
    }
    let slots: Vec<Slot> = rows
        .iter()
        .map(|json| serde_json::from_str(json))
        .collect::<Result<_, _>>()
        .map_err(|_| StoreError::SlotFile("a synced key slot does not read".into()))?;
    let mut wanted: Vec<&str> = slots.iter().map(|s| s.id.as_str()).collect();
    let mut have: Vec<&str> = current.slots.iter().map(|s| s.id.as_str()).collect();
    wanted.sort_unstable();
    have.sort_unstable();
    if wanted == have {
        return Ok(None);
    }
    let mut next = current.clone();
    next.slots = slots;
    Ok(Some(next))
}
