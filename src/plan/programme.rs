//! The plan's meeting programme — ほっと就労支援連絡会 年5回 with its months and topics,
//! 就労者交流会 年7回, 防災訓練 年2回, 職員会議 毎月 — and its disaster duties (総指揮・連絡担当・
//! 救助担当), as the plan states them.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::{check_count, fields, write_plan};
use crate::calendar::FiscalYear;
use crate::error::Problem;
use crate::ids::PlanId;
use crate::meetings::MeetingKind;
use crate::session::Session;
use crate::staff::{db, optional_line};
use crate::store::{Store, Tx};
use crate::{CoreError, Result};

crate::db_enum!(
    /// A duty in the disaster plan (防災計画).
    DisasterDutyKind {
        /// 総指揮.
        Command = "command" / "総指揮",
        /// 連絡担当.
        Liaison = "liaison" / "連絡担当",
        /// 救助担当.
        Rescue = "rescue" / "救助担当",
    }
);

/// How the plan holds one kind of meeting: how often, and the months with topics it names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPlan {
    /// The kind (case conferences are not planned).
    pub kind: MeetingKind,
    /// 年N回.
    pub per_year: u32,
    /// Note, e.g. 毎月.
    pub note: String,
    /// The months the plan names, with their topics.
    pub sessions: Vec<PlannedSession>,
}

/// A month the plan names for a meeting, with its topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSession {
    /// 1–12.
    pub month: u32,
    /// 内容.
    pub topic: String,
}

/// A duty of the disaster plan and who holds it, as the plan writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisasterDuty {
    /// The duty.
    pub duty: DisasterDutyKind,
    /// A role or post, e.g. 建物防災責任者.
    pub assigned_to: String,
}

/// Replaces the meeting programme (director only).
pub fn set_meeting_programme(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    programme: &[MeetingPlan],
) -> Result<()> {
    validate_programme(programme)?;
    write_plan(
        store,
        actor,
        fy,
        "plan.meetings",
        "meeting programme set",
        |tx, id| write_programme(tx, id, programme),
    )
}

fn validate_programme(programme: &[MeetingPlan]) -> Result<Vec<MeetingPlan>> {
    let mut seen = Vec::new();
    let mut out = Vec::with_capacity(programme.len());
    for plan in programme {
        if plan.kind == MeetingKind::CaseConference {
            return Err(CoreError::rule(
                "case conferences are held as needed and are not part of the plan's programme",
                "ケース会議は必要に応じて開くもので、年間の会議計画には入れられません。",
            ));
        }
        if seen.contains(&plan.kind) {
            return Err(CoreError::Duplicate {
                what: fields::MEETING_KIND,
            });
        }
        seen.push(plan.kind);
        check_count(fields::PER_YEAR, plan.per_year, 366)?;
        if plan.sessions.len() > plan.per_year as usize {
            return Err(CoreError::rule(
                "more planned months than meetings a year",
                format!(
                    "{}の予定月が年間回数（年{}回）より多く入力されています。",
                    plan.kind.label_ja(),
                    plan.per_year
                ),
            ));
        }
        let mut sessions = Vec::with_capacity(plan.sessions.len());
        for s in &plan.sessions {
            if !(1..=12).contains(&s.month) {
                return Err(CoreError::invalid(
                    fields::MONTH,
                    Problem::OutOfRange { min: 1, max: 12 },
                ));
            }
            sessions.push(PlannedSession {
                month: s.month,
                topic: crate::text::multi_line(fields::TOPIC, &s.topic, 500)?,
            });
        }
        out.push(MeetingPlan {
            kind: plan.kind,
            per_year: plan.per_year,
            note: optional_line(fields::NOTE, &plan.note, 200)?,
            sessions,
        });
    }
    Ok(out)
}

pub(crate) fn write_programme(tx: &Tx<'_>, id: &PlanId, programme: &[MeetingPlan]) -> Result<()> {
    let programme = validate_programme(programme)?;
    let conn = tx.conn();
    let (now, by) = (tx.now(), tx.actor().user_id());
    conn.execute("DELETE FROM plan_meetings WHERE plan_id = ?1", [id])
        .map_err(db)?;
    conn.execute("DELETE FROM plan_meeting_counts WHERE plan_id = ?1", [id])
        .map_err(db)?;
    for plan in &programme {
        conn.execute(
            "INSERT INTO plan_meeting_counts (id, plan_id, kind, per_year, note, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![crate::ids::new_id(), id, plan.kind, plan.per_year, plan.note, now, by],
        )
        .map_err(db)?;
        for s in &plan.sessions {
            conn.execute(
                "INSERT INTO plan_meetings (id, plan_id, kind, month, topic, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![crate::ids::new_id(), id, plan.kind, s.month, s.topic, now, by],
            )
            .map_err(db)?;
        }
    }
    Ok(())
}

/// Replaces the disaster duties (director only).
pub fn set_disaster_duties(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    duties: &[DisasterDuty],
) -> Result<()> {
    validate_duties(duties)?;
    write_plan(
        store,
        actor,
        fy,
        "plan.disaster_duties",
        "disaster duties set",
        |tx, id| write_duties(tx, id, duties),
    )
}

fn validate_duties(duties: &[DisasterDuty]) -> Result<Vec<DisasterDuty>> {
    duties
        .iter()
        .map(|d| {
            Ok(DisasterDuty {
                duty: d.duty,
                assigned_to: crate::text::single_line(fields::ASSIGNED_TO, &d.assigned_to, 100)?,
            })
        })
        .collect()
}

pub(crate) fn write_duties(tx: &Tx<'_>, id: &PlanId, duties: &[DisasterDuty]) -> Result<()> {
    let duties = validate_duties(duties)?;
    let conn = tx.conn();
    conn.execute("DELETE FROM disaster_duties WHERE plan_id = ?1", [id])
        .map_err(db)?;
    for d in &duties {
        conn.execute(
            "INSERT INTO disaster_duties (id, plan_id, duty, assigned_to, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                crate::ids::new_id(),
                id,
                d.duty,
                d.assigned_to,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(db)?;
    }
    Ok(())
}

pub(crate) fn load_programme(conn: &Connection, id: &PlanId) -> Result<Vec<MeetingPlan>> {
    let mut by_kind: BTreeMap<MeetingKind, MeetingPlan> = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT kind, per_year, note FROM plan_meeting_counts WHERE plan_id = ?1")
        .map_err(db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(MeetingPlan {
                kind: r.get(0)?,
                per_year: r.get(1)?,
                note: r.get(2)?,
                sessions: Vec::new(),
            })
        })
        .map_err(db)?;
    for row in rows {
        let plan = row.map_err(db)?;
        by_kind.insert(plan.kind, plan);
    }
    // Months in fiscal-year order: April first, March last.
    let mut stmt = conn
        .prepare(
            "SELECT kind, month, topic FROM plan_meetings WHERE plan_id = ?1
             ORDER BY kind, (month + 8) % 12, id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, MeetingKind>(0)?,
                PlannedSession {
                    month: r.get(1)?,
                    topic: r.get(2)?,
                },
            ))
        })
        .map_err(db)?;
    for row in rows {
        let (kind, session) = row.map_err(db)?;
        let plan = by_kind.entry(kind).or_insert_with(|| MeetingPlan {
            kind,
            per_year: 0,
            note: String::new(),
            sessions: Vec::new(),
        });
        plan.sessions.push(session);
        plan.per_year = plan.per_year.max(plan.sessions.len() as u32);
    }
    Ok(by_kind.into_values().collect())
}

pub(crate) fn load_duties(conn: &Connection, id: &PlanId) -> Result<Vec<DisasterDuty>> {
    let mut stmt = conn
        .prepare("SELECT duty, assigned_to FROM disaster_duties WHERE plan_id = ?1 ORDER BY id")
        .map_err(db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(DisasterDuty {
                duty: r.get(0)?,
                assigned_to: r.get(1)?,
            })
        })
        .map_err(db)?;
    let mut duties = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)?;
    duties.sort_by_key(|d| d.duty);
    Ok(duties)
}
