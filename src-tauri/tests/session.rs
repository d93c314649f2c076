//! The session commands against a real encrypted demo center, called as the
//! webview calls them but without a window (Tauri's mock runtime).

mod common;

use std::time::{Duration, Instant};

use hotto::DataDir;
use hotto_app::commands::{app::app_info, session};
use hotto_app::views::RoleView;
use hotto_app::AppState;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Manager};

struct Center {
    _tmp: tempfile::TempDir,
    app: App<MockRuntime>,
}

/// The demo center, built once for all tests (it takes seconds).
fn built_demo() -> &'static std::path::Path {
    common::built_demo(
        "session",
        chrono::NaiveDate::from_ymd_opt(2025, 11, 25).expect("a date"),
    )
}

/// A copy of the demo center (見本 一郎 director, 試験 花子 and 架空 次郎 staff) in a temp dir.
fn demo_center() -> Center {
    let tmp = tempfile::tempdir().expect("temp dir");
    for name in ["hotto.db", "keys.json", "demo-accounts.json"] {
        std::fs::copy(built_demo().join(name), tmp.path().join(name)).expect("copy the demo");
    }
    let dir = DataDir::at(tmp.path());
    let app = mock_builder()
        .manage(AppState::new(dir))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    Center { _tmp: tmp, app }
}

fn sign_in(
    center: &Center,
    login: &str,
    password: &str,
) -> Result<hotto_app::views::SessionView, hotto_app::AppError> {
    tauri::async_runtime::block_on(session::sign_in(
        center.app.state::<AppState>(),
        login.to_string(),
        password.to_string(),
    ))
}

#[test]
fn app_info_lists_the_demo_accounts_before_anyone_signs_in() {
    let center = demo_center();
    let info = app_info(center.app.state::<AppState>());
    assert!(info.initialised);
    let logins: Vec<&str> = info
        .demo_accounts
        .iter()
        .map(|a| a.login.as_str())
        .collect();
    assert_eq!(logins, ["director", "shuro1", "seikatsu1"]);
    assert_eq!(info.demo_accounts[0].role_label, "施設長");
    assert_eq!(info.demo_accounts[1].role_label, "職員");
}

#[test]
fn signing_in_opens_a_session_and_signing_out_closes_it() {
    let center = demo_center();
    let signed = sign_in(&center, "director", hotto::demo::DEMO_PASSWORD).expect("sign in");
    assert_eq!(signed.display_name, "見本 一郎");
    assert_eq!(signed.role, RoleView::Director);
    assert_eq!(signed.role_label, "施設長");
    let current = session::current_session(center.app.state::<AppState>());
    assert_eq!(current.map(|s| s.login), Some("director".to_string()));

    session::sign_out(center.app.state::<AppState>());
    assert!(session::current_session(center.app.state::<AppState>()).is_none());
    // Signing out released the data dir: the next sign-in opens it again.
    let again = sign_in(&center, "shuro1", hotto::demo::DEMO_PASSWORD).expect("sign in again");
    assert_eq!(again.role, RoleView::Staff);
}

#[test]
fn signing_in_while_signed_in_replaces_the_session() {
    let center = demo_center();
    sign_in(&center, "director", hotto::demo::DEMO_PASSWORD).expect("first sign in");
    let second = sign_in(&center, "seikatsu1", hotto::demo::DEMO_PASSWORD).expect("second sign in");
    assert_eq!(second.display_name, "架空 次郎");
    let current = session::current_session(center.app.state::<AppState>());
    assert_eq!(current.map(|s| s.login), Some("seikatsu1".to_string()));
}

#[test]
fn a_wrong_password_is_answered_with_the_core_message_in_japanese() {
    let center = demo_center();
    let error = sign_in(&center, "director", "not-the-password").expect_err("must fail");
    assert_eq!(error.code, "wrong_credentials");
    assert_eq!(
        error.message,
        "ログインIDまたはパスワードが正しくありません。"
    );
    assert!(session::current_session(center.app.state::<AppState>()).is_none());
}

#[test]
fn an_empty_login_is_refused_before_the_database_is_touched() {
    let center = demo_center();
    let error = sign_in(&center, "  ", "whatever").expect_err("must fail");
    assert_eq!(error.code, "invalid_input");
    assert_eq!(error.message, "ログインIDを入力してください。");
}

#[test]
fn repeated_wrong_passwords_are_answered_more_slowly() {
    let center = demo_center();
    for _ in 0..2 {
        sign_in(&center, "shuro1", "wrong").expect_err("must fail");
    }
    // The third failure in a row reaches the throttle's first pause (1 s).
    let started = Instant::now();
    sign_in(&center, "shuro1", "wrong").expect_err("must fail");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "answered after {:?}",
        started.elapsed()
    );
    // A correct password still works, and clears the back-off.
    sign_in(&center, "shuro1", hotto::demo::DEMO_PASSWORD).expect("sign in");
}
