//! Partner organizations (関係機関) as the webview sees them.

use hotto::partners::Partner;
use serde::{Deserialize, Serialize};

/// A partner as typed in the form.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartnerForm {
    /// 機関名.
    pub name: String,
    /// Category value (`job_centre`, …).
    pub category: String,
    /// サービス種別.
    pub service_type: String,
    /// 担当者 (the contact person there).
    pub contact_person: String,
    /// 電話番号.
    pub phone: String,
    /// 住所.
    pub address: String,
    /// A member of ほっと就労支援連絡会.
    pub liaison_member: bool,
    /// 備考.
    pub notes: String,
}

/// A partner organization.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartnerView {
    /// Id.
    pub id: String,
    /// 機関名.
    pub name: String,
    /// Category value.
    pub category: String,
    /// Category label (ハローワーク, …).
    pub category_label: String,
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

impl From<Partner> for PartnerView {
    fn from(p: Partner) -> Self {
        PartnerView {
            id: p.id.0,
            name: p.name,
            category: p.category.as_db().to_string(),
            category_label: p.category.label_ja().to_string(),
            service_type: p.service_type,
            contact_person: p.contact_person,
            phone: p.phone,
            address: p.address,
            liaison_member: p.liaison_member,
            notes: p.notes,
            active: p.active,
        }
    }
}
