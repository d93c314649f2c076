//! Accounts as the director's users screen lists them.

use hotto::accounts::UserSummary;
use serde::Serialize;

use super::RoleView;

/// An account.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    /// Id.
    pub id: String,
    /// ログインID.
    pub login: String,
    /// 表示名.
    pub display_name: String,
    /// Role.
    pub role: RoleView,
    /// 施設長 / 職員.
    pub role_label: String,
    /// False once removed (kept so the audit log still names them).
    pub active: bool,
}

impl From<&UserSummary> for UserView {
    fn from(u: &UserSummary) -> Self {
        UserView {
            id: u.id.clone(),
            login: u.login.clone(),
            display_name: u.display_name.clone(),
            role: u.role.into(),
            role_label: u.role.label_ja().to_string(),
            active: u.active,
        }
    }
}
