//! The director's commands (staff & FTE, reports, audit log, accounts, settings) against a
//! real encrypted demo center, called as the webview calls them on Tauri's mock runtime.

mod common;

use hotto::DataDir;
use hotto_app::commands::{audit, reports, session, settings, staff, users};
use hotto_app::views::audit::AuditQuery;
use hotto_app::views::reports::ReportRequest;
use hotto_app::views::staff::{AllocationInput, StaffOverview};
use hotto_app::views::RoleView;
use hotto_app::AppState;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Manager};

struct Center {
    _tmp: tempfile::TempDir,
    app: App<MockRuntime>,
}

impl Center {
    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }
}

/// The demo center, built once for all tests (it takes seconds).
fn built_demo() -> &'static std::path::Path {
    common::built_demo(
        "director",
        chrono::NaiveDate::from_ymd_opt(2025, 11, 25).expect("a date"),
    )
}

/// A copy of the demo center, signed in as `login`.
fn signed_in(login: &str) -> Center {
    let tmp = tempfile::tempdir().expect("temp dir");
    for name in ["hotto.db", "keys.json", "demo-accounts.json"] {
        std::fs::copy(built_demo().join(name), tmp.path().join(name)).expect("copy the demo");
    }
    let app = mock_builder()
        .manage(AppState::new(DataDir::at(tmp.path())))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let center = Center { _tmp: tmp, app };
    block(session::sign_in(
        center.state(),
        login.to_string(),
        hotto::demo::DEMO_PASSWORD.to_string(),
    ))
    .expect("sign in");
    center
}

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(f)
}

const DAY: &str = "2025-11-25";

fn overview(center: &Center) -> StaffOverview {
    block(staff::staff_overview(center.state(), DAY.to_string())).expect("overview")
}

fn role_fte(o: &StaffOverview, role: &str) -> String {
    o.summary
        .roles
        .iter()
        .find(|r| r.role == role)
        .map(|r| r.fte.clone())
        .unwrap_or_else(|| "0.0".to_string())
}

#[test]
fn a_staff_session_is_refused_the_audit_log_in_japanese() {
    let center = signed_in("shuro1");
    let error = block(audit::audit_log(center.state(), AuditQuery::default()))
        .expect_err("staff must not read the audit log");
    assert_eq!(error.code, "permission_denied");
    assert_eq!(error.message, "この操作は施設長のみ行えます。");
    let error = block(audit::verify_audit_log(center.state())).expect_err("nor verify it");
    assert_eq!(error.code, "permission_denied");
}

#[test]
fn the_director_reads_the_audit_log_page_by_page_and_it_verifies() {
    let center = signed_in("director");
    let first = block(audit::audit_log(center.state(), AuditQuery::default())).expect("page");
    assert_eq!(first.entries.len(), first.page_size as usize);
    assert!(first.has_more);
    // The newest row is this director's sign-in.
    assert_eq!(first.entries[0].action, "session.sign_in");
    assert_eq!(first.entries[0].actor, "見本 一郎");
    let signins = block(audit::audit_log(
        center.state(),
        AuditQuery {
            action: Some("session.".into()),
            ..AuditQuery::default()
        },
    ))
    .expect("filtered");
    assert!(!signins.entries.is_empty());
    assert!(signins
        .entries
        .iter()
        .all(|e| e.action.starts_with("session.")));
    let verdict = block(audit::verify_audit_log(center.state())).expect("verify");
    assert!(verdict.intact, "{}", verdict.message);
}

#[test]
fn ending_an_allocation_changes_the_fte_by_role_summary() {
    let center = signed_in("director");
    let before = overview(&center);
    let open = before
        .allocations
        .iter()
        .find(|a| a.role == "life_coordinator" && a.to_on.is_none())
        .expect("an open life-support allocation");
    let fte_before = role_fte(&before, "life_coordinator");

    // The preview shows the change and saves nothing.
    let preview = block(staff::preview_end_allocation(
        center.state(),
        DAY.to_string(),
        open.id.clone(),
        "2025-10-31".to_string(),
    ))
    .expect("preview");
    let previewed = preview
        .roles
        .iter()
        .find(|r| r.role == "life_coordinator")
        .map(|r| r.fte.clone());
    assert_ne!(previewed, Some(fte_before.clone()));
    assert_eq!(role_fte(&overview(&center), "life_coordinator"), fte_before);

    block(staff::end_allocation(
        center.state(),
        open.id.clone(),
        "2025-10-31".to_string(),
    ))
    .expect("end");
    let after = overview(&center);
    assert_eq!(Some(role_fte(&after, "life_coordinator")), previewed);
    assert_ne!(after.summary.total_fte, before.summary.total_fte);
}

#[test]
fn an_allocation_over_one_full_time_post_is_refused_and_nothing_is_saved() {
    let center = signed_in("director");
    let before = overview(&center);
    // Someone who holds a full post today.
    let person = before
        .summary
        .staff
        .iter()
        .find(|s| s.total_fte == "1.0")
        .expect("a full-time person");
    let input = AllocationInput {
        staff_id: person.staff_id.clone(),
        role: "other".into(),
        fte: "0.2".into(),
        from_on: "令和7年11月1日".into(),
        to_on: None,
        concurrent_post: String::new(),
    };
    let refused = block(staff::preview_add_allocation(
        center.state(),
        DAY.to_string(),
        input.clone(),
    ))
    .expect_err("the preview refuses it too");
    assert!(
        refused.message.contains("常勤換算が1.0を超えます"),
        "{}",
        refused.message
    );

    let error = block(staff::add_allocation(center.state(), input)).expect_err("over 1.0");
    assert_eq!(error.code, "rule");
    assert!(
        error.message.contains("常勤換算が1.0を超えます"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("令和7年11月1日"),
        "{}",
        error.message
    );
    let after = overview(&center);
    assert_eq!(after.allocations.len(), before.allocations.len());
    assert_eq!(after.summary.total_fte, before.summary.total_fte);
}

#[test]
fn the_results_report_is_a_pdf_with_its_pages_counted() {
    let center = signed_in("director");
    let made = block(reports::generate_report(
        center.state(),
        ReportRequest::Results {
            fiscal_year: 2024,
            as_of: None,
        },
    ))
    .expect("results report");
    let bytes = reports::generated_bytes().expect("kept for open and save");
    assert!(bytes.starts_with(b"%PDF"));
    assert!(made.pages >= 2, "{} pages", made.pages);
    assert_eq!(made.title, "実績報告書（令和6年度）");
    assert!(made.size.ends_with("KB"), "{}", made.size);
    // Signing out forgets it.
    session::sign_out(center.state());
    assert!(reports::generated_bytes().is_none());
}

#[test]
fn a_staff_member_cannot_print_the_fte_sheet() {
    let center = signed_in("seikatsu1");
    let error = block(reports::generate_report(
        center.state(),
        ReportRequest::FteSheet { date: DAY.into() },
    ))
    .expect_err("director only");
    assert_eq!(error.code, "permission_denied");
}

#[test]
fn a_user_added_by_the_director_can_sign_in() {
    let center = signed_in("director");
    let mismatch = block(users::add_user(
        center.state(),
        "shinki".into(),
        "新規 職員".into(),
        "staff".into(),
        "first-pass-1".into(),
        "first-pass-2".into(),
    ))
    .expect_err("the two passwords differ");
    assert_eq!(mismatch.message, "パスワードが一致しません。");

    block(users::add_user(
        center.state(),
        "shinki".into(),
        "新規 職員".into(),
        "staff".into(),
        "first-pass-1".into(),
        "first-pass-1".into(),
    ))
    .expect("add user");
    let listed = block(users::list_users(center.state())).expect("list");
    assert!(listed
        .iter()
        .any(|u| u.login == "shinki" && u.role_label == "職員"));

    let signed = block(session::sign_in(
        center.state(),
        "shinki".into(),
        "first-pass-1".into(),
    ))
    .expect("the new user signs in");
    assert_eq!(signed.display_name, "新規 職員");
    assert_eq!(signed.role, RoleView::Staff);
}

#[test]
fn the_last_director_cannot_be_removed() {
    let center = signed_in("director");
    let error =
        block(users::remove_user(center.state(), "director".into())).expect_err("last director");
    assert_eq!(error.code, "last_director");
    assert_eq!(
        error.message,
        "施設長が一人もいなくなるため、この操作はできません。"
    );
}

#[test]
fn the_idle_lock_minutes_round_trip() {
    let center = signed_in("director");
    assert_eq!(
        block(settings::idle_lock_minutes(center.state())).unwrap(),
        10
    );
    block(settings::set_idle_lock_minutes(center.state(), 3)).expect("set");
    assert_eq!(
        block(settings::idle_lock_minutes(center.state())).unwrap(),
        3
    );
    let view = block(settings::settings_view(center.state())).expect("settings");
    assert_eq!(view.idle_lock_minutes, 3);
    assert!(view.can_edit);
    let error = block(settings::set_idle_lock_minutes(center.state(), 500)).expect_err("range");
    assert_eq!(
        error.message,
        "自動ロックまでの時間（分）は1～120の範囲で入力してください。"
    );
}

#[test]
fn staff_read_the_idle_lock_but_cannot_change_it() {
    let center = signed_in("shuro1");
    assert_eq!(
        block(settings::idle_lock_minutes(center.state())).unwrap(),
        10
    );
    let error = block(settings::set_idle_lock_minutes(center.state(), 30)).expect_err("staff");
    assert_eq!(error.code, "permission_denied");
    let view = block(settings::settings_view(center.state())).expect("settings");
    assert!(!view.can_edit);
}

#[test]
fn the_plan_check_shows_the_seeds_stated_total_against_the_allocations() {
    let center = signed_in("director");
    let differences = overview(&center)
        .plan_differences
        .expect("the demo has a plan for 令和7年度");
    let total = differences
        .iter()
        .find(|d| d.stated == "8.4")
        .unwrap_or_else(|| panic!("no difference for the stated 8.4 FTE: {differences:?}"));
    assert_eq!(total.found, "8.2");
    assert!(!total.description.is_empty());
}

#[test]
fn a_reassignment_is_tried_without_saving_then_saved() {
    let center = signed_in("director");
    let before = overview(&center);
    let mut by_caseload = before.summary.staff.clone();
    by_caseload.sort_by_key(|s| std::cmp::Reverse(s.caseload));
    let (from, to) = (&by_caseload[0], &by_caseload[1]);
    let clients = block(staff::main_staff_clients(
        center.state(),
        from.staff_id.clone(),
    ))
    .expect("clients");
    assert_eq!(clients.len() as u32, from.caseload);
    let moving: Vec<String> = clients.iter().take(3).map(|c| c.id.clone()).collect();

    let caseload = |s: &hotto_app::views::staff::FteSummaryView, id: &str| {
        s.staff
            .iter()
            .find(|p| p.staff_id == id)
            .map(|p| p.caseload)
    };
    let preview = block(staff::preview_reassignment(
        center.state(),
        DAY.to_string(),
        moving.clone(),
        to.staff_id.clone(),
    ))
    .expect("preview");
    assert_eq!(caseload(&preview, &from.staff_id), Some(from.caseload - 3));
    assert_eq!(caseload(&preview, &to.staff_id), Some(to.caseload + 3));
    assert_eq!(
        caseload(&overview(&center).summary, &from.staff_id),
        Some(from.caseload)
    );

    block(staff::reassign_main_staff(
        center.state(),
        moving,
        to.staff_id.clone(),
    ))
    .expect("save");
    let after = overview(&center).summary;
    assert_eq!(caseload(&after, &from.staff_id), Some(from.caseload - 3));
    assert_eq!(caseload(&after, &to.staff_id), Some(to.caseload + 3));
}
