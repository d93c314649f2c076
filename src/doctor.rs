//! `doctor`: is this center's data sound? Integrity check, schema version, key
//! slots against accounts, and every device's audit chain.

use serde::Serialize;

use crate::session::Session;
use crate::store::{audit, ChainReport, Store, StoreError, SCHEMA_VERSION};
use crate::Result;

/// What `doctor` found.
#[derive(Clone, Debug, Serialize)]
pub struct DoctorReport {
    /// `PRAGMA integrity_check` lines (`["ok"]` when sound).
    pub integrity: Vec<String>,
    /// Schema version in the file.
    pub schema_version: u32,
    /// Schema version this program writes.
    pub schema_latest: u32,
    /// Problems with the key-slot file, in English.
    pub slot_problems: Vec<String>,
    /// One report per device chain.
    pub audit: Vec<ChainReport>,
}

impl DoctorReport {
    /// Whether everything is sound.
    pub fn is_healthy(&self) -> bool {
        self.integrity == ["ok"]
            && self.schema_version == self.schema_latest
            && self.slot_problems.is_empty()
            && self.audit.iter().all(|c| c.first_break.is_none())
    }
}

/// Runs every check (director only).
pub fn run(store: &Store, actor: &Session) -> Result<DoctorReport> {
    actor.require_director("run doctor")?;
    let integrity = store.integrity_check()?;
    let schema_version = store.schema_version()?;
    let slot_problems = slot_problems(store, actor)?;
    let audit = store.read(actor, |conn| Ok(audit::verify(conn)?))?;
    Ok(DoctorReport {
        integrity,
        schema_version,
        schema_latest: SCHEMA_VERSION,
        slot_problems,
        audit,
    })
}

fn slot_problems(store: &Store, actor: &Session) -> Result<Vec<String>> {
    let slots = store.slots();
    let mut problems = Vec::new();
    if slots.recovery_slot().is_none() {
        problems.push("no recovery slot: print a new recovery sheet".to_string());
    }
    if slots.previous_database_key.is_some() {
        problems.push("an interrupted rekey is pending".to_string());
    }
    let active: Vec<String> = store.read(actor, |conn| {
        let mut stmt = conn
            .prepare("SELECT id FROM users WHERE active = 1")
            .map_err(StoreError::from)?;
        let ids = stmt.query_map([], |r| r.get(0)).map_err(StoreError::from)?;
        Ok(ids
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?)
    })?;
    for id in &active {
        if !slots.slots.iter().any(|s| s.user_id() == Some(id)) {
            problems.push(format!("active user {id} has no key slot"));
        }
    }
    for slot in &slots.slots {
        if let Some(id) = slot.user_id() {
            if !active.iter().any(|a| a == id) {
                problems.push(format!("key slot {} belongs to no active user", slot.id));
            }
        }
    }
    if let Err(e) = slots.database_key.open(&slots.center_id, store.master()) {
        problems.push(e.to_string());
    }
    Ok(problems)
}
