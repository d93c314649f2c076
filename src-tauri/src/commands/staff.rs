//! The director's staffing screen: the overview of a day, allocations added, corrected or
//! ended, and the same changes tried out first (the core's what-if, rolled back). The core checks the 1.0 rule.

use hotto::calendar::{parse_date, FiscalYear};
use hotto::clients::{ClientFilter, ClientStatus, StaffFilter};
use hotto::ids::{AllocationId, ClientId, StaffId};
use hotto::staff::{
    self, fields, AllocationChange, AllocationEdit, ClientReassignment, Fte, NewAllocation,
    StaffRole, WhatIf,
};
use hotto::{CoreError, Session, Store};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::staff::{
    role_options, AllocationEditInput, AllocationInput, AllocationView, CaseloadClientView,
    FteSummaryView, PlanDifferenceView, StaffMemberView, StaffOverview,
};

/// The summary, allocations, staff list and plan check on `date` (director only).
#[tauri::command]
#[specta::specta]
pub async fn staff_overview(
    state: State<'_, AppState>,
    date: String,
) -> Result<StaffOverview, AppError> {
    let day = parse_date(&date)?;
    state.with_signed(|store, session| overview(store, session, day))
}

fn overview(
    store: &Store,
    session: &Session,
    day: chrono::NaiveDate,
) -> hotto::Result<StaffOverview> {
    let summary = staff::fte_summary(store, session, day)?;
    let allocations = staff::allocations(store, session, None)?;
    let people = staff::list_staff(store, session)?;
    let plan_differences = match hotto::plan::plan_check(store, session, FiscalYear::of(day)) {
        Ok(list) => Some(list.iter().map(PlanDifferenceView::from).collect()),
        Err(CoreError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    Ok(StaffOverview {
        summary: FteSummaryView::from(&summary),
        allocations: allocations.iter().map(AllocationView::from).collect(),
        staff: people.iter().map(StaffMemberView::from).collect(),
        roles: role_options(),
        plan_differences,
    })
}

/// Adds an allocation (director only); refused with the core's message over 1.0 a day.
#[tauri::command]
#[specta::specta]
pub async fn add_allocation(
    state: State<'_, AppState>,
    input: AllocationInput,
) -> Result<String, AppError> {
    let new = new_allocation(&input)?;
    state.with_signed(|store, session| staff::add_allocation(store, session, &new).map(|id| id.0))
}

/// Ends an allocation on `last_day`, inclusive (director only).
#[tauri::command]
#[specta::specta]
pub async fn end_allocation(
    state: State<'_, AppState>,
    id: String,
    last_day: String,
) -> Result<(), AppError> {
    let last_day = date_of(fields::TO_ON, &last_day)?;
    state.with_signed(|store, session| {
        staff::end_allocation(store, session, &AllocationId(id), last_day)
    })
}

/// Corrects an allocation's post, FTE, dates and note in place (director only); the 1.0 rule
/// is checked against the person's other allocations.
#[tauri::command]
#[specta::specta]
pub async fn change_allocation(
    state: State<'_, AppState>,
    id: String,
    input: AllocationEditInput,
) -> Result<(), AppError> {
    let edit = allocation_edit(&input)?;
    state.with_signed(|store, session| {
        staff::change_allocation(store, session, &AllocationId(id), &edit)
    })
}

/// The summary on `date` as it would be with the allocation corrected; nothing is saved.
#[tauri::command]
#[specta::specta]
pub async fn preview_change_allocation(
    state: State<'_, AppState>,
    date: String,
    id: String,
    input: AllocationEditInput,
) -> Result<FteSummaryView, AppError> {
    let day = parse_date(&date)?;
    let change = WhatIf::Allocation(AllocationChange::Change {
        id: AllocationId(id),
        edit: allocation_edit(&input)?,
    });
    state.with_signed(|store, session| {
        staff::fte_what_if(store, session, day, &[change]).map(|s| FteSummaryView::from(&s))
    })
}

/// The summary on `date` as it would be with the new allocation; nothing is saved.
#[tauri::command]
#[specta::specta]
pub async fn preview_add_allocation(
    state: State<'_, AppState>,
    date: String,
    input: AllocationInput,
) -> Result<FteSummaryView, AppError> {
    let day = parse_date(&date)?;
    let change = WhatIf::Allocation(AllocationChange::Add(new_allocation(&input)?));
    state.with_signed(|store, session| {
        staff::fte_what_if(store, session, day, &[change]).map(|s| FteSummaryView::from(&s))
    })
}

/// The summary on `date` as it would be with the allocation ended; nothing is saved.
#[tauri::command]
#[specta::specta]
pub async fn preview_end_allocation(
    state: State<'_, AppState>,
    date: String,
    id: String,
    last_day: String,
) -> Result<FteSummaryView, AppError> {
    let day = parse_date(&date)?;
    let change = WhatIf::Allocation(AllocationChange::End {
        id: AllocationId(id),
        last_day: date_of(fields::TO_ON, &last_day)?,
    });
    state.with_signed(|store, session| {
        staff::fte_what_if(store, session, day, &[change]).map(|s| FteSummaryView::from(&s))
    })
}

/// Reads the form: the post, the FTE as typed and the two dates.
fn new_allocation(input: &AllocationInput) -> Result<NewAllocation, AppError> {
    let role = StaffRole::from_db(&input.role).ok_or(CoreError::invalid(
        fields::ALLOCATION,
        hotto::error::Problem::Empty,
    ))?;
    if input.staff_id.is_empty() {
        return Err(CoreError::invalid(fields::STAFF, hotto::error::Problem::Empty).into());
    }
    let to_on = optional_date(fields::TO_ON, input.to_on.as_deref())?;
    Ok(NewAllocation {
        staff_id: StaffId(input.staff_id.clone()),
        role,
        fte: Fte::parse_for(fields::FTE, &input.fte)?,
        from_on: date_of(fields::FROM_ON, &input.from_on)?,
        to_on,
        concurrent_post: input.concurrent_post.clone(),
    })
}

/// Reads the correction form: the post, the FTE as typed and the two dates.
fn allocation_edit(input: &AllocationEditInput) -> Result<AllocationEdit, AppError> {
    let role = StaffRole::from_db(&input.role).ok_or(CoreError::invalid(
        fields::ALLOCATION,
        hotto::error::Problem::Empty,
    ))?;
    Ok(AllocationEdit {
        role,
        fte: Fte::parse_for(fields::FTE, &input.fte)?,
        from_on: date_of(fields::FROM_ON, &input.from_on)?,
        to_on: optional_date(fields::TO_ON, input.to_on.as_deref())?,
        concurrent_post: input.concurrent_post.clone(),
    })
}

/// An optional date field: empty means none.
fn optional_date(
    field: hotto::error::Field,
    text: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, CoreError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => date_of(field, text).map(Some),
    }
}

/// A date field's text read by the core's calendar; the error names the field.
fn date_of(field: hotto::error::Field, text: &str) -> Result<chrono::NaiveDate, CoreError> {
    parse_date(text).map_err(|e| CoreError::invalid(field, e.into()))
}

/// The registered clients whose main staff member is `staff_id`, by kana.
#[tauri::command]
#[specta::specta]
pub async fn main_staff_clients(
    state: State<'_, AppState>,
    staff_id: String,
) -> Result<Vec<CaseloadClientView>, AppError> {
    let filter = ClientFilter {
        status: Some(ClientStatus::Registered),
        staff: Some(StaffFilter::Main(StaffId(staff_id))),
        ..ClientFilter::default()
    };
    state.with_signed(|store, session| {
        let clients = hotto::clients::list_clients(store, session, &filter)?;
        Ok(clients
            .into_iter()
            .map(|c| CaseloadClientView {
                id: c.id.0,
                name: c.name,
                kana: c.kana,
            })
            .collect())
    })
}

/// The summary on `date` as it would be with these clients given another main staff
/// member; nothing is saved (director only, in the core).
#[tauri::command]
#[specta::specta]
pub async fn preview_reassignment(
    state: State<'_, AppState>,
    date: String,
    client_ids: Vec<String>,
    to_staff_id: String,
) -> Result<FteSummaryView, AppError> {
    let day = parse_date(&date)?;
    let changes: Vec<WhatIf> = client_ids
        .into_iter()
        .map(|id| {
            WhatIf::Reassignment(ClientReassignment {
                client_id: ClientId(id),
                main_staff_id: Some(StaffId(to_staff_id.clone())),
            })
        })
        .collect();
    state.with_signed(|store, session| {
        staff::fte_what_if(store, session, day, &changes).map(|s| FteSummaryView::from(&s))
    })
}

/// Gives these clients another main staff member, one audited change each.
#[tauri::command]
#[specta::specta]
pub async fn reassign_main_staff(
    state: State<'_, AppState>,
    client_ids: Vec<String>,
    to_staff_id: String,
) -> Result<(), AppError> {
    let to = StaffId(to_staff_id);
    state.with_signed(|store, session| {
        for id in client_ids {
            hotto::clients::set_main_staff(store, session, &ClientId(id), Some(&to))?;
        }
        Ok(())
    })
}
