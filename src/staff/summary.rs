//! The director's staffing summary for a day: each person's posts and FTE, caseload (active
//! registered clients as main staff) per person and per FTE, open follow-ups, and FTE by role
//! against the plan. The what-if computes the same summary with changes that are never saved.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::allocations::{apply, AllocationChange};
use super::fte::{Fte, FteDelta};
use super::{db, fields, StaffRole};
use crate::calendar::FiscalYear;
use crate::figures::registered_on_sql;
use crate::ids::{ClientId, StaffId};
use crate::session::Session;
use crate::store::Store;
use crate::{CoreError, Result};

/// The staffing summary for one day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FteSummary {
    /// The day described.
    pub date: NaiveDate,
    /// The fiscal year whose plan the roles are compared with.
    pub fiscal_year: FiscalYear,
    /// One line per person who holds a post, is employed, or still has clients or open
    /// follow-ups that day; by post (director first), then kana.
    pub staff: Vec<StaffLine>,
    /// FTE and head count per role, against the plan's staffing lines.
    pub roles: Vec<RoleTotal>,
    /// People holding at least one post that day.
    pub total_head_count: u32,
    /// Sum of every allocation that day.
    pub total_fte: Fte,
    /// Sum of the plan's head counts by role (`None` without a plan for the year).
    pub plan_head_count: Option<u32>,
    /// Sum of the plan's FTE by role (`None` without a plan for the year).
    pub plan_fte: Option<Fte>,
    /// Registered clients that day with a main staff member.
    pub total_caseload: u32,
    /// Registered clients that day without a main staff member.
    pub clients_without_main_staff: u32,
    /// Open follow-ups nobody is assigned to.
    pub unassigned_open_follow_ups: u32,
}

/// One person in the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StaffLine {
    /// The staff member.
    pub staff_id: StaffId,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// Posts held that day.
    pub roles: Vec<RoleLine>,
    /// Sum of the posts' FTE (at most 1.0).
    pub total_fte: Fte,
    /// Registered clients that day with this person as main staff (主担当).
    pub caseload: u32,
    /// Caseload per FTE, to one decimal; `None` when the person holds no FTE that day.
    pub caseload_per_fte: Option<f64>,
    /// Open follow-ups assigned to this person, whatever their due date.
    pub open_follow_ups: u32,
    /// Of those, the ones due before the day.
    pub overdue_follow_ups: u32,
}

/// One post a person holds on the day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleLine {
    /// The post.
    pub role: StaffRole,
    /// Its FTE.
    pub fte: Fte,
    /// 兼務 note.
    pub concurrent_post: String,
}

/// A role's total on the day against the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleTotal {
    /// The role.
    pub role: StaffRole,
    /// People holding it.
    pub head_count: u32,
    /// Sum of its allocations.
    pub fte: Fte,
    /// The plan's head count for it, if the plan has a line.
    pub plan_head_count: Option<u32>,
    /// The plan's FTE for it, if the plan has a line.
    pub plan_fte: Option<Fte>,
    /// Head count minus the plan's.
    pub head_count_difference: Option<i64>,
    /// FTE minus the plan's.
    pub fte_difference: Option<FteDelta>,
}

/// A client's main staff member changed, to try out before saving it in the client's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientReassignment {
    /// The client.
    pub client_id: ClientId,
    /// The new main staff member (`None`: nobody).
    pub main_staff_id: Option<StaffId>,
}

/// One change tried out in [`fte_what_if`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhatIf {
    /// An allocation added, changed or ended.
    Allocation(AllocationChange),
    /// A client given another main staff member.
    Reassignment(ClientReassignment),
}

/// The staffing summary on `date` (director only).
pub fn fte_summary(store: &Store, actor: &Session, date: NaiveDate) -> Result<FteSummary> {
    actor.require_director("see the FTE summary")?;
    store.read(actor, |conn| summarise(conn, date))
}

/// The summary on `date` as it would be with `changes` applied in order. The changes are
/// checked by the same rules as when saved (an allocation that takes someone over 1.0 is
/// refused with the same message), applied in a transaction that is always rolled back:
/// nothing is saved and nothing is audited (director only).
pub fn fte_what_if(
    store: &Store,
    actor: &Session,
    date: NaiveDate,
    changes: &[WhatIf],
) -> Result<FteSummary> {
    actor.require_director("try FTE changes")?;
    store.read(actor, |conn| {
        // Dropping the transaction rolls it back, on success and on error alike.
        let tx = conn.unchecked_transaction().map_err(db)?;
        for change in changes {
            match change {
                WhatIf::Allocation(change) => {
                    apply(&tx, &crate::store::now_text(), actor.user_id(), change)?;
                }
                WhatIf::Reassignment(r) => reassign(&tx, r)?,
            }
        }
        let summary = summarise(&tx, date)?;
        tx.rollback().map_err(db)?;
        Ok(summary)
    })
}

fn reassign(conn: &Connection, r: &ClientReassignment) -> Result<()> {
    if let Some(staff_id) = &r.main_staff_id {
        let found: Option<i64> = conn
            .query_row("SELECT 1 FROM staff WHERE id = ?1", [staff_id], |row| {
                row.get(0)
            })
            .optional()
            .map_err(db)?;
        if found.is_none() {
            return Err(CoreError::NotFound {
                what: fields::STAFF,
            });
        }
    }
    let changed = conn
        .execute(
            "UPDATE clients SET main_staff_id = ?2 WHERE id = ?1",
            params![r.client_id, r.main_staff_id],
        )
        .map_err(db)?;
    if changed == 0 {
        return Err(CoreError::NotFound {
            what: fields::CLIENT,
        });
    }
    Ok(())
}

/// Registered clients on `?1` per main staff member (NULL: none). Uses `clients_main_staff`
/// for the grouping and `client_registrations_client` for the open-registration test.
pub(crate) const CASELOAD_SQL: &str = concat!(
    "
    SELECT c.main_staff_id, count(*)
    FROM clients c
    WHERE EXISTS (SELECT 1 FROM client_registrations r
                  WHERE r.client_id = c.id AND ",
    registered_on_sql!("r", "?1"),
    ")
    GROUP BY c.main_staff_id"
);

/// Open follow-ups per assigned staff member (NULL: nobody), with those due before `?1`.
pub(crate) const OPEN_FOLLOW_UPS_SQL: &str = "
    SELECT staff_id, count(*), coalesce(sum(due_on < ?1), 0)
    FROM follow_ups
    WHERE status = 'open'
    GROUP BY staff_id";

struct Person {
    id: StaffId,
    name: String,
    kana: String,
    employed: bool,
}

fn summarise(conn: &Connection, date: NaiveDate) -> Result<FteSummary> {
    let people = load_people(conn, date)?;
    let mut posts = load_posts(conn, date)?;
    let (caseloads, without_main) = load_caseloads(conn, date)?;
    let (follow_ups, unassigned) = load_follow_ups(conn, date)?;
    let fiscal_year = FiscalYear::of(date);
    let plan = load_plan_lines(conn, fiscal_year)?;

    let mut staff: Vec<StaffLine> = people
        .into_iter()
        .filter_map(|p| {
            let roles = posts.remove(&p.id).unwrap_or_default();
            let caseload = caseloads.get(&p.id).copied().unwrap_or(0);
            let (open, overdue) = follow_ups.get(&p.id).copied().unwrap_or((0, 0));
            if roles.is_empty() && !p.employed && caseload == 0 && open == 0 {
                return None;
            }
            let total_fte: Fte = roles.iter().map(|r| r.fte).sum();
            Some(StaffLine {
                caseload_per_fte: per_fte(caseload, total_fte),
                staff_id: p.id,
                name: p.name,
                kana: p.kana,
                roles,
                total_fte,
                caseload,
                open_follow_ups: open,
                overdue_follow_ups: overdue,
            })
        })
        .collect();
    staff.sort_by(|a, b| {
        let first_role = |l: &StaffLine| l.roles.iter().map(|r| r.role).min();
        let rank = |l: &StaffLine| (first_role(l).is_none(), first_role(l));
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.kana.cmp(&b.kana))
            .then_with(|| a.name.cmp(&b.name))
    });

    let roles = role_totals(&staff, &plan);
    Ok(FteSummary {
        date,
        fiscal_year,
        total_head_count: count(staff.iter().filter(|s| !s.roles.is_empty())),
        total_fte: staff.iter().map(|s| s.total_fte).sum(),
        plan_head_count: plan.as_ref().map(|p| p.values().map(|l| l.0).sum()),
        plan_fte: plan.as_ref().map(|p| p.values().map(|l| l.1).sum()),
        total_caseload: staff.iter().map(|s| s.caseload).sum(),
        clients_without_main_staff: without_main,
        unassigned_open_follow_ups: unassigned,
        staff,
        roles,
    })
}

fn count<T>(iter: impl Iterator<Item = T>) -> u32 {
    u32::try_from(iter.count()).unwrap_or(u32::MAX)
}

/// Caseload per FTE to one decimal, rounded half up, in integer arithmetic.
fn per_fte(caseload: u32, fte: Fte) -> Option<f64> {
    let milli = u64::from(fte.milli());
    if milli == 0 {
        return None;
    }
    let tenths = (u64::from(caseload) * 10_000 + milli / 2) / milli;
    Some(tenths as f64 / 10.0)
}

fn role_totals(
    staff: &[StaffLine],
    plan: &Option<HashMap<StaffRole, (u32, Fte)>>,
) -> Vec<RoleTotal> {
    StaffRole::ALL
        .iter()
        .filter_map(|&role| {
            let holders: Vec<&RoleLine> = staff
                .iter()
                .flat_map(|s| s.roles.iter().filter(move |r| r.role == role))
                .collect();
            let line = plan.as_ref().and_then(|p| p.get(&role)).copied();
            if holders.is_empty() && line.is_none() {
                return None;
            }
            let head_count = count(
                staff
                    .iter()
                    .filter(|s| s.roles.iter().any(|r| r.role == role)),
            );
            let fte: Fte = holders.iter().map(|r| r.fte).sum();
            Some(RoleTotal {
                role,
                head_count,
                fte,
                plan_head_count: line.map(|l| l.0),
                plan_fte: line.map(|l| l.1),
                head_count_difference: line.map(|l| i64::from(head_count) - i64::from(l.0)),
                fte_difference: line.map(|l| fte.minus(l.1)),
            })
        })
        .collect()
}

fn load_people(conn: &Connection, date: NaiveDate) -> Result<Vec<Person>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, name, kana,
                    (joined_on IS NULL OR joined_on <= ?1) AND (left_on IS NULL OR left_on >= ?1)
             FROM staff",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([date], |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                kana: r.get(2)?,
                employed: r.get(3)?,
            })
        })
        .map_err(db)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db)
}

fn load_posts(conn: &Connection, date: NaiveDate) -> Result<HashMap<StaffId, Vec<RoleLine>>> {
    let mut stmt = conn
        .prepare(
            "SELECT staff_id, role, fte_milli, concurrent_post FROM fte_allocations
             WHERE from_on <= ?1 AND (to_on IS NULL OR to_on >= ?1)
             ORDER BY staff_id, role, from_on",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([date], |r| {
            Ok((
                r.get::<_, StaffId>(0)?,
                RoleLine {
                    role: r.get(1)?,
                    fte: Fte::from_milli(r.get(2)?),
                    concurrent_post: r.get(3)?,
                },
            ))
        })
        .map_err(db)?;
    let mut posts: HashMap<StaffId, Vec<RoleLine>> = HashMap::new();
    for row in rows {
        let (staff_id, line) = row.map_err(db)?;
        posts.entry(staff_id).or_default().push(line);
    }
    for lines in posts.values_mut() {
        lines.sort_by_key(|l| l.role);
    }
    Ok(posts)
}

fn load_caseloads(conn: &Connection, date: NaiveDate) -> Result<(HashMap<StaffId, u32>, u32)> {
    let mut stmt = conn.prepare(CASELOAD_SQL).map_err(db)?;
    let rows = stmt
        .query_map([date], |r| {
            Ok((r.get::<_, Option<StaffId>>(0)?, r.get::<_, u32>(1)?))
        })
        .map_err(db)?;
    let mut by_staff = HashMap::new();
    let mut without = 0;
    for row in rows {
        match row.map_err(db)? {
            (Some(id), n) => {
                by_staff.insert(id, n);
            }
            (None, n) => without = n,
        }
    }
    Ok((by_staff, without))
}

type FollowUpCounts = (HashMap<StaffId, (u32, u32)>, u32);

fn load_follow_ups(conn: &Connection, date: NaiveDate) -> Result<FollowUpCounts> {
    let mut stmt = conn.prepare(OPEN_FOLLOW_UPS_SQL).map_err(db)?;
    let rows = stmt
        .query_map([date], |r| {
            Ok((
                r.get::<_, Option<StaffId>>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })
        .map_err(db)?;
    let mut by_staff = HashMap::new();
    let mut unassigned = 0;
    for row in rows {
        match row.map_err(db)? {
            (Some(id), open, overdue) => {
                by_staff.insert(id, (open, overdue));
            }
            (None, open, _) => unassigned = open,
        }
    }
    Ok((by_staff, unassigned))
}

/// The plan's staffing lines for the year, `None` when the year has no plan.
pub(crate) fn load_plan_lines(
    conn: &Connection,
    fiscal_year: FiscalYear,
) -> Result<Option<HashMap<StaffRole, (u32, Fte)>>> {
    let plan_id: Option<String> = conn
        .query_row(
            "SELECT id FROM plans WHERE fiscal_year = ?1",
            [fiscal_year.year()],
            |r| r.get(0),
        )
        .optional()
        .map_err(db)?;
    let Some(plan_id) = plan_id else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare("SELECT role, head_count, fte_milli FROM plan_staffing WHERE plan_id = ?1")
        .map_err(db)?;
    let rows = stmt
        .query_map([plan_id], |r| {
            Ok((
                r.get::<_, StaffRole>(0)?,
                (r.get::<_, u32>(1)?, Fte::from_milli(r.get(2)?)),
            ))
        })
        .map_err(db)?;
    Ok(Some(rows.collect::<rusqlite::Result<_>>().map_err(db)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::test_support::unindexed_scans;

    #[test]
    fn caseload_and_follow_up_counts_read_through_indexes() {
        let day = ["2025-06-01"];
        assert_eq!(
            unindexed_scans(CASELOAD_SQL, &day, &[]),
            Vec::<String>::new()
        );
        assert_eq!(
            unindexed_scans(OPEN_FOLLOW_UPS_SQL, &day, &[]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn caseload_per_fte_is_rounded_to_one_decimal() {
        assert_eq!(per_fte(24, Fte::from_milli(800)), Some(30.0));
        assert_eq!(per_fte(10, Fte::from_milli(750)), Some(13.3));
        assert_eq!(per_fte(5, Fte::ZERO), None);
        assert_eq!(per_fte(0, Fte::FULL), Some(0.0));
    }
}
