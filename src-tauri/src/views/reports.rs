//! The reports screen: what to print with which parameters, and what was produced.

use serde::{Deserialize, Serialize};

/// Which report, with its parameters (dates and months as ISO text).
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ReportRequest {
    /// 事業計画書 of a fiscal year.
    Plan {
        /// The fiscal year (2025 for 令和7年度).
        #[serde(rename = "fiscalYear")]
        fiscal_year: i32,
    },
    /// 実績報告書 of a fiscal year, to a day or the whole year.
    Results {
        /// The fiscal year.
        #[serde(rename = "fiscalYear")]
        fiscal_year: i32,
        /// Figures as of this day (ISO); the whole year when empty.
        #[serde(rename = "asOf")]
        as_of: Option<String>,
    },
    /// 常勤換算表 on a day.
    FteSheet {
        /// The day (ISO).
        date: String,
    },
    /// 職員会議資料 of a month.
    StaffMeeting {
        /// The month, `2025-06`.
        month: String,
    },
    /// The liaison meeting's handout, for the meeting held on a day.
    Handout {
        /// The meeting's day (ISO).
        date: String,
    },
}

/// A report that was produced and is kept until the next one (or sign-out).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedReportView {
    /// The report's title, e.g. 実績報告書（令和6年度）.
    pub title: String,
    /// The suggested file name.
    pub file_name: String,
    /// Pages.
    pub pages: u32,
    /// Size, `88 KB`.
    pub size: String,
}
