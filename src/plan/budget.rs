//! 月次試算: the plan's budget lines, their monthly actuals, and the trial balance reported at
//! each month's staff meeting — budget, actual to date and what remains, per line. Money is in
//! whole yen (integers), so every total is exact.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{db, plan_id, write_plan};
use crate::calendar::FiscalYear;
use crate::error::{Field, Problem};
use crate::ids::BudgetLineId;
use crate::session::Session;
use crate::store::Store;
use crate::{CoreError, Result};

/// 予算科目.
pub const LINE: Field = Field::new("budget_line", "予算科目");
/// 科目名.
pub const LINE_NAME: Field = Field::new("name", "科目名");
/// 予算額.
pub const BUDGET: Field = Field::new("budget_yen", "予算額");
/// 実績額.
pub const AMOUNT: Field = Field::new("amount_yen", "実績額");
/// 月.
pub const MONTH: Field = Field::new("month", "月");
/// 表示順.
pub const SORT: Field = Field::new("sort", "表示順");

/// The largest amount of yen accepted on a line (a thousand billion: far beyond any center).
const MAX_YEN: i64 = 100_000_000_000;

/// A budget line and the new state of one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLineInput {
    /// 科目名, e.g. 人件費.
    pub name: String,
    /// Order in the trial balance.
    pub sort: i64,
    /// 予算額 for the fiscal year, in yen.
    pub budget_yen: i64,
}

/// A budget line with its twelve monthly actuals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BudgetLine {
    /// Id.
    pub id: BudgetLineId,
    /// 科目名.
    pub name: String,
    /// Order.
    pub sort: i64,
    /// 予算額.
    pub budget_yen: i64,
    /// Actuals April to March (`None`: not entered).
    pub actuals: [Option<i64>; 12],
}

/// The trial balance of a month (月次試算).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrialBalance {
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// Calendar year of the month.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// Months of the fiscal year up to and including this one (April = 1).
    pub months_elapsed: u32,
    /// One line per budget line, in order.
    pub lines: Vec<TrialBalanceLine>,
    /// The sum of the lines (named 合計, no id).
    pub total: TrialBalanceLine,
}

/// One line of the trial balance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TrialBalanceLine {
    /// The budget line (`None` for the total).
    pub line_id: Option<BudgetLineId>,
    /// 科目名.
    pub name: String,
    /// 予算額 for the year.
    pub budget_yen: i64,
    /// 当月実績.
    pub month_yen: i64,
    /// 累計実績: April to this month.
    pub to_date_yen: i64,
    /// 予算残額: budget − actual to date.
    pub variance_yen: i64,
    /// The budget spread evenly to this month: budget × months elapsed ÷ 12, rounded down.
    pub pro_rata_budget_yen: i64,
    /// 計画比差異: pro-rata budget − actual to date (negative: spending runs ahead of plan).
    pub pro_rata_variance_yen: i64,
    /// 執行率 in tenths of a percent (actual to date ÷ budget); `None` for a zero budget.
    pub execution_permille: Option<i64>,
}

fn check_yen(field: Field, value: i64, min: i64) -> Result<()> {
    if !(min..=MAX_YEN).contains(&value) {
        return Err(CoreError::invalid(
            field,
            Problem::OutOfRange { min, max: MAX_YEN },
        ));
    }
    Ok(())
}

fn validate(input: &BudgetLineInput) -> Result<BudgetLineInput> {
    check_yen(BUDGET, input.budget_yen, 0)?;
    if !(0..=10_000).contains(&input.sort) {
        return Err(CoreError::invalid(
            SORT,
            Problem::OutOfRange {
                min: 0,
                max: 10_000,
            },
        ));
    }
    Ok(BudgetLineInput {
        name: crate::text::single_line(LINE_NAME, &input.name, 50)?,
        ..input.clone()
    })
}

fn map_duplicate(e: rusqlite::Error) -> CoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
        CoreError::Duplicate { what: LINE_NAME }
    } else {
        db(e)
    }
}

/// Adds a budget line to the fiscal year's plan (director only).
pub fn add_budget_line(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    input: &BudgetLineInput,
) -> Result<BudgetLineId> {
    let input = validate(input)?;
    let line_id = BudgetLineId::new();
    write_plan(
        store,
        actor,
        fy,
        "budget_line.add",
        "budget line added",
        |tx, plan| {
            tx.conn()
                .execute(
                    "INSERT INTO budget_lines (id, plan_id, name, sort, budget_yen, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        line_id,
                        plan,
                        input.name,
                        input.sort,
                        input.budget_yen,
                        tx.now(),
                        tx.actor().user_id()
                    ],
                )
                .map_err(map_duplicate)?;
            Ok(())
        },
    )?;
    Ok(line_id)
}

/// Changes a budget line's name, order and budget (director only).
pub fn update_budget_line(
    store: &mut Store,
    actor: &Session,
    id: &BudgetLineId,
    input: &BudgetLineInput,
) -> Result<()> {
    actor.require_director("change the budget")?;
    let input = validate(input)?;
    store.write(actor, |tx| {
        let changed = tx
            .conn()
            .execute(
                "UPDATE budget_lines SET name = ?2, sort = ?3, budget_yen = ?4,
                        updated_at = ?5, updated_by = ?6
                 WHERE id = ?1",
                params![
                    id,
                    input.name,
                    input.sort,
                    input.budget_yen,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(map_duplicate)?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: LINE });
        }
        tx.audit(
            "budget_line.update",
            "budget_line",
            Some(id.as_str()),
            "budget line changed",
        )
    })
}

/// The `YYYY-MM` key of a month, or the month's input error.
pub(crate) fn month_key(year: i32, month: u32) -> Result<(String, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(CoreError::invalid(
        MONTH,
        Problem::OutOfRange { min: 1, max: 12 },
    ))?;
    crate::staff::plausible_date(MONTH, first)?;
    Ok((format!("{year:04}-{month:02}"), first))
}

/// Enters (or corrects) a line's actual for a month of its fiscal year (director only).
pub fn set_budget_actual(
    store: &mut Store,
    actor: &Session,
    line_id: &BudgetLineId,
    year: i32,
    month: u32,
    amount_yen: i64,
) -> Result<()> {
    actor.require_director("enter budget actuals")?;
    let (key, first) = month_key(year, month)?;
    check_yen(AMOUNT, amount_yen, -MAX_YEN)?;
    store.write(actor, |tx| {
        let fy: i32 = tx
            .conn()
            .query_row(
                "SELECT p.fiscal_year FROM budget_lines l JOIN plans p ON p.id = l.plan_id
                 WHERE l.id = ?1",
                [line_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(db)?
            .ok_or(CoreError::NotFound { what: LINE })?;
        let fy = FiscalYear(fy);
        if !fy.contains(first) {
            return Err(CoreError::rule(
                "the month is outside the budget line's fiscal year",
                format!(
                    "{}の予算科目には、{}4月から翌年3月までの実績を入力してください。",
                    fy.name_wareki(),
                    fy.name_wareki().trim_end_matches('度')
                ),
            ));
        }
        tx.conn()
            .execute(
                "INSERT INTO budget_actuals (id, line_id, month, amount_yen, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (line_id, month) DO UPDATE SET amount_yen = excluded.amount_yen,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![
                    crate::ids::new_id(),
                    line_id,
                    key,
                    amount_yen,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(db)?;
        tx.audit(
            "budget_actual.set",
            "budget_line",
            Some(line_id.as_str()),
            &format!("actual for {key} set"),
        )
    })
}

/// The fiscal year's budget lines with their monthly actuals (any signed-in user).
pub fn budget_lines(store: &Store, actor: &Session, fy: FiscalYear) -> Result<Vec<BudgetLine>> {
    store.read(actor, |conn| {
        let plan = plan_id(conn, fy)?;
        let mut stmt = conn
            .prepare(
                "SELECT l.id, l.name, l.sort, l.budget_yen, a.month, a.amount_yen
                 FROM budget_lines l LEFT JOIN budget_actuals a ON a.line_id = l.id
                 WHERE l.plan_id = ?1
                 ORDER BY l.sort, l.name, l.id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([plan], |r| {
                Ok((
                    r.get::<_, BudgetLineId>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                ))
            })
            .map_err(db)?;
        let months = fy.months().map(|(y, m)| format!("{y:04}-{m:02}"));
        let mut lines: Vec<BudgetLine> = Vec::new();
        for row in rows {
            let (id, name, sort, budget_yen, month, amount) = row.map_err(db)?;
            if lines.last().is_none_or(|l| l.id != id) {
                lines.push(BudgetLine {
                    id,
                    name,
                    sort,
                    budget_yen,
                    actuals: [None; 12],
                });
            }
            if let (Some(month), Some(amount), Some(line)) = (month, amount, lines.last_mut()) {
                if let Some(i) = months.iter().position(|m| *m == month) {
                    line.actuals[i] = Some(amount);
                }
            }
        }
        Ok(lines)
    })
}

/// The trial balance of a month: per line, budget, this month's actual, actual to date and
/// what remains (any signed-in user: it is reported at the staff meeting).
pub fn trial_balance(
    store: &Store,
    actor: &Session,
    year: i32,
    month: u32,
) -> Result<TrialBalance> {
    month_key(year, month)?;
    store.read(actor, |conn| {
        compute_trial_balance(conn, year, month)?.ok_or(CoreError::NotFound {
            what: super::fields::PLAN,
        })
    })
}

/// The trial balance, or `None` when the month's fiscal year has no plan.
pub(crate) fn compute_trial_balance(
    conn: &Connection,
    year: i32,
    month: u32,
) -> Result<Option<TrialBalance>> {
    let (key, first) = month_key(year, month)?;
    let fy = FiscalYear::of(first);
    let Ok(plan) = plan_id(conn, fy) else {
        return Ok(None);
    };
    let start = format!("{:04}-04", fy.year());
    let months_elapsed = fy
        .months()
        .iter()
        .position(|&(y, m)| y == year && m == month)
        .map_or(12, |i| i as u32 + 1);
    let mut stmt = conn
        .prepare(
            "SELECT l.id, l.name, l.budget_yen,
                    coalesce(sum(CASE WHEN a.month = ?2 THEN a.amount_yen END), 0),
                    coalesce(sum(a.amount_yen), 0)
             FROM budget_lines l
             LEFT JOIN budget_actuals a ON a.line_id = l.id AND a.month >= ?3 AND a.month <= ?2
             WHERE l.plan_id = ?1
             GROUP BY l.id
             ORDER BY l.sort, l.name, l.id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map(params![plan, key, start], |r| {
            Ok(line(
                Some(r.get(0)?),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                months_elapsed,
            ))
        })
        .map_err(db)?;
    let lines = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)?;
    let sum = |f: fn(&TrialBalanceLine) -> i64| lines.iter().map(f).sum::<i64>();
    let total = line(
        None,
        "合計".to_string(),
        sum(|l| l.budget_yen),
        sum(|l| l.month_yen),
        sum(|l| l.to_date_yen),
        months_elapsed,
    );
    Ok(Some(TrialBalance {
        fiscal_year: fy,
        year,
        month,
        months_elapsed,
        lines,
        total,
    }))
}

fn line(
    line_id: Option<BudgetLineId>,
    name: String,
    budget_yen: i64,
    month_yen: i64,
    to_date_yen: i64,
    months_elapsed: u32,
) -> TrialBalanceLine {
    let pro_rata_budget_yen = budget_yen * i64::from(months_elapsed) / 12;
    TrialBalanceLine {
        line_id,
        name,
        budget_yen,
        month_yen,
        to_date_yen,
        variance_yen: budget_yen - to_date_yen,
        pro_rata_budget_yen,
        pro_rata_variance_yen: pro_rata_budget_yen - to_date_yen,
        execution_permille: (budget_yen != 0).then(|| to_date_yen * 1000 / budget_yen),
    }
}
