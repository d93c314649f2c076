//! The five figures of the plan (新規相談者数, うち新規登録者数, 新規就労者数, 年度末登録者数,
//! 継続就労者数), each one function over one query, with the plan's targets beside them.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{count, counted_days, stock_date};
use crate::calendar::FiscalYear;
use crate::store::StoreError;
use crate::Result;

/// Clients are one row each, so counting rows counts distinct clients.
const NEW_INQUIRIES: &str = "SELECT count(*) FROM clients WHERE first_contact_on BETWEEN ?1 AND ?2";

const NEW_REGISTRATIONS: &str = "SELECT count(DISTINCT client_id) FROM client_registrations
     WHERE registered_on BETWEEN ?1 AND ?2";

const NEW_EMPLOYED: &str = "SELECT count(DISTINCT client_id), count(*) FROM employments
     WHERE started_on BETWEEN ?1 AND ?2";

/// Registered on a day: a period started on or before it and not closed on or before it.
/// `INDEXED BY` holds the query to the period index (migration 0005), which answers it alone;
/// left to itself the planner walks the client index for the DISTINCT, reading every row.
const REGISTERED_AT: &str = concat!(
    "SELECT count(DISTINCT client_id)
     FROM client_registrations INDEXED BY client_registrations_period
     WHERE ",
    registered_on_sql!("client_registrations", "?1")
);

/// In continuing employment on a day: registered on it, with an employment started on or before
/// it and not ended on or before it. Two jobs at once count once.
const CONTINUING_AT: &str = concat!(
    "SELECT count(DISTINCT employments.client_id)
     FROM employments INDEXED BY employments_period
     WHERE employments.started_on <= ?1
       AND (employments.ended_on IS NULL OR employments.ended_on > ?1)
       AND EXISTS (SELECT 1 FROM client_registrations
                   WHERE client_registrations.client_id = employments.client_id
                     AND ",
    registered_on_sql!("client_registrations", "?1"),
    ")"
);

const TARGETS: &str = "SELECT target_new_inquiries, target_new_registrations, target_new_employed,
        target_registered_end, target_continuing_end
     FROM plans WHERE fiscal_year = ?1";

/// The queries of this file, for [`super::query_plans`].
pub(super) const QUERIES: &[(&str, &str)] = &[
    ("new_inquiries", NEW_INQUIRIES),
    ("new_registrations", NEW_REGISTRATIONS),
    ("new_employed", NEW_EMPLOYED),
    ("registered_at", REGISTERED_AT),
    ("continuing_employed_at", CONTINUING_AT),
    ("targets", TARGETS),
];

/// 新規就労者数: distinct clients with an employment starting in the period, and the number of
/// starts (shown beside it: a client may start two jobs in one year).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NewEmployed {
    /// Distinct clients.
    pub clients: u32,
    /// Employments started.
    pub starts: u32,
}

/// The targets of a year's plan (実績目標数).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Targets {
    /// 新規相談者数.
    pub new_inquiries: u32,
    /// うち新規登録者数.
    pub new_registrations: u32,
    /// 新規就労者数.
    pub new_employed: u32,
    /// 年度終了時点での登録者数.
    pub registered_end: u32,
    /// 年度終了時点での継続就労者数.
    pub continuing_end: u32,
}

/// One figure and, when the year has a plan, its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// What the data gives.
    pub actual: u32,
    /// What the plan aims for.
    pub target: Option<u32>,
}

/// Which of the five figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// 新規相談者数.
    NewInquiries,
    /// うち新規登録者数.
    NewRegistrations,
    /// 新規就労者数.
    NewEmployed,
    /// 年度末登録者数.
    RegisteredEnd,
    /// 継続就労者数.
    ContinuingEnd,
}

impl FigureKind {
    /// The name the plan uses.
    pub fn label_ja(self) -> &'static str {
        match self {
            FigureKind::NewInquiries => "新規相談者数",
            FigureKind::NewRegistrations => "うち新規登録者数",
            FigureKind::NewEmployed => "新規就労者数",
            FigureKind::RegisteredEnd => "年度末登録者数",
            FigureKind::ContinuingEnd => "継続就労者数",
        }
    }
}

/// The five figures of a fiscal year as of a date, with the plan's targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FiveFigures {
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The as-of date asked for.
    pub as_of: NaiveDate,
    /// The last day counted, and the day the stock figures are taken on: the end of the year, or
    /// `as_of` while the year runs.
    pub counted_to: NaiveDate,
    /// 新規相談者数.
    pub new_inquiries: Figure,
    /// うち新規登録者数.
    pub new_registrations: Figure,
    /// 新規就労者数 (distinct clients).
    pub new_employed: Figure,
    /// Employments started in the year (beside 新規就労者数).
    pub new_employment_starts: u32,
    /// 年度末登録者数 (on `counted_to`).
    pub registered_end: Figure,
    /// 継続就労者数 (on `counted_to`).
    pub continuing_end: Figure,
}

impl FiveFigures {
    /// The five figures in the plan's order, for tables.
    pub fn rows(&self) -> [(FigureKind, Figure); 5] {
        [
            (FigureKind::NewInquiries, self.new_inquiries),
            (FigureKind::NewRegistrations, self.new_registrations),
            (FigureKind::NewEmployed, self.new_employed),
            (FigureKind::RegisteredEnd, self.registered_end),
            (FigureKind::ContinuingEnd, self.continuing_end),
        ]
    }
}

/// 新規相談者数: distinct clients whose first consultation (`clients.first_contact_on`, kept as the
/// earliest consultation by the clients module) falls in `fy`, up to `as_of`.
pub fn new_inquiries(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<u32> {
    match counted_days(fy, as_of) {
        Some((from, to)) => new_inquiries_between(conn, from, to),
        None => Ok(0),
    }
}

/// うち新規登録者数: distinct clients with a registration period starting in `fy`, up to `as_of`
/// (a client registered again after a closing counts in the year of the new period).
pub fn new_registrations(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<u32> {
    match counted_days(fy, as_of) {
        Some((from, to)) => new_registrations_between(conn, from, to),
        None => Ok(0),
    }
}

/// 新規就労者数: distinct clients with an employment starting in `fy`, up to `as_of`, and the
/// number of such starts.
pub fn new_employed(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<NewEmployed> {
    match counted_days(fy, as_of) {
        Some((from, to)) => new_employed_between(conn, from, to),
        None => Ok(NewEmployed::default()),
    }
}

/// 登録者数 on `date`: clients with a registration started on or before it and not closed on or
/// before it.
pub fn registered_at(conn: &Connection, date: NaiveDate) -> Result<u32> {
    let n = conn
        .query_row(REGISTERED_AT, params![date], |r| r.get(0))
        .map_err(StoreError::from)?;
    Ok(count(n))
}

/// 継続就労者数 on `date`: distinct clients registered on it with an employment started on or
/// before it and not ended on or before it (a job ending on `date` no longer counts).
pub fn continuing_employed_at(conn: &Connection, date: NaiveDate) -> Result<u32> {
    let n = conn
        .query_row(CONTINUING_AT, params![date], |r| r.get(0))
        .map_err(StoreError::from)?;
    Ok(count(n))
}

/// 年度末登録者数: [`registered_at`] the end of `fy`, or `as_of` while the year runs.
pub fn registered_at_end(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<u32> {
    registered_at(conn, stock_date(fy, as_of))
}

/// 年度末継続就労者数: [`continuing_employed_at`] the end of `fy`, or `as_of` while the year runs.
pub fn continuing_employed_at_end(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<u32> {
    continuing_employed_at(conn, stock_date(fy, as_of))
}

/// The targets of `fy`'s plan, if the year has one.
pub fn targets(conn: &Connection, fy: FiscalYear) -> Result<Option<Targets>> {
    let row = conn
        .query_row(TARGETS, params![fy.year()], |r| {
            Ok(Targets {
                new_inquiries: count(r.get(0)?),
                new_registrations: count(r.get(1)?),
                new_employed: count(r.get(2)?),
                registered_end: count(r.get(3)?),
                continuing_end: count(r.get(4)?),
            })
        })
        .optional()
        .map_err(StoreError::from)?;
    Ok(row)
}

/// The five figures of `fy` as of `as_of`, with the targets of that year's plan when there is one.
pub fn five_figures(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<FiveFigures> {
    let targets = targets(conn, fy)?;
    let with = |actual: u32, target: fn(&Targets) -> u32| Figure {
        actual,
        target: targets.as_ref().map(target),
    };
    let employed = new_employed(conn, fy, as_of)?;
    Ok(FiveFigures {
        fiscal_year: fy,
        as_of,
        counted_to: stock_date(fy, as_of),
        new_inquiries: with(new_inquiries(conn, fy, as_of)?, |t| t.new_inquiries),
        new_registrations: with(new_registrations(conn, fy, as_of)?, |t| t.new_registrations),
        new_employed: with(employed.clients, |t| t.new_employed),
        new_employment_starts: employed.starts,
        registered_end: with(registered_at_end(conn, fy, as_of)?, |t| t.registered_end),
        continuing_end: with(continuing_employed_at_end(conn, fy, as_of)?, |t| {
            t.continuing_end
        }),
    })
}

/// 新規相談者数 over any span of days (a month of the monthly series).
pub(super) fn new_inquiries_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32> {
    let n = conn
        .query_row(NEW_INQUIRIES, params![from, to], |r| r.get(0))
        .map_err(StoreError::from)?;
    Ok(count(n))
}

/// 新規登録者数 over any span of days.
pub(super) fn new_registrations_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32> {
    let n = conn
        .query_row(NEW_REGISTRATIONS, params![from, to], |r| r.get(0))
        .map_err(StoreError::from)?;
    Ok(count(n))
}

/// 新規就労者数 over any span of days.
pub(super) fn new_employed_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<NewEmployed> {
    let (clients, starts) = conn
        .query_row(NEW_EMPLOYED, params![from, to], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(StoreError::from)?;
    Ok(NewEmployed {
        clients: count(clients),
        starts: count(starts),
    })
}
