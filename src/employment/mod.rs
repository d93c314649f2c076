//! 就労: clients' jobs and what hangs on them — employers and the support given to them (企業支援),
//! hand-overs from 就労定着支援事業所 (支援引継ぎ), employer development (地域開拓) and the legal
//! employment-quota count. Adding a job schedules its retention follow-ups in the same write.

pub mod development;
pub mod employers;
pub mod employments;
pub mod handover;
pub mod quota;

use chrono::{Days, NaiveDate};

pub use development::{
    add_prospect, development_activity, log_prospect_contact, monthly_activity, prospect,
    prospect_contacts, prospects, update_prospect, ContactMethod, MonthlyActivity,
    NewProspectContact, Prospect, ProspectContact, ProspectContactId, ProspectInput, ProspectStage,
};
pub use employers::{
    add_employer, add_employer_support, delete_employer, employer, employer_support_records,
    employers, employers_overview, update_employer, Employer, EmployerInput, EmployerOverview,
    EmployerSupport, NewEmployerSupport,
};
pub use employments::{
    add_employment, client_employments, employment, end_employment, ContractType, Employment,
    EmploymentEnd, EmploymentRecord, EndReason, NewEmployment, Route,
};
pub use handover::{
    add_handover, check_handover, client_handovers, handover_ends_on, mark_handover_arrived,
    Handover, HandoverCheck, HandoverStatus, NewHandover,
};
pub use quota::{quota_count, QuotaCategory, QuotaCount};

use crate::calendar::format_wareki;
use crate::error::Field;
use crate::{CoreError, Result};

/// Fields of employment, named in English and Japanese for error messages.
pub mod fields {
    use crate::error::Field;
    /// 利用者.
    pub const CLIENT: Field = Field::new("client", "利用者");
    /// 企業・事業所.
    pub const EMPLOYER: Field = Field::new("employer", "企業・事業所");
    /// 企業名.
    pub const EMPLOYER_NAME: Field = Field::new("employer_name", "企業・事業所名");
    /// 業種.
    pub const INDUSTRY: Field = Field::new("industry", "業種");
    /// 所在地.
    pub const ADDRESS: Field = Field::new("address", "所在地");
    /// 電話番号.
    pub const PHONE: Field = Field::new("phone", "電話番号");
    /// 担当者.
    pub const CONTACT_PERSON: Field = Field::new("contact_person", "先方の担当者");
    /// 備考.
    pub const NOTES: Field = Field::new("notes", "備考");
    /// 就労.
    pub const EMPLOYMENT: Field = Field::new("employment", "就労");
    /// 就職日.
    pub const STARTED_ON: Field = Field::new("started_on", "就職日");
    /// 離職日.
    pub const ENDED_ON: Field = Field::new("ended_on", "離職日");
    /// 離職の補足.
    pub const END_NOTE: Field = Field::new("end_note", "離職の補足");
    /// 職種.
    pub const JOB_TITLE: Field = Field::new("job_title", "職種");
    /// 週の所定労働時間（分）.
    pub const WEEKLY_MINUTES: Field = Field::new("weekly_minutes", "週の所定労働時間（分）");
    /// 職員.
    pub const STAFF: Field = Field::new("staff", "職員");
    /// 企業支援の記録.
    pub const EMPLOYER_SUPPORT: Field = Field::new("employer_support", "企業支援の記録");
    /// 支援日.
    pub const SUPPORT_DONE_ON: Field = Field::new("done_on", "支援日");
    /// 所要時間（分）.
    pub const MINUTES: Field = Field::new("minutes", "所要時間（分）");
    /// 内容.
    pub const BODY: Field = Field::new("body", "内容");
    /// 支援引継ぎ.
    pub const HANDOVER: Field = Field::new("handover", "支援引継ぎ");
    /// 就労定着支援事業所.
    pub const PROVIDER: Field = Field::new("provider", "就労定着支援事業所");
    /// 依頼日.
    pub const REQUESTED_ON: Field = Field::new("requested_on", "引継ぎの依頼日");
    /// 確認日.
    pub const CHECKED_ON: Field = Field::new("checked_on", "確認日");
    /// 開拓先企業.
    pub const PROSPECT: Field = Field::new("prospect", "開拓先企業");
    /// 開拓先企業名.
    pub const PROSPECT_NAME: Field = Field::new("prospect_name", "開拓先企業名");
    /// 接触日.
    pub const CONTACTED_ON: Field = Field::new("contacted_on", "接触日");
}

/// Employment starts (内定 included) may be recorded up to this many days ahead.
pub const PLANNED_START_DAYS: u64 = 366;

/// Today on this PC: the reference for "not in the future" checks.
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The latest day a planned start may fall on.
pub(crate) fn latest_planned_start() -> NaiveDate {
    today()
        .checked_add_days(Days::new(PLANNED_START_DAYS))
        .unwrap_or(crate::calendar::LATEST_DATE)
}

/// The earliest date accepted anywhere in this module.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

fn check_from_1900(field: Field, date: NaiveDate) -> Result<()> {
    if date < EARLIEST {
        return Err(CoreError::rule(
            format!("{field} is before 1900"),
            format!("{}は1900年1月1日以降の日付にしてください。", field.label_ja),
        ));
    }
    Ok(())
}

/// A date from 1900 up to today, with a Japanese message naming the field otherwise.
pub(crate) fn check_not_future(field: Field, date: NaiveDate) -> Result<()> {
    check_from_1900(field, date)?;
    if date > today() {
        return Err(CoreError::rule(
            format!("{field} is in the future"),
            format!("{}に未来の日付は入力できません。", field.label_ja),
        ));
    }
    Ok(())
}

/// How far ahead a date may lie.
#[derive(Clone, Copy, Debug)]
pub(crate) enum DateLimit {
    /// Up to today + [`PLANNED_START_DAYS`] (a job start).
    Planned,
    /// Up to the calendar's last date (a follow-up years ahead).
    Schedule,
}

/// A date from 1900 up to the limit, with a Japanese message naming the field otherwise.
pub(crate) fn check_date(field: Field, date: NaiveDate, limit: DateLimit) -> Result<()> {
    check_from_1900(field, date)?;
    let latest = match limit {
        DateLimit::Planned => latest_planned_start(),
        DateLimit::Schedule => crate::calendar::LATEST_DATE,
    };
    if date > latest {
        return Err(CoreError::rule(
            format!("{field} is too far ahead"),
            format!(
                "{}は{}以前の日付にしてください。",
                field.label_ja,
                format_wareki(latest)
            ),
        ));
    }
    Ok(())
}

/// Optional one-line text: empty is fine, control characters and over-long text are not.
pub(crate) fn optional_line(field: Field, input: &str, max: usize) -> Result<String> {
    if input.trim().is_empty() {
        return Ok(String::new());
    }
    crate::text::single_line(field, input, max)
}

/// Whether a row with this id exists in `table` (a fixed table name from this module).
pub(crate) fn exists(conn: &rusqlite::Connection, table: &'static str, id: &str) -> Result<bool> {
    use rusqlite::OptionalExtension;
    let found: Option<i64> = conn
        .query_row(&format!("SELECT 1 FROM {table} WHERE id = ?1"), [id], |r| {
            r.get(0)
        })
        .optional()
        .map_err(crate::store::StoreError::from)?;
    Ok(found.is_some())
}

/// Fails with "not found" unless the row exists.
pub(crate) fn require(
    conn: &rusqlite::Connection,
    table: &'static str,
    id: &str,
    what: Field,
) -> Result<()> {
    if exists(conn, table, id)? {
        Ok(())
    } else {
        Err(CoreError::NotFound { what })
    }
}
