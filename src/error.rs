//! The core's error type: every case a user can hit, with an English text for
//! logs and the CLI and a Japanese text for the UI (mapped here, once).
//!
//! No variant carries client personal data: messages name fields and kinds of
//! things, never their values.

use crate::store::StoreError;

/// A field or kind of record, named in English (logs, CLI) and Japanese (UI).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// English name, e.g. `birth_date`.
    pub name: &'static str,
    /// Japanese label, e.g. 生年月日.
    pub label_ja: &'static str,
}

impl Field {
    /// A field with its English name and Japanese label.
    pub const fn new(name: &'static str, label_ja: &'static str) -> Self {
        Field { name, label_ja }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Fields of the store layer and accounts.
pub mod fields {
    use super::Field;
    /// ログインID.
    pub const LOGIN: Field = Field::new("login", "ログインID");
    /// パスワード.
    pub const PASSWORD: Field = Field::new("password", "パスワード");
    /// 表示名.
    pub const DISPLAY_NAME: Field = Field::new("display_name", "表示名");
    /// 利用者アカウント.
    pub const USER: Field = Field::new("user", "利用者アカウント");
    /// 権限.
    pub const ROLE: Field = Field::new("role", "権限");
    /// 復旧コード.
    pub const RECOVERY_CODE: Field = Field::new("recovery_code", "復旧コード");
    /// バックアップ先.
    pub const BACKUP_FOLDER: Field = Field::new("backup_folder", "バックアップ先");
    /// 施設名.
    pub const FACILITY_NAME: Field = Field::new("facility_name", "施設名");
}

/// What went wrong in a core operation.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The store (files, keys, SQLite) failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The signed-in user's role does not allow this action.
    #[error("permission denied: {action} needs the director role")]
    PermissionDenied {
        /// What was attempted, in English (for logs).
        action: &'static str,
    },
    /// Only the client's own staff (main or sub) or the director may do this.
    #[error("permission denied: {action} is for the client's staff or the director")]
    NotYourClient {
        /// What was attempted, in English (for logs).
        action: &'static str,
    },
    /// The session does not belong to this store (signed out, or another file).
    #[error("the session is not valid for this database: sign in again")]
    InvalidSession,
    /// A record that the operation needs does not exist.
    #[error("{what} not found")]
    NotFound {
        /// Kind of record.
        what: Field,
    },
    /// An input value was rejected.
    #[error("invalid {field}: {problem}")]
    Invalid {
        /// The field.
        field: Field,
        /// Why the value was rejected.
        problem: Problem,
    },
    /// A value that must be unique is already taken.
    #[error("{what} already exists")]
    Duplicate {
        /// Kind of value.
        what: Field,
    },
    /// A record cannot be deleted while others refer to it.
    #[error("{what} is still referenced by other records")]
    InUse {
        /// Kind of record.
        what: Field,
    },
    /// A rule of the center's work was broken (e.g. FTE over 1.0 on a day).
    /// Both texts are made by the core and never hold personal data.
    #[error("{en}")]
    Rule {
        /// English text.
        en: String,
        /// Japanese text.
        ja: String,
    },
    /// Removing or demoting the last active director would lock the center out.
    #[error("the last director cannot be removed or demoted")]
    LastDirector,
    /// A PDF or other document could not be produced.
    #[error("could not produce the document: {0}")]
    Document(String),
}

/// Why an input value was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Nothing (or only spaces) was entered.
    #[error("it is empty")]
    Empty,
    /// Longer than allowed.
    #[error("it is longer than {max} characters")]
    TooLong {
        /// Maximum number of characters.
        max: usize,
    },
    /// Shorter than allowed.
    #[error("it is shorter than {min} characters")]
    TooShort {
        /// Minimum number of characters.
        min: usize,
    },
    /// Contains control characters (tabs, newlines where not allowed, …).
    #[error("it contains control characters")]
    ControlCharacters,
    /// Not of the expected form.
    #[error("{0}")]
    Format(&'static str),
    /// The two entries (e.g. password and its confirmation) differ.
    #[error("the two entries differ")]
    Mismatch,
    /// A number outside its range.
    #[error("it must be between {min} and {max}")]
    OutOfRange {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// An end date before its start date.
    #[error("it is before the start date")]
    EndBeforeStart,
    /// A date that could not be read.
    #[error("{0}")]
    Date(#[from] crate::calendar::DateParseError),
}

impl CoreError {
    /// Shorthand for an [`CoreError::Invalid`].
    pub fn invalid(field: Field, problem: Problem) -> Self {
        CoreError::Invalid { field, problem }
    }

    /// Shorthand for a [`CoreError::Rule`].
    pub fn rule(en: impl Into<String>, ja: impl Into<String>) -> Self {
        CoreError::Rule {
            en: en.into(),
            ja: ja.into(),
        }
    }

    /// A stable, machine-readable code (for the UI and scripts).
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Store(e) => e.code(),
            CoreError::PermissionDenied { .. } | CoreError::NotYourClient { .. } => {
                "permission_denied"
            }
            CoreError::InvalidSession => "invalid_session",
            CoreError::NotFound { .. } => "not_found",
            CoreError::Invalid { .. } => "invalid_input",
            CoreError::Duplicate { .. } => "duplicate",
            CoreError::InUse { .. } => "in_use",
            CoreError::Rule { .. } => "rule",
            CoreError::LastDirector => "last_director",
            CoreError::Document(_) => "document",
        }
    }

    /// The message a staff member sees in the app.
    pub fn message_ja(&self) -> String {
        match self {
            CoreError::Store(e) => e.message_ja(),
            CoreError::PermissionDenied { .. } => "この操作は施設長のみ行えます。".to_string(),
            CoreError::NotYourClient { .. } => {
                "この操作は、この利用者の担当職員または施設長のみ行えます。".to_string()
            }
            CoreError::InvalidSession => {
                "ログインの有効期限が切れました。もう一度ログインしてください。".to_string()
            }
            CoreError::NotFound { what } => format!("{}が見つかりません。", what.label_ja),
            CoreError::Invalid { field, problem } => problem_ja(field.label_ja, problem),
            CoreError::Duplicate { what } => {
                format!("同じ{}がすでに登録されています。", what.label_ja)
            }
            CoreError::InUse { what } => {
                format!(
                    "この{}は他の記録から参照されているため削除できません。",
                    what.label_ja
                )
            }
            CoreError::Rule { ja, .. } => ja.clone(),
            CoreError::LastDirector => {
                "施設長が一人もいなくなるため、この操作はできません。".to_string()
            }
            CoreError::Document(_) => {
                "帳票を作成できませんでした。もう一度お試しください。".to_string()
            }
        }
    }
}

fn problem_ja(label: &str, problem: &Problem) -> String {
    match problem {
        Problem::Empty => format!("{label}を入力してください。"),
        Problem::TooLong { max } => format!("{label}は{max}文字以内で入力してください。"),
        Problem::TooShort { min } => format!("{label}は{min}文字以上で入力してください。"),
        Problem::ControlCharacters => {
            format!("{label}に使えない文字（制御文字）が含まれています。")
        }
        Problem::Format(_) => format!("{label}の形式が正しくありません。"),
        Problem::Mismatch => format!("{label}が一致しません。"),
        Problem::OutOfRange { min, max } => {
            format!("{label}は{min}～{max}の範囲で入力してください。")
        }
        Problem::EndBeforeStart => format!("{label}は開始日以降の日付にしてください。"),
        Problem::Date(e) => format!("{label}: {}", e.message_ja()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invalid_input_names_the_field_in_japanese() {
        let e = CoreError::invalid(fields::LOGIN, Problem::Empty);
        assert_eq!(e.message_ja(), "ログインIDを入力してください。");
        assert_eq!(e.code(), "invalid_input");
        let e = CoreError::invalid(fields::PASSWORD, Problem::TooShort { min: 8 });
        assert_eq!(e.message_ja(), "パスワードは8文字以上で入力してください。");
    }
}
