//! Work on single follow-ups: completing one with its outcome and risk, handing it to another
//! staff member, moving its due date; and the separation rule that cancels an employment's open
//! follow-ups and opens one post-separation entry in their place.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{fields, FollowUpKind, FollowUpMethod, FollowUpStatus, Risk};
use crate::calendar::next_open_day_on_or_after;
use crate::employment::{check_date, check_not_future, DateLimit};
use crate::error::Problem;
use crate::ids::{ClientId, EmploymentId, FollowUpId, StaffId};
use crate::session::Session;
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

/// Longest outcome or issues text, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// A post-separation follow-up falls due this many days after the last day of work.
pub const POST_SEPARATION_DAYS: u64 = 7;

/// A follow-up as shown under its employment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// Id.
    pub id: FollowUpId,
    /// The employment it follows.
    pub employment_id: EmploymentId,
    /// The client.
    pub client_id: ClientId,
    /// Scheduled or post-separation.
    pub kind: FollowUpKind,
    /// Due date (an open day).
    pub due_on: NaiveDate,
    /// Planned method, or the method used once done.
    pub method: FollowUpMethod,
    /// Assigned staff member.
    pub staff_id: Option<StaffId>,
    /// Assigned staff member's name.
    pub staff_name: Option<String>,
    /// Open, done or cancelled.
    pub status: FollowUpStatus,
    /// When it was done.
    pub done_on: Option<NaiveDate>,
    /// What happened (結果).
    pub outcome: String,
    /// Issues found (把握した課題).
    pub issues: String,
    /// Risk to the job seen at the follow-up.
    pub risk: Option<Risk>,
}

/// What staff record when a follow-up is done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpDone {
    /// The day it was done (not in the future, not before the employment started).
    pub done_on: NaiveDate,
    /// How it was done.
    pub method: FollowUpMethod,
    /// What happened (required).
    pub outcome: String,
    /// Issues found (may be empty).
    pub issues: String,
    /// Risk to the job.
    pub risk: Risk,
}

const SELECT: &str = "SELECT f.id, f.employment_id, f.client_id, f.kind, f.due_on, f.method,
        f.staff_id, s.name, f.status, f.done_on, f.outcome, f.issues, f.risk
    FROM follow_ups f LEFT JOIN staff s ON s.id = f.staff_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: r.get(0)?,
        employment_id: r.get(1)?,
        client_id: r.get(2)?,
        kind: r.get(3)?,
        due_on: r.get(4)?,
        method: r.get(5)?,
        staff_id: r.get(6)?,
        staff_name: r.get(7)?,
        status: r.get(8)?,
        done_on: r.get(9)?,
        outcome: r.get(10)?,
        issues: r.get(11)?,
        risk: r.get(12)?,
    })
}

/// One follow-up.
pub fn follow_up(store: &Store, actor: &Session, id: &FollowUpId) -> Result<FollowUp> {
    store.read(actor, |conn| find(conn, id))
}

fn find(conn: &Connection, id: &FollowUpId) -> Result<FollowUp> {
    conn.query_row(&format!("{SELECT} WHERE f.id = ?1"), [id], from_row)
        .optional()
        .map_err(StoreError::from)?
        .ok_or(CoreError::NotFound {
            what: fields::FOLLOW_UP,
        })
}

/// The follow-ups of every job of a client, by employment and due date (the client page
/// groups them under their jobs).
pub fn client_follow_ups(conn: &Connection, client_id: &ClientId) -> Result<Vec<FollowUp>> {
    let sql = format!(
        "{SELECT} JOIN employments e ON e.id = f.employment_id
         WHERE e.client_id = ?1 ORDER BY f.employment_id, f.due_on, f.id"
    );
    let mut stmt = conn.prepare(&sql).map_err(StoreError::from)?;
    let rows = stmt
        .query_map([client_id], from_row)
        .map_err(StoreError::from)?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?)
}

/// The follow-up, which must still be open, with the start of its employment.
fn open_follow_up(tx: &Tx<'_>, id: &FollowUpId) -> Result<(FollowUp, NaiveDate)> {
    let follow_up = find(tx.conn(), id)?;
    if follow_up.status != FollowUpStatus::Open {
        return Err(CoreError::rule(
            "this follow-up is no longer open",
            "この定着フォローはすでに実施済みか中止されています。",
        ));
    }
    let started_on = tx
        .conn()
        .query_row(
            "SELECT started_on FROM employments WHERE id = ?1",
            [&follow_up.employment_id],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?;
    Ok((follow_up, started_on))
}

/// Records a follow-up as done (any staff member).
pub fn complete_follow_up(
    store: &mut Store,
    actor: &Session,
    id: &FollowUpId,
    done: &FollowUpDone,
) -> Result<()> {
    check_not_future(fields::DONE_ON, done.done_on)?;
    let outcome = crate::text::multi_line(fields::OUTCOME, &done.outcome, MAX_TEXT_CHARS)?;
    if outcome.is_empty() {
        return Err(CoreError::invalid(fields::OUTCOME, Problem::Empty));
    }
    let issues = crate::text::multi_line(fields::ISSUES, &done.issues, MAX_TEXT_CHARS)?;
    store.write(actor, |tx| {
        let (_, started_on) = open_follow_up(tx, id)?;
        if done.done_on < started_on {
            return Err(CoreError::rule(
                "a follow-up cannot be done before the employment started",
                "実施日は就職日以降の日付にしてください。",
            ));
        }
        tx.conn()
            .execute(
                "UPDATE follow_ups SET status = 'done', done_on = ?2, method = ?3, outcome = ?4,
                     issues = ?5, risk = ?6, updated_at = ?7, updated_by = ?8
                 WHERE id = ?1",
                params![
                    id,
                    done.done_on,
                    done.method,
                    outcome,
                    issues,
                    done.risk,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "follow_up.complete",
            "follow_up",
            Some(id.as_str()),
            "follow-up done",
        )
    })
}

/// Hands an open follow-up to another staff member (any staff member may).
pub fn reassign_follow_up(
    store: &mut Store,
    actor: &Session,
    id: &FollowUpId,
    staff_id: &StaffId,
) -> Result<()> {
    store.write(actor, |tx| {
        open_follow_up(tx, id)?;
        check_staff_in_post(tx.conn(), staff_id)?;
        tx.conn()
            .execute(
                "UPDATE follow_ups SET staff_id = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![id, staff_id, tx.now(), tx.actor().user_id()],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "follow_up.reassign",
            "follow_up",
            Some(id.as_str()),
            &format!("assigned to staff {staff_id}"),
        )
    })
}

/// Moves an open follow-up to `due_on`, or to the next open day after it; returns the date
/// it now falls due.
pub fn reschedule_follow_up(
    store: &mut Store,
    actor: &Session,
    id: &FollowUpId,
    due_on: NaiveDate,
) -> Result<NaiveDate> {
    check_date(fields::DUE_ON, due_on, DateLimit::Schedule)?;
    let moved = next_open_day_on_or_after(due_on);
    store.write(actor, |tx| {
        let (_, started_on) = open_follow_up(tx, id)?;
        if moved < started_on {
            return Err(CoreError::rule(
                "a follow-up cannot fall due before the employment started",
                "予定日は就職日以降の日付にしてください。",
            ));
        }
        tx.conn()
            .execute(
                "UPDATE follow_ups SET due_on = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![id, moved, tx.now(), tx.actor().user_id()],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "follow_up.reschedule",
            "follow_up",
            Some(id.as_str()),
            &format!("due date moved to {moved}"),
        )?;
        Ok(moved)
    })
}

/// A staff member who exists and has not left.
pub(crate) fn check_staff_in_post(conn: &Connection, staff_id: &StaffId) -> Result<()> {
    let left_on: Option<Option<NaiveDate>> = conn
        .query_row("SELECT left_on FROM staff WHERE id = ?1", [staff_id], |r| {
            r.get(0)
        })
        .optional()
        .map_err(StoreError::from)?;
    match left_on {
        None => Err(CoreError::NotFound {
            what: fields::STAFF,
        }),
        Some(Some(left)) if left < crate::employment::today() => Err(CoreError::rule(
            "this staff member has left",
            "退職した職員には割り当てられません。",
        )),
        Some(_) => Ok(()),
    }
}

/// On a separation: cancels the employment's open follow-ups and opens one post-separation
/// follow-up by phone, due on the first open day on or after `ended_on` + 7 days. Returns the
/// number cancelled and the new follow-up's id. Runs inside the caller's transaction.
/// When the post-separation call is due: the first open day on or after the last day of
/// work plus a week.
pub fn post_separation_due(ended_on: NaiveDate) -> NaiveDate {
    let due = ended_on
        .checked_add_days(Days::new(POST_SEPARATION_DAYS))
        .unwrap_or(ended_on);
    next_open_day_on_or_after(due)
}

pub(crate) fn close_for_separation(
    tx: &Tx<'_>,
    employment_id: &EmploymentId,
    client_id: &ClientId,
    ended_on: NaiveDate,
    staff_id: Option<&StaffId>,
) -> Result<(usize, FollowUpId)> {
    let cancelled = tx
        .conn()
        .execute(
            "UPDATE follow_ups SET status = 'cancelled', updated_at = ?2, updated_by = ?3
             WHERE employment_id = ?1 AND status = 'open'",
            params![employment_id, tx.now(), tx.actor().user_id()],
        )
        .map_err(StoreError::from)?;
    let id = FollowUpId::new();
    tx.conn()
        .execute(
            "INSERT INTO follow_ups (id, employment_id, client_id, kind, due_on, method, staff_id,
                 status, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9)",
            params![
                id,
                employment_id,
                client_id,
                FollowUpKind::PostSeparation,
                post_separation_due(ended_on),
                FollowUpMethod::Phone,
                staff_id,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(StoreError::from)?;
    Ok((cancelled, id))
}
