//! The signed-in user, roles and the sign-in screen's facts.

use hotto::{DemoAccount, Role, Session};
use serde::Serialize;

/// A user's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
#[specta(rename = "Role")]
pub enum RoleView {
    /// 施設長.
    Director,
    /// 職員.
    Staff,
}

impl From<Role> for RoleView {
    fn from(role: Role) -> Self {
        match role {
            Role::Director => RoleView::Director,
            Role::Staff => RoleView::Staff,
        }
    }
}

/// The signed-in user.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    /// The user's id.
    pub user_id: String,
    /// The login name.
    pub login: String,
    /// The name shown in the app.
    pub display_name: String,
    /// The role.
    pub role: RoleView,
    /// The role in Japanese (施設長 / 職員).
    pub role_label: String,
}

impl From<&Session> for SessionView {
    fn from(session: &Session) -> Self {
        SessionView {
            user_id: session.user_id().to_string(),
            login: session.login().to_string(),
            display_name: session.display_name().to_string(),
            role: session.role().into(),
            role_label: session.role().label_ja().to_string(),
        }
    }
}

/// A fictional demo login, listed on the sign-in screen of a demo data dir.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DemoAccountView {
    /// Login name.
    pub login: String,
    /// Fictional display name.
    pub display_name: String,
    /// The role.
    pub role: RoleView,
    /// The role in Japanese.
    pub role_label: String,
    /// The published demo password.
    pub password: String,
}

impl From<&DemoAccount> for DemoAccountView {
    fn from(account: &DemoAccount) -> Self {
        DemoAccountView {
            login: account.login.clone(),
            display_name: account.display_name.clone(),
            role: account.role.into(),
            role_label: account.role.label_ja().to_string(),
            password: account.password.clone(),
        }
    }
}

/// What the sign-in screen needs to know before anyone signs in.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The data dir in use, as a path to show.
    pub data_dir: String,
    /// Whether a center has been set up there.
    pub initialised: bool,
    /// Demo logins (empty for a real center).
    pub demo_accounts: Vec<DemoAccountView>,
}
