//! Backups restore, on the same PC or a new one, to exactly what was saved; a bad
//! file or a bad place is refused with a clear message and nothing is lost.

mod common;

use common::*;
use hotto::backup::{self, AutoBackup, RotationPolicy};
use hotto::store::audit;
use hotto::{DataDir, Store};

fn write_marker_rows(store: &mut Store, director: &hotto::Session, n: usize) {
    for i in 0..n {
        store
            .write(director, |tx| {
                tx.audit("test.write", "test", None, &format!("write {i}"))
            })
            .unwrap();
    }
}

#[test]
fn a_backup_restores_on_a_fresh_pc_to_identical_counts_and_a_verifying_chain() {
    let (tmp, _dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    write_marker_rows(&mut store, &director, 20);
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let mut steps = 0;
    let info =
        backup::backup_to_folder(&mut store, &director, &folder, &mut |_| steps += 1).unwrap();
    assert!(steps > 0, "progress is reported");
    // The app keeps writing after the backup.
    write_marker_rows(&mut store, &director, 5);
    drop(store);

    let fresh = DataDir::at(tmp.path().join("new-pc"));
    let restored = backup::restore(&info.path, &fresh, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    assert!(restored.safety_copy.is_none());
    let (store, director) = Store::sign_in(&fresh, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let counts = store.read(&director, backup::row_counts).unwrap();
    for (table, n) in &info.row_counts {
        if table != "audit_log" {
            assert_eq!(counts[table], *n, "{table}");
        }
    }
    let chains = store.read(&director, |c| Ok(audit::verify(c)?)).unwrap();
    assert!(chains.iter().all(|c| c.first_break.is_none()));
    drop(store);
    // Staff sign in with the passwords they had.
    assert!(Store::sign_in(&fresh, "yamada", "yamada-pass-1").is_ok());
}

#[test]
fn restoring_over_a_database_keeps_a_safety_copy_first() {
    let (tmp, dir, mut store, director) = new_center();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    add_staff(&mut store, &director, "later", "後から", "later-pass-1");
    drop(store);
    let restored = backup::restore(&info.path, &dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let safety = restored.safety_copy.expect("a safety copy");
    assert!(safety.join("hotto.db").exists() && safety.join("keys.json").exists());
    // Backups go onto USB sticks and Windows shares: no ':' of a clock time in their names.
    for made in [&info.path, &safety] {
        let name = made.file_name().unwrap().to_string_lossy();
        assert!(hotto::store::is_portable_file_name(&name), "{name}");
    }
    assert!(
        Store::sign_in(&dir, "later", "later-pass-1").is_err(),
        "the restored state has no later user"
    );
}

#[test]
fn a_wrong_password_on_restore_leaves_the_data_dir_untouched() {
    let (tmp, dir, mut store, director) = new_center();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    drop(store);
    let before = snapshot(dir.path());
    let err = backup::restore(&info.path, &dir, DIRECTOR, "wrong-password").unwrap_err();
    assert_eq!(err.code(), "wrong_credentials");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_cut_or_altered_backup_file_is_refused() {
    let (tmp, _dir, mut store, director) = new_center();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    drop(store);
    let bytes = std::fs::read(&info.path).unwrap();
    let cut = folder.join("cut.hottobak");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    assert!(backup::preview(&cut).is_err());
    let mut altered = bytes.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 1;
    let bad = folder.join("bad.hottobak");
    std::fs::write(&bad, &altered).unwrap();
    let err = backup::preview(&bad).unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");
    let fresh = DataDir::at(tmp.path().join("fresh"));
    assert!(backup::restore(&bad, &fresh, DIRECTOR, DIRECTOR_PASSWORD).is_err());
    assert!(!fresh.database().exists());
}

#[test]
fn a_missing_backup_folder_is_reported_not_skipped() {
    let (tmp, _dir, mut store, director) = new_center();
    let err = backup::backup_to_folder(
        &mut store,
        &director,
        &tmp.path().join("no-stick"),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), "io");
    assert!(err.message_ja().contains("保存先"));
    let err = backup::auto_backup(
        &mut store,
        &director,
        None,
        RotationPolicy::default(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err
        .message_ja()
        .contains("バックアップ先のフォルダが設定されていません"));
}

#[test]
fn the_daily_backup_runs_once_a_day_and_rotates_old_files() {
    let (tmp, _dir, mut store, director) = new_center();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    // Old backups from earlier days (copies of a real one under older names).
    let first = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    for day in 1..=9 {
        let old = folder.join(format!("hotto-202001{day:02}-120000.hottobak"));
        std::fs::copy(&first.path, old).unwrap();
    }
    std::fs::remove_file(&first.path).unwrap();
    let policy = RotationPolicy {
        daily: 3,
        weekly: 0,
        monthly: 0,
    };
    let outcome =
        backup::auto_backup(&mut store, &director, Some(&folder), policy, &mut |_| {}).unwrap();
    let AutoBackup::Written { deleted, .. } = outcome else {
        panic!("expected a new backup")
    };
    assert_eq!(deleted, 7, "9 old + 1 new, keep the newest 3 days");
    assert_eq!(backup::list_backups(&folder).unwrap().len(), 3);
    let again = backup::auto_backup(&mut store, &director, None, policy, &mut |_| {}).unwrap();
    assert!(matches!(again, AutoBackup::AlreadyToday { .. }));
}

#[test]
fn a_backup_file_holds_no_readable_name() {
    let (tmp, _dir, mut store, director) = new_center();
    add_staff(
        &mut store,
        &director,
        "yamada",
        "山田ヒミツ子",
        "yamada-pass-1",
    );
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    let bytes = std::fs::read(info.path).unwrap();
    assert!(!contains(&bytes, "山田ヒミツ子".as_bytes()));
    assert!(!contains(&bytes, b"yamada"));
}

#[test]
fn the_full_json_export_is_for_the_director_and_holds_every_table() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    let mut out = Vec::new();
    let summary = hotto::export::full_json(&mut store, &director, &mut out).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["format"], "hotto-export");
    assert_eq!(doc["tables"]["users"].as_array().unwrap().len(), 2);
    // This PC's own bookkeeping stays out: the export is the center's shared data.
    for local in hotto::sync::capture::LOCAL_TABLES {
        assert!(doc["tables"].get(*local).is_none(), "{local} exported");
    }
    assert!(doc["tables"]["clients"].is_array());
    assert!(doc["tables"]["audit_log"].is_array());
    assert!(summary.tables > 10);
    drop(store);
    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();
    let err = hotto::export::full_json(&mut store, &yamada, &mut Vec::new()).unwrap_err();
    assert_eq!(err.code(), "permission_denied");
}

/// Every row of every shared table, in rowid order, as text (local bookkeeping left out).
fn contents(
    store: &Store,
    actor: &hotto::Session,
) -> std::collections::BTreeMap<String, Vec<String>> {
    store
        .read(actor, |c| {
            let mut stmt = c
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .unwrap();
            let tables: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(|t| t.unwrap())
                .filter(|t| !hotto::sync::capture::LOCAL_TABLES.contains(&t.as_str()))
                .collect();
            let mut all = std::collections::BTreeMap::new();
            for table in tables {
                let mut stmt = c.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid")).unwrap();
                let n = stmt.column_count();
                let rows: Vec<String> = stmt
                    .query_map([], |r| {
                        Ok((0..n)
                            .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                            .collect::<Vec<_>>()
                            .join("|"))
                    })
                    .unwrap()
                    .map(|r| r.unwrap())
                    .collect();
                all.insert(table, rows);
            }
            Ok(all)
        })
        .unwrap()
}

#[test]
fn a_streamed_backup_restores_to_identical_contents_and_reports_progress_to_the_end() {
    let (tmp, _dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    write_marker_rows(&mut store, &director, 50);
    let before = contents(&store, &director);
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let mut seen = Vec::new();
    let info =
        backup::backup_to_folder(&mut store, &director, &folder, &mut |p| seen.push(p)).unwrap();
    let last = seen.last().expect("progress is reported");
    assert!(last.total > 0 && last.done == last.total, "{last:?}");
    assert!(
        seen.windows(2).all(|w| w[0].done <= w[1].done),
        "progress never goes back"
    );
    drop(store);

    let fresh = DataDir::at(tmp.path().join("new-pc"));
    backup::restore(&info.path, &fresh, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let (store, director) = Store::sign_in(&fresh, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let mut after = contents(&store, &director);
    // The restore and the sign-ins after it append to the audit log; what was there is unchanged.
    let audit_before = before.get("audit_log").unwrap().clone();
    let audit_after = after.remove("audit_log").unwrap();
    assert_eq!(audit_after[..audit_before.len()], audit_before[..]);
    let mut before = before;
    before.remove("audit_log");
    assert_eq!(after, before);
}

#[test]
fn a_file_written_whole_in_memory_by_the_version_one_writer_is_the_same_file_and_restores() {
    let (tmp, _dir, mut store, director) = new_center();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    drop(store);
    let streamed = std::fs::read(&info.path).unwrap();
    let parsed = backup::Container::read(&info.path).unwrap();
    assert_eq!(parsed.manifest.version, 1);
    let old = parsed.to_bytes().unwrap();
    assert_eq!(
        old, streamed,
        "the streamed writer keeps the version-1 layout byte for byte"
    );
    let v1 = folder.join("hotto-20240101-120000.hottobak");
    std::fs::write(&v1, &old).unwrap();
    assert_eq!(backup::preview(&v1).unwrap().row_counts, info.row_counts);
    let fresh = DataDir::at(tmp.path().join("new-pc"));
    backup::restore(&v1, &fresh, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    assert!(Store::sign_in(&fresh, DIRECTOR, DIRECTOR_PASSWORD).is_ok());
}

#[test]
fn a_cut_backup_is_refused_by_restore_and_leaves_the_data_dir_as_it_was() {
    let (tmp, dir, mut store, director) = new_center();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    add_staff(&mut store, &director, "later", "後から", "later-pass-1");
    drop(store);
    let bytes = std::fs::read(&info.path).unwrap();
    for keep in [bytes.len() - 1, bytes.len() - 40, bytes.len() / 2, 12] {
        let cut = folder.join("cut.hottobak");
        std::fs::write(&cut, &bytes[..keep]).unwrap();
        let before = snapshot(dir.path());
        let err = backup::restore(&cut, &dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap_err();
        assert!(
            err.to_string().contains("not a complete backup file"),
            "{err}"
        );
        assert_eq!(snapshot(dir.path()), before, "cut at {keep}");
    }
    assert!(Store::sign_in(&dir, "later", "later-pass-1").is_ok());
    let mut longer = bytes.clone();
    longer.push(0);
    let long = folder.join("long.hottobak");
    std::fs::write(&long, &longer).unwrap();
    assert!(
        backup::preview(&long).is_err(),
        "trailing bytes are refused"
    );
}

#[test]
fn no_temporary_file_is_left_in_the_backup_folder() {
    let (tmp, _dir, mut store, director) = new_center();
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let info = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    let names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names, vec![info.path]);
}

#[test]
fn a_backup_of_a_database_with_a_damaged_page_is_refused_and_leaves_no_file() {
    let (tmp, dir, mut store, director) = new_center();
    write_marker_rows(&mut store, &director, 300);
    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    // The first backup checkpoints everything into the file; old audit pages in the
    // middle of it are never written again.
    let first = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap();
    std::fs::remove_file(&first.path).unwrap();
    let db = dir.database();
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    let middle = (bytes.len() / page / 3) * page + 1000;
    bytes[middle] ^= 0x5a;
    std::fs::write(&db, &bytes).unwrap();

    let err = backup::backup_to_folder(&mut store, &director, &folder, &mut |_| {}).unwrap_err();
    assert!(!err.message_ja().is_empty(), "{err}");
    assert!(
        std::fs::read_dir(&folder).unwrap().next().is_none(),
        "no backup and no temporary file is left"
    );
}
