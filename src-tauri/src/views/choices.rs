//! Options of the casework forms and filters: each a stored code with the core's
//! Japanese label, so the UI never spells a kind, a phase or a method itself.

use serde::Serialize;

/// One option of a select or radio group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceView {
    /// The code commands take (`workplace_visit`, a staff id, …).
    pub value: String,
    /// What the person reads (職場訪問, 試験 花子, …).
    pub label: String,
}

impl ChoiceView {
    /// An option from a code and its label.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        ChoiceView {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// Every value of a core enum (declared with `db_enum!`) as options, in display order.
#[macro_export]
macro_rules! choices_of {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| $crate::views::ChoiceView::new(v.as_db(), v.label_ja()))
            .collect::<Vec<_>>()
    };
}

/// The options the casework screens offer, fetched once after sign-in.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CaseworkChoices {
    /// The signed-in user's staff id (the default "me"), if the account has a staff row.
    pub my_staff_id: Option<String>,
    /// Staff in post, in kana order.
    pub staff: Vec<ChoiceView>,
    /// 相談者 / 利用登録中 / 登録終了.
    pub statuses: Vec<ChoiceView>,
    /// 職業準備支援 … 離職後.
    pub phases: Vec<ChoiceView>,
    /// 身体 … その他.
    pub disabilities: Vec<ChoiceView>,
    /// 手帳の種類.
    pub certificate_kinds: Vec<ChoiceView>,
    /// Kinds of support record.
    pub support_kinds: Vec<ChoiceView>,
    /// Purposes of an accompanied visit.
    pub accompany_purposes: Vec<ChoiceView>,
    /// Consultation channels (来所, 電話, …).
    pub channels: Vec<ChoiceView>,
    /// Consultation topics (就労, 生活, 企業).
    pub topics: Vec<ChoiceView>,
    /// Follow-up methods.
    pub follow_up_methods: Vec<ChoiceView>,
    /// Risk levels.
    pub risks: Vec<ChoiceView>,
    /// Contract forms.
    pub contract_types: Vec<ChoiceView>,
    /// How jobs are found.
    pub routes: Vec<ChoiceView>,
    /// Why jobs end.
    pub end_reasons: Vec<ChoiceView>,
    /// Active flag kinds.
    pub flag_kinds: Vec<ChoiceView>,
    /// Employers, by name.
    pub employers: Vec<ChoiceView>,
    /// Active partner organizations, by name.
    pub partners: Vec<ChoiceView>,
}
