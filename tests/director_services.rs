//! The services behind the director's screens that the shell calls: the idle-lock and backup
//! settings, the paged audit log with its verification, and the page count of a report.

mod common;

use chrono::NaiveDate;
use hotto::audit_log::{audit_page, verify_audit_log};
use hotto::calendar::FiscalYear;
use hotto::store::audit::AuditFilter;
use hotto::{backup, reports, settings};

#[test]
fn the_idle_lock_is_ten_minutes_until_the_director_changes_it() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    assert_eq!(settings::idle_lock_minutes(&store, &director).unwrap(), 10);
    settings::set_idle_lock_minutes(&mut store, &director, 25).expect("set");
    assert_eq!(settings::idle_lock_minutes(&store, &director).unwrap(), 25);

    let refused = settings::set_idle_lock_minutes(&mut store, &director, 0).expect_err("0 min");
    assert_eq!(
        refused.message_ja(),
        "自動ロックまでの時間（分）は1～120の範囲で入力してください。"
    );
    assert_eq!(settings::idle_lock_minutes(&store, &director).unwrap(), 25);
}

#[test]
fn staff_read_the_idle_lock_but_cannot_change_it() {
    let (_tmp, dir, mut store, director) = common::new_center();
    common::add_staff(&mut store, &director, "tanaka", "田中 職員", "staff-pass-1");
    drop(store);
    let (mut store, staff) = hotto::Store::sign_in(&dir, "tanaka", "staff-pass-1").unwrap();
    assert_eq!(settings::idle_lock_minutes(&store, &staff).unwrap(), 10);
    let e = settings::set_idle_lock_minutes(&mut store, &staff, 5).expect_err("staff");
    assert_eq!(e.code(), "permission_denied");
}

#[test]
fn a_missing_backup_folder_is_reported_in_japanese_not_skipped() {
    let (tmp, _dir, mut store, director) = common::new_center();
    let none = backup::backup_now(&mut store, &director, &mut |_| {}).expect_err("no folder");
    assert!(none.message_ja().contains("設定されていません"));

    let folder = tmp.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    settings::set_backup_folder(&mut store, &director, &folder).expect("choose folder");
    let info = backup::backup_now(&mut store, &director, &mut |_| {}).expect("backup");
    let status = backup::backup_status(&store, &director).expect("status");
    let newest = status.newest.expect("the backup just made");
    assert_eq!(
        Some(newest.file_name.as_str()),
        info.path.file_name().and_then(|n| n.to_str())
    );
    assert_eq!(newest.bytes, info.bytes);
    assert!(status.problem.is_none());

    // The stick is pulled out.
    std::fs::remove_dir_all(&folder).unwrap();
    let status = backup::backup_status(&store, &director).expect("status");
    assert!(status
        .problem
        .expect("a problem")
        .message_ja()
        .contains("バックアップ先のフォルダが見つかりません"));
    let e = backup::backup_now(&mut store, &director, &mut |_| {}).expect_err("missing");
    assert!(e.message_ja().contains("見つかりません"));
}

#[test]
fn the_audit_log_pages_newest_first_and_verifies() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    for minutes in 1..=7 {
        settings::set_idle_lock_minutes(&mut store, &director, minutes).unwrap();
    }
    let filter = AuditFilter {
        action_prefix: Some("settings.idle_lock".into()),
        limit: Some(5),
        ..AuditFilter::default()
    };
    let first = audit_page(&store, &director, &filter).expect("page 1");
    assert_eq!(first.entries.len(), 5);
    assert!(first.has_more);
    assert_eq!(first.entries[0].summary, "idle lock set to 7 minutes");
    let second = audit_page(
        &store,
        &director,
        &AuditFilter {
            offset: Some(5),
            ..filter
        },
    )
    .expect("page 2");
    assert_eq!(second.entries.len(), 2);
    assert!(!second.has_more);
    assert_eq!(second.entries[1].summary, "idle lock set to 1 minutes");

    let verdict = verify_audit_log(&store, &director).expect("verify");
    assert!(verdict.intact);
    assert!(verdict
        .message_ja
        .starts_with("操作記録に改ざんはありません"));
}

#[test]
fn staff_cannot_read_the_audit_log() {
    let (_tmp, dir, mut store, director) = common::new_center();
    common::add_staff(&mut store, &director, "tanaka", "田中 職員", "staff-pass-1");
    drop(store);
    let (store, staff) = hotto::Store::sign_in(&dir, "tanaka", "staff-pass-1").unwrap();
    let e = audit_page(&store, &staff, &AuditFilter::default()).expect_err("staff");
    assert_eq!(e.message_ja(), "この操作は施設長のみ行えます。");
    assert!(verify_audit_log(&store, &staff).is_err());
}

#[test]
fn the_page_count_of_a_report_matches_pdfinfo() {
    let (tmp, _dir, mut store, director) = common::new_center();
    hotto::plan::create_plan(&mut store, &director, FiscalYear(2025)).expect("plan");
    let pdf = reports::plan_report(
        &store,
        &director,
        &reports::PlanReportParams {
            fiscal_year: FiscalYear(2025),
            issued_on: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
        },
    )
    .expect("plan report");
    let path = tmp.path().join("plan.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let info = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let text = String::from_utf8_lossy(&info.stdout);
    let pages: u32 = text
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo pages");
    assert!(pages >= 1);
    assert_eq!(reports::page_count(&pdf), pages);
}
