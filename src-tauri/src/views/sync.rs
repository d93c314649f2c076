//! The sync screen's data: this PC's folder, pending changes, every PC's last
//! sync, the run's report and the conflicts for the director to review.

use hotto::sync::{Conflict, SyncProgress, SyncReport, SyncStage, SyncStatus};
use serde::Serialize;

/// One PC of the center as this PC knows it.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeviceView {
    /// Its device id (shortened for people: the first 8 characters).
    pub device_id: String,
    /// Whether it is this PC.
    pub this_pc: bool,
    /// Its changes applied here (this PC: the changes it made).
    pub applied: f64,
    /// When it last synced (UTC, RFC 3339), if ever.
    pub last_sync_at: Option<String>,
    /// Whether the director forgot it (a replaced PC): the folder no longer waits for it.
    pub forgotten: bool,
}

/// What the sync screen shows at the top.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatusView {
    /// The sync folder of this PC, if set.
    pub folder: Option<String>,
    /// When this PC last ran sync (UTC, RFC 3339).
    pub last_run_at: Option<String>,
    /// Changes made here not yet in the folder.
    pub pending_outgoing: u32,
    /// Conflicts the director has not reviewed.
    pub conflicts_to_review: u32,
    /// Every PC known here.
    pub devices: Vec<DeviceView>,
}

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<SyncStatus> for SyncStatusView {
    fn from(s: SyncStatus) -> Self {
        SyncStatusView {
            folder: s.folder.map(|f| f.to_string_lossy().into_owned()),
            last_run_at: s.last_run_at,
            pending_outgoing: count(s.pending_outgoing),
            conflicts_to_review: count(s.conflicts_to_review),
            devices: s
                .devices
                .into_iter()
                .map(|d| DeviceView {
                    device_id: d.device_id,
                    this_pc: d.this_pc,
                    applied: d.applied as f64,
                    last_sync_at: d.last_sync_at,
                    forgotten: d.forgotten,
                })
                .collect(),
        }
    }
}

/// Where a run has got, for the progress bar.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgressView {
    /// 送信 / 受信 / 整理.
    pub stage: String,
    /// Files handled in this stage.
    pub done: u32,
    /// Files in this stage.
    pub total: u32,
}

impl From<SyncProgress> for SyncProgressView {
    fn from(p: SyncProgress) -> Self {
        let stage = match p.stage {
            SyncStage::Sending => "送信",
            SyncStage::Receiving => "受信",
            SyncStage::Tidying => "整理",
        };
        SyncProgressView {
            stage: stage.to_string(),
            done: count(p.done),
            total: count(p.total),
        }
    }
}

/// What one run did, in Japanese where it needs words.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncReportView {
    /// This PC's changes written to the folder.
    pub sent: u32,
    /// Other PCs' changes applied here.
    pub received: u32,
    /// New conflicts recorded.
    pub new_conflicts: u32,
    /// Refused files: name and reason (nothing applied from them).
    pub refused: Vec<String>,
    /// Parts that failed (full or read-only folder), to retry later.
    pub problems: Vec<String>,
    /// PCs whose next changes are not in the folder yet.
    pub waiting_for: u32,
}

impl From<SyncReport> for SyncReportView {
    fn from(r: SyncReport) -> Self {
        SyncReportView {
            sent: count(r.sent),
            received: count(r.received),
            new_conflicts: count(r.new_conflicts),
            refused: r
                .refused
                .iter()
                .map(|f| format!("{}（{}）", f.file, f.reason_ja))
                .collect(),
            problems: r.problems.iter().map(|p| p.message_ja.clone()).collect(),
            waiting_for: u32::try_from(r.waiting_for.len()).unwrap_or(u32::MAX),
        }
    }
}

/// A value that lost a sync conflict, for the director's review.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    /// The conflict's id.
    pub id: String,
    /// `field` (a value), `delete` (a row kept after a delete) or `unique`.
    pub kind: String,
    /// The table, as stored.
    pub table: String,
    /// The row's key.
    pub row_key: String,
    /// The column.
    pub column: String,
    /// The value that lost.
    pub lost_value: String,
    /// When it was written (UTC).
    pub lost_at: String,
    /// The value kept.
    pub won_value: String,
    /// When that was written (UTC).
    pub won_at: String,
    /// `kept` / `restored` once reviewed.
    pub decision: Option<String>,
}

impl From<Conflict> for ConflictView {
    fn from(c: Conflict) -> Self {
        ConflictView {
            id: c.id,
            kind: c.kind,
            table: c.table,
            row_key: c.row_key,
            column: c.column,
            lost_value: c.lost_value,
            lost_at: c.lost_at,
            won_value: c.won_value,
            won_at: c.won_at,
            decision: c.decision,
        }
    }
}
