//! 会議・行事: liaison meetings, meetups of employed clients, disaster drills, staff meetings
//! and case conferences, with their programme and who attended (organizations with head
//! counts, clients, staff); and the center's smaller registers kept beside them — trainings,
//! the drop-in space, commissioned projects and the newsletter. Any signed-in user records them.

pub mod agenda;
pub mod commissions;
pub mod dropin;
pub mod newsletters;
pub mod trainings;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Field, Problem};
use crate::ids::{ClientId, MeetingId, PartnerId, StaffId};
use crate::session::Session;
use crate::staff::{db, optional_line, plausible_date};
use crate::store::Store;
use crate::{CoreError, Result};

pub use agenda::{staff_meeting_agenda, StaffFollowUps, StaffMeetingAgenda};

/// Input fields of meetings and the registers, with their Japanese labels.
pub mod fields {
    use crate::error::Field;
    /// 会議.
    pub const MEETING: Field = Field::new("meeting", "会議");
    /// 開催日.
    pub const HELD_ON: Field = Field::new("held_on", "開催日");
    /// 名称.
    pub const TITLE: Field = Field::new("title", "名称");
    /// 場所.
    pub const PLACE: Field = Field::new("place", "場所");
    /// 内容（プログラム）.
    pub const PROGRAMME: Field = Field::new("programme", "内容（プログラム）");
    /// 備考.
    pub const NOTES: Field = Field::new("notes", "備考");
    /// 参加機関.
    pub const PARTNER: Field = Field::new("partner", "参加機関");
    /// 参加人数.
    pub const ATTENDEES: Field = Field::new("attendees", "参加人数");
    /// 参加者（利用者）.
    pub const CLIENT: Field = Field::new("client", "参加者（利用者）");
    /// 参加職員.
    pub const STAFF: Field = Field::new("staff", "参加職員");
}

crate::db_enum!(
    /// A kind of meeting or event.
    MeetingKind {
        /// ほっと就労支援連絡会 (5 a year).
        Liaison = "liaison" / "ほっと就労支援連絡会",
        /// 就労者交流会 (7 a year).
        Meetup = "meetup" / "就労者交流会",
        /// 防災訓練 (2 a year).
        Drill = "drill" / "防災訓練",
        /// 職員会議 (monthly).
        StaffMeeting = "staff_meeting" / "職員会議",
        /// ケース会議.
        CaseConference = "case_conference" / "ケース会議",
    }
);

/// A meeting's details, new or replacing the old ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingInput {
    /// The kind.
    pub kind: MeetingKind,
    /// 開催日.
    pub held_on: NaiveDate,
    /// 名称, e.g. 第1回ほっと就労支援連絡会.
    pub title: String,
    /// 場所 (may be empty).
    pub place: String,
    /// 内容（プログラム） (may be empty).
    pub programme: String,
    /// 備考 (may be empty).
    pub notes: String,
}

/// Who attended: replaces the whole attendance of a meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Organizations with the number of people each sent.
    pub organizations: Vec<OrganizationAttendance>,
    /// Clients.
    pub clients: Vec<ClientId>,
    /// Staff.
    pub staff: Vec<StaffId>,
}

/// An organization at a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationAttendance {
    /// The organization.
    pub partner_id: PartnerId,
    /// People it sent.
    pub attendees: u32,
}

/// A meeting as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeetingSummary {
    /// Id.
    pub id: MeetingId,
    /// Kind.
    pub kind: MeetingKind,
    /// 開催日.
    pub held_on: NaiveDate,
    /// 名称.
    pub title: String,
    /// 場所.
    pub place: String,
    /// Organizations that attended.
    pub organization_count: u32,
    /// People the organizations sent.
    pub organization_attendees: u32,
    /// Clients that attended.
    pub client_count: u32,
    /// Staff that attended.
    pub staff_count: u32,
}

/// A meeting with its programme and attendance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Meeting {
    /// The listing line.
    pub summary: MeetingSummary,
    /// 内容（プログラム）.
    pub programme: String,
    /// 備考.
    pub notes: String,
    /// Organizations, by name.
    pub organizations: Vec<AttendingOrganization>,
    /// Clients, by kana.
    pub clients: Vec<Attendee<ClientId>>,
    /// Staff, by kana.
    pub staff: Vec<Attendee<StaffId>>,
}

/// An organization at a meeting, with its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttendingOrganization {
    /// The organization.
    pub partner_id: PartnerId,
    /// Its name.
    pub name: String,
    /// People it sent.
    pub attendees: u32,
}

/// A person at a meeting, with their name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attendee<Id> {
    /// The person.
    pub id: Id,
    /// Their name.
    pub name: String,
}

fn validate(input: &MeetingInput) -> Result<MeetingInput> {
    plausible_date(fields::HELD_ON, input.held_on)?;
    Ok(MeetingInput {
        kind: input.kind,
        held_on: input.held_on,
        title: crate::text::single_line(fields::TITLE, &input.title, 100)?,
        place: optional_line(fields::PLACE, &input.place, 100)?,
        programme: crate::text::multi_line(fields::PROGRAMME, &input.programme, 5000)?,
        notes: crate::text::multi_line(fields::NOTES, &input.notes, 5000)?,
    })
}

/// Records a meeting (any signed-in user).
pub fn add_meeting(store: &mut Store, actor: &Session, input: &MeetingInput) -> Result<MeetingId> {
    let input = validate(input)?;
    store.write(actor, |tx| {
        let id = MeetingId::new();
        tx.conn()
            .execute(
                "INSERT INTO meetings (id, kind, held_on, title, place, programme, notes,
                        updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    input.kind,
                    input.held_on,
                    input.title,
                    input.place,
                    input.programme,
                    input.notes,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(db)?;
        tx.audit(
            "meeting.create",
            "meeting",
            Some(id.as_str()),
            &format!("{} recorded", input.kind.as_db()),
        )?;
        Ok(id)
    })
}

/// Replaces a meeting's details (any signed-in user).
pub fn update_meeting(
    store: &mut Store,
    actor: &Session,
    id: &MeetingId,
    input: &MeetingInput,
) -> Result<()> {
    let input = validate(input)?;
    store.write(actor, |tx| {
        if input.kind != MeetingKind::StaffMeeting && has_reported_trainings(tx.conn(), id)? {
            return Err(CoreError::rule(
                "trainings are reported at this meeting, so it must stay a staff meeting",
                "この会議で報告する研修があるため、職員会議以外の種類には変更できません。",
            ));
        }
        let changed = tx
            .conn()
            .execute(
                "UPDATE meetings SET kind = ?2, held_on = ?3, title = ?4, place = ?5,
                        programme = ?6, notes = ?7, updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                params![
                    id,
                    input.kind,
                    input.held_on,
                    input.title,
                    input.place,
                    input.programme,
                    input.notes,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(db)?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: fields::MEETING,
            });
        }
        tx.audit(
            "meeting.update",
            "meeting",
            Some(id.as_str()),
            "details changed",
        )
    })
}

fn has_reported_trainings(conn: &Connection, id: &MeetingId) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM trainings WHERE report_meeting_id = ?1)",
        [id],
        |r| r.get(0),
    )
    .map_err(db)
}

/// Removes a meeting and its attendance (any signed-in user); refused while trainings are to
/// be reported at it.
pub fn remove_meeting(store: &mut Store, actor: &Session, id: &MeetingId) -> Result<()> {
    store.write(actor, |tx| {
        let conn = tx.conn();
        if has_reported_trainings(conn, id)? {
            return Err(CoreError::InUse {
                what: fields::MEETING,
            });
        }
        for table in ["meeting_organizations", "meeting_clients", "meeting_staff"] {
            conn.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])
                .map_err(db)?;
        }
        if conn
            .execute("DELETE FROM meetings WHERE id = ?1", [id])
            .map_err(db)?
            == 0
        {
            return Err(CoreError::NotFound {
                what: fields::MEETING,
            });
        }
        tx.audit(
            "meeting.remove",
            "meeting",
            Some(id.as_str()),
            "meeting removed",
        )
    })
}

/// A foreign-key failure means the referenced record does not exist.
fn missing(what: Field) -> impl Fn(rusqlite::Error) -> CoreError {
    move |e| match e.sqlite_error() {
        Some(f) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            CoreError::NotFound { what }
        }
        Some(f) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            CoreError::Duplicate { what }
        }
        _ => db(e),
    }
}

/// Replaces who attended a meeting (any signed-in user).
pub fn set_attendance(
    store: &mut Store,
    actor: &Session,
    id: &MeetingId,
    attendance: &Attendance,
) -> Result<()> {
    for org in &attendance.organizations {
        if org.attendees > 1000 {
            return Err(CoreError::invalid(
                fields::ATTENDEES,
                Problem::OutOfRange { min: 0, max: 1000 },
            ));
        }
    }
    let mut clients = attendance.clients.clone();
    clients.sort();
    clients.dedup();
    let mut staff = attendance.staff.clone();
    staff.sort();
    staff.dedup();
    store.write(actor, |tx| {
        let conn = tx.conn();
        meeting_kind(conn, id)?;
        for table in ["meeting_organizations", "meeting_clients", "meeting_staff"] {
            conn.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])
                .map_err(db)?;
        }
        for org in &attendance.organizations {
            conn.execute(
                "INSERT INTO meeting_organizations (id, meeting_id, partner_id, attendees)
                 VALUES (?1, ?2, ?3, ?4)",
                params![crate::ids::new_id(), id, org.partner_id, org.attendees],
            )
            .map_err(missing(fields::PARTNER))?;
        }
        for client in &clients {
            conn.execute(
                "INSERT INTO meeting_clients (id, meeting_id, client_id) VALUES (?1, ?2, ?3)",
                params![crate::ids::new_id(), id, client],
            )
            .map_err(missing(fields::CLIENT))?;
        }
        for person in &staff {
            conn.execute(
                "INSERT INTO meeting_staff (id, meeting_id, staff_id) VALUES (?1, ?2, ?3)",
                params![crate::ids::new_id(), id, person],
            )
            .map_err(missing(fields::STAFF))?;
        }
        tx.audit(
            "meeting.attendance",
            "meeting",
            Some(id.as_str()),
            &format!(
                "attendance set: {} organizations, {} clients, {} staff",
                attendance.organizations.len(),
                clients.len(),
                staff.len()
            ),
        )
    })
}

/// The kind of a meeting, or NotFound.
pub(crate) fn meeting_kind(conn: &Connection, id: &MeetingId) -> Result<(MeetingKind, NaiveDate)> {
    conn.query_row(
        "SELECT kind, held_on FROM meetings WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(db)?
    .ok_or(CoreError::NotFound {
        what: fields::MEETING,
    })
}

const SUMMARY_SQL: &str = "
    SELECT m.id, m.kind, m.held_on, m.title, m.place,
           (SELECT count(*) FROM meeting_organizations o WHERE o.meeting_id = m.id),
           (SELECT coalesce(sum(o.attendees), 0) FROM meeting_organizations o WHERE o.meeting_id = m.id),
           (SELECT count(*) FROM meeting_clients c WHERE c.meeting_id = m.id),
           (SELECT count(*) FROM meeting_staff s WHERE s.meeting_id = m.id)
    FROM meetings m";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingSummary> {
    Ok(MeetingSummary {
        id: r.get(0)?,
        kind: r.get(1)?,
        held_on: r.get(2)?,
        title: r.get(3)?,
        place: r.get(4)?,
        organization_count: r.get(5)?,
        organization_attendees: r.get(6)?,
        client_count: r.get(7)?,
        staff_count: r.get(8)?,
    })
}

/// Meetings from `from` to `to` (inclusive), of one kind or all, by date.
pub fn meetings(
    store: &Store,
    actor: &Session,
    kind: Option<MeetingKind>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MeetingSummary>> {
    store.read(actor, |conn| meetings_between(conn, kind, from, to))
}

pub(crate) fn meetings_between(
    conn: &Connection,
    kind: Option<MeetingKind>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MeetingSummary>> {
    let mut stmt = conn
        .prepare(&format!(
            "{SUMMARY_SQL} WHERE m.held_on BETWEEN ?2 AND ?3 AND (?1 IS NULL OR m.kind = ?1)
             ORDER BY m.held_on, m.id"
        ))
        .map_err(db)?;
    let rows = stmt
        .query_map(params![kind, from, to], summary_row)
        .map_err(db)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db)
}

/// A meeting with its programme and attendance (any signed-in user).
pub fn meeting(store: &Store, actor: &Session, id: &MeetingId) -> Result<Meeting> {
    store.read(actor, |conn| {
        let (summary, programme, notes) = conn
            .query_row(
                &format!(
                    "SELECT s.*, m.programme, m.notes FROM ({SUMMARY_SQL} WHERE m.id = ?1) s
                     JOIN meetings m ON m.id = s.id"
                ),
                [id],
                |r| Ok((summary_row(r)?, r.get(9)?, r.get(10)?)),
            )
            .optional()
            .map_err(db)?
            .ok_or(CoreError::NotFound {
                what: fields::MEETING,
            })?;
        Ok(Meeting {
            summary,
            programme,
            notes,
            organizations: organizations(conn, id)?,
            clients: attendees(
                conn,
                "SELECT c.id, c.name FROM meeting_clients a JOIN clients c ON c.id = a.client_id
                 WHERE a.meeting_id = ?1 ORDER BY c.kana, c.id",
                id,
            )?,
            staff: attendees(
                conn,
                "SELECT s.id, s.name FROM meeting_staff a JOIN staff s ON s.id = a.staff_id
                 WHERE a.meeting_id = ?1 ORDER BY s.kana, s.id",
                id,
            )?,
        })
    })
}

fn organizations(conn: &Connection, id: &MeetingId) -> Result<Vec<AttendingOrganization>> {
    let mut stmt = conn
        .prepare(
            "SELECT p.id, p.name, a.attendees FROM meeting_organizations a
             JOIN partners p ON p.id = a.partner_id
             WHERE a.meeting_id = ?1 ORDER BY p.name, p.id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(AttendingOrganization {
                partner_id: r.get(0)?,
                name: r.get(1)?,
                attendees: r.get(2)?,
            })
        })
        .map_err(db)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db)
}

fn attendees<Id: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
    id: &MeetingId,
) -> Result<Vec<Attendee<Id>>> {
    let mut stmt = conn.prepare(sql).map_err(db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(Attendee {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })
        .map_err(db)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db)
}
