//! The worklists of the retention screen: follow-ups overdue and due within a week, clients not
//! heard from for longer than the policy allows (近況確認), and hand-overs from 就労定着支援事業所
//! whose support is ending. Each is one set-based query on indexes, most urgent first.
//!
//! A check-in counts as contact: a consultation, a support record, a completed follow-up, the
//! registration and the first contact; the threshold is the policy's for the client's phase
//! on the day (employed when an employment is ongoing, else the stored phase).

use chrono::{Days, NaiveDate};
use rusqlite::{named_params, Connection, Row};
use serde::Serialize;

use super::policy::policy;
use super::{FollowUpKind, FollowUpMethod};
use crate::clients::Phase;
use crate::employment::HandoverStatus;
use crate::figures::registered_on_sql;
use crate::ids::{ClientId, EmploymentId, FollowUpId, HandoverId, PartnerId, StaffId};
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::Result;

/// Follow-ups due from today up to this many days ahead are "due soon".
pub const DUE_SOON_DAYS: u64 = 7;
/// Hand-overs whose support ends within this many days are listed.
pub const HANDOVER_WINDOW_DAYS: u64 = 60;

/// An open follow-up on a worklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUpItem {
    /// The follow-up.
    pub id: FollowUpId,
    /// The client.
    pub client_id: ClientId,
    /// Client's name (for display).
    pub client_name: String,
    /// Client's kana (for display and sorting).
    pub client_kana: String,
    /// The employment followed.
    pub employment_id: EmploymentId,
    /// The employer's name.
    pub employer_name: String,
    /// Scheduled or post-separation.
    pub kind: FollowUpKind,
    /// Due date.
    pub due_on: NaiveDate,
    /// Planned method.
    pub method: FollowUpMethod,
    /// Assigned staff.
    pub staff_id: Option<StaffId>,
    /// Assigned staff's name.
    pub staff_name: Option<String>,
    /// Days from today to the due date: negative when overdue.
    pub due_in_days: i64,
}

/// A client due for a check-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckInItem {
    /// The client.
    pub client_id: ClientId,
    /// Name (for display).
    pub client_name: String,
    /// Kana (for display and sorting).
    pub client_kana: String,
    /// Main staff (主担当).
    pub main_staff_id: Option<StaffId>,
    /// Main staff's name.
    pub main_staff_name: Option<String>,
    /// Phase on the day.
    pub phase: Option<Phase>,
    /// The last contact (consultation, support record, completed follow-up, registration).
    pub last_contact_on: NaiveDate,
    /// Days since then.
    pub days_since_contact: i64,
    /// The policy's threshold for the phase.
    pub threshold_days: i64,
}

/// A hand-over whose provider's support is ending and that has not been checked yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HandoverItem {
    /// The hand-over.
    pub id: HandoverId,
    /// The client.
    pub client_id: ClientId,
    /// Name (for display).
    pub client_name: String,
    /// Kana (for display and sorting).
    pub client_kana: String,
    /// The employment.
    pub employment_id: EmploymentId,
    /// The employer's name.
    pub employer_name: String,
    /// The 就労定着支援事業所.
    pub provider_id: PartnerId,
    /// Its name.
    pub provider_name: String,
    /// The day its support ends.
    pub ends_on: NaiveDate,
    /// Expected or arrived.
    pub status: HandoverStatus,
    /// Days from today to the end: negative when already ended.
    pub ends_in_days: i64,
}

/// The four worklists of one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Worklists {
    /// Open follow-ups due before today, oldest first.
    pub overdue: Vec<FollowUpItem>,
    /// Open follow-ups due from today to today + 7 days.
    pub due_soon: Vec<FollowUpItem>,
    /// Clients not heard from for too long, longest first.
    pub check_ins: Vec<CheckInItem>,
    /// Hand-overs ending within 60 days (or already ended) and not checked.
    pub handovers: Vec<HandoverItem>,
}

/// All four worklists for `today`, for everyone or for one staff member.
pub fn worklists(
    store: &Store,
    actor: &Session,
    today: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Worklists> {
    store.read(actor, |conn| {
        Ok(Worklists {
            overdue: overdue(conn, today, staff)?,
            due_soon: due_soon(conn, today, staff)?,
            check_ins: check_ins(conn, today, staff)?,
            handovers: handovers_ending(conn, today, staff)?,
        })
    })
}

const FOLLOW_UP_SQL: &str = "
SELECT f.id, f.client_id, c.name, c.kana, f.employment_id, emp.name, f.kind, f.due_on, f.method,
       f.staff_id, s.name
FROM follow_ups f
JOIN clients c ON c.id = f.client_id
JOIN employments e ON e.id = f.employment_id
JOIN employers emp ON emp.id = e.employer_id
LEFT JOIN staff s ON s.id = f.staff_id
WHERE f.status = 'open' AND f.due_on >= :from AND f.due_on <= :to {staff}
ORDER BY f.due_on, c.kana, f.id";

// `registered` lists each client's open registration periods on the day (a period may be
// closed later). Each client's last contact is kept in `client_last_contact` (migration 0011,
// kept by triggers): a client whose stored contact falls between `:recent` (today less the
// shortest threshold) and today is within every threshold and set aside by that one seek, as is
// one registered since `:recent`. For the rest (`candidates`, a few hundred on a big center) the
// stored contact is the last one on the day, unless it is later than today (the list asked for
// a past day): only then is the last contact on or before the day sought, as
// `check_in_reference` does for everyone; `contact` is materialised so that its correlated
// subqueries run once per candidate, and the completed follow-ups are reached through the
// client's employments (CROSS JOIN keeps that order), never by scanning every done follow-up.
const CHECK_IN_SQL: &str = concat!(
    "
WITH registered AS MATERIALIZED (
    SELECT r.client_id, max(r.registered_on) AS registered_on FROM client_registrations r
    WHERE ",
    registered_on_sql!("r", ":today"),
    "
    GROUP BY r.client_id
),
candidates AS MATERIALIZED (
    SELECT reg.client_id, reg.registered_on, l.last_on FROM registered reg
    LEFT JOIN client_last_contact l ON l.client_id = reg.client_id
    WHERE reg.registered_on < :recent
      AND (l.last_on IS NULL OR l.last_on < :recent OR l.last_on > :today)
),
contact AS MATERIALIZED (
    SELECT c.id, c.name, c.kana, c.main_staff_id, c.phase,
        EXISTS (SELECT 1 FROM employments e
                WHERE e.client_id = c.id AND e.started_on <= :today
                  AND (e.ended_on IS NULL OR e.ended_on > :today)) AS employed,
        CASE WHEN reg.last_on > :today THEN
            max(c.first_contact_on, reg.registered_on,
                coalesce((SELECT max(k.held_on) FROM consultations k
                          WHERE k.client_id = c.id AND k.held_on <= :today), ''),
                coalesce((SELECT max(sr.done_on) FROM support_records sr
                          WHERE sr.client_id = c.id AND sr.done_on <= :today), ''),
                coalesce((SELECT max(f.done_on) FROM employments e
                          CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                          WHERE e.client_id = c.id AND f.done_on <= :today), ''))
        ELSE max(c.first_contact_on, reg.registered_on, coalesce(reg.last_on, ''))
        END AS last_contact
    FROM candidates reg
    JOIN clients c ON c.id = reg.client_id
    WHERE 1 = 1 {staff}
),
"
);

// The check-in queries' common end: the phase each client is judged in (employed when a job is
// open on the day), its threshold from the policy, and the clients silent for longer.
const CHECK_IN_JUDGE_SQL: &str = "
judged AS (
    SELECT *,
        CASE WHEN employed THEN 'employed' ELSE coalesce(phase, 'unset') END AS judged_phase,
        CAST(julianday(:today) - julianday(last_contact) AS INTEGER) AS days
    FROM contact
),
thresholded AS (
    SELECT *,
        CASE judged_phase
            WHEN 'employed' THEN :employed
            WHEN 'preparing' THEN :preparing
            WHEN 'seeking' THEN :seeking
            WHEN 'on_leave' THEN :on_leave
            WHEN 'separated' THEN :separated
            ELSE :unset
        END AS threshold
    FROM judged
)
SELECT t.id, t.name, t.kana, t.main_staff_id, s.name, t.judged_phase, t.last_contact, t.days,
       t.threshold
FROM thresholded t LEFT JOIN staff s ON s.id = t.main_staff_id
WHERE t.days > t.threshold
ORDER BY t.days DESC, t.kana, t.id";

/// A check-in query: `head` ends with the `contact` CTE (id, name, kana, main_staff_id, phase,
/// employed, last_contact), the judgement is the same for every way of finding the contact.
fn check_in_sql(head: &str) -> String {
    format!("{head}{CHECK_IN_JUDGE_SQL}")
}

const HANDOVER_SQL: &str = "
SELECT h.id, h.client_id, c.name, c.kana, h.employment_id, emp.name, h.provider_id, p.name,
       h.ends_on, h.status
FROM handovers h
JOIN clients c ON c.id = h.client_id
JOIN employments e ON e.id = h.employment_id
JOIN employers emp ON emp.id = e.employer_id
JOIN partners p ON p.id = h.provider_id
WHERE h.status IN ('expected', 'arrived') AND h.ends_on <= :until {staff}
ORDER BY h.ends_on, c.kana, h.id";

pub(super) fn with_staff(sql: &str, filter: &str, staff: Option<&StaffId>) -> String {
    sql.replace("{staff}", if staff.is_some() { filter } else { "" })
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// Open follow-ups due before `today`, oldest first (by assigned staff when `staff` is given).
pub fn overdue(
    conn: &Connection,
    today: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Vec<FollowUpItem>> {
    let yesterday = today.pred_opt().unwrap_or(today);
    follow_up_items(conn, today, NaiveDate::MIN, yesterday, staff)
}

/// Open follow-ups due from `today` to `today` + 7 days, soonest first.
pub fn due_soon(
    conn: &Connection,
    today: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Vec<FollowUpItem>> {
    follow_up_items(conn, today, today, plus_days(today, DUE_SOON_DAYS), staff)
}

fn follow_up_items(
    conn: &Connection,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Vec<FollowUpItem>> {
    let sql = with_staff(FOLLOW_UP_SQL, "AND f.staff_id = :staff", staff);
    let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::from)?;
    let from_text = from.max(crate::calendar::EARLIEST_DATE);
    let map = |r: &Row<'_>| {
        let due_on: NaiveDate = r.get(7)?;
        Ok(FollowUpItem {
            id: r.get(0)?,
            client_id: r.get(1)?,
            client_name: r.get(2)?,
            client_kana: r.get(3)?,
            employment_id: r.get(4)?,
            employer_name: r.get(5)?,
            kind: r.get(6)?,
            due_on,
            method: r.get(8)?,
            staff_id: r.get(9)?,
            staff_name: r.get(10)?,
            due_in_days: days_between(today, due_on),
        })
    };
    let rows = match staff {
        Some(staff) => stmt.query_map(
            named_params! {":from": from_text, ":to": to, ":staff": staff},
            map,
        ),
        None => stmt.query_map(named_params! {":from": from_text, ":to": to}, map),
    }
    .map_err(StoreError::from)?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?)
}

/// Registered clients not heard from for more days than the policy allows for their phase,
/// longest silence first (by main staff when `staff` is given).
pub fn check_ins(
    conn: &Connection,
    today: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Vec<CheckInItem>> {
    check_in_items(conn, CHECK_IN_SQL, today, staff)
}

/// The check-ins whose last contact `head` finds (see [`check_in_sql`]): the judgement, the
/// bound parameters and the rows are the same for the worklist's query and for the reference
/// it is checked against.
pub(super) fn check_in_items(
    conn: &Connection,
    head: &str,
    today: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Vec<CheckInItem>> {
    let days = policy(conn)?.check_in_days;
    let sql = with_staff(&check_in_sql(head), "AND c.main_staff_id = :staff", staff);
    let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::from)?;
    let map = |r: &Row<'_>| {
        let phase: String = r.get(5)?;
        // The query gives the derived phase: `employed`, a stored one, or `unset`.
        Ok(CheckInItem {
            client_id: r.get(0)?,
            client_name: r.get(1)?,
            client_kana: r.get(2)?,
            main_staff_id: r.get(3)?,
            main_staff_name: r.get(4)?,
            phase: Phase::from_db(&phase),
            last_contact_on: r.get(6)?,
            days_since_contact: r.get(7)?,
            threshold_days: r.get(8)?,
        })
    };
    // Heard from on or after this day: within every phase's threshold.
    let shortest = [
        days.employed,
        days.preparing,
        days.seeking,
        days.on_leave,
        days.separated,
        days.unset,
    ]
    .into_iter()
    .min()
    .unwrap_or(0);
    let recent = today
        .checked_sub_days(Days::new(u64::from(shortest)))
        .unwrap_or(crate::calendar::EARLIEST_DATE);
    let base = named_params! {
        ":today": today,
        ":recent": recent,
        ":employed": days.employed,
        ":preparing": days.preparing,
        ":seeking": days.seeking,
        ":on_leave": days.on_leave,
        ":separated": days.separated,
        ":unset": days.unset,
    };
    let rows = match staff {
        Some(staff) => {
            let mut params = base.to_vec();
            params.push((":staff", &staff as &dyn rusqlite::ToSql));
            stmt.query_map(params.as_slice(), map)
        }
        None => stmt.query_map(base, map),
    }
    .map_err(StoreError::from)?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?)
}

/// Hand-overs not yet checked whose provider's support ends within 60 days of `today` (or has
/// already ended), soonest end first (by the client's main staff when `staff` is given).
pub fn handovers_ending(
    conn: &Connection,
    today: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Vec<HandoverItem>> {
    let sql = with_staff(HANDOVER_SQL, "AND c.main_staff_id = :staff", staff);
    let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::from)?;
    let until = plus_days(today, HANDOVER_WINDOW_DAYS);
    let map = |r: &Row<'_>| {
        let ends_on: NaiveDate = r.get(8)?;
        Ok(HandoverItem {
            id: r.get(0)?,
            client_id: r.get(1)?,
            client_name: r.get(2)?,
            client_kana: r.get(3)?,
            employment_id: r.get(4)?,
            employer_name: r.get(5)?,
            provider_id: r.get(6)?,
            provider_name: r.get(7)?,
            ends_on,
            status: r.get(9)?,
            ends_in_days: days_between(today, ends_on),
        })
    };
    let rows = match staff {
        Some(staff) => stmt.query_map(named_params! {":until": until, ":staff": staff}, map),
        None => stmt.query_map(named_params! {":until": until}, map),
    }
    .map_err(StoreError::from)?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?)
}

/// The query plan of one worklist query, for tests and the doctor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryPlan {
    /// Which worklist, and whether filtered by staff.
    pub name: &'static str,
    /// The `detail` lines of `EXPLAIN QUERY PLAN`.
    pub steps: Vec<String>,
}

/// `EXPLAIN QUERY PLAN` of every worklist query, with and without the staff filter.
pub fn query_plans(conn: &Connection) -> Result<Vec<QueryPlan>> {
    let queries: [(&'static str, String); 6] = [
        ("follow_ups", with_staff(FOLLOW_UP_SQL, "", None)),
        (
            "follow_ups by staff",
            with_staff(
                FOLLOW_UP_SQL,
                "AND f.staff_id = :staff",
                Some(&StaffId::new()),
            ),
        ),
        (
            "check_ins",
            with_staff(&check_in_sql(CHECK_IN_SQL), "", None),
        ),
        (
            "check_ins by staff",
            with_staff(
                &check_in_sql(CHECK_IN_SQL),
                "AND c.main_staff_id = :staff",
                Some(&StaffId::new()),
            ),
        ),
        ("handovers", with_staff(HANDOVER_SQL, "", None)),
        (
            "handovers by staff",
            with_staff(
                HANDOVER_SQL,
                "AND c.main_staff_id = :staff",
                Some(&StaffId::new()),
            ),
        ),
    ];
    queries
        .into_iter()
        .map(|(name, sql)| {
            let mut stmt = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .map_err(StoreError::from)?;
            // Unbound parameters read as NULL, which leaves the plan unchanged.
            let mut rows = stmt.raw_query();
            let mut steps = Vec::new();
            while let Some(row) = rows.next().map_err(StoreError::from)? {
                steps.push(row.get::<_, String>(3).map_err(StoreError::from)?);
            }
            Ok(QueryPlan { name, steps })
        })
        .collect()
}
