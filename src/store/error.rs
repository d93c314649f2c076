//! Errors of the store layer: files, keys, SQLCipher, schema.

use std::path::PathBuf;

/// What went wrong below the domain: files, keys, the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file operation failed.
    #[error("could not {op} {path}: {source}")]
    Io {
        /// What we were doing ("read", "write", "rename", …).
        op: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// SQLite or SQLCipher reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Another window or process has this data directory open.
    #[error("the data directory is already open by another window or process")]
    AlreadyOpen,
    /// No database has been set up in this data directory.
    #[error("no database in {0}: run `hotto init` first")]
    NotInitialised(PathBuf),
    /// `init` was asked for a directory that already holds a database.
    #[error("{0} already holds a database")]
    AlreadyInitialised(PathBuf),
    /// The login name or password (or recovery code) is wrong.
    #[error("wrong user name or password")]
    WrongCredentials,
    /// The key-slot file is damaged or not ours.
    #[error("the key-slot file is damaged: {0}")]
    SlotFile(String),
    /// The database does not open with the key from the slot file.
    #[error("the database file does not open with its key (damaged, or not this center's file)")]
    DatabaseKey,
    /// The database was written by a newer version of the software.
    #[error("the database has schema version {found}, this program knows up to {supported}: update the software")]
    SchemaTooNew {
        /// Version found in the file.
        found: u32,
        /// Highest version this program knows.
        supported: u32,
    },
    /// A cryptographic primitive failed (should not happen with valid parameters).
    #[error("cryptographic failure: {0}")]
    Crypto(&'static str),
}

impl StoreError {
    /// Shorthand for an [`StoreError::Io`].
    pub fn io(op: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            op,
            path: path.into(),
            source,
        }
    }

    /// A stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Io { source, .. } if is_disk_full(source) => "disk_full",
            StoreError::Io { source, .. } if is_read_only(source) => "read_only",
            StoreError::Io { source, .. } if is_too_large(source) => "file_too_large",
            StoreError::Io { .. } => "io",
            StoreError::Sqlite(e) if is_busy(e) => "busy",
            StoreError::Sqlite(_) => "database",
            StoreError::AlreadyOpen => "already_open",
            StoreError::NotInitialised(_) => "not_initialised",
            StoreError::AlreadyInitialised(_) => "already_initialised",
            StoreError::WrongCredentials => "wrong_credentials",
            StoreError::SlotFile(_) => "slot_file",
            StoreError::DatabaseKey => "database_key",
            StoreError::SchemaTooNew { .. } => "schema_too_new",
            StoreError::Crypto(_) => "crypto",
        }
    }

    /// The message a staff member sees in the app.
    pub fn message_ja(&self) -> String {
        let s = match self.code() {
            "disk_full" => "保存先の空き容量が足りません。不要なファイルを削除するか、別の保存先を選んでください。",
            "read_only" => "保存先に書き込む権限がありません。別の保存先を選んでください。",
            "file_too_large" => "保存先にこの大きさのファイルを書き込めません（USBメモリの形式によっては大きなファイルを保存できません）。別の保存先を選んでください。",
            "io" => "ファイルの読み書きに失敗しました。保存先を確認してください。",
            "busy" => "データベースが使用中です。しばらく待ってからもう一度お試しください。",
            "database" => "データベースの処理に失敗しました。入力内容は保存されていません。",
            "already_open" => "このデータは別のウィンドウまたはプログラムで開かれています。そちらを閉じてからもう一度お試しください。",
            "not_initialised" => "データベースがまだ作成されていません。管理者に初期設定を依頼してください。",
            "already_initialised" => "このフォルダにはすでにデータベースがあります。",
            "wrong_credentials" => "ログインIDまたはパスワードが正しくありません。",
            "slot_file" => "鍵ファイル（keys.json）が壊れています。バックアップから復元するか、管理者に連絡してください。",
            "database_key" => "データベースファイルを開けません。ファイルが壊れているか、別の施設のファイルです。",
            "schema_too_new" => "このデータベースは新しい版のソフトウェアで作成されています。ソフトウェアを更新してください。",
            _ => "暗号処理に失敗しました。管理者に連絡してください。",
        };
        s.to_string()
    }
}

fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28)
}

/// No permission, or a file system mounted read-only (a locked SD card, a read-only share).
fn is_read_only(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::PermissionDenied
        || e.kind() == std::io::ErrorKind::ReadOnlyFilesystem
        || e.raw_os_error() == Some(30)
}

/// A file larger than the file system or the process may write (FAT32 stops at 4 GiB).
fn is_too_large(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::FileTooLarge || e.raw_os_error() == Some(27)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io(e: std::io::Error) -> StoreError {
        StoreError::io("write", "/media/usb/x", e)
    }

    #[test]
    fn a_full_disk_a_read_only_file_system_and_a_too_large_file_each_get_their_message() {
        let full = io(std::io::Error::from_raw_os_error(28));
        assert_eq!(full.code(), "disk_full");
        assert!(full.message_ja().contains("空き容量が足りません"));
        let read_only = io(std::io::Error::from_raw_os_error(30));
        assert_eq!(read_only.code(), "read_only");
        assert!(read_only.message_ja().contains("書き込む権限がありません"));
        let denied = io(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(denied.code(), "read_only");
        let too_large = io(std::io::Error::from_raw_os_error(27));
        assert_eq!(too_large.code(), "file_too_large");
        assert!(too_large.message_ja().contains("大きさのファイル"));
    }
}
