//! 交流・委託・通信: the drop-in space's daily visitor counts, commissioned projects' monthly
//! results and the newsletter issues; and the small input helpers the office screens share
//! (a typed date, a choice from a fixed list, a CSV saved where the person chooses).

use chrono::NaiveDate;
use hotto::calendar::{format_wareki, format_wareki_month, FiscalYear};
use hotto::error::Problem;
use hotto::ids::MetricId;
use hotto::meetings::{commissions, dropin, newsletters};
use hotto::CoreError;
use tauri::{AppHandle, State};

use crate::error::AppError;
use crate::state::AppState;
use crate::views::{
    CommissionYearView, DropInMonthTotalView, DropInMonthView, FiscalYearOption, NewsletterForm,
    NewsletterView, WorkCalendarView,
};

/// Today on this PC's clock.
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date as typed (和暦 or 西暦), read by the core's calendar; the error is its Japanese text.
pub(crate) use super::input::date as parse_day;

/// A value of a fixed list (a kind, a stage) as the UI sent it.
pub(crate) fn choice<T>(value: &str, from_db: fn(&str) -> Option<T>) -> Result<T, AppError> {
    from_db(value).ok_or_else(|| AppError {
        code: "invalid_input".into(),
        message: "選択肢が正しくありません。画面を開き直してください。".into(),
    })
}

/// Writes CSV for Excel (the core's format) where the person chooses; the path, or null when
/// the dialog was cancelled.
pub(crate) fn save_csv(
    app: &AppHandle,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
    suggested_name: &str,
) -> Result<Option<String>, AppError> {
    let bytes = hotto::export::csv_bytes(header, rows);
    crate::files::save_as(app, &bytes, suggested_name, ("CSV（Excel）", &["csv"]))
}

/// Today, this fiscal year and the four before it, named in 和暦 by the calendar.
#[tauri::command]
#[specta::specta]
pub fn work_calendar() -> WorkCalendarView {
    let today = today();
    let current = FiscalYear::of(today);
    let years = (0..5)
        .scan(current, |fy, _| {
            let this = *fy;
            *fy = fy.previous();
            Some(FiscalYearOption {
                year: this.year(),
                label: this.name_wareki(),
            })
        })
        .collect();
    WorkCalendarView {
        today: today.into(),
        current: current.year(),
        years,
    }
}

/// The drop-in space's days of a month with their total.
#[tauri::command]
#[specta::specta]
pub async fn dropin_month(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> Result<DropInMonthView, AppError> {
    let found = state.with_signed(|store, s| dropin::dropin_month(store, s, year, month))?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_else(today);
    Ok(DropInMonthView::new(
        found,
        format_wareki_month(first),
        FiscalYear::of(first),
    ))
}

/// The twelve month totals of a fiscal year (`fy`: 2025 for 令和7年度).
#[tauri::command]
#[specta::specta]
pub async fn dropin_year(
    state: State<'_, AppState>,
    fy: i32,
) -> Result<Vec<DropInMonthTotalView>, AppError> {
    let rows =
        state.with_signed(|store, s| dropin::dropin_fiscal_year(store, s, FiscalYear(fy)))?;
    Ok(rows.into_iter().map(DropInMonthTotalView::from).collect())
}

/// Enters a day's visitor count; entering the same day again corrects it (the core keeps one
/// count per day).
#[tauri::command]
#[specta::specta]
pub async fn set_dropin_day(
    state: State<'_, AppState>,
    day: String,
    visitors: u32,
    note: String,
) -> Result<(), AppError> {
    let day = parse_day(&day)?;
    state.with_signed(|store, s| dropin::set_dropin_day(store, s, day, visitors, &note))
}

/// A month of the drop-in space as CSV for Excel.
#[tauri::command]
#[specta::specta]
pub async fn export_dropin_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> Result<Option<String>, AppError> {
    let found = state.with_signed(|store, s| dropin::dropin_month(store, s, year, month))?;
    let total = found.total;
    let mut rows: Vec<Vec<String>> = found
        .days
        .into_iter()
        .map(|d| {
            vec![
                d.day.format("%Y-%m-%d").to_string(),
                format_wareki(d.day),
                d.visitors.to_string(),
                d.note,
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        "合計".into(),
        total.to_string(),
        String::new(),
    ]);
    let name = format!("交流スペース_{year:04}-{month:02}.csv");
    save_csv(&app, &["日付", "和暦", "利用者数", "備考"], rows, &name)
}

/// Commissioned projects with their measures' monthly results over a fiscal year.
#[tauri::command]
#[specta::specta]
pub async fn commission_results(
    state: State<'_, AppState>,
    fy: i32,
) -> Result<Vec<CommissionYearView>, AppError> {
    let rows =
        state.with_signed(|store, s| commissions::commission_results(store, s, FiscalYear(fy)))?;
    Ok(rows.into_iter().map(CommissionYearView::from).collect())
}

/// Enters or corrects a measure's result (a whole number) for the `month_index`-th month of
/// fiscal year `fy` (0 = April … 11 = March, as the results table is laid out).
#[tauri::command]
#[specta::specta]
pub async fn set_commission_result(
    state: State<'_, AppState>,
    metric_id: String,
    fy: i32,
    month_index: u32,
    value: f64,
) -> Result<(), AppError> {
    if value.fract() != 0.0 || !value.is_finite() {
        return Err(
            CoreError::invalid(commissions::VALUE, Problem::Format("a whole number")).into(),
        );
    }
    let months = FiscalYear(fy).months();
    let &(year, month) = usize::try_from(month_index)
        .ok()
        .and_then(|i| months.get(i))
        .ok_or_else(|| {
            AppError::from(CoreError::invalid(
                commissions::VALUE,
                Problem::OutOfRange { min: 0, max: 11 },
            ))
        })?;
    let metric = MetricId(metric_id);
    state.with_signed(|store, s| {
        commissions::set_commission_result(store, s, &metric, year, month, value as i64)
    })
}

/// Newsletter issues of a fiscal year, by number.
#[tauri::command]
#[specta::specta]
pub async fn list_newsletters(
    state: State<'_, AppState>,
    fy: i32,
) -> Result<Vec<NewsletterView>, AppError> {
    let fy = FiscalYear(fy);
    let rows =
        state.with_signed(|store, s| newsletters::newsletters(store, s, fy.start(), fy.end()))?;
    Ok(rows.into_iter().map(NewsletterView::from).collect())
}

/// Records a newsletter issue; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn add_newsletter(
    state: State<'_, AppState>,
    form: NewsletterForm,
) -> Result<String, AppError> {
    let input = newsletters::NewsletterInput {
        number: form.number,
        issued_on: parse_day(&form.issued_on)?,
        copies: form.copies,
        distribution: form.distribution,
    };
    state.with_signed(|store, s| newsletters::add_newsletter(store, s, &input).map(|id| id.0))
}
