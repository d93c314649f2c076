//! The audit log as the director reads it: rows with the time in local 和暦, filters, pages
//! and the chain verification's verdict.

use chrono::{DateTime, Local};
use hotto::calendar::format_wareki_short;
use hotto::store::audit::AuditEntry;
use serde::{Deserialize, Serialize};

/// One row of the log.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    /// Row id.
    pub id: String,
    /// When, on this PC's clock: `R7.11.25 14:03`.
    pub at: String,
    /// Who (display name; `—` for system actions).
    pub actor: String,
    /// What was done (`user.add`).
    pub action: String,
    /// What was done, in Japanese (利用アカウントの追加).
    pub action_label: String,
    /// Kind of record.
    pub kind: String,
    /// Kind of record, in Japanese.
    pub kind_label: String,
    /// The record's id, if any.
    pub entity_id: Option<String>,
    /// Summary (never personal data).
    pub summary: String,
}

impl From<&AuditEntry> for AuditEntryView {
    fn from(e: &AuditEntry) -> Self {
        let at = DateTime::parse_from_rfc3339(&e.at)
            .map(|t| {
                let local = t.with_timezone(&Local);
                format!(
                    "{} {}",
                    format_wareki_short(local.date_naive()),
                    local.format("%H:%M:%S")
                )
            })
            .unwrap_or_else(|_| e.at.clone());
        AuditEntryView {
            id: e.id.clone(),
            at,
            actor: e.actor_name.clone().unwrap_or_else(|| "—".to_string()),
            action: e.action.clone(),
            action_label: hotto::audit_log::action_label_ja(&e.action),
            kind: e.entity_kind.clone(),
            kind_label: hotto::audit_log::kind_label_ja(&e.entity_kind),
            entity_id: e.entity_id.clone(),
            summary: e.summary.clone(),
        }
    }
}

/// The filters of the audit screen (empty text: no filter).
#[derive(Clone, Debug, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    /// From this day (ISO), inclusive.
    pub from: Option<String>,
    /// To this day (ISO), inclusive.
    pub to: Option<String>,
    /// Only this user's id.
    pub user_id: Option<String>,
    /// Only actions starting with this.
    pub action: Option<String>,
    /// Only this kind of record.
    pub kind: Option<String>,
    /// The page, from 0.
    pub page: u32,
}

/// A page of the log.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditPageView {
    /// The rows, newest first.
    pub entries: Vec<AuditEntryView>,
    /// The page shown, from 0.
    pub page: u32,
    /// Rows per page.
    pub page_size: u32,
    /// Whether older rows follow.
    pub has_more: bool,
}

/// A user to filter by.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditUserOption {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A value to filter by with its Japanese name.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditOption {
    /// The stored code.
    pub value: String,
    /// Its Japanese name.
    pub label: String,
}

/// What the filters offer.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditChoices {
    /// Users, active or removed.
    pub users: Vec<AuditUserOption>,
    /// Actions in the log.
    pub actions: Vec<AuditOption>,
    /// Record kinds in the log.
    pub kinds: Vec<AuditOption>,
}

/// The verdict of the chain verification.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerificationView {
    /// Whether every chain verifies.
    pub intact: bool,
    /// The sentence for the director.
    pub message: String,
    /// Devices checked.
    pub devices: u32,
}
