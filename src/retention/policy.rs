//! The follow-up policy the director edits: which follow-ups a new employment gets, by which
//! method, and after how many days without contact a client comes up for a check-in.
//! Stored as JSON in the `settings` row `follow_up_policy`; the default applies until edited.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{fields, FollowUpMethod};
use crate::error::Problem;
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

/// The `settings` key the policy is stored under.
pub const SETTINGS_KEY: &str = "follow_up_policy";

/// How long after the start of an employment a step falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "count")]
pub enum Offset {
    /// So many weeks (7 days each) after the start.
    Weeks(u32),
    /// So many calendar months after the start (clamped to the end of a shorter month).
    Months(u32),
}

impl Offset {
    /// A rough length in days, used only to check that steps come in order.
    fn approx_days(self) -> u32 {
        match self {
            Offset::Weeks(w) => w.saturating_mul(7),
            Offset::Months(m) => m.saturating_mul(30),
        }
    }
}

/// One step of the early, intensive part of the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// When it falls due, counted from the start of the employment.
    pub offset: Offset,
    /// How staff follow up at this step by default.
    pub method: FollowUpMethod,
}

/// Days without a consultation, support record or completed follow-up after which a client
/// comes up for a check-in (近況確認), by phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckInDays {
    /// 就労中 (an ongoing employment).
    pub employed: u32,
    /// 職業準備支援.
    pub preparing: u32,
    /// 求職活動.
    pub seeking: u32,
    /// 休職中.
    pub on_leave: u32,
    /// 離職後.
    pub separated: u32,
    /// Registered clients whose phase has not been set yet.
    pub unset: u32,
}

impl Default for CheckInDays {
    fn default() -> Self {
        CheckInDays {
            employed: 90,
            preparing: 60,
            seeking: 60,
            on_leave: 60,
            separated: 60,
            unset: 60,
        }
    }
}

/// The retention follow-up policy (DOMAIN.md › Retention follow-ups).
///
/// The schedule of an employment is: every `early` step; then a follow-up every 6 months after
/// the last early step until `half_yearly_until_years`; then one a year until
/// `yearly_until_years`. Each due date moves to the next open day of the center.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpPolicy {
    /// The early steps, in order (default: 1 and 2 weeks, 1, 2, 3, 6, 9 and 12 months).
    pub early: Vec<Step>,
    /// Half-yearly follow-ups continue up to this many years after the start (default 3).
    pub half_yearly_until_years: u32,
    /// Yearly follow-ups continue up to this many years after the start (default 10: by then
    /// a client still in the job is followed by the check-in list alone).
    pub yearly_until_years: u32,
    /// The method of the half-yearly and yearly follow-ups (default phone).
    pub later_method: FollowUpMethod,
    /// Check-in thresholds by phase (default 90 days employed, 60 otherwise).
    pub check_in_days: CheckInDays,
}

impl Default for FollowUpPolicy {
    /// Workplace visits while the job is new (up to 3 months), phone calls after that.
    fn default() -> Self {
        use FollowUpMethod::{Phone, Visit};
        let step = |offset, method| Step { offset, method };
        FollowUpPolicy {
            early: vec![
                step(Offset::Weeks(1), Visit),
                step(Offset::Weeks(2), Visit),
                step(Offset::Months(1), Visit),
                step(Offset::Months(2), Visit),
                step(Offset::Months(3), Visit),
                step(Offset::Months(6), Phone),
                step(Offset::Months(9), Phone),
                step(Offset::Months(12), Phone),
            ],
            half_yearly_until_years: 3,
            yearly_until_years: 10,
            later_method: Phone,
            check_in_days: CheckInDays::default(),
        }
    }
}

/// The longest a schedule may run, in years.
pub const MAX_YEARS: u32 = 40;
/// The most early steps a policy may have.
pub const MAX_EARLY_STEPS: usize = 24;
/// Check-in thresholds lie between these numbers of days.
pub const CHECK_IN_DAYS_RANGE: (u32, u32) = (7, 730);

impl FollowUpPolicy {
    /// Checks the policy before it is stored: steps in order and within range, the later parts
    /// after the early ones, check-in thresholds within range.
    pub fn validate(&self) -> Result<()> {
        if self.early.len() > MAX_EARLY_STEPS {
            return Err(out_of_range(
                fields::POLICY_STEPS,
                0,
                MAX_EARLY_STEPS as u32,
            ));
        }
        let mut previous = 0;
        for step in &self.early {
            let (count, max) = match step.offset {
                Offset::Weeks(w) => (w, 52),
                Offset::Months(m) => (m, MAX_YEARS * 12),
            };
            if count == 0 || count > max {
                return Err(out_of_range(fields::POLICY_STEPS, 1, max));
            }
            if step.offset.approx_days() <= previous {
                return Err(CoreError::rule(
                    "the follow-up steps must be in order, each later than the one before",
                    "定着フォローの時期は、早いものから順に、前の時期より後になるよう並べてください。",
                ));
            }
            previous = step.offset.approx_days();
        }
        if self.half_yearly_until_years > MAX_YEARS {
            return Err(out_of_range(fields::POLICY_HALF_YEARLY, 0, MAX_YEARS));
        }
        if self.yearly_until_years > MAX_YEARS {
            return Err(out_of_range(fields::POLICY_YEARLY, 0, MAX_YEARS));
        }
        if self.yearly_until_years < self.half_yearly_until_years {
            return Err(CoreError::rule(
                "yearly follow-ups must run at least as long as the half-yearly ones",
                "1年ごとのフォローを続ける年数は、半年ごとのフォローの年数以上にしてください。",
            ));
        }
        let days = &self.check_in_days;
        for value in [
            days.employed,
            days.preparing,
            days.seeking,
            days.on_leave,
            days.separated,
            days.unset,
        ] {
            let (min, max) = CHECK_IN_DAYS_RANGE;
            if !(min..=max).contains(&value) {
                return Err(out_of_range(fields::CHECK_IN_DAYS, min, max));
            }
        }
        Ok(())
    }
}

fn out_of_range(field: crate::error::Field, min: u32, max: u32) -> CoreError {
    CoreError::invalid(
        field,
        Problem::OutOfRange {
            min: i64::from(min),
            max: i64::from(max),
        },
    )
}

/// The policy in force: the stored one, or the default when none was saved.
pub fn policy(conn: &Connection) -> Result<FollowUpPolicy> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [SETTINGS_KEY],
            |r| r.get(0),
        )
        .optional()
        .map_err(StoreError::from)?;
    match stored {
        None => Ok(FollowUpPolicy::default()),
        Some(json) => serde_json::from_str(&json).map_err(|_| {
            CoreError::rule(
                "the stored follow-up policy cannot be read; the director should save it again",
                "保存されている定着フォローの設定を読み込めません。施設長が設定を保存し直してください。",
            )
        }),
    }
}

/// The policy in force, for a signed-in user.
pub fn current_policy(store: &Store, actor: &Session) -> Result<FollowUpPolicy> {
    store.read(actor, policy)
}

/// Replaces the policy (director only). Schedules already generated keep their dates; the new
/// policy applies to employments added from now on and to the check-in list at once.
pub fn set_policy(store: &mut Store, actor: &Session, new: &FollowUpPolicy) -> Result<()> {
    actor.require_director("edit the follow-up policy")?;
    new.validate()?;
    let json = serde_json::to_string(new)
        .map_err(|_| CoreError::rule("the policy cannot be stored", "設定を保存できません。"))?;
    store.write(actor, |tx| {
        tx.conn()
            .execute(
                "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![SETTINGS_KEY, json, tx.now(), tx.actor().user_id()],
            )
            .map_err(StoreError::from)?;
        let summary = format!(
            "follow-up policy saved: {} early steps, half-yearly to {} years, yearly to {} years",
            new.early.len(),
            new.half_yearly_until_years,
            new.yearly_until_years
        );
        tx.audit(
            "follow_up_policy.update",
            "settings",
            Some(SETTINGS_KEY),
            &summary,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_is_valid_and_round_trips_through_json() {
        let policy = FollowUpPolicy::default();
        policy.validate().unwrap();
        let json = serde_json::to_string(&policy).unwrap();
        assert_eq!(
            serde_json::from_str::<FollowUpPolicy>(&json).unwrap(),
            policy
        );
        assert!(json.contains(r#"{"offset":{"unit":"weeks","count":1},"method":"visit"}"#));
    }

    #[test]
    fn a_stored_policy_missing_newer_fields_reads_with_their_defaults() {
        let policy: FollowUpPolicy = serde_json::from_str(r#"{"yearly_until_years":5}"#).unwrap();
        assert_eq!(policy.yearly_until_years, 5);
        assert_eq!(policy.check_in_days.employed, 90);
        assert_eq!(policy.early.len(), 8);
    }

    #[test]
    fn steps_out_of_order_are_refused_in_japanese() {
        let mut policy = FollowUpPolicy::default();
        policy.early.swap(0, 1);
        let e = policy.validate().unwrap_err();
        assert!(e.message_ja().contains("順に"));
    }

    #[test]
    fn yearly_follow_ups_ending_before_the_half_yearly_ones_are_refused_in_japanese() {
        let mut policy = FollowUpPolicy {
            half_yearly_until_years: 5,
            yearly_until_years: 3,
            ..FollowUpPolicy::default()
        };
        let e = policy.validate().unwrap_err();
        assert!(e.message_ja().contains("半年ごとのフォローの年数以上"));
        policy.yearly_until_years = 5;
        policy.validate().unwrap();
    }

    #[test]
    fn check_in_thresholds_out_of_range_are_refused() {
        let mut policy = FollowUpPolicy::default();
        policy.check_in_days.seeking = 0;
        let e = policy.validate().unwrap_err();
        assert_eq!(
            e.message_ja(),
            "近況確認までの日数は7～730の範囲で入力してください。"
        );
    }
}
