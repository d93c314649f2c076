//! 支援引継ぎ: clients handed over by a 就労定着支援事業所 when its support (up to 3 years
//! 6 months after the job started) runs out. Each hand-over is expected, then arrives, then is
//! checked (the client's work situation confirmed and issues sorted, with a date and notes).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{check_not_future, fields, require};
use crate::calendar::add_years_months;
use crate::error::Problem;
use crate::ids::{ClientId, EmploymentId, HandoverId, PartnerId};
use crate::session::Session;
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

/// Longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 4000;

crate::db_enum!(
    /// Where a hand-over stands.
    HandoverStatus {
        /// Requested; the client has not come over yet (引継ぎ予定).
        Expected = "expected" / "引継ぎ予定",
        /// The client has come over (引継ぎ受付).
        Arrived = "arrived" / "引継ぎ受付",
        /// Work situation and issues checked (確認済み).
        Checked = "checked" / "確認済み",
    }
);

/// A hand-over request from a 就労定着支援事業所.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHandover {
    /// The provider (a partner organization).
    pub provider_id: PartnerId,
    /// When the provider asked (not in the future).
    pub requested_on: NaiveDate,
    /// Notes; may be empty.
    pub notes: String,
}

/// A hand-over request, checked.
pub(crate) struct ValidHandover {
    provider_id: PartnerId,
    requested_on: NaiveDate,
    notes: String,
}

impl NewHandover {
    /// Checks the request against the job's start: asked for on or after it, not in the future.
    pub(crate) fn validated(&self, started_on: NaiveDate) -> Result<ValidHandover> {
        check_not_future(fields::REQUESTED_ON, self.requested_on)?;
        if self.requested_on < started_on {
            return Err(CoreError::rule(
                "a hand-over cannot be requested before the job started",
                "引継ぎの依頼日は就職日以降の日付にしてください。",
            ));
        }
        let notes = crate::text::multi_line(fields::NOTES, &self.notes, MAX_NOTES_CHARS)?;
        Ok(ValidHandover {
            provider_id: self.provider_id.clone(),
            requested_on: self.requested_on,
            notes,
        })
    }
}

/// The check made when a handed-over client arrives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverCheck {
    /// When the situation was checked (not in the future, not before the request).
    pub checked_on: NaiveDate,
    /// What was found; added to the hand-over's notes.
    pub notes: String,
}

/// A hand-over as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Handover {
    /// Id.
    pub id: HandoverId,
    /// The client.
    pub client_id: ClientId,
    /// The job the provider supported.
    pub employment_id: EmploymentId,
    /// The provider.
    pub provider_id: PartnerId,
    /// Its name.
    pub provider_name: String,
    /// When it was requested.
    pub requested_on: NaiveDate,
    /// When the provider's support ends: the job's start + 3 years 6 months.
    pub ends_on: NaiveDate,
    /// Expected, arrived or checked.
    pub status: HandoverStatus,
    /// When it was checked.
    pub checked_on: Option<NaiveDate>,
    /// Notes.
    pub notes: String,
}

/// The day a 就労定着支援事業所's support ends for a job started on `started_on`: 3 years and
/// 6 months later (clamped to the end of a shorter month).
pub fn handover_ends_on(started_on: NaiveDate) -> NaiveDate {
    add_years_months(started_on, 3, 6)
}

const SELECT: &str = "SELECT h.id, h.client_id, h.employment_id, h.provider_id, p.name,
        h.requested_on, h.ends_on, h.status, h.checked_on, h.notes
    FROM handovers h JOIN partners p ON p.id = h.provider_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Handover> {
    Ok(Handover {
        id: r.get(0)?,
        client_id: r.get(1)?,
        employment_id: r.get(2)?,
        provider_id: r.get(3)?,
        provider_name: r.get(4)?,
        requested_on: r.get(5)?,
        ends_on: r.get(6)?,
        status: r.get(7)?,
        checked_on: r.get(8)?,
        notes: r.get(9)?,
    })
}

fn find(conn: &Connection, id: &HandoverId) -> Result<Handover> {
    conn.query_row(&format!("{SELECT} WHERE h.id = ?1"), [id], from_row)
        .optional()
        .map_err(StoreError::from)?
        .ok_or(CoreError::NotFound {
            what: fields::HANDOVER,
        })
}

/// Stores a hand-over of an employment, inside the caller's transaction, with its audit row.
pub(crate) fn insert_handover(
    tx: &mut Tx<'_>,
    employment_id: &EmploymentId,
    client_id: &ClientId,
    started_on: NaiveDate,
    handover: &ValidHandover,
) -> Result<HandoverId> {
    require(
        tx.conn(),
        "partners",
        handover.provider_id.as_str(),
        fields::PROVIDER,
    )?;
    let id = HandoverId::new();
    tx.conn()
        .execute(
            "INSERT INTO handovers (id, client_id, employment_id, provider_id, requested_on,
                 ends_on, status, notes, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                client_id,
                employment_id,
                handover.provider_id,
                handover.requested_on,
                handover_ends_on(started_on),
                HandoverStatus::Expected,
                handover.notes,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(StoreError::from)?;
    tx.audit(
        "handover.create",
        "handover",
        Some(id.as_str()),
        &format!("hand-over expected for employment {employment_id}"),
    )?;
    Ok(id)
}

/// Records a hand-over request for an existing job.
pub fn add_handover(
    store: &mut Store,
    actor: &Session,
    employment_id: &EmploymentId,
    new: &NewHandover,
) -> Result<HandoverId> {
    store.write(actor, |tx| {
        let employment = super::employments::find(tx.conn(), employment_id)?;
        let valid = new.validated(employment.started_on)?;
        insert_handover(
            tx,
            employment_id,
            &employment.client_id,
            employment.started_on,
            &valid,
        )
    })
}

/// Notes that the handed-over client has come over.
pub fn mark_handover_arrived(store: &mut Store, actor: &Session, id: &HandoverId) -> Result<()> {
    store.write(actor, |tx| {
        let handover = find(tx.conn(), id)?;
        if handover.status != HandoverStatus::Expected {
            return Err(CoreError::rule(
                "this hand-over has already arrived",
                "この支援引継ぎはすでに受付済みです。",
            ));
        }
        tx.conn()
            .execute(
                "UPDATE handovers SET status = 'arrived', updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                params![id, tx.now(), tx.actor().user_id()],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "handover.arrive",
            "handover",
            Some(id.as_str()),
            "hand-over arrived",
        )
    })
}

/// Records the check of a hand-over (from expected or arrived): its date, and notes added to
/// those already kept.
pub fn check_handover(
    store: &mut Store,
    actor: &Session,
    id: &HandoverId,
    check: &HandoverCheck,
) -> Result<()> {
    check_not_future(fields::CHECKED_ON, check.checked_on)?;
    let notes = crate::text::multi_line(fields::NOTES, &check.notes, MAX_NOTES_CHARS)?;
    store.write(actor, |tx| {
        let handover = find(tx.conn(), id)?;
        if handover.status == HandoverStatus::Checked {
            return Err(CoreError::rule(
                "this hand-over has already been checked",
                "この支援引継ぎはすでに確認済みです。",
            ));
        }
        if check.checked_on < handover.requested_on {
            return Err(CoreError::rule(
                "a hand-over cannot be checked before it was requested",
                "確認日は引継ぎの依頼日以降の日付にしてください。",
            ));
        }
        let joined = match (handover.notes.is_empty(), notes.is_empty()) {
            (_, true) => handover.notes.clone(),
            (true, false) => notes.clone(),
            (false, false) => format!("{}\n{}", handover.notes, notes),
        };
        if joined.chars().count() > MAX_NOTES_CHARS {
            return Err(CoreError::invalid(
                fields::NOTES,
                Problem::TooLong {
                    max: MAX_NOTES_CHARS,
                },
            ));
        }
        tx.conn()
            .execute(
                "UPDATE handovers SET status = 'checked', checked_on = ?2, notes = ?3,
                     updated_at = ?4, updated_by = ?5
                 WHERE id = ?1",
                params![id, check.checked_on, joined, tx.now(), tx.actor().user_id()],
            )
            .map_err(StoreError::from)?;
        tx.audit(
            "handover.check",
            "handover",
            Some(id.as_str()),
            "hand-over checked",
        )
    })
}

/// A client's hand-overs, latest request first.
pub fn client_handovers(
    store: &Store,
    actor: &Session,
    client_id: &ClientId,
) -> Result<Vec<Handover>> {
    store.read(actor, |conn| {
        require(conn, "clients", client_id.as_str(), fields::CLIENT)?;
        client_handover_list(conn, client_id)
    })
}

pub(crate) fn client_handover_list(
    conn: &Connection,
    client_id: &ClientId,
) -> Result<Vec<Handover>> {
    let mut stmt = conn
        .prepare(&format!(
            "{SELECT} WHERE h.client_id = ?1 ORDER BY h.requested_on DESC, h.id DESC"
        ))
        .map_err(StoreError::from)?;
    let rows = stmt
        .query_map([client_id], from_row)
        .map_err(StoreError::from)?;
    Ok(rows
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn a_providers_support_ends_three_years_six_months_after_the_start() {
        assert_eq!(handover_ends_on(ymd(2022, 4, 1)), ymd(2025, 10, 1));
        // 2021-08-31 + 3y6m = 2025-02-31 → clamped to 2025-02-28.
        assert_eq!(handover_ends_on(ymd(2021, 8, 31)), ymd(2025, 2, 28));
    }
}
