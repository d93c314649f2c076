//! 会議・行事: the fiscal year's meetings by kind with their programme and attendance
//! (organizations, clients, staff), the year's trainings, and the liaison meeting's handout
//! (PDF from the core's report, opened in the system viewer or saved where the person chooses).

use hotto::calendar::FiscalYear;
use hotto::ids::{ClientId, MeetingId, PartnerId, StaffId};
use hotto::meetings::{self, Attendance, MeetingInput, MeetingKind, OrganizationAttendance};
use hotto::partners::{self, PartnerFilter};
use hotto::reports::{self, HandoutParams};
use tauri::{AppHandle, State};

use super::office::{choice, parse_day, save_csv, today};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{
    AttendanceChoicesView, AttendanceForm, HandoutView, MeetingForm, MeetingRowView, MeetingView,
    OptionView, OrganizationChoiceView, PersonView, TrainingView,
};

/// The kinds of meeting, in the core's order.
#[tauri::command]
#[specta::specta]
pub fn meeting_kinds() -> Vec<OptionView> {
    MeetingKind::ALL
        .iter()
        .map(|k| OptionView::new(k.as_db(), k.label_ja()))
        .collect()
}

/// The meetings of a fiscal year (`fy`: 2025 for 令和7年度), of one kind or all, by date.
#[tauri::command]
#[specta::specta]
pub async fn list_meetings(
    state: State<'_, AppState>,
    fy: i32,
    kind: Option<String>,
) -> Result<Vec<MeetingRowView>, AppError> {
    let kind = kind.map(|k| choice(&k, MeetingKind::from_db)).transpose()?;
    let fy = FiscalYear(fy);
    let rows =
        state.with_signed(|store, s| meetings::meetings(store, s, kind, fy.start(), fy.end()))?;
    Ok(rows.into_iter().map(MeetingRowView::from).collect())
}

/// One meeting with its programme and attendance.
#[tauri::command]
#[specta::specta]
pub async fn meeting_detail(
    state: State<'_, AppState>,
    id: String,
) -> Result<MeetingView, AppError> {
    let id = MeetingId(id);
    Ok(state
        .with_signed(|store, s| meetings::meeting(store, s, &id))?
        .into())
}

/// Adds a meeting (`id` null) or replaces one's details; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn save_meeting(
    state: State<'_, AppState>,
    id: Option<String>,
    form: MeetingForm,
) -> Result<String, AppError> {
    let input = MeetingInput {
        kind: choice(&form.kind, MeetingKind::from_db)?,
        held_on: parse_day(&form.held_on)?,
        title: form.title,
        place: form.place,
        programme: form.programme,
        notes: form.notes,
    };
    state.with_signed(|store, s| match id {
        Some(id) => {
            let id = MeetingId(id);
            meetings::update_meeting(store, s, &id, &input).map(|()| id.0)
        }
        None => meetings::add_meeting(store, s, &input).map(|id| id.0),
    })
}

/// Removes a meeting and its attendance (the screen asks first).
#[tauri::command]
#[specta::specta]
pub async fn remove_meeting(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    let id = MeetingId(id);
    state.with_signed(|store, s| meetings::remove_meeting(store, s, &id))
}

/// Replaces who attended a meeting.
#[tauri::command]
#[specta::specta]
pub async fn set_meeting_attendance(
    state: State<'_, AppState>,
    id: String,
    form: AttendanceForm,
) -> Result<(), AppError> {
    let attendance = Attendance {
        organizations: form
            .organizations
            .into_iter()
            .map(|o| OrganizationAttendance {
                partner_id: PartnerId(o.partner_id),
                attendees: o.attendees,
            })
            .collect(),
        clients: form.clients.into_iter().map(ClientId).collect(),
        staff: form.staff.into_iter().map(StaffId).collect(),
    };
    let id = MeetingId(id);
    state.with_signed(|store, s| meetings::set_attendance(store, s, &id, &attendance))
}

/// Organizations and staff to choose from in the attendance form.
#[tauri::command]
#[specta::specta]
pub async fn attendance_choices(
    state: State<'_, AppState>,
) -> Result<AttendanceChoicesView, AppError> {
    let (orgs, staff) = state.with_signed(|store, s| {
        let orgs = partners::list_partners(store, s, &PartnerFilter::default())?;
        Ok((orgs, hotto::staff::list_staff(store, s)?))
    })?;
    let mut organizations: Vec<OrganizationChoiceView> = orgs
        .into_iter()
        .map(|p| OrganizationChoiceView {
            partner_id: p.id.0,
            name: p.name,
            liaison_member: p.liaison_member,
        })
        .collect();
    // The members come first: they are who a liaison meeting's form is filled from.
    organizations.sort_by_key(|o| !o.liaison_member);
    Ok(AttendanceChoicesView {
        organizations,
        staff: staff
            .into_iter()
            .map(|m| PersonView {
                id: m.id.0,
                name: m.name,
            })
            .collect(),
    })
}

/// Clients whose name or kana contains `text`, to add to a meeting's attendance (at most 20).
#[tauri::command]
#[specta::specta]
pub async fn attendee_client_search(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<PersonView>, AppError> {
    let rows = state.with_signed(|store, s| hotto::clients::search_clients(store, s, &text, 20))?;
    Ok(rows
        .into_iter()
        .map(|c| PersonView {
            id: c.id.0,
            name: c.name,
        })
        .collect())
}

/// The staff trainings of a fiscal year.
#[tauri::command]
#[specta::specta]
pub async fn list_trainings(
    state: State<'_, AppState>,
    fy: i32,
) -> Result<Vec<TrainingView>, AppError> {
    let fy = FiscalYear(fy);
    let rows = state
        .with_signed(|store, s| meetings::trainings::trainings(store, s, fy.start(), fy.end()))?;
    Ok(rows.into_iter().map(TrainingView::from).collect())
}

/// The meetings of a fiscal year as CSV for Excel.
#[tauri::command]
#[specta::specta]
pub async fn export_meetings_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    fy: i32,
) -> Result<Option<String>, AppError> {
    let fy = FiscalYear(fy);
    let rows =
        state.with_signed(|store, s| meetings::meetings(store, s, None, fy.start(), fy.end()))?;
    let lines = rows.into_iter().map(|m| {
        let v = MeetingRowView::from(m);
        vec![
            v.held_on.iso,
            v.held_on.wareki,
            v.kind_label,
            v.title,
            v.place,
            v.organization_count.to_string(),
            v.organization_attendees.to_string(),
            v.client_count.to_string(),
            v.staff_count.to_string(),
        ]
    });
    let header = [
        "開催日",
        "開催日（和暦）",
        "種類",
        "名称",
        "場所",
        "参加機関数",
        "機関からの参加人数",
        "参加利用者数",
        "参加職員数",
    ];
    let name = format!("会議・行事_{}年度.csv", fy.year());
    save_csv(&app, &header, lines, &name)
}

/// The handout PDF of a liaison meeting, issued today (the core refuses other kinds).
pub fn handout_pdf(state: &AppState, meeting_id: String) -> Result<Vec<u8>, AppError> {
    let params = HandoutParams {
        meeting_id: MeetingId(meeting_id),
        issued_on: today(),
    };
    state.with_signed(|store, s| reports::liaison_handout(store, s, &params))
}

/// Makes a liaison meeting's handout and opens it in the system viewer (`save`: false) or
/// saves it where the person chooses (`save`: true). Says how many pages it has either way;
/// a missing viewer is reported in `viewer_problem`, not as a failure.
#[tauri::command]
#[specta::specta]
pub async fn liaison_handout(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: String,
    save: bool,
) -> Result<HandoutView, AppError> {
    let pdf = handout_pdf(state.inner(), meeting_id)?;
    let mut view = HandoutView {
        pages: reports::page_count(&pdf),
        bytes: u32::try_from(pdf.len()).unwrap_or(u32::MAX),
        saved_to: None,
        opened: false,
        viewer_problem: None,
    };
    if save {
        view.saved_to = crate::files::save_as(&app, &pdf, "連絡会資料.pdf", ("PDF", &["pdf"]))?;
    } else {
        match crate::files::open_in_viewer(&app, &pdf, "pdf") {
            Ok(()) => view.opened = true,
            Err(e) => view.viewer_problem = Some(e.message),
        }
    }
    Ok(view)
}
