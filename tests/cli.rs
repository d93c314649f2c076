//! The `hotto` command as a script or an administrator uses it.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_hotto");

fn hotto(dir: &Path, user: &str, password: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("HOTTO_USER", user)
        .env("HOTTO_PASSWORD", password)
        .env_remove("HOTTO_DATA_DIR")
        .output()
        .expect("run hotto")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn init(dir: &Path) -> String {
    let out = hotto(
        dir,
        "",
        "director-pass-1",
        &["init", "--director", "sato", "--name", "佐藤"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn init_shows_the_recovery_code_once() {
    let tmp = tempfile::tempdir().unwrap();
    let text = init(tmp.path());
    let code_line = text.lines().last().expect("a code line").trim();
    assert_eq!(code_line.len(), 39, "{text}");
    assert_eq!(
        code_line.split('-').count(),
        8,
        "eight groups of four: {text}"
    );
    assert!(code_line.split('-').all(|g| g.len() == 4));
    let again = hotto(
        tmp.path(),
        "",
        "director-pass-1",
        &["init", "--director", "sato"],
    );
    assert!(!again.status.success());
}

#[test]
fn a_wrong_password_prints_one_line_and_nothing_from_sqlcipher() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path());
    let out = hotto(tmp.path(), "sato", "wrong-password", &["user", "list"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("wrong user name or password"), "{err}");
    assert!(!err.to_lowercase().contains("hmac"));
}

#[test]
fn the_director_adds_and_lists_users_and_staff_cannot() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path());
    let add = Command::new(BIN)
        .args(["--data-dir"])
        .arg(tmp.path())
        .args(["user", "add", "yamada", "--name", "山田 花子"])
        .env("HOTTO_USER", "sato")
        .env("HOTTO_PASSWORD", "director-pass-1")
        .env("HOTTO_NEW_PASSWORD", "yamada-pass-1")
        .output()
        .unwrap();
    assert!(add.status.success(), "{}", stderr(&add));
    let list = hotto(tmp.path(), "sato", "director-pass-1", &["user", "list"]);
    assert!(stdout(&list).contains("山田 花子"));
    let denied = hotto(tmp.path(), "yamada", "yamada-pass-1", &["user", "list"]);
    assert!(!denied.status.success());
    assert!(stderr(&denied).contains("permission denied"));
    let audit = hotto(tmp.path(), "yamada", "yamada-pass-1", &["audit", "verify"]);
    assert!(!audit.status.success(), "staff cannot read the audit log");
}

#[test]
fn audit_verify_doctor_and_the_recovery_sheet_work_for_the_director() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    init(&data);
    let verify = hotto(&data, "sato", "director-pass-1", &["audit", "verify"]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(stdout(&verify).contains("chain verifies"));
    let doctor = hotto(&data, "sato", "director-pass-1", &["doctor"]);
    assert!(
        doctor.status.success(),
        "{}{}",
        stdout(&doctor),
        stderr(&doctor)
    );
    assert!(stdout(&doctor).contains("integrity: ok"));
    let pdf = tmp.path().join("sheet.pdf");
    let sheet = hotto(
        &data,
        "sato",
        "director-pass-1",
        &["recovery-sheet", "-o", pdf.to_str().unwrap()],
    );
    assert!(sheet.status.success(), "{}", stderr(&sheet));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let list = hotto(&data, "sato", "director-pass-1", &["audit", "list"]);
    assert!(stdout(&list).contains("recovery.sheet"));
}

#[test]
fn rekey_keeps_the_data_open_with_the_same_passwords() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path());
    let rekey = hotto(tmp.path(), "sato", "director-pass-1", &["rekey"]);
    assert!(rekey.status.success(), "{}", stderr(&rekey));
    let doctor = hotto(tmp.path(), "sato", "director-pass-1", &["doctor"]);
    assert!(doctor.status.success(), "{}", stdout(&doctor));
}

#[test]
fn a_missing_database_is_one_clear_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = hotto(tmp.path(), "sato", "x", &["user", "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("hotto init"));
    assert_eq!(stderr(&out).lines().count(), 1);
}

#[test]
fn demo_builds_a_center_whose_accounts_sign_in() {
    let tmp = tempfile::tempdir().unwrap();
    let out = hotto(tmp.path(), "", "", &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(tmp.path().join("demo-accounts.json").exists());
    let list = hotto(tmp.path(), "director", "hotto-demo", &["user", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    // Running demo again replaces the earlier demo.
    assert!(hotto(tmp.path(), "", "", &["demo"]).status.success());
}

#[test]
fn backup_preview_and_restore_on_a_new_pc_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    init(&data);
    let out = hotto(
        &data,
        "sato",
        "director-pass-1",
        &["backup", "-o", usb.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("verified"));
    let file = std::fs::read_dir(&usb)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(file.to_string_lossy().ends_with(".hottobak"));

    let preview = hotto(
        &data,
        "",
        "",
        &["restore", "--preview", file.to_str().unwrap()],
    );
    assert!(preview.status.success(), "{}", stderr(&preview));
    assert!(stdout(&preview).contains("users"));

    let new_pc = tmp.path().join("new-pc");
    let apply = hotto(
        &new_pc,
        "sato",
        "director-pass-1",
        &["restore", "--apply", file.to_str().unwrap()],
    );
    assert!(apply.status.success(), "{}", stderr(&apply));
    let list = hotto(&new_pc, "sato", "director-pass-1", &["user", "list"]);
    assert!(stdout(&list).contains("佐藤"));
}

#[test]
fn backup_to_a_missing_folder_fails_with_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    init(tmp.path());
    let out = hotto(
        tmp.path(),
        "sato",
        "director-pass-1",
        &["backup", "-o", "/nonexistent/usb"],
    );
    assert!(!out.status.success());
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}
