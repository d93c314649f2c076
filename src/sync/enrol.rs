//! Joining a PC to a center: the director exports an enrolment file (the backup
//! container: key slots and a snapshot made with SQLite's online backup API), the
//! new PC unpacks it into an empty data dir, takes a new device id, and catches
//! up from the sync folder from where the snapshot stops.

use std::path::{Path, PathBuf};

use rusqlite::params;

use crate::backup::{self, Manifest};
use crate::session::Session;
use crate::store::keys::SecretKey;
use crate::store::{DataDir, Store, StoreError, SCHEMA_VERSION};
use crate::{CoreError, Result};

/// Writes an enrolment file for a new PC to `output` (director, audited). It holds
/// the sealed key slots and the encrypted database: no readable client data.
pub fn export_enrolment(
    store: &mut Store,
    actor: &Session,
    output: &Path,
    progress: &mut dyn FnMut(backup::Progress),
) -> Result<PathBuf> {
    actor.require_director("export an enrolment file")?;
    let slots = store.slots().clone();
    store.write(actor, |tx| {
        super::capture::enable(tx.conn())?;
        super::keyring::mirror(tx.conn(), &slots, tx.now(), tx.actor().user_id())?;
        tx.audit(
            "sync.enrolment_export",
            "center",
            None,
            "enrolment file for a new PC exported",
        )
    })?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staging = parent.join(format!(".hotto-enrolment-{}", crate::ids::new_id()));
    std::fs::create_dir_all(&staging).map_err(|e| StoreError::io("create", &staging, e))?;
    let result = backup::backup_to_folder(store, actor, &staging, progress).and_then(|info| {
        std::fs::rename(&info.path, output).map_err(|e| StoreError::io("write", output, e).into())
    });
    let _ = std::fs::remove_dir_all(&staging);
    result.map(|()| output.to_path_buf())
}

/// Sets up this PC in the empty data dir `dir` from an enrolment file, as a
/// director of the center, with `folder` as its sync folder. Returns the open store.
///
/// When the folder no longer holds changes the enrolment file lacks (tidied away
/// since it was made), the folder's snapshot is unpacked instead, and this PC
/// catches up from it and the newer files.
pub fn join(
    file: &Path,
    dir: &DataDir,
    folder: &Path,
    login: &str,
    password: &str,
) -> Result<(Store, Session)> {
    if dir.is_initialised() || dir.database().exists() {
        return Err(StoreError::AlreadyInitialised(dir.path().to_path_buf()).into());
    }
    // Read through once for the manifest (and the file's hash), then streamed into
    // place: the database inside is never held in memory.
    let manifest = backup::check_file(file)?;
    check_version(&manifest)?;
    let unpacked = open_master(&manifest, login, password).and_then(|master| {
        if unpack(&manifest, file, dir, folder, &master)? {
            return Ok(false);
        }
        from_snapshot(&manifest, dir, folder, &master).map(|()| true)
    });
    let joined = unpacked.and_then(|from_snapshot| {
        let (mut store, session) = match Store::sign_in(dir, login, password) {
            // The snapshot carries today's passwords, the enrolment file older ones.
            Err(CoreError::Store(StoreError::WrongCredentials)) if from_snapshot => {
                return Err(CoreError::rule(
                    "this password changed since the enrolment file was made, and the PC has to start from the sync folder's snapshot: make a new enrolment file",
                    "登録ファイルを作ったあとにパスワードが変わっています。同期フォルダのスナップショットから始めるため、最新のPCで登録ファイルを作り直してください。",
                ))
            }
            other => other?,
        };
        session.require_director("join a PC to the center")?;
        store.write(&session, |tx| {
            tx.audit(
                "sync.join",
                "center",
                None,
                "this PC joined the center from an enrolment file",
            )
        })?;
        Ok((store, session))
    });
    if joined.is_err() {
        remove_database(dir);
    }
    joined
}

fn remove_database(dir: &DataDir) {
    for name in ["hotto.db", "hotto.db-wal", "hotto.db-shm", "keys.json"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
}

fn check_version(manifest: &Manifest) -> Result<()> {
    if manifest.schema_version != SCHEMA_VERSION {
        return Err(CoreError::rule(
            "the enrolment file was made by another version of ほっと: use the same version on every PC",
            "登録ファイルは別の版のほっとで作られています。すべてのPCで同じ版を使ってください。",
        ));
    }
    Ok(())
}

/// The center's master key, from the director's slot in the enrolment file.
fn open_master(manifest: &Manifest, login: &str, password: &str) -> Result<SecretKey> {
    let slots = &manifest.slots;
    let login = crate::accounts::normalise_login(login);
    let master = slots
        .user_slots(&login)
        .find_map(|slot| {
            slot.open(&slots.center_id, password.as_bytes())
                .ok()
                .flatten()
        })
        .ok_or(StoreError::WrongCredentials)?;
    Ok(master)
}

/// The enrolment file is older than what the folder still holds: replaces the
/// unpacked copy with the folder's snapshot (sealed with the same center key).
fn from_snapshot(
    enrolment: &Manifest,
    dir: &DataDir,
    folder: &Path,
    master: &SecretKey,
) -> Result<()> {
    let too_old = || {
        CoreError::rule(
            "the enrolment file is older than what the sync folder still holds, and the folder has no snapshot to start from: make a new enrolment file on an up-to-date PC",
            "登録ファイルが古く、同期フォルダにはそこから追いつくための変更もスナップショットも残っていません。最新のPCで登録ファイルを作り直してください。",
        )
    };
    remove_database(dir);
    let center_id = &enrolment.slots.center_id;
    let key = super::seal::sync_key(center_id, master);
    let staging = dir.path().join(".sync-snapshot.hottobak");
    let unpacked = super::snapshot::unpack_to(folder, &key, center_id, &staging);
    let result = match unpacked {
        Err(_) => Err(too_old()),
        Ok((_, path)) => backup::check_file(&path)
            .map_err(CoreError::from)
            .and_then(|snapshot| {
                check_version(&snapshot)?;
                if snapshot.slots.center_id != *center_id {
                    return Err(too_old());
                }
                if unpack(&snapshot, &path, dir, folder, master)? {
                    Ok(())
                } else {
                    Err(too_old())
                }
            }),
    };
    let _ = std::fs::remove_file(&staging);
    result
}

/// Writes the database copy and slots, then gives the copy its own device id and
/// the sync position of the PC it was taken from. Returns whether the folder holds
/// every change the copy lacks (false: some were tidied away since it was made).
fn unpack(
    manifest: &Manifest,
    file: &Path,
    dir: &DataDir,
    folder: &Path,
    master: &SecretKey,
) -> Result<bool> {
    let _lock = dir.lock()?;
    let slots = &manifest.slots;
    let db_key = slots.database_key.open(&slots.center_id, master)?;
    backup::unpack_database(file, &dir.database())?;
    slots.write(&dir.slot_file())?;
    let conn = crate::store::open_with_raw_key(dir, db_key.to_hex().as_str())?;
    let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
    let source: String = tx
        .query_row("SELECT device_id FROM local_device", [], |r| r.get(0))
        .map_err(StoreError::from)?;
    let source_seq = super::capture::last_seq(&tx)?;
    let now = crate::store::now_text();
    let device = crate::ids::new_id();
    let folder_text = folder.to_string_lossy().into_owned();
    tx.execute_batch(
        "DELETE FROM local_device; DELETE FROM sync_outbox;
         DELETE FROM sync_state WHERE key IN ('last_seq', 'exported_seq', 'last_run_at', 'folder');",
    )
    .map_err(StoreError::from)?;
    tx.execute(
        "INSERT INTO local_device (device_id, created_at) VALUES (?1, ?2)",
        params![device, now],
    )
    .map_err(StoreError::from)?;
    tx.execute(
        "INSERT INTO sync_applied (device_id, seq, last_sync_at, applied_at) VALUES (?1, ?2, NULL, ?3)
         ON CONFLICT (device_id) DO UPDATE SET seq = ?2",
        params![source, source_seq, now],
    )
    .map_err(StoreError::from)?;
    tx.execute(
        "INSERT INTO sync_state (key, value) VALUES ('folder', ?1)",
        [folder_text],
    )
    .map_err(StoreError::from)?;
    super::capture::enable(&tx)?;
    let applied = super::run::applied_map(&tx)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(!super::snapshot::has_gap(folder, &device, &applied))
}
