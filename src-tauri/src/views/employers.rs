//! Employers (企業・事業所), the support given to them and employer development (地域開拓)
//! as the webview sees them.

use hotto::employment::{
    Employer, EmployerOverview, EmployerSupport, MonthlyActivity, Prospect, ProspectContact,
};
use serde::{Deserialize, Serialize};

use super::{DateView, OptionView};

/// An employer as typed in the form (every field but the name may be empty).
#[derive(Clone, Debug, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmployerForm {
    /// 企業・事業所名.
    pub name: String,
    /// 業種.
    pub industry: String,
    /// 所在地.
    pub address: String,
    /// 電話番号.
    pub phone: String,
    /// 先方の担当者.
    pub contact_person: String,
    /// 備考.
    pub notes: String,
}

impl From<EmployerForm> for hotto::employment::EmployerInput {
    fn from(f: EmployerForm) -> Self {
        hotto::employment::EmployerInput {
            name: f.name,
            industry: f.industry,
            address: f.address,
            phone: f.phone,
            contact_person: f.contact_person,
            notes: f.notes,
        }
    }
}

/// An employer's details.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmployerView {
    /// Id.
    pub id: String,
    /// 企業・事業所名.
    pub name: String,
    /// 業種.
    pub industry: String,
    /// 所在地.
    pub address: String,
    /// 電話番号.
    pub phone: String,
    /// 先方の担当者.
    pub contact_person: String,
    /// 備考.
    pub notes: String,
}

impl From<Employer> for EmployerView {
    fn from(e: Employer) -> Self {
        EmployerView {
            id: e.id.0,
            name: e.name,
            industry: e.industry,
            address: e.address,
            phone: e.phone,
            contact_person: e.contact_person,
            notes: e.notes,
        }
    }
}

/// A line of the employers list.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmployerRowView {
    /// The employer.
    pub employer: EmployerView,
    /// Clients working there today.
    pub employed_clients: u32,
    /// Employments ever recorded there.
    pub employments: u32,
    /// Support records.
    pub support_records: u32,
    /// The latest support.
    pub last_support_on: Option<DateView>,
}

impl From<EmployerOverview> for EmployerRowView {
    fn from(o: EmployerOverview) -> Self {
        EmployerRowView {
            employer: o.employer.into(),
            employed_clients: o.employed_clients,
            employments: o.employments,
            support_records: o.support_records,
            last_support_on: o.last_support_on.map(DateView::from),
        }
    }
}

/// One record of support given to an employer (企業支援).
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmployerSupportView {
    /// Id.
    pub id: String,
    /// 支援日.
    pub done_on: DateView,
    /// The client it was about, if any.
    pub client_name: Option<String>,
    /// Who gave it.
    pub staff_name: Option<String>,
    /// Minutes taken.
    pub minutes: Option<u32>,
    /// 内容.
    pub body: String,
}

impl From<EmployerSupport> for EmployerSupportView {
    fn from(s: EmployerSupport) -> Self {
        EmployerSupportView {
            id: s.id.0,
            done_on: s.done_on.into(),
            client_name: s.client_name,
            staff_name: s.staff_name,
            minutes: s.minutes,
            body: s.body,
        }
    }
}

/// An employer's page: details, the clients working there and the support given.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmployerDetailView {
    /// The list line (details and counts).
    pub row: EmployerRowView,
    /// Support given, newest first.
    pub supports: Vec<EmployerSupportView>,
}

/// Support to record for an employer.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmployerSupportForm {
    /// The employer.
    pub employer_id: String,
    /// 支援日 as typed (和暦 or 西暦).
    pub done_on: String,
    /// The staff member who gave it (id), if chosen.
    pub staff_id: Option<String>,
    /// Minutes taken, if entered.
    pub minutes: Option<u32>,
    /// 内容.
    pub body: String,
}

/// A prospect as typed in the form.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProspectForm {
    /// 開拓先企業名.
    pub name: String,
    /// The employer record, once the company is one.
    pub employer_id: Option<String>,
    /// 業種.
    pub industry: String,
    /// 所在地.
    pub address: String,
    /// The staff member in charge.
    pub staff_id: Option<String>,
    /// 備考.
    pub notes: String,
}

/// A prospect of employer development.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProspectView {
    /// Id.
    pub id: String,
    /// 開拓先企業名.
    pub name: String,
    /// The employer record.
    pub employer_id: Option<String>,
    /// 業種.
    pub industry: String,
    /// 所在地.
    pub address: String,
    /// Stage value (`contacted`, …).
    pub stage: String,
    /// Stage label (接触済み, …).
    pub stage_label: String,
    /// Staff in charge (id).
    pub staff_id: Option<String>,
    /// Their name.
    pub staff_name: Option<String>,
    /// 備考.
    pub notes: String,
    /// The latest contact.
    pub last_contact_on: Option<DateView>,
}

impl From<Prospect> for ProspectView {
    fn from(p: Prospect) -> Self {
        ProspectView {
            id: p.id.0,
            name: p.name,
            employer_id: p.employer_id.map(|e| e.0),
            industry: p.industry,
            address: p.address,
            stage: p.stage.as_db().to_string(),
            stage_label: p.stage.label_ja().to_string(),
            staff_id: p.staff_id.map(|s| s.0),
            staff_name: p.staff_name,
            notes: p.notes,
            last_contact_on: p.last_contact_on.map(DateView::from),
        }
    }
}

/// A contact to log with a prospect.
#[derive(Clone, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProspectContactForm {
    /// 接触日 as typed.
    pub contacted_on: String,
    /// Method value (`visit`, `phone`, …).
    pub method: String,
    /// Stage after the contact (value).
    pub stage_after: String,
    /// Who made it (staff id).
    pub staff_id: Option<String>,
    /// Note.
    pub note: String,
}

/// A logged contact with a prospect.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProspectContactView {
    /// Id.
    pub id: String,
    /// 接触日.
    pub contacted_on: DateView,
    /// Method label.
    pub method_label: String,
    /// Stage label after it.
    pub stage_label: String,
    /// Who.
    pub staff_name: Option<String>,
    /// Note.
    pub note: String,
}

impl From<ProspectContact> for ProspectContactView {
    fn from(c: ProspectContact) -> Self {
        ProspectContactView {
            id: c.id.0,
            contacted_on: c.contacted_on.into(),
            method_label: c.method.label_ja().to_string(),
            stage_label: c.stage_after.label_ja().to_string(),
            staff_name: c.staff_name,
            note: c.note,
        }
    }
}

/// The outreach activity of one month.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyActivityView {
    /// Calendar year.
    pub year: i32,
    /// Month (1–12).
    pub month: u32,
    /// Contacts logged.
    pub contacts: u32,
    /// Distinct prospects contacted.
    pub prospects: u32,
    /// Contacts by visit.
    pub visits: u32,
    /// Prospects that reached 求人あり.
    pub job_offers: u32,
    /// Prospects that reached 雇用実現.
    pub hires: u32,
}

impl From<MonthlyActivity> for MonthlyActivityView {
    fn from(m: MonthlyActivity) -> Self {
        MonthlyActivityView {
            year: m.year,
            month: m.month,
            contacts: m.contacts,
            prospects: m.prospects,
            visits: m.visits,
            job_offers: m.job_offers,
            hires: m.hires,
        }
    }
}

/// Choices for the development forms.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DevelopmentChoicesView {
    /// Prospect stages.
    pub stages: Vec<OptionView>,
    /// Contact methods.
    pub methods: Vec<OptionView>,
    /// Staff members (present and past, by kana).
    pub staff: Vec<OptionView>,
}
