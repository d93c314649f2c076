//! The drop-in space (交流スペース), commissioned projects (委託事業) and the newsletter
//! (ほっと通信) as the webview sees them.

use hotto::meetings::commissions::{CommissionYear, MetricYear};
use hotto::meetings::dropin::{DropInDay, DropInMonth, DropInMonthTotal};
use hotto::meetings::newsletters::Newsletter;
use serde::{Deserialize, Serialize};

use super::DateView;

/// One day's visitor count.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DropInDayView {
    /// The day.
    pub day: DateView,
    /// 利用者数.
    pub visitors: u32,
    /// 備考.
    pub note: String,
}

impl From<DropInDay> for DropInDayView {
    fn from(d: DropInDay) -> Self {
        DropInDayView {
            day: d.day.into(),
            visitors: d.visitors,
            note: d.note,
        }
    }
}

/// A month of the drop-in space.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DropInMonthView {
    /// Calendar year.
    pub year: i32,
    /// Month.
    pub month: u32,
    /// The month in 和暦 (令和7年11月).
    pub label: String,
    /// The fiscal year the month belongs to (2025 for 令和7年度).
    pub fiscal_year: i32,
    /// Its 和暦 name.
    pub fiscal_year_label: String,
    /// Days recorded.
    pub days: Vec<DropInDayView>,
    /// 合計.
    pub total: u32,
}

impl DropInMonthView {
    /// The month with its 和暦 label and fiscal year.
    pub fn new(m: DropInMonth, label: String, fy: hotto::calendar::FiscalYear) -> Self {
        DropInMonthView {
            year: m.year,
            month: m.month,
            label,
            fiscal_year: fy.year(),
            fiscal_year_label: fy.name_wareki(),
            total: m.total,
            days: m.days.into_iter().map(DropInDayView::from).collect(),
        }
    }
}

/// A month's total in a fiscal year.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DropInMonthTotalView {
    /// Calendar year.
    pub year: i32,
    /// Month.
    pub month: u32,
    /// Days recorded.
    pub days: u32,
    /// 合計.
    pub total: u32,
}

impl From<DropInMonthTotal> for DropInMonthTotalView {
    fn from(t: DropInMonthTotal) -> Self {
        DropInMonthTotalView {
            year: t.year,
            month: t.month,
            days: t.days,
            total: t.total,
        }
    }
}

/// A measure's results over a fiscal year.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MetricYearView {
    /// Id.
    pub id: String,
    /// 項目名.
    pub name: String,
    /// 単位.
    pub unit: String,
    /// April to March (null: not entered).
    pub months: Vec<Option<f64>>,
    /// The year's sum.
    pub total: f64,
}

impl From<MetricYear> for MetricYearView {
    fn from(m: MetricYear) -> Self {
        // Monthly results stay far below 2^53 (the core caps them at 10 billion): exact in f64.
        MetricYearView {
            id: m.id.0,
            name: m.name,
            unit: m.unit,
            months: m.months.iter().map(|v| v.map(|v| v as f64)).collect(),
            total: m.total as f64,
        }
    }
}

/// A commissioned project's year.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CommissionYearView {
    /// Id.
    pub id: String,
    /// 事業名.
    pub name: String,
    /// 委託元.
    pub commissioner: String,
    /// Still running.
    pub active: bool,
    /// Measures.
    pub metrics: Vec<MetricYearView>,
}

impl From<CommissionYear> for CommissionYearView {
    fn from(c: CommissionYear) -> Self {
        CommissionYearView {
            id: c.id.0,
            name: c.name,
            commissioner: c.commissioner,
            active: c.active,
            metrics: c.metrics.into_iter().map(MetricYearView::from).collect(),
        }
    }
}

/// A newsletter issue as typed in the form.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewsletterForm {
    /// 号数.
    pub number: u32,
    /// 発行日 as typed.
    pub issued_on: String,
    /// 発行部数.
    pub copies: u32,
    /// 配布先.
    pub distribution: String,
}

/// A newsletter issue.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewsletterView {
    /// Id.
    pub id: String,
    /// 号数.
    pub number: u32,
    /// 発行日.
    pub issued_on: DateView,
    /// 発行部数.
    pub copies: u32,
    /// 配布先.
    pub distribution: String,
}

impl From<Newsletter> for NewsletterView {
    fn from(n: Newsletter) -> Self {
        NewsletterView {
            id: n.id.0,
            number: n.number,
            issued_on: n.issued_on.into(),
            copies: n.copies,
            distribution: n.distribution,
        }
    }
}

/// A fiscal year to choose.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FiscalYearOption {
    /// The calendar year it starts in (2025 for 令和7年度).
    pub year: i32,
    /// Its 和暦 name (令和7年度).
    pub label: String,
}

/// Today and the fiscal years the office screens offer (this one first).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkCalendarView {
    /// Today.
    pub today: DateView,
    /// This fiscal year.
    pub current: i32,
    /// This fiscal year and the four before it.
    pub years: Vec<FiscalYearOption>,
}
