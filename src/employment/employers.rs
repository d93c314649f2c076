//! Employers (企業・事業所) and the support the center gives them (企業支援): explaining
//! disability employment, the center's role, and concrete proposals for each employed client.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{check_not_future, fields, optional_line, require};
use crate::error::Problem;
use crate::ids::{ClientId, EmployerId, EmployerSupportId, StaffId};
use crate::session::Session;
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest one-line field (industry, address, phone, contact), in characters.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest notes or record body, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Minutes a support record may take (one day).
pub const MAX_MINUTES: u32 = 1440;

/// An employer as typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerInput {
    /// Name (required).
    pub name: String,
    /// Industry (業種).
    pub industry: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// The employer's contact person (先方の担当者).
    pub contact_person: String,
    /// Notes.
    pub notes: String,
}

/// An employer as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Employer {
    /// Id.
    pub id: EmployerId,
    /// Name.
    pub name: String,
    /// Industry.
    pub industry: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Contact person.
    pub contact_person: String,
    /// Notes.
    pub notes: String,
}

struct ValidEmployer {
    name: String,
    industry: String,
    address: String,
    phone: String,
    contact_person: String,
    notes: String,
}

impl EmployerInput {
    fn validated(&self) -> Result<ValidEmployer> {
        Ok(ValidEmployer {
            name: crate::text::single_line(fields::EMPLOYER_NAME, &self.name, MAX_NAME_CHARS)?,
            industry: optional_line(fields::INDUSTRY, &self.industry, MAX_LINE_CHARS)?,
            address: optional_line(fields::ADDRESS, &self.address, MAX_LINE_CHARS)?,
            phone: optional_line(fields::PHONE, &self.phone, MAX_LINE_CHARS)?,
            contact_person: optional_line(
                fields::CONTACT_PERSON,
                &self.contact_person,
                MAX_LINE_CHARS,
            )?,
            notes: crate::text::multi_line(fields::NOTES, &self.notes, MAX_TEXT_CHARS)?,
        })
    }
}

const SELECT: &str =
    "SELECT id, name, industry, address, phone, contact_person, notes FROM employers";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Employer> {
    Ok(Employer {
        id: r.get(0)?,
        name: r.get(1)?,
        industry: r.get(2)?,
        address: r.get(3)?,
        phone: r.get(4)?,
        contact_person: r.get(5)?,
        notes: r.get(6)?,
    })
}

/// Adds an employer.
pub fn add_employer(
    store: &mut Store,
    actor: &Session,
    input: &EmployerInput,
) -> Result<EmployerId> {
    let v = input.validated()?;
    store.write(actor, |tx| insert_employer(tx, &v))
}

/// [`add_employer`] inside a write that is already open (the CSV import).
pub(crate) fn add_employer_in(tx: &mut Tx<'_>, input: &EmployerInput) -> Result<EmployerId> {
    let v = input.validated()?;
    insert_employer(tx, &v)
}

fn insert_employer(tx: &mut Tx<'_>, v: &ValidEmployer) -> Result<EmployerId> {
    let id = EmployerId::new();
    tx.conn()
        .execute(
            "INSERT INTO employers (id, name, industry, address, phone, contact_person, notes,
                 updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                v.name,
                v.industry,
                v.address,
                v.phone,
                v.contact_person,
                v.notes,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(StoreError::from)?;
    tx.audit(
        "employer.create",
        "employer",
        Some(id.as_str()),
        "employer added",
    )?;
    Ok(id)
}

/// Replaces an employer's details.
pub fn update_employer(
    store: &mut Store,
    actor: &Session,
    id: &EmployerId,
    input: &EmployerInput,
) -> Result<()> {
    let v = input.validated()?;
    store.write(actor, |tx| {
        let changed = tx
            .conn()
            .execute(
                "UPDATE employers SET name = ?2, industry = ?3, address = ?4, phone = ?5,
                     contact_person = ?6, notes = ?7, updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                params![
                    id,
                    v.name,
                    v.industry,
                    v.address,
                    v.phone,
                    v.contact_person,
                    v.notes,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .map_err(StoreError::from)?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: fields::EMPLOYER,
            });
        }
        tx.audit(
            "employer.update",
            "employer",
            Some(id.as_str()),
            "employer updated",
        )
    })
}

/// Deletes an employer that nothing refers to (no job, support record or prospect).
pub fn delete_employer(store: &mut Store, actor: &Session, id: &EmployerId) -> Result<()> {
    store.write(actor, |tx| {
        require(tx.conn(), "employers", id.as_str(), fields::EMPLOYER)?;
        let referenced: bool = tx
            .conn()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM employments WHERE employer_id = ?1)
                     OR EXISTS (SELECT 1 FROM employer_support_records WHERE employer_id = ?1)
                     OR EXISTS (SELECT 1 FROM prospects WHERE employer_id = ?1)",
                [id],
                |r| r.get(0),
            )
            .map_err(StoreError::from)?;
        if referenced {
            return Err(CoreError::InUse {
                what: fields::EMPLOYER,
            });
        }
        tx.conn()
            .execute("DELETE FROM employers WHERE id = ?1", [id])
            .map_err(StoreError::from)?;
        tx.audit(
            "employer.delete",
            "employer",
            Some(id.as_str()),
            "employer deleted",
        )
    })
}

/// One employer.
pub fn employer(store: &Store, actor: &Session, id: &EmployerId) -> Result<Employer> {
    store.read(actor, |conn| {
        conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
            .optional()
            .map_err(StoreError::from)?
            .ok_or(CoreError::NotFound {
                what: fields::EMPLOYER,
            })
    })
}

/// Every employer, by name.
pub fn employers(store: &Store, actor: &Session) -> Result<Vec<Employer>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(&format!("{SELECT} ORDER BY name, id"))
            .map_err(StoreError::from)?;
        let rows = stmt.query_map([], from_row).map_err(StoreError::from)?;
        Ok(rows
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?)
    })
}

/// A new employer-support record (企業支援).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEmployerSupport {
    /// The employer supported.
    pub employer_id: EmployerId,
    /// The client it was about, if any.
    pub client_id: Option<ClientId>,
    /// When (not in the future).
    pub done_on: NaiveDate,
    /// Who gave it.
    pub staff_id: Option<StaffId>,
    /// How long it took, in minutes.
    pub minutes: Option<u32>,
    /// What was done (required).
    pub body: String,
}

/// An employer-support record as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmployerSupport {
    /// Id.
    pub id: EmployerSupportId,
    /// The employer.
    pub employer_id: EmployerId,
    /// The client it was about.
    pub client_id: Option<ClientId>,
    /// The client's name.
    pub client_name: Option<String>,
    /// When.
    pub done_on: NaiveDate,
    /// Who.
    pub staff_id: Option<StaffId>,
    /// Their name.
    pub staff_name: Option<String>,
    /// Minutes taken.
    pub minutes: Option<u32>,
    /// What was done.
    pub body: String,
}

/// Records support given to an employer.
pub fn add_employer_support(
    store: &mut Store,
    actor: &Session,
    new: &NewEmployerSupport,
) -> Result<EmployerSupportId> {
    check_not_future(fields::SUPPORT_DONE_ON, new.done_on)?;
    if let Some(minutes) = new.minutes {
        if minutes > MAX_MINUTES {
            return Err(CoreError::invalid(
                fields::MINUTES,
                Problem::OutOfRange {
                    min: 0,
                    max: i64::from(MAX_MINUTES),
                },
            ));
        }
    }
    let body = crate::text::multi_line(fields::BODY, &new.body, MAX_TEXT_CHARS)?;
    if body.is_empty() {
        return Err(CoreError::invalid(fields::BODY, Problem::Empty));
    }
    store.write(actor, |tx| {
        let conn = tx.conn();
        require(
            conn,
            "employers",
            new.employer_id.as_str(),
            fields::EMPLOYER,
        )?;
        if let Some(client) = &new.client_id {
            require(conn, "clients", client.as_str(), fields::CLIENT)?;
        }
        if let Some(staff) = &new.staff_id {
            require(conn, "staff", staff.as_str(), fields::STAFF)?;
        }
        let id = EmployerSupportId::new();
        conn.execute(
            "INSERT INTO employer_support_records (id, employer_id, client_id, done_on, staff_id,
                 minutes, body, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                new.employer_id,
                new.client_id,
                new.done_on,
                new.staff_id,
                new.minutes,
                body,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(StoreError::from)?;
        tx.audit(
            "employer_support.create",
            "employer_support",
            Some(id.as_str()),
            &format!("support recorded for employer {}", new.employer_id),
        )?;
        Ok(id)
    })
}

/// The support given to one employer, newest first.
pub fn employer_support_records(
    store: &Store,
    actor: &Session,
    employer_id: &EmployerId,
) -> Result<Vec<EmployerSupport>> {
    store.read(actor, |conn| {
        require(conn, "employers", employer_id.as_str(), fields::EMPLOYER)?;
        support_list(conn, employer_id)
    })
}

fn support_list(conn: &Connection, employer_id: &EmployerId) -> Result<Vec<EmployerSupport>> {
    let mut stmt = conn
        .prepare(
            "SELECT r.id, r.employer_id, r.client_id, c.name, r.done_on, r.staff_id, s.name,
                 r.minutes, r.body
             FROM employer_support_records r
             LEFT JOIN clients c ON c.id = r.client_id
             LEFT JOIN staff s ON s.id = r.staff_id
             WHERE r.employer_id = ?1
             ORDER BY r.done_on DESC, r.id DESC",
        )
        .map_err(StoreError::from)?;
    let rows = stmt
        .query_map([employer_id], |r| {
            Ok(EmployerSupport {
                id: r.get(0)?,
                employer_id: r.get(1)?,
                client_id: r.get(2)?,
                client_name: r.get(3)?,
                done_on: r.get(4)?,
                staff_id: r.get(5)?,
                staff_name: r.get(6)?,
                minutes: r.get(7)?,
                body: r.get(8)?,
            })
        })
        .map_err(StoreError::from)?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?)
}

/// An employer as the employers list shows it: how many clients work there now and how much
/// support the center has given it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmployerOverview {
    /// The employer.
    pub employer: Employer,
    /// Distinct clients in an employment there on `as_of` (started on or before it, not ended
    /// on or before it: the same rule as 継続就労者).
    pub employed_clients: u32,
    /// Employments there ever recorded (ended ones included).
    pub employments: u32,
    /// Employer-support records.
    pub support_records: u32,
    /// The latest support given.
    pub last_support_on: Option<NaiveDate>,
}

/// Employers whose name, industry, address or contact person contains `search` (folded like
/// client search: kana, widths and spaces alike; empty lists all), by name, with their
/// employed-client count on `as_of`.
pub fn employers_overview(
    store: &Store,
    actor: &Session,
    search: &str,
    as_of: NaiveDate,
) -> Result<Vec<EmployerOverview>> {
    let wanted = crate::clients::normalise_for_search(search);
    let rows: Vec<EmployerOverview> = store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT e.id, e.name, e.industry, e.address, e.phone, e.contact_person, e.notes,
                     (SELECT count(DISTINCT j.client_id) FROM employments j
                       WHERE j.employer_id = e.id AND j.started_on <= ?1
                         AND (j.ended_on IS NULL OR j.ended_on > ?1)),
                     (SELECT count(*) FROM employments j WHERE j.employer_id = e.id),
                     (SELECT count(*) FROM employer_support_records r WHERE r.employer_id = e.id),
                     (SELECT max(r.done_on) FROM employer_support_records r
                       WHERE r.employer_id = e.id)
                 FROM employers e ORDER BY e.name, e.id",
            )
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([as_of], |r| {
                Ok(EmployerOverview {
                    employer: from_row(r)?,
                    employed_clients: r.get(7)?,
                    employments: r.get(8)?,
                    support_records: r.get(9)?,
                    last_support_on: r.get(10)?,
                })
            })
            .map_err(StoreError::from)?;
        Ok(rows
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?)
    })?;
    if wanted.is_empty() {
        return Ok(rows);
    }
    Ok(rows
        .into_iter()
        .filter(|row| {
            let e = &row.employer;
            [&e.name, &e.industry, &e.address, &e.contact_person]
                .iter()
                .any(|text| crate::clients::normalise_for_search(text).contains(&wanted))
        })
        .collect())
}
