//! Verified encrypted backups and restore, streamed through one buffer so that memory
//! stays a few MB whatever the size of the database (an office PC has 4–8 GB).
//!
//! A backup checkpoints the WAL into the database file and, under a read transaction
//! (no checkpoint can then touch the file; the store is held `&mut` and the data dir's
//! lock keeps other processes out), streams the file's encrypted bytes into the
//! container with the SHA-256 computed on the way (`snapshot.rs`, `container.rs`).
//! Verification, chosen by cost at scale 10 (1.7 GB, 2-core build machine, CPU seconds):
//! - the written file is fsynced and read back whole; its SHA-256 must equal the one
//!   computed from the database as it was read: the file holds exactly those bytes
//!   (writing and reading back: ~5 s of CPU, bound by SHA-256 at 1.4 GB/s and the copy);
//! - `PRAGMA cipher_integrity_check` on a second read-only connection, on the other core
//!   meanwhile: every page's HMAC-SHA512 is valid under the database key, so every page
//!   decrypts to what SQLCipher wrote (~9 s of CPU; SHA-512 runs at 0.55 GB/s);
//! - the row count of every table goes into the manifest (~2 s), which a restore and a
//!   preview show and compare.
//!
//! Not run at backup time: `integrity_check` (the old check on a copy: most of the old
//! 2 minutes) and `quick_check` (~21 s of CPU): they re-walk B-trees the app reads every
//! day, and a byte-identical, authenticated copy of a sound database is that database. A
//! restore still runs `integrity_check` on what it unpacked before replacing anything.
//! A restore streams the database out of the file, checking the SHA-256 on the way.

mod container;
mod rotation;
mod snapshot;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

pub use self::container::{check_file, unpack_database, Container, Manifest};
pub use self::rotation::{plan_rotation, RotationPolicy};
use crate::session::Session;
use crate::store::{DataDir, Store, StoreError, DATABASE_FILE, SLOT_FILE};
use crate::{CoreError, Result};

/// The extension of backup files.
pub const EXTENSION: &str = "hottobak";

/// How far a backup has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Database pages copied so far.
    pub done: u64,
    /// Pages in all.
    pub total: u64,
}

/// A backup that was written and verified.
#[derive(Clone, Debug, Serialize)]
pub struct BackupInfo {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was made (UTC).
    pub created_at: String,
    /// Rows per table.
    pub row_counts: BTreeMap<String, i64>,
}

/// Writes a verified backup of the open store into `folder` as one dated file.
///
/// Any signed-in user may back up (the daily backup runs for whoever is signed in).
/// The store is held (`&mut`) for the few seconds it takes, so the snapshot is the
/// committed state at its start; `progress` reports pages checked, copied and read back.
pub fn backup_to_folder(
    store: &mut Store,
    actor: &Session,
    folder: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupInfo> {
    store.check_session(actor)?;
    if !folder.is_dir() {
        let missing = std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the backup folder does not exist",
        );
        return Err(StoreError::io("use", folder, missing).into());
    }
    let created_at = crate::store::now_text();
    let path = free_backup_name(folder);
    let (size, row_counts) = snapshot::write_verified(store, &path, &created_at, progress)?;

    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    store.write(actor, |tx| {
        tx.audit(
            "backup.create",
            "backup",
            None,
            &format!("verified backup {name} written"),
        )
    })?;
    Ok(BackupInfo {
        path,
        bytes: size,
        created_at,
        row_counts,
    })
}

/// `hotto-YYYYMMDD-HHMMSS.hottobak` (UTC), with `-2`, `-3`, … when that second is taken.
fn free_backup_name(folder: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S").to_string();
    let mut path = folder.join(format!("hotto-{stamp}.{EXTENSION}"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("hotto-{stamp}-{n}.{EXTENSION}"));
        n += 1;
    }
    path
}

/// Rows in every table of the database.
pub fn row_counts(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .map_err(StoreError::from)?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(StoreError::from)?
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?;
    let mut counts = BTreeMap::new();
    for table in tables {
        // Table names come from sqlite_master, not from input.
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .map_err(StoreError::from)?;
        counts.insert(table, n);
    }
    Ok(counts)
}

/// What a backup file holds, shown before restoring it.
#[derive(Clone, Debug, Serialize)]
pub struct Preview {
    /// When it was made (UTC).
    pub created_at: String,
    /// The center.
    pub center_id: String,
    /// Schema version inside.
    pub schema_version: u32,
    /// Rows per table.
    pub row_counts: BTreeMap<String, i64>,
    /// Size of the file.
    pub bytes: u64,
}

/// Reads a backup's manifest (the file is checked whole first).
pub fn preview(path: &Path) -> Result<Preview> {
    let manifest = container::check_file(path)?;
    Ok(preview_of(path, manifest))
}

fn preview_of(path: &Path, m: Manifest) -> Preview {
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    Preview {
        created_at: m.created_at,
        center_id: m.center_id,
        schema_version: m.schema_version,
        row_counts: m.row_counts,
        bytes,
    }
}

/// What a restore did.
#[derive(Clone, Debug, Serialize)]
pub struct Restored {
    /// Where the files that were there before were kept, if there were any.
    pub safety_copy: Option<PathBuf>,
    /// What was restored.
    pub preview: Preview,
}

/// Restores a backup into `dir` (empty or not) for a director of the backup, who
/// proves it with their password as it was at backup time. The backup is first
/// streamed out beside the data (its SHA-256 checked on the way), opened and checked
/// there; only then are the current files moved into a safety copy and the restored
/// ones put in place.
pub fn restore(path: &Path, dir: &DataDir, login: &str, password: &str) -> Result<Restored> {
    let lock = dir.lock()?;
    let staging = DataDir::at(
        dir.path()
            .join(format!(".restore-{}", crate::ids::new_id())),
    );
    let result = (|| -> Result<Restored> {
        std::fs::create_dir_all(staging.path())
            .map_err(|e| StoreError::io("create", staging.path(), e))?;
        let manifest = container::unpack_database(path, &staging.database())?;
        manifest.slots.write(&staging.slot_file())?;
        let (mut store, session) = Store::sign_in(&staging, login, password)?;
        session.require_director("restore a backup")?;
        // Signing in added its audit row (and this PC's sync bookkeeping); every other
        // table must match the manifest.
        let mut counts = row_counts(store.connection())?;
        let mut expected = manifest.row_counts.clone();
        for local in crate::sync::capture::LOCAL_TABLES {
            counts.remove(*local);
            expected.remove(*local);
        }
        let audit_grew = counts.remove("audit_log") > expected.remove("audit_log");
        if store.integrity_check()? != ["ok"] || counts != expected || !audit_grew {
            return Err(CoreError::rule(
                "the backup's database does not verify",
                "バックアップファイルの中身を検証できませんでした。別のバックアップをお試しください。",
            ));
        }
        let when = manifest.created_at.clone();
        store.write(&session, |tx| {
            tx.audit(
                "backup.restore",
                "backup",
                None,
                &format!("restored the backup made at {when}"),
            )
        })?;
        drop(store);
        let safety_copy = keep_safety_copy(dir)?;
        for name in [DATABASE_FILE, SLOT_FILE] {
            let from = staging.path().join(name);
            let to = dir.path().join(name);
            std::fs::rename(&from, &to).map_err(|e| StoreError::io("move", &to, e))?;
        }
        Ok(Restored {
            safety_copy,
            preview: preview_of(path, manifest),
        })
    })();
    let _ = std::fs::remove_dir_all(staging.path());
    drop(lock);
    result
}

/// Moves the current database, its WAL and the key slots into `safety-copies/<time>/`.
fn keep_safety_copy(dir: &DataDir) -> Result<Option<PathBuf>> {
    let names = [DATABASE_FILE, "hotto.db-wal", "hotto.db-shm", SLOT_FILE];
    if !names.iter().any(|n| dir.path().join(n).exists()) {
        return Ok(None);
    }
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S%3f");
    let safety = dir.path().join("safety-copies").join(stamp.to_string());
    std::fs::create_dir_all(&safety).map_err(|e| StoreError::io("create", &safety, e))?;
    for name in names {
        let from = dir.path().join(name);
        if from.exists() {
            std::fs::rename(&from, safety.join(name))
                .map_err(|e| StoreError::io("move", &from, e))?;
        }
    }
    Ok(Some(safety))
}

/// What the automatic daily backup did.
#[derive(Clone, Debug, Serialize)]
pub enum AutoBackup {
    /// A backup was written and verified; older ones were rotated out.
    Written {
        /// The new backup.
        info: BackupInfo,
        /// How many old backups were deleted by the rotation.
        deleted: usize,
    },
    /// Today's backup already exists.
    AlreadyToday {
        /// Its file.
        path: PathBuf,
    },
}

/// The daily backup into the folder set in the settings (or `folder`, which is
/// then remembered): skipped when today's exists; a missing or full folder is an
/// error for the app to show, never a silent skip.
pub fn auto_backup(
    store: &mut Store,
    actor: &Session,
    folder: Option<&Path>,
    policy: RotationPolicy,
    progress: &mut dyn FnMut(Progress),
) -> Result<AutoBackup> {
    let folder = match folder {
        Some(f) => {
            let value = f.to_string_lossy().into_owned();
            store.write(actor, |tx| {
                crate::settings::put(tx, crate::settings::BACKUP_FOLDER, &value)?;
                tx.audit(
                    "settings.backup_folder",
                    "settings",
                    None,
                    "backup folder set",
                )
            })?;
            f.to_path_buf()
        }
        None => {
            let set = store.read(actor, |c| {
                crate::settings::get(c, crate::settings::BACKUP_FOLDER)
            })?;
            PathBuf::from(set.ok_or_else(|| {
                CoreError::rule(
                    "no backup folder is set: pass --folder once",
                    "バックアップ先のフォルダが設定されていません。設定画面で選んでください。",
                )
            })?)
        }
    };
    let existing = list_backups(&folder)?;
    let today = chrono::Utc::now().date_naive();
    if let Some((path, _)) = existing.iter().find(|(_, at)| at.date() == today) {
        return Ok(AutoBackup::AlreadyToday { path: path.clone() });
    }
    let info = backup_to_folder(store, actor, &folder, progress)?;
    let all = list_backups(&folder)?;
    let made: Vec<_> = all.iter().map(|(_, at)| *at).collect();
    let mut deleted = 0;
    for i in plan_rotation(&made, policy) {
        if all[i].0 != info.path && std::fs::remove_file(&all[i].0).is_ok() {
            deleted += 1;
        }
    }
    Ok(AutoBackup::Written { info, deleted })
}

/// The backups in `folder` with the time in their names, oldest first.
pub fn list_backups(folder: &Path) -> Result<Vec<(PathBuf, chrono::NaiveDateTime)>> {
    let entries = std::fs::read_dir(folder).map_err(|e| StoreError::io("read", folder, e))?;
    let mut found: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let stamp = name
                .strip_prefix("hotto-")?
                .strip_suffix(&format!(".{EXTENSION}"))?;
            let at =
                chrono::NaiveDateTime::parse_from_str(stamp.get(..15)?, "%Y%m%d-%H%M%S").ok()?;
            Some((p, at))
        })
        .collect();
    found.sort_by_key(|(_, at)| *at);
    Ok(found)
}

/// A backup file found in the backup folder.
#[derive(Clone, Debug, Serialize)]
pub struct BackupFile {
    /// Its file name (`hotto-YYYYMMDD-HHMMSS.hottobak`: a time, never a name).
    pub file_name: String,
    /// When it was made (UTC), from its name.
    pub made_at: chrono::NaiveDateTime,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What the settings screen shows about backups: the chosen folder, the newest backup in it,
/// and why the folder cannot be used now (missing stick, unreadable share), if it cannot.
#[derive(Debug)]
pub struct BackupStatus {
    /// The folder chosen for backups, if any.
    pub folder: Option<PathBuf>,
    /// The newest backup there.
    pub newest: Option<BackupFile>,
    /// Why the folder cannot be used now.
    pub problem: Option<CoreError>,
}

/// The state of the backup folder for the signed-in user.
pub fn backup_status(store: &Store, actor: &Session) -> Result<BackupStatus> {
    let Some(folder) = crate::settings::backup_folder(store, actor)? else {
        return Ok(BackupStatus {
            folder: None,
            newest: None,
            problem: None,
        });
    };
    if !folder.is_dir() {
        return Ok(BackupStatus {
            folder: Some(folder),
            newest: None,
            problem: Some(crate::settings::folder_missing()),
        });
    }
    let (newest, problem) = match list_backups(&folder) {
        Ok(found) => (
            found.last().map(|(path, made_at)| BackupFile {
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                made_at: *made_at,
                bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or_default(),
            }),
            None,
        ),
        Err(e) => (None, Some(e)),
    };
    Ok(BackupStatus {
        folder: Some(folder),
        newest,
        problem,
    })
}

/// Writes a verified backup into the chosen folder now (any signed-in user). No folder chosen,
/// or one that is not there, is an error in Japanese, never a silent skip.
pub fn backup_now(
    store: &mut Store,
    actor: &Session,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupInfo> {
    let folder = crate::settings::backup_folder(store, actor)?.ok_or_else(|| {
        CoreError::rule(
            "no backup folder is set",
            "バックアップ先のフォルダが設定されていません。設定画面で選んでください。",
        )
    })?;
    if !folder.is_dir() {
        return Err(crate::settings::folder_missing());
    }
    backup_to_folder(store, actor, &folder, progress)
}
