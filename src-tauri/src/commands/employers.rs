//! 企業・開拓: employers with the clients working there and the support given to them, and
//! employer development (地域開拓) — prospects, their contacts and the monthly activity.

use hotto::calendar::FiscalYear;
use hotto::employment::{
    self, ContactMethod, NewEmployerSupport, NewProspectContact, ProspectInput, ProspectStage,
};
use hotto::ids::{EmployerId, ProspectId, StaffId};
use tauri::{AppHandle, State};

use super::office::{choice, parse_day, save_csv, today};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{
    DevelopmentChoicesView, EmployerDetailView, EmployerForm, EmployerRowView, EmployerSupportForm,
    EmployerView, MonthlyActivityView, OptionView, ProspectContactForm, ProspectContactView,
    ProspectForm, ProspectView,
};

/// Employers matching `search` (empty: all), with the clients working there today.
#[tauri::command]
#[specta::specta]
pub async fn list_employers(
    state: State<'_, AppState>,
    search: String,
) -> Result<Vec<EmployerRowView>, AppError> {
    let rows =
        state.with_signed(|store, s| employment::employers_overview(store, s, &search, today()))?;
    Ok(rows.into_iter().map(EmployerRowView::from).collect())
}

/// One employer with the support given to it.
#[tauri::command]
#[specta::specta]
pub async fn employer_detail(
    state: State<'_, AppState>,
    id: String,
) -> Result<EmployerDetailView, AppError> {
    let id = EmployerId(id);
    state.with_signed(|store, s| {
        let employer = employment::employer(store, s, &id)?;
        let row = employment::employers_overview(store, s, "", today())?
            .into_iter()
            .find(|o| o.employer.id == employer.id)
            .ok_or(hotto::CoreError::NotFound {
                what: employment::fields::EMPLOYER,
            })?;
        let supports = employment::employer_support_records(store, s, &id)?;
        Ok(EmployerDetailView {
            row: row.into(),
            supports: supports.into_iter().map(Into::into).collect(),
        })
    })
}

/// Adds an employer (`id` null) or replaces one's details; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn save_employer(
    state: State<'_, AppState>,
    id: Option<String>,
    form: EmployerForm,
) -> Result<String, AppError> {
    let input = form.into();
    state.with_signed(|store, s| match id {
        Some(id) => {
            let id = EmployerId(id);
            employment::update_employer(store, s, &id, &input).map(|()| id.0)
        }
        None => employment::add_employer(store, s, &input).map(|id| id.0),
    })
}

/// Records support given to an employer.
#[tauri::command]
#[specta::specta]
pub async fn add_employer_support(
    state: State<'_, AppState>,
    form: EmployerSupportForm,
) -> Result<String, AppError> {
    let new = NewEmployerSupport {
        employer_id: EmployerId(form.employer_id),
        client_id: None,
        done_on: parse_day(&form.done_on)?,
        staff_id: form.staff_id.map(StaffId),
        minutes: form.minutes,
        body: form.body,
    };
    state.with_signed(|store, s| employment::add_employer_support(store, s, &new).map(|id| id.0))
}

/// The employers list as CSV for Excel, saved where the person chooses; the path, or null
/// when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_employers_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    search: String,
) -> Result<Option<String>, AppError> {
    let rows =
        state.with_signed(|store, s| employment::employers_overview(store, s, &search, today()))?;
    let lines = rows.into_iter().map(|o| {
        let e: EmployerView = o.employer.into();
        vec![
            e.name,
            e.industry,
            e.address,
            e.phone,
            e.contact_person,
            o.employed_clients.to_string(),
            o.employments.to_string(),
            o.support_records.to_string(),
        ]
    });
    let header = [
        "企業・事業所名",
        "業種",
        "所在地",
        "電話番号",
        "先方の担当者",
        "就労中の利用者数",
        "就労件数（累計）",
        "企業支援の記録数",
    ];
    save_csv(&app, &header, lines, "企業一覧.csv")
}

/// Prospects of employer development, at one stage or all, by name.
#[tauri::command]
#[specta::specta]
pub async fn list_prospects(
    state: State<'_, AppState>,
    stage: Option<String>,
) -> Result<Vec<ProspectView>, AppError> {
    let stage = stage
        .map(|s| choice::<ProspectStage>(&s, ProspectStage::from_db))
        .transpose()?;
    let rows = state.with_signed(|store, s| employment::prospects(store, s, stage))?;
    Ok(rows.into_iter().map(ProspectView::from).collect())
}

/// Adds a prospect (`id` null) or replaces one's details; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn save_prospect(
    state: State<'_, AppState>,
    id: Option<String>,
    form: ProspectForm,
) -> Result<String, AppError> {
    let input = ProspectInput {
        name: form.name,
        employer_id: form.employer_id.map(EmployerId),
        industry: form.industry,
        address: form.address,
        staff_id: form.staff_id.map(StaffId),
        notes: form.notes,
    };
    state.with_signed(|store, s| match id {
        Some(id) => {
            let id = ProspectId(id);
            employment::update_prospect(store, s, &id, &input).map(|()| id.0)
        }
        None => employment::add_prospect(store, s, &input).map(|id| id.0),
    })
}

/// A prospect's contacts, newest first.
#[tauri::command]
#[specta::specta]
pub async fn prospect_contacts(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<ProspectContactView>, AppError> {
    let id = ProspectId(id);
    let rows = state.with_signed(|store, s| employment::prospect_contacts(store, s, &id))?;
    Ok(rows.into_iter().map(ProspectContactView::from).collect())
}

/// Logs a contact with a prospect; its stage follows.
#[tauri::command]
#[specta::specta]
pub async fn log_prospect_contact(
    state: State<'_, AppState>,
    id: String,
    form: ProspectContactForm,
) -> Result<String, AppError> {
    let new = NewProspectContact {
        contacted_on: parse_day(&form.contacted_on)?,
        method: choice(&form.method, ContactMethod::from_db)?,
        stage_after: choice(&form.stage_after, ProspectStage::from_db)?,
        staff_id: form.staff_id.map(StaffId),
        note: form.note,
    };
    let id = ProspectId(id);
    state.with_signed(|store, s| {
        employment::log_prospect_contact(store, s, &id, &new).map(|id| id.0)
    })
}

/// The outreach activity of each month of a fiscal year (`fy`: 2025 for 令和7年度).
#[tauri::command]
#[specta::specta]
pub async fn development_activity(
    state: State<'_, AppState>,
    fy: i32,
) -> Result<Vec<MonthlyActivityView>, AppError> {
    let rows =
        state.with_signed(|store, s| employment::development_activity(store, s, FiscalYear(fy)))?;
    Ok(rows.into_iter().map(MonthlyActivityView::from).collect())
}

/// The choices of the development forms: stages, contact methods and staff members.
#[tauri::command]
#[specta::specta]
pub async fn development_choices(
    state: State<'_, AppState>,
) -> Result<DevelopmentChoicesView, AppError> {
    let staff = state.with_signed(|store, s| hotto::staff::list_staff(store, s))?;
    Ok(DevelopmentChoicesView {
        stages: ProspectStage::ALL
            .iter()
            .map(|v| OptionView::new(v.as_db(), v.label_ja()))
            .collect(),
        methods: ContactMethod::ALL
            .iter()
            .map(|v| OptionView::new(v.as_db(), v.label_ja()))
            .collect(),
        staff: staff
            .into_iter()
            .map(|m| OptionView::new(m.id.0, m.name))
            .collect(),
    })
}
