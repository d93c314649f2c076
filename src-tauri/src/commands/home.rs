//! The home screen's figures: the plan's five figures of a fiscal year as of today,
//! with the targets and the monthly series, all from `hotto::figures`.

use hotto::calendar::FiscalYear;
use hotto::figures::{five_figures, monthly, FigureKind};
use tauri::State;

use super::input::today;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{FigureView, FiguresView, MonthView};

/// The five figures of `fiscal_year` (the current one when absent) as of today.
#[tauri::command]
#[specta::specta]
pub async fn home_figures(
    state: State<'_, AppState>,
    fiscal_year: Option<i32>,
) -> Result<FiguresView, AppError> {
    let today = today();
    let fy = fiscal_year.map_or(FiscalYear::of(today), FiscalYear);
    let (five, series) = state.with_signed(|store, session| {
        store.read(session, |conn| {
            Ok((five_figures(conn, fy, today)?, monthly(conn, fy, today)?))
        })
    })?;
    let figures = five
        .rows()
        .iter()
        .map(|(kind, figure)| FigureView {
            key: figure_key(*kind).to_string(),
            label: kind.label_ja().to_string(),
            actual: figure.actual,
            target: figure.target,
            note: (*kind == FigureKind::NewEmployed)
                .then(|| format!("就労件数 {}件", five.new_employment_starts)),
        })
        .collect();
    let months = series
        .months
        .iter()
        .map(|m| {
            let v = m.figures;
            MonthView {
                label: format!("{}月", m.month),
                begun: v.is_some(),
                new_inquiries: v.map_or(0, |v| v.new_inquiries),
                new_registrations: v.map_or(0, |v| v.new_registrations),
                new_employed: v.map_or(0, |v| v.new_employed),
                registered: v.map_or(0, |v| v.registered),
                continuing: v.map_or(0, |v| v.continuing),
            }
        })
        .collect();
    Ok(FiguresView {
        fiscal_year: fy.year(),
        fiscal_year_label: fy.name_wareki(),
        counted_to: five.counted_to.into(),
        has_plan: five.new_inquiries.target.is_some(),
        figures,
        months,
    })
}

fn figure_key(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::NewInquiries => "new_inquiries",
        FigureKind::NewRegistrations => "new_registrations",
        FigureKind::NewEmployed => "new_employed",
        FigureKind::RegisteredEnd => "registered_end",
        FigureKind::ContinuingEnd => "continuing_end",
    }
}
