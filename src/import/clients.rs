//! Client rows: 氏名, ふりがな, 生年月日 … 初回相談日 and, for registered clients, 利用登録日
//! and 支援段階. Each row goes through `create_client_in` (and `register_client_in`), so the
//! possible-duplicate check (kana + birth date) sees earlier rows of the same file too.

use std::collections::HashMap;

use rusqlite::Connection;

use super::columns::{Column, Row};
use super::{row_error, RowDone};
use crate::clients::{
    create_client_in, fields, register_client_in, CertificateKind, ClientProfile,
    DisabilityCategory, EmergencyContact, NewClient, Phase,
};
use crate::ids::StaffId;
use crate::store::{StoreError, Tx};
use crate::Result;

const NAME: &str = "氏名";
const KANA: &str = "ふりがな";
const BIRTH: &str = "生年月日";
const GENDER: &str = "性別";
const PHONE: &str = "電話番号";
const ADDRESS: &str = "住所";
const DISABILITIES: &str = "障害種別";
const CERTIFICATE: &str = "手帳の種類";
const GRADE: &str = "手帳の等級";
const FIRST_CONTACT: &str = "初回相談日";
const MAIN_STAFF: &str = "主担当";
const EMERGENCY_NAME: &str = "緊急連絡先氏名";
const EMERGENCY_RELATION: &str = "緊急連絡先続柄";
const EMERGENCY_PHONE: &str = "緊急連絡先電話番号";
const NOTES: &str = "備考";
const REGISTERED: &str = "利用登録日";
const PHASE: &str = "支援段階";

/// The columns of a client file.
pub(super) const COLUMNS: &[Column] = &[
    Column::new(NAME, &["名前", "利用者氏名", "相談者氏名"], true, &["name"]),
    Column::new(
        KANA,
        &[
            "フリガナ",
            "ふりがな(氏名)",
            "よみがな",
            "ヨミガナ",
            "カナ",
            "氏名カナ",
        ],
        true,
        &["kana"],
    ),
    Column::new(BIRTH, &["誕生日"], false, &["birth_date"]),
    Column::new(GENDER, &[], false, &["gender"]),
    Column::new(PHONE, &["電話", "TEL"], false, &["phone"]),
    Column::new(ADDRESS, &[], false, &["address"]),
    Column::new(
        DISABILITIES,
        &["障害", "障がい種別", "障害の種別"],
        false,
        &[],
    ),
    Column::new(CERTIFICATE, &["手帳", "障害者手帳"], false, &[]),
    Column::new(GRADE, &["等級", "手帳等級"], false, &["certificate_grade"]),
    Column::new(
        FIRST_CONTACT,
        &["初回相談", "相談日"],
        true,
        &["first_contact_on"],
    ),
    Column::new(
        MAIN_STAFF,
        &["担当", "担当職員", "主担当職員"],
        false,
        &["staff"],
    ),
    Column::new(
        EMERGENCY_NAME,
        &["緊急連絡先", "緊急連絡先の氏名"],
        false,
        &["emergency_name"],
    ),
    Column::new(
        EMERGENCY_RELATION,
        &["続柄", "緊急連絡先の続柄"],
        false,
        &["emergency_relation"],
    ),
    Column::new(
        EMERGENCY_PHONE,
        &["緊急連絡先電話", "緊急連絡先の電話番号"],
        false,
        &["emergency_phone"],
    ),
    Column::new(NOTES, &["メモ"], false, &["notes"]),
    Column::new(REGISTERED, &["登録日"], false, &["registered_on"]),
    Column::new(PHASE, &["段階"], false, &["phase"]),
];

const DISABILITY_CHOICES: &[(DisabilityCategory, &[&str])] = &[
    (
        DisabilityCategory::Physical,
        &["身体", "身体障害", "physical"],
    ),
    (
        DisabilityCategory::Intellectual,
        &["知的", "知的障害", "intellectual"],
    ),
    (DisabilityCategory::Mental, &["精神", "精神障害", "mental"]),
    (
        DisabilityCategory::Developmental,
        &["発達", "発達障害", "developmental"],
    ),
    (
        DisabilityCategory::BrainInjury,
        &["高次脳機能", "高次脳機能障害", "brain_injury"],
    ),
    (DisabilityCategory::Intractable, &["難病", "intractable"]),
    (DisabilityCategory::Other, &["その他", "other"]),
];

const CERTIFICATE_CHOICES: &[(CertificateKind, &[&str])] = &[
    (CertificateKind::None, &["なし", "無", "-", "none"]),
    (
        CertificateKind::Physical,
        &["身体障害者手帳", "身体", "physical"],
    ),
    (
        CertificateKind::Intellectual,
        &[
            "愛の手帳",
            "療育手帳",
            "愛の手帳（療育手帳）",
            "知的",
            "intellectual",
        ],
    ),
    (
        CertificateKind::Mental,
        &["精神障害者保健福祉手帳", "精神", "mental"],
    ),
];

const PHASE_CHOICES: &[(Phase, &[&str])] = &[
    (Phase::Preparing, &["職業準備支援", "準備", "preparing"]),
    (Phase::Seeking, &["求職活動", "求職", "seeking"]),
    (Phase::Employed, &["就労中", "employed"]),
    (Phase::OnLeave, &["休職中", "休職", "on_leave"]),
    (Phase::Separated, &["離職後", "離職", "separated"]),
];

/// Staff found by name, loaded once per import.
pub(super) struct Context {
    staff_by_name: HashMap<String, Vec<StaffId>>,
}

/// A staff name as compared: NFKC, no spaces.
fn staff_key(name: &str) -> String {
    crate::text::nfkc(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl Context {
    pub(super) fn load(conn: &Connection) -> Result<Self> {
        let mut stmt = conn
            .prepare("SELECT id, name FROM staff")
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, StaffId>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(StoreError::from)?;
        let mut staff_by_name: HashMap<String, Vec<StaffId>> = HashMap::new();
        for row in rows {
            let (id, name) = row.map_err(StoreError::from)?;
            staff_by_name.entry(staff_key(&name)).or_default().push(id);
        }
        Ok(Context { staff_by_name })
    }

    fn staff(&self, row: &mut Row<'_>) -> Option<StaffId> {
        let name = row.text(MAIN_STAFF);
        if name.trim().is_empty() {
            return None;
        }
        match self.staff_by_name.get(&staff_key(&name)).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            Some([_, _, ..]) => {
                row.problem(
                    MAIN_STAFF,
                    "同じ名前の職員が複数います。職員の画面で名前を区別してください。",
                );
                None
            }
            _ => {
                row.problem(
                    MAIN_STAFF,
                    "この名前の職員が登録されていません。職員の画面の氏名と同じにしてください。",
                );
                None
            }
        }
    }
}

/// Reads one client row and creates the client (and its registration) inside `tx`.
pub(super) fn import_row(
    tx: &mut Tx<'_>,
    ctx: &Context,
    row: &mut Row<'_>,
) -> Result<Option<RowDone>> {
    let birth_date = row.date(BIRTH, fields::BIRTH_DATE);
    let first_contact_on = row.date(FIRST_CONTACT, fields::FIRST_CONTACT_ON);
    let registered_on = row.date(REGISTERED, fields::REGISTERED_ON);
    let disabilities = row.choices(DISABILITIES, DISABILITY_CHOICES);
    let certificate_kind = row.choice(CERTIFICATE, CERTIFICATE_CHOICES);
    let phase = row.choice(PHASE, PHASE_CHOICES);
    let main_staff_id = ctx.staff(row);
    if phase.is_some() && registered_on.is_none() && row.text(REGISTERED).trim().is_empty() {
        row.problem(PHASE, "支援段階は利用登録日とあわせて入力してください。");
    }
    if !row.problems.is_empty() {
        return Ok(None);
    }
    let new = NewClient {
        profile: ClientProfile {
            name: row.text(NAME),
            kana: row.text(KANA),
            birth_date,
            gender: row.text(GENDER),
            phone: row.text(PHONE),
            address: row.text(ADDRESS),
            disabilities,
            certificate_kind,
            certificate_grade: row.text(GRADE),
            emergency: EmergencyContact {
                name: row.text(EMERGENCY_NAME),
                relation: row.text(EMERGENCY_RELATION),
                phone: row.text(EMERGENCY_PHONE),
            },
            notes: row.text(NOTES),
        },
        first_contact_on,
        main_staff_id,
    };
    let created = match create_client_in(tx, &new) {
        Ok(created) => created,
        Err(e) => {
            row_error(row, e)?;
            return Ok(None);
        }
    };
    if let Some(registered_on) = registered_on {
        let phase = phase.unwrap_or(Phase::Preparing);
        if let Err(e) = register_client_in(tx, &created.id, registered_on, phase) {
            row_error(row, e)?;
            return Ok(None);
        }
    }
    Ok(Some(RowDone {
        id: created.id.to_string(),
        duplicates_of: created
            .possible_duplicates
            .into_iter()
            .map(|c| c.id.to_string())
            .collect(),
    }))
}
