//! Writing a report, an export or a backup to a place that refuses: a full disk (a file that
//! is `/dev/full`, which answers every write with ENOSPC, as a full USB stick does) or a folder
//! that cannot exist (its parent is a regular file, which fails even for root). Each gives its
//! Japanese message, leaves no file behind, and changes nothing in the database.

#![cfg(unix)]

mod common;
mod counts;

use std::os::unix::fs::{symlink, FileTypeExt};
use std::path::Path;
use std::process::Command;

use counts::table_counts;
use hotto::backup;
use hotto::store::slots::PendingFile;

const DEV_FULL: &str = "/dev/full";

/// `/dev/full` is there and still the device it was (the tests only ever link to it).
fn dev_full_is_a_device() -> bool {
    std::fs::metadata(DEV_FULL).is_ok_and(|m| m.file_type().is_char_device())
}

/// Makes the temporary names a backup may use in the next minute point at `/dev/full`.
fn full_disk_for_backups(folder: &Path) {
    let now = chrono::Utc::now();
    for second in -2..60 {
        let at = now + chrono::Duration::seconds(second);
        let stamp = at.format("%Y%m%d-%H%M%S");
        let _ = symlink(DEV_FULL, folder.join(format!("hotto-{stamp}.partial")));
    }
}

fn files_named(folder: &Path, suffix: &str) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(suffix))
        .collect()
}

#[test]
fn a_backup_onto_a_full_disk_fails_with_the_disk_full_message_and_leaves_nothing_behind() {
    assert!(dev_full_is_a_device(), "this test needs Linux's /dev/full");
    let (tmp, _dir, mut store, director) = common::new_center();
    let stick = tmp.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    full_disk_for_backups(&stick);
    let before = table_counts(&store, &director);

    let err = backup::backup_to_folder(&mut store, &director, &stick, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err}");
    assert_eq!(
        err.message_ja(),
        "保存先の空き容量が足りません。不要なファイルを削除するか、別の保存先を選んでください。"
    );
    assert!(
        files_named(&stick, ".hottobak").is_empty(),
        "no backup file"
    );
    assert!(files_named(&stick, ".tmp").is_empty(), "no temporary copy");
    assert_eq!(
        table_counts(&store, &director),
        before,
        "no backup.create row"
    );
    assert!(dev_full_is_a_device());
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn an_export_onto_a_full_disk_fails_before_its_audit_row() {
    assert!(dev_full_is_a_device(), "this test needs Linux's /dev/full");
    let (tmp, _dir, mut store, director) = common::new_center();
    let out = tmp.path().join("export.json");
    symlink(DEV_FULL, tmp.path().join("export.json.tmp")).unwrap();
    let before = table_counts(&store, &director);

    let mut file = PendingFile::create(&out).unwrap();
    let err = hotto::export::full_json(&mut store, &director, &mut file).unwrap_err();
    drop(file);
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(err.message_ja().contains("空き容量が足りません"));
    assert!(!out.exists());
    assert!(
        !tmp.path().join("export.json.tmp").exists(),
        "the pending name is cleared"
    );
    assert_eq!(
        table_counts(&store, &director),
        before,
        "no export.full_json row"
    );
    assert!(dev_full_is_a_device());
}

#[test]
fn a_backup_into_a_folder_under_a_regular_file_fails_with_a_message_and_changes_nothing() {
    let (tmp, _dir, mut store, director) = common::new_center();
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let before = table_counts(&store, &director);
    let err = backup::backup_to_folder(&mut store, &director, &file.join("backup"), &mut |_| {})
        .unwrap_err();
    assert_eq!(
        err.message_ja(),
        "ファイルの読み書きに失敗しました。保存先を確認してください。"
    );
    assert_eq!(table_counts(&store, &director), before);
}

fn hotto(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hotto"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("HOTTO_USER", "sato")
        .env("HOTTO_PASSWORD", "director-pass-1")
        .env_remove("HOTTO_DATA_DIR")
        .output()
        .unwrap()
}

fn audit_rows(data: &Path, action: &str) -> usize {
    let out = hotto(data, &["audit", "list", "--action", action, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array().map_or(0, Vec::len)
}

#[test]
fn the_cli_refuses_a_place_it_cannot_write_before_doing_or_auditing_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert!(hotto(&data, &["init", "--director", "sato"])
        .status
        .success());
    let keys_before = std::fs::read(data.join("keys.json")).unwrap();
    let sign_ins = audit_rows(&data, "session.");
    let blocked = tmp.path().join("a-file");
    std::fs::write(&blocked, b"x").unwrap();

    for args in [
        vec!["recovery-sheet", "-o"],
        vec!["export", "-o"],
        vec!["report", "fte", "--date", "R7.4.1", "-o"],
    ] {
        let target = blocked.join("out.pdf");
        let mut args = args.clone();
        args.push(target.to_str().unwrap());
        let out = hotto(&data, &args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("hotto: could not create"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1);
    }
    assert_eq!(
        std::fs::read(data.join("keys.json")).unwrap(),
        keys_before,
        "the recovery code was not replaced"
    );
    // Only the audit listings themselves signed in: the refused commands never did.
    assert_eq!(audit_rows(&data, "session."), sign_ins + 1);
    assert_eq!(audit_rows(&data, "export."), 0);
    assert_eq!(audit_rows(&data, "recovery."), 0);
}

#[test]
fn the_cli_export_onto_a_full_disk_says_so_and_leaves_no_file() {
    assert!(dev_full_is_a_device(), "this test needs Linux's /dev/full");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert!(hotto(&data, &["init", "--director", "sato"])
        .status
        .success());
    let out_file = tmp.path().join("all.json");
    symlink(DEV_FULL, tmp.path().join("all.json.tmp")).unwrap();
    let out = hotto(&data, &["export", "-o", out_file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("No space left on device"), "{err}");
    assert!(!out_file.exists());
    assert_eq!(audit_rows(&data, "export."), 0);
    assert!(dev_full_is_a_device());
}
