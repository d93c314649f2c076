//! 職場定着支援: the follow-up schedule each employment gets, the work on each follow-up, and
//! the worklists that tell staff whom to visit or call today (DOMAIN.md › Retention follow-ups).
//! The schedule comes from a policy the director edits; every list is one set-based query.

pub mod check_in_reference;
pub mod follow_ups;
pub(crate) mod last_contact;
pub mod policy;
pub mod schedule;
pub mod worklist;

pub use follow_ups::{
    client_follow_ups, complete_follow_up, follow_up, post_separation_due, reassign_follow_up,
    reschedule_follow_up, FollowUp, FollowUpDone,
};
pub use policy::{current_policy, policy, set_policy, CheckInDays, FollowUpPolicy, Offset, Step};
pub use schedule::{due_dates, plan, schedule_follow_ups, PlannedFollowUp};
pub use worklist::{
    check_ins, due_soon, handovers_ending, overdue, worklists, CheckInItem, FollowUpItem,
    HandoverItem, Worklists,
};

/// Fields of retention, named in English and Japanese for error messages.
pub mod fields {
    use crate::error::Field;
    /// 定着フォロー.
    pub const FOLLOW_UP: Field = Field::new("follow_up", "定着フォロー");
    /// 実施日.
    pub const DONE_ON: Field = Field::new("done_on", "実施日");
    /// 予定日.
    pub const DUE_ON: Field = Field::new("due_on", "予定日");
    /// 結果.
    pub const OUTCOME: Field = Field::new("outcome", "結果");
    /// 課題.
    pub const ISSUES: Field = Field::new("issues", "把握した課題");
    /// 担当職員.
    pub const STAFF: Field = Field::new("staff", "担当職員");
    /// 定着フォローの時期.
    pub const POLICY_STEPS: Field = Field::new("policy_steps", "定着フォローの時期");
    /// 半年ごとのフォローを続ける年数.
    pub const POLICY_HALF_YEARLY: Field =
        Field::new("half_yearly_until_years", "半年ごとのフォローを続ける年数");
    /// 年1回のフォローを続ける年数.
    pub const POLICY_YEARLY: Field =
        Field::new("yearly_until_years", "年1回のフォローを続ける年数");
    /// 近況確認までの日数.
    pub const CHECK_IN_DAYS: Field = Field::new("check_in_days", "近況確認までの日数");
}

crate::db_enum!(
    /// How staff follow up with an employed client.
    FollowUpMethod {
        /// A visit to the workplace (or the client).
        Visit = "visit" / "訪問",
        /// A phone call.
        Phone = "phone" / "電話",
        /// A meeting at the center.
        CenterMeeting = "center_meeting" / "来所面談",
        /// A call or visit to the employer.
        EmployerContact = "employer_contact" / "企業への連絡",
    }
);

crate::db_enum!(
    /// Why a follow-up exists.
    FollowUpKind {
        /// From the employment's schedule (定着フォロー).
        Scheduled = "scheduled" / "定着フォロー",
        /// Opened when the employment ended (離職後の支援).
        PostSeparation = "post_separation" / "離職後の支援",
    }
);

crate::db_enum!(
    /// Where a follow-up stands.
    FollowUpStatus {
        /// Still to do.
        Open = "open" / "未実施",
        /// Done, with its date and outcome.
        Done = "done" / "実施済み",
        /// No longer needed (the employment ended).
        Cancelled = "cancelled" / "中止",
    }
);

crate::db_enum!(
    /// The risk to the job that staff saw at a follow-up.
    Risk {
        /// 低.
        Low = "low" / "低",
        /// 中.
        Medium = "medium" / "中",
        /// 高.
        High = "high" / "高",
    }
);
