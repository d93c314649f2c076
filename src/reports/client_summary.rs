//! 支援経過の概要: one client's support summary for a period, printed for a case conference —
//! the profile's essentials, disabilities, staff, partners with the consent to share, jobs,
//! follow-ups and the timeline of the period. Only the director or the client's own staff
//! (main or sub) may print it, and each print is written to the audit log.

use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::layout::{Column, Report, Table};
use super::service::{self, day, short_day, short_day_or_blank};
use super::ReportError;
use crate::clients::{CertificateKind, ClientRecord, Consent};
use crate::employment::EmploymentRecord;
use crate::error::Problem;
use crate::ids::ClientId;
use crate::records::{DateRange, TimelineEntry, TimelineKind};
use crate::retention::{FollowUp, FollowUpStatus};
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

/// Input fields of the summary, with their Japanese labels.
pub mod fields {
    use crate::error::Field;
    /// 期間の終わり.
    pub const PERIOD_TO: Field = Field::new("to", "期間の終わり");
}

const TITLE: &str = "支援経過の概要（ケース会議資料）";

/// What to print: a client's summary over a period, issued on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummaryParams {
    /// The client.
    pub client_id: ClientId,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// The date of issue printed in the footer.
    pub issued_on: NaiveDate,
}

/// Everything the summary prints.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientSummary {
    /// The facility's name.
    pub facility: String,
    /// The client's full record.
    pub record: ClientRecord,
    /// Jobs with their follow-ups, latest start first.
    pub employments: Vec<EmploymentRecord>,
    /// Timeline entries in the period, newest first.
    pub timeline: Vec<TimelineEntry>,
    /// The period.
    pub from: NaiveDate,
    /// The period's last day.
    pub to: NaiveDate,
    /// The date of issue.
    pub issued_on: NaiveDate,
}

/// The client's support summary as a PDF: for the director or the client's main or sub staff
/// (`NotYourClient` otherwise); audited as `report.client_summary`, besides the reads of the
/// record and timeline the clients and records modules audit themselves.
pub fn client_summary(
    store: &mut Store,
    actor: &Session,
    params: &ClientSummaryParams,
) -> Result<Vec<u8>> {
    if params.to < params.from {
        return Err(CoreError::invalid(
            fields::PERIOD_TO,
            Problem::EndBeforeStart,
        ));
    }
    let id = &params.client_id;
    store.read(actor, |conn| {
        crate::clients::require_client(conn, id)?;
        if actor.is_director() || is_own_client(conn, actor, id)? {
            Ok(())
        } else {
            Err(CoreError::NotYourClient {
                action: "print the client's support summary",
            })
        }
    })?;
    let record = crate::clients::get_client(store, actor, id)?;
    let range = DateRange {
        from: params.from,
        to: params.to,
    };
    let timeline = crate::records::timeline(store, actor, id, Some(range))?;
    let employments = crate::employment::client_employments(store, actor, id)?;
    let summary = ClientSummary {
        facility: service::facility(store)?,
        record,
        employments,
        timeline,
        from: params.from,
        to: params.to,
        issued_on: params.issued_on,
    };
    let pdf = service::pdf(render(&summary))?;
    store.write(actor, |tx| {
        tx.audit(
            "report.client_summary",
            "client",
            Some(id.as_str()),
            &format!(
                "support summary printed for {} to {}",
                params.from, params.to
            ),
        )
    })?;
    Ok(pdf)
}

/// Whether the signed-in user is the client's main or sub staff member.
fn is_own_client(conn: &rusqlite::Connection, actor: &Session, id: &ClientId) -> Result<bool> {
    let Some(staff_id) = crate::staff::staff_of_user(conn, actor.user_id())? else {
        return Ok(false);
    };
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM clients WHERE id = ?1 AND main_staff_id = ?2)
             OR EXISTS (SELECT 1 FROM client_sub_staff WHERE client_id = ?1 AND staff_id = ?2)",
        params![id, staff_id],
        |r| r.get(0),
    )
    .map_err(|e| CoreError::Store(StoreError::from(e)))
}

/// Lays out the summary.
pub fn render(s: &ClientSummary) -> std::result::Result<Vec<u8>, ReportError> {
    let mut doc = Report::new(service::meta(&s.facility, TITLE, s.issued_on))?;
    doc.heading(1, TITLE);
    doc.key_value("対象期間", &format!("{}～{}", day(s.from), day(s.to)));
    doc.notice(
        "この資料には要配慮個人情報（障害・健康に関する情報）が含まれます。\
         会議の参加者以外に見せず、会議の終了後は回収してシュレッダーで廃棄してください。",
    );
    profile(&mut doc, s);
    partners(&mut doc, &s.record);
    employments(&mut doc, s);
    follow_ups(&mut doc, s);
    timeline(&mut doc, s);
    doc.finish()
}

fn profile(doc: &mut Report, s: &ClientSummary) {
    let r = &s.record;
    doc.heading(2, "基本情報");
    doc.key_value("氏名", &r.name);
    doc.key_value("ふりがな", &r.kana);
    if let Some(born) = r.birth_date {
        doc.key_value(
            "生年月日",
            &format!("{}（{}歳）", day(born), age_on(born, s.to)),
        );
    }
    let mut state = r.status.label_ja().to_string();
    if let Some(phase) = r.phase {
        state.push_str(&format!("・{}", phase.label_ja()));
    }
    doc.key_value("状況", &state);
    doc.key_value("初回相談日", &day(r.first_contact_on));
    let periods: Vec<String> = r
        .registrations
        .iter()
        .map(|reg| {
            let mut text = format!("{}～", day(reg.registered_on));
            if let Some(closed) = reg.closed_on {
                text.push_str(&day(closed));
                if !reg.close_reason.trim().is_empty() {
                    text.push_str(&format!("（{}）", reg.close_reason.trim()));
                }
            }
            text
        })
        .collect();
    doc.key_value("利用登録", &or_none(periods.join("\n")));
    let disabilities: Vec<&str> = r.disabilities.iter().map(|d| d.label_ja()).collect();
    doc.key_value("障害種別", &or_none(disabilities.join("・")));
    let certificate = match r.certificate_kind {
        CertificateKind::None => "なし".to_string(),
        kind => format!("{}　{}", kind.label_ja(), r.certificate_grade)
            .trim()
            .to_string(),
    };
    doc.key_value("障害者手帳", &certificate);
    let main = r.main_staff.as_ref().map(|s| s.name.clone());
    doc.key_value("主担当", &or_none(main.unwrap_or_default()));
    let subs: Vec<&str> = r.sub_staff.iter().map(|s| s.name.as_str()).collect();
    doc.key_value("副担当", &or_none(subs.join("、")));
}

/// Whole years of age on `on`.
fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age.max(0)
}

fn or_none(text: String) -> String {
    if text.trim().is_empty() {
        "（なし）".to_string()
    } else {
        text
    }
}

/// The consent to share with a partner as it stands: the latest one recorded for it.
fn consent_status(consents: &[&Consent]) -> String {
    let latest = consents.iter().max_by_key(|c| c.given_on);
    match latest {
        None => "同意なし".to_string(),
        Some(c) => match c.withdrawn_on {
            Some(withdrawn) => format!("撤回（{}）", short_day(withdrawn)),
            None if c.scope.trim().is_empty() => format!("同意あり（{}）", short_day(c.given_on)),
            None => format!(
                "同意あり（{}）\n範囲：{}",
                short_day(c.given_on),
                c.scope.trim()
            ),
        },
    }
}

fn partners(doc: &mut Report, r: &ClientRecord) {
    let heading = "関係機関と情報提供の同意";
    let mut table = Table::new(vec![
        Column::text("機関名", 48.0),
        Column::text("種別", 42.0),
        Column::text("担当者", 20.0),
        Column::text("情報提供の同意", 55.0),
    ]);
    for p in &r.partners {
        let consents: Vec<&Consent> = r
            .consents
            .iter()
            .filter(|c| c.partner_id == p.partner_id)
            .collect();
        table.row([
            p.name.clone(),
            p.category.label_ja().to_string(),
            p.contact_person.clone(),
            consent_status(&consents),
        ]);
    }
    // Consents given to organizations not (or no longer) linked to the client.
    let mut others: Vec<&Consent> = r
        .consents
        .iter()
        .filter(|c| !r.partners.iter().any(|p| p.partner_id == c.partner_id))
        .collect();
    others.sort_by(|a, b| a.partner_name.cmp(&b.partner_name));
    others.dedup_by(|a, b| a.partner_id == b.partner_id);
    for c in others {
        let consents: Vec<&Consent> = r
            .consents
            .iter()
            .filter(|x| x.partner_id == c.partner_id)
            .collect();
        table.row([
            c.partner_name.clone(),
            String::new(),
            String::new(),
            consent_status(&consents),
        ]);
    }
    if table.rows.is_empty() {
        doc.heading(2, heading);
        doc.paragraph("関係機関の登録はありません。");
    } else {
        doc.heading_with_table(2, heading, &table);
    }
}

fn employments(doc: &mut Report, s: &ClientSummary) {
    let heading = "就労";
    if s.employments.is_empty() {
        doc.heading(2, heading);
        doc.paragraph("就労の記録はありません。");
        return;
    }
    let mut table = Table::new(vec![
        Column::text("事業所・職種", 43.0),
        Column::text("雇用形態", 40.0),
        Column::number("週所定", 22.0),
        Column::centered("開始日", 18.0),
        Column::text("終了日・理由", 42.0),
    ]);
    for record in &s.employments {
        let e = &record.employment;
        let mut place = e.employer_name.clone();
        if !e.job_title.trim().is_empty() {
            place.push_str(&format!("\n{}", e.job_title.trim()));
        }
        let mut contract = e.contract_type.label_ja().to_string();
        if e.disability_employment {
            contract.push_str("\n障害者雇用");
        }
        let end = match (e.ended_on, e.end_reason) {
            (Some(ended), Some(reason)) => format!("{}　{}", short_day(ended), reason.label_ja()),
            (Some(ended), None) => short_day(ended),
            _ => "就労中".to_string(),
        };
        table.row([
            place,
            contract,
            service::weekly_hours(e.weekly_minutes),
            short_day(e.started_on),
            end,
        ]);
    }
    doc.heading_with_table(2, heading, &table);
}

/// The follow-ups of the period: due or done in it, and those still open from before it.
fn follow_ups_in_period(s: &ClientSummary) -> Vec<&FollowUp> {
    let within = |d: NaiveDate| s.from <= d && d <= s.to;
    let mut list: Vec<&FollowUp> = s
        .employments
        .iter()
        .flat_map(|e| e.follow_ups.iter())
        .filter(|f| {
            within(f.due_on)
                || f.done_on.is_some_and(within)
                || (f.status == FollowUpStatus::Open && f.due_on < s.from)
        })
        .collect();
    list.sort_by_key(|f| (f.due_on, f.done_on));
    list
}

fn follow_ups(doc: &mut Report, s: &ClientSummary) {
    let heading = "定着支援（フォロー）";
    let list = follow_ups_in_period(s);
    if list.is_empty() {
        doc.heading(2, heading);
        doc.paragraph("この期間の定着フォローはありません。");
        return;
    }
    let mut table = Table::new(vec![
        Column::centered("予定日", 18.0),
        Column::text("方法", 22.0),
        Column::text("担当", 24.0),
        Column::text("状況", 26.0),
        Column::text("結果・課題", 75.0),
    ]);
    for f in list {
        let state = match (f.status, f.done_on) {
            (FollowUpStatus::Done, Some(done)) => format!("実施 {}", short_day(done)),
            (FollowUpStatus::Open, _) if f.due_on < s.to => "期限超過".to_string(),
            (status, _) => status.label_ja().to_string(),
        };
        let mut result = f.outcome.trim().to_string();
        if !f.issues.trim().is_empty() {
            result.push_str(&format!("\n課題：{}", f.issues.trim()));
        }
        if let Some(risk) = f.risk {
            result.push_str(&format!("\n離職リスク：{}", risk.label_ja()));
        }
        table.row([
            short_day(f.due_on),
            f.method.label_ja().to_string(),
            f.staff_name.clone().unwrap_or_else(|| "未割当".to_string()),
            state,
            result.trim().to_string(),
        ]);
    }
    doc.heading_with_table(2, heading, &table);
}

fn timeline(doc: &mut Report, s: &ClientSummary) {
    let heading = "支援経過";
    // What happened: a follow-up still to do is in the follow-up table above.
    let entries: Vec<&TimelineEntry> = s
        .timeline
        .iter()
        .filter(|e| e.kind != TimelineKind::FollowUpDue)
        .collect();
    if entries.is_empty() {
        doc.heading(2, heading);
        doc.paragraph("この期間の記録はありません。");
        return;
    }
    let mut table = Table::new(vec![
        Column::centered("日付", 18.0),
        Column::text("種別", 40.0),
        Column::text("内容", 80.0),
        Column::text("職員", 27.0),
    ]);
    // Oldest first, as a case conference reads the story.
    for entry in entries.iter().rev() {
        table.row([
            short_day(entry.on),
            entry.title.clone(),
            entry.text.trim().to_string(),
            entry.staff.join("、"),
        ]);
    }
    doc.heading_with_table(2, heading, &table);
    doc.note(&format!(
        "{}～{}の相談・支援記録・就労・定着フォローなどの記録を日付順に示します。",
        short_day(s.from),
        short_day_or_blank(Some(s.to))
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_whole_years_up_to_the_birthday() {
        assert_eq!(age_on(d(1990, 6, 15), d(2025, 6, 14)), 34);
        assert_eq!(age_on(d(1990, 6, 15), d(2025, 6, 15)), 35);
    }
}
