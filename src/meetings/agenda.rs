//! The month's staff meeting (職員会議) agenda data: the trial balance (月次試算), trainings to
//! report, follow-ups done and overdue per staff member, and the drop-in space's total — what
//! the plan says the monthly staff meeting goes through.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use super::trainings::{month_bounds, to_report, Training};
use super::{meetings_between, MeetingKind, MeetingSummary};
use crate::calendar::FiscalYear;
use crate::ids::StaffId;
use crate::plan::budget::{compute_trial_balance, TrialBalance};
use crate::session::Session;
use crate::staff::db;
use crate::store::Store;
use crate::Result;

/// What the staff meeting of a month goes through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaffMeetingAgenda {
    /// Calendar year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// The fiscal year the month belongs to.
    pub fiscal_year: FiscalYear,
    /// Staff meetings recorded in the month (usually one).
    pub meetings: Vec<MeetingSummary>,
    /// The month's trial balance; `None` when the fiscal year has no plan yet.
    pub trial_balance: Option<TrialBalance>,
    /// Trainings to report: assigned to this month's meeting first, then those waiting.
    pub trainings: Vec<Training>,
    /// Follow-ups per staff member (unassigned ones under `staff_id: None`).
    pub follow_ups: Vec<StaffFollowUps>,
    /// Follow-ups due before this day and not done before it count as overdue: the day after
    /// the month's end, or today while the month is still running.
    pub overdue_before: NaiveDate,
    /// Drop-in visitors in the month.
    pub dropin_total: u32,
    /// Days with a drop-in count in the month.
    pub dropin_days: u32,
}

/// One staff member's follow-ups in the month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaffFollowUps {
    /// The staff member (`None`: nobody assigned).
    pub staff_id: Option<StaffId>,
    /// Their name (未割当 when nobody).
    pub name: String,
    /// Done in the month.
    pub done: u32,
    /// Overdue (see [`StaffMeetingAgenda::overdue_before`]).
    pub overdue: u32,
}

/// Per staff member: follow-ups done in [?1, ?2], and those due before ?3 but not done before
/// it (still open, or done on or after ?3). Cancelled ones count in neither. Each branch is
/// a range on an index of `follow_ups`: the done ones by `follow_ups_done` (the `+` keeps
/// SQLite from preferring the status index, which would read every follow-up ever done),
/// the open ones by `follow_ups_open`.
pub(crate) const FOLLOW_UPS_SQL: &str = "
    SELECT x.staff_id, s.name, sum(x.done), sum(x.overdue)
    FROM (
        SELECT staff_id, 1 AS done, 0 AS overdue FROM follow_ups
         WHERE done_on BETWEEN ?1 AND ?2 AND +status = 'done'
        UNION ALL
        SELECT staff_id, 0, 1 FROM follow_ups
         WHERE status = 'open' AND due_on < ?3
        UNION ALL
        SELECT staff_id, 0, 1 FROM follow_ups
         WHERE done_on >= ?3 AND +status = 'done' AND due_on < ?3
    ) x
    LEFT JOIN staff s ON s.id = x.staff_id
    GROUP BY x.staff_id
    ORDER BY x.staff_id IS NULL, s.kana, s.name";

/// The agenda data of `year`/`month`'s staff meeting (any signed-in user).
pub fn staff_meeting_agenda(
    store: &Store,
    actor: &Session,
    year: i32,
    month: u32,
) -> Result<StaffMeetingAgenda> {
    let (first, last) = month_bounds(year, month)?;
    let today = chrono::Local::now().date_naive();
    let overdue_before = last.succ_opt().unwrap_or(last).min(today).max(first);
    store.read(actor, |conn| {
        let (dropin_days, dropin_total) = super::dropin::total_between(conn, first, last)?;
        Ok(StaffMeetingAgenda {
            year,
            month,
            fiscal_year: FiscalYear::of(first),
            meetings: meetings_between(conn, Some(MeetingKind::StaffMeeting), first, last)?,
            trial_balance: compute_trial_balance(conn, year, month)?,
            trainings: to_report(conn, first, last)?,
            follow_ups: follow_ups(conn, first, last, overdue_before)?,
            overdue_before,
            dropin_total,
            dropin_days,
        })
    })
}

fn follow_ups(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
    overdue_before: NaiveDate,
) -> Result<Vec<StaffFollowUps>> {
    let mut stmt = conn.prepare(FOLLOW_UPS_SQL).map_err(db)?;
    let rows = stmt
        .query_map(params![first, last, overdue_before], |r| {
            Ok(StaffFollowUps {
                staff_id: r.get(0)?,
                name: r
                    .get::<_, Option<String>>(1)?
                    .unwrap_or_else(|| "未割当".to_string()),
                done: r.get(2)?,
                overdue: r.get(3)?,
            })
        })
        .map_err(db)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::test_support::unindexed_scans;

    #[test]
    fn the_months_follow_up_counts_read_through_indexes() {
        let params = ["2025-06-01", "2025-06-30", "2025-07-01"];
        assert_eq!(
            unindexed_scans(FOLLOW_UPS_SQL, &params, &["x"]),
            Vec::<String>::new()
        );
        let plan = crate::staff::test_support::query_plan(FOLLOW_UPS_SQL, &params);
        assert_eq!(
            plan.iter()
                .filter(|l| l.contains("USING INDEX follow_ups_done"))
                .count(),
            2,
            "the done follow-ups are read by date: {plan:#?}"
        );
    }
}
