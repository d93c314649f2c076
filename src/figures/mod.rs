//! The plan's figures (実績目標数) and the results report's breakdowns, counted from the data with
//! one set-based SQL query per figure (DOMAIN.md › Definitions of the plan's figures). Every figure
//! shown anywhere — dashboard, PDF, CLI — comes from these functions, so they can never disagree.

/// The one rule of being registered on a day, as SQL: a registration period (`$r`, the table
/// `client_registrations` by its name or an alias) started on or before `$day` and not closed
/// on or before it. A macro, so that every query that needs it (the figures, the caseloads,
/// the check-ins) stays a `const` built with `concat!` and the rule is written once.
macro_rules! registered_on_sql {
    ($r:literal, $day:literal) => {
        concat!(
            $r,
            ".registered_on <= ",
            $day,
            " AND (",
            $r,
            ".closed_on IS NULL OR ",
            $r,
            ".closed_on > ",
            $day,
            ")"
        )
    };
}
pub(crate) use registered_on_sql;

mod activities;
mod breakdowns;
mod five;
mod monthly;
mod periods;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::calendar::FiscalYear;
use crate::store::StoreError;
use crate::Result;

pub use activities::{
    commission_results, dropin_by_month, meetings_held, newsletters, CommissionResults,
    DropInMonth, MeetingKindCount, MetricResults, NewsletterIssue,
};
pub use breakdowns::{
    breakdowns, consultations_by_channel, disabilities, employments_started, follow_ups,
    separations, support_records, Breakdowns, ConsultationBreakdown, DisabilityBreakdown,
    EmploymentBreakdown, FollowUpBreakdown, HoursBand, KeyCount, PairCount, SeparationBreakdown,
    SupportRecordBreakdown,
};
pub use five::{
    continuing_employed_at, continuing_employed_at_end, five_figures, new_employed, new_inquiries,
    new_registrations, registered_at, registered_at_end, targets, Figure, FigureKind, FiveFigures,
    NewEmployed, Targets,
};
pub use monthly::{
    monthly, monthly_by_queries, year_by_month, MonthFigures, MonthValues, MonthlySeries,
    YearByMonth,
};

/// The days a fiscal-year figure counts as of `as_of`: from April 1 to the earlier of March 31
/// and `as_of`. `None` when `as_of` is before the year starts (every "new" count is then 0).
pub fn counted_days(fy: FiscalYear, as_of: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let to = stock_date(fy, as_of);
    (to >= fy.start()).then_some((fy.start(), to))
}

/// The day the stock figures (年度末登録者数, 継続就労者数) of `fy` are taken on as of `as_of`:
/// the end of the year, or `as_of` while the year is still running.
pub fn stock_date(fy: FiscalYear, as_of: NaiveDate) -> NaiveDate {
    fy.end().min(as_of)
}

/// The query plan SQLite chose for one figure's query (`EXPLAIN QUERY PLAN`), so that tests and
/// `doctor` can check that every figure stays on an index as the data grows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryPlan {
    /// Which query (`new_inquiries`, `breakdown.support_records`, …).
    pub name: &'static str,
    /// The plan's lines, as SQLite words them (`SEARCH clients USING COVERING INDEX …`).
    pub lines: Vec<String>,
}

impl QueryPlan {
    /// The tables the plan reads in full without an index (`SCAN t` lines without `USING`), by
    /// the name the query gives them (the figures' queries never alias a case table, so these
    /// are table names).
    pub fn full_scans(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter_map(|line| {
                let rest = line.trim().strip_prefix("SCAN ")?;
                if rest.contains(" USING ") {
                    return None;
                }
                let table = rest.split_whitespace().next().unwrap_or(rest);
                Some(table.to_string())
            })
            .collect()
    }
}

/// Every query of this module with its SQL, for [`query_plans`].
fn all_queries() -> Vec<(&'static str, &'static str)> {
    let mut all = five::QUERIES.to_vec();
    all.extend_from_slice(breakdowns::QUERIES);
    all.extend_from_slice(activities::QUERIES);
    all.extend_from_slice(monthly::QUERIES);
    all
}

/// The query plan of every figure and breakdown query on this database (with its statistics).
pub fn query_plans(conn: &Connection) -> Result<Vec<QueryPlan>> {
    all_queries()
        .into_iter()
        .map(|(name, sql)| {
            let lines = explain(conn, sql).map_err(StoreError::from)?;
            Ok(QueryPlan { name, lines })
        })
        .collect()
}

fn explain(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    // Any date will do: the plan depends on the shape of the query and the statistics.
    for index in 1..=stmt.parameter_count() {
        stmt.raw_bind_parameter(index, "2024-12-31")?;
    }
    let mut rows = stmt.raw_query();
    let mut lines = Vec::new();
    while let Some(row) = rows.next()? {
        lines.push(row.get::<_, String>(3)?);
    }
    Ok(lines)
}

/// The rows of one query, mapped.
pub(super) fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql).map_err(StoreError::from)?;
    let found = stmt
        .query_map(params, map)
        .map_err(StoreError::from)?
        .collect::<rusqlite::Result<Vec<T>>>()
        .map_err(StoreError::from)?;
    Ok(found)
}

/// A count from SQLite as the figures report it.
fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counted_days_end_at_the_as_of_date_or_the_end_of_the_year() {
        let fy = FiscalYear(2024);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            counted_days(fy, d("2024-12-31")),
            Some((d("2024-04-01"), d("2024-12-31")))
        );
        assert_eq!(
            counted_days(fy, d("2025-11-25")),
            Some((d("2024-04-01"), d("2025-03-31")))
        );
        assert_eq!(counted_days(fy, d("2024-03-31")), None);
        assert_eq!(stock_date(fy, d("2024-03-31")), d("2024-03-31"));
    }

    #[test]
    fn a_scan_through_an_index_is_not_a_full_scan() {
        let plan = QueryPlan {
            name: "x",
            lines: vec![
                "SCAN support_records".into(),
                "SCAN e USING COVERING INDEX employments_period".into(),
                "SEARCH clients USING INDEX clients_first_contact (first_contact_on>?)".into(),
            ],
        };
        assert_eq!(plan.full_scans(), vec!["support_records".to_string()]);
    }
}
