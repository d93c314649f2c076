//! The plan check: every place where a number the plan's text states differs from what its own
//! lines add up to or from the data (allocations, registrations, employments) on the day the
//! text names. The reference plan's role lines add up to 8.2 FTE while its total says 8.4:
//! such slips are listed here, never silently "corrected".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::{db, load_plan, Plan};
use crate::calendar::{format_wareki, FiscalYear};
use crate::session::Session;
use crate::staff::{Fte, StaffRole};
use crate::store::Store;
use crate::Result;

/// What a difference is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanItem {
    /// The role lines' head counts against the stated staff count.
    RoleHeadCountSum,
    /// The role lines' FTE against the stated total FTE.
    RoleFteSum,
    /// The stated staff count against the allocations.
    StaffCount,
    /// The stated total FTE against the allocations.
    TotalFte,
    /// A role line's head count against the allocations.
    RoleHeadCount,
    /// A role line's FTE against the allocations.
    RoleFte,
    /// A role held in the allocations that the plan has no line for.
    RoleMissing,
    /// The stated registered clients against the registrations.
    Registered,
    /// The stated clients in continuing employment against the employments.
    Continuing,
}

/// One place where the plan's stated number differs from what it is compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanDifference {
    /// What is compared.
    pub item: PlanItem,
    /// The role, for role lines.
    pub role: Option<StaffRole>,
    /// The number the plan states.
    pub stated: String,
    /// The number found (lines' sum or data).
    pub found: String,
    /// The difference explained in Japanese, for the director.
    pub description_ja: String,
}

/// Compares the fiscal year's plan with itself and with the data; an empty list means every
/// stated number agrees (any signed-in user may run it: it reads the plan and counts only).
pub fn plan_check(store: &Store, actor: &Session, fy: FiscalYear) -> Result<Vec<PlanDifference>> {
    store.read(actor, |conn| {
        let plan = load_plan(conn, fy)?;
        let mut out = Vec::new();
        check_lines_against_totals(&plan, &mut out);
        check_staffing_against_allocations(conn, &plan, &mut out)?;
        check_figures_against_data(conn, &plan, &mut out)?;
        Ok(out)
    })
}

fn check_lines_against_totals(plan: &Plan, out: &mut Vec<PlanDifference>) {
    if plan.staffing.is_empty() {
        return;
    }
    let heads: u32 = plan.staffing.iter().map(|l| l.head_count).sum();
    if let Some(stated) = plan.stated.staff_count {
        if stated != heads {
            out.push(PlanDifference {
                item: PlanItem::RoleHeadCountSum,
                role: None,
                stated: stated.to_string(),
                found: heads.to_string(),
                description_ja: format!(
                    "役割ごとの人数の合計は{heads}名ですが、計画書の職員数は{stated}名です"
                ),
            });
        }
    }
    let fte: Fte = plan.staffing.iter().map(|l| l.fte).sum();
    if let Some(stated) = plan.stated.total_fte {
        if stated != fte {
            out.push(PlanDifference {
                item: PlanItem::RoleFteSum,
                role: None,
                stated: stated.to_string(),
                found: fte.to_string(),
                description_ja: format!(
                    "役割ごとの常勤換算の合計は{fte}名ですが、計画書の合計は{stated}名です"
                ),
            });
        }
    }
}

/// Head count and FTE per role on `day`, and in total.
struct Staffing {
    by_role: BTreeMap<StaffRole, (u32, Fte)>,
    head_count: u32,
    fte: Fte,
}

fn staffing_on(conn: &Connection, day: NaiveDate) -> Result<Staffing> {
    const ON_DAY: &str = "from_on <= ?1 AND (to_on IS NULL OR to_on >= ?1)";
    let mut stmt = conn
        .prepare(&format!(
            "SELECT role, count(DISTINCT staff_id), sum(fte_milli) FROM fte_allocations
             WHERE {ON_DAY} GROUP BY role"
        ))
        .map_err(db)?;
    let rows = stmt
        .query_map([day], |r| {
            Ok((
                r.get::<_, StaffRole>(0)?,
                (r.get::<_, u32>(1)?, Fte::from_milli(r.get(2)?)),
            ))
        })
        .map_err(db)?;
    let by_role = rows.collect::<rusqlite::Result<_>>().map_err(db)?;
    let (head_count, fte) = conn
        .query_row(
            &format!(
                "SELECT count(DISTINCT staff_id), coalesce(sum(fte_milli), 0)
                 FROM fte_allocations WHERE {ON_DAY}"
            ),
            [day],
            |r| Ok((r.get::<_, u32>(0)?, Fte::from_milli(r.get(1)?))),
        )
        .map_err(db)?;
    Ok(Staffing {
        by_role,
        head_count,
        fte,
    })
}

fn check_staffing_against_allocations(
    conn: &Connection,
    plan: &Plan,
    out: &mut Vec<PlanDifference>,
) -> Result<()> {
    let day = plan
        .stated
        .staffing_as_of
        .unwrap_or_else(|| plan.fiscal_year.start());
    let on = format_wareki(day);
    let data = staffing_on(conn, day)?;
    let mut push = |item, role: Option<StaffRole>, stated: String, found: String| {
        let what = match (item, role) {
            (PlanItem::StaffCount, _) => "職員数".to_string(),
            (PlanItem::TotalFte, _) => "常勤換算の合計".to_string(),
            (PlanItem::RoleHeadCount, Some(r)) => format!("{}の人数", r.label_ja()),
            (_, Some(r)) => format!("{}の常勤換算", r.label_ja()),
            _ => String::new(),
        };
        out.push(PlanDifference {
            description_ja: format!(
                "{on}現在の{what}は、配置データでは{found}名ですが、計画書では{stated}名です"
            ),
            item,
            role,
            stated,
            found,
        });
    };
    if let Some(stated) = plan.stated.staff_count {
        if stated != data.head_count {
            push(
                PlanItem::StaffCount,
                None,
                stated.to_string(),
                data.head_count.to_string(),
            );
        }
    }
    if let Some(stated) = plan.stated.total_fte {
        if stated != data.fte {
            push(
                PlanItem::TotalFte,
                None,
                stated.to_string(),
                data.fte.to_string(),
            );
        }
    }
    for line in &plan.staffing {
        let (heads, fte) = data
            .by_role
            .get(&line.role)
            .copied()
            .unwrap_or((0, Fte::ZERO));
        if heads != line.head_count {
            push(
                PlanItem::RoleHeadCount,
                Some(line.role),
                line.head_count.to_string(),
                heads.to_string(),
            );
        }
        if fte != line.fte {
            push(
                PlanItem::RoleFte,
                Some(line.role),
                line.fte.to_string(),
                fte.to_string(),
            );
        }
    }
    if !plan.staffing.is_empty() {
        for (&role, &(heads, fte)) in &data.by_role {
            if plan.staffing.iter().all(|l| l.role != role) {
                out.push(PlanDifference {
                    item: PlanItem::RoleMissing,
                    role: Some(role),
                    stated: "0".to_string(),
                    found: heads.to_string(),
                    description_ja: format!(
                        "{on}現在の{}は、配置データでは{heads}名（常勤換算{fte}名）ですが、計画書に記載がありません",
                        role.label_ja()
                    ),
                });
            }
        }
    }
    Ok(())
}

fn check_figures_against_data(
    conn: &Connection,
    plan: &Plan,
    out: &mut Vec<PlanDifference>,
) -> Result<()> {
    let Some(day) = plan.stated.figures_as_of else {
        return Ok(());
    };
    let on = format_wareki(day);
    let pairs = [
        (
            PlanItem::Registered,
            "利用登録者数",
            plan.stated.registered,
            crate::figures::registered_at as fn(&Connection, NaiveDate) -> Result<u32>,
        ),
        (
            PlanItem::Continuing,
            "継続就労者数",
            plan.stated.continuing,
            crate::figures::continuing_employed_at,
        ),
    ];
    for (item, label, stated, count) in pairs {
        let Some(stated) = stated else { continue };
        let found = count(conn, day)?;
        if found != stated {
            out.push(PlanDifference {
                item,
                role: None,
                stated: stated.to_string(),
                found: found.to_string(),
                description_ja: format!(
                    "{on}現在の{label}は、データでは{found}名ですが、計画書では{stated}名です"
                ),
            });
        }
    }
    Ok(())
}
