//! 研修: trainings staff attend (online or not) and the staff meeting each is reported at, as
//! the plan asks (研修に参加し、その内容について職員会議で報告する). A month's staff meeting
//! lists what is to be reported at it and what is still waiting for a meeting.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::{meeting_kind, MeetingKind};
use crate::error::Field;
use crate::ids::{MeetingId, StaffId, TrainingId};
use crate::session::Session;
use crate::staff::{db, plausible_date};
use crate::store::Store;
use crate::{CoreError, Result};

/// 研修.
pub const TRAINING: Field = Field::new("training", "研修");
/// 研修名.
pub const TITLE: Field = Field::new("title", "研修名");
/// 受講日.
pub const HELD_ON: Field = Field::new("held_on", "受講日");
/// 受講した職員.
pub const STAFF: Field = Field::new("staff", "受講した職員");

/// A training, new or replacing the old details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingInput {
    /// Who attended.
    pub staff_id: StaffId,
    /// 研修名.
    pub title: String,
    /// 受講日.
    pub held_on: NaiveDate,
    /// Attended online.
    pub online: bool,
    /// The staff meeting it is (to be) reported at.
    pub report_meeting_id: Option<MeetingId>,
}

/// A training as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Training {
    /// Id.
    pub id: TrainingId,
    /// Who attended.
    pub staff_id: StaffId,
    /// Their name.
    pub staff_name: String,
    /// 研修名.
    pub title: String,
    /// 受講日.
    pub held_on: NaiveDate,
    /// Online.
    pub online: bool,
    /// The staff meeting it is reported at.
    pub report_meeting_id: Option<MeetingId>,
    /// That meeting's date.
    pub report_meeting_on: Option<NaiveDate>,
}

fn validate(conn: &Connection, input: &TrainingInput) -> Result<String> {
    let title = crate::text::single_line(TITLE, &input.title, 200)?;
    plausible_date(HELD_ON, input.held_on)?;
    if let Some(meeting) = &input.report_meeting_id {
        let (kind, held_on) = meeting_kind(conn, meeting)?;
        if kind != MeetingKind::StaffMeeting {
            return Err(CoreError::rule(
                "trainings are reported at a staff meeting",
                "研修の報告先には職員会議を選んでください。",
            ));
        }
        if held_on < input.held_on {
            return Err(CoreError::rule(
                "the staff meeting is before the training",
                "報告する職員会議が受講日より前になっています。受講日以降の職員会議を選んでください。",
            ));
        }
    }
    Ok(title)
}

fn missing_staff(e: rusqlite::Error) -> CoreError {
    match e.sqlite_error() {
        Some(f) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            CoreError::NotFound { what: STAFF }
        }
        _ => db(e),
    }
}

/// Records a training (any signed-in user).
pub fn add_training(
    store: &mut Store,
    actor: &Session,
    input: &TrainingInput,
) -> Result<TrainingId> {
    store.write(actor, |tx| {
        let title = validate(tx.conn(), input)?;
        let id = TrainingId::new();
        tx.conn()
            .execute(
                "INSERT INTO trainings (id, staff_id, title, held_on, online, report_meeting_id,
                        updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    input.staff_id,
                    title,
                    input.held_on,
                    input.online,
                    input.report_meeting_id,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(missing_staff)?;
        tx.audit(
            "training.add",
            "training",
            Some(id.as_str()),
            "training recorded",
        )?;
        Ok(id)
    })
}

/// Replaces a training's details, including the staff meeting it is reported at (any
/// signed-in user).
pub fn update_training(
    store: &mut Store,
    actor: &Session,
    id: &TrainingId,
    input: &TrainingInput,
) -> Result<()> {
    store.write(actor, |tx| {
        let title = validate(tx.conn(), input)?;
        let changed = tx
            .conn()
            .execute(
                "UPDATE trainings SET staff_id = ?2, title = ?3, held_on = ?4, online = ?5,
                        report_meeting_id = ?6, updated_at = ?7, updated_by = ?8
                 WHERE id = ?1",
                params![
                    id,
                    input.staff_id,
                    title,
                    input.held_on,
                    input.online,
                    input.report_meeting_id,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(missing_staff)?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: TRAINING });
        }
        tx.audit(
            "training.update",
            "training",
            Some(id.as_str()),
            "training changed",
        )
    })
}

const TRAINING_SQL: &str = "
    SELECT t.id, t.staff_id, s.name, t.title, t.held_on, t.online, t.report_meeting_id, m.held_on
    FROM trainings t
    JOIN staff s ON s.id = t.staff_id
    LEFT JOIN meetings m ON m.id = t.report_meeting_id";

fn training_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Training> {
    Ok(Training {
        id: r.get(0)?,
        staff_id: r.get(1)?,
        staff_name: r.get(2)?,
        title: r.get(3)?,
        held_on: r.get(4)?,
        online: r.get(5)?,
        report_meeting_id: r.get(6)?,
        report_meeting_on: r.get(7)?,
    })
}

/// Trainings attended from `from` to `to`, by date (any signed-in user).
pub fn trainings(
    store: &Store,
    actor: &Session,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Training>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(&format!(
                "{TRAINING_SQL} WHERE t.held_on BETWEEN ?1 AND ?2 ORDER BY t.held_on, t.id"
            ))
            .map_err(db)?;
        let rows = stmt
            .query_map(params![from, to], training_row)
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    })
}

/// The trainings to report at the staff meeting of `year`/`month`: those assigned to a staff
/// meeting held that month, then those attended by the month's end that no meeting has been
/// chosen for yet (any signed-in user).
pub fn trainings_to_report(
    store: &Store,
    actor: &Session,
    year: i32,
    month: u32,
) -> Result<Vec<Training>> {
    let (first, last) = month_bounds(year, month)?;
    store.read(actor, |conn| to_report(conn, first, last))
}

pub(crate) fn to_report(
    conn: &Connection,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Training>> {
    let mut stmt = conn
        .prepare(&format!(
            "{TRAINING_SQL}
             WHERE (m.kind = 'staff_meeting' AND m.held_on BETWEEN ?1 AND ?2)
                OR (t.report_meeting_id IS NULL AND t.held_on <= ?2)
             ORDER BY t.report_meeting_id IS NULL, t.held_on, t.id"
        ))
        .map_err(db)?;
    let rows = stmt
        .query_map(params![first, last], training_row)
        .map_err(db)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db)
}

/// The first and last day of a month, or the month's input error.
pub(crate) fn month_bounds(year: i32, month: u32) -> Result<(NaiveDate, NaiveDate)> {
    let out_of_range = || {
        CoreError::invalid(
            crate::plan::budget::MONTH,
            crate::error::Problem::OutOfRange { min: 1, max: 12 },
        )
    };
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(out_of_range)?;
    plausible_date(crate::plan::budget::MONTH, first)?;
    let last = crate::calendar::add_months(first, 1)
        .pred_opt()
        .ok_or_else(out_of_range)?;
    Ok((first, last))
}
