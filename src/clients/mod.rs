//! Clients (相談者・利用登録者): who they are, where they stand in the lifecycle
//! (inquiry → registered → phase → closed, DOMAIN.md › Client lifecycle), who serves
//! them, and what is flagged or attached. Status and the `employed` phase are derived.

mod attachments;
mod flags;
mod lifecycle;
mod links;
mod paging;
mod plans;
mod profile;
mod search;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Field;
use crate::ids::{ClientId, StaffId};
use crate::store::StoreError;
use crate::{CoreError, Result};

pub use attachments::{
    add_attachment, delete_attachment, list_attachments, open_attachment, AttachmentContent,
    AttachmentMeta, MAX_ATTACHMENT_BYTES,
};
pub use flags::{
    add_flag_kind, clear_flag, ensure_default_flag_kinds, list_flag_kinds, rename_flag_kind,
    seed_default_flag_kinds, set_flag, set_flag_kind_active, ClientFlag, FlagKind,
    DEFAULT_FLAG_KINDS,
};
pub use lifecycle::{
    close_client, create_client, register_client, reopen_client, set_phase, CreatedClient,
    NewClient,
};
pub(crate) use lifecycle::{create_client_in, register_client_in};
pub use links::{
    add_consent, add_sub_staff, end_partner_link, link_partner, remove_sub_staff, set_main_staff,
    withdraw_consent, ClientPartner, Consent, NewConsent,
};
pub(crate) use paging::ClientKeys;
pub use paging::{list_clients_page, search_clients_page, ClientPage, MAX_PAGE_ROWS};
pub(crate) use plans::explain;
pub use plans::{query_plans, QueryPlan};
pub use profile::{
    get_client, update_client, ClientProfile, ClientRecord, EmergencyContact, Registration,
};
pub use search::{
    list_clients, normalise_for_search, possible_duplicates, search_clients, search_key,
    ClientFilter, StaffFilter,
};

/// Fields of clients and what hangs on them, named for messages.
pub mod fields {
    use crate::error::Field;
    /// 相談者 (the record itself).
    pub const CLIENT: Field = Field::new("client", "相談者");
    /// 氏名.
    pub const NAME: Field = Field::new("name", "氏名");
    /// ふりがな.
    pub const KANA: Field = Field::new("kana", "ふりがな");
    /// 生年月日.
    pub const BIRTH_DATE: Field = Field::new("birth_date", "生年月日");
    /// 性別.
    pub const GENDER: Field = Field::new("gender", "性別");
    /// 電話番号.
    pub const PHONE: Field = Field::new("phone", "電話番号");
    /// 住所.
    pub const ADDRESS: Field = Field::new("address", "住所");
    /// 初回相談日.
    pub const FIRST_CONTACT_ON: Field = Field::new("first_contact_on", "初回相談日");
    /// 手帳の等級.
    pub const CERTIFICATE_GRADE: Field = Field::new("certificate_grade", "手帳の等級");
    /// 緊急連絡先の氏名.
    pub const EMERGENCY_NAME: Field = Field::new("emergency_name", "緊急連絡先の氏名");
    /// 緊急連絡先の続柄.
    pub const EMERGENCY_RELATION: Field = Field::new("emergency_relation", "緊急連絡先の続柄");
    /// 緊急連絡先の電話番号.
    pub const EMERGENCY_PHONE: Field = Field::new("emergency_phone", "緊急連絡先の電話番号");
    /// 備考.
    pub const NOTES: Field = Field::new("notes", "備考");
    /// 利用登録日.
    pub const REGISTERED_ON: Field = Field::new("registered_on", "利用登録日");
    /// 登録終了日.
    pub const CLOSED_ON: Field = Field::new("closed_on", "登録終了日");
    /// 登録終了の理由.
    pub const CLOSE_REASON: Field = Field::new("close_reason", "登録終了の理由");
    /// 支援段階.
    pub const PHASE: Field = Field::new("phase", "支援段階");
    /// 担当職員.
    pub const STAFF: Field = Field::new("staff", "担当職員");
    /// 関係機関.
    pub const PARTNER: Field = Field::new("partner", "関係機関");
    /// 関係機関の担当者.
    pub const CONTACT_PERSON: Field = Field::new("contact_person", "関係機関の担当者");
    /// 関係機関の関与の開始日.
    pub const PARTNER_SINCE: Field = Field::new("partner_since", "関与の開始日");
    /// 関係機関の関与の終了日.
    pub const PARTNER_UNTIL: Field = Field::new("partner_until", "関与の終了日");
    /// 情報提供の同意.
    pub const CONSENT: Field = Field::new("consent", "情報提供の同意");
    /// 同意日.
    pub const GIVEN_ON: Field = Field::new("given_on", "同意日");
    /// 同意の範囲.
    pub const CONSENT_SCOPE: Field = Field::new("consent_scope", "同意の範囲");
    /// 同意の撤回日.
    pub const WITHDRAWN_ON: Field = Field::new("withdrawn_on", "同意の撤回日");
    /// 注意フラグの種類.
    pub const FLAG_KIND: Field = Field::new("flag_kind", "注意フラグの種類");
    /// 注意フラグ.
    pub const FLAG: Field = Field::new("flag", "注意フラグ");
    /// 注意フラグの理由.
    pub const FLAG_REASON: Field = Field::new("flag_reason", "注意フラグの理由");
    /// 添付ファイル.
    pub const ATTACHMENT: Field = Field::new("attachment", "添付ファイル");
    /// 添付ファイルの表題.
    pub const ATTACHMENT_TITLE: Field = Field::new("attachment_title", "添付ファイルの表題");
}

crate::db_enum!(
    /// Where a client stands, derived from the registration periods.
    ClientStatus {
        /// No registration yet: someone who has consulted (相談者).
        Inquiry = "inquiry" / "相談者",
        /// An open registration period (利用登録者).
        Registered = "registered" / "利用登録中",
        /// Only closed periods (登録終了).
        Closed = "closed" / "登録終了",
    }
);

crate::db_enum!(
    /// The phase of a registered client. `Employed` is derived from an ongoing
    /// employment and never stored; the others are set by staff.
    Phase {
        /// 職業準備支援.
        Preparing = "preparing" / "職業準備支援",
        /// 求職活動.
        Seeking = "seeking" / "求職活動",
        /// 就労中 (derived).
        Employed = "employed" / "就労中",
        /// 休職中.
        OnLeave = "on_leave" / "休職中",
        /// 離職後.
        Separated = "separated" / "離職後",
    }
);

crate::db_enum!(
    /// Disability category (several allowed per client).
    DisabilityCategory {
        /// 身体.
        Physical = "physical" / "身体",
        /// 知的.
        Intellectual = "intellectual" / "知的",
        /// 精神.
        Mental = "mental" / "精神",
        /// 発達.
        Developmental = "developmental" / "発達",
        /// 高次脳機能.
        BrainInjury = "brain_injury" / "高次脳機能",
        /// 難病.
        Intractable = "intractable" / "難病",
        /// その他.
        Other = "other" / "その他",
    }
);

crate::db_enum!(
    /// Kind of disability certificate (障害者手帳).
    CertificateKind {
        /// No certificate.
        None = "none" / "なし",
        /// 身体障害者手帳.
        Physical = "physical" / "身体障害者手帳",
        /// 愛の手帳 (療育手帳, as Tokyo calls it).
        Intellectual = "intellectual" / "愛の手帳（療育手帳）",
        /// 精神障害者保健福祉手帳.
        Mental = "mental" / "精神障害者保健福祉手帳",
    }
);

/// A staff member as shown next to a client: id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaffRef {
    /// Staff id.
    pub id: StaffId,
    /// Name.
    pub name: String,
}

/// One row of the client list: only what the list shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientListItem {
    /// Id.
    pub id: ClientId,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// 生年月日.
    pub birth_date: Option<NaiveDate>,
    /// Derived status.
    pub status: ClientStatus,
    /// Phase (registered clients only; `employed` derived).
    pub phase: Option<Phase>,
    /// Main staff id.
    pub main_staff_id: Option<StaffId>,
    /// Main staff name.
    pub main_staff_name: Option<String>,
    /// First consultation date.
    pub first_contact_on: NaiveDate,
    /// Start of the latest registration period.
    pub registered_on: Option<NaiveDate>,
    /// End of the latest registration period, if closed.
    pub closed_on: Option<NaiveDate>,
    /// Labels of the active flags, sorted.
    pub flags: Vec<String>,
}

/// Maps rusqlite results into the core's error.
pub(crate) trait Db<T> {
    /// The value, or the database error as a [`CoreError`].
    fn db(self) -> Result<T>;
}

impl<T> Db<T> for rusqlite::Result<T> {
    fn db(self) -> Result<T> {
        self.map_err(|e| CoreError::Store(StoreError::Sqlite(e)))
    }
}

/// Today on this PC's calendar (the center works in local time).
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The earliest date any field of a client's record may hold.
pub(crate) const EARLIEST_RECORD_DATE: NaiveDate =
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");

/// A date of something that has happened: not in the future, not before 1900.
pub(crate) fn past_date(field: Field, date: NaiveDate) -> Result<NaiveDate> {
    if date > today() {
        return Err(CoreError::rule(
            format!("{} is in the future", field.name),
            format!("{}に未来の日付は入力できません。", field.label_ja),
        ));
    }
    if date < EARLIEST_RECORD_DATE {
        return Err(CoreError::rule(
            format!("{} is before 1900", field.name),
            format!("{}は1900年1月1日以降の日付にしてください。", field.label_ja),
        ));
    }
    Ok(date)
}

/// An optional one-line text: empty allowed, otherwise as [`crate::text::single_line`].
pub(crate) fn optional_line(field: Field, input: &str, max: usize) -> Result<String> {
    if input.trim().is_empty() {
        return Ok(String::new());
    }
    crate::text::single_line(field, input, max)
}

/// Fails with "not found" unless the client exists.
pub(crate) fn require_client(conn: &Connection, id: &ClientId) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM clients WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .db()?;
    found.map(|_| ()).ok_or(CoreError::NotFound {
        what: fields::CLIENT,
    })
}

/// Fails with "not found" unless the staff member exists.
pub(crate) fn require_staff(conn: &Connection, id: &StaffId) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM staff WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .db()?;
    found.map(|_| ()).ok_or(CoreError::NotFound {
        what: fields::STAFF,
    })
}

/// The derived status of one client (same rule as the list query).
pub(crate) fn status_of(conn: &Connection, id: &ClientId) -> Result<ClientStatus> {
    let (open, any): (bool, bool) = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM client_registrations WHERE client_id = ?1 AND closed_on IS NULL),
                    EXISTS (SELECT 1 FROM client_registrations WHERE client_id = ?1)",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .db()?;
    Ok(match (open, any) {
        (true, _) => ClientStatus::Registered,
        (false, true) => ClientStatus::Closed,
        (false, false) => ClientStatus::Inquiry,
    })
}
