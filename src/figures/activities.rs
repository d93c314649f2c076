//! The center's activities in the results report: meetings held with their attendance,
//! commissioned projects' monthly results, the drop-in space and the newsletter, each counted
//! over the fiscal year up to an as-of date.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::{count, counted_days, rows};
use crate::calendar::FiscalYear;
use crate::Result;

/// `meetings.kind`.
const MEETING_KINDS: &[&str] = &[
    "liaison",
    "meetup",
    "drill",
    "staff_meeting",
    "case_conference",
];

const MEETINGS: &str = "SELECT m.kind, count(*),
        sum((SELECT count(*) FROM meeting_organizations o WHERE o.meeting_id = m.id)),
        sum((SELECT coalesce(sum(o.attendees), 0) FROM meeting_organizations o
             WHERE o.meeting_id = m.id)),
        sum((SELECT count(*) FROM meeting_clients c WHERE c.meeting_id = m.id)),
        sum((SELECT count(*) FROM meeting_staff s WHERE s.meeting_id = m.id))
     FROM meetings m
     WHERE m.kind IN ('liaison', 'meetup', 'drill', 'staff_meeting', 'case_conference')
       AND m.held_on BETWEEN ?1 AND ?2
     GROUP BY m.kind";

/// Active projects, and inactive ones with results in the months ?1..?2 ('YYYY-MM').
const COMMISSIONS: &str = "SELECT c.name, c.commissioner, m.name, m.unit, r.month, r.value
     FROM commissions c
     JOIN commission_metrics m ON m.commission_id = c.id
     LEFT JOIN commission_results r ON r.metric_id = m.id AND r.month BETWEEN ?1 AND ?2
     WHERE c.active = 1 OR EXISTS (SELECT 1 FROM commission_metrics m2
                                   JOIN commission_results r2 ON r2.metric_id = m2.id
                                   WHERE m2.commission_id = c.id AND r2.month BETWEEN ?1 AND ?2)
     ORDER BY c.name, m.sort, m.name, r.month";

const DROPIN: &str = "SELECT substr(day, 1, 7), count(*), sum(visitors) FROM dropin_days
     WHERE day BETWEEN ?1 AND ?2 GROUP BY substr(day, 1, 7)";

const NEWSLETTERS: &str = "SELECT number, issued_on, copies FROM newsletters
     WHERE issued_on BETWEEN ?1 AND ?2 ORDER BY number";

/// The queries of this file, for [`super::query_plans`].
pub(super) const QUERIES: &[(&str, &str)] = &[
    ("breakdown.meetings", MEETINGS),
    ("breakdown.commissions", COMMISSIONS),
    ("breakdown.dropin", DROPIN),
    ("breakdown.newsletters", NEWSLETTERS),
];

/// Meetings of one kind held in the period, with attendance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeetingKindCount {
    /// `meetings.kind`.
    pub kind: &'static str,
    /// Meetings held.
    pub held: u32,
    /// Organizations attending, summed over the meetings.
    pub organizations: u32,
    /// People from those organizations, summed over the meetings.
    pub organization_attendees: u32,
    /// Clients attending, summed over the meetings.
    pub clients: u32,
    /// Staff attending, summed over the meetings.
    pub staff: u32,
}

/// One metric of a commissioned project, month by month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MetricResults {
    /// The metric's name (実習者数, 配布部数, …).
    pub name: String,
    /// Its unit (人, 日, 円, 部, 回, …).
    pub unit: String,
    /// April to March; `None` where no result was entered (or the month is after the as-of date).
    pub months: Vec<Option<i64>>,
    /// Sum of the months entered.
    pub total: i64,
}

/// A commissioned project's monthly results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommissionResults {
    /// The project's name.
    pub name: String,
    /// Who commissions it.
    pub commissioner: String,
    /// Its metrics.
    pub metrics: Vec<MetricResults>,
}

/// The drop-in space in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DropInMonth {
    /// Calendar year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Days with a visitor count entered.
    pub days: u32,
    /// Visitors in the month.
    pub visitors: u32,
}

/// A newsletter issue (ほっと通信).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct NewsletterIssue {
    /// Issue number.
    pub number: u32,
    /// Issue date.
    pub issued_on: NaiveDate,
    /// Copies printed.
    pub copies: u32,
}

/// Meetings held in `fy` up to `as_of`, by kind, with attendance.
pub fn meetings_held(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<Vec<MeetingKindCount>> {
    let mut found: HashMap<String, [i64; 5]> = HashMap::new();
    if let Some((from, to)) = counted_days(fy, as_of) {
        found = rows(conn, MEETINGS, params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            ))
        })?
        .into_iter()
        .collect();
    }
    Ok(MEETING_KINDS
        .iter()
        .map(|&kind| {
            let [held, orgs, people, clients, staff] = found.get(kind).copied().unwrap_or_default();
            MeetingKindCount {
                kind,
                held: count(held),
                organizations: count(orgs),
                organization_attendees: count(people),
                clients: count(clients),
                staff: count(staff),
            }
        })
        .collect())
}

/// The commissioned projects' results in `fy`, month by month up to `as_of`.
pub fn commission_results(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<Vec<CommissionResults>> {
    let Some((from, to)) = counted_days(fy, as_of) else {
        return Ok(Vec::new());
    };
    let months: Vec<String> = fy
        .months()
        .iter()
        .map(|(y, m)| format!("{y:04}-{m:02}"))
        .collect();
    let (first, last) = (month_key(from), month_key(to));
    type Row = (String, String, String, String, Option<String>, Option<i64>);
    let raw: Vec<Row> = rows(conn, COMMISSIONS, params![first, last], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    let mut projects: Vec<CommissionResults> = Vec::new();
    for (name, commissioner, metric, unit, month, value) in raw {
        if projects.last().is_none_or(|p| p.name != name) {
            projects.push(CommissionResults {
                name,
                commissioner,
                metrics: Vec::new(),
            });
        }
        let Some(project) = projects.last_mut() else {
            continue;
        };
        if project.metrics.last().is_none_or(|m| m.name != metric) {
            project.metrics.push(MetricResults {
                name: metric,
                unit,
                months: vec![None; 12],
                total: 0,
            });
        }
        let Some(results) = project.metrics.last_mut() else {
            continue;
        };
        if let (Some(month), Some(value)) = (month, value) {
            if let Some(i) = months.iter().position(|m| *m == month) {
                results.months[i] = Some(value);
                results.total += value;
            }
        }
    }
    Ok(projects)
}

/// Drop-in visitors month by month in `fy`, up to `as_of`.
pub fn dropin_by_month(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<Vec<DropInMonth>> {
    let Some((from, to)) = counted_days(fy, as_of) else {
        return Ok(Vec::new());
    };
    let found: HashMap<String, (i64, i64)> = rows(conn, DROPIN, params![from, to], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
    })?
    .into_iter()
    .collect();
    let last = month_key(to);
    Ok(fy
        .months()
        .into_iter()
        .filter(|(y, m)| format!("{y:04}-{m:02}") <= last)
        .map(|(year, month)| {
            let (days, visitors) = found
                .get(&format!("{year:04}-{month:02}"))
                .copied()
                .unwrap_or_default();
            DropInMonth {
                year,
                month,
                days: count(days),
                visitors: count(visitors),
            }
        })
        .collect())
}

/// Newsletter issues of `fy` up to `as_of`.
pub fn newsletters(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<Vec<NewsletterIssue>> {
    let Some((from, to)) = counted_days(fy, as_of) else {
        return Ok(Vec::new());
    };
    rows(conn, NEWSLETTERS, params![from, to], |r| {
        Ok(NewsletterIssue {
            number: count(r.get(0)?),
            issued_on: r.get(1)?,
            copies: count(r.get(2)?),
        })
    })
}

fn month_key(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}
