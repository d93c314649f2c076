//! The import wizard's commands against a real encrypted demo center, called as the webview
//! calls them but without a window (Tauri's mock runtime).

mod common;

use hotto::DataDir;
use hotto_app::commands::{import, session};
use hotto_app::views::ImportKindView;
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
        "import",
        chrono::NaiveDate::from_ymd_opt(2025, 11, 25).expect("a date"),
    )
}

/// A copy of the demo center, signed in as the staff member 試験 花子.
fn signed_in_demo() -> Center {
    let tmp = tempfile::tempdir().expect("temp dir");
    for name in ["hotto.db", "keys.json", "demo-accounts.json"] {
        std::fs::copy(built_demo().join(name), tmp.path().join(name)).expect("copy the demo");
    }
    let app = mock_builder()
        .manage(AppState::new(DataDir::at(tmp.path())))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    tauri::async_runtime::block_on(session::sign_in(
        app.state::<AppState>(),
        "shuro1".to_string(),
        hotto::demo::DEMO_PASSWORD.to_string(),
    ))
    .expect("sign in");
    Center { _tmp: tmp, app }
}

fn csv(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("\u{feff}");
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

#[test]
fn the_kinds_come_in_import_order_with_their_required_columns() {
    let kinds = import::import_kinds();
    let order: Vec<ImportKindView> = kinds.iter().map(|k| k.kind).collect();
    assert_eq!(
        order,
        [
            ImportKindView::Employers,
            ImportKindView::Partners,
            ImportKindView::Clients,
            ImportKindView::Employments
        ]
    );
    let clients = &kinds[2];
    assert_eq!(clients.label, "相談者");
    let required: Vec<&str> = clients
        .columns
        .iter()
        .filter(|c| c.required)
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(required, ["氏名", "ふりがな", "初回相談日"]);
}

#[test]
fn a_staff_member_checks_a_file_sees_its_problems_and_imports_the_corrected_one() {
    let center = signed_in_demo();
    let bad = csv(&[
        "氏名,ふりがな,生年月日,初回相談日",
        "取込 一,とりこみ はじめ,1990-01-01,R7.4.1",
        "取込 二,とりこみ じろう,2025-02-30,R7.4.1",
    ]);
    let preview = tauri::async_runtime::block_on(import::import_dry_run(
        center.app.state::<AppState>(),
        ImportKindView::Clients,
        bad.clone(),
    ))
    .expect("dry run");
    assert!(!preview.can_import);
    assert_eq!(preview.rows_total, 2);
    assert_eq!(preview.encoding.as_deref(), Some("UTF-8（BOM付き）"));
    assert_eq!(preview.problems.len(), 1);
    assert_eq!(preview.problems[0].row, 3);
    assert_eq!(preview.problems[0].column, "生年月日");
    assert_eq!(
        preview.problems[0].message,
        "生年月日: 存在しない日付です（2025年2月30日）"
    );
    let refused = tauri::async_runtime::block_on(import::import_apply(
        center.app.state::<AppState>(),
        ImportKindView::Clients,
        bad,
    ))
    .expect_err("a file with a bad row is refused");
    assert_eq!(refused.code, "rule");
    assert!(refused.message.contains("何も取り込みませんでした"));

    let good = csv(&[
        "氏名,ふりがな,生年月日,初回相談日",
        "取込 一,とりこみ はじめ,1990-01-01,R7.4.1",
        "取込 二,とりこみ じろう,H2.2.28,R7.4.1",
    ]);
    let report = tauri::async_runtime::block_on(import::import_apply(
        center.app.state::<AppState>(),
        ImportKindView::Clients,
        good.clone(),
    ))
    .expect("import");
    assert_eq!(report.imported, 2);
    assert!(import::import_progress().is_none(), "no progress once done");

    // The same people again: the rows are now in the database, so each is a possible duplicate.
    let again = tauri::async_runtime::block_on(import::import_dry_run(
        center.app.state::<AppState>(),
        ImportKindView::Clients,
        good,
    ))
    .expect("dry run");
    let rows: Vec<u32> = again.duplicates.iter().map(|d| d.row).collect();
    assert_eq!(rows, [2, 3]);
    assert!(again.duplicates.iter().all(|d| d.existing_id.is_some()));
}

#[test]
fn nothing_is_checked_or_imported_without_a_session() {
    let center = signed_in_demo();
    session::sign_out(center.app.state::<AppState>());
    let file = csv(&["企業名", "見本商店"]);
    let err = tauri::async_runtime::block_on(import::import_apply(
        center.app.state::<AppState>(),
        ImportKindView::Employers,
        file,
    ))
    .expect_err("signed out");
    assert_eq!(err.code, "invalid_session");
    assert!(import::import_progress().is_none());
}
