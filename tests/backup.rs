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
    assert!(doc["tables"].get("local_device").is_none());
    assert!(summary.tables > 10);
    drop(store);
    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();
    let err = hotto::export::full_json(&mut store, &yamada, &mut Vec::new()).unwrap_err();
    assert_eq!(err.code(), "permission_denied");
}
