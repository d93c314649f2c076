//! The legal employment-quota count (障害者雇用率制度の算定) of one employed person: how many
//! persons the employer may count towards its quota, from the weekly hours and the disability.
//! Reports show it beside each job; employers ask the center about it.
//!
//! The rule, as in force from 2024-04-01 (checked 2026-11, source: 障害者の雇用の促進等に関する
//! 法律 第43条 and 同法施行規則, as amended by 令和4年法律第104号 and the 施行規則 amendment
//! in force on 2024-04-01; MHLW leaflet 「障害者雇用率制度・障害者雇用納付金制度の見直し
//! （令和6年4月施行）」):
//!
//! | 週所定労働時間 | 30h以上 | 20h以上30h未満 | 10h以上20h未満 | 10h未満 |
//! |---|---|---|---|---|
//! | 身体・知的 | 1 | 0.5 | 0 | 0 |
//! | 重度身体・重度知的 | 2 | 1 | 0.5 (from 2024-04-01) | 0 |
//! | 精神 | 1 | 1 (特例) | 0.5 (from 2024-04-01) | 0 |
//!
//! - 重度 (severe) physical and intellectual disability count double (ダブルカウント), so a
//!   full-time worker with a severe disability counts 2, not 1.
//! - 特定短時間労働者 (10h–20h): counted 0.5 since 2024-04-01 only for severe physical, severe
//!   intellectual and mental disability; before that date 0.
//! - The mental-disability special rule (精神障害者である短時間労働者の算定特例) IS implemented:
//!   from 2023-04-01 a worker with a mental disability working 20h–30h counts 1 "当分の間" (for
//!   the time being), whatever the time since hiring or since the certificate (施行規則附則, as
//!   amended in force 2023-04-01). Before 2023-04-01 this function counts 0.5: the 2018–2023
//!   version of the rule depended on the hiring and certificate dates, which are not recorded.
//! - Only holders of a certificate (手帳, or a 判定 for intellectual disability) count at all;
//!   [`QuotaCategory::NotCounted`] is everyone else. Thresholds include their lower bound:
//!   exactly 30h is full time, exactly 20h short time, exactly 10h 特定短時間.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who the person is for the quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaCategory {
    /// 身体障害者 (not severe).
    Physical,
    /// 重度身体障害者 (身体障害者手帳 1・2級, or 3級 with a second disability).
    SeverePhysical,
    /// 知的障害者 (not severe).
    Intellectual,
    /// 重度知的障害者 (愛の手帳 1・2度 or a 重度判定).
    SevereIntellectual,
    /// 精神障害者 with a 精神障害者保健福祉手帳.
    Mental,
    /// Not counted (no certificate).
    NotCounted,
}

/// A quota count in halves of a person (0, 0.5, 1 or 2 persons), so that sums stay exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct QuotaCount {
    /// The count in halves: 1 is 0.5 persons, 4 is 2 persons.
    pub halves: u32,
}

impl QuotaCount {
    /// The count in persons.
    pub fn persons(self) -> f64 {
        f64::from(self.halves) / 2.0
    }
}

impl std::fmt::Display for QuotaCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.halves.is_multiple_of(2) {
            write!(f, "{}", self.halves / 2)
        } else {
            write!(f, "{}.5", self.halves / 2)
        }
    }
}

impl std::ops::Add for QuotaCount {
    type Output = QuotaCount;
    fn add(self, other: QuotaCount) -> QuotaCount {
        QuotaCount {
            halves: self.halves + other.halves,
        }
    }
}

/// From this day 10h–20h workers with a severe or mental disability count 0.5.
pub const SPECIFIED_SHORT_TIME_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2024, 4, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// From this day a 20h–30h worker with a mental disability counts 1 (the special rule).
pub const MENTAL_SHORT_TIME_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2023, 4, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

const FULL_TIME_MINUTES: u32 = 30 * 60;
const SHORT_TIME_MINUTES: u32 = 20 * 60;
const SPECIFIED_SHORT_TIME_MINUTES: u32 = 10 * 60;

/// The quota count on day `on` of a worker with `weekly_minutes` of contracted weekly time.
pub fn quota_count(weekly_minutes: u32, category: QuotaCategory, on: NaiveDate) -> QuotaCount {
    use QuotaCategory::*;
    let halves = match category {
        NotCounted => 0,
        _ if weekly_minutes >= FULL_TIME_MINUTES => match category {
            SeverePhysical | SevereIntellectual => 4,
            _ => 2,
        },
        _ if weekly_minutes >= SHORT_TIME_MINUTES => match category {
            SeverePhysical | SevereIntellectual => 2,
            Mental if on >= MENTAL_SHORT_TIME_FROM => 2,
            _ => 1,
        },
        _ if weekly_minutes >= SPECIFIED_SHORT_TIME_MINUTES => match category {
            SeverePhysical | SevereIntellectual | Mental if on >= SPECIFIED_SHORT_TIME_FROM => 1,
            _ => 0,
        },
        _ => 0,
    };
    QuotaCount { halves }
}

#[cfg(test)]
mod tests {
    use super::QuotaCategory::*;
    use super::*;

    const H: u32 = 60;

    fn on() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()
    }

    fn count(minutes: u32, category: QuotaCategory) -> String {
        quota_count(minutes, category, on()).to_string()
    }

    #[test]
    fn exactly_thirty_hours_is_full_time() {
        assert_eq!(count(30 * H, Physical), "1");
        assert_eq!(count(30 * H - 1, Physical), "0.5");
        assert_eq!(count(30 * H, Mental), "1");
        assert_eq!(count(30 * H, SevereIntellectual), "2");
        assert_eq!(count(30 * H - 1, SevereIntellectual), "1");
    }

    #[test]
    fn exactly_twenty_hours_is_short_time() {
        assert_eq!(count(20 * H, Physical), "0.5");
        assert_eq!(count(20 * H, Intellectual), "0.5");
        assert_eq!(count(20 * H, SeverePhysical), "1");
        assert_eq!(count(20 * H - 1, Physical), "0");
        assert_eq!(count(20 * H - 1, SeverePhysical), "0.5");
    }

    #[test]
    fn exactly_ten_hours_counts_half_only_for_severe_and_mental_disability() {
        assert_eq!(count(10 * H, SeverePhysical), "0.5");
        assert_eq!(count(10 * H, SevereIntellectual), "0.5");
        assert_eq!(count(10 * H, Mental), "0.5");
        assert_eq!(count(10 * H, Physical), "0");
        assert_eq!(count(10 * H, Intellectual), "0");
        assert_eq!(count(10 * H - 1, Mental), "0");
        assert_eq!(count(10 * H - 1, SeverePhysical), "0");
    }

    #[test]
    fn ten_to_twenty_hours_counted_nothing_before_april_2024() {
        let before = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(quota_count(10 * H, Mental, before).halves, 0);
        assert_eq!(
            quota_count(10 * H, Mental, SPECIFIED_SHORT_TIME_FROM).halves,
            1
        );
    }

    #[test]
    fn mental_disability_at_twenty_to_thirty_hours_counts_one_under_the_special_rule() {
        assert_eq!(count(20 * H, Mental), "1");
        assert_eq!(count(30 * H - 1, Mental), "1");
        let before = NaiveDate::from_ymd_opt(2023, 3, 31).unwrap();
        assert_eq!(quota_count(25 * H, Mental, before).to_string(), "0.5");
    }

    #[test]
    fn people_without_a_certificate_and_very_short_hours_count_nothing() {
        assert_eq!(count(40 * H, NotCounted), "0");
        assert_eq!(count(0, SeverePhysical), "0");
    }

    #[test]
    fn counts_add_up_exactly() {
        let total = quota_count(20 * H, Physical, on()) + quota_count(10 * H, Mental, on());
        assert_eq!(total.persons(), 1.0);
    }
}
