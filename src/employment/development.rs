//! 地域開拓: the community-outreach coordinator's work of finding employers. Each prospect moves
//! through stages (未接触 → 接触 → 訪問 → 求人 → 雇用); every contact is logged with the stage it
//! left the prospect in, and the month-by-month activity of a fiscal year is counted from the log.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{check_not_future, fields, optional_line, require};
use crate::calendar::FiscalYear;
use crate::ids::{EmployerId, ProspectId, StaffId};
use crate::session::Session;
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest one-line field, in characters.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest notes, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;

crate::typed_id!(
    /// One logged contact with a prospect.
    ProspectContactId
);

crate::db_enum!(
    /// How far the outreach with an employer has come.
    ProspectStage {
        /// Not contacted yet (未接触).
        NotContacted = "not_contacted" / "未接触",
        /// Contacted by phone, mail or letter (接触済み).
        Contacted = "contacted" / "接触済み",
        /// Visited (訪問済み).
        Visited = "visited" / "訪問済み",
        /// Offers a job to the center's clients (求人あり).
        JobOffer = "job_offer" / "求人あり",
        /// Hired a client (雇用実現).
        Hired = "hired" / "雇用実現",
    }
);

crate::db_enum!(
    /// How a prospect was contacted.
    ContactMethod {
        /// 訪問.
        Visit = "visit" / "訪問",
        /// 電話.
        Phone = "phone" / "電話",
        /// メール.
        Email = "email" / "メール",
        /// 郵送.
        Letter = "letter" / "郵送",
        /// その他.
        Other = "other" / "その他",
    }
);

/// A prospect as typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectInput {
    /// Company name (required).
    pub name: String,
    /// The employer record, once the company is one.
    pub employer_id: Option<EmployerId>,
    /// Industry.
    pub industry: String,
    /// Address.
    pub address: String,
    /// The staff member in charge.
    pub staff_id: Option<StaffId>,
    /// Notes.
    pub notes: String,
}

/// A prospect as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Prospect {
    /// Id.
    pub id: ProspectId,
    /// Company name.
    pub name: String,
    /// The employer record.
    pub employer_id: Option<EmployerId>,
    /// Industry.
    pub industry: String,
    /// Address.
    pub address: String,
    /// Current stage (that of the latest contact).
    pub stage: ProspectStage,
    /// Staff in charge.
    pub staff_id: Option<StaffId>,
    /// Their name.
    pub staff_name: Option<String>,
    /// Notes.
    pub notes: String,
    /// The latest contact.
    pub last_contact_on: Option<NaiveDate>,
}

/// A contact to log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProspectContact {
    /// When (not in the future).
    pub contacted_on: NaiveDate,
    /// How.
    pub method: ContactMethod,
    /// The stage the prospect is at after it.
    pub stage_after: ProspectStage,
    /// Who made it.
    pub staff_id: Option<StaffId>,
    /// Note.
    pub note: String,
}

/// A logged contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProspectContact {
    /// Id.
    pub id: ProspectContactId,
    /// The prospect.
    pub prospect_id: ProspectId,
    /// When.
    pub contacted_on: NaiveDate,
    /// How.
    pub method: ContactMethod,
    /// Stage after it.
    pub stage_after: ProspectStage,
    /// Who.
    pub staff_id: Option<StaffId>,
    /// Their name.
    pub staff_name: Option<String>,
    /// Note.
    pub note: String,
}

/// The outreach activity of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthlyActivity {
    /// Calendar year.
    pub year: i32,
    /// Month (1–12).
    pub month: u32,
    /// Contacts logged.
    pub contacts: u32,
    /// Distinct prospects contacted.
    pub prospects: u32,
    /// Contacts made by visit.
    pub visits: u32,
    /// Distinct prospects that reached 求人あり at a contact of the month.
    pub job_offers: u32,
    /// Distinct prospects that reached 雇用実現 at a contact of the month.
    pub hires: u32,
}

struct ValidProspect {
    name: String,
    industry: String,
    address: String,
    notes: String,
}

impl ProspectInput {
    fn validated(&self) -> Result<ValidProspect> {
        Ok(ValidProspect {
            name: crate::text::single_line(fields::PROSPECT_NAME, &self.name, MAX_NAME_CHARS)?,
            industry: optional_line(fields::INDUSTRY, &self.industry, MAX_LINE_CHARS)?,
            address: optional_line(fields::ADDRESS, &self.address, MAX_LINE_CHARS)?,
            notes: crate::text::multi_line(fields::NOTES, &self.notes, MAX_TEXT_CHARS)?,
        })
    }

    fn check_links(&self, conn: &Connection) -> Result<()> {
        if let Some(employer) = &self.employer_id {
            require(conn, "employers", employer.as_str(), fields::EMPLOYER)?;
        }
        if let Some(staff) = &self.staff_id {
            require(conn, "staff", staff.as_str(), fields::STAFF)?;
        }
        Ok(())
    }
}

/// Adds a prospect, not contacted yet.
pub fn add_prospect(
    store: &mut Store,
    actor: &Session,
    input: &ProspectInput,
) -> Result<ProspectId> {
    let v = input.validated()?;
    store.write(actor, |tx| {
        input.check_links(tx.conn())?;
        let id = ProspectId::new();
        tx.conn()
            .execute(
                "INSERT INTO prospects (id, name, employer_id, industry, address, stage, staff_id,
                     notes, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'not_contacted', ?6, ?7, ?8, ?9)",
                params![
                    id,
                    v.name,
                    input.employer_id,
                    v.industry,
                    v.address,
                    input.staff_id,
                    v.notes,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "prospect.create",
            "prospect",
            Some(id.as_str()),
            "prospect added",
        )?;
        Ok(id)
    })
}

/// Replaces a prospect's details (its stage follows its contacts).
pub fn update_prospect(
    store: &mut Store,
    actor: &Session,
    id: &ProspectId,
    input: &ProspectInput,
) -> Result<()> {
    let v = input.validated()?;
    store.write(actor, |tx| {
        require(tx.conn(), "prospects", id.as_str(), fields::PROSPECT)?;
        input.check_links(tx.conn())?;
        tx.conn()
            .execute(
                "UPDATE prospects SET name = ?2, employer_id = ?3, industry = ?4, address = ?5,
                     staff_id = ?6, notes = ?7, updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                params![
                    id,
                    v.name,
                    input.employer_id,
                    v.industry,
                    v.address,
                    input.staff_id,
                    v.notes,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "prospect.update",
            "prospect",
            Some(id.as_str()),
            "prospect updated",
        )
    })
}

/// Logs a contact; the prospect takes the stage of its latest contact.
pub fn log_prospect_contact(
    store: &mut Store,
    actor: &Session,
    prospect_id: &ProspectId,
    new: &NewProspectContact,
) -> Result<ProspectContactId> {
    check_not_future(fields::CONTACTED_ON, new.contacted_on)?;
    let note = crate::text::multi_line(fields::NOTES, &new.note, MAX_TEXT_CHARS)?;
    store.write(actor, |tx| {
        require(
            tx.conn(),
            "prospects",
            prospect_id.as_str(),
            fields::PROSPECT,
        )?;
        if let Some(staff) = &new.staff_id {
            require(tx.conn(), "staff", staff.as_str(), fields::STAFF)?;
        }
        let id = ProspectContactId::new();
        tx.conn()
            .execute(
                "INSERT INTO prospect_contacts (id, prospect_id, contacted_on, method, stage_after,
                     staff_id, note, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    prospect_id,
                    new.contacted_on,
                    new.method,
                    new.stage_after,
                    new.staff_id,
                    note,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .map_err(StoreError::from)?;
        let stage = follow_latest_contact(tx, prospect_id)?;
        tx.audit(
            "prospect.contact",
            "prospect",
            Some(prospect_id.as_str()),
            &format!("contact logged; stage {}", stage.as_db()),
        )?;
        Ok(id)
    })
}

/// Sets the prospect's stage to that of its latest contact (a contact logged late for an
/// earlier day does not move the stage back).
fn follow_latest_contact(tx: &Tx<'_>, prospect_id: &ProspectId) -> Result<ProspectStage> {
    let stage: ProspectStage = tx
        .conn()
        .query_row(
            "SELECT stage_after FROM prospect_contacts WHERE prospect_id = ?1
             ORDER BY contacted_on DESC, id DESC LIMIT 1",
            [prospect_id],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?;
    tx.conn()
        .execute(
            "UPDATE prospects SET stage = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            params![prospect_id, stage, tx.now(), tx.actor().user_id()],
        )
        .map_err(StoreError::from)?;
    Ok(stage)
}

fn prospect_from_row(r: &Row<'_>) -> rusqlite::Result<Prospect> {
    Ok(Prospect {
        id: r.get(0)?,
        name: r.get(1)?,
        employer_id: r.get(2)?,
        industry: r.get(3)?,
        address: r.get(4)?,
        stage: r.get(5)?,
        staff_id: r.get(6)?,
        staff_name: r.get(7)?,
        notes: r.get(8)?,
        last_contact_on: r.get(9)?,
    })
}

/// Prospects, all or at one stage, by name.
pub fn prospects(
    store: &Store,
    actor: &Session,
    stage: Option<ProspectStage>,
) -> Result<Vec<Prospect>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT p.id, p.name, p.employer_id, p.industry, p.address, p.stage, p.staff_id,
                     s.name,  p.notes,
                     (SELECT max(k.contacted_on) FROM prospect_contacts k WHERE k.prospect_id = p.id)
                 FROM prospects p LEFT JOIN staff s ON s.id = p.staff_id
                 WHERE ?1 IS NULL OR p.stage = ?1
                 ORDER BY p.name, p.id",
            )
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([stage], prospect_from_row)
            .map_err(StoreError::from)?;
        Ok(rows
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?)
    })
}

/// The contacts with one prospect, newest first.
pub fn prospect_contacts(
    store: &Store,
    actor: &Session,
    prospect_id: &ProspectId,
) -> Result<Vec<ProspectContact>> {
    store.read(actor, |conn| {
        require(conn, "prospects", prospect_id.as_str(), fields::PROSPECT)?;
        let mut stmt = conn
            .prepare(
                "SELECT k.id, k.prospect_id, k.contacted_on, k.method, k.stage_after, k.staff_id,
                     s.name, k.note
                 FROM prospect_contacts k LEFT JOIN staff s ON s.id = k.staff_id
                 WHERE k.prospect_id = ?1
                 ORDER BY k.contacted_on DESC, k.id DESC",
            )
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([prospect_id], |r| {
                Ok(ProspectContact {
                    id: r.get(0)?,
                    prospect_id: r.get(1)?,
                    contacted_on: r.get(2)?,
                    method: r.get(3)?,
                    stage_after: r.get(4)?,
                    staff_id: r.get(5)?,
                    staff_name: r.get(6)?,
                    note: r.get(7)?,
                })
            })
            .map_err(StoreError::from)?;
        Ok(rows
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?)
    })
}

/// The outreach activity of each month of `fy`, April to March (months without contacts
/// count zero).
pub fn monthly_activity(conn: &Connection, fy: FiscalYear) -> Result<Vec<MonthlyActivity>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT substr(contacted_on, 1, 7) AS month,
                 count(*),
                 count(DISTINCT prospect_id),
                 sum(method = 'visit'),
                 count(DISTINCT CASE WHEN stage_after = 'job_offer' THEN prospect_id END),
                 count(DISTINCT CASE WHEN stage_after = 'hired' THEN prospect_id END)
             FROM prospect_contacts
             WHERE contacted_on BETWEEN ?1 AND ?2
             GROUP BY month",
        )
        .map_err(StoreError::from)?;
    let counted = stmt
        .query_map(params![fy.start(), fy.end()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            ))
        })
        .map_err(StoreError::from)?
        .collect::<rusqlite::Result<std::collections::HashMap<String, [u32; 5]>>>()
        .map_err(StoreError::from)?;
    Ok(fy
        .months()
        .into_iter()
        .map(|(year, month)| {
            let [contacts, prospects, visits, job_offers, hires] = counted
                .get(&format!("{year:04}-{month:02}"))
                .copied()
                .unwrap_or_default();
            MonthlyActivity {
                year,
                month,
                contacts,
                prospects,
                visits,
                job_offers,
                hires,
            }
        })
        .collect())
}

/// One prospect.
pub fn prospect(store: &Store, actor: &Session, id: &ProspectId) -> Result<Prospect> {
    store.read(actor, |conn| {
        conn.query_row(
            "SELECT p.id, p.name, p.employer_id, p.industry, p.address, p.stage, p.staff_id,
                 s.name, p.notes,
                 (SELECT max(k.contacted_on) FROM prospect_contacts k WHERE k.prospect_id = p.id)
             FROM prospects p LEFT JOIN staff s ON s.id = p.staff_id
             WHERE p.id = ?1",
            [id],
            prospect_from_row,
        )
        .optional()
        .map_err(StoreError::from)?
        .ok_or(CoreError::NotFound {
            what: fields::PROSPECT,
        })
    })
}

/// The outreach activity of each month of `fy` for a signed-in user (the screen's and CLI's
/// entry to [`monthly_activity`]).
pub fn development_activity(
    store: &Store,
    actor: &Session,
    fy: FiscalYear,
) -> Result<Vec<MonthlyActivity>> {
    store.read(actor, |conn| monthly_activity(conn, fy))
}
