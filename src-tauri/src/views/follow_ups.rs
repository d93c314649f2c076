//! Worklists of today (follow-ups overdue and due within a week, check-ins, hand-overs
//! ending) as the home and follow-up screens show them.

use serde::Serialize;

use super::DateView;

/// An open follow-up on a worklist.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpItemView {
    /// The follow-up.
    pub id: String,
    /// The client.
    pub client_id: String,
    /// Client's name.
    pub client_name: String,
    /// Client's kana.
    pub client_kana: String,
    /// Employer.
    pub employer_name: String,
    /// 定着フォロー / 離職後の支援.
    pub kind_label: String,
    /// Due date.
    pub due_on: DateView,
    /// Planned method (code).
    pub method: String,
    /// Planned method (label).
    pub method_label: String,
    /// Assigned staff.
    pub staff_id: Option<String>,
    /// Assigned staff's name.
    pub staff_name: Option<String>,
    /// Days to the due date, negative when overdue.
    pub due_in_days: i32,
}

/// A client due for a check-in.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckInView {
    /// The client.
    pub client_id: String,
    /// Name.
    pub client_name: String,
    /// Kana.
    pub client_kana: String,
    /// Main staff's name.
    pub main_staff_name: Option<String>,
    /// Phase label on the day.
    pub phase_label: Option<String>,
    /// Last contact.
    pub last_contact_on: DateView,
    /// Days since then.
    pub days_since_contact: i32,
    /// The policy's threshold.
    pub threshold_days: i32,
}

/// A hand-over whose provider's support is ending.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HandoverItemView {
    /// The hand-over.
    pub id: String,
    /// The client.
    pub client_id: String,
    /// Name.
    pub client_name: String,
    /// Employer.
    pub employer_name: String,
    /// The 就労定着支援事業所.
    pub provider_name: String,
    /// The day its support ends.
    pub ends_on: DateView,
    /// 引継ぎ予定 / 引継ぎ受付.
    pub status_label: String,
    /// Days to the end, negative when ended.
    pub ends_in_days: i32,
}

/// Today's four worklists.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WorklistsView {
    /// Today.
    pub today: DateView,
    /// Whether the lists are the signed-in staff member's only.
    pub mine_only: bool,
    /// Whose lists: the staff member's name, or None for everyone.
    pub staff_name: Option<String>,
    /// Open follow-ups due before today.
    pub overdue: Vec<FollowUpItemView>,
    /// Open follow-ups due within 7 days.
    pub due_soon: Vec<FollowUpItemView>,
    /// Clients not heard from for too long.
    pub check_ins: Vec<CheckInView>,
    /// Hand-overs ending within 60 days.
    pub handovers: Vec<HandoverItemView>,
}

fn days(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
}

impl From<&hotto::retention::FollowUpItem> for FollowUpItemView {
    fn from(f: &hotto::retention::FollowUpItem) -> Self {
        FollowUpItemView {
            id: f.id.to_string(),
            client_id: f.client_id.to_string(),
            client_name: f.client_name.clone(),
            client_kana: f.client_kana.clone(),
            employer_name: f.employer_name.clone(),
            kind_label: f.kind.label_ja().to_string(),
            due_on: f.due_on.into(),
            method: f.method.as_db().to_string(),
            method_label: f.method.label_ja().to_string(),
            staff_id: f.staff_id.as_ref().map(ToString::to_string),
            staff_name: f.staff_name.clone(),
            due_in_days: days(f.due_in_days),
        }
    }
}

impl From<&hotto::retention::CheckInItem> for CheckInView {
    fn from(c: &hotto::retention::CheckInItem) -> Self {
        CheckInView {
            client_id: c.client_id.to_string(),
            client_name: c.client_name.clone(),
            client_kana: c.client_kana.clone(),
            main_staff_name: c.main_staff_name.clone(),
            phase_label: c.phase.map(|p| p.label_ja().to_string()),
            last_contact_on: c.last_contact_on.into(),
            days_since_contact: days(c.days_since_contact),
            threshold_days: days(c.threshold_days),
        }
    }
}

impl From<&hotto::retention::HandoverItem> for HandoverItemView {
    fn from(h: &hotto::retention::HandoverItem) -> Self {
        HandoverItemView {
            id: h.id.to_string(),
            client_id: h.client_id.to_string(),
            client_name: h.client_name.clone(),
            employer_name: h.employer_name.clone(),
            provider_name: h.provider_name.clone(),
            ends_on: h.ends_on.into(),
            status_label: h.status.label_ja().to_string(),
            ends_in_days: days(h.ends_in_days),
        }
    }
}
