//! A client's jobs: the list with follow-up schedules, adding a job (the core
//! schedules its follow-ups), separation and hand-overs (request, arrival, check).

use hotto::employment::{
    self, fields, ContractType, EmploymentEnd, EndReason, HandoverCheck, NewEmployment,
    NewHandover, Route,
};
use hotto::ids::{ClientId, EmployerId, EmploymentId, HandoverId, PartnerId};
use tauri::State;

use super::input::{code, date, today};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{
    EmploymentEndInput, EmploymentView, HandoverCheckInput, NewEmploymentInput, NewHandoverInput,
};

/// A client's jobs, latest first, with their follow-ups and hand-overs.
#[tauri::command]
#[specta::specta]
pub async fn client_employments(
    state: State<'_, AppState>,
    client_id: String,
) -> Result<Vec<EmploymentView>, AppError> {
    let list = state.with_signed(|store, session| {
        employment::client_employments(store, session, &ClientId(client_id))
    })?;
    let today = today();
    Ok(list.iter().map(|r| EmploymentView::of(r, today)).collect())
}

/// Records a new job; the core schedules its follow-ups in the same write.
#[tauri::command]
#[specta::specta]
pub async fn add_employment(
    state: State<'_, AppState>,
    input: NewEmploymentInput,
) -> Result<String, AppError> {
    let new = NewEmployment {
        client_id: ClientId(input.client_id),
        employer_id: EmployerId(input.employer_id),
        started_on: date(&input.started_on)?,
        job_title: input.job_title,
        contract_type: code(
            fields::EMPLOYMENT,
            &input.contract_type,
            ContractType::from_db,
        )?,
        weekly_minutes: input.weekly_minutes,
        route: code(fields::EMPLOYMENT, &input.route, Route::from_db)?,
        disability_employment: input.disability_employment,
        handover: None,
    };
    let id =
        state.with_signed(|store, session| employment::add_employment(store, session, &new))?;
    Ok(id.to_string())
}

/// Ends a job (離職): the core cancels its open follow-ups and opens the post-separation one.
#[tauri::command]
#[specta::specta]
pub async fn end_employment(
    state: State<'_, AppState>,
    employment_id: String,
    end: EmploymentEndInput,
) -> Result<(), AppError> {
    let end = EmploymentEnd {
        ended_on: date(&end.ended_on)?,
        reason: code(fields::EMPLOYMENT, &end.reason, EndReason::from_db)?,
        note: end.note,
    };
    state
        .with_signed(|store, session| {
            employment::end_employment(store, session, &EmploymentId(employment_id), &end)
        })
        .map(|_| ())
}

/// Records a hand-over from a 就労定着支援事業所 for a job.
#[tauri::command]
#[specta::specta]
pub async fn add_handover(
    state: State<'_, AppState>,
    employment_id: String,
    input: NewHandoverInput,
) -> Result<(), AppError> {
    let new = NewHandover {
        provider_id: PartnerId(input.provider_id),
        requested_on: date(&input.requested_on)?,
        notes: input.notes,
    };
    state
        .with_signed(|store, session| {
            employment::add_handover(store, session, &EmploymentId(employment_id), &new)
        })
        .map(|_| ())
}

/// Notes that a handed-over client has come over from the provider (引継ぎ受付).
#[tauri::command]
#[specta::specta]
pub async fn mark_handover_arrived(
    state: State<'_, AppState>,
    handover_id: String,
) -> Result<(), AppError> {
    state.with_signed(|store, session| {
        employment::mark_handover_arrived(store, session, &HandoverId(handover_id))
    })
}

/// Records the check of a hand-over (date and findings); it leaves the home worklist.
#[tauri::command]
#[specta::specta]
pub async fn check_handover(
    state: State<'_, AppState>,
    handover_id: String,
    check: HandoverCheckInput,
) -> Result<(), AppError> {
    let check = HandoverCheck {
        checked_on: date(&check.checked_on)?,
        notes: check.notes,
    };
    state.with_signed(|store, session| {
        employment::check_handover(store, session, &HandoverId(handover_id), &check)
    })
}
