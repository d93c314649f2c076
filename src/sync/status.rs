//! The sync screen's summary: this PC's folder and last run, changes waiting to go
//! out, conflicts to review, and how far every other PC is applied here.

use std::path::PathBuf;

use serde::Serialize;

use super::devices::FORGOTTEN_PREFIX;
use super::{capture, state, FOLDER_KEY, LAST_RUN_KEY};
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::Result;

/// The sync state of one PC as this PC knows it.
#[derive(Clone, Debug, Serialize)]
pub struct DeviceStatus {
    /// The PC's device id.
    pub device_id: String,
    /// Whether it is this PC.
    pub this_pc: bool,
    /// How many of its changes are applied here (this PC: how many it has made).
    pub applied: i64,
    /// When it last synced, as it said in the folder (UTC, RFC 3339).
    pub last_sync_at: Option<String>,
    /// Whether the director forgot it (replaced): the folder no longer waits for it.
    pub forgotten: bool,
}

/// What the sync screen shows.
#[derive(Clone, Debug, Serialize)]
pub struct SyncStatus {
    /// The sync folder of this PC, if set.
    pub folder: Option<PathBuf>,
    /// This PC's device id.
    pub device_id: String,
    /// When this PC last ran sync (UTC, RFC 3339).
    pub last_run_at: Option<String>,
    /// Changes made here not yet written to the folder.
    pub pending_outgoing: u64,
    /// Losing values the director has not reviewed yet.
    pub conflicts_to_review: u64,
    /// Every PC known here.
    pub devices: Vec<DeviceStatus>,
}

/// Last sync per PC, changes waiting to go out, conflicts to review.
pub fn status(store: &Store, actor: &Session) -> Result<SyncStatus> {
    let device_id = store.device_id().to_string();
    store.read(actor, |conn| {
        let pending: i64 = conn
            .query_row(
                "SELECT count(*) FROM sync_outbox WHERE exported = 0",
                [],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        let conflicts: i64 = conn
            .query_row(
                "SELECT count(*) FROM sync_conflicts c
                 WHERE NOT EXISTS (SELECT 1 FROM sync_conflict_reviews r WHERE r.id = c.id)",
                [],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        let last_run_at = state(conn, LAST_RUN_KEY)?;
        let mut devices = vec![DeviceStatus {
            device_id: device_id.clone(),
            this_pc: true,
            applied: capture::last_seq(conn)?,
            last_sync_at: last_run_at.clone(),
            forgotten: false,
        }];
        let mut stmt = conn
            .prepare(
                "SELECT device_id, seq, last_sync_at,
                        EXISTS (SELECT 1 FROM sync_state WHERE key = ?1 || device_id)
                 FROM sync_applied ORDER BY device_id",
            )
            .map_err(StoreError::from)?;
        let others = stmt
            .query_map([FORGOTTEN_PREFIX], |r| {
                Ok(DeviceStatus {
                    device_id: r.get(0)?,
                    this_pc: false,
                    applied: r.get(1)?,
                    last_sync_at: r.get(2)?,
                    forgotten: r.get(3)?,
                })
            })
            .map_err(StoreError::from)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)?;
        devices.extend(others);
        Ok(SyncStatus {
            folder: state(conn, FOLDER_KEY)?.map(PathBuf::from),
            device_id: device_id.clone(),
            last_run_at,
            pending_outgoing: pending as u64,
            conflicts_to_review: conflicts as u64,
            devices,
        })
    })
}
