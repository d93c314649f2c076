//! One run of sync: send this PC's outbox as a sealed file, receive the other PCs'
//! files in causal order, acknowledge how far it got, tidy what everyone has applied.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};

use super::apply::{self, Applied};
use super::folder::{self, Ack, ChangeFile, Entry};
use super::{
    compact, devices, keyring, put_state, seal, set_folder, state, RefusedFile, SyncProblem,
    SyncProgress, SyncReport, SyncStage, COMPACT_AFTER_DAYS, LAST_RUN_KEY,
};
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

fn folder_unreachable(folder: &Path, e: &StoreError) -> CoreError {
    CoreError::rule(
        format!(
            "the sync folder {} cannot be used ({e}); changes stay on this PC and go out at the next sync",
            folder.display()
        ),
        "同期フォルダに接続できません。ネットワークやUSBメモリを確認してください。このPCの変更は保存されており、次回の同期で送られます。",
    )
}

fn write_problem(e: &StoreError) -> SyncProblem {
    let ja = match e.code() {
        "disk_full" => "同期フォルダの空き容量が足りません。このPCの変更は保存されており、空きができたら次回の同期で送られます。",
        "read_only" => "同期フォルダに書き込めません（読み取り専用です）。このPCの変更は保存されており、次回の同期で送られます。",
        _ => "同期フォルダに書き込めませんでした。このPCの変更は保存されており、次回の同期で送られます。",
    };
    SyncProblem {
        message: format!(
            "could not write to the sync folder: {e}; the changes stay here for the next sync"
        ),
        message_ja: ja.to_string(),
    }
}

/// One run of sync: writes this PC's new changes into `folder` (or the folder set
/// before; a given folder is remembered), applies the other PCs' changes in causal
/// order, acknowledges how far it got and tidies files every PC has applied.
///
/// A missing folder is an error; a full or read-only one, and refused files, are
/// reported in the [`SyncReport`] while the rest goes on. Any signed-in user may sync.
pub fn run(
    store: &mut Store,
    actor: &Session,
    folder: Option<&Path>,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<SyncReport> {
    store.check_session(actor)?;
    let folder = match folder {
        Some(f) => {
            if super::folder(store, actor)?.as_deref() != Some(f) {
                set_folder(store, actor, f)?;
            }
            f.to_path_buf()
        }
        None => super::folder(store, actor)?.ok_or_else(|| {
            CoreError::rule(
                "no sync folder is set: pass --folder once",
                "同期フォルダが設定されていません。設定画面で選んでください。",
            )
        })?,
    };
    folder::check(&folder).map_err(|e| folder_unreachable(&folder, &e))?;
    refresh_slots(store)?;
    let key = seal::sync_key(store.center_id(), store.master());
    let mut report = SyncReport::default();

    let mut acks = folder::read_acks(&folder, &key, store.center_id())
        .map_err(|e| folder_unreachable(&folder, &e))?;
    devices::apply_forgotten(store, &folder, &key, &mut acks)?;
    refuse_if_behind_itself(store, &folder, &acks)?;
    send(store, &folder, &key, &mut report, progress)?;
    let applied = receive(store, &folder, &key, &acks, &mut report, progress)?;
    report.received = applied.entries;
    report.new_conflicts = applied.conflicts;
    if applied.keyring_changed {
        refresh_slots(store)?;
    }

    let now = crate::store::now_text();
    let conn = store.connection();
    put_state(conn, LAST_RUN_KEY, &now)?;
    let ack = Ack {
        device_id: store.device_id().to_string(),
        applied: applied_map(conn)?,
        exported: exported_seq(conn)?,
        at: now,
    };
    if let Err(e) = folder::write_ack(&folder, &key, store.center_id(), &ack) {
        report.problems.push(write_problem(&e));
    }
    progress(SyncProgress {
        stage: SyncStage::Tidying,
        done: 0,
        total: 0,
    });
    let tidied = compact::tidy(store, actor, &folder, &acks, COMPACT_AFTER_DAYS, &mut |p| {
        progress(SyncProgress {
            stage: SyncStage::Tidying,
            done: p.done,
            total: p.total,
        })
    });
    match tidied {
        Ok(n) => report.tidied = n,
        Err(CoreError::Store(e)) => report.problems.push(write_problem(&e)),
        Err(e) => report.problems.push(SyncProblem {
            message: e.to_string(),
            message_ja: e.message_ja(),
        }),
    }
    Ok(report)
}

/// A PC whose data is older than what it already sent (restored from a backup)
/// would reuse its sequence numbers, and the other PCs would skip the new changes:
/// it must be set up again from an enrolment file instead.
fn refuse_if_behind_itself(store: &Store, folder: &Path, acks: &[Ack]) -> Result<()> {
    let me = store.device_id();
    // Only a send raises this number, and the check runs before sending: a restored
    // file has the number it had at backup time.
    let last = exported_seq(store.connection())?;
    let said = acks
        .iter()
        .find(|a| a.device_id == me)
        .map(|a| a.exported)
        .unwrap_or(0);
    let newest_file = folder::change_files(folder)
        .map_err(|e| folder_unreachable(folder, &e))?
        .into_iter()
        .filter(|f| f.device_id == me)
        .map(|f| f.first_seq)
        .max()
        .unwrap_or(0);
    if said > last || newest_file > last {
        return Err(CoreError::rule(
            "this PC's data is older than what it already sent to the sync folder (restored from a backup?): set it up again with `sync export-enrolment` on an up-to-date PC and `sync join`",
            "このPCのデータは、すでに同期フォルダへ送った内容より古くなっています（バックアップから復元しましたか）。最新のPCで登録ファイルを作り、このPCを登録し直してください。",
        ));
    }
    Ok(())
}

/// Rewrites `keys.json` from the synced key slots when they changed.
fn refresh_slots(store: &mut Store) -> Result<()> {
    if let Some(next) = keyring::rebuild(store.connection(), store.slots())? {
        store.set_slots(next)?;
    }
    Ok(())
}

fn exported_seq(conn: &Connection) -> Result<i64> {
    Ok(state(conn, "exported_seq")?
        .and_then(|s| s.parse().ok())
        .unwrap_or(0))
}

pub(crate) fn applied_map(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn
        .prepare("SELECT device_id, seq FROM sync_applied")
        .map_err(StoreError::from)?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(StoreError::from)?
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?;
    Ok(map)
}

/// Writes the outbox's unsent changes as one sealed file.
fn send(
    store: &Store,
    folder: &Path,
    key: &crate::store::keys::SecretKey,
    report: &mut SyncReport,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<()> {
    let conn = store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT seq, hlc, deps, changeset FROM sync_outbox WHERE exported = 0 ORDER BY seq",
        )
        .map_err(StoreError::from)?;
    let entries: Vec<Entry> = stmt
        .query_map([], |r| {
            let deps: String = r.get(2)?;
            Ok(Entry {
                seq: r.get(0)?,
                hlc: r.get(1)?,
                deps: serde_json::from_str(&deps).unwrap_or_default(),
                changeset: r.get(3)?,
            })
        })
        .map_err(StoreError::from)?
        .collect::<rusqlite::Result<_>>()
        .map_err(StoreError::from)?;
    let Some(last) = entries.last().map(|e| e.seq) else {
        return Ok(());
    };
    progress(SyncProgress {
        stage: SyncStage::Sending,
        done: 0,
        total: 1,
    });
    let written = folder::write_changes(
        folder,
        key,
        store.center_id(),
        store.device_id(),
        store.schema_version()?,
        &entries,
    );
    match written {
        Ok(_) => {
            let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
            tx.execute(
                "UPDATE sync_outbox SET exported = 1 WHERE seq <= ?1",
                [last],
            )
            .map_err(StoreError::from)?;
            put_state(&tx, "exported_seq", &last.to_string())?;
            tx.commit().map_err(StoreError::from)?;
            report.sent = entries.len() as u64;
        }
        Err(e) => report.problems.push(write_problem(&e)),
    }
    progress(SyncProgress {
        stage: SyncStage::Sending,
        done: 1,
        total: 1,
    });
    Ok(())
}

fn file_name(file: &ChangeFile) -> String {
    file.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Applies the other PCs' files in causal order: a change waits until every
/// change its writer had applied is applied here too.
fn receive(
    store: &Store,
    folder: &Path,
    key: &crate::store::keys::SecretKey,
    acks: &[Ack],
    report: &mut SyncReport,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<Applied> {
    let conn = store.connection();
    let me = store.device_id();
    let schema = store.schema_version()?;
    let files: Vec<ChangeFile> = folder::change_files(folder)
        .map_err(|e| folder_unreachable(folder, &e))?
        .into_iter()
        .filter(|f| f.device_id != me)
        .collect();
    let mut by_device: BTreeMap<String, Vec<ChangeFile>> = BTreeMap::new();
    for f in &files {
        by_device
            .entry(f.device_id.clone())
            .or_default()
            .push(f.clone());
    }
    let last_sync: HashMap<&str, &str> = acks
        .iter()
        .map(|a| (a.device_id.as_str(), a.at.as_str()))
        .collect();
    let mut applied = applied_map(conn)?;
    let mut loaded: HashMap<PathBuf, Vec<Entry>> = HashMap::new();
    let mut stopped: BTreeMap<String, ()> = BTreeMap::new();
    let mut out = Applied::default();
    let total = files.len() as u64;
    loop {
        let mut moved = false;
        for (device, files) in &by_device {
            if stopped.contains_key(device) {
                continue;
            }
            let next = applied.get(device).copied().unwrap_or(0) + 1;
            // Without a file that starts early enough, the first one is still opened:
            // a foreign or damaged file is refused now rather than waited for.
            let file = files
                .iter()
                .rev()
                .find(|f| f.first_seq <= next)
                .unwrap_or(&files[0]);
            if !loaded.contains_key(&file.path) {
                match folder::read_changes(file, key, store.center_id(), schema) {
                    Ok(entries) => {
                        loaded.insert(file.path.clone(), entries);
                    }
                    Err(refusal) => {
                        report.refused.push(RefusedFile {
                            file: file_name(file),
                            reason: refusal.reason(),
                            reason_ja: refusal.reason_ja(),
                        });
                        stopped.insert(device.clone(), ());
                        continue;
                    }
                }
                progress(SyncProgress {
                    stage: SyncStage::Receiving,
                    done: loaded.len() as u64,
                    total,
                });
            }
            let entries = &loaded[&file.path];
            let n = apply_ready(
                conn,
                device,
                entries,
                &mut applied,
                me,
                last_sync.get(device.as_str()).copied(),
                &mut out,
            )?;
            moved |= n > 0;
        }
        if !moved {
            break;
        }
    }
    for (device, files) in &by_device {
        let next = applied.get(device).copied().unwrap_or(0) + 1;
        let has_more = files.iter().any(|f| {
            loaded
                .get(&f.path)
                .is_none_or(|e| e.last().is_some_and(|l| l.seq >= next))
        });
        if has_more && !stopped.contains_key(device) {
            report.waiting_for.push(device.clone());
        }
    }
    note_last_sync(conn, acks, me)?;
    Ok(out)
}

/// Applies, in one transaction, the entries of one file that are next in line and
/// whose dependencies are met. Returns how many were applied.
fn apply_ready(
    conn: &Connection,
    device: &str,
    entries: &[Entry],
    applied: &mut BTreeMap<String, i64>,
    me: &str,
    last_sync_at: Option<&str>,
    out: &mut Applied,
) -> Result<u64> {
    let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
    // A changeset lists tables in the order they were first touched, not parents first.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")
        .map_err(StoreError::from)?;
    let now = crate::store::now_text();
    let mut n = 0;
    for entry in entries {
        let done = applied.get(device).copied().unwrap_or(0);
        if entry.seq <= done {
            continue;
        }
        let ready = entry.seq == done + 1
            && entry
                .deps
                .iter()
                .all(|(d, s)| d == me || d == device || applied.get(d).copied().unwrap_or(0) >= *s);
        if !ready {
            break;
        }
        apply::apply_entry(&tx, device, entry, last_sync_at, &now, out)?;
        applied.insert(device.to_string(), entry.seq);
        n += 1;
    }
    tx.commit().map_err(StoreError::from)?;
    Ok(n)
}

/// Remembers when each other PC last synced, from its acknowledgement.
fn note_last_sync(conn: &Connection, acks: &[Ack], me: &str) -> Result<()> {
    let now = crate::store::now_text();
    for ack in acks.iter().filter(|a| a.device_id != me) {
        conn.execute(
            "INSERT INTO sync_applied (device_id, seq, last_sync_at, applied_at) VALUES (?1, 0, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET last_sync_at = ?2",
            params![ack.device_id, ack.at, now],
        )
        .map_err(StoreError::from)?;
    }
    Ok(())
}
