//! Employments (就労): a client's job at an employer, from its start to its end. Adding one
//! schedules its retention follow-ups; ending one (離職) cancels them, opens a post-separation
//! follow-up and, when no other job goes on, sets the client's phase to 離職後.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::handover::{
    client_handover_list, insert_handover, Handover, NewHandover, ValidHandover,
};
use super::{check_date, check_not_future, fields, require, today, DateLimit};
use crate::error::Problem;
use crate::ids::{ClientId, EmployerId, EmploymentId, FollowUpId, StaffId};
use crate::retention::{self, FollowUp};
use crate::session::Session;
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

/// Weekly working time accepted, in minutes (up to 100 hours; the schema's limit).
pub const WEEKLY_MINUTES_RANGE: (u32, u32) = (1, 6000);
/// Longest job title, in characters.
pub const MAX_JOB_TITLE_CHARS: usize = 100;
/// Longest note on a separation, in characters.
pub const MAX_END_NOTE_CHARS: usize = 2000;

crate::db_enum!(
    /// The form of the employment contract (雇用形態).
    ContractType {
        /// Open-ended (正社員・無期雇用).
        Permanent = "permanent" / "正社員・無期雇用",
        /// Fixed-term (契約社員などの有期雇用).
        FixedTerm = "fixed_term" / "有期雇用（契約社員等）",
        /// Part-time (パート・アルバイト).
        PartTime = "part_time" / "パート・アルバイト",
        /// Agency work (派遣).
        Dispatched = "dispatched" / "派遣",
        /// Other.
        Other = "other" / "その他",
    }
);

crate::db_enum!(
    /// How the client found the job (就職経路).
    Route {
        /// Through Hello Work (ハローワーク).
        JobCentre = "job_centre" / "ハローワーク",
        /// From a special-needs school (特別支援学校).
        SpecialSchool = "special_school" / "特別支援学校",
        /// From a vocational training school (職業訓練校).
        TrainingSchool = "training_school" / "職業訓練校",
        /// From a transition-to-work service (就労移行支援事業所).
        TransitionService = "transition_service" / "就労移行支援事業所",
        /// Applied directly (直接応募).
        Direct = "direct" / "直接応募",
        /// Other.
        Other = "other" / "その他",
    }
);

crate::db_enum!(
    /// Why a job ended (離職理由).
    EndReason {
        /// The client's own reasons (自己都合).
        Personal = "personal" / "自己都合",
        /// Health (体調).
        Health = "health" / "体調",
        /// The workplace: relations, tasks, environment (職場環境).
        Workplace = "workplace" / "職場環境",
        /// The contract ran out (契約期間満了).
        ContractEnd = "contract_end" / "契約期間満了",
        /// Dismissal (解雇).
        Dismissal = "dismissal" / "解雇",
        /// Moved to another job (転職).
        JobChange = "job_change" / "転職",
        /// Other.
        Other = "other" / "その他",
    }
);

/// A new job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEmployment {
    /// The client.
    pub client_id: ClientId,
    /// The employer.
    pub employer_id: EmployerId,
    /// First day of work (up to a year ahead, for a job already promised).
    pub started_on: NaiveDate,
    /// Job title (職種); may be empty.
    pub job_title: String,
    /// Contract form.
    pub contract_type: ContractType,
    /// Contracted weekly working time in minutes (週所定労働時間).
    pub weekly_minutes: u32,
    /// How the job was found.
    pub route: Route,
    /// Hired as disability employment (障害者雇用枠).
    pub disability_employment: bool,
    /// A hand-over from a 就労定着支援事業所 to create with the job.
    pub handover: Option<NewHandover>,
}

/// The end of a job.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmploymentEnd {
    /// Last day of work (not in the future, not before the start).
    pub ended_on: NaiveDate,
    /// Why.
    pub reason: EndReason,
    /// Free note; may be empty.
    pub note: String,
}

/// A job as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Employment {
    /// Id.
    pub id: EmploymentId,
    /// The client.
    pub client_id: ClientId,
    /// The employer.
    pub employer_id: EmployerId,
    /// The employer's name.
    pub employer_name: String,
    /// First day of work.
    pub started_on: NaiveDate,
    /// Job title.
    pub job_title: String,
    /// Contract form.
    pub contract_type: ContractType,
    /// Weekly working time in minutes.
    pub weekly_minutes: u32,
    /// How the job was found.
    pub route: Route,
    /// Disability employment.
    pub disability_employment: bool,
    /// Last day of work, once ended.
    pub ended_on: Option<NaiveDate>,
    /// Why it ended.
    pub end_reason: Option<EndReason>,
    /// Note on the end.
    pub end_note: String,
}

impl Employment {
    /// Whether the job goes on on `day`: started on or before it and not ended on or before
    /// it (a job whose last day is `day` no longer counts) — the rule of 継続就労者数.
    pub fn is_ongoing_on(&self, day: NaiveDate) -> bool {
        self.started_on <= day && self.ended_on.is_none_or(|end| end > day)
    }
}

/// A job with its follow-ups and hand-overs, as the client's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmploymentRecord {
    /// The job.
    pub employment: Employment,
    /// Its follow-ups, by due date.
    pub follow_ups: Vec<FollowUp>,
    /// Its hand-overs.
    pub handovers: Vec<Handover>,
}

const SELECT: &str = "SELECT e.id, e.client_id, e.employer_id, emp.name, e.started_on, e.job_title,
        e.contract_type, e.weekly_minutes, e.route, e.disability_employment, e.ended_on,
        e.end_reason, e.end_note
    FROM employments e JOIN employers emp ON emp.id = e.employer_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Employment> {
    Ok(Employment {
        id: r.get(0)?,
        client_id: r.get(1)?,
        employer_id: r.get(2)?,
        employer_name: r.get(3)?,
        started_on: r.get(4)?,
        job_title: r.get(5)?,
        contract_type: r.get(6)?,
        weekly_minutes: r.get(7)?,
        route: r.get(8)?,
        disability_employment: r.get(9)?,
        ended_on: r.get(10)?,
        end_reason: r.get(11)?,
        end_note: r.get(12)?,
    })
}

pub(crate) fn find(conn: &Connection, id: &EmploymentId) -> Result<Employment> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()
        .map_err(StoreError::from)?
        .ok_or(CoreError::NotFound {
            what: fields::EMPLOYMENT,
        })
}

/// One job.
pub fn employment(store: &Store, actor: &Session, id: &EmploymentId) -> Result<Employment> {
    store.read(actor, |conn| find(conn, id))
}

/// Records a new job and, in the same transaction, its follow-up schedule (assigned to the
/// client's main staff) and the hand-over if one is given.
pub fn add_employment(
    store: &mut Store,
    actor: &Session,
    new: &NewEmployment,
) -> Result<EmploymentId> {
    let checked = check_new_employment(new)?;
    store.write(actor, |tx| insert_employment(tx, new, checked))
}

/// [`add_employment`] inside a write that is already open (the CSV import).
pub(crate) fn add_employment_in(tx: &mut Tx<'_>, new: &NewEmployment) -> Result<EmploymentId> {
    let checked = check_new_employment(new)?;
    insert_employment(tx, new, checked)
}

/// The checks of a new job that need no database: the job title and the hand-over.
fn check_new_employment(new: &NewEmployment) -> Result<(String, Option<ValidHandover>)> {
    check_date(fields::STARTED_ON, new.started_on, DateLimit::Planned)?;
    let (min, max) = WEEKLY_MINUTES_RANGE;
    if !(min..=max).contains(&new.weekly_minutes) {
        return Err(CoreError::invalid(
            fields::WEEKLY_MINUTES,
            Problem::OutOfRange {
                min: i64::from(min),
                max: i64::from(max),
            },
        ));
    }
    let job_title = super::optional_line(fields::JOB_TITLE, &new.job_title, MAX_JOB_TITLE_CHARS)?;
    let handover = new
        .handover
        .as_ref()
        .map(|h| h.validated(new.started_on))
        .transpose()?;
    Ok((job_title, handover))
}

fn insert_employment(
    tx: &mut Tx<'_>,
    new: &NewEmployment,
    (job_title, handover): (String, Option<ValidHandover>),
) -> Result<EmploymentId> {
    let main_staff = client_main_staff(tx.conn(), &new.client_id)?;
    require(
        tx.conn(),
        "employers",
        new.employer_id.as_str(),
        fields::EMPLOYER,
    )?;
    let id = EmploymentId::new();
    tx.conn()
        .execute(
            "INSERT INTO employments (id, client_id, employer_id, started_on, job_title,
                 contract_type, weekly_minutes, route, disability_employment, updated_at,
                 updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                new.client_id,
                new.employer_id,
                new.started_on,
                job_title,
                new.contract_type,
                new.weekly_minutes,
                new.route,
                new.disability_employment,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(StoreError::from)?;
    let scheduled = retention::schedule_follow_ups(
        tx,
        &id,
        &new.client_id,
        new.started_on,
        main_staff.as_ref(),
    )?;
    tx.audit(
        "employment.add",
        "employment",
        Some(id.as_str()),
        &format!("employment added with {scheduled} follow-ups scheduled"),
    )?;
    if let Some(handover) = &handover {
        insert_handover(tx, &id, &new.client_id, new.started_on, handover)?;
    }
    Ok(id)
}

/// The client's main staff; fails when the client does not exist.
fn client_main_staff(conn: &Connection, client_id: &ClientId) -> Result<Option<StaffId>> {
    conn.query_row(
        "SELECT main_staff_id FROM clients WHERE id = ?1",
        [client_id],
        |r| r.get(0),
    )
    .optional()
    .map_err(StoreError::from)?
    .ok_or(CoreError::NotFound {
        what: fields::CLIENT,
    })
}

/// Records the end of a job (離職): cancels its open follow-ups, opens a post-separation
/// follow-up by phone a week after the last day (moved to an open day), and sets the client's
/// phase to 離職後 when no other job of theirs goes on after today. Returns the new follow-up.
pub fn end_employment(
    store: &mut Store,
    actor: &Session,
    id: &EmploymentId,
    end: &EmploymentEnd,
) -> Result<FollowUpId> {
    let note = check_end(end)?;
    store.write(actor, |tx| record_end(tx, id, end, &note))
}

/// [`end_employment`] inside a write that is already open (the CSV import).
pub(crate) fn end_employment_in(
    tx: &mut Tx<'_>,
    id: &EmploymentId,
    end: &EmploymentEnd,
) -> Result<FollowUpId> {
    let note = check_end(end)?;
    record_end(tx, id, end, &note)
}

/// The checks of a job's end that need no database; gives the note as stored.
fn check_end(end: &EmploymentEnd) -> Result<String> {
    check_not_future(fields::ENDED_ON, end.ended_on)?;
    crate::text::multi_line(fields::END_NOTE, &end.note, MAX_END_NOTE_CHARS)
}

fn record_end(
    tx: &mut Tx<'_>,
    id: &EmploymentId,
    end: &EmploymentEnd,
    note: &str,
) -> Result<FollowUpId> {
    let employment = find(tx.conn(), id)?;
    if employment.ended_on.is_some() {
        return Err(CoreError::rule(
            "this employment has already ended",
            "この就労はすでに離職として記録されています。",
        ));
    }
    if end.ended_on < employment.started_on {
        return Err(CoreError::invalid(
            fields::ENDED_ON,
            Problem::EndBeforeStart,
        ));
    }
    tx.conn()
        .execute(
            "UPDATE employments SET ended_on = ?2, end_reason = ?3, end_note = ?4,
                 updated_at = ?5, updated_by = ?6
             WHERE id = ?1",
            params![
                id,
                end.ended_on,
                end.reason,
                note,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(StoreError::from)?;
    let main_staff = client_main_staff(tx.conn(), &employment.client_id)?;
    let (cancelled, follow_up) = retention::follow_ups::close_for_separation(
        tx,
        id,
        &employment.client_id,
        end.ended_on,
        main_staff.as_ref(),
    )?;
    tx.audit(
        "employment.end",
        "employment",
        Some(id.as_str()),
        &format!(
            "employment ended; {cancelled} open follow-ups cancelled, post-separation follow-up opened"
        ),
    )?;
    set_separated_unless_employed(tx, &employment.client_id)?;
    Ok(follow_up)
}

/// Sets the client's stored phase to `separated` when none of their jobs goes on after today
/// (a job ending today no longer counts; one starting later does).
fn set_separated_unless_employed(tx: &mut Tx<'_>, client_id: &ClientId) -> Result<()> {
    let changed = tx
        .conn()
        .execute(
            "UPDATE clients SET phase = 'separated', updated_at = ?3, updated_by = ?4
             WHERE id = ?1 AND phase IS NOT 'separated'
               AND NOT EXISTS (SELECT 1 FROM employments e
                               WHERE e.client_id = ?1 AND (e.ended_on IS NULL OR e.ended_on > ?2))",
            params![client_id, today(), tx.now(), tx.actor().user_id()],
        )
        .map_err(StoreError::from)?;
    if changed > 0 {
        tx.audit(
            "client.phase",
            "client",
            Some(client_id.as_str()),
            "phase set to separated",
        )?;
    }
    Ok(())
}

/// A client's jobs, latest start first, each with its follow-ups and hand-overs.
pub fn client_employments(
    store: &Store,
    actor: &Session,
    client_id: &ClientId,
) -> Result<Vec<EmploymentRecord>> {
    store.read(actor, |conn| {
        require(conn, "clients", client_id.as_str(), fields::CLIENT)?;
        let mut stmt = conn
            .prepare(&format!(
                "{SELECT} WHERE e.client_id = ?1 ORDER BY e.started_on DESC, e.id DESC"
            ))
            .map_err(StoreError::from)?;
        let employments = stmt
            .query_map([client_id], from_row)
            .map_err(StoreError::from)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)?;
        let mut follow_ups = retention::client_follow_ups(conn, client_id)?;
        let mut handovers = client_handover_list(conn, client_id)?;
        Ok(employments
            .into_iter()
            .map(|employment| {
                let (mine, rest): (Vec<_>, Vec<_>) = follow_ups
                    .drain(..)
                    .partition(|f| f.employment_id == employment.id);
                follow_ups = rest;
                let (own, others): (Vec<_>, Vec<_>) = handovers
                    .drain(..)
                    .partition(|h| h.employment_id == employment.id);
                handovers = others;
                EmploymentRecord {
                    employment,
                    follow_ups: mine,
                    handovers: own,
                }
            })
            .collect())
    })
}
