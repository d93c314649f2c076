//! 交流スペース: the drop-in space open on weekday evenings (17:00–19:00). Staff note each
//! day's visitor count; months and fiscal years are summed from those days.

use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::{params, Connection};
use serde::Serialize;

use super::trainings::month_bounds;
use crate::calendar::{format_wareki, is_open_day, FiscalYear};
use crate::error::{Field, Problem};
use crate::session::Session;
use crate::staff::{db, optional_line, plausible_date};
use crate::store::Store;
use crate::{CoreError, Result};

/// 日付.
pub const DAY: Field = Field::new("day", "日付");
/// 利用者数.
pub const VISITORS: Field = Field::new("visitors", "利用者数");
/// 備考.
pub const NOTE: Field = Field::new("note", "備考");

/// One day's count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DropInDay {
    /// The day.
    pub day: NaiveDate,
    /// 利用者数.
    pub visitors: u32,
    /// 備考.
    pub note: String,
}

/// A month of the drop-in space.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DropInMonth {
    /// Calendar year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// The days recorded, by date.
    pub days: Vec<DropInDay>,
    /// 利用者数の合計.
    pub total: u32,
}

/// A month's total within a fiscal year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DropInMonthTotal {
    /// Calendar year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Days recorded.
    pub days: u32,
    /// 利用者数の合計.
    pub total: u32,
}

/// Whether the drop-in space opens on `day`: weekdays the center is open.
pub fn is_dropin_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && is_open_day(day)
}

/// Enters (or corrects) a day's visitor count (any signed-in user). Refused for days the space
/// is closed and for days still to come.
pub fn set_dropin_day(
    store: &mut Store,
    actor: &Session,
    day: NaiveDate,
    visitors: u32,
    note: &str,
) -> Result<()> {
    plausible_date(DAY, day)?;
    if visitors > 1000 {
        return Err(CoreError::invalid(
            VISITORS,
            Problem::OutOfRange { min: 0, max: 1000 },
        ));
    }
    if day > chrono::Local::now().date_naive() {
        return Err(CoreError::rule(
            "the day has not come yet",
            format!(
                "{}はまだ来ていないため、利用者数は入力できません。",
                format_wareki(day)
            ),
        ));
    }
    if !is_dropin_day(day) {
        return Err(CoreError::rule(
            "the drop-in space is open on the center's weekday open days only",
            format!(
                "{}は交流スペースの開設日ではありません（開設は平日の開所日のみです）。",
                format_wareki(day)
            ),
        ));
    }
    let note = optional_line(NOTE, note, 200)?;
    store.write(actor, |tx| {
        tx.conn()
            .execute(
                "INSERT INTO dropin_days (id, day, visitors, note, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (day) DO UPDATE SET visitors = excluded.visitors,
                     note = excluded.note, updated_at = excluded.updated_at,
                     updated_by = excluded.updated_by",
                params![
                    crate::ids::new_id(),
                    day,
                    visitors,
                    note,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(db)?;
        tx.audit(
            "dropin.set",
            "dropin_day",
            None,
            &format!("visitor count for {day} set"),
        )
    })
}

/// The days of a month with their counts and total (any signed-in user).
pub fn dropin_month(store: &Store, actor: &Session, year: i32, month: u32) -> Result<DropInMonth> {
    let (first, last) = month_bounds(year, month)?;
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT day, visitors, note FROM dropin_days WHERE day BETWEEN ?1 AND ?2
                 ORDER BY day",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map(params![first, last], |r| {
                Ok(DropInDay {
                    day: r.get(0)?,
                    visitors: r.get(1)?,
                    note: r.get(2)?,
                })
            })
            .map_err(db)?;
        let days: Vec<DropInDay> = rows.collect::<rusqlite::Result<_>>().map_err(db)?;
        Ok(DropInMonth {
            year,
            month,
            total: days.iter().map(|d| d.visitors).sum(),
            days,
        })
    })
}

/// The total of visitors and days recorded from `first` to `last`.
pub(crate) fn total_between(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<(u32, u32)> {
    conn.query_row(
        "SELECT count(*), coalesce(sum(visitors), 0) FROM dropin_days WHERE day BETWEEN ?1 AND ?2",
        params![first, last],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(db)
}

/// The twelve month totals of a fiscal year, April to March (any signed-in user).
pub fn dropin_fiscal_year(
    store: &Store,
    actor: &Session,
    fy: FiscalYear,
) -> Result<Vec<DropInMonthTotal>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT substr(day, 1, 7), count(*), sum(visitors) FROM dropin_days
                 WHERE day BETWEEN ?1 AND ?2 GROUP BY substr(day, 1, 7)",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map(params![fy.start(), fy.end()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, u32>(2)?,
                ))
            })
            .map_err(db)?;
        let found: Vec<(String, u32, u32)> = rows.collect::<rusqlite::Result<_>>().map_err(db)?;
        Ok(fy
            .months()
            .iter()
            .map(|&(year, month)| {
                let key = format!("{year:04}-{month:02}");
                let (days, total) = found
                    .iter()
                    .find(|(k, _, _)| *k == key)
                    .map_or((0, 0), |f| (f.1, f.2));
                DropInMonthTotal {
                    year,
                    month,
                    days,
                    total,
                }
            })
            .collect())
    })
}
