//! Reports: produce a PDF (the core decides who may print what), then open it in the
//! system viewer or save it where the person chooses. The last PDF stays in memory only
//! until the next one or sign-out.

use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;
use hotto::calendar::{parse_date, FiscalYear};
use hotto::reports::{self, FteSheetParams, PlanReportParams, ResultsParams, StaffMeetingParams};
use hotto::{CoreError, Session, Store};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::reports::{GeneratedReportView, ReportRequest};
use crate::views::settings::size_text;

/// The last report produced: its suggested file name and bytes.
static LAST: Mutex<Option<(String, Vec<u8>)>> = Mutex::new(None);

/// Forgets the last report (at sign-out and lock).
pub fn forget_generated() {
    *LAST.lock().unwrap_or_else(PoisonError::into_inner) = None;
}

/// The bytes of the last report produced, if any (for tests and the save/open commands).
pub fn generated_bytes() -> Option<Vec<u8>> {
    LAST.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map(|(_, bytes)| bytes.clone())
}

/// Produces a report and keeps it for "open" and "save as"; says its pages and size.
#[tauri::command]
#[specta::specta]
pub async fn generate_report(
    state: State<'_, AppState>,
    request: ReportRequest,
) -> Result<GeneratedReportView, AppError> {
    let today = chrono::Local::now().date_naive();
    let (title, bytes) =
        state.with_signed(|store, session| produce(store, session, &request, today))?;
    let view = GeneratedReportView {
        file_name: format!("{title}.pdf"),
        title,
        pages: reports::page_count(&bytes),
        size: size_text(bytes.len() as u64),
    };
    *LAST.lock().unwrap_or_else(PoisonError::into_inner) = Some((view.file_name.clone(), bytes));
    Ok(view)
}

/// Opens the last report in the system's PDF viewer.
#[tauri::command]
#[specta::specta]
pub async fn open_report(app: tauri::AppHandle) -> Result<(), AppError> {
    let bytes = generated_bytes().ok_or_else(nothing_generated)?;
    crate::files::open_in_viewer(&app, &bytes, "pdf")
}

/// Saves the last report where the person chooses; `None` when they cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_report(app: tauri::AppHandle) -> Result<Option<String>, AppError> {
    let (name, bytes) = LAST
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .ok_or_else(nothing_generated)?;
    crate::files::save_as(&app, &bytes, &name, ("PDF", &["pdf"]))
}

fn nothing_generated() -> AppError {
    AppError {
        code: "not_found".into(),
        message: "帳票がまだ作成されていません。先に「作成」を押してください。".into(),
    }
}

fn produce(
    store: &Store,
    session: &Session,
    request: &ReportRequest,
    today: NaiveDate,
) -> hotto::Result<(String, Vec<u8>)> {
    let day = |text: &str| parse_date(text).map_err(|e| CoreError::invalid(DATE, e.into()));
    match request {
        ReportRequest::Plan { fiscal_year } => {
            let fy = FiscalYear(*fiscal_year);
            let params = PlanReportParams {
                fiscal_year: fy,
                issued_on: today,
            };
            let pdf = reports::plan_report(store, session, &params)?;
            Ok((format!("事業計画書（{}）", fy.name_wareki()), pdf))
        }
        ReportRequest::Results { fiscal_year, as_of } => {
            let fy = FiscalYear(*fiscal_year);
            let as_of = match as_of.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(text) => Some(day(text)?),
            };
            let params = ResultsParams {
                fiscal_year: fy,
                as_of,
                issued_on: today,
            };
            let pdf = reports::results_report(store, session, &params)?;
            Ok((format!("実績報告書（{}）", fy.name_wareki()), pdf))
        }
        ReportRequest::FteSheet { date } => {
            let date = day(date)?;
            let params = FteSheetParams {
                date,
                issued_on: today,
            };
            let pdf = reports::fte_sheet(store, session, &params)?;
            let name = hotto::calendar::format_wareki(date);
            Ok((format!("常勤換算表（{name}）"), pdf))
        }
        ReportRequest::StaffMeeting { month } => {
            let first = day(&format!("{}-01", month.trim()))?;
            use chrono::Datelike;
            let params = StaffMeetingParams {
                year: first.year(),
                month: first.month(),
                issued_on: today,
            };
            let pdf = reports::staff_meeting_sheet(store, session, &params)?;
            let name = hotto::calendar::format_wareki(first);
            let name = name.split('月').next().unwrap_or(&name);
            Ok((format!("職員会議資料（{name}月）"), pdf))
        }
        ReportRequest::Handout { date } => {
            let date = day(date)?;
            let meeting_id = reports::liaison_meeting_on(store, session, date)?;
            let params = reports::HandoutParams {
                meeting_id,
                issued_on: today,
            };
            let pdf = reports::liaison_handout(store, session, &params)?;
            let name = hotto::calendar::format_wareki(date);
            Ok((format!("連絡会資料（{name}）"), pdf))
        }
    }
}

/// 日付, the field named when a report's date cannot be read.
const DATE: hotto::error::Field = hotto::error::Field::new("date", "日付");

/// The current fiscal year and the nine before it, named by the core's calendar (令和7年度).
#[tauri::command]
#[specta::specta]
pub fn recent_fiscal_years() -> Vec<crate::views::plan::FiscalYearView> {
    let current = FiscalYear::of(chrono::Local::now().date_naive());
    (0..10)
        .map(|back| {
            let fy = FiscalYear(current.year() - back);
            crate::views::plan::FiscalYearView {
                year: fy.year(),
                name: fy.name_wareki(),
            }
        })
        .collect()
}
