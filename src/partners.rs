//! Partner organizations (関係機関), in the categories of the plan's 連携体制 list:
//! created, corrected, listed by category or liaison-meeting membership, and retired
//! rather than deleted, because clients, consents and meetings refer to them.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clients::{optional_line, Db};
use crate::ids::PartnerId;
use crate::session::Session;
use crate::store::{Store, Tx};
use crate::text::{multi_line, single_line};
use crate::{CoreError, Result};

/// Fields of a partner, named for messages.
pub mod fields {
    use crate::error::Field;
    /// 関係機関.
    pub const PARTNER: Field = Field::new("partner", "関係機関");
    /// 機関名.
    pub const NAME: Field = Field::new("partner_name", "機関名");
    /// サービス種別.
    pub const SERVICE_TYPE: Field = Field::new("service_type", "サービス種別");
    /// 担当者.
    pub const CONTACT_PERSON: Field = Field::new("contact_person", "担当者");
    /// 電話番号.
    pub const PHONE: Field = Field::new("phone", "電話番号");
    /// 住所.
    pub const ADDRESS: Field = Field::new("address", "住所");
    /// 備考.
    pub const NOTES: Field = Field::new("notes", "備考");
}

crate::db_enum!(
    /// Category of a partner, following the plan's 連携体制 (items 1–14).
    PartnerCategory {
        /// 1) 小平市役所、小平市地域自立支援協議会.
        CityOffice = "city_office" / "市役所・地域自立支援協議会",
        /// 2) 障害福祉サービス事業所 (就労移行支援, 就労定着支援, …).
        WelfareProvider = "welfare_provider" / "障害福祉サービス事業所",
        /// 3) 地域生活支援センター.
        CommunityLifeSupport = "community_life_support" / "地域生活支援センター",
        /// 4) 商工会.
        ChamberOfCommerce = "chamber_of_commerce" / "商工会",
        /// 5) 権利擁護センター・NPO法人.
        Advocacy = "advocacy" / "権利擁護機関",
        /// 6) ハローワーク.
        JobCentre = "job_centre" / "ハローワーク",
        /// 7) 障害者職業センター.
        VocationalCentre = "vocational_centre" / "障害者職業センター",
        /// 8) 登録者就労先企業・事業所.
        Employer = "employer" / "就労先企業・事業所",
        /// 9) 特別支援学校・定時制高校・サポート校などの教育機関.
        School = "school" / "教育機関",
        /// 10) 精神保健福祉センター・保健所.
        HealthCentre = "health_centre" / "精神保健福祉センター・保健所",
        /// 11) 医療機関.
        Hospital = "hospital" / "医療機関",
        /// 12) 就業・生活支援センター及び就労・生活支援センター.
        SupportCentre = "support_centre" / "就業・生活支援センター",
        /// 13) 職業訓練校.
        TrainingSchool = "training_school" / "職業訓練校",
        /// 14) その他個別の支援に必要な機関.
        Other = "other" / "その他の機関",
    }
);

/// A partner as typed by staff (create and update).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerInput {
    /// 機関名 (required).
    pub name: String,
    /// Category.
    pub category: PartnerCategory,
    /// サービス種別, e.g. 就労定着支援.
    #[serde(default)]
    pub service_type: String,
    /// 担当者.
    #[serde(default)]
    pub contact_person: String,
    /// 電話番号.
    #[serde(default)]
    pub phone: String,
    /// 住所.
    #[serde(default)]
    pub address: String,
    /// A member of ほっと就労支援連絡会.
    #[serde(default)]
    pub liaison_member: bool,
    /// 備考.
    #[serde(default)]
    pub notes: String,
}

/// A partner as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Partner {
    /// Id.
    pub id: PartnerId,
    /// 機関名.
    pub name: String,
    /// Category.
    pub category: PartnerCategory,
    /// サービス種別.
    pub service_type: String,
    /// 担当者.
    pub contact_person: String,
    /// 電話番号.
    pub phone: String,
    /// 住所.
    pub address: String,
    /// A member of the liaison meeting.
    pub liaison_member: bool,
    /// 備考.
    pub notes: String,
    /// False once retired.
    pub active: bool,
}

/// Which partners to list; the default lists every active one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnerFilter {
    /// Only this category.
    pub category: Option<PartnerCategory>,
    /// Only liaison-meeting members (`Some(true)`) or non-members (`Some(false)`).
    pub liaison_member: Option<bool>,
    /// Retired partners too.
    pub include_retired: bool,
}

struct Valid {
    name: String,
    service_type: String,
    contact_person: String,
    phone: String,
    address: String,
    notes: String,
}

fn validate(input: &PartnerInput) -> Result<Valid> {
    Ok(Valid {
        name: single_line(fields::NAME, &input.name, 100)?,
        service_type: optional_line(fields::SERVICE_TYPE, &input.service_type, 50)?,
        contact_person: optional_line(fields::CONTACT_PERSON, &input.contact_person, 50)?,
        phone: optional_line(fields::PHONE, &input.phone, 30)?,
        address: optional_line(fields::ADDRESS, &input.address, 200)?,
        notes: multi_line(fields::NOTES, &input.notes, 2000)?,
    })
}

fn name_taken(conn: &Connection, name: &str, except: Option<&PartnerId>) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM partners WHERE name = ?1 AND id IS NOT ?2)",
        params![name, except],
        |r| r.get(0),
    )
    .db()
}

fn duplicate_name() -> CoreError {
    CoreError::Duplicate { what: fields::NAME }
}

/// Adds a partner organization.
pub fn create_partner(
    store: &mut Store,
    actor: &Session,
    input: &PartnerInput,
) -> Result<PartnerId> {
    let v = validate(input)?;
    store.write(actor, |tx| insert_partner(tx, input, &v))
}

/// [`create_partner`] inside a write that is already open (the CSV import).
pub(crate) fn create_partner_in(tx: &mut Tx<'_>, input: &PartnerInput) -> Result<PartnerId> {
    let v = validate(input)?;
    insert_partner(tx, input, &v)
}

fn insert_partner(tx: &mut Tx<'_>, input: &PartnerInput, v: &Valid) -> Result<PartnerId> {
    if name_taken(tx.conn(), &v.name, None)? {
        return Err(duplicate_name());
    }
    let id = PartnerId::new();
    tx.conn()
        .execute(
            "INSERT INTO partners (id, name, category, service_type, contact_person, phone,
                                   address, liaison_member, notes, active, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11)",
            params![
                id,
                v.name,
                input.category,
                v.service_type,
                v.contact_person,
                v.phone,
                v.address,
                input.liaison_member,
                v.notes,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .db()?;
    tx.audit(
        "partner.create",
        "partner",
        Some(id.as_str()),
        &format!("partner added in category {}", input.category.as_db()),
    )?;
    Ok(id)
}

/// Corrects a partner's details.
pub fn update_partner(
    store: &mut Store,
    actor: &Session,
    id: &PartnerId,
    input: &PartnerInput,
) -> Result<()> {
    let v = validate(input)?;
    store.write(actor, |tx| {
        if name_taken(tx.conn(), &v.name, Some(id))? {
            return Err(duplicate_name());
        }
        let changed = tx
            .conn()
            .execute(
                "UPDATE partners SET name = ?2, category = ?3, service_type = ?4, contact_person = ?5,
                        phone = ?6, address = ?7, liaison_member = ?8, notes = ?9,
                        updated_at = ?10, updated_by = ?11
                 WHERE id = ?1",
                params![
                    id,
                    v.name,
                    input.category,
                    v.service_type,
                    v.contact_person,
                    v.phone,
                    v.address,
                    input.liaison_member,
                    v.notes,
                    tx.now(),
                    tx.actor().user_id()
                ],
            )
            .db()?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: fields::PARTNER,
            });
        }
        tx.audit("partner.update", "partner", Some(id.as_str()), "partner updated")
    })
}

/// Retires a partner (kept for old records, no longer offered) or brings it back.
pub fn set_partner_active(
    store: &mut Store,
    actor: &Session,
    id: &PartnerId,
    active: bool,
) -> Result<()> {
    store.write(actor, |tx| {
        let changed = tx
            .conn()
            .execute(
                "UPDATE partners SET active = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![id, active, tx.now(), tx.actor().user_id()],
            )
            .db()?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: fields::PARTNER,
            });
        }
        let summary = if active {
            "partner restored"
        } else {
            "partner retired"
        };
        tx.audit("partner.active", "partner", Some(id.as_str()), summary)
    })
}

/// Retires a partner: shorthand for [`set_partner_active`] with `false`.
pub fn deactivate_partner(store: &mut Store, actor: &Session, id: &PartnerId) -> Result<()> {
    set_partner_active(store, actor, id, false)
}

const SELECT_PARTNER: &str = "SELECT id, name, category, service_type, contact_person, phone,
        address, liaison_member, notes, active FROM partners";

fn partner(r: &rusqlite::Row<'_>) -> rusqlite::Result<Partner> {
    Ok(Partner {
        id: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        service_type: r.get(3)?,
        contact_person: r.get(4)?,
        phone: r.get(5)?,
        address: r.get(6)?,
        liaison_member: r.get(7)?,
        notes: r.get(8)?,
        active: r.get(9)?,
    })
}

/// One partner.
pub fn get_partner(store: &Store, actor: &Session, id: &PartnerId) -> Result<Partner> {
    store.read(actor, |conn| {
        conn.query_row(&format!("{SELECT_PARTNER} WHERE id = ?1"), [id], partner)
            .optional()
            .db()?
            .ok_or(CoreError::NotFound {
                what: fields::PARTNER,
            })
    })
}

/// Partners in the plan's category order, then by name.
pub fn list_partners(
    store: &Store,
    actor: &Session,
    filter: &PartnerFilter,
) -> Result<Vec<Partner>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(&format!(
                "{SELECT_PARTNER}
                 WHERE (?1 IS NULL OR category = ?1)
                   AND (?2 IS NULL OR liaison_member = ?2)
                   AND (active = 1 OR ?3)
                 ORDER BY name"
            ))
            .db()?;
        let rows = stmt
            .query_map(
                params![
                    filter.category,
                    filter.liaison_member,
                    filter.include_retired
                ],
                partner,
            )
            .db()?;
        let mut all: Vec<Partner> = rows.collect::<rusqlite::Result<_>>().db()?;
        let order = |c: PartnerCategory| PartnerCategory::ALL.iter().position(|&x| x == c);
        all.sort_by_key(|p| order(p.category));
        Ok(all)
    })
}
