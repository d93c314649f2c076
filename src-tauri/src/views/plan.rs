//! The plan screen: targets, narrative sections, staffing lines, opening hours, budget lines
//! with monthly actuals and the trial balance. Yen travel as f64 (exact far beyond any budget).

use hotto::plan::{BudgetLine, OpeningHours, Plan, TrialBalance, TrialBalanceLine};
use serde::{Deserialize, Serialize};

use super::staff::{role_options, StaffRoleOption};

/// A fiscal year with its 和暦 name.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FiscalYearView {
    /// 2025.
    pub year: i32,
    /// 令和7年度.
    pub name: String,
}

/// The five targets (実績目標数).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TargetsView {
    /// 新規相談者数.
    pub new_inquiries: u32,
    /// うち新規登録者数.
    pub new_registrations: u32,
    /// 新規就労者数.
    pub new_employed: u32,
    /// 年度末登録者数.
    pub registered_end: u32,
    /// 継続就労者数.
    pub continuing_end: u32,
}

/// A narrative section.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanSectionView {
    /// The key commands take (`introduction`).
    pub key: String,
    /// 1–11.
    pub number: u32,
    /// Title as printed.
    pub title: String,
    /// Text.
    pub body: String,
}

/// A staffing line of the plan.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffingLineView {
    /// The post's value (`life_coordinator`): the line's key.
    pub role: String,
    /// The post in Japanese.
    pub role_label: String,
    /// 人数.
    pub head_count: u32,
    /// 常勤換算.
    pub fte: String,
    /// Note.
    pub note: String,
}

/// A staffing line as typed on the screen.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffingLineInput {
    /// The post's value.
    pub role: String,
    /// 人数.
    pub head_count: u32,
    /// 常勤換算 as typed (`3.2`).
    pub fte: String,
    /// Note (may be empty).
    pub note: String,
}

/// 開所日及び開所時間 as the plan writes them.
#[derive(Clone, Debug, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OpeningHoursView {
    /// 月曜日～金曜日の相談時間 (`10:00～19:00`).
    pub weekday: String,
    /// 第2・第4土曜日の相談時間.
    pub saturday: String,
    /// 交流スペースの時間.
    pub dropin: String,
}

impl From<&OpeningHours> for OpeningHoursView {
    fn from(h: &OpeningHours) -> Self {
        OpeningHoursView {
            weekday: h.weekday.clone(),
            saturday: h.saturday.clone(),
            dropin: h.dropin.clone(),
        }
    }
}

impl From<OpeningHoursView> for OpeningHours {
    fn from(h: OpeningHoursView) -> Self {
        OpeningHours {
            weekday: h.weekday,
            saturday: h.saturday,
            dropin: h.dropin,
        }
    }
}

/// A fiscal year's plan.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    /// The fiscal year.
    pub fiscal_year: FiscalYearView,
    /// Targets.
    pub targets: TargetsView,
    /// The stated staff count, FTE and their day, as written.
    pub stated: Vec<String>,
    /// Staffing lines.
    pub staffing: Vec<StaffingLineView>,
    /// Every post, for the staffing line form.
    pub roles: Vec<StaffRoleOption>,
    /// Opening hours.
    pub hours: OpeningHoursView,
    /// The eleven sections.
    pub sections: Vec<PlanSectionView>,
}

impl From<&Plan> for PlanView {
    fn from(p: &Plan) -> Self {
        let t = p.targets;
        let mut stated = Vec::new();
        if let Some(day) = p.stated.staffing_as_of {
            stated.push(format!(
                "職員配置の基準日: {}",
                hotto::calendar::format_wareki(day)
            ));
        }
        if let Some(n) = p.stated.staff_count {
            stated.push(format!("職員 {n}名"));
        }
        if let Some(f) = p.stated.total_fte {
            stated.push(format!("常勤換算 {f}名"));
        }
        PlanView {
            fiscal_year: FiscalYearView {
                year: p.fiscal_year.year(),
                name: p.fiscal_year_name.clone(),
            },
            targets: TargetsView {
                new_inquiries: t.new_inquiries,
                new_registrations: t.new_registrations,
                new_employed: t.new_employed,
                registered_end: t.registered_end,
                continuing_end: t.continuing_end,
            },
            stated,
            staffing: p
                .staffing
                .iter()
                .map(|s| StaffingLineView {
                    role: s.role.as_db().to_string(),
                    role_label: s.role.label_ja().to_string(),
                    head_count: s.head_count,
                    fte: s.fte.to_string(),
                    note: s.note.clone(),
                })
                .collect(),
            roles: role_options(),
            hours: OpeningHoursView::from(&p.hours),
            sections: p
                .sections
                .iter()
                .map(|s| PlanSectionView {
                    key: s.key.as_db().to_string(),
                    number: s.number,
                    title: s.title.clone(),
                    body: s.body.clone(),
                })
                .collect(),
        }
    }
}

/// A budget line with its twelve monthly actuals, April to March.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BudgetLineView {
    /// Id.
    pub id: String,
    /// 科目名.
    pub name: String,
    /// 予算額.
    pub budget_yen: f64,
    /// Actuals April … March (`null`: not entered).
    pub actuals: Vec<Option<f64>>,
}

impl From<&BudgetLine> for BudgetLineView {
    fn from(l: &BudgetLine) -> Self {
        BudgetLineView {
            id: l.id.to_string(),
            name: l.name.clone(),
            budget_yen: l.budget_yen as f64,
            actuals: l.actuals.iter().map(|a| a.map(|v| v as f64)).collect(),
        }
    }
}

/// One line of the trial balance.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrialBalanceLineView {
    /// 科目名 (合計 for the total).
    pub name: String,
    /// 予算額.
    pub budget_yen: f64,
    /// 当月実績.
    pub month_yen: f64,
    /// 累計実績.
    pub to_date_yen: f64,
    /// 予算残額.
    pub variance_yen: f64,
    /// 執行率, `45.2%` (`—` for a zero budget).
    pub execution: String,
}

impl From<&TrialBalanceLine> for TrialBalanceLineView {
    fn from(l: &TrialBalanceLine) -> Self {
        TrialBalanceLineView {
            name: l.name.clone(),
            budget_yen: l.budget_yen as f64,
            month_yen: l.month_yen as f64,
            to_date_yen: l.to_date_yen as f64,
            variance_yen: l.variance_yen as f64,
            execution: l.execution_permille.map_or("—".to_string(), |p| {
                format!("{}.{}%", p / 10, p.rem_euclid(10))
            }),
        }
    }
}

/// The trial balance of a month (月次試算).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrialBalanceView {
    /// `令和7年6月`.
    pub month_name: String,
    /// Lines.
    pub lines: Vec<TrialBalanceLineView>,
    /// The total.
    pub total: TrialBalanceLineView,
}

impl From<&TrialBalance> for TrialBalanceView {
    fn from(t: &TrialBalance) -> Self {
        let first = chrono::NaiveDate::from_ymd_opt(t.year, t.month, 1);
        let month_name = first.map_or_else(String::new, |d| {
            let w = hotto::calendar::format_wareki(d);
            format!("{}月", w.split('月').next().unwrap_or(&w))
        });
        TrialBalanceView {
            month_name,
            lines: t.lines.iter().map(TrialBalanceLineView::from).collect(),
            total: TrialBalanceLineView::from(&t.total),
        }
    }
}
