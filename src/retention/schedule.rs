//! The follow-up schedule of a new employment, computed from the policy: the early steps, then
//! half-yearly, then yearly follow-ups, each moved to the next day the center is open.
//! Pure date logic plus the one insert that stores a schedule with its employment.

use chrono::{Days, NaiveDate};
use rusqlite::params;

use super::policy::{policy, FollowUpPolicy, Offset};
use super::{FollowUpKind, FollowUpMethod, FollowUpStatus};
use crate::calendar::{add_months, next_open_day_on_or_after};
use crate::ids::{ClientId, EmploymentId, FollowUpId, StaffId};
use crate::store::{StoreError, Tx};
use crate::Result;

/// One follow-up of a schedule: when and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PlannedFollowUp {
    /// The due date, already moved to an open day.
    pub due_on: NaiveDate,
    /// The default method of its step.
    pub method: FollowUpMethod,
}

/// The schedule of an employment started on `started_on`, in date order.
pub fn plan(policy: &FollowUpPolicy, started_on: NaiveDate) -> Vec<PlannedFollowUp> {
    let mut planned: Vec<PlannedFollowUp> = Vec::new();
    let mut last_month = 0;
    for step in &policy.early {
        let raw = match step.offset {
            Offset::Weeks(w) => started_on
                .checked_add_days(Days::new(u64::from(w) * 7))
                .unwrap_or(NaiveDate::MAX),
            Offset::Months(m) => {
                last_month = last_month.max(m);
                add_months(started_on, months_i32(m))
            }
        };
        planned.push(PlannedFollowUp {
            due_on: raw,
            method: step.method,
        });
    }
    let later = |month: u32| PlannedFollowUp {
        due_on: add_months(started_on, months_i32(month)),
        method: policy.later_method,
    };
    let mut month = last_month;
    while month + 6 <= policy.half_yearly_until_years * 12 {
        month += 6;
        planned.push(later(month));
    }
    while month + 12 <= policy.yearly_until_years * 12 {
        month += 12;
        planned.push(later(month));
    }
    for entry in &mut planned {
        entry.due_on = next_open_day_on_or_after(entry.due_on);
    }
    planned.sort_by_key(|p| p.due_on);
    planned.dedup_by_key(|p| p.due_on);
    planned
}

/// The due dates of an employment started on `started_on`, each on an open day, in order.
pub fn due_dates(policy: &FollowUpPolicy, started_on: NaiveDate) -> Vec<NaiveDate> {
    plan(policy, started_on)
        .into_iter()
        .map(|p| p.due_on)
        .collect()
}

fn months_i32(months: u32) -> i32 {
    i32::try_from(months).unwrap_or(i32::MAX)
}

/// Inserts the open follow-ups of a new employment, from the policy in force, assigned to
/// `staff_id`. Runs inside the caller's transaction (the employment's insert), which writes
/// the audit row; returns how many were scheduled.
pub fn schedule_follow_ups(
    tx: &Tx<'_>,
    employment_id: &EmploymentId,
    client_id: &ClientId,
    started_on: NaiveDate,
    staff_id: Option<&StaffId>,
) -> Result<usize> {
    let policy = policy(tx.conn())?;
    let planned = plan(&policy, started_on);
    let mut insert = tx
        .conn()
        .prepare_cached(
            "INSERT INTO follow_ups (id, employment_id, client_id, kind, due_on, method, staff_id,
                 status, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .map_err(StoreError::from)?;
    for entry in &planned {
        insert
            .execute(params![
                FollowUpId::new(),
                employment_id,
                client_id,
                FollowUpKind::Scheduled,
                entry.due_on,
                entry.method,
                staff_id,
                FollowUpStatus::Open,
                tx.now(),
                tx.actor().user_id(),
            ])
            .map_err(StoreError::from)?;
    }
    Ok(planned.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn the_default_schedule_has_nineteen_follow_ups_over_ten_years() {
        // 8 early steps, half-yearly at 18/24/30/36 months, yearly at 4…10 years.
        let dates = due_dates(&FollowUpPolicy::default(), ymd(2025, 4, 1));
        assert_eq!(dates.len(), 19);
        assert_eq!(dates.last(), Some(&ymd(2035, 4, 2)));
    }

    #[test]
    fn a_month_end_start_clamps_to_the_end_of_shorter_months() {
        // 2025-01-31 + 1 month = 2025-02-28 (Fri, open).
        let dates = due_dates(&FollowUpPolicy::default(), ymd(2025, 1, 31));
        assert!(dates.contains(&ymd(2025, 2, 28)));
    }

    #[test]
    fn a_due_date_in_golden_week_moves_to_may_7() {
        // 2025-04-19 + 2 weeks = 5/3 (Sat, 憲法記念日); 5/4 Sun; 5/5 こどもの日; 5/6 振替休日.
        let dates = due_dates(&FollowUpPolicy::default(), ymd(2025, 4, 19));
        assert_eq!(dates[1], ymd(2025, 5, 7));
    }

    #[test]
    fn the_methods_are_visits_first_and_phone_calls_later() {
        let planned = plan(&FollowUpPolicy::default(), ymd(2025, 4, 1));
        let visits = planned
            .iter()
            .filter(|p| p.method == FollowUpMethod::Visit)
            .count();
        assert_eq!(visits, 5);
        assert!(planned[5..]
            .iter()
            .all(|p| p.method == FollowUpMethod::Phone));
    }

    #[test]
    fn a_shorter_policy_stops_where_it_says() {
        let policy = FollowUpPolicy {
            half_yearly_until_years: 2,
            yearly_until_years: 2,
            ..FollowUpPolicy::default()
        };
        // 8 early + 18 and 24 months.
        assert_eq!(due_dates(&policy, ymd(2025, 4, 1)).len(), 10);
    }
}
