//! The annual plan (director): targets, staffing lines, opening hours, narrative sections,
//! budget lines, monthly actuals and the trial balance. Every rule and check is the core's.

use hotto::calendar::FiscalYear;
use hotto::ids::BudgetLineId;
use hotto::plan::{self, BudgetLineInput, SectionKey, StaffingLine, Targets};
use hotto::staff::{Fte, StaffRole};
use hotto::CoreError;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::plan::{
    BudgetLineView, FiscalYearView, OpeningHoursView, PlanView, StaffingLineInput, TargetsView,
    TrialBalanceView,
};

/// The fiscal years that have a plan, newest first.
#[tauri::command]
#[specta::specta]
pub async fn plan_years(state: State<'_, AppState>) -> Result<Vec<FiscalYearView>, AppError> {
    state.with_signed(|store, session| {
        let years = plan::plan_years(store, session)?;
        Ok(years
            .into_iter()
            .map(|fy| FiscalYearView {
                year: fy.year(),
                name: fy.name_wareki(),
            })
            .collect())
    })
}

/// A fiscal year's plan.
#[tauri::command]
#[specta::specta]
pub async fn plan_view(state: State<'_, AppState>, year: i32) -> Result<PlanView, AppError> {
    state.with_signed(|store, session| {
        plan::plan(store, session, FiscalYear(year)).map(|p| PlanView::from(&p))
    })
}

/// Sets the five targets (director only).
#[tauri::command]
#[specta::specta]
pub async fn set_plan_targets(
    state: State<'_, AppState>,
    year: i32,
    targets: TargetsView,
) -> Result<(), AppError> {
    let targets = Targets {
        new_inquiries: targets.new_inquiries,
        new_registrations: targets.new_registrations,
        new_employed: targets.new_employed,
        registered_end: targets.registered_end,
        continuing_end: targets.continuing_end,
    };
    state
        .with_signed(|store, session| plan::set_targets(store, session, FiscalYear(year), &targets))
}

/// Writes a section's title and body (director only; an empty title is the standard one).
#[tauri::command]
#[specta::specta]
pub async fn set_plan_section(
    state: State<'_, AppState>,
    year: i32,
    key: String,
    title: String,
    body: String,
) -> Result<(), AppError> {
    let key = SectionKey::from_db(&key).ok_or(CoreError::NotFound {
        what: plan::sections::TITLE,
    })?;
    state.with_signed(|store, session| {
        plan::set_section(store, session, FiscalYear(year), key, &title, &body)
    })
}

/// Adds a staffing line, or corrects the line of the role `replacing` (director only; one
/// line per role).
#[tauri::command]
#[specta::specta]
pub async fn set_plan_staffing_line(
    state: State<'_, AppState>,
    year: i32,
    replacing: Option<String>,
    line: StaffingLineInput,
) -> Result<(), AppError> {
    let replacing = replacing.as_deref().map(role_of).transpose()?;
    let line = StaffingLine {
        role: role_of(&line.role)?,
        head_count: line.head_count,
        fte: Fte::parse_for(plan::fields::LINE_FTE, &line.fte)?,
        note: line.note,
    };
    state.with_signed(|store, session| {
        plan::set_staffing_line(store, session, FiscalYear(year), replacing, &line)
    })
}

/// Removes the staffing line of `role` (director only).
#[tauri::command]
#[specta::specta]
pub async fn remove_plan_staffing_line(
    state: State<'_, AppState>,
    year: i32,
    role: String,
) -> Result<(), AppError> {
    let role = role_of(&role)?;
    state.with_signed(|store, session| {
        plan::remove_staffing_line(store, session, FiscalYear(year), role)
    })
}

/// Sets the opening hours as the plan writes them (director only).
#[tauri::command]
#[specta::specta]
pub async fn set_plan_hours(
    state: State<'_, AppState>,
    year: i32,
    hours: OpeningHoursView,
) -> Result<(), AppError> {
    let hours = hours.into();
    state.with_signed(|store, session| {
        plan::set_opening_hours(store, session, FiscalYear(year), &hours)
    })
}

/// A post's value from the select; an unknown one reads as no post chosen.
fn role_of(value: &str) -> Result<StaffRole, CoreError> {
    StaffRole::from_db(value).ok_or(CoreError::invalid(
        plan::fields::ROLE,
        hotto::error::Problem::Empty,
    ))
}

/// The budget lines of a fiscal year with their monthly actuals.
#[tauri::command]
#[specta::specta]
pub async fn budget_lines(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<BudgetLineView>, AppError> {
    state.with_signed(|store, session| {
        let lines = plan::budget_lines(store, session, FiscalYear(year))?;
        Ok(lines.iter().map(BudgetLineView::from).collect())
    })
}

/// Adds a budget line (director only).
#[tauri::command]
#[specta::specta]
pub async fn add_budget_line(
    state: State<'_, AppState>,
    year: i32,
    name: String,
    budget_yen: f64,
) -> Result<(), AppError> {
    let input = BudgetLineInput {
        name,
        sort: 1000,
        budget_yen: yen(budget_yen)?,
    };
    state.with_signed(|store, session| {
        plan::add_budget_line(store, session, FiscalYear(year), &input).map(|_| ())
    })
}

/// Enters a month's actual for a budget line (director only).
#[tauri::command]
#[specta::specta]
pub async fn set_budget_actual(
    state: State<'_, AppState>,
    line_id: String,
    year: i32,
    month: u32,
    amount_yen: f64,
) -> Result<(), AppError> {
    let amount = yen(amount_yen)?;
    state.with_signed(|store, session| {
        plan::set_budget_actual(store, session, &BudgetLineId(line_id), year, month, amount)
    })
}

/// The trial balance of a month.
#[tauri::command]
#[specta::specta]
pub async fn trial_balance(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> Result<TrialBalanceView, AppError> {
    state.with_signed(|store, session| {
        plan::trial_balance(store, session, year, month).map(|t| TrialBalanceView::from(&t))
    })
}

/// Whole yen from the webview's number; the core checks the range.
fn yen(value: f64) -> Result<i64, CoreError> {
    if !value.is_finite() || value.fract() != 0.0 || value.abs() > 1e15 {
        return Err(CoreError::invalid(
            plan::budget::AMOUNT,
            hotto::error::Problem::Format("whole yen"),
        ));
    }
    Ok(value as i64)
}
