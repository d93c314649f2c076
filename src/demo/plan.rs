//! The demo's 令和7年度 business plan — the seed's own, through `plan::seed_plan_fy2025`
//! (targets 100/50/50/700/450, ten staff and "8.4" FTE against 8.2 by allocation, 666/452 on
//! 2024-12-31) — and a fictional budget with monthly actuals.

use chrono::{Months, NaiveDate};

use super::rng::Rng;
use crate::calendar::FiscalYear;
use crate::plan::BudgetLineInput;
use crate::session::Session;
use crate::store::Store;
use crate::Result;

/// The plan's fiscal year.
pub(super) const PLAN_YEAR: FiscalYear = FiscalYear(2025);

const BUDGET: &[(&str, i64)] = &[
    ("人件費", 46_800_000),
    ("事務費", 2_400_000),
    ("事業費", 1_800_000),
    ("委託事業費", 4_200_000),
    ("水道光熱費", 960_000),
    ("賃借料", 2_640_000),
];

/// The seed's 令和7年度 plan, entered by the plan module exactly as a director would, and
/// the budget with actuals for every month finished by `today`.
pub(super) fn plan(
    store: &mut Store,
    director: &Session,
    today: NaiveDate,
    rng: &mut Rng,
) -> Result<()> {
    crate::plan::seed_plan_fy2025(store, director)?;
    for (sort, &(name, yen)) in BUDGET.iter().enumerate() {
        let line = BudgetLineInput {
            name: name.to_string(),
            sort: sort as i64 + 1,
            budget_yen: yen,
        };
        let line_id = crate::plan::add_budget_line(store, director, PLAN_YEAR, &line)?;
        for (year, month) in PLAN_YEAR.months() {
            let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
                continue;
            };
            let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
            if next > today {
                break;
            }
            let monthly = yen / 12;
            let amount = monthly + rng.between(-monthly / 10, monthly / 10);
            crate::plan::set_budget_actual(store, director, &line_id, year, month, amount)?;
        }
    }
    Ok(())
}
