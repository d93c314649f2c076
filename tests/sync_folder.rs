//! The sync folder as the office sees it: damaged, truncated or foreign files are
//! refused whole, the folder and the enrolment file hold no readable name, a missing
//! folder loses nothing, a PC restored from an old backup is stopped, old files are
//! tidied behind a snapshot, a replaced PC is forgotten.

mod common;
mod sync_office;

use std::path::PathBuf;

use common::*;
use hotto::sync;
use hotto::Store;
use sync_office::*;

fn write_changes_of_one_client(office: &mut Office) -> PathBuf {
    client(&mut office.pcs[0], "見本 次郎", "ミホン ジロウ");
    let report = run(&mut office.pcs[0]);
    assert!(report.sent > 0);
    let me = office.pcs[0].store.device_id().to_string();
    std::fs::read_dir(&office.folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&me) && name.ends_with(".hsync")
        })
        .max()
        .unwrap()
}

fn clients_on(pc: &Pc) -> i64 {
    pc.store
        .read(&pc.s, |c| {
            Ok(
                c.query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
                    .unwrap(),
            )
        })
        .unwrap()
}

#[test]
fn a_corrupted_or_truncated_file_is_refused_whole_and_sync_resumes_once_it_is_sound() {
    let mut office = office(2);
    settle(&mut office);
    let file = write_changes_of_one_client(&mut office);
    let sound = std::fs::read(&file).unwrap();
    let mut flipped = sound.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    for damaged in [flipped, sound[..sound.len() - 10].to_vec()] {
        std::fs::write(&file, &damaged).unwrap();
        let before = clients_on(&office.pcs[1]);
        let pc = &mut office.pcs[1];
        let report = sync::run(&mut pc.store, &pc.s, None, &mut |_| {}).unwrap();
        assert_eq!(report.refused.len(), 1);
        assert_eq!(report.received, 0);
        let err = report.as_error().unwrap();
        assert!(err.to_string().contains("was refused"), "{err}");
        assert!(err.message_ja().contains("取り込めませんでした"));
        assert_eq!(
            clients_on(&office.pcs[1]),
            before,
            "nothing applied from a damaged file"
        );
    }
    std::fs::write(&file, &sound).unwrap();
    let report = run(&mut office.pcs[1]);
    assert!(report.received > 0);
    assert_eq!(clients_on(&office.pcs[1]), clients_on(&office.pcs[0]));
}

#[test]
fn a_file_from_another_center_is_refused() {
    let mut office = office(2);
    let mut other = self::office(1);
    let file = write_changes_of_one_client(&mut other);
    let foreign = office.folder.join(file.file_name().unwrap());
    std::fs::copy(&file, &foreign).unwrap();
    let pc = &mut office.pcs[1];
    let report = sync::run(&mut pc.store, &pc.s, None, &mut |_| {}).unwrap();
    assert_eq!(report.refused.len(), 1);
    assert!(report.refused[0].reason.contains("another center"));
    assert!(report.as_error().is_some());
}

#[test]
fn the_sync_folder_and_the_enrolment_file_hold_no_readable_client_name() {
    let mut office = office(2);
    let id = client(&mut office.pcs[0], "見本 三郎", "ミホン サブロウ");
    consultation(&mut office.pcs[0], &id, day(2025, 5, 1));
    settle(&mut office);
    let enrolment = office.tmp.path().join("again.hottobak");
    let pc = &mut office.pcs[0];
    sync::export_enrolment(&mut pc.store, &pc.s, &enrolment, &mut |_| {}).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&office.folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push(enrolment);
    assert!(files.len() >= 4);
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        for needle in ["見本 三郎", "ミホン サブロウ", "求人について"] {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{} holds {needle}",
                file.display()
            );
        }
    }
}

#[test]
fn a_missing_sync_folder_is_reported_and_the_changes_wait_for_the_next_run() {
    let mut office = office(2);
    client(&mut office.pcs[0], "見本 四郎", "ミホン シロウ");
    let moved = office.tmp.path().join("share-unplugged");
    std::fs::rename(&office.folder, &moved).unwrap();
    let pc = &mut office.pcs[0];
    let err = sync::run(&mut pc.store, &pc.s, None, &mut |_| {}).unwrap_err();
    assert!(err.message_ja().contains("同期フォルダに接続できません"));
    assert!(sync::status(&pc.store, &pc.s).unwrap().pending_outgoing > 0);
    std::fs::rename(&moved, &office.folder).unwrap();
    settle(&mut office);
    assert_same_everywhere(&office);
}

#[test]
fn a_pc_restored_from_an_older_backup_is_told_to_join_again_instead_of_reusing_its_numbers() {
    let mut office = office(2);
    let backups = office.tmp.path().join("usb");
    std::fs::create_dir_all(&backups).unwrap();
    let pc = &mut office.pcs[1];
    let backup =
        hotto::backup::backup_to_folder(&mut pc.store, &pc.s, &backups, &mut |_| {}).unwrap();
    client(&mut office.pcs[1], "見本 六郎", "ミホン ロクロウ");
    run(&mut office.pcs[1]);
    let Pc { dir, store, .. } = office.pcs.remove(1);
    drop(store);
    hotto::backup::restore(&backup.path, &dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let (mut store, s) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let err = sync::run(&mut store, &s, None, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("set it up again"), "{err}");
    assert!(err.message_ja().contains("登録し直してください"));
}

#[test]
fn files_every_pc_has_applied_are_tidied_away_and_sync_goes_on() {
    let mut office = office(2);
    for round in 0..3 {
        client(
            &mut office.pcs[0],
            &format!("見本 {round}"),
            "ミホン テスト",
        );
        settle(&mut office);
    }
    let me = office.pcs[0].store.device_id().to_string();
    let mine = |folder: &std::path::Path| {
        std::fs::read_dir(folder)
            .unwrap()
            .filter(|e| {
                let name = e
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .into_owned();
                name.starts_with(&me) && name.ends_with(".hsync")
            })
            .count()
    };
    assert!(mine(&office.folder) >= 3);
    let pc = &mut office.pcs[0];
    let compacted = sync::compact(&mut pc.store, &pc.s, &office.folder, 0).unwrap();
    assert_eq!(mine(&office.folder), 1, "only the newest file stays");
    assert!(compacted.files >= 2);
    client(&mut office.pcs[0], "見本 後", "ミホン アト");
    settle(&mut office);
    assert_same_everywhere(&office);
}

fn hotto(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hotto"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("HOTTO_USER", DIRECTOR)
        .env("HOTTO_PASSWORD", DIRECTOR_PASSWORD)
        .env_remove("HOTTO_DATA_DIR")
        .output()
        .expect("run hotto")
}

#[test]
fn the_command_line_joins_a_pc_syncs_it_and_names_a_refused_file() {
    let mut office = office(1);
    client(&mut office.pcs[0], "見本 七郎", "ミホン シチロウ");
    let enrolment = office.tmp.path().join("enrolment.hottobak");
    let first = office.pcs.remove(0);
    let first_dir = first.dir.path().to_path_buf();
    drop(first);
    let folder = office.folder.to_str().unwrap();
    let out = hotto(
        &first_dir,
        &[
            "sync",
            "export-enrolment",
            "-o",
            enrolment.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let second = office.tmp.path().join("second");
    let out = hotto(
        &second,
        &[
            "sync",
            "join",
            enrolment.to_str().unwrap(),
            "--folder",
            folder,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(hotto(&first_dir, &["sync", "run"]).status.success());
    let out = hotto(&second, &["sync", "run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("received"));
    let status = String::from_utf8_lossy(&hotto(&second, &["sync", "status"]).stdout).into_owned();
    assert!(
        status.contains("(this PC)") && status.contains("conflicts to review: 0"),
        "{status}"
    );

    std::fs::write(
        office
            .folder
            .join("01a0b0c0-0000-7000-8000-000000000000-000000000001.hsync"),
        b"HOTTOSYNC junk",
    )
    .unwrap();
    let out = hotto(&second, &["sync", "run"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("01a0b0c0-0000-7000-8000-000000000000-000000000001.hsync")
            && err.contains("was refused"),
        "{err}"
    );
}

fn files_of(folder: &std::path::Path, device: &str) -> usize {
    std::fs::read_dir(folder)
        .unwrap()
        .filter(|e| {
            let name = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            name.starts_with(device) && name.ends_with(".hsync")
        })
        .count()
}

fn audited(pc: &Pc, action: &str, entity: &str) -> i64 {
    pc.store
        .read(&pc.s, |c| {
            Ok(c.query_row(
                "SELECT count(*) FROM audit_log WHERE action = ?1 AND entity_id = ?2",
                [action, entity],
                |r| r.get(0),
            )
            .unwrap())
        })
        .unwrap()
}

#[test]
fn a_forgotten_pc_no_longer_holds_back_tidying_and_is_refused_when_it_comes_back() {
    let mut office = office(3);
    client(&mut office.pcs[2], "見本 八郎", "ミホン ハチロウ");
    settle(&mut office);
    // PC 2 is replaced: it never syncs again.
    let mut gone = office.pcs.remove(2);
    let gone_id = gone.store.device_id().to_string();
    let me = office.pcs[0].store.device_id().to_string();
    for round in 0..3 {
        client(
            &mut office.pcs[0],
            &format!("見本 {round}"),
            "ミホン テスト",
        );
        settle(&mut office);
    }
    let pc = &mut office.pcs[0];
    sync::compact(&mut pc.store, &pc.s, &office.folder, 0).unwrap();
    assert!(
        files_of(&office.folder, &me) >= 3,
        "the files PC 2 has not applied wait for it"
    );

    let refused = sync::forget_device(&mut pc.store, &pc.s, &me).unwrap_err();
    assert!(refused.message_ja().contains("このPC自身"));
    sync::forget_device(&mut pc.store, &pc.s, &gone_id).unwrap();
    settle(&mut office);
    assert_eq!(audited(&office.pcs[1], "sync.forget_device", &gone_id), 1);
    let status = sync::status(&office.pcs[1].store, &office.pcs[1].s).unwrap();
    let line = status
        .devices
        .iter()
        .find(|d| d.device_id == gone_id)
        .unwrap();
    assert!(line.forgotten && line.last_sync_at.is_some());
    let pc = &mut office.pcs[0];
    let compacted = sync::compact(&mut pc.store, &pc.s, &office.folder, 0).unwrap();
    assert!(compacted.files >= 2);
    assert_eq!(
        files_of(&office.folder, &me),
        1,
        "only the newest file stays"
    );
    // What PC 2 sent before it went stays on every PC.
    assert_eq!(clients_on(&office.pcs[0]), clients_on(&gone) + 3);
    assert_same_everywhere(&office);

    let before: Vec<_> = std::fs::read_dir(&office.folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    // Every kind of file the folder holds (changes, acknowledgements, the forgotten PC's
    // file, the snapshot) has a name a Windows share accepts.
    for ext in ["hsync", "hack", "hforget", "hsnap"] {
        assert!(
            before
                .iter()
                .any(|n| n.to_string_lossy().ends_with(&format!(".{ext}"))),
            "no .{ext} file to check"
        );
    }
    for name in &before {
        let name = name.to_string_lossy();
        assert!(hotto::store::is_portable_file_name(&name), "{name}");
    }
    client(&mut gone, "見本 九郎", "ミホン クロウ");
    let err = sync::run(&mut gone.store, &gone.s, None, &mut |_| {}).unwrap_err();
    assert!(
        err.message_ja().contains("同期から外されています"),
        "{}",
        err.message_ja()
    );
    assert!(err.message_ja().contains("新しい登録ファイル"));
    let after: Vec<_> = std::fs::read_dir(&office.folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        before.len(),
        after.len(),
        "the forgotten PC wrote nothing into the folder"
    );
}

#[test]
fn a_pc_joining_from_an_enrolment_file_older_than_the_tidied_files_catches_up_from_the_snapshot() {
    let mut office = office(2);
    let old_enrolment = office.tmp.path().join("old.hottobak");
    let pc = &mut office.pcs[0];
    sync::export_enrolment(&mut pc.store, &pc.s, &old_enrolment, &mut |_| {}).unwrap();
    for round in 0..3 {
        client(
            &mut office.pcs[0],
            &format!("見本 {round}"),
            "ミホン テスト",
        );
        client(
            &mut office.pcs[1],
            &format!("架空 {round}"),
            "カクウ テスト",
        );
        settle(&mut office);
    }
    let mut tidied = 0;
    for pc in &mut office.pcs {
        tidied += sync::compact(&mut pc.store, &pc.s, &office.folder, 0)
            .unwrap()
            .files;
    }
    assert!(tidied >= 4, "{tidied}");
    let snapshots: Vec<_> = std::fs::read_dir(&office.folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "hsnap"))
        .collect();
    assert_eq!(snapshots.len(), 1, "one snapshot is kept");
    let bytes = std::fs::read(&snapshots[0]).unwrap();
    assert!(!contains(&bytes, "見本".as_bytes()) && !contains(&bytes, "ミホン".as_bytes()));
    client(&mut office.pcs[1], "見本 後", "ミホン アト");
    settle(&mut office);

    let dir = hotto::DataDir::at(office.tmp.path().join("late"));
    let (store, s) = sync::join(
        &old_enrolment,
        &dir,
        &office.folder,
        DIRECTOR,
        DIRECTOR_PASSWORD,
    )
    .unwrap();
    let mut late = Pc { dir, store, s };
    run(&mut late);
    office.pcs.push(late);
    settle(&mut office);
    assert_same_everywhere(&office);
    assert_eq!(clients_on(&office.pcs[2]), clients_on(&office.pcs[0]));

    std::fs::remove_file(&snapshots[0]).unwrap();
    let dir = hotto::DataDir::at(office.tmp.path().join("later"));
    let err = sync::join(
        &old_enrolment,
        &dir,
        &office.folder,
        DIRECTOR,
        DIRECTOR_PASSWORD,
    )
    .err()
    .unwrap();
    assert!(
        err.message_ja()
            .contains("登録ファイルを作り直してください"),
        "{}",
        err.message_ja()
    );
    assert!(!dir.database().exists(), "nothing is left half set up");
}

#[test]
fn the_command_line_forgets_a_replaced_pc_and_the_old_one_is_told_to_join_again() {
    let mut office = office(2);
    settle(&mut office);
    let old = office.pcs.remove(1);
    let old_id = old.store.device_id().to_string();
    let old_dir = old.dir.path().to_path_buf();
    drop(old);
    let first = office.pcs.remove(0);
    let first_dir = first.dir.path().to_path_buf();
    drop(first);

    let out = hotto(&first_dir, &["sync", "forget-device", &old_id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status =
        String::from_utf8_lossy(&hotto(&first_dir, &["sync", "status"]).stdout).into_owned();
    assert!(
        status.contains(&format!("device {old_id} (forgotten)")),
        "{status}"
    );
    let out = hotto(&old_dir, &["sync", "run"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("forgotten") && err.contains("sync join"),
        "{err}"
    );
}
