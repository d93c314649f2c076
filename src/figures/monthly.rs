//! The five figures month by month, April to March: the new counts of each month and the stock
//! figures at each month's end, from the same queries as the yearly figures.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::five::{new_employed_between, new_inquiries_between, new_registrations_between};
use super::{continuing_employed_at, registered_at};
use crate::calendar::{add_months, FiscalYear};
use crate::Result;

/// The figures of one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MonthValues {
    /// The last day counted: the month's end, or the as-of date in its own month.
    pub counted_to: NaiveDate,
    /// Distinct clients whose first consultation falls in the month.
    pub new_inquiries: u32,
    /// Distinct clients with a registration period starting in the month.
    pub new_registrations: u32,
    /// Distinct clients with an employment starting in the month.
    pub new_employed: u32,
    /// Employments started in the month.
    pub new_employment_starts: u32,
    /// Registered clients on `counted_to`.
    pub registered: u32,
    /// Clients in continuing employment on `counted_to`.
    pub continuing: u32,
}

/// One month of the series; months after the as-of date have no figures yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MonthFigures {
    /// Calendar year of the month.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// The figures, or `None` for a month that has not begun on the as-of date.
    pub figures: Option<MonthValues>,
}

/// A fiscal year's figures month by month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthlySeries {
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The as-of date asked for.
    pub as_of: NaiveDate,
    /// April to March.
    pub months: Vec<MonthFigures>,
}

/// The figures of `fy` month by month as of `as_of`. A month's new counts are distinct within the
/// month, so twelve months may add up to more than the year (a client who starts two jobs in
/// different months counts in each).
pub fn monthly(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<MonthlySeries> {
    let months = fy
        .months()
        .into_iter()
        .map(|(year, month)| month_figures(conn, year, month, as_of))
        .collect::<Result<_>>()?;
    Ok(MonthlySeries {
        fiscal_year: fy,
        as_of,
        months,
    })
}

fn month_figures(
    conn: &Connection,
    year: i32,
    month: u32,
    as_of: NaiveDate,
) -> Result<MonthFigures> {
    let first = first_of_month(year, month);
    let figures = match first {
        Some(first) if first <= as_of => {
            let end = add_months(first, 1).pred_opt().unwrap_or(first);
            Some(month_values(conn, first, end.min(as_of))?)
        }
        _ => None,
    };
    Ok(MonthFigures {
        year,
        month,
        figures,
    })
}

fn month_values(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<MonthValues> {
    let employed = new_employed_between(conn, from, to)?;
    Ok(MonthValues {
        counted_to: to,
        new_inquiries: new_inquiries_between(conn, from, to)?,
        new_registrations: new_registrations_between(conn, from, to)?,
        new_employed: employed.clients,
        new_employment_starts: employed.starts,
        registered: registered_at(conn, to)?,
        continuing: continuing_employed_at(conn, to)?,
    })
}

fn first_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}
