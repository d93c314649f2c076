//! The registration and employment periods that overlap a span of days, read once through the
//! period indexes, and the stock figures (登録者数, 継続就労者数) counted from them in Rust on any
//! day of the span: a monthly series then walks the history once, not twice for every month.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::{count, rows};
use crate::Result;

/// Registration periods open on some day of `?1..=?2`: started on or before the last day and
/// not closed on or before the first (as `five::REGISTERED_AT` on one day).
pub(super) const REGISTRATIONS_OVERLAPPING: &str = "SELECT client_id, registered_on, closed_on
     FROM client_registrations INDEXED BY client_registrations_period
     WHERE registered_on <= ?2 AND (closed_on IS NULL OR closed_on > ?1)";

/// Employments ongoing on some day of `?1..=?2` (as `five::CONTINUING_AT` on one day).
pub(super) const EMPLOYMENTS_OVERLAPPING: &str = "SELECT client_id, started_on, ended_on
     FROM employments INDEXED BY employments_period
     WHERE started_on <= ?2 AND (ended_on IS NULL OR ended_on > ?1)";

/// One period of a client: from its first day, up to the day it ends (closed or ended), which
/// no longer counts.
#[derive(Clone, Copy, Debug)]
struct Period {
    client: usize,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl Period {
    fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|until| until > day)
    }
}

/// The periods overlapping a span, with clients numbered densely for counting.
#[derive(Debug)]
pub(super) struct Periods {
    clients: usize,
    registrations: Vec<Period>,
    employments: Vec<Period>,
}

/// The two stock figures on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stock {
    /// Registered clients.
    pub registered: u32,
    /// Registered clients in continuing employment.
    pub continuing: u32,
}

impl Periods {
    /// Reads the periods open on some day from `first` to `last` (two index range reads).
    pub(super) fn read(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Periods> {
        let raw = |sql: &str| {
            rows(conn, sql, params![first, last], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, NaiveDate>(1)?,
                    r.get::<_, Option<NaiveDate>>(2)?,
                ))
            })
        };
        let registrations = raw(REGISTRATIONS_OVERLAPPING)?;
        let employments = raw(EMPLOYMENTS_OVERLAPPING)?;
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let mut number = |rows: Vec<(String, NaiveDate, Option<NaiveDate>)>| -> Vec<Period> {
            rows.into_iter()
                .map(|(client, from, until)| {
                    let next = numbers.len();
                    Period {
                        client: *numbers.entry(client).or_insert(next),
                        from,
                        until,
                    }
                })
                .collect()
        };
        let registrations = number(registrations);
        let employments = number(employments);
        Ok(Periods {
            clients: numbers.len(),
            registrations,
            employments,
        })
    }

    /// 登録者数 and 継続就労者数 on `day` (a day of the span read): clients with a registration
    /// covering the day, and of those the ones with an employment covering it, each counted once.
    pub(super) fn stock_on(&self, day: NaiveDate) -> Stock {
        let mut registered = vec![false; self.clients];
        let mut registered_count = 0usize;
        for p in self.registrations.iter().filter(|p| p.covers(day)) {
            if !registered[p.client] {
                registered[p.client] = true;
                registered_count += 1;
            }
        }
        let mut employed = vec![false; self.clients];
        let mut continuing = 0usize;
        for p in self.employments.iter().filter(|p| p.covers(day)) {
            if registered[p.client] && !employed[p.client] {
                employed[p.client] = true;
                continuing += 1;
            }
        }
        Stock {
            registered: count(i64::try_from(registered_count).unwrap_or(i64::MAX)),
            continuing: count(i64::try_from(continuing).unwrap_or(i64::MAX)),
        }
    }
}
