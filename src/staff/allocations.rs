//! 配置: who holds which post, at what FTE, from when to when, with which concurrent post
//! (兼務). The director's alone. Every add, change or end is checked in the same transaction
//! against the person's other allocations: nobody holds more than 1.0 on any day.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::fte::{first_day_over_full_time, Fte, Span};
use super::{db, fields, optional_line, plausible_date, StaffRole};
use crate::error::Problem;
use crate::ids::{AllocationId, StaffId};
use crate::session::Session;
use crate::store::Store;
use crate::{CoreError, Result};

/// An allocation as the director sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Allocation {
    /// Id.
    pub id: AllocationId,
    /// The staff member.
    pub staff_id: StaffId,
    /// The staff member's name.
    pub staff_name: String,
    /// The post.
    pub role: StaffRole,
    /// FTE held on each day of the range.
    pub fte: Fte,
    /// First day.
    pub from_on: NaiveDate,
    /// Last day, inclusive; `None` while it runs on.
    pub to_on: Option<NaiveDate>,
    /// 兼務, e.g. 就労支援コーディネーター兼務 (empty when none).
    pub concurrent_post: String,
}

/// A new allocation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAllocation {
    /// The staff member.
    pub staff_id: StaffId,
    /// The post.
    pub role: StaffRole,
    /// FTE, more than 0 and at most 1.0.
    pub fte: Fte,
    /// First day.
    pub from_on: NaiveDate,
    /// Last day, inclusive; `None` for open-ended.
    pub to_on: Option<NaiveDate>,
    /// 兼務 note (may be empty).
    pub concurrent_post: String,
}

/// The new state of an existing allocation (every field replaced).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationEdit {
    /// The post.
    pub role: StaffRole,
    /// FTE, more than 0 and at most 1.0.
    pub fte: Fte,
    /// First day.
    pub from_on: NaiveDate,
    /// Last day, inclusive; `None` for open-ended.
    pub to_on: Option<NaiveDate>,
    /// 兼務 note (may be empty).
    pub concurrent_post: String,
}

/// A change to allocations: saved by the functions below, or tried out in
/// [`super::fte_what_if`] without saving.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationChange {
    /// A new allocation.
    Add(NewAllocation),
    /// An allocation corrected or re-planned.
    Change {
        /// Which allocation.
        id: AllocationId,
        /// Its new state.
        edit: AllocationEdit,
    },
    /// An allocation ending on `last_day` (inclusive).
    End {
        /// Which allocation.
        id: AllocationId,
        /// The last day it holds.
        last_day: NaiveDate,
    },
}

/// Adds an allocation (director only).
pub fn add_allocation(
    store: &mut Store,
    actor: &Session,
    new: &NewAllocation,
) -> Result<AllocationId> {
    save(store, actor, &AllocationChange::Add(new.clone()))
}

/// Replaces an allocation's post, FTE, range and note (director only).
pub fn change_allocation(
    store: &mut Store,
    actor: &Session,
    id: &AllocationId,
    edit: &AllocationEdit,
) -> Result<()> {
    let change = AllocationChange::Change {
        id: id.clone(),
        edit: edit.clone(),
    };
    save(store, actor, &change).map(|_| ())
}

/// Ends an allocation on `last_day`, inclusive (director only).
pub fn end_allocation(
    store: &mut Store,
    actor: &Session,
    id: &AllocationId,
    last_day: NaiveDate,
) -> Result<()> {
    let change = AllocationChange::End {
        id: id.clone(),
        last_day,
    };
    save(store, actor, &change).map(|_| ())
}

fn save(store: &mut Store, actor: &Session, change: &AllocationChange) -> Result<AllocationId> {
    actor.require_director("change FTE allocations")?;
    store.write(actor, |tx| {
        let id = apply(tx.conn(), tx.now(), actor.user_id(), change)?;
        let (action, summary) = match change {
            AllocationChange::Add(new) => (
                "fte_allocation.add",
                format!("allocation added: {} {}", new.role.as_db(), new.fte),
            ),
            AllocationChange::Change { edit, .. } => (
                "fte_allocation.change",
                format!("allocation changed: {} {}", edit.role.as_db(), edit.fte),
            ),
            AllocationChange::End { last_day, .. } => (
                "fte_allocation.end",
                format!("allocation ends on {last_day}"),
            ),
        };
        tx.audit(action, "fte_allocation", Some(id.as_str()), &summary)?;
        Ok(id)
    })
}

/// Applies `change` on `conn` (inside a transaction the caller commits or rolls back),
/// checking every rule first.
pub(crate) fn apply(
    conn: &Connection,
    now: &str,
    user_id: &str,
    change: &AllocationChange,
) -> Result<AllocationId> {
    match change {
        AllocationChange::Add(new) => {
            let post = check_fields(new.fte, new.from_on, new.to_on, &new.concurrent_post)?;
            let exists: Option<i64> = conn
                .query_row("SELECT 1 FROM staff WHERE id = ?1", [&new.staff_id], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(db)?;
            if exists.is_none() {
                return Err(CoreError::NotFound {
                    what: fields::STAFF,
                });
            }
            let span = Span {
                from: new.from_on,
                to: new.to_on,
                fte: new.fte,
            };
            check_full_time(conn, &new.staff_id, None, span, "この配置を加えると")?;
            let id = AllocationId::new();
            conn.execute(
                "INSERT INTO fte_allocations (id, staff_id, role, fte_milli, from_on, to_on,
                        concurrent_post, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    new.staff_id,
                    new.role,
                    new.fte.milli(),
                    new.from_on,
                    new.to_on,
                    post,
                    now,
                    user_id
                ],
            )
            .map_err(db)?;
            Ok(id)
        }
        AllocationChange::Change { id, edit } => {
            let post = check_fields(edit.fte, edit.from_on, edit.to_on, &edit.concurrent_post)?;
            let staff_id = staff_of_allocation(conn, id)?;
            let span = Span {
                from: edit.from_on,
                to: edit.to_on,
                fte: edit.fte,
            };
            check_full_time(conn, &staff_id, Some(id), span, "この変更を行うと")?;
            conn.execute(
                "UPDATE fte_allocations SET role = ?2, fte_milli = ?3, from_on = ?4, to_on = ?5,
                        concurrent_post = ?6, updated_at = ?7, updated_by = ?8
                 WHERE id = ?1",
                params![
                    id,
                    edit.role,
                    edit.fte.milli(),
                    edit.from_on,
                    edit.to_on,
                    post,
                    now,
                    user_id
                ],
            )
            .map_err(db)?;
            Ok(id.clone())
        }
        AllocationChange::End { id, last_day } => {
            let (staff_id, from_on, fte): (StaffId, NaiveDate, u32) = conn
                .query_row(
                    "SELECT staff_id, from_on, fte_milli FROM fte_allocations WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(db)?
                .ok_or(CoreError::NotFound {
                    what: fields::ALLOCATION,
                })?;
            plausible_date(fields::TO_ON, *last_day)?;
            if *last_day < from_on {
                return Err(CoreError::invalid(fields::TO_ON, Problem::EndBeforeStart));
            }
            // Ending later than an earlier planned end lengthens the allocation: check it too.
            let span = Span {
                from: from_on,
                to: Some(*last_day),
                fte: Fte::from_milli(fte),
            };
            check_full_time(conn, &staff_id, Some(id), span, "この変更を行うと")?;
            conn.execute(
                "UPDATE fte_allocations SET to_on = ?2, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1",
                params![id, last_day, now, user_id],
            )
            .map_err(db)?;
            Ok(id.clone())
        }
    }
}

/// Checks FTE, dates and the concurrent-post note; returns the cleaned note.
fn check_fields(
    fte: Fte,
    from_on: NaiveDate,
    to_on: Option<NaiveDate>,
    concurrent_post: &str,
) -> Result<String> {
    if !fte.is_allocation() {
        return Err(CoreError::rule(
            format!("an allocation's FTE must be more than 0 and at most 1.0 (got {fte})"),
            format!("常勤換算は0より大きく1.0以下で入力してください（入力値 {fte}）。"),
        ));
    }
    plausible_date(fields::FROM_ON, from_on)?;
    if let Some(to_on) = to_on {
        plausible_date(fields::TO_ON, to_on)?;
        if to_on < from_on {
            return Err(CoreError::invalid(fields::TO_ON, Problem::EndBeforeStart));
        }
    }
    optional_line(fields::CONCURRENT_POST, concurrent_post, 100)
}

fn staff_of_allocation(conn: &Connection, id: &AllocationId) -> Result<StaffId> {
    conn.query_row(
        "SELECT staff_id FROM fte_allocations WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()
    .map_err(db)?
    .ok_or(CoreError::NotFound {
        what: fields::ALLOCATION,
    })
}

/// Refuses `span` if, with the person's other allocations, they would hold more than 1.0 on
/// some day; the message names the first such day in 和暦 and the total on it.
fn check_full_time(
    conn: &Connection,
    staff_id: &StaffId,
    replacing: Option<&AllocationId>,
    span: Span,
    doing_ja: &str,
) -> Result<()> {
    let mut stmt = conn
        .prepare(
            "SELECT from_on, to_on, fte_milli FROM fte_allocations
             WHERE staff_id = ?1 AND id IS NOT ?2",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map(params![staff_id, replacing], |r| {
            Ok(Span {
                from: r.get(0)?,
                to: r.get(1)?,
                fte: Fte::from_milli(r.get(2)?),
            })
        })
        .map_err(db)?;
    let mut spans = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)?;
    spans.push(span);
    match first_day_over_full_time(&spans) {
        None => Ok(()),
        Some((day, total)) => Err(CoreError::rule(
            format!("a person's FTE would exceed 1.0 on {day} (total {total})"),
            format!(
                "{doing_ja}{}に常勤換算が1.0を超えます（合計{total}）。",
                crate::calendar::format_wareki(day)
            ),
        )),
    }
}

/// Every allocation, or one person's, by staff kana and start (director only).
pub fn allocations(
    store: &Store,
    actor: &Session,
    staff_id: Option<&StaffId>,
) -> Result<Vec<Allocation>> {
    actor.require_director("see FTE allocations")?;
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT a.id, a.staff_id, s.name, a.role, a.fte_milli, a.from_on, a.to_on,
                        a.concurrent_post
                 FROM fte_allocations a JOIN staff s ON s.id = a.staff_id
                 WHERE ?1 IS NULL OR a.staff_id = ?1
                 ORDER BY s.kana, s.name, a.staff_id, a.from_on, a.id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([staff_id], |r| {
                Ok(Allocation {
                    id: r.get(0)?,
                    staff_id: r.get(1)?,
                    staff_name: r.get(2)?,
                    role: r.get(3)?,
                    fte: Fte::from_milli(r.get(4)?),
                    from_on: r.get(5)?,
                    to_on: r.get(6)?,
                    concurrent_post: r.get(7)?,
                })
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    })
}
