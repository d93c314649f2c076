//! The five figures month by month, April to March: the new counts of each month and the stock
//! figures at each month's end, and the year's five figures from April to each month's end. All
//! of them come from one pass: the year's new registrations, employments and first contacts read
//! once, the periods overlapping the year read once ([`Periods`]), and counted per month in Rust.
//! [`monthly_by_queries`] counts each month with the yearly figures' own queries: it is the
//! reference the one pass is tested against.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::five::{new_employed_between, new_inquiries_between, new_registrations_between};
use super::periods::{Periods, EMPLOYMENTS_OVERLAPPING, REGISTRATIONS_OVERLAPPING};
use super::{continuing_employed_at, count, registered_at, rows, stock_date, targets};
use super::{Figure, FiveFigures, Targets};
use crate::calendar::{add_months, FiscalYear};
use crate::Result;

/// First contacts in `?1..=?2` (a client is one row: each date is one distinct client).
pub(super) const FIRST_CONTACTS: &str =
    "SELECT first_contact_on FROM clients WHERE first_contact_on BETWEEN ?1 AND ?2";

/// Registration periods starting in `?1..=?2`, with their client.
pub(super) const REGISTRATIONS_STARTED: &str = "SELECT client_id, registered_on
     FROM client_registrations INDEXED BY client_registrations_period
     WHERE registered_on BETWEEN ?1 AND ?2";

/// Employments starting in `?1..=?2`, with their client.
pub(super) const EMPLOYMENTS_STARTED: &str = "SELECT client_id, started_on
     FROM employments INDEXED BY employments_period
     WHERE started_on BETWEEN ?1 AND ?2";

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

/// The queries of the one pass, for [`super::query_plans`].
pub(super) const QUERIES: &[(&str, &str)] = &[
    ("monthly.first_contacts", FIRST_CONTACTS),
    ("monthly.registrations_started", REGISTRATIONS_STARTED),
    ("monthly.employments_started", EMPLOYMENTS_STARTED),
    (
        "monthly.registrations_overlapping",
        REGISTRATIONS_OVERLAPPING,
    ),
    ("monthly.employments_overlapping", EMPLOYMENTS_OVERLAPPING),
];

/// A month's first day and last day counted.
type Span = (NaiveDate, NaiveDate);

/// The monthly series and the year's five figures to each month's end, from one pass.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearByMonth {
    /// The months, April to March.
    pub monthly: MonthlySeries,
    /// The five figures from April to each month's end (to the as-of date in its month), as
    /// [`super::five_figures`] gives them as of that day; `None` for months not begun.
    pub year_to_date: Vec<Option<FiveFigures>>,
}

/// The figures of `fy` month by month as of `as_of`. A month's new counts are distinct within the
/// month, so twelve months may add up to more than the year (a client who starts two jobs in
/// different months counts in each).
pub fn monthly(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<MonthlySeries> {
    Ok(year_by_month(conn, fy, as_of)?.monthly)
}

/// The monthly series of `fy` as of `as_of` and the five figures from April to each month's end,
/// read in one pass (five index range reads, whatever the number of months).
pub fn year_by_month(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<YearByMonth> {
    // The last day counted of each month begun on the as-of date.
    let counted: Vec<(i32, u32, Option<Span>)> = fy
        .months()
        .into_iter()
        .map(|(year, month)| {
            let span = first_of_month(year, month)
                .filter(|first| *first <= as_of)
                .map(|first| {
                    let end = add_months(first, 1).pred_opt().unwrap_or(first);
                    (first, end.min(as_of))
                });
            (year, month, span)
        })
        .collect();
    let Some(last) = counted.iter().filter_map(|(_, _, s)| s.map(|s| s.1)).max() else {
        return Ok(YearByMonth {
            monthly: MonthlySeries {
                fiscal_year: fy,
                as_of,
                months: counted
                    .iter()
                    .map(|&(year, month, _)| MonthFigures {
                        year,
                        month,
                        figures: None,
                    })
                    .collect(),
            },
            year_to_date: vec![None; counted.len()],
        });
    };
    let pass = Pass::read(conn, fy.start(), last)?;
    let targets = targets(conn, fy)?;
    let mut months = Vec::with_capacity(counted.len());
    let mut year_to_date = Vec::with_capacity(counted.len());
    for (year, month, span) in counted {
        let figures = span.map(|(first, to)| pass.month(first, to));
        months.push(MonthFigures {
            year,
            month,
            figures,
        });
        year_to_date.push(span.map(|(_, to)| pass.year_to(fy, to, targets.as_ref())));
    }
    Ok(YearByMonth {
        monthly: MonthlySeries {
            fiscal_year: fy,
            as_of,
            months,
        },
        year_to_date,
    })
}

/// What one pass reads: the year's starts (to its last counted day) and the periods open in it.
struct Pass {
    first_contacts: Vec<NaiveDate>,
    registrations: Starts,
    employments: Starts,
    periods: Periods,
}

/// Starts (of registrations or employments) in the counted days, by client.
struct Starts {
    /// Every start as (client, day).
    all: Vec<(usize, NaiveDate)>,
    /// Each client's first start in the counted days.
    first: Vec<NaiveDate>,
}

impl Starts {
    fn read(conn: &Connection, sql: &str, from: NaiveDate, to: NaiveDate) -> Result<Starts> {
        let raw = rows(conn, sql, params![from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDate>(1)?))
        })?;
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let mut first: Vec<NaiveDate> = Vec::new();
        let mut all = Vec::with_capacity(raw.len());
        for (client, day) in raw {
            let next = numbers.len();
            let n = *numbers.entry(client).or_insert(next);
            if n == first.len() {
                first.push(day);
            } else if day < first[n] {
                first[n] = day;
            }
            all.push((n, day));
        }
        Ok(Starts { all, first })
    }

    /// Distinct clients with a start in `from..=to`, and the starts.
    fn between(&self, from: NaiveDate, to: NaiveDate) -> (u32, u32) {
        let mut seen = vec![false; self.first.len()];
        let (mut clients, mut starts) = (0i64, 0i64);
        for &(client, day) in &self.all {
            if day < from || day > to {
                continue;
            }
            starts += 1;
            if !seen[client] {
                seen[client] = true;
                clients += 1;
            }
        }
        (count(clients), count(starts))
    }

    /// Distinct clients with a start on or before `to` (all starts read are in the year).
    fn clients_to(&self, to: NaiveDate) -> u32 {
        count(self.first.iter().filter(|d| **d <= to).count() as i64)
    }

    /// Starts on or before `to`.
    fn starts_to(&self, to: NaiveDate) -> u32 {
        count(self.all.iter().filter(|(_, d)| *d <= to).count() as i64)
    }
}

impl Pass {
    fn read(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Pass> {
        let first_contacts = rows(conn, FIRST_CONTACTS, params![from, to], |r| {
            r.get::<_, NaiveDate>(0)
        })?;
        // The first stock day is April's last counted day; the periods that matter are those
        // open on some day from it to the last.
        let april_end = add_months(from, 1).pred_opt().unwrap_or(from).min(to);
        Ok(Pass {
            first_contacts,
            registrations: Starts::read(conn, REGISTRATIONS_STARTED, from, to)?,
            employments: Starts::read(conn, EMPLOYMENTS_STARTED, from, to)?,
            periods: Periods::read(conn, april_end, to)?,
        })
    }

    fn inquiries_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let n = self
            .first_contacts
            .iter()
            .filter(|d| **d >= from && **d <= to)
            .count();
        count(n as i64)
    }

    fn month(&self, first: NaiveDate, to: NaiveDate) -> MonthValues {
        let (new_registrations, _) = self.registrations.between(first, to);
        let (new_employed, new_employment_starts) = self.employments.between(first, to);
        let stock = self.periods.stock_on(to);
        MonthValues {
            counted_to: to,
            new_inquiries: self.inquiries_between(first, to),
            new_registrations,
            new_employed,
            new_employment_starts,
            registered: stock.registered,
            continuing: stock.continuing,
        }
    }

    /// The five figures as [`super::five_figures`] gives them as of `to`.
    fn year_to(&self, fy: FiscalYear, to: NaiveDate, targets: Option<&Targets>) -> FiveFigures {
        let with = |actual: u32, target: fn(&Targets) -> u32| Figure {
            actual,
            target: targets.map(target),
        };
        let stock = self.periods.stock_on(to);
        FiveFigures {
            fiscal_year: fy,
            as_of: to,
            counted_to: stock_date(fy, to),
            new_inquiries: with(self.inquiries_between(fy.start(), to), |t| t.new_inquiries),
            new_registrations: with(self.registrations.clients_to(to), |t| t.new_registrations),
            new_employed: with(self.employments.clients_to(to), |t| t.new_employed),
            new_employment_starts: self.employments.starts_to(to),
            registered_end: with(stock.registered, |t| t.registered_end),
            continuing_end: with(stock.continuing, |t| t.continuing_end),
        }
    }
}

/// The figures of `fy` month by month as of `as_of`, each month counted with the yearly
/// figures' own queries (five queries a month). Slower than [`monthly`], and the reference its
/// one pass is tested against.
pub fn monthly_by_queries(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<MonthlySeries> {
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
