//! Where a center's files live, and the lock that keeps a second window or
//! process from opening them at the same time.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::session::Role;

/// File name of the encrypted database.
pub const DATABASE_FILE: &str = "hotto.db";
/// File name of the key-slot file.
pub const SLOT_FILE: &str = "keys.json";
/// File name of the single-writer lock.
pub const LOCK_FILE: &str = "hotto.lock";
/// File name of the fictional demo accounts written by `hotto demo`.
pub const DEMO_ACCOUNTS_FILE: &str = "demo-accounts.json";

/// Whether `name` is a file name Windows accepts as well as Linux: no `\\ / : * ? " < > |`, no
/// control character, no trailing dot or space, not a device name (`CON`, `NUL`, `COM1`, …, with
/// or without an extension). Every name the app makes (backups, sync files, temporary copies,
/// suggested names in a save dialog) must pass: Windows office PCs are the main target.
pub fn is_portable_file_name(name: &str) -> bool {
    const INVALID: &[char] = &['\\', '/', ':', '*', '?', '"', '<', '>', '|'];
    const DEVICES: &[&str] = &["CON", "PRN", "AUX", "NUL"];
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let upper = stem.to_ascii_uppercase();
    let device = DEVICES.contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit());
    !name.is_empty()
        && !name.chars().any(|c| c.is_control() || INVALID.contains(&c))
        && !name.ends_with(['.', ' '])
        && !device
}

/// The folder that holds one center's database and key slots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    path: PathBuf,
}

/// A demo login shown on the sign-in screen of a demo database (fictional people only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    /// Login name.
    pub login: String,
    /// Fictional display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The demo password (published in the README).
    pub password: String,
}

impl DataDir {
    /// `explicit` (`--data-dir`) first, then `HOTTO_DATA_DIR`, then the platform's per-user data dir.
    ///
    /// On Windows that is the *local* application data (`%LOCALAPPDATA%\hotto\hotto\data`),
    /// never the roaming one: a roaming profile or a redirected AppData would copy the database
    /// to a server at every sign-out (and onto another PC, where it would sync as the same
    /// device), and SQLite's WAL does not work on a network folder. Linux and macOS have one
    /// data folder (`~/.local/share/hotto`, `~/Library/Application Support/jp.hotto.hotto`).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<DataDir, StoreError> {
        if let Some(path) = explicit {
            return Ok(DataDir::at(path));
        }
        if let Some(path) = std::env::var_os("HOTTO_DATA_DIR").filter(|p| !p.is_empty()) {
            return Ok(DataDir::at(PathBuf::from(path)));
        }
        directories::ProjectDirs::from("jp", "hotto", "hotto")
            .map(|dirs| DataDir::at(dirs.data_local_dir().to_path_buf()))
            .ok_or_else(|| {
                StoreError::io(
                    "find",
                    "the per-user data folder",
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no home directory"),
                )
            })
    }

    /// The data dir at exactly `path`.
    pub fn at(path: impl Into<PathBuf>) -> DataDir {
        DataDir { path: path.into() }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The encrypted database file.
    pub fn database(&self) -> PathBuf {
        self.path.join(DATABASE_FILE)
    }

    /// The key-slot file.
    pub fn slot_file(&self) -> PathBuf {
        self.path.join(SLOT_FILE)
    }

    /// Whether a center has been set up here.
    pub fn is_initialised(&self) -> bool {
        self.slot_file().is_file()
    }

    /// Demo accounts written by `hotto demo` (empty for a real center).
    pub fn demo_accounts(&self) -> Vec<DemoAccount> {
        fs::read(self.path.join(DEMO_ACCOUNTS_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Takes the single-writer lock, creating the folder if needed.
    pub fn lock(&self) -> Result<DirLock, StoreError> {
        fs::create_dir_all(&self.path).map_err(|e| StoreError::io("create", &self.path, e))?;
        let path = self.path.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io("open", &path, e))?;
        // A lock that was just released can still be held for an instant by a process
        // forked at that moment (the lock follows the file into the fork until it execs):
        // try for half a second before calling the folder taken.
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(DirLock { _file: file }),
                Err(TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => return Err(StoreError::AlreadyOpen),
                Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", &path, e)),
            }
        }
    }
}

/// Held while a store is open; released (by the OS too, on a crash) when dropped.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_windows_refuses_are_not_portable() {
        for bad in [
            "hotto-2025-11-25T10:00:00.hottobak",
            "a*b.csv",
            "what?.pdf",
            "say\"hi\".txt",
            "<x>.pdf",
            "a|b",
            "back\\slash",
            "a/b",
            "tab\there",
            "trailing.",
            "trailing ",
            "",
            "CON",
            "nul.txt",
            "com1.pdf",
            "LPT9",
        ] {
            assert!(!is_portable_file_name(bad), "{bad:?} passed");
        }
        for good in [
            "hotto-20251125-100000.hottobak",
            "連絡会資料（令和7年11月25日）.pdf",
            ".restore-0199aa",
            "console.log",
            "COM10",
            "keys.json.tmp",
        ] {
            assert!(is_portable_file_name(good), "{good:?} refused");
        }
    }

    #[test]
    fn the_files_of_a_data_dir_have_portable_names() {
        for name in [DATABASE_FILE, SLOT_FILE, LOCK_FILE, DEMO_ACCOUNTS_FILE] {
            assert!(is_portable_file_name(name), "{name}");
        }
    }

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path());
        let first = dir.lock().unwrap();
        assert!(matches!(dir.lock(), Err(StoreError::AlreadyOpen)));
        drop(first);
        assert!(dir.lock().is_ok());
    }
}
