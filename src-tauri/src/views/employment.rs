//! A client's jobs with their follow-up schedules and hand-overs, and the forms
//! that add a job, end one (separation) and record a hand-over.

use serde::{Deserialize, Serialize};

use super::DateView;

/// A follow-up under its job.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpView {
    /// Id.
    pub id: String,
    /// 定着フォロー / 離職後の支援.
    pub kind_label: String,
    /// Due date.
    pub due_on: DateView,
    /// Method label.
    pub method_label: String,
    /// Assigned staff.
    pub staff_name: Option<String>,
    /// `open`, `done`, `cancelled`.
    pub status: String,
    /// 未実施 / 実施済み / 中止.
    pub status_label: String,
    /// When done.
    pub done_on: Option<DateView>,
    /// Outcome.
    pub outcome: String,
    /// Risk label.
    pub risk_label: Option<String>,
}

/// A hand-over under its job.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HandoverView {
    /// Id.
    pub id: String,
    /// Provider.
    pub provider_name: String,
    /// Requested on.
    pub requested_on: DateView,
    /// The provider's support ends.
    pub ends_on: DateView,
    /// `expected`, `arrived`, `checked`.
    pub status: String,
    /// Status label.
    pub status_label: String,
    /// When the client's situation was checked.
    pub checked_on: Option<DateView>,
    /// Notes.
    pub notes: String,
}

/// A job with its follow-ups and hand-overs.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmploymentView {
    /// Id.
    pub id: String,
    /// Employer.
    pub employer_name: String,
    /// First day.
    pub started_on: DateView,
    /// Job title.
    pub job_title: String,
    /// Contract form label.
    pub contract_label: String,
    /// Weekly hours (e.g. 20.5).
    pub weekly_hours: f64,
    /// How it was found (label).
    pub route_label: String,
    /// 障害者雇用枠.
    pub disability_employment: bool,
    /// Last day, once ended.
    pub ended_on: Option<DateView>,
    /// Why it ended.
    pub end_reason_label: Option<String>,
    /// Whether it goes on today.
    pub ongoing: bool,
    /// Follow-ups by due date.
    pub follow_ups: Vec<FollowUpView>,
    /// Hand-overs.
    pub handovers: Vec<HandoverView>,
}

/// A new job.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewEmploymentInput {
    /// The client.
    pub client_id: String,
    /// The employer.
    pub employer_id: String,
    /// First day (ISO).
    pub started_on: String,
    /// Job title.
    pub job_title: String,
    /// Contract code.
    pub contract_type: String,
    /// Weekly working time in minutes.
    pub weekly_minutes: u32,
    /// Route code.
    pub route: String,
    /// 障害者雇用枠.
    pub disability_employment: bool,
}

/// The end of a job.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmploymentEndInput {
    /// Last day (ISO).
    pub ended_on: String,
    /// Reason code.
    pub reason: String,
    /// Note.
    pub note: String,
}

/// A hand-over request for a job.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewHandoverInput {
    /// The 就労定着支援事業所 (a partner).
    pub provider_id: String,
    /// Requested on (ISO).
    pub requested_on: String,
    /// Notes.
    pub notes: String,
}

/// The check of a handed-over client's situation.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HandoverCheckInput {
    /// Checked on (ISO or as typed).
    pub checked_on: String,
    /// What was found; added to the hand-over's notes.
    pub notes: String,
}

/// What is recorded when a follow-up is done.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpDoneInput {
    /// Day done (ISO).
    pub done_on: String,
    /// Method code.
    pub method: String,
    /// Outcome.
    pub outcome: String,
    /// Issues found.
    pub issues: String,
    /// Risk code.
    pub risk: String,
}

impl From<&hotto::retention::FollowUp> for FollowUpView {
    fn from(f: &hotto::retention::FollowUp) -> Self {
        FollowUpView {
            id: f.id.to_string(),
            kind_label: f.kind.label_ja().to_string(),
            due_on: f.due_on.into(),
            method_label: f.method.label_ja().to_string(),
            staff_name: f.staff_name.clone(),
            status: f.status.as_db().to_string(),
            status_label: f.status.label_ja().to_string(),
            done_on: f.done_on.map(DateView::from),
            outcome: f.outcome.clone(),
            risk_label: f.risk.map(|r| r.label_ja().to_string()),
        }
    }
}

impl From<&hotto::employment::Handover> for HandoverView {
    fn from(h: &hotto::employment::Handover) -> Self {
        HandoverView {
            id: h.id.to_string(),
            provider_name: h.provider_name.clone(),
            requested_on: h.requested_on.into(),
            ends_on: h.ends_on.into(),
            status: h.status.as_db().to_string(),
            status_label: h.status.label_ja().to_string(),
            checked_on: h.checked_on.map(DateView::from),
            notes: h.notes.clone(),
        }
    }
}

impl EmploymentView {
    /// The view of a job with its follow-ups, judged ongoing on `today`.
    pub fn of(r: &hotto::employment::EmploymentRecord, today: chrono::NaiveDate) -> Self {
        let e = &r.employment;
        EmploymentView {
            id: e.id.to_string(),
            employer_name: e.employer_name.clone(),
            started_on: e.started_on.into(),
            job_title: e.job_title.clone(),
            contract_label: e.contract_type.label_ja().to_string(),
            weekly_hours: f64::from(e.weekly_minutes) / 60.0,
            route_label: e.route.label_ja().to_string(),
            disability_employment: e.disability_employment,
            ended_on: e.ended_on.map(DateView::from),
            end_reason_label: e.end_reason.map(|r| r.label_ja().to_string()),
            ongoing: e.is_ongoing_on(today),
            follow_ups: r.follow_ups.iter().map(FollowUpView::from).collect(),
            handovers: r.handovers.iter().map(HandoverView::from).collect(),
        }
    }
}
