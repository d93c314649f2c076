//! The client lifecycle: an inquiry is created, registered (a new registration
//! period), moves through phases, is closed with a reason, and may be registered
//! again. Status is derived from the periods, so each step writes one period row.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::profile::{validate, write_profile, ClientProfile, ValidProfile};
use super::search::possible_duplicates;
use super::{
    fields, past_date, require_client, require_staff, status_of, ClientListItem, ClientStatus, Db,
    Phase,
};
use crate::error::Problem;
use crate::ids::{ClientId, RegistrationId, StaffId};
use crate::session::Session;
use crate::store::{Store, Tx};
use crate::text::single_line;
use crate::{CoreError, Result};

/// A new inquirer (相談者).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewClient {
    /// The profile.
    #[serde(flatten)]
    pub profile: ClientProfile,
    /// Date of the first contact (初回相談日); required.
    pub first_contact_on: Option<NaiveDate>,
    /// 主担当.
    pub main_staff_id: Option<StaffId>,
}

/// What creating a client gives back: its id, and the clients who may be the same
/// person (same kana and birth date). Nothing is merged; staff decide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreatedClient {
    /// The new client's id.
    pub id: ClientId,
    /// Possible duplicates found before saving.
    pub possible_duplicates: Vec<ClientListItem>,
}

/// Creates a client in status inquiry.
pub fn create_client(store: &mut Store, actor: &Session, new: &NewClient) -> Result<CreatedClient> {
    let checked = check_new_client(new)?;
    store.write(actor, |tx| insert_client(tx, new, checked))
}

/// [`create_client`] inside a write that is already open (the CSV import creates many
/// clients in one transaction); the same checks, the same audit row.
pub(crate) fn create_client_in(tx: &mut Tx<'_>, new: &NewClient) -> Result<CreatedClient> {
    let checked = check_new_client(new)?;
    insert_client(tx, new, checked)
}

/// The checks of a new client that need no database.
fn check_new_client(new: &NewClient) -> Result<(ValidProfile, NaiveDate)> {
    let valid = validate(&new.profile)?;
    let first_contact_on = new
        .first_contact_on
        .ok_or(CoreError::invalid(fields::FIRST_CONTACT_ON, Problem::Empty))?;
    let first_contact_on = past_date(fields::FIRST_CONTACT_ON, first_contact_on)?;
    if let Some(birth) = valid.birth_date {
        if first_contact_on < birth {
            return Err(CoreError::rule(
                "first contact before birth",
                "初回相談日は生年月日より後の日付にしてください。",
            ));
        }
    }
    Ok((valid, first_contact_on))
}

fn insert_client(
    tx: &mut Tx<'_>,
    new: &NewClient,
    (valid, first_contact_on): (ValidProfile, NaiveDate),
) -> Result<CreatedClient> {
    if let Some(staff) = &new.main_staff_id {
        require_staff(tx.conn(), staff)?;
    }
    let duplicates = possible_duplicates(tx.conn(), &valid.kana, valid.birth_date)?;
    let id = ClientId::new();
    tx.conn()
        .execute(
            "INSERT INTO clients (id, name, kana, search_key, first_contact_on, inquiry_on,
                                  main_staff_id, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8)",
            params![
                id,
                valid.name,
                valid.kana,
                valid.search_key,
                first_contact_on,
                new.main_staff_id,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .db()?;
    write_profile(tx, &id, &valid)?;
    let summary = match duplicates.len() {
        0 => "client created as inquiry".to_string(),
        n => format!("client created as inquiry; {n} possible duplicate(s) reported"),
    };
    tx.audit("client.create", "client", Some(id.as_str()), &summary)?;
    Ok(CreatedClient {
        id,
        possible_duplicates: duplicates,
    })
}

/// Registers an inquirer (利用登録): opens the first registration period and sets
/// the starting phase. A closed client comes back with [`reopen_client`].
pub fn register_client(
    store: &mut Store,
    actor: &Session,
    id: &ClientId,
    registered_on: NaiveDate,
    phase: Phase,
) -> Result<RegistrationId> {
    past_date(fields::REGISTERED_ON, registered_on)?;
    refuse_employed(phase)?;
    store.write(actor, |tx| register_client_in(tx, id, registered_on, phase))
}

/// [`register_client`] inside a write that is already open (the CSV import).
pub(crate) fn register_client_in(
    tx: &mut Tx<'_>,
    id: &ClientId,
    registered_on: NaiveDate,
    phase: Phase,
) -> Result<RegistrationId> {
    past_date(fields::REGISTERED_ON, registered_on)?;
    refuse_employed(phase)?;
    require_client(tx.conn(), id)?;
    match status_of(tx.conn(), id)? {
        ClientStatus::Inquiry => {}
        ClientStatus::Registered => return Err(already_registered()),
        ClientStatus::Closed => {
            return Err(CoreError::rule(
                "a closed client is registered again with reopen",
                "登録終了した方は「再登録」から登録してください。",
            ))
        }
    }
    let first_contact: NaiveDate = tx
        .conn()
        .query_row(
            "SELECT first_contact_on FROM clients WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .db()?;
    if registered_on < first_contact {
        return Err(CoreError::rule(
            "registration before the first contact",
            "利用登録日は初回相談日以降の日付にしてください。",
        ));
    }
    let reg = open_period(tx, id, registered_on, phase)?;
    tx.audit(
        "client.register",
        "client",
        Some(id.as_str()),
        &format!("registration period opened in phase {}", phase.as_db()),
    )?;
    Ok(reg)
}

/// Registers a closed client again: a new registration period, starting on or after
/// the day the last one closed.
pub fn reopen_client(
    store: &mut Store,
    actor: &Session,
    id: &ClientId,
    registered_on: NaiveDate,
    phase: Phase,
) -> Result<RegistrationId> {
    past_date(fields::REGISTERED_ON, registered_on)?;
    refuse_employed(phase)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), id)?;
        match status_of(tx.conn(), id)? {
            ClientStatus::Closed => {}
            ClientStatus::Registered => return Err(already_registered()),
            ClientStatus::Inquiry => {
                return Err(CoreError::rule(
                    "an inquirer is registered, not reopened",
                    "まだ利用登録されていません。「利用登録」から登録してください。",
                ))
            }
        }
        let last_closed: Option<NaiveDate> = tx
            .conn()
            .query_row(
                "SELECT max(closed_on) FROM client_registrations WHERE client_id = ?1",
                [id],
                |r| r.get(0),
            )
            .db()?;
        if last_closed.is_some_and(|closed| registered_on < closed) {
            return Err(CoreError::rule(
                "a new period cannot start before the last one closed",
                "再登録日は前回の登録終了日以降の日付にしてください。",
            ));
        }
        let reg = open_period(tx, id, registered_on, phase)?;
        tx.audit(
            "client.reopen",
            "client",
            Some(id.as_str()),
            &format!("registration period reopened in phase {}", phase.as_db()),
        )?;
        Ok(reg)
    })
}

fn open_period(
    tx: &Tx<'_>,
    id: &ClientId,
    registered_on: NaiveDate,
    phase: Phase,
) -> Result<RegistrationId> {
    let reg = RegistrationId::new();
    tx.conn()
        .execute(
            "INSERT INTO client_registrations (id, client_id, registered_on, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![reg, id, registered_on, tx.now(), tx.actor().user_id()],
        )
        .db()?;
    store_phase(tx, id, phase)?;
    Ok(reg)
}

fn store_phase(tx: &Tx<'_>, id: &ClientId, phase: Phase) -> Result<()> {
    tx.conn()
        .execute(
            "UPDATE clients SET phase = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            params![id, phase, tx.now(), tx.actor().user_id()],
        )
        .db()?;
    Ok(())
}

fn already_registered() -> CoreError {
    CoreError::rule(
        "the client is already registered",
        "すでに利用登録されています。",
    )
}

fn refuse_employed(phase: Phase) -> Result<()> {
    if phase == Phase::Employed {
        return Err(CoreError::rule(
            "phase employed is derived from an ongoing employment",
            "「就労中」は就労の記録から自動で決まります。就労を登録してください。",
        ));
    }
    Ok(())
}

/// Sets a registered client's phase (preparing, seeking, on leave, separated).
/// `employed` is refused: it follows from an ongoing employment.
pub fn set_phase(store: &mut Store, actor: &Session, id: &ClientId, phase: Phase) -> Result<()> {
    refuse_employed(phase)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), id)?;
        if status_of(tx.conn(), id)? != ClientStatus::Registered {
            return Err(CoreError::rule(
                "only a registered client has a phase",
                "支援段階は利用登録中の方にのみ設定できます。",
            ));
        }
        store_phase(tx, id, phase)?;
        tx.audit(
            "client.phase",
            "client",
            Some(id.as_str()),
            &format!("phase set to {}", phase.as_db()),
        )
    })
}

/// Closes a registered client's case (登録終了): ends the open registration period.
pub fn close_client(
    store: &mut Store,
    actor: &Session,
    id: &ClientId,
    closed_on: NaiveDate,
    reason: &str,
) -> Result<()> {
    past_date(fields::CLOSED_ON, closed_on)?;
    let reason = single_line(fields::CLOSE_REASON, reason, 200)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), id)?;
        let (reg, registered_on) = open_registration(tx.conn(), id)?.ok_or_else(|| {
            CoreError::rule(
                "only a registered client can be closed",
                "登録終了できるのは利用登録中の方のみです。",
            )
        })?;
        if closed_on < registered_on {
            return Err(CoreError::invalid(
                fields::CLOSED_ON,
                Problem::EndBeforeStart,
            ));
        }
        tx.conn()
            .execute(
                "UPDATE client_registrations SET closed_on = ?2, close_reason = ?3,
                        updated_at = ?4, updated_by = ?5
                 WHERE id = ?1",
                params![reg, closed_on, reason, tx.now(), tx.actor().user_id()],
            )
            .db()?;
        tx.audit(
            "client.close",
            "client",
            Some(id.as_str()),
            "registration period closed",
        )
    })
}

fn open_registration(
    conn: &Connection,
    id: &ClientId,
) -> Result<Option<(RegistrationId, NaiveDate)>> {
    conn.query_row(
        "SELECT id, registered_on FROM client_registrations
         WHERE client_id = ?1 AND closed_on IS NULL
         ORDER BY registered_on DESC LIMIT 1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .db()
}
