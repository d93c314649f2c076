//! A client's timeline: consultations, support records, employments (start and end),
//! follow-ups (due and done), registrations (start and close) and hand-overs, newest
//! first, from one UNION ALL query whose every branch reads by the client's index.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::consultations::{Channel, Topic};
use super::fields;
use super::support::{AccompanyPurpose, SupportKind};
use crate::clients::{require_client, Db};
use crate::error::Problem;
use crate::ids::ClientId;
use crate::session::Session;
use crate::store::Store;
use crate::{CoreError, Result};

/// What a timeline entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// A consultation.
    Consultation,
    /// A support record.
    SupportRecord,
    /// A registration period opened.
    Registered,
    /// An employment started.
    EmploymentStarted,
    /// A follow-up still to do, on its due date.
    FollowUpDue,
    /// A follow-up done.
    FollowUpDone,
    /// An employment ended.
    EmploymentEnded,
    /// A registration period closed.
    RegistrationClosed,
    /// A hand-over from a job-retention service provider.
    Handover,
}

impl TimelineKind {
    fn from_db(s: &str) -> Option<Self> {
        use TimelineKind::*;
        Some(match s {
            "consultation" => Consultation,
            "support_record" => SupportRecord,
            "registered" => Registered,
            "employment_started" => EmploymentStarted,
            "follow_up_due" => FollowUpDue,
            "follow_up_done" => FollowUpDone,
            "employment_ended" => EmploymentEnded,
            "registration_closed" => RegistrationClosed,
            "handover" => Handover,
            _ => return None,
        })
    }
}

/// One line of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// The day.
    pub on: NaiveDate,
    /// What it is.
    pub kind: TimelineKind,
    /// The id of the record behind it (consultation, support record, employment, …).
    pub entity_id: String,
    /// Heading in Japanese, e.g. 相談（来所・就労）, 同行（通院）, 就労開始（○○株式会社）.
    pub title: String,
    /// Text: the record's body, job title, outcome or reason.
    pub text: String,
    /// Minutes spent, when recorded.
    pub minutes: Option<i64>,
    /// Staff involved, by name.
    pub staff: Vec<String>,
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// The bounds bound to the query: the whole history when no range is given.
pub(super) fn bounds(range: Option<DateRange>) -> (String, String) {
    match range {
        Some(r) => (r.from.to_string(), r.to.to_string()),
        None => ("0000-01-01".to_string(), "9999-12-31".to_string()),
    }
}

pub(super) const TIMELINE_SQL: &str = "
SELECT on_day, kind, id, a, b, body, minutes, staff FROM (
    SELECT c.held_on AS on_day, 'consultation' AS kind, c.id AS id, c.channel AS a, c.topic AS b,
           c.body AS body, c.minutes AS minutes, s.name AS staff, 1 AS seq
    FROM consultations c LEFT JOIN staff s ON s.id = c.staff_id
    WHERE c.client_id = ?1 AND c.held_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT r.done_on, 'support_record', r.id, r.kind, r.purpose, r.body, r.minutes,
           (SELECT group_concat(s.name, char(31)) FROM support_record_staff x
            JOIN staff s ON s.id = x.staff_id WHERE x.record_id = r.id), 2
    FROM support_records r
    WHERE r.client_id = ?1 AND r.done_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT g.registered_on, 'registered', g.id, NULL, NULL, '', NULL, NULL, 3
    FROM client_registrations g
    WHERE g.client_id = ?1 AND g.registered_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT e.started_on, 'employment_started', e.id, m.name, NULL, e.job_title, NULL, NULL, 4
    FROM employments e JOIN employers m ON m.id = e.employer_id
    WHERE e.client_id = ?1 AND e.started_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT f.due_on, 'follow_up_due', f.id, f.method, f.kind, '', NULL, s.name, 5
    FROM employments e CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'open'
    LEFT JOIN staff s ON s.id = f.staff_id
    WHERE e.client_id = ?1 AND f.due_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT f.done_on, 'follow_up_done', f.id, f.method, f.kind, f.outcome, NULL, s.name, 6
    FROM employments e CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
    LEFT JOIN staff s ON s.id = f.staff_id
    WHERE e.client_id = ?1 AND f.done_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT e.ended_on, 'employment_ended', e.id, m.name, e.end_reason, e.end_note, NULL, NULL, 7
    FROM employments e JOIN employers m ON m.id = e.employer_id
    WHERE e.client_id = ?1 AND e.ended_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT g.closed_on, 'registration_closed', g.id, NULL, NULL, g.close_reason, NULL, NULL, 8
    FROM client_registrations g
    WHERE g.client_id = ?1 AND g.closed_on BETWEEN ?2 AND ?3
  UNION ALL
    SELECT h.requested_on, 'handover', h.id, p.name, h.status, h.notes, NULL, NULL, 9
    FROM handovers h JOIN partners p ON p.id = h.provider_id
    WHERE h.client_id = ?1 AND h.requested_on BETWEEN ?2 AND ?3
)
ORDER BY on_day DESC, seq DESC, id DESC";

/// A client's timeline, newest first, optionally limited to a range of days. It shows
/// the record, so it is audited as a read (`client.read`).
pub fn timeline(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    range: Option<DateRange>,
) -> Result<Vec<TimelineEntry>> {
    if let Some(r) = range {
        if r.to < r.from {
            return Err(CoreError::invalid(
                fields::RANGE_TO,
                Problem::EndBeforeStart,
            ));
        }
    }
    let (from, to) = bounds(range);
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        let entries = {
            let mut stmt = tx.conn().prepare(TIMELINE_SQL).db()?;
            let rows = stmt
                .query_map(params![client_id, from, to], |r| {
                    let kind: String = r.get(1)?;
                    let a: Option<String> = r.get(3)?;
                    let b: Option<String> = r.get(4)?;
                    let staff: Option<String> = r.get(7)?;
                    Ok((
                        r.get::<_, NaiveDate>(0)?,
                        kind,
                        r.get::<_, String>(2)?,
                        a,
                        b,
                        r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        r.get::<_, Option<i64>>(6)?,
                        staff,
                    ))
                })
                .db()?;
            let mut entries = Vec::new();
            for row in rows {
                let (on, kind, id, a, b, body, minutes, staff) = row.db()?;
                let Some(kind) = TimelineKind::from_db(&kind) else {
                    continue;
                };
                let (title, text) = describe(kind, a.as_deref(), b.as_deref(), body);
                let mut staff: Vec<String> = staff
                    .map(|s| s.split('\u{1F}').map(str::to_string).collect())
                    .unwrap_or_default();
                staff.sort();
                entries.push(TimelineEntry {
                    on,
                    kind,
                    entity_id: id,
                    title,
                    text,
                    minutes,
                    staff,
                });
            }
            entries
        };
        tx.audit(
            "client.read",
            "client",
            Some(client_id.as_str()),
            "timeline viewed",
        )?;
        Ok(entries)
    })
}

/// The Japanese heading and text of an entry from its stored codes.
fn describe(
    kind: TimelineKind,
    a: Option<&str>,
    b: Option<&str>,
    body: String,
) -> (String, String) {
    let a_text = a.unwrap_or_default();
    match kind {
        TimelineKind::Consultation => {
            let channel = a.and_then(Channel::from_db).map_or("", |c| c.label_ja());
            let topic = b.and_then(Topic::from_db).map_or("", |t| t.label_ja());
            (format!("相談（{channel}・{topic}）"), body)
        }
        TimelineKind::SupportRecord => {
            let kind = a.and_then(SupportKind::from_db);
            let purpose = b.and_then(AccompanyPurpose::from_db);
            let title = match (kind, purpose) {
                (Some(k), Some(p)) => format!("{}（{}）", k.label_ja(), p.label_ja()),
                (Some(k), None) => k.label_ja().to_string(),
                (None, _) => "支援記録".to_string(),
            };
            (title, body)
        }
        TimelineKind::Registered => ("利用登録".to_string(), body),
        TimelineKind::RegistrationClosed => ("登録終了".to_string(), body),
        TimelineKind::EmploymentStarted => (format!("就労開始（{a_text}）"), body),
        TimelineKind::EmploymentEnded => {
            let reason = b
                .and_then(crate::employment::EndReason::from_db)
                .map(|r| r.label_ja())
                .unwrap_or_default();
            let text = match (reason.is_empty(), body.is_empty()) {
                (false, false) => format!("{reason}：{body}"),
                (false, true) => reason.to_string(),
                _ => body,
            };
            (format!("離職（{a_text}）"), text)
        }
        TimelineKind::FollowUpDue | TimelineKind::FollowUpDone => {
            let what = if b == Some("post_separation") {
                "離職後フォロー"
            } else {
                "定着フォロー"
            };
            let when = if kind == TimelineKind::FollowUpDue {
                "予定"
            } else {
                "実施"
            };
            let method = a
                .and_then(crate::retention::FollowUpMethod::from_db)
                .map(|m| m.label_ja())
                .unwrap_or_default();
            (format!("{what}{when}（{method}）"), body)
        }
        TimelineKind::Handover => (format!("支援引継ぎ（{a_text}）"), body),
    }
}
