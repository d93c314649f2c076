//! What every report's entry point shares: the facility's name from the center's metadata, the
//! header and footer facts with the date of issue in 和暦, the mapping of layout errors into the
//! core's error, and the small text helpers the reports print numbers and dates with.

use chrono::NaiveDate;

use super::layout::number;
use super::{ReportError, ReportMeta};
use crate::calendar::{format_wareki, format_wareki_short};
use crate::store::Store;
use crate::{CoreError, Result};

/// The facility's name as entered when the center was set up (printed on every page).
pub(crate) fn facility(store: &Store) -> Result<String> {
    Ok(store.center_meta("facility_name")?.unwrap_or_default())
}

/// The facts printed on every page: facility, title and `令和7年4月1日発行`.
pub(crate) fn meta(facility: &str, title: &str, issued_on: NaiveDate) -> ReportMeta {
    ReportMeta {
        facility: facility.to_string(),
        title: title.to_string(),
        issued: format!("{}発行", format_wareki(issued_on)),
    }
}

/// A layout error as the core reports it (the UI says 帳票を作成できませんでした).
pub(crate) fn document_error(error: ReportError) -> CoreError {
    CoreError::Document(error.to_string())
}

/// Runs a layout function and maps its error.
pub(crate) fn pdf(result: std::result::Result<Vec<u8>, ReportError>) -> Result<Vec<u8>> {
    result.map_err(document_error)
}

/// A count as printed: `1,234`.
pub(crate) fn count(n: u32) -> String {
    number::integer(i64::from(n))
}

/// A count of people as printed in running text: `666名`.
pub(crate) fn people(n: u32) -> String {
    format!("{}名", count(n))
}

/// A day in 和暦 for running text: `令和7年4月1日`.
pub(crate) fn day(date: NaiveDate) -> String {
    format_wareki(date)
}

/// A day in the short 和暦 form for table cells: `R7.4.1`.
pub(crate) fn short_day(date: NaiveDate) -> String {
    format_wareki_short(date)
}

/// An optional day for a table cell (an empty cell when there is none).
pub(crate) fn short_day_or_blank(date: Option<NaiveDate>) -> String {
    date.map(short_day).unwrap_or_default()
}

/// A ratio of `part` to `whole` as a percentage with one decimal (`—` when `whole` is 0).
pub(crate) fn rate(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "—".to_string();
    }
    number::percent(f64::from(part) / f64::from(whole), 1)
}

/// `actual − target` with its sign (`+3`, `-12`, `±0`), or `—` without a target.
pub(crate) fn difference(actual: u32, target: Option<u32>) -> String {
    match target {
        None => "—".to_string(),
        Some(target) => signed(i64::from(actual) - i64::from(target)),
    }
}

/// A signed whole number: `+3`, `-1,200`, `±0`.
pub(crate) fn signed(value: i64) -> String {
    match value {
        0 => "±0".to_string(),
        v if v > 0 => format!("+{}", number::integer(v)),
        v => number::integer(v),
    }
}

/// An optional count for a table cell (`—` when there is none).
pub(crate) fn count_or_dash(n: Option<u32>) -> String {
    n.map(count).unwrap_or_else(|| "—".to_string())
}

/// Weekly working time in minutes as `週20時間` / `週20.5時間`.
pub(crate) fn weekly_hours(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        format!("週{}時間", minutes / 60)
    } else {
        format!("週{}時間", number::decimal(f64::from(minutes) / 60.0, 1))
    }
}

/// The month label of a fiscal-year table row: `4月`, … `3月`.
pub(crate) fn month_label(month: u32) -> String {
    format!("{month}月")
}

/// The number of pages of a PDF this layer wrote (its page objects, `/Type/Page`), for the
/// screen that shows what was produced.
pub fn page_count(pdf: &[u8]) -> u32 {
    let needle = b"/Type/Page";
    let spaced = b"/Type /Page";
    let mut count = 0;
    for (i, window) in pdf.windows(spaced.len()).enumerate() {
        let end = if window.starts_with(needle) {
            i + needle.len()
        } else if window == spaced {
            i + spaced.len()
        } else {
            continue;
        };
        // `/Type/Pages` is the page tree, not a page.
        if pdf.get(end) != Some(&b's') {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(difference(103, Some(100)), "+3");
        assert_eq!(difference(88, Some(100)), "-12");
        assert_eq!(difference(100, Some(100)), "±0");
        assert_eq!(difference(5, None), "—");
        assert_eq!(signed(-1200), "-1,200");
    }

    #[test]
    fn rates_need_a_whole() {
        assert_eq!(rate(1, 4), "25.0%");
        assert_eq!(rate(1, 0), "—");
    }

    #[test]
    fn weekly_hours_print_whole_hours_without_decimals() {
        assert_eq!(weekly_hours(1200), "週20時間");
        assert_eq!(weekly_hours(1230), "週20.5時間");
    }

    #[test]
    fn the_date_of_issue_is_written_in_wareki() {
        let m = meta(
            "ほっと",
            "実績報告書",
            NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
        );
        assert_eq!(m.issued, "令和7年4月1日発行");
    }
}
