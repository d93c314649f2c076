//! Consultations (相談): by visit, phone, e-mail or outreach, about work, life or
//! an employer. Adding one may move the client's first-contact date earlier.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{check_minutes, check_staff, fields, past, refresh_first_contact, MAX_BODY_CHARS};
use crate::clients::{require_client, Db};
use crate::ids::{ClientId, ConsultationId, StaffId};
use crate::session::Session;
use crate::store::Store;
use crate::text::multi_line;
use crate::{CoreError, Result};

crate::db_enum!(
    /// How the consultation took place.
    Channel {
        /// 来所.
        Visit = "visit" / "来所",
        /// 電話.
        Phone = "phone" / "電話",
        /// メール.
        Email = "email" / "メール",
        /// 訪問 (staff went to the person).
        Outreach = "outreach" / "訪問",
    }
);

crate::db_enum!(
    /// What the consultation was about.
    Topic {
        /// 就労.
        Work = "work" / "就労",
        /// 生活.
        Life = "life" / "生活",
        /// 企業 (an employer's consultation).
        Employer = "employer" / "企業",
    }
);

/// A consultation's details (add and correct).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationDetails {
    /// 相談日.
    pub held_on: NaiveDate,
    /// 方法.
    pub channel: Channel,
    /// 内容の区分.
    pub topic: Topic,
    /// 対応職員.
    #[serde(default)]
    pub staff_id: Option<StaffId>,
    /// 所要時間（分）.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// 内容.
    #[serde(default)]
    pub body: String,
}

/// A new consultation of a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConsultation {
    /// The client.
    pub client_id: ClientId,
    /// The details.
    #[serde(flatten)]
    pub details: ConsultationDetails,
}

/// A consultation as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Consultation {
    /// Id.
    pub id: ConsultationId,
    /// Client.
    pub client_id: ClientId,
    /// 相談日.
    pub held_on: NaiveDate,
    /// 方法.
    pub channel: Channel,
    /// 区分.
    pub topic: Topic,
    /// 対応職員.
    pub staff_id: Option<StaffId>,
    /// The staff member's name.
    pub staff_name: Option<String>,
    /// 所要時間（分）.
    pub minutes: Option<i64>,
    /// 内容.
    pub body: String,
    /// Last change (UTC).
    pub updated_at: String,
}

struct Valid {
    minutes: Option<i64>,
    body: String,
}

fn validate(d: &ConsultationDetails) -> Result<Valid> {
    past(fields::HELD_ON, d.held_on)?;
    Ok(Valid {
        minutes: check_minutes(d.minutes)?,
        body: multi_line(fields::BODY, &d.body, MAX_BODY_CHARS)?,
    })
}

/// Records a consultation. If it is earlier than the client's first contact, the
/// first contact moves to it.
pub fn add_consultation(
    store: &mut Store,
    actor: &Session,
    new: &NewConsultation,
) -> Result<ConsultationId> {
    let d = &new.details;
    let v = validate(d)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), &new.client_id)?;
        if let Some(staff) = &d.staff_id {
            check_staff(tx.conn(), staff)?;
        }
        let id = ConsultationId::new();
        tx.conn()
            .execute(
                "INSERT INTO consultations (id, client_id, held_on, channel, topic, staff_id,
                                            minutes, body, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    id,
                    new.client_id,
                    d.held_on,
                    d.channel,
                    d.topic,
                    d.staff_id,
                    v.minutes,
                    v.body,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        refresh_first_contact(tx, &new.client_id)?;
        tx.audit(
            "consultation.add",
            "consultation",
            Some(id.as_str()),
            &format!(
                "{} consultation added (client {})",
                d.channel.as_db(),
                new.client_id
            ),
        )?;
        Ok(id)
    })
}

/// Corrects a consultation (date, channel, topic, staff, minutes, text); the
/// correction is audited and the client's first contact follows the dates.
pub fn correct_consultation(
    store: &mut Store,
    actor: &Session,
    id: &ConsultationId,
    details: &ConsultationDetails,
) -> Result<()> {
    let v = validate(details)?;
    store.write(actor, |tx| {
        let client: Option<ClientId> = tx
            .conn()
            .query_row(
                "SELECT client_id FROM consultations WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .db()?;
        let client = client.ok_or(CoreError::NotFound {
            what: fields::CONSULTATION,
        })?;
        if let Some(staff) = &details.staff_id {
            check_staff(tx.conn(), staff)?;
        }
        tx.conn()
            .execute(
                "UPDATE consultations SET held_on = ?2, channel = ?3, topic = ?4, staff_id = ?5,
                        minutes = ?6, body = ?7, updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                params![
                    id,
                    details.held_on,
                    details.channel,
                    details.topic,
                    details.staff_id,
                    v.minutes,
                    v.body,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        refresh_first_contact(tx, &client)?;
        tx.audit(
            "consultation.correct",
            "consultation",
            Some(id.as_str()),
            &format!("consultation corrected (client {client})"),
        )
    })
}

pub(super) const LIST_SQL: &str =
    "SELECT c.id, c.client_id, c.held_on, c.channel, c.topic, c.staff_id, s.name, c.minutes,
            c.body, c.updated_at
     FROM consultations c LEFT JOIN staff s ON s.id = c.staff_id
     WHERE c.client_id = ?1
     ORDER BY c.held_on DESC, c.id DESC";

/// A client's consultations, newest first; a read of the record, so audited.
pub fn list_consultations(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
) -> Result<Vec<Consultation>> {
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        let list = {
            let mut stmt = tx.conn().prepare(LIST_SQL).db()?;
            let rows = stmt
                .query_map([client_id], |r| {
                    Ok(Consultation {
                        id: r.get(0)?,
                        client_id: r.get(1)?,
                        held_on: r.get(2)?,
                        channel: r.get(3)?,
                        topic: r.get(4)?,
                        staff_id: r.get(5)?,
                        staff_name: r.get(6)?,
                        minutes: r.get(7)?,
                        body: r.get(8)?,
                        updated_at: r.get(9)?,
                    })
                })
                .db()?;
            rows.collect::<rusqlite::Result<Vec<_>>>().db()?
        };
        tx.audit(
            "client.read",
            "client",
            Some(client_id.as_str()),
            "consultations listed",
        )?;
        Ok(list)
    })
}
