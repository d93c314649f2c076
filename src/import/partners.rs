//! Partner rows: 機関名, 分類 (the plan's 連携体制 categories), サービス種別, 担当者, 電話番号,
//! 住所, 連絡会, 備考, through `create_partner_in`: a name already taken, in the database or
//! earlier in the file, is refused as the form refuses it.

use super::columns::{Column, Row};
use super::{row_error, RowDone};
use crate::partners::{create_partner_in, PartnerCategory, PartnerInput};
use crate::store::Tx;
use crate::Result;

const NAME: &str = "機関名";
const CATEGORY: &str = "分類";
const SERVICE: &str = "サービス種別";
const CONTACT: &str = "担当者";
const PHONE: &str = "電話番号";
const ADDRESS: &str = "住所";
const LIAISON: &str = "連絡会";
const NOTES: &str = "備考";

/// The columns of a partner file.
pub(super) const COLUMNS: &[Column] = &[
    Column::new(
        NAME,
        &["関係機関名", "名称", "機関"],
        true,
        &["partner_name"],
    ),
    Column::new(
        CATEGORY,
        &["種別", "区分", "カテゴリ", "機関の分類"],
        true,
        &[],
    ),
    Column::new(SERVICE, &[], false, &["service_type"]),
    Column::new(CONTACT, &["先方の担当者"], false, &["contact_person"]),
    Column::new(PHONE, &["電話", "TEL"], false, &["phone"]),
    Column::new(ADDRESS, &["所在地"], false, &["address"]),
    Column::new(LIAISON, &["連絡会会員", "就労支援連絡会"], false, &[]),
    Column::new(NOTES, &["メモ"], false, &["notes"]),
];

const CATEGORY_CHOICES: &[(PartnerCategory, &[&str])] = &[
    (
        PartnerCategory::CityOffice,
        &[
            "市役所・地域自立支援協議会",
            "市役所",
            "地域自立支援協議会",
            "city_office",
        ],
    ),
    (
        PartnerCategory::WelfareProvider,
        &[
            "障害福祉サービス事業所",
            "福祉サービス事業所",
            "welfare_provider",
        ],
    ),
    (
        PartnerCategory::CommunityLifeSupport,
        &["地域生活支援センター", "community_life_support"],
    ),
    (
        PartnerCategory::ChamberOfCommerce,
        &["商工会", "chamber_of_commerce"],
    ),
    (
        PartnerCategory::Advocacy,
        &["権利擁護機関", "権利擁護センター", "NPO法人", "advocacy"],
    ),
    (PartnerCategory::JobCentre, &["ハローワーク", "job_centre"]),
    (
        PartnerCategory::VocationalCentre,
        &["障害者職業センター", "職業センター", "vocational_centre"],
    ),
    (
        PartnerCategory::Employer,
        &["就労先企業・事業所", "企業", "employer"],
    ),
    (
        PartnerCategory::School,
        &["教育機関", "特別支援学校", "学校", "school"],
    ),
    (
        PartnerCategory::HealthCentre,
        &[
            "精神保健福祉センター・保健所",
            "保健所",
            "精神保健福祉センター",
            "health_centre",
        ],
    ),
    (
        PartnerCategory::Hospital,
        &["医療機関", "病院", "クリニック", "hospital"],
    ),
    (
        PartnerCategory::SupportCentre,
        &[
            "就業・生活支援センター",
            "就労・生活支援センター",
            "support_centre",
        ],
    ),
    (
        PartnerCategory::TrainingSchool,
        &["職業訓練校", "training_school"],
    ),
    (PartnerCategory::Other, &["その他の機関", "その他", "other"]),
];

/// Reads one partner row and adds the partner inside `tx`.
pub(super) fn import_row(tx: &mut Tx<'_>, row: &mut Row<'_>) -> Result<Option<RowDone>> {
    let category = row.choice(CATEGORY, CATEGORY_CHOICES);
    let liaison_member = row.yes_no(LIAISON);
    if category.is_none() && row.text(CATEGORY).trim().is_empty() {
        row.problem(CATEGORY, "分類を入力してください。");
    }
    let Some(category) = category else {
        return Ok(None);
    };
    if !row.problems.is_empty() {
        return Ok(None);
    }
    let input = PartnerInput {
        name: row.text(NAME),
        category,
        service_type: row.text(SERVICE),
        contact_person: row.text(CONTACT),
        phone: row.text(PHONE),
        address: row.text(ADDRESS),
        liaison_member: liaison_member.unwrap_or(false),
        notes: row.text(NOTES),
    };
    match create_partner_in(tx, &input) {
        Ok(id) => Ok(Some(RowDone {
            id: id.to_string(),
            duplicates_of: Vec::new(),
        })),
        Err(e) => {
            row_error(row, e)?;
            Ok(None)
        }
    }
}
