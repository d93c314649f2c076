//! Who serves a client and with whom information may be shared: the main staff
//! (主担当), any number of sub staff (副担当), the partner organizations involved
//! (contact person, since and until when) and consents to share information (date, scope).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{fields, optional_line, past_date, require_client, require_staff, Db, StaffRef};
use crate::error::Problem;
use crate::ids::{ClientId, ConsentId, PartnerId, StaffId};
use crate::partners::PartnerCategory;
use crate::session::Session;
use crate::store::Store;
use crate::{CoreError, Result};

/// Sets or clears a client's main staff. Someone who was sub staff stops being so.
pub fn set_main_staff(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    staff_id: Option<&StaffId>,
) -> Result<()> {
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        if let Some(staff) = staff_id {
            require_staff(tx.conn(), staff)?;
            tx.conn()
                .execute(
                    "DELETE FROM client_sub_staff WHERE client_id = ?1 AND staff_id = ?2",
                    params![client_id, staff],
                )
                .db()?;
        }
        tx.conn()
            .execute(
                "UPDATE clients SET main_staff_id = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![client_id, staff_id, tx.now(), tx.actor().user_id()],
            )
            .db()?;
        let summary = if staff_id.is_some() {
            "main staff set"
        } else {
            "main staff cleared"
        };
        tx.audit("client.staff", "client", Some(client_id.as_str()), summary)
    })
}

/// Adds a sub staff member (副担当); the main staff cannot also be sub staff.
pub fn add_sub_staff(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    staff_id: &StaffId,
) -> Result<()> {
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        require_staff(tx.conn(), staff_id)?;
        let main: Option<StaffId> = tx
            .conn()
            .query_row(
                "SELECT main_staff_id FROM clients WHERE id = ?1",
                [client_id],
                |r| r.get(0),
            )
            .db()?;
        if main.as_ref() == Some(staff_id) {
            return Err(CoreError::rule(
                "the main staff cannot also be sub staff",
                "主担当の職員を副担当にすることはできません。",
            ));
        }
        tx.conn()
            .execute(
                "INSERT INTO client_sub_staff (id, client_id, staff_id, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (client_id, staff_id) DO NOTHING",
                params![
                    crate::ids::new_id(),
                    client_id,
                    staff_id,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        tx.audit(
            "client.staff",
            "client",
            Some(client_id.as_str()),
            "sub staff added",
        )
    })
}

/// Removes a sub staff member.
pub fn remove_sub_staff(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    staff_id: &StaffId,
) -> Result<()> {
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        let removed = tx
            .conn()
            .execute(
                "DELETE FROM client_sub_staff WHERE client_id = ?1 AND staff_id = ?2",
                params![client_id, staff_id],
            )
            .db()?;
        if removed == 0 {
            return Err(CoreError::NotFound {
                what: fields::STAFF,
            });
        }
        tx.audit(
            "client.staff",
            "client",
            Some(client_id.as_str()),
            "sub staff removed",
        )
    })
}

/// A client's sub staff, by name.
pub(super) fn sub_staff_of(conn: &Connection, id: &ClientId) -> Result<Vec<StaffRef>> {
    let mut stmt = conn
        .prepare(
            "SELECT s.id, s.name FROM client_sub_staff c JOIN staff s ON s.id = c.staff_id
             WHERE c.client_id = ?1 ORDER BY s.kana, s.name",
        )
        .db()?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(StaffRef {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })
        .db()?;
    rows.collect::<rusqlite::Result<_>>().db()
}

/// A partner organization involved with a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientPartner {
    /// Partner id.
    pub partner_id: PartnerId,
    /// Organization name.
    pub name: String,
    /// Its category.
    pub category: PartnerCategory,
    /// The person there who handles this client (and their role).
    pub contact_person: String,
    /// When the involvement began (unknown for links older than this field).
    pub since_on: Option<NaiveDate>,
    /// When it ended; none while it goes on.
    pub ended_on: Option<NaiveDate>,
}

fn require_active_partner(conn: &Connection, id: &PartnerId) -> Result<()> {
    let active: Option<bool> = conn
        .query_row("SELECT active FROM partners WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()
        .db()?;
    match active {
        None => Err(CoreError::NotFound {
            what: fields::PARTNER,
        }),
        Some(false) => Err(CoreError::rule(
            "the partner is no longer active",
            "この関係機関は使用停止になっています。",
        )),
        Some(true) => Ok(()),
    }
}

/// Records that a partner organization is involved since a date (or changes the contact
/// person of a current link; a link that had ended is opened again from `since_on`).
pub fn link_partner(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    partner_id: &PartnerId,
    contact_person: &str,
    since_on: Option<NaiveDate>,
) -> Result<()> {
    let contact = optional_line(fields::CONTACT_PERSON, contact_person, 50)?;
    if let Some(since) = since_on {
        past_date(fields::PARTNER_SINCE, since)?;
    }
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        require_active_partner(tx.conn(), partner_id)?;
        tx.conn()
            .execute(
                "INSERT INTO client_partners
                     (id, client_id, partner_id, contact_person, since_on, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (client_id, partner_id) DO UPDATE SET
                    contact_person = excluded.contact_person,
                    since_on = CASE WHEN client_partners.ended_on IS NULL
                                    THEN coalesce(excluded.since_on, client_partners.since_on)
                                    ELSE excluded.since_on END,
                    ended_on = NULL,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![
                    crate::ids::new_id(),
                    client_id,
                    partner_id,
                    contact,
                    since_on,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        tx.audit(
            "client.partner",
            "client",
            Some(client_id.as_str()),
            "partner linked",
        )
    })
}

/// Records that a partner organization's involvement ended on a date; the link is kept
/// among the client's past partners.
pub fn end_partner_link(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    partner_id: &PartnerId,
    ended_on: NaiveDate,
) -> Result<()> {
    past_date(fields::PARTNER_UNTIL, ended_on)?;
    store.write(actor, |tx| {
        let since: Option<Option<NaiveDate>> = tx
            .conn()
            .query_row(
                "SELECT since_on FROM client_partners
                 WHERE client_id = ?1 AND partner_id = ?2 AND ended_on IS NULL",
                params![client_id, partner_id],
                |r| r.get(0),
            )
            .optional()
            .db()?;
        let since = since.ok_or(CoreError::NotFound {
            what: fields::PARTNER,
        })?;
        if since.is_some_and(|since| ended_on < since) {
            return Err(CoreError::invalid(
                fields::PARTNER_UNTIL,
                Problem::EndBeforeStart,
            ));
        }
        tx.conn()
            .execute(
                "UPDATE client_partners SET ended_on = ?3, updated_at = ?4, updated_by = ?5
                 WHERE client_id = ?1 AND partner_id = ?2",
                params![
                    client_id,
                    partner_id,
                    ended_on,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        tx.audit(
            "client.partner",
            "client",
            Some(client_id.as_str()),
            "partner link ended",
        )
    })
}

/// A client's partners: those involved now (by category and name) and those once
/// involved (latest end first).
pub(super) fn partners_of(
    conn: &Connection,
    id: &ClientId,
) -> Result<(Vec<ClientPartner>, Vec<ClientPartner>)> {
    let mut stmt = conn
        .prepare(
            "SELECT p.id, p.name, p.category, c.contact_person, c.since_on, c.ended_on
             FROM client_partners c JOIN partners p ON p.id = c.partner_id
             WHERE c.client_id = ?1
             ORDER BY c.ended_on IS NOT NULL, c.ended_on DESC, p.category, p.name",
        )
        .db()?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(ClientPartner {
                partner_id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                contact_person: r.get(3)?,
                since_on: r.get(4)?,
                ended_on: r.get(5)?,
            })
        })
        .db()?;
    let all: Vec<ClientPartner> = rows.collect::<rusqlite::Result<_>>().db()?;
    Ok(all.into_iter().partition(|p| p.ended_on.is_none()))
}

/// A consent to share information with a partner (情報提供の同意).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConsent {
    /// The partner the information may go to.
    pub partner_id: PartnerId,
    /// Date the consent was given.
    pub given_on: NaiveDate,
    /// What may be shared, e.g. 就労状況・通院状況.
    pub scope: String,
}

/// A recorded consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Consent {
    /// Id.
    pub id: ConsentId,
    /// Partner.
    pub partner_id: PartnerId,
    /// Partner name.
    pub partner_name: String,
    /// 同意日.
    pub given_on: NaiveDate,
    /// 同意の範囲.
    pub scope: String,
    /// 撤回日.
    pub withdrawn_on: Option<NaiveDate>,
}

/// Records a consent to share information with a partner.
pub fn add_consent(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    new: &NewConsent,
) -> Result<ConsentId> {
    past_date(fields::GIVEN_ON, new.given_on)?;
    let scope = crate::text::single_line(fields::CONSENT_SCOPE, &new.scope, 200)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        require_active_partner(tx.conn(), &new.partner_id)?;
        let id = ConsentId::new();
        tx.conn()
            .execute(
                "INSERT INTO consents (id, client_id, partner_id, given_on, scope, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    client_id,
                    new.partner_id,
                    new.given_on,
                    scope,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        tx.audit(
            "consent.add",
            "client",
            Some(client_id.as_str()),
            &format!("consent {id} recorded"),
        )?;
        Ok(id)
    })
}

/// Records that a consent was withdrawn on a date (on or after it was given).
pub fn withdraw_consent(
    store: &mut Store,
    actor: &Session,
    consent_id: &ConsentId,
    withdrawn_on: NaiveDate,
) -> Result<()> {
    past_date(fields::WITHDRAWN_ON, withdrawn_on)?;
    store.write(actor, |tx| {
        let found: Option<(ClientId, NaiveDate, Option<NaiveDate>)> = tx
            .conn()
            .query_row(
                "SELECT client_id, given_on, withdrawn_on FROM consents WHERE id = ?1",
                [consent_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .db()?;
        let (client_id, given_on, withdrawn) = found.ok_or(CoreError::NotFound {
            what: fields::CONSENT,
        })?;
        if withdrawn.is_some() {
            return Err(CoreError::rule(
                "the consent was already withdrawn",
                "この同意はすでに撤回されています。",
            ));
        }
        if withdrawn_on < given_on {
            return Err(CoreError::invalid(
                fields::WITHDRAWN_ON,
                Problem::EndBeforeStart,
            ));
        }
        tx.conn()
            .execute(
                "UPDATE consents SET withdrawn_on = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![consent_id, withdrawn_on, tx.now(), tx.actor().user_id()],
            )
            .db()?;
        tx.audit(
            "consent.withdraw",
            "client",
            Some(client_id.as_str()),
            &format!("consent {consent_id} withdrawn"),
        )
    })
}

pub(super) fn consents_of(conn: &Connection, id: &ClientId) -> Result<Vec<Consent>> {
    let mut stmt = conn
        .prepare(
            "SELECT c.id, c.partner_id, p.name, c.given_on, c.scope, c.withdrawn_on
             FROM consents c JOIN partners p ON p.id = c.partner_id
             WHERE c.client_id = ?1 ORDER BY c.given_on DESC, c.id DESC",
        )
        .db()?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(Consent {
                id: r.get(0)?,
                partner_id: r.get(1)?,
                partner_name: r.get(2)?,
                given_on: r.get(3)?,
                scope: r.get(4)?,
                withdrawn_on: r.get(5)?,
            })
        })
        .db()?;
    rows.collect::<rusqlite::Result<_>>().db()
}
