//! A date as every screen shows it: the ISO value the commands take, and the
//! 和暦 forms written by the core's calendar (so the era rules exist once).

use chrono::NaiveDate;
use hotto::calendar::{format_wareki, format_wareki_short};
use serde::Serialize;

/// One date, in the forms the UI shows and sends back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DateView {
    /// `2025-04-01`: the value commands take.
    pub iso: String,
    /// `令和7年4月1日`.
    pub wareki: String,
    /// `R7.4.1`, for tables.
    pub wareki_short: String,
    /// `火`: the day of the week.
    pub weekday: String,
}

impl From<NaiveDate> for DateView {
    fn from(date: NaiveDate) -> Self {
        use chrono::Datelike;
        const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
        DateView {
            iso: date.format("%Y-%m-%d").to_string(),
            wareki: format_wareki(date),
            wareki_short: format_wareki_short(date),
            weekday: WEEKDAYS[date.weekday().num_days_from_monday() as usize].to_string(),
        }
    }
}
