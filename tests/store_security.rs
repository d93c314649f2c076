//! The store keeps client data unreadable without a password, lets each staff
//! member in with their own password, and refuses what would corrupt it.

mod common;

use common::*;
use hotto::accounts;
use hotto::recovery;
use hotto::store::{open_with_raw_key, StoreError};
use hotto::{CoreError, DataDir, Role, Store};

fn is(err: &CoreError, code: &str) -> bool {
    err.code() == code
}

#[test]
fn known_names_are_not_found_in_any_file_of_the_data_dir() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(
        &mut store,
        &director,
        "yamada",
        "山田ヒミツ子",
        "staff-pass-1",
    );
    store
        .write(&director, |tx| {
            tx.conn()
                .execute_batch("CREATE TABLE test_people (id TEXT PRIMARY KEY, name TEXT NOT NULL)")
                .unwrap();
            tx.conn()
                .execute("INSERT INTO test_people VALUES ('1', 'ZEBRA-MARKER-7')", [])
                .unwrap();
            tx.audit("test.marker", "test", None, "AUDIT-MARKER-SUMMARY")
        })
        .unwrap();
    let needles: [&[u8]; 4] = [
        "山田ヒミツ子".as_bytes(),
        b"ZEBRA-MARKER-7",
        b"AUDIT-MARKER-SUMMARY",
        b"yamada",
    ];

    let check = |when: &str| {
        let files = snapshot(dir.path());
        assert!(files.contains_key("hotto.db") && files.contains_key("keys.json"));
        for (name, bytes) in &files {
            for needle in needles {
                assert!(
                    !contains(bytes, needle),
                    "{when}: a known name is readable in {name}"
                );
            }
        }
        assert!(
            !files["hotto.db"].starts_with(b"SQLite format 3"),
            "{when}: plain SQLite header"
        );
    };
    check("while open (with -wal and -shm)");
    assert!(dir.path().join("hotto.db-wal").exists());
    drop(store);
    check("after closing");
}

#[test]
fn a_wrong_password_fails_clearly_and_leaves_every_file_unchanged() {
    let (_tmp, dir, store, _director) = new_center();
    drop(store);
    let before = snapshot(dir.path());
    let err = Store::sign_in(&dir, DIRECTOR, "not-the-password").unwrap_err();
    assert!(is(&err, "wrong_credentials"));
    assert_eq!(
        err.message_ja(),
        "ログインIDまたはパスワードが正しくありません。"
    );
    let err = Store::sign_in(&dir, "nobody", DIRECTOR_PASSWORD).unwrap_err();
    assert!(
        is(&err, "wrong_credentials"),
        "an unknown login gives the same answer"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn each_user_opens_the_database_with_their_own_password() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    add_staff(&mut store, &director, "suzuki", "鈴木", "suzuki-pass-1");
    drop(store);

    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();
    assert_eq!(yamada.role(), Role::Staff);
    assert_eq!(yamada.display_name(), "山田");
    accounts::change_password(&mut store, &yamada, "yamada", "yamada-new-pass").unwrap();
    drop(store);
    assert!(is(
        &Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap_err(),
        "wrong_credentials"
    ));
    let (store, _) = Store::sign_in(&dir, "YAMADA", "yamada-new-pass").unwrap();
    drop(store);

    let (mut store, director) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    accounts::remove_user(&mut store, &director, "suzuki").unwrap();
    drop(store);
    assert!(is(
        &Store::sign_in(&dir, "suzuki", "suzuki-pass-1").unwrap_err(),
        "wrong_credentials"
    ));
}

#[test]
fn staff_cannot_manage_accounts_and_the_last_director_stays() {
    let (_tmp, _dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    let err = accounts::remove_user(&mut store, &director, DIRECTOR).unwrap_err();
    assert!(matches!(err, CoreError::LastDirector));
    let err = accounts::set_role(&mut store, &director, DIRECTOR, Role::Staff).unwrap_err();
    assert!(matches!(err, CoreError::LastDirector));
    accounts::set_role(&mut store, &director, "yamada", Role::Director).unwrap();
    accounts::set_role(&mut store, &director, DIRECTOR, Role::Staff).unwrap();
    // The old director's session no longer carries the director role.
    let err = accounts::list_users(&store, &director).unwrap_err();
    assert!(is(&err, "invalid_session"));
}

#[test]
fn a_staff_member_cannot_add_a_user_even_without_the_ui() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    drop(store);
    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();
    let new = accounts::NewUser {
        login: "evil",
        display_name: "x",
        role: Role::Director,
        password: "evil-pass-1",
    };
    let err = accounts::add_user(&mut store, &yamada, &new).unwrap_err();
    assert_eq!(err.message_ja(), "この操作は施設長のみ行えます。");
    let err = accounts::change_password(&mut store, &yamada, DIRECTOR, "taken-over-1").unwrap_err();
    assert!(is(&err, "permission_denied"));
}

#[test]
fn rekey_keeps_every_row_and_the_old_key_no_longer_opens_the_file() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    let old = recovery::issue_recovery_secrets(&mut store, &director).unwrap();
    let users_before = accounts::list_users(&store, &director).unwrap();
    let new_code = recovery::rekey(&mut store, &director).unwrap();
    drop(store);

    let err = open_with_raw_key(&dir, &old.raw_key_hex).unwrap_err();
    assert!(matches!(err, StoreError::DatabaseKey));
    let (mut store, director) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    assert_eq!(
        accounts::list_users(&store, &director).unwrap(),
        users_before
    );
    let fresh = recovery::issue_recovery_secrets(&mut store, &director).unwrap();
    drop(store);
    assert!(open_with_raw_key(&dir, &fresh.raw_key_hex).is_ok());
    let (store, _) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();
    drop(store);
    // The rekey's code was replaced by the newer sheet's code.
    let err =
        recovery::reset_director_password(&dir, &new_code, DIRECTOR, "another-pass-1").unwrap_err();
    assert!(is(&err, "wrong_credentials"));
}

#[test]
fn the_recovery_code_resets_a_lost_director_password() {
    let (_tmp, dir, mut store, director) = new_center();
    let secrets = recovery::issue_recovery_secrets(&mut store, &director).unwrap();
    drop(store);
    let typed = secrets.code.display().to_lowercase();
    let code = recovery::RecoveryCode::parse(&typed).unwrap();
    recovery::reset_director_password(&dir, &code, DIRECTOR, "brand-new-pass").unwrap();
    assert!(Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).is_err());
    let (store, director) = Store::sign_in(&dir, DIRECTOR, "brand-new-pass").unwrap();
    let rows = store
        .read(&director, |c| {
            Ok(hotto::store::audit::list(c, &Default::default())?)
        })
        .unwrap();
    assert!(rows.iter().any(|r| r.action == "recovery.reset_password"));
}

#[test]
fn an_audit_row_edited_behind_the_softwares_back_is_named_by_verify() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    add_staff(&mut store, &director, "suzuki", "鈴木", "suzuki-pass-1");
    let key = recovery::issue_recovery_secrets(&mut store, &director)
        .unwrap()
        .raw_key_hex;
    let clean = store
        .read(&director, |c| Ok(hotto::store::audit::verify(c)?))
        .unwrap();
    assert_eq!(clean.len(), 1);
    assert!(clean[0].first_break.is_none());
    drop(store);

    let conn = open_with_raw_key(&dir, &key).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update")
        .unwrap();
    conn.execute(
        "UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3",
        [],
    )
    .unwrap();
    drop(conn);

    let (store, director) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let reports = store
        .read(&director, |c| Ok(hotto::store::audit::verify(c)?))
        .unwrap();
    let broken = reports[0].first_break.as_ref().expect("the edit is found");
    assert_eq!(broken.seq, 3);
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let (_tmp, dir, mut store, director) = new_center();
    let key = recovery::issue_recovery_secrets(&mut store, &director)
        .unwrap()
        .raw_key_hex;
    drop(store);
    let conn = open_with_raw_key(&dir, &key).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap_err();
    assert!(is(&err, "schema_too_new"), "{err}");
    assert!(err.message_ja().contains("新しい版"));
}

#[test]
fn a_second_open_of_the_same_data_dir_is_refused() {
    let (_tmp, dir, _store, _director) = new_center();
    let err = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap_err();
    assert!(is(&err, "already_open"));
    assert!(err.message_ja().contains("別のウィンドウ"));
}

#[test]
fn no_table_uses_an_integer_row_id_as_its_key() {
    let (_tmp, _dir, store, director) = new_center();
    let problems = store
        .read(&director, |conn| {
            let mut stmt = conn
                .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .unwrap();
            let tables: Vec<(String, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
            let mut problems = Vec::new();
            for (name, sql) in tables {
                if sql.to_uppercase().contains("AUTOINCREMENT") {
                    problems.push(format!("{name} uses AUTOINCREMENT"));
                }
                let mut info = conn.prepare(&format!("PRAGMA table_info({name})")).unwrap();
                let pk: Vec<(String, String)> = info
                    .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, i64>(5)?)))
                    .unwrap()
                    .map(Result::unwrap)
                    .filter(|(_, pk)| *pk > 0)
                    .map(|(ty, _)| (name.clone(), ty))
                    .collect();
                if pk.is_empty() {
                    problems.push(format!("{name} has no primary key"));
                }
                if pk.len() == 1 && pk[0].1.eq_ignore_ascii_case("INTEGER") {
                    problems.push(format!("{name} is keyed by an integer row id"));
                }
            }
            Ok(problems)
        })
        .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn two_stores_created_on_two_devices_get_different_device_ids() {
    let (_a, _, store_a, _) = new_center();
    let (_b, _, store_b, _) = new_center();
    assert_ne!(store_a.device_id(), store_b.device_id());
    assert_ne!(store_a.center_id(), store_b.center_id());
    assert!(hotto::ids::is_id(store_a.device_id()));
}

#[test]
fn bad_account_input_is_refused_with_a_japanese_message_and_nothing_saved() {
    let (_tmp, _dir, mut store, director) = new_center();
    let cases = [
        ("", "名前", "password-1", "ログインIDを入力してください。"),
        ("ok.login", "  ", "password-1", "表示名を入力してください。"),
        (
            "ok.login",
            "名前",
            "short",
            "パスワードは8文字以上で入力してください。",
        ),
        (
            "ok.login",
            "名\u{7}前",
            "password-1",
            "表示名に使えない文字（制御文字）が含まれています。",
        ),
        (
            "山田",
            "名前",
            "password-1",
            "ログインIDの形式が正しくありません。",
        ),
        (
            DIRECTOR,
            "名前",
            "password-1",
            "同じログインIDがすでに登録されています。",
        ),
    ];
    for (login, name, password, message) in cases {
        let new = accounts::NewUser {
            login,
            display_name: name,
            role: Role::Staff,
            password,
        };
        let err = accounts::add_user(&mut store, &director, &new).unwrap_err();
        assert_eq!(err.message_ja(), message, "{login:?} {name:?}");
    }
    assert_eq!(accounts::list_users(&store, &director).unwrap().len(), 1);
}

#[test]
fn init_refuses_a_folder_that_already_holds_a_center() {
    let (_tmp, dir, store, _) = new_center();
    drop(store);
    let center = hotto::store::NewCenter {
        facility_name: "x",
        login: "other",
        display_name: "x",
        password: "password-123",
    };
    let err = Store::init(&DataDir::at(dir.path()), &center).unwrap_err();
    assert!(is(&err, "already_initialised"));
}
