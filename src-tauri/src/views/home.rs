//! The home screen: the fiscal year's five figures against the plan's targets,
//! month by month, and the counts of today's worklists.

use serde::Serialize;

use super::DateView;

/// One of the five figures.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FigureView {
    /// `new_inquiries`, `new_registrations`, `new_employed`, `registered_end`, `continuing_end`.
    pub key: String,
    /// The plan's name of the figure (新規相談者数, …).
    pub label: String,
    /// What the data gives.
    pub actual: u32,
    /// The plan's target, when the year has a plan.
    pub target: Option<u32>,
    /// A note beside it (the number of employment starts beside 新規就労者数).
    pub note: Option<String>,
}

/// One month of the series; `None` figures for months not begun.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MonthView {
    /// `4月`.
    pub label: String,
    /// Whether the month has begun.
    pub begun: bool,
    /// 新規相談者数 of the month.
    pub new_inquiries: u32,
    /// 新規登録者数 of the month.
    pub new_registrations: u32,
    /// 新規就労者数 of the month.
    pub new_employed: u32,
    /// 登録者数 at the month's end.
    pub registered: u32,
    /// 継続就労者数 at the month's end.
    pub continuing: u32,
}

/// The figures of a fiscal year as of today (or its end).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FiguresView {
    /// The fiscal year (2025 for 令和7年度).
    pub fiscal_year: i32,
    /// 令和7年度.
    pub fiscal_year_label: String,
    /// The day counted to.
    pub counted_to: DateView,
    /// Whether the year has a plan (and so targets).
    pub has_plan: bool,
    /// The five figures in the plan's order.
    pub figures: Vec<FigureView>,
    /// April to March.
    pub months: Vec<MonthView>,
}
