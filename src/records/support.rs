//! Support records (支援記録): one contact or action for a client — an interview, a
//! call, a workplace visit, an accompanied visit with its purpose, a case conference —
//! by one or more staff, with the life topics touched as a bit set.

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{check_minutes, check_staff, fields, past, MAX_BODY_CHARS};
use crate::clients::{require_client, Db, StaffRef};
use crate::error::Problem;
use crate::ids::{ClientId, StaffId, SupportRecordId};
use crate::session::Session;
use crate::store::{Store, Tx};
use crate::text::multi_line;
use crate::{CoreError, Result};

crate::db_enum!(
    /// Kind of support record.
    SupportKind {
        /// 面談.
        Interview = "interview" / "面談",
        /// 電話.
        Phone = "phone" / "電話",
        /// 職場訪問.
        WorkplaceVisit = "workplace_visit" / "職場訪問",
        /// 同行 (with a purpose).
        Accompany = "accompany" / "同行",
        /// ケース会議.
        CaseConference = "case_conference" / "ケース会議",
        /// 企業支援.
        EmployerSupport = "employer_support" / "企業支援",
        /// 関係機関との連絡.
        PartnerLiaison = "partner_liaison" / "関係機関との連絡",
        /// その他.
        Other = "other" / "その他",
    }
);

crate::db_enum!(
    /// Where an accompanied visit (同行) went.
    AccompanyPurpose {
        /// ハローワーク.
        JobCentre = "job_centre" / "ハローワーク",
        /// 面接.
        Interview = "interview" / "面接",
        /// 実習.
        TrialWork = "trial_work" / "実習",
        /// 見学.
        Tour = "tour" / "見学",
        /// 通院.
        Hospital = "hospital" / "通院",
    }
);

crate::db_enum!(
    /// A topic of life support (生活支援) touched by a record.
    LifeTopic {
        /// 生活リズム.
        Rhythm = "rhythm" / "生活リズム",
        /// 金銭管理.
        Money = "money" / "金銭管理",
        /// 住居.
        Housing = "housing" / "住居",
        /// 余暇活動.
        Leisure = "leisure" / "余暇活動",
        /// 各種手続き.
        Procedures = "procedures" / "各種手続き",
        /// 健康・体調.
        Health = "health" / "健康・体調",
    }
);

impl LifeTopic {
    /// Its bit in `support_records.life_topics` (1 rhythm, 2 money, 4 housing, …).
    pub fn bit(self) -> u8 {
        match self {
            LifeTopic::Rhythm => 1,
            LifeTopic::Money => 2,
            LifeTopic::Housing => 4,
            LifeTopic::Leisure => 8,
            LifeTopic::Procedures => 16,
            LifeTopic::Health => 32,
        }
    }
}

/// The life topics of a record, stored as a bit set and exchanged as a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Vec<LifeTopic>", into = "Vec<LifeTopic>")]
pub struct LifeTopics(u8);

impl LifeTopics {
    /// The stored bits.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Whether `topic` is among them.
    pub fn contains(self, topic: LifeTopic) -> bool {
        self.0 & topic.bit() != 0
    }

    /// The topics, in display order.
    pub fn topics(self) -> Vec<LifeTopic> {
        LifeTopic::ALL
            .iter()
            .copied()
            .filter(|&t| self.contains(t))
            .collect()
    }
}

impl FromIterator<LifeTopic> for LifeTopics {
    fn from_iter<I: IntoIterator<Item = LifeTopic>>(iter: I) -> Self {
        LifeTopics(iter.into_iter().fold(0, |bits, t| bits | t.bit()))
    }
}

impl From<Vec<LifeTopic>> for LifeTopics {
    fn from(topics: Vec<LifeTopic>) -> Self {
        topics.into_iter().collect()
    }
}

impl From<LifeTopics> for Vec<LifeTopic> {
    fn from(topics: LifeTopics) -> Self {
        topics.topics()
    }
}

impl ToSql for LifeTopics {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(i64::from(self.0)))
    }
}

impl FromSql for LifeTopics {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let bits = value.as_i64()?;
        u8::try_from(bits)
            .ok()
            .filter(|b| *b < 64)
            .map(LifeTopics)
            .ok_or(FromSqlError::OutOfRange(bits))
    }
}

/// A support record's details (add and correct).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRecordDetails {
    /// 支援日.
    pub done_on: NaiveDate,
    /// Kind.
    pub kind: SupportKind,
    /// Purpose: required for an accompanied visit, refused otherwise.
    #[serde(default)]
    pub purpose: Option<AccompanyPurpose>,
    /// The staff who did it (one or more).
    pub staff_ids: Vec<StaffId>,
    /// 所要時間（分）.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// 生活支援の内容.
    #[serde(default)]
    pub life_topics: LifeTopics,
    /// 内容.
    #[serde(default)]
    pub body: String,
}

/// A new support record of a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSupportRecord {
    /// The client.
    pub client_id: ClientId,
    /// The details.
    #[serde(flatten)]
    pub details: SupportRecordDetails,
}

/// A support record as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SupportRecord {
    /// Id.
    pub id: SupportRecordId,
    /// Client.
    pub client_id: ClientId,
    /// 支援日.
    pub done_on: NaiveDate,
    /// Kind.
    pub kind: SupportKind,
    /// Purpose of an accompanied visit.
    pub purpose: Option<AccompanyPurpose>,
    /// Staff who did it.
    pub staff: Vec<StaffRef>,
    /// 所要時間（分）.
    pub minutes: Option<i64>,
    /// 生活支援の内容.
    pub life_topics: LifeTopics,
    /// 内容.
    pub body: String,
    /// Last change (UTC).
    pub updated_at: String,
}

/// A kind with its purpose: what the quick-entry form starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RecordKind {
    /// Kind.
    pub kind: SupportKind,
    /// Purpose, for an accompanied visit.
    pub purpose: Option<AccompanyPurpose>,
}

struct Valid {
    staff: Vec<StaffId>,
    minutes: Option<i64>,
    body: String,
}

fn validate(d: &SupportRecordDetails) -> Result<Valid> {
    past(fields::DONE_ON, d.done_on)?;
    match (d.kind, d.purpose) {
        (SupportKind::Accompany, None) => {
            return Err(CoreError::invalid(fields::PURPOSE, Problem::Empty))
        }
        (SupportKind::Accompany, Some(_)) | (_, None) => {}
        (_, Some(_)) => {
            return Err(CoreError::rule(
                "a purpose is only for accompanied visits",
                "同行の目的は、種類が「同行」の記録にのみ入力できます。",
            ))
        }
    }
    let mut staff = d.staff_ids.clone();
    staff.sort();
    staff.dedup();
    if staff.is_empty() {
        return Err(CoreError::invalid(fields::STAFF, Problem::Empty));
    }
    Ok(Valid {
        staff,
        minutes: check_minutes(d.minutes)?,
        body: multi_line(fields::BODY, &d.body, MAX_BODY_CHARS)?,
    })
}

fn write_staff(tx: &Tx<'_>, id: &SupportRecordId, staff: &[StaffId]) -> Result<()> {
    tx.conn()
        .execute(
            "DELETE FROM support_record_staff WHERE record_id = ?1",
            [id],
        )
        .db()?;
    for s in staff {
        check_staff(tx.conn(), s)?;
        tx.conn()
            .execute(
                "INSERT INTO support_record_staff (id, record_id, staff_id) VALUES (?1, ?2, ?3)",
                params![crate::ids::new_id(), id, s],
            )
            .db()?;
    }
    Ok(())
}

/// Records a support action for a client.
pub fn add_support_record(
    store: &mut Store,
    actor: &Session,
    new: &NewSupportRecord,
) -> Result<SupportRecordId> {
    let d = &new.details;
    let v = validate(d)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), &new.client_id)?;
        let id = SupportRecordId::new();
        tx.conn()
            .execute(
                "INSERT INTO support_records (id, client_id, done_on, kind, purpose, minutes,
                                              life_topics, body, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    id,
                    new.client_id,
                    d.done_on,
                    d.kind,
                    d.purpose,
                    v.minutes,
                    d.life_topics,
                    v.body,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        write_staff(tx, &id, &v.staff)?;
        tx.audit(
            "support_record.add",
            "support_record",
            Some(id.as_str()),
            &format!("{} record added (client {})", d.kind.as_db(), new.client_id),
        )?;
        Ok(id)
    })
}

/// Corrects a support record (every detail, staff included); audited.
pub fn correct_support_record(
    store: &mut Store,
    actor: &Session,
    id: &SupportRecordId,
    details: &SupportRecordDetails,
) -> Result<()> {
    let v = validate(details)?;
    store.write(actor, |tx| {
        let client: Option<ClientId> = tx
            .conn()
            .query_row(
                "SELECT client_id FROM support_records WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .db()?;
        let client = client.ok_or(CoreError::NotFound {
            what: fields::SUPPORT_RECORD,
        })?;
        tx.conn()
            .execute(
                "UPDATE support_records SET done_on = ?2, kind = ?3, purpose = ?4, minutes = ?5,
                        life_topics = ?6, body = ?7, updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                params![
                    id,
                    details.done_on,
                    details.kind,
                    details.purpose,
                    v.minutes,
                    details.life_topics,
                    v.body,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        write_staff(tx, id, &v.staff)?;
        tx.audit(
            "support_record.correct",
            "support_record",
            Some(id.as_str()),
            &format!("support record corrected (client {client})"),
        )
    })
}

pub(super) const LIST_SQL: &str =
    "SELECT r.id, r.client_id, r.done_on, r.kind, r.purpose, r.minutes, r.life_topics, r.body,
            r.updated_at,
            (SELECT group_concat(s.id || char(30) || s.name, char(31))
             FROM support_record_staff x JOIN staff s ON s.id = x.staff_id
             WHERE x.record_id = r.id)
     FROM support_records r
     WHERE r.client_id = ?1
     ORDER BY r.done_on DESC, r.id DESC";

fn staff_refs(joined: Option<String>) -> Vec<StaffRef> {
    let mut staff: Vec<StaffRef> = joined
        .unwrap_or_default()
        .split('\u{1F}')
        .filter_map(|pair| pair.split_once('\u{1E}'))
        .map(|(id, name)| StaffRef {
            id: StaffId(id.to_string()),
            name: name.to_string(),
        })
        .collect();
    staff.sort_by(|a, b| a.name.cmp(&b.name));
    staff
}

/// A client's support records, newest first; a read of the record, so audited.
pub fn list_support_records(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
) -> Result<Vec<SupportRecord>> {
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        let list = {
            let mut stmt = tx.conn().prepare(LIST_SQL).db()?;
            let rows = stmt
                .query_map([client_id], |r| {
                    Ok(SupportRecord {
                        id: r.get(0)?,
                        client_id: r.get(1)?,
                        done_on: r.get(2)?,
                        kind: r.get(3)?,
                        purpose: r.get(4)?,
                        minutes: r.get(5)?,
                        life_topics: r.get(6)?,
                        body: r.get(7)?,
                        updated_at: r.get(8)?,
                        staff: staff_refs(r.get(9)?),
                    })
                })
                .db()?;
            rows.collect::<rusqlite::Result<Vec<_>>>().db()?
        };
        tx.audit(
            "client.read",
            "client",
            Some(client_id.as_str()),
            "support records listed",
        )?;
        Ok(list)
    })
}

pub(super) const LAST_KIND_SQL: &str = "SELECT r.kind, r.purpose
     FROM support_record_staff x JOIN support_records r ON r.id = x.record_id
     WHERE x.staff_id = ?1
     ORDER BY r.id DESC LIMIT 1";

/// The kind (and purpose) of the support record this staff member entered last:
/// the quick-entry form's default.
pub fn last_record_kind(conn: &Connection, staff_id: &StaffId) -> Result<Option<RecordKind>> {
    conn.query_row(LAST_KIND_SQL, [staff_id], |r| {
        Ok(RecordKind {
            kind: r.get(0)?,
            purpose: r.get(1)?,
        })
    })
    .optional()
    .db()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn life_topics_round_trip_through_bits_and_lists() {
        let t: LifeTopics = vec![LifeTopic::Money, LifeTopic::Health].into();
        assert_eq!(t.bits(), 2 + 32);
        assert_eq!(t.topics(), vec![LifeTopic::Money, LifeTopic::Health]);
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"["money","health"]"#);
        let back: LifeTopics = serde_json::from_str(r#"["health","money"]"#).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn an_accompanied_visit_needs_a_purpose_and_others_refuse_one() {
        let mut d = SupportRecordDetails {
            done_on: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            kind: SupportKind::Accompany,
            purpose: None,
            staff_ids: vec![StaffId::new()],
            minutes: Some(90),
            life_topics: LifeTopics::default(),
            body: String::new(),
        };
        let e = validate(&d).err().unwrap();
        assert_eq!(e.message_ja(), "同行の目的を入力してください。");
        d.purpose = Some(AccompanyPurpose::Hospital);
        assert!(validate(&d).is_ok());
        d.kind = SupportKind::Phone;
        assert!(validate(&d).is_err());
    }
}
