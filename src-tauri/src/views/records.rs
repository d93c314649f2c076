//! The client timeline and the quick entry of consultations and support records.

use serde::{Deserialize, Serialize};

use super::DateView;

/// One line of a client's timeline.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntryView {
    /// The day.
    pub on: DateView,
    /// `consultation`, `support_record`, `employment_started`, `follow_up_done`, …
    pub kind: String,
    /// The record behind it.
    pub entity_id: String,
    /// Heading (相談（来所・就労）, 職場訪問, …).
    pub title: String,
    /// The record's text.
    pub text: String,
    /// Minutes spent.
    pub minutes: Option<u32>,
    /// Staff, by name.
    pub staff: Vec<String>,
}

/// A page of the timeline, newest first.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TimelineView {
    /// Entries in the whole timeline.
    pub total: u32,
    /// The newest `limit` of them.
    pub entries: Vec<TimelineEntryView>,
}

/// A quick entry: a support record or a consultation, in a few fields.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuickEntryInput {
    /// The client.
    pub client_id: String,
    /// `support` or `consultation`.
    pub entry: String,
    /// The day (ISO).
    pub on: String,
    /// Support kind code (support), or channel code (consultation).
    pub kind: String,
    /// Accompany purpose (support, kind `accompany`) or topic code (consultation).
    pub detail: Option<String>,
    /// Staff who did it.
    pub staff_id: String,
    /// Minutes spent.
    pub minutes: Option<u32>,
    /// The text.
    pub body: String,
}

impl From<&hotto::records::TimelineEntry> for TimelineEntryView {
    fn from(e: &hotto::records::TimelineEntry) -> Self {
        let kind = serde_json_kind(e.kind);
        TimelineEntryView {
            on: e.on.into(),
            kind,
            entity_id: e.entity_id.clone(),
            title: e.title.clone(),
            text: e.text.clone(),
            minutes: e.minutes.and_then(|m| u32::try_from(m).ok()),
            staff: e.staff.clone(),
        }
    }
}

/// The kind's snake_case name, as the core serialises it.
fn serde_json_kind(kind: hotto::records::TimelineKind) -> String {
    use hotto::records::TimelineKind::*;
    match kind {
        Consultation => "consultation",
        SupportRecord => "support_record",
        Registered => "registered",
        EmploymentStarted => "employment_started",
        FollowUpDue => "follow_up_due",
        FollowUpDone => "follow_up_done",
        EmploymentEnded => "employment_ended",
        RegistrationClosed => "registration_closed",
        Handover => "handover",
    }
    .to_string()
}
