//! The director's staffing screen: staff, FTE allocations, the summary by role against the
//! plan (caseloads, open follow-ups) and the plan check. FTE travels as the core's text
//! (`0.8`) beside a number for charts, so sums are never redone in JavaScript.

use hotto::plan::PlanDifference;
use hotto::staff::{Allocation, Fte, FteSummary, RoleTotal, StaffLine, StaffMember, StaffRole};
use serde::{Deserialize, Serialize};

use super::DateView;

/// A staff member.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffMemberView {
    /// Id.
    pub id: String,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// 退職日, if they left.
    pub left_on: Option<DateView>,
}

impl From<&StaffMember> for StaffMemberView {
    fn from(s: &StaffMember) -> Self {
        StaffMemberView {
            id: s.id.to_string(),
            name: s.name.clone(),
            kana: s.kana.clone(),
            left_on: s.left_on.map(DateView::from),
        }
    }
}

/// A post a person can be allocated to, for a select.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffRoleOption {
    /// The value commands take (`employment_coordinator`).
    pub value: String,
    /// 就労支援コーディネーター.
    pub label: String,
}

/// Every post, in the plan's order.
pub fn role_options() -> Vec<StaffRoleOption> {
    StaffRole::ALL
        .iter()
        .map(|r| StaffRoleOption {
            value: r.as_db().to_string(),
            label: r.label_ja().to_string(),
        })
        .collect()
}

/// An allocation (配置).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AllocationView {
    /// Id.
    pub id: String,
    /// The staff member.
    pub staff_id: String,
    /// Their name.
    pub staff_name: String,
    /// The post's value.
    pub role: String,
    /// The post in Japanese.
    pub role_label: String,
    /// FTE as text, `0.8`.
    pub fte: String,
    /// First day.
    pub from_on: DateView,
    /// Last day, if it ends.
    pub to_on: Option<DateView>,
    /// 兼務.
    pub concurrent_post: String,
}

impl From<&Allocation> for AllocationView {
    fn from(a: &Allocation) -> Self {
        AllocationView {
            id: a.id.to_string(),
            staff_id: a.staff_id.to_string(),
            staff_name: a.staff_name.clone(),
            role: a.role.as_db().to_string(),
            role_label: a.role.label_ja().to_string(),
            fte: a.fte.to_string(),
            from_on: a.from_on.into(),
            to_on: a.to_on.map(DateView::from),
            concurrent_post: a.concurrent_post.clone(),
        }
    }
}

/// The corrected state of an allocation as typed on the screen (the person stays).
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AllocationEditInput {
    /// The post's value.
    pub role: String,
    /// FTE as typed (`0.8`, `０．５`).
    pub fte: String,
    /// First day, ISO.
    pub from_on: String,
    /// Last day, ISO, or none while it runs on.
    pub to_on: Option<String>,
    /// 兼務 (may be empty).
    pub concurrent_post: String,
}

/// A new allocation as typed on the screen.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AllocationInput {
    /// The staff member's id.
    pub staff_id: String,
    /// The post's value.
    pub role: String,
    /// FTE as typed (`0.8`, `０．５`).
    pub fte: String,
    /// First day, ISO.
    pub from_on: String,
    /// Last day, ISO, or none.
    pub to_on: Option<String>,
    /// 兼務 (may be empty).
    pub concurrent_post: String,
}

fn fte_number(fte: Fte) -> f64 {
    f64::from(fte.milli()) / 1000.0
}

/// One person in the summary.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffLineView {
    /// The staff member's id.
    pub staff_id: String,
    /// 氏名.
    pub name: String,
    /// Their posts with FTE, `就労支援コーディネーター 0.8`.
    pub posts: Vec<String>,
    /// Their FTE on the day.
    pub total_fte: String,
    /// Registered clients with them as main staff.
    pub caseload: u32,
    /// Caseload per FTE, one decimal (`None` without FTE).
    pub caseload_per_fte: Option<String>,
    /// Open follow-ups assigned to them.
    pub open_follow_ups: u32,
    /// Of which overdue.
    pub overdue_follow_ups: u32,
}

impl From<&StaffLine> for StaffLineView {
    fn from(s: &StaffLine) -> Self {
        StaffLineView {
            staff_id: s.staff_id.to_string(),
            name: s.name.clone(),
            posts: s
                .roles
                .iter()
                .map(|r| format!("{} {}", r.role.label_ja(), r.fte))
                .collect(),
            total_fte: s.total_fte.to_string(),
            caseload: s.caseload,
            caseload_per_fte: s.caseload_per_fte.map(|c| format!("{c:.1}")),
            open_follow_ups: s.open_follow_ups,
            overdue_follow_ups: s.overdue_follow_ups,
        }
    }
}

/// One post's total against the plan.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RoleTotalView {
    /// The post's value.
    pub role: String,
    /// The post in Japanese.
    pub role_label: String,
    /// People holding it.
    pub head_count: u32,
    /// FTE as text.
    pub fte: String,
    /// FTE as a number, for the chart.
    pub fte_value: f64,
    /// The plan's head count.
    pub plan_head_count: Option<u32>,
    /// The plan's FTE as text.
    pub plan_fte: Option<String>,
    /// The plan's FTE as a number, for the chart.
    pub plan_fte_value: Option<f64>,
    /// FTE minus plan, signed text (`+0.2`).
    pub fte_difference: Option<String>,
}

impl From<&RoleTotal> for RoleTotalView {
    fn from(r: &RoleTotal) -> Self {
        RoleTotalView {
            role: r.role.as_db().to_string(),
            role_label: r.role.label_ja().to_string(),
            head_count: r.head_count,
            fte: r.fte.to_string(),
            fte_value: fte_number(r.fte),
            plan_head_count: r.plan_head_count,
            plan_fte: r.plan_fte.map(|f| f.to_string()),
            plan_fte_value: r.plan_fte.map(fte_number),
            fte_difference: r.fte_difference.map(|d| d.to_string()),
        }
    }
}

/// The staffing summary on a day (also what a tried change would give).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FteSummaryView {
    /// The day.
    pub date: DateView,
    /// The fiscal year's name, 令和7年度.
    pub fiscal_year_name: String,
    /// People.
    pub staff: Vec<StaffLineView>,
    /// Posts against the plan.
    pub roles: Vec<RoleTotalView>,
    /// Head count.
    pub total_head_count: u32,
    /// Total FTE as text.
    pub total_fte: String,
    /// The plan's head count.
    pub plan_head_count: Option<u32>,
    /// The plan's total FTE.
    pub plan_fte: Option<String>,
    /// Registered clients on the day with a main staff member or not.
    pub total_caseload: u32,
    /// Registered clients without a main staff member.
    pub clients_without_main_staff: u32,
    /// Open follow-ups nobody is assigned to.
    pub unassigned_open_follow_ups: u32,
}

impl From<&FteSummary> for FteSummaryView {
    fn from(s: &FteSummary) -> Self {
        FteSummaryView {
            date: s.date.into(),
            fiscal_year_name: s.fiscal_year.name_wareki(),
            staff: s.staff.iter().map(StaffLineView::from).collect(),
            roles: s.roles.iter().map(RoleTotalView::from).collect(),
            total_head_count: s.total_head_count,
            total_fte: s.total_fte.to_string(),
            plan_head_count: s.plan_head_count,
            plan_fte: s.plan_fte.map(|f| f.to_string()),
            total_caseload: s.total_caseload,
            clients_without_main_staff: s.clients_without_main_staff,
            unassigned_open_follow_ups: s.unassigned_open_follow_ups,
        }
    }
}

/// A place where the plan's stated number differs from the data.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlanDifferenceView {
    /// The number the plan states.
    pub stated: String,
    /// The number found.
    pub found: String,
    /// The difference in Japanese.
    pub description: String,
}

impl From<&PlanDifference> for PlanDifferenceView {
    fn from(d: &PlanDifference) -> Self {
        PlanDifferenceView {
            stated: d.stated.clone(),
            found: d.found.clone(),
            description: d.description_ja.clone(),
        }
    }
}

/// Everything the staffing screen shows for a day.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffOverview {
    /// The summary on the day.
    pub summary: FteSummaryView,
    /// Every allocation, by person and start.
    pub allocations: Vec<AllocationView>,
    /// Everyone on the staff list.
    pub staff: Vec<StaffMemberView>,
    /// The posts, for the form.
    pub roles: Vec<StaffRoleOption>,
    /// The plan check of the day's fiscal year (`None`: no plan for that year).
    pub plan_differences: Option<Vec<PlanDifferenceView>>,
}

/// A registered client of a staff member, for choosing whom to reassign.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseloadClientView {
    /// Client id.
    pub id: String,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
}
