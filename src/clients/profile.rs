//! A client's profile: the checked input shared by create and update, the update
//! itself, and the full record as the profile page shows it (an audited read).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::attachments::{attachments_of, AttachmentMeta};
use super::flags::{active_flags, ClientFlag};
use super::links::{consents_of, partners_of, sub_staff_of, ClientPartner, Consent};
use super::search::search_key;
use super::{
    fields, optional_line, past_date, require_client, status_of, CertificateKind, ClientStatus, Db,
    DisabilityCategory, Phase, StaffRef,
};
use crate::error::Problem;
use crate::ids::{ClientId, RegistrationId};
use crate::session::Session;
use crate::store::{Store, Tx};
use crate::text::{multi_line, single_line};
use crate::{CoreError, Result};

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 50;
/// Longest kana, in characters.
pub const MAX_KANA_CHARS: usize = 100;

/// Who to call in an emergency (緊急連絡先); all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmergencyContact {
    /// Name.
    pub name: String,
    /// Relation (続柄), e.g. 母.
    pub relation: String,
    /// Phone.
    pub phone: String,
}

/// A client's profile as typed by staff (create and update).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientProfile {
    /// 氏名 (required).
    pub name: String,
    /// ふりがな (required; hiragana or katakana, half-width accepted).
    pub kana: String,
    /// 生年月日.
    pub birth_date: Option<NaiveDate>,
    /// 性別, as the person states it.
    pub gender: String,
    /// 電話番号.
    pub phone: String,
    /// 住所.
    pub address: String,
    /// 障害種別 (several allowed).
    pub disabilities: Vec<DisabilityCategory>,
    /// 手帳の種類.
    pub certificate_kind: Option<CertificateKind>,
    /// 手帳の等級 (e.g. 2級, 4度); cleared when there is no certificate.
    pub certificate_grade: String,
    /// 緊急連絡先.
    pub emergency: EmergencyContact,
    /// 備考.
    pub notes: String,
}

/// A profile that passed every check, ready to store.
pub(super) struct ValidProfile {
    pub name: String,
    pub kana: String,
    pub search_key: String,
    pub birth_date: Option<NaiveDate>,
    pub gender: String,
    pub phone: String,
    pub address: String,
    pub disabilities: Vec<DisabilityCategory>,
    pub certificate_kind: CertificateKind,
    pub certificate_grade: String,
    pub emergency: EmergencyContact,
    pub notes: String,
}

/// Checks a profile; nothing is written when any field is refused.
pub(super) fn validate(p: &ClientProfile) -> Result<ValidProfile> {
    let name = single_line(fields::NAME, &p.name, MAX_NAME_CHARS)?;
    let kana = validate_kana(&p.kana)?;
    let birth_date = p
        .birth_date
        .map(|d| past_date(fields::BIRTH_DATE, d))
        .transpose()?;
    let certificate_kind = p.certificate_kind.unwrap_or(CertificateKind::None);
    let certificate_grade = match certificate_kind {
        CertificateKind::None => String::new(),
        _ => optional_line(fields::CERTIFICATE_GRADE, &p.certificate_grade, 20)?,
    };
    let mut disabilities = p.disabilities.clone();
    disabilities.sort();
    disabilities.dedup();
    Ok(ValidProfile {
        search_key: search_key(&name, &kana),
        name,
        kana,
        birth_date,
        gender: optional_line(fields::GENDER, &p.gender, 20)?,
        phone: optional_line(fields::PHONE, &p.phone, 30)?,
        address: optional_line(fields::ADDRESS, &p.address, 200)?,
        disabilities,
        certificate_kind,
        certificate_grade,
        emergency: EmergencyContact {
            name: optional_line(fields::EMERGENCY_NAME, &p.emergency.name, MAX_NAME_CHARS)?,
            relation: optional_line(fields::EMERGENCY_RELATION, &p.emergency.relation, 20)?,
            phone: optional_line(fields::EMERGENCY_PHONE, &p.emergency.phone, 30)?,
        },
        notes: multi_line(fields::NOTES, &p.notes, 4000)?,
    })
}

/// Kana as stored: NFKC (half-width katakana become full-width), runs of spaces
/// made one; only kana, ー, ・ and spaces allowed.
fn validate_kana(input: &str) -> Result<String> {
    let checked = single_line(fields::KANA, input, MAX_KANA_CHARS)?;
    let folded = crate::text::nfkc(&checked);
    let kana = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let is_kana = |c: char| {
        matches!(c, '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' | '\u{30A1}'..='\u{30FA}'
            | '\u{30FB}'..='\u{30FE}' | ' ')
    };
    if !kana.chars().all(is_kana) {
        return Err(CoreError::invalid(
            fields::KANA,
            Problem::Format("use hiragana or katakana"),
        ));
    }
    Ok(kana)
}

/// Stores a checked profile on an existing client row and replaces its disabilities.
pub(super) fn write_profile(tx: &Tx<'_>, id: &ClientId, p: &ValidProfile) -> Result<()> {
    let conn = tx.conn();
    conn.execute(
        "UPDATE clients SET name = ?2, kana = ?3, search_key = ?4, birth_date = ?5, gender = ?6,
                phone = ?7, address = ?8, certificate_kind = ?9, certificate_grade = ?10,
                emergency_name = ?11, emergency_relation = ?12, emergency_phone = ?13,
                notes = ?14, updated_at = ?15, updated_by = ?16
         WHERE id = ?1",
        params![
            id,
            p.name,
            p.kana,
            p.search_key,
            p.birth_date,
            p.gender,
            p.phone,
            p.address,
            p.certificate_kind,
            p.certificate_grade,
            p.emergency.name,
            p.emergency.relation,
            p.emergency.phone,
            p.notes,
            tx.now(),
            tx.actor().user_id()
        ],
    )
    .db()?;
    conn.execute("DELETE FROM client_disabilities WHERE client_id = ?1", [id])
        .db()?;
    for category in &p.disabilities {
        conn.execute(
            "INSERT INTO client_disabilities (id, client_id, category, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                crate::ids::new_id(),
                id,
                category,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .db()?;
    }
    Ok(())
}

/// Changes a client's profile (name, kana, birth date, disabilities, certificate,
/// contacts, notes); the search key follows.
pub fn update_client(
    store: &mut Store,
    actor: &Session,
    id: &ClientId,
    profile: &ClientProfile,
) -> Result<()> {
    let valid = validate(profile)?;
    store.write(actor, |tx| {
        require_client(tx.conn(), id)?;
        write_profile(tx, id, &valid)?;
        tx.audit(
            "client.update",
            "client",
            Some(id.as_str()),
            "profile updated",
        )
    })
}

/// One registration period (利用登録期間).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// Id.
    pub id: RegistrationId,
    /// 利用登録日.
    pub registered_on: NaiveDate,
    /// 登録終了日.
    pub closed_on: Option<NaiveDate>,
    /// 登録終了の理由.
    pub close_reason: String,
}

/// A client's full record, as the profile page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientRecord {
    /// Id.
    pub id: ClientId,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// 生年月日.
    pub birth_date: Option<NaiveDate>,
    /// 性別.
    pub gender: String,
    /// 電話番号.
    pub phone: String,
    /// 住所.
    pub address: String,
    /// 初回相談日: the earlier of the date entered and the first consultation.
    pub first_contact_on: NaiveDate,
    /// Derived status.
    pub status: ClientStatus,
    /// Phase shown (registered only; `employed` derived).
    pub phase: Option<Phase>,
    /// Registration periods, oldest first.
    pub registrations: Vec<Registration>,
    /// 障害種別.
    pub disabilities: Vec<DisabilityCategory>,
    /// 手帳の種類.
    pub certificate_kind: CertificateKind,
    /// 手帳の等級.
    pub certificate_grade: String,
    /// 緊急連絡先.
    pub emergency: EmergencyContact,
    /// 備考.
    pub notes: String,
    /// 主担当.
    pub main_staff: Option<StaffRef>,
    /// 副担当.
    pub sub_staff: Vec<StaffRef>,
    /// 関係機関 involved now.
    pub partners: Vec<ClientPartner>,
    /// 関係機関 once involved, latest end first.
    pub past_partners: Vec<ClientPartner>,
    /// Consents to share information, newest first.
    pub consents: Vec<Consent>,
    /// Active flags.
    pub flags: Vec<ClientFlag>,
    /// Attachments (metadata only).
    pub attachments: Vec<AttachmentMeta>,
    /// Last change (UTC).
    pub updated_at: String,
}

/// A client's full record; reading it is written to the audit log (`client.read`).
pub fn get_client(store: &mut Store, actor: &Session, id: &ClientId) -> Result<ClientRecord> {
    store.write(actor, |tx| {
        let record = load_record(tx.conn(), id)?;
        tx.audit("client.read", "client", Some(id.as_str()), "record viewed")?;
        Ok(record)
    })
}

fn load_record(conn: &Connection, id: &ClientId) -> Result<ClientRecord> {
    let mut record = conn
        .query_row(
            "SELECT c.id, c.name, c.kana, c.birth_date, c.gender, c.phone, c.address,
                    c.first_contact_on, c.certificate_kind, c.certificate_grade, c.emergency_name,
                    c.emergency_relation, c.emergency_phone, c.notes, c.updated_at,
                    c.main_staff_id, s.name, c.phase,
                    EXISTS (SELECT 1 FROM employments e WHERE e.client_id = c.id
                            AND e.started_on <= ?2 AND (e.ended_on IS NULL OR e.ended_on > ?2))
             FROM clients c LEFT JOIN staff s ON s.id = c.main_staff_id
             WHERE c.id = ?1",
            params![id, super::today()],
            |r| {
                let main_staff = match (r.get(15)?, r.get(16)?) {
                    (Some(id), Some(name)) => Some(StaffRef { id, name }),
                    _ => None,
                };
                let stored: Option<Phase> = r.get(17)?;
                let employed: bool = r.get(18)?;
                let record = ClientRecord {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kana: r.get(2)?,
                    birth_date: r.get(3)?,
                    gender: r.get(4)?,
                    phone: r.get(5)?,
                    address: r.get(6)?,
                    first_contact_on: r.get(7)?,
                    status: ClientStatus::Inquiry,
                    phase: if employed {
                        Some(Phase::Employed)
                    } else {
                        stored
                    },
                    registrations: Vec::new(),
                    disabilities: Vec::new(),
                    certificate_kind: r.get(8)?,
                    certificate_grade: r.get(9)?,
                    emergency: EmergencyContact {
                        name: r.get(10)?,
                        relation: r.get(11)?,
                        phone: r.get(12)?,
                    },
                    notes: r.get(13)?,
                    main_staff,
                    sub_staff: Vec::new(),
                    partners: Vec::new(),
                    past_partners: Vec::new(),
                    consents: Vec::new(),
                    flags: Vec::new(),
                    attachments: Vec::new(),
                    updated_at: r.get(14)?,
                };
                Ok(record)
            },
        )
        .optional()
        .db()?
        .ok_or(CoreError::NotFound {
            what: fields::CLIENT,
        })?;
    record.status = status_of(conn, id)?;
    if record.status != ClientStatus::Registered {
        record.phase = None;
    }
    record.registrations = registrations_of(conn, id)?;
    record.disabilities = disabilities_of(conn, id)?;
    record.sub_staff = sub_staff_of(conn, id)?;
    (record.partners, record.past_partners) = partners_of(conn, id)?;
    record.consents = consents_of(conn, id)?;
    record.flags = active_flags(conn, id)?;
    record.attachments = attachments_of(conn, id)?;
    Ok(record)
}

/// A client's registration periods, oldest first.
pub(super) fn registrations_of(conn: &Connection, id: &ClientId) -> Result<Vec<Registration>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, registered_on, closed_on, close_reason FROM client_registrations
             WHERE client_id = ?1 ORDER BY registered_on, id",
        )
        .db()?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(Registration {
                id: r.get(0)?,
                registered_on: r.get(1)?,
                closed_on: r.get(2)?,
                close_reason: r.get(3)?,
            })
        })
        .db()?;
    rows.collect::<rusqlite::Result<_>>().db()
}

fn disabilities_of(conn: &Connection, id: &ClientId) -> Result<Vec<DisabilityCategory>> {
    let mut stmt = conn
        .prepare("SELECT category FROM client_disabilities WHERE client_id = ?1")
        .db()?;
    let rows = stmt.query_map([id], |r| r.get(0)).db()?;
    let mut all: Vec<DisabilityCategory> = rows.collect::<rusqlite::Result<_>>().db()?;
    all.sort();
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_is_stored_full_width_with_single_spaces() {
        assert_eq!(validate_kana("ﾔﾏﾀﾞ  ﾀﾛｳ").unwrap(), "ヤマダ タロウ");
        assert_eq!(validate_kana("やまだ　たろう").unwrap(), "やまだ たろう");
    }

    #[test]
    fn kanji_or_latin_in_kana_is_refused() {
        let e = validate_kana("山田").unwrap_err();
        assert_eq!(e.message_ja(), "ふりがなの形式が正しくありません。");
        assert!(validate_kana("yamada").is_err());
    }
}
