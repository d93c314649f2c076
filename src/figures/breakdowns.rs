//! The casework breakdowns of the results report (実績報告書), each counted over the fiscal year
//! up to an as-of date: disability categories, consultations, support records, employments and
//! their hours, separations and follow-ups; and [`breakdowns`], the whole report's set. Keys are
//! the values stored in the schema, every one listed even when its count is zero.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::activities::{
    commission_results, dropin_by_month, meetings_held, newsletters, CommissionResults,
    DropInMonth, MeetingKindCount, NewsletterIssue,
};
use super::{count, counted_days, rows, stock_date};
use crate::calendar::FiscalYear;
use crate::store::StoreError;
use crate::Result;

/// `client_disabilities.category`, in display order.
const DISABILITY_CATEGORIES: &[&str] = &[
    "physical",
    "intellectual",
    "mental",
    "developmental",
    "brain_injury",
    "intractable",
    "other",
];
/// `consultations.channel`.
const CHANNELS: &[&str] = &["visit", "phone", "email", "outreach"];
/// `consultations.topic`.
const TOPICS: &[&str] = &["work", "life", "employer"];
/// `support_records.kind`.
const RECORD_KINDS: &[&str] = &[
    "interview",
    "phone",
    "workplace_visit",
    "accompany",
    "case_conference",
    "employer_support",
    "partner_liaison",
    "other",
];
/// `support_records.purpose` of an accompanied visit.
const ACCOMPANY_PURPOSES: &[&str] = &["job_centre", "interview", "trial_work", "tour", "hospital"];
/// `employments.contract_type`.
const CONTRACT_TYPES: &[&str] = &[
    "permanent",
    "fixed_term",
    "part_time",
    "dispatched",
    "other",
];
/// `employments.end_reason`.
const END_REASONS: &[&str] = &[
    "personal",
    "health",
    "workplace",
    "contract_end",
    "dismissal",
    "job_change",
    "other",
];

/// Registered on ?1 (as in `five::REGISTERED_AT`), by disability category. Tables go by their
/// own names, so that query plans name them (see `QueryPlan::full_scans`).
const DISABILITIES: &str = concat!(
    "SELECT client_disabilities.category,
        count(DISTINCT client_disabilities.client_id)
     FROM client_registrations INDEXED BY client_registrations_period
     JOIN client_disabilities ON client_disabilities.client_id = client_registrations.client_id
     WHERE ",
    registered_on_sql!("client_registrations", "?1"),
    "
     GROUP BY client_disabilities.category"
);

const WITHOUT_DISABILITY: &str = concat!(
    "SELECT count(DISTINCT client_registrations.client_id)
     FROM client_registrations INDEXED BY client_registrations_period
     WHERE ",
    registered_on_sql!("client_registrations", "?1"),
    "
       AND NOT EXISTS (SELECT 1 FROM client_disabilities
                       WHERE client_disabilities.client_id = client_registrations.client_id)"
);

const CONSULTATIONS: &str = "SELECT channel, topic, count(*) FROM consultations
     WHERE held_on BETWEEN ?1 AND ?2 GROUP BY channel, topic";

/// Support records of one kind and purpose (NULL but for 同行) done in `?3..=?4`: a count over
/// one range of `support_records_kind` (migration 0010). A year's records grouped in one query
/// were each read and sorted (200,000 at the reference size × 10).
const SUPPORT_RECORDS: &str = "SELECT count(*) FROM support_records INDEXED BY support_records_kind
     WHERE kind = ?1 AND purpose IS ?2 AND done_on BETWEEN ?3 AND ?4";

const EMPLOYMENTS_STARTED: &str = "SELECT contract_type,
        CASE WHEN weekly_minutes < 600 THEN 0 WHEN weekly_minutes < 1200 THEN 1
             WHEN weekly_minutes < 1800 THEN 2 ELSE 3 END AS band,
        count(*), sum(disability_employment)
     FROM employments WHERE started_on BETWEEN ?1 AND ?2 GROUP BY contract_type, band";

const SEPARATIONS: &str = "SELECT end_reason, count(*), sum(ended_on < date(started_on, '+1 year'))
     FROM employments WHERE ended_on BETWEEN ?1 AND ?2 GROUP BY end_reason";

/// Every status is named so that the (status, due_on) index serves the range.
const FOLLOW_UPS: &str = "SELECT status, count(*) FROM follow_ups
     WHERE status IN ('open', 'done', 'cancelled') AND due_on BETWEEN ?1 AND ?2 GROUP BY status";

/// The queries of this file, for [`super::query_plans`].
pub(super) const QUERIES: &[(&str, &str)] = &[
    ("breakdown.disabilities", DISABILITIES),
    ("breakdown.without_disability", WITHOUT_DISABILITY),
    ("breakdown.consultations", CONSULTATIONS),
    ("breakdown.support_records", SUPPORT_RECORDS),
    ("breakdown.employments_started", EMPLOYMENTS_STARTED),
    ("breakdown.separations", SEPARATIONS),
    ("breakdown.follow_ups", FOLLOW_UPS),
];

/// A count under a stored key (`mental`, `visit`, `workplace_visit`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyCount {
    /// The value as stored in the schema.
    pub key: &'static str,
    /// How many.
    pub count: u32,
}

/// A count under two stored keys (channel × topic, contract type × hours band).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PairCount {
    /// The first key (row).
    pub first: &'static str,
    /// The second key (column).
    pub second: &'static str,
    /// How many.
    pub count: u32,
}

/// Registered clients by disability category; a client with several categories counts in each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisabilityBreakdown {
    /// The day counted (the year's end, or the as-of date).
    pub on: NaiveDate,
    /// Registered clients on that day.
    pub registered: u32,
    /// Per category.
    pub by_category: Vec<KeyCount>,
    /// Registered clients with no category recorded.
    pub without_category: u32,
}

/// Consultations by channel and topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConsultationBreakdown {
    /// All consultations counted.
    pub total: u32,
    /// By channel (来所・電話・メール・訪問).
    pub by_channel: Vec<KeyCount>,
    /// By topic (就労・生活・企業).
    pub by_topic: Vec<KeyCount>,
    /// Channel × topic.
    pub cells: Vec<PairCount>,
}

/// Support records by kind, and accompanied visits by purpose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SupportRecordBreakdown {
    /// All support records counted.
    pub total: u32,
    /// By kind.
    pub by_kind: Vec<KeyCount>,
    /// Accompanied visits (同行) by purpose.
    pub accompany_by_purpose: Vec<KeyCount>,
}

/// A band of weekly working hours, as the results report groups employments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursBand {
    /// Under 10 hours a week.
    Under10,
    /// 10 to under 20 hours.
    From10To20,
    /// 20 to under 30 hours (短時間).
    From20To30,
    /// 30 hours or more.
    From30,
}

impl HoursBand {
    /// Every band, shortest first.
    pub const ALL: [HoursBand; 4] = [
        HoursBand::Under10,
        HoursBand::From10To20,
        HoursBand::From20To30,
        HoursBand::From30,
    ];

    /// The band of `weekly_minutes`.
    pub fn of_minutes(weekly_minutes: u32) -> HoursBand {
        match weekly_minutes {
            0..600 => HoursBand::Under10,
            600..1200 => HoursBand::From10To20,
            1200..1800 => HoursBand::From20To30,
            _ => HoursBand::From30,
        }
    }

    /// The key used in [`PairCount`] and JSON.
    pub fn key(self) -> &'static str {
        match self {
            HoursBand::Under10 => "under_10",
            HoursBand::From10To20 => "from_10_to_20",
            HoursBand::From20To30 => "from_20_to_30",
            HoursBand::From30 => "from_30",
        }
    }

    /// The label printed in the report.
    pub fn label_ja(self) -> &'static str {
        match self {
            HoursBand::Under10 => "週10時間未満",
            HoursBand::From10To20 => "週10～20時間未満",
            HoursBand::From20To30 => "週20～30時間未満",
            HoursBand::From30 => "週30時間以上",
        }
    }
}

/// Employments started, by contract type and weekly hours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmploymentBreakdown {
    /// Employments started.
    pub starts: u32,
    /// Of those, in disability employment (障害者雇用枠).
    pub disability_employment: u32,
    /// By contract type.
    pub by_contract: Vec<KeyCount>,
    /// By weekly-hours band (keys of [`HoursBand::key`]).
    pub by_hours: Vec<KeyCount>,
    /// Contract type × hours band.
    pub cells: Vec<PairCount>,
}

/// Separations (離職) by reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SeparationBreakdown {
    /// Employments ended.
    pub total: u32,
    /// Of those, ended within a year of their start (早期離職).
    pub within_one_year: u32,
    /// By reason.
    pub by_reason: Vec<KeyCount>,
}

/// Follow-ups due in the period: done against due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUpBreakdown {
    /// Due in the period and not cancelled.
    pub due: u32,
    /// Of those, done.
    pub done: u32,
    /// Of those, still open.
    pub open: u32,
    /// Due in the period but cancelled (e.g. after a separation).
    pub cancelled: u32,
}

/// Every breakdown of the results report for a fiscal year as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Breakdowns {
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// The last day counted.
    pub counted_to: NaiveDate,
    /// Registered clients by disability.
    pub disabilities: DisabilityBreakdown,
    /// Consultations by channel and topic.
    pub consultations: ConsultationBreakdown,
    /// Support records by kind.
    pub support_records: SupportRecordBreakdown,
    /// Employments started by contract and hours.
    pub employments_started: EmploymentBreakdown,
    /// Separations by reason.
    pub separations: SeparationBreakdown,
    /// Follow-ups done against due.
    pub follow_ups: FollowUpBreakdown,
    /// Meetings held by kind.
    pub meetings: Vec<MeetingKindCount>,
    /// Commissioned projects' monthly results.
    pub commissions: Vec<CommissionResults>,
    /// Drop-in visitors month by month (months after the as-of date left out).
    pub dropin: Vec<DropInMonth>,
    /// Newsletter issues.
    pub newsletters: Vec<NewsletterIssue>,
}

/// Every breakdown of `fy` as of `as_of`.
pub fn breakdowns(conn: &Connection, fy: FiscalYear, as_of: NaiveDate) -> Result<Breakdowns> {
    Ok(Breakdowns {
        fiscal_year: fy,
        counted_to: stock_date(fy, as_of),
        disabilities: disabilities(conn, fy, as_of)?,
        consultations: consultations_by_channel(conn, fy, as_of)?,
        support_records: support_records(conn, fy, as_of)?,
        employments_started: employments_started(conn, fy, as_of)?,
        separations: separations(conn, fy, as_of)?,
        follow_ups: follow_ups(conn, fy, as_of)?,
        meetings: meetings_held(conn, fy, as_of)?,
        commissions: commission_results(conn, fy, as_of)?,
        dropin: dropin_by_month(conn, fy, as_of)?,
        newsletters: newsletters(conn, fy, as_of)?,
    })
}

/// Registered clients at the year's end (or on `as_of`) by disability category.
pub fn disabilities(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<DisabilityBreakdown> {
    let on = stock_date(fy, as_of);
    let counts: HashMap<String, i64> = rows(conn, DISABILITIES, params![on], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?
    .into_iter()
    .collect();
    let without = conn
        .query_row(WITHOUT_DISABILITY, params![on], |r| r.get(0))
        .map_err(StoreError::from)?;
    Ok(DisabilityBreakdown {
        on,
        registered: super::registered_at(conn, on)?,
        by_category: keyed(DISABILITY_CATEGORIES, |k| counts.get(k).copied()),
        without_category: count(without),
    })
}

/// Consultations held in `fy` up to `as_of`, by channel and topic.
pub fn consultations_by_channel(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<ConsultationBreakdown> {
    let found = pair_counts(conn, CONSULTATIONS, fy, as_of)?;
    let cells = pairs(CHANNELS, TOPICS, &found);
    Ok(ConsultationBreakdown {
        total: cells.iter().map(|c| c.count).sum(),
        by_channel: keyed(CHANNELS, |k| Some(sum_first(&found, k))),
        by_topic: keyed(TOPICS, |k| Some(sum_second(&found, k))),
        cells,
    })
}

/// Support records in `fy` up to `as_of`, by kind, and accompanied visits by purpose.
pub fn support_records(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<SupportRecordBreakdown> {
    let mut found: HashMap<(String, String), i64> = HashMap::new();
    if let Some((from, to)) = counted_days(fy, as_of) {
        let mut stmt = conn
            .prepare_cached(SUPPORT_RECORDS)
            .map_err(StoreError::from)?;
        for &kind in RECORD_KINDS {
            let purposes: Vec<Option<&str>> = if kind == "accompany" {
                ACCOMPANY_PURPOSES.iter().map(|p| Some(*p)).collect()
            } else {
                vec![None]
            };
            for purpose in purposes {
                let n: i64 = stmt
                    .query_row(params![kind, purpose, from, to], |r| r.get(0))
                    .map_err(StoreError::from)?;
                found.insert((kind.to_string(), purpose.unwrap_or("").to_string()), n);
            }
        }
    }
    let by_kind = keyed(RECORD_KINDS, |k| Some(sum_first(&found, k)));
    Ok(SupportRecordBreakdown {
        total: by_kind.iter().map(|c| c.count).sum(),
        by_kind,
        accompany_by_purpose: keyed(ACCOMPANY_PURPOSES, |p| {
            found
                .get(&("accompany".to_string(), p.to_string()))
                .copied()
        }),
    })
}

/// Employments started in `fy` up to `as_of`, by contract type and weekly-hours band.
pub fn employments_started(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<EmploymentBreakdown> {
    let mut found: HashMap<(String, String), i64> = HashMap::new();
    let mut disability_employment = 0;
    if let Some((from, to)) = counted_days(fy, as_of) {
        let raw = rows(conn, EMPLOYMENTS_STARTED, params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for (contract, band, n, disability) in raw {
            let band = HoursBand::ALL[band.clamp(0, 3) as usize].key().to_string();
            *found.entry((contract, band)).or_default() += n;
            disability_employment += disability;
        }
    }
    let bands: Vec<&'static str> = HoursBand::ALL.iter().map(|b| b.key()).collect();
    let cells = pairs(CONTRACT_TYPES, &bands, &found);
    Ok(EmploymentBreakdown {
        starts: cells.iter().map(|c| c.count).sum(),
        disability_employment: count(disability_employment),
        by_contract: keyed(CONTRACT_TYPES, |k| Some(sum_first(&found, k))),
        by_hours: keyed(&bands, |k| Some(sum_second(&found, k))),
        cells,
    })
}

/// Employments ended in `fy` up to `as_of`, by reason.
pub fn separations(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<SeparationBreakdown> {
    let mut by_reason = HashMap::new();
    let mut within_one_year = 0;
    if let Some((from, to)) = counted_days(fy, as_of) {
        let raw = rows(conn, SEPARATIONS, params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for (reason, n, early) in raw {
            by_reason.insert(reason, n);
            within_one_year += early;
        }
    }
    let by_reason = keyed(END_REASONS, |k| by_reason.get(k).copied());
    Ok(SeparationBreakdown {
        total: by_reason.iter().map(|c| c.count).sum(),
        within_one_year: count(within_one_year),
        by_reason,
    })
}

/// Follow-ups due in `fy` up to `as_of`: how many were done.
pub fn follow_ups(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<FollowUpBreakdown> {
    let mut by_status = HashMap::new();
    if let Some((from, to)) = counted_days(fy, as_of) {
        by_status = rows(conn, FOLLOW_UPS, params![from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .into_iter()
        .collect();
    }
    let of = |status: &str| count(by_status.get(status).copied().unwrap_or(0));
    Ok(FollowUpBreakdown {
        due: of("open") + of("done"),
        done: of("done"),
        open: of("open"),
        cancelled: of("cancelled"),
    })
}

/// Counts of a `SELECT first, second, count(*) … WHERE … BETWEEN ?1 AND ?2` over the counted days.
fn pair_counts(
    conn: &Connection,
    sql: &str,
    fy: FiscalYear,
    as_of: NaiveDate,
) -> Result<HashMap<(String, String), i64>> {
    let Some((from, to)) = counted_days(fy, as_of) else {
        return Ok(HashMap::new());
    };
    let raw = rows(conn, sql, params![from, to], |r| {
        Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get(2)?))
    })?;
    Ok(raw.into_iter().collect())
}

fn keyed(keys: &[&'static str], value: impl Fn(&str) -> Option<i64>) -> Vec<KeyCount> {
    keys.iter()
        .map(|&key| KeyCount {
            key,
            count: count(value(key).unwrap_or(0)),
        })
        .collect()
}

fn pairs(
    firsts: &[&'static str],
    seconds: &[&'static str],
    found: &HashMap<(String, String), i64>,
) -> Vec<PairCount> {
    firsts
        .iter()
        .flat_map(|&first| {
            seconds.iter().map(move |&second| PairCount {
                first,
                second,
                count: count(
                    found
                        .get(&(first.to_string(), second.to_string()))
                        .copied()
                        .unwrap_or(0),
                ),
            })
        })
        .collect()
}

fn sum_first(found: &HashMap<(String, String), i64>, key: &str) -> i64 {
    found
        .iter()
        .filter(|((k, _), _)| k == key)
        .map(|(_, n)| n)
        .sum()
}

fn sum_second(found: &HashMap<(String, String), i64>, key: &str) -> i64 {
    found
        .iter()
        .filter(|((_, k), _)| k == key)
        .map(|(_, n)| n)
        .sum()
}
