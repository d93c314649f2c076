//! Clients as the list, the new-client form and the client page see them.

use serde::{Deserialize, Serialize};

use super::DateView;

/// One row of the client list (also a possible duplicate).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientRowView {
    /// Id.
    pub id: String,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// 生年月日.
    pub birth_date: Option<DateView>,
    /// 相談者 / 利用登録中 / 登録終了.
    pub status_label: String,
    /// 支援段階, registered clients only.
    pub phase_label: Option<String>,
    /// 主担当.
    pub main_staff_name: Option<String>,
    /// Active flags.
    pub flags: Vec<String>,
}

/// One page of a list: `rows.len()` rows from `offset` of `total` matching.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientListView {
    /// Clients matching the search and filters.
    pub total: u32,
    /// Position of the first row among all matches.
    pub offset: u32,
    /// Those from `offset` on, in kana order.
    pub rows: Vec<ClientRowView>,
}

/// The search and filters of the client list; empty fields filter nothing.
#[derive(Clone, Debug, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientFilterInput {
    /// Name or kana, any of hiragana/katakana/widths.
    pub text: String,
    /// Status code.
    pub status: Option<String>,
    /// Phase code.
    pub phase: Option<String>,
    /// Staff id (main or sub).
    pub staff_id: Option<String>,
    /// Disability code.
    pub disability: Option<String>,
}

/// A client's profile as typed (new and edit).
#[derive(Clone, Debug, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientProfileInput {
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// 生年月日 (ISO).
    pub birth_date: Option<String>,
    /// 性別.
    pub gender: String,
    /// 電話番号.
    pub phone: String,
    /// 住所.
    pub address: String,
    /// 障害種別 codes.
    pub disabilities: Vec<String>,
    /// 手帳の種類 code.
    pub certificate_kind: Option<String>,
    /// 手帳の等級.
    pub certificate_grade: String,
    /// 緊急連絡先の氏名.
    pub emergency_name: String,
    /// 続柄.
    pub emergency_relation: String,
    /// 緊急連絡先の電話番号.
    pub emergency_phone: String,
    /// 備考.
    pub notes: String,
}

/// A new client: the profile, the first contact and the main staff.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewClientInput {
    /// The profile.
    pub profile: ClientProfileInput,
    /// 初回相談日 (ISO).
    pub first_contact_on: Option<String>,
    /// 主担当.
    pub main_staff_id: Option<String>,
}

/// A staff member beside a client.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StaffRefView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A partner organization involved with a client.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientPartnerView {
    /// Partner id.
    pub partner_id: String,
    /// Name.
    pub name: String,
    /// Category label.
    pub category_label: String,
    /// Contact person there.
    pub contact_person: String,
    /// Involved since (unknown for older links).
    pub since_on: Option<DateView>,
    /// Involvement ended on.
    pub ended_on: Option<DateView>,
}

/// A partner organization to link to a client, with the person there who handles the case.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartnerLinkInput {
    /// The partner organization.
    pub partner_id: String,
    /// Its contact person and role for this client (may be empty).
    pub contact_person: String,
    /// Involved since (ISO or as typed; empty when unknown).
    pub since_on: Option<String>,
}

/// A consent to record: to whom, when, what may be shared.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewConsentInput {
    /// The partner the information may go to.
    pub partner_id: String,
    /// 同意日 (ISO or as typed).
    pub given_on: String,
    /// 同意の範囲.
    pub scope: String,
}

/// A consent to share information with a partner.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConsentView {
    /// Id.
    pub id: String,
    /// Partner id.
    pub partner_id: String,
    /// Partner's name.
    pub partner_name: String,
    /// 同意日.
    pub given_on: DateView,
    /// 範囲.
    pub scope: String,
    /// 撤回日.
    pub withdrawn_on: Option<DateView>,
}

/// An active flag.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FlagView {
    /// Id.
    pub id: String,
    /// Label (連絡注意, …).
    pub label: String,
    /// Why.
    pub reason: String,
    /// When set.
    pub set_on: DateView,
    /// Who set it.
    pub set_by: String,
}

/// An attachment (no content).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// PDF / PNG / JPEG.
    pub type_label: String,
    /// Size in kB, rounded up.
    pub kilobytes: u32,
    /// Date added.
    pub added_on: DateView,
}

/// A registration period.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationView {
    /// 利用登録日.
    pub registered_on: DateView,
    /// 登録終了日.
    pub closed_on: Option<DateView>,
    /// 理由.
    pub close_reason: String,
}

/// A client's whole record, as the client page shows it (reading it is audited).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientView {
    /// Id.
    pub id: String,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// 生年月日.
    pub birth_date: Option<DateView>,
    /// 性別.
    pub gender: String,
    /// 電話番号.
    pub phone: String,
    /// 住所.
    pub address: String,
    /// 初回相談日.
    pub first_contact_on: DateView,
    /// Status label.
    pub status_label: String,
    /// Phase label.
    pub phase_label: Option<String>,
    /// Registration periods.
    pub registrations: Vec<RegistrationView>,
    /// 障害種別 codes.
    pub disabilities: Vec<String>,
    /// 障害種別 labels.
    pub disability_labels: Vec<String>,
    /// 手帳の種類 code.
    pub certificate_kind: String,
    /// 手帳の種類 label.
    pub certificate_label: String,
    /// 手帳の等級.
    pub certificate_grade: String,
    /// 緊急連絡先.
    pub emergency_name: String,
    /// 続柄.
    pub emergency_relation: String,
    /// 緊急連絡先の電話.
    pub emergency_phone: String,
    /// 備考.
    pub notes: String,
    /// 主担当.
    pub main_staff: Option<StaffRefView>,
    /// 副担当.
    pub sub_staff: Vec<StaffRefView>,
    /// 関係機関.
    pub partners: Vec<ClientPartnerView>,
    /// Partner organizations once involved, latest end first.
    pub past_partners: Vec<ClientPartnerView>,
    /// 情報提供の同意.
    pub consents: Vec<ConsentView>,
    /// 注意フラグ.
    pub flags: Vec<FlagView>,
    /// 添付ファイル.
    pub attachments: Vec<AttachmentView>,
}

impl From<&hotto::clients::ClientListItem> for ClientRowView {
    fn from(c: &hotto::clients::ClientListItem) -> Self {
        ClientRowView {
            id: c.id.to_string(),
            name: c.name.clone(),
            kana: c.kana.clone(),
            birth_date: c.birth_date.map(DateView::from),
            status_label: c.status.label_ja().to_string(),
            phase_label: c.phase.map(|p| p.label_ja().to_string()),
            main_staff_name: c.main_staff_name.clone(),
            flags: c.flags.clone(),
        }
    }
}

fn staff_ref(s: &hotto::clients::StaffRef) -> StaffRefView {
    StaffRefView {
        id: s.id.to_string(),
        name: s.name.clone(),
    }
}

fn type_label(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "PDF",
        "image/png" => "PNG画像",
        "image/jpeg" => "JPEG画像",
        _ => "ファイル",
    }
}

impl From<&hotto::clients::ClientRecord> for ClientView {
    fn from(r: &hotto::clients::ClientRecord) -> Self {
        ClientView {
            id: r.id.to_string(),
            name: r.name.clone(),
            kana: r.kana.clone(),
            birth_date: r.birth_date.map(DateView::from),
            gender: r.gender.clone(),
            phone: r.phone.clone(),
            address: r.address.clone(),
            first_contact_on: r.first_contact_on.into(),
            status_label: r.status.label_ja().to_string(),
            phase_label: r.phase.map(|p| p.label_ja().to_string()),
            registrations: r
                .registrations
                .iter()
                .map(|g| RegistrationView {
                    registered_on: g.registered_on.into(),
                    closed_on: g.closed_on.map(DateView::from),
                    close_reason: g.close_reason.clone(),
                })
                .collect(),
            disabilities: r
                .disabilities
                .iter()
                .map(|d| d.as_db().to_string())
                .collect(),
            disability_labels: r
                .disabilities
                .iter()
                .map(|d| d.label_ja().to_string())
                .collect(),
            certificate_kind: r.certificate_kind.as_db().to_string(),
            certificate_label: r.certificate_kind.label_ja().to_string(),
            certificate_grade: r.certificate_grade.clone(),
            emergency_name: r.emergency.name.clone(),
            emergency_relation: r.emergency.relation.clone(),
            emergency_phone: r.emergency.phone.clone(),
            notes: r.notes.clone(),
            main_staff: r.main_staff.as_ref().map(staff_ref),
            sub_staff: r.sub_staff.iter().map(staff_ref).collect(),
            partners: r.partners.iter().map(ClientPartnerView::from).collect(),
            past_partners: r
                .past_partners
                .iter()
                .map(ClientPartnerView::from)
                .collect(),
            consents: r
                .consents
                .iter()
                .map(|c| ConsentView {
                    id: c.id.to_string(),
                    partner_id: c.partner_id.to_string(),
                    partner_name: c.partner_name.clone(),
                    given_on: c.given_on.into(),
                    scope: c.scope.clone(),
                    withdrawn_on: c.withdrawn_on.map(DateView::from),
                })
                .collect(),
            flags: r
                .flags
                .iter()
                .map(|f| FlagView {
                    id: f.id.to_string(),
                    label: f.label.clone(),
                    reason: f.reason.clone(),
                    set_on: f.set_on.into(),
                    set_by: f.set_by.clone(),
                })
                .collect(),
            attachments: r.attachments.iter().map(AttachmentView::from).collect(),
        }
    }
}

impl From<&hotto::clients::AttachmentMeta> for AttachmentView {
    fn from(a: &hotto::clients::AttachmentMeta) -> Self {
        AttachmentView {
            id: a.id.to_string(),
            title: a.title.clone(),
            type_label: type_label(&a.media_type).to_string(),
            kilobytes: u32::try_from(a.byte_size.div_euclid(1024) + 1).unwrap_or(u32::MAX),
            added_on: a.added_on.into(),
        }
    }
}

impl From<&hotto::clients::ClientPartner> for ClientPartnerView {
    fn from(p: &hotto::clients::ClientPartner) -> Self {
        ClientPartnerView {
            partner_id: p.partner_id.to_string(),
            name: p.name.clone(),
            category_label: p.category.label_ja().to_string(),
            contact_person: p.contact_person.clone(),
            since_on: p.since_on.map(DateView::from),
            ended_on: p.ended_on.map(DateView::from),
        }
    }
}
