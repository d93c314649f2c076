//! Meetings and events (会議・行事) with their attendance, as the webview sees them.

use hotto::meetings::{Meeting, MeetingSummary};
use serde::{Deserialize, Serialize};

use super::DateView;

/// A meeting's details as typed in the form.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeetingForm {
    /// Kind value (`liaison`, `meetup`, …).
    pub kind: String,
    /// 開催日 as typed (和暦 or 西暦).
    pub held_on: String,
    /// 名称.
    pub title: String,
    /// 場所.
    pub place: String,
    /// 内容（プログラム）.
    pub programme: String,
    /// 備考.
    pub notes: String,
}

/// A line of the meetings list.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeetingRowView {
    /// Id.
    pub id: String,
    /// Kind value.
    pub kind: String,
    /// Kind label.
    pub kind_label: String,
    /// 開催日.
    pub held_on: DateView,
    /// 名称.
    pub title: String,
    /// 場所.
    pub place: String,
    /// Organizations that attended.
    pub organization_count: u32,
    /// People they sent.
    pub organization_attendees: u32,
    /// Clients that attended.
    pub client_count: u32,
    /// Staff that attended.
    pub staff_count: u32,
}

impl From<MeetingSummary> for MeetingRowView {
    fn from(m: MeetingSummary) -> Self {
        MeetingRowView {
            id: m.id.0,
            kind: m.kind.as_db().to_string(),
            kind_label: m.kind.label_ja().to_string(),
            held_on: m.held_on.into(),
            title: m.title,
            place: m.place,
            organization_count: m.organization_count,
            organization_attendees: m.organization_attendees,
            client_count: m.client_count,
            staff_count: m.staff_count,
        }
    }
}

/// An organization at a meeting.
#[derive(Clone, Debug, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationAttendanceView {
    /// The partner's id.
    pub partner_id: String,
    /// Its name (ignored when sent back).
    #[serde(default)]
    pub name: String,
    /// People it sent.
    pub attendees: u32,
}

/// A person at a meeting.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PersonView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A meeting with its programme and attendance.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeetingView {
    /// The list line.
    pub row: MeetingRowView,
    /// 内容（プログラム）.
    pub programme: String,
    /// 備考.
    pub notes: String,
    /// Organizations, by name.
    pub organizations: Vec<OrganizationAttendanceView>,
    /// Clients.
    pub clients: Vec<PersonView>,
    /// Staff.
    pub staff: Vec<PersonView>,
}

impl From<Meeting> for MeetingView {
    fn from(m: Meeting) -> Self {
        MeetingView {
            row: m.summary.into(),
            programme: m.programme,
            notes: m.notes,
            organizations: m
                .organizations
                .into_iter()
                .map(|o| OrganizationAttendanceView {
                    partner_id: o.partner_id.0,
                    name: o.name,
                    attendees: o.attendees,
                })
                .collect(),
            clients: m
                .clients
                .into_iter()
                .map(|c| PersonView {
                    id: c.id.0,
                    name: c.name,
                })
                .collect(),
            staff: m
                .staff
                .into_iter()
                .map(|s| PersonView {
                    id: s.id.0,
                    name: s.name,
                })
                .collect(),
        }
    }
}

/// Who attended, as sent by the attendance form (replaces the whole attendance).
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceForm {
    /// Organizations with their head counts.
    pub organizations: Vec<OrganizationAttendanceView>,
    /// Client ids.
    pub clients: Vec<String>,
    /// Staff ids.
    pub staff: Vec<String>,
}

/// What the handout button produced.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HandoutView {
    /// Pages of the PDF.
    pub pages: u32,
    /// Its size in bytes.
    pub bytes: u32,
    /// Where it was saved ("save as"), or null when opened in the viewer or cancelled.
    pub saved_to: Option<String>,
    /// Whether it was opened in the system viewer.
    pub opened: bool,
    /// Why the viewer could not open it (then the person saves it instead).
    pub viewer_problem: Option<String>,
}

/// A staff training (研修) and where it is reported.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrainingView {
    /// Id.
    pub id: String,
    /// Who attended.
    pub staff_name: String,
    /// 研修名.
    pub title: String,
    /// 受講日.
    pub held_on: DateView,
    /// Online.
    pub online: bool,
    /// The staff meeting it is reported at.
    pub report_meeting_on: Option<DateView>,
}

impl From<hotto::meetings::trainings::Training> for TrainingView {
    fn from(t: hotto::meetings::trainings::Training) -> Self {
        TrainingView {
            id: t.id.0,
            staff_name: t.staff_name,
            title: t.title,
            held_on: t.held_on.into(),
            online: t.online,
            report_meeting_on: t.report_meeting_on.map(DateView::from),
        }
    }
}

/// What the attendance form chooses from: organizations (liaison members first) and staff.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceChoicesView {
    /// Active partner organizations, liaison members first, then by name.
    pub organizations: Vec<OrganizationChoiceView>,
    /// Staff members.
    pub staff: Vec<PersonView>,
}

/// An organization to choose in the attendance form.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationChoiceView {
    /// The partner's id.
    pub partner_id: String,
    /// Its name.
    pub name: String,
    /// A member of the liaison meeting.
    pub liaison_member: bool,
}
