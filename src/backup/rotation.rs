//! Which automatic backups to keep: the newest of each of the last 7 days, of the
//! last 4 weeks and of the last 12 months that have backups (by default); the
//! rest are deleted after a new backup has been written and verified.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDateTime};

/// How many daily, weekly and monthly backups to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RotationPolicy {
    /// Newest per day, for this many days.
    pub daily: usize,
    /// Newest per ISO week, for this many weeks.
    pub weekly: usize,
    /// Newest per month, for this many months.
    pub monthly: usize,
}

impl Default for RotationPolicy {
    fn default() -> Self {
        RotationPolicy {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

/// The indexes into `made_at` of the backups to delete under `policy`.
pub fn plan_rotation(made_at: &[NaiveDateTime], policy: RotationPolicy) -> Vec<usize> {
    let mut newest_first: Vec<usize> = (0..made_at.len()).collect();
    newest_first.sort_by(|&a, &b| made_at[b].cmp(&made_at[a]));
    let mut keep = BTreeSet::new();
    keep_newest_per(&newest_first, made_at, policy.daily, &mut keep, |d| {
        (d.year(), d.ordinal(), 0)
    });
    keep_newest_per(&newest_first, made_at, policy.weekly, &mut keep, |d| {
        let w = d.iso_week();
        (w.year(), w.week(), 1)
    });
    keep_newest_per(&newest_first, made_at, policy.monthly, &mut keep, |d| {
        (d.year(), d.month(), 2)
    });
    newest_first
        .into_iter()
        .filter(|i| !keep.contains(i))
        .collect()
}

fn keep_newest_per(
    newest_first: &[usize],
    made_at: &[NaiveDateTime],
    periods: usize,
    keep: &mut BTreeSet<usize>,
    period_of: impl Fn(&NaiveDateTime) -> (i32, u32, u8),
) {
    let mut seen = BTreeSet::new();
    for &i in newest_first {
        if seen.len() == periods && !seen.contains(&period_of(&made_at[i])) {
            break;
        }
        if seen.insert(period_of(&made_at[i])) {
            keep.insert(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_year_of_daily_backups_keeps_seven_days_four_weeks_and_twelve_months() {
        let start = at(2025, 1, 1);
        let made: Vec<_> = (0..400).map(|i| start + Duration::days(i)).collect();
        let delete = plan_rotation(&made, RotationPolicy::default());
        let kept: Vec<_> = (0..made.len())
            .filter(|i| !delete.contains(i))
            .map(|i| made[i])
            .collect();
        // 7 daily + weekly ones not among them + monthly ones not among those: at most 23.
        assert!(kept.len() <= 23 && kept.len() > 12, "{}", kept.len());
        assert!(
            kept.contains(made.last().unwrap()),
            "the newest is always kept"
        );
        for d in 0..7 {
            assert!(
                kept.contains(&made[made.len() - 1 - d]),
                "the last seven days are kept"
            );
        }
        assert!(
            !kept.contains(&made[0]),
            "the oldest month falls outside twelve months"
        );
    }

    #[test]
    fn two_backups_on_one_day_keep_only_the_newer_one() {
        let made = vec![at(2025, 4, 1), at(2025, 4, 1) + Duration::hours(3)];
        assert_eq!(plan_rotation(&made, RotationPolicy::default()), vec![0]);
    }

    #[test]
    fn nothing_is_deleted_when_there_are_few_backups() {
        let made = vec![at(2025, 4, 1), at(2025, 4, 2)];
        assert!(plan_rotation(&made, RotationPolicy::default()).is_empty());
    }
}
