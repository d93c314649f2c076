//! The office screens' commands (employers, partners, meetings, drop-in space) against a real
//! encrypted demo center, called as the webview calls them but without a window (Tauri's mock
//! runtime), signed in as the coordinator 試験 花子.

mod common;

use hotto::DataDir;
use hotto_app::commands::{employers, meetings, office, partners, session};
use hotto_app::views::{AttendanceForm, EmployerForm, MeetingForm, OrganizationAttendanceView};
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
        "office",
        chrono::NaiveDate::from_ymd_opt(2025, 11, 25).expect("a date"),
    )
}

/// A copy of the demo center with 試験 花子 (staff) signed in.
fn signed_in_center() -> Center {
    let tmp = tempfile::tempdir().expect("temp dir");
    for name in ["hotto.db", "keys.json", "demo-accounts.json"] {
        std::fs::copy(built_demo().join(name), tmp.path().join(name)).expect("copy the demo");
    }
    let app = mock_builder()
        .manage(AppState::new(DataDir::at(tmp.path())))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let center = Center { _tmp: tmp, app };
    tauri::async_runtime::block_on(session::sign_in(
        center.state(),
        "shuro1".into(),
        hotto::demo::DEMO_PASSWORD.into(),
    ))
    .expect("sign in");
    center
}

impl Center {
    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }
}

fn run<T>(future: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(future)
}

#[test]
fn an_employer_added_by_a_coordinator_is_found_in_the_list_typed_in_hiragana() {
    let center = signed_in_center();
    let form = EmployerForm {
        name: "テスト精密工業株式会社".into(),
        industry: "製造業".into(),
        contact_person: "人事課 見本".into(),
        ..EmployerForm::default()
    };
    let id = run(employers::save_employer(center.state(), None, form)).expect("add employer");

    let found = run(employers::list_employers(
        center.state(),
        "てすと精密".into(),
    ))
    .expect("search employers");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].employer.id, id);
    assert_eq!(found[0].employer.name, "テスト精密工業株式会社");
    assert_eq!(found[0].employed_clients, 0);

    let all = run(employers::list_employers(center.state(), String::new())).expect("list");
    assert!(all.len() > 1, "the demo's employers are listed as well");
    let detail = run(employers::employer_detail(center.state(), id)).expect("detail");
    assert_eq!(detail.row.employer.contact_person, "人事課 見本");
    assert!(detail.supports.is_empty());
}

#[test]
fn an_employer_without_a_name_is_refused_in_japanese() {
    let center = signed_in_center();
    let error = run(employers::save_employer(
        center.state(),
        None,
        EmployerForm::default(),
    ))
    .expect_err("a name is required");
    assert_eq!(error.code, "invalid_input");
    assert_eq!(error.message, "企業・事業所名を入力してください。");
}

fn liaison_meeting(center: &Center) -> String {
    let kinds: Vec<String> = meetings::meeting_kinds()
        .into_iter()
        .map(|k| k.value)
        .collect();
    assert!(kinds.contains(&"liaison".to_string()));
    let liaison = run(meetings::list_meetings(
        center.state(),
        2025,
        Some("liaison".into()),
    ))
    .expect("list meetings");
    assert!(
        liaison
            .iter()
            .all(|m| m.kind_label == "ほっと就労支援連絡会"),
        "only liaison meetings"
    );
    liaison
        .first()
        .expect("the demo has liaison meetings")
        .id
        .clone()
}

#[test]
fn attendance_recorded_for_a_new_meeting_is_read_back_with_names_and_counts() {
    let center = signed_in_center();
    let form = MeetingForm {
        kind: "meetup".into(),
        held_on: "R7.10.18".into(),
        title: "第5回 就労者交流会".into(),
        place: "ほっと 交流スペース".into(),
        programme: "近況報告\nお茶会".into(),
        notes: String::new(),
    };
    let id = run(meetings::save_meeting(center.state(), None, form)).expect("add meeting");
    let choices = run(meetings::attendance_choices(center.state())).expect("choices");
    let orgs: Vec<_> = choices.organizations.iter().take(2).collect();
    let clients = run(meetings::attendee_client_search(
        center.state(),
        "あ".into(),
    ))
    .expect("client search");
    assert!(
        !clients.is_empty(),
        "the demo has clients with あ in their kana"
    );
    let attendance = AttendanceForm {
        organizations: vec![
            OrganizationAttendanceView {
                partner_id: orgs[0].partner_id.clone(),
                name: String::new(),
                attendees: 2,
            },
            OrganizationAttendanceView {
                partner_id: orgs[1].partner_id.clone(),
                name: String::new(),
                attendees: 1,
            },
        ],
        clients: vec![clients[0].id.clone()],
        staff: vec![choices.staff[0].id.clone()],
    };
    run(meetings::set_meeting_attendance(
        center.state(),
        id.clone(),
        attendance,
    ))
    .expect("set attendance");

    let meeting = run(meetings::meeting_detail(center.state(), id)).expect("detail");
    assert_eq!(meeting.row.held_on.iso, "2025-10-18");
    assert_eq!(meeting.row.kind_label, "就労者交流会");
    assert_eq!(meeting.programme, "近況報告\nお茶会");
    assert_eq!(meeting.row.organization_count, 2);
    assert_eq!(meeting.row.organization_attendees, 3);
    assert_eq!(meeting.row.client_count, 1);
    assert_eq!(meeting.row.staff_count, 1);
    assert_eq!(meeting.clients[0].name, clients[0].name);
    assert_eq!(meeting.staff[0].id, choices.staff[0].id);
    let names: Vec<&str> = meeting
        .organizations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert!(names.contains(&orgs[0].name.as_str()));
}

#[test]
fn a_liaison_meetings_handout_is_a_pdf_with_pages() {
    let center = signed_in_center();
    let id = liaison_meeting(&center);
    let pdf = meetings::handout_pdf(center.state().inner(), id).expect("handout");
    assert!(pdf.starts_with(b"%PDF"), "a PDF file");
    assert!(hotto::reports::page_count(&pdf) >= 1);
}

#[test]
fn a_handout_is_refused_for_a_meeting_that_is_not_a_liaison_meeting() {
    let center = signed_in_center();
    let meetup = run(meetings::list_meetings(
        center.state(),
        2025,
        Some("meetup".into()),
    ))
    .expect("list")
    .into_iter()
    .next()
    .expect("the demo has meetups");
    let error = meetings::handout_pdf(center.state().inner(), meetup.id).expect_err("refused");
    assert_eq!(
        error.message,
        "連絡会資料は「ほっと就労支援連絡会」の会議についてのみ作成できます。"
    );
}

#[test]
fn a_drop_in_count_entered_twice_for_a_day_keeps_the_second_count() {
    let center = signed_in_center();
    // 2025-11-25 is a Tuesday the center is open.
    run(office::set_dropin_day(
        center.state(),
        "R7.11.25".into(),
        4,
        String::new(),
    ))
    .expect("first count");
    run(office::set_dropin_day(
        center.state(),
        "2025-11-25".into(),
        6,
        "雨".into(),
    ))
    .expect("corrected count");
    let month = run(office::dropin_month(center.state(), 2025, 11)).expect("month");
    assert_eq!(month.label, "令和7年11月");
    let days: Vec<_> = month
        .days
        .iter()
        .filter(|d| d.day.iso == "2025-11-25")
        .collect();
    assert_eq!(days.len(), 1, "one count per day");
    assert_eq!((days[0].visitors, days[0].note.as_str()), (6, "雨"));
    assert_eq!(
        month.total,
        month.days.iter().map(|d| d.visitors).sum::<u32>()
    );
}

#[test]
fn a_drop_in_count_on_a_closed_day_is_refused_in_japanese() {
    let center = signed_in_center();
    // 2025-11-24 is 勤労感謝の日's substitute holiday.
    let error = run(office::set_dropin_day(
        center.state(),
        "2025-11-24".into(),
        3,
        String::new(),
    ))
    .expect_err("closed");
    assert_eq!(
        error.message,
        "令和7年11月24日は交流スペースの開設日ではありません（開設は平日の開所日のみです）。"
    );
}

#[test]
fn a_bad_date_is_answered_with_the_calendars_japanese_message() {
    let center = signed_in_center();
    let error = run(office::set_dropin_day(
        center.state(),
        "R7.2.30".into(),
        3,
        String::new(),
    ))
    .expect_err("no such day");
    assert_eq!(error.code, "invalid_date");
    assert_eq!(error.message, "存在しない日付です（令和7年2月30日）");
    let error = run(meetings::save_meeting(
        center.state(),
        None,
        MeetingForm {
            kind: "liaison".into(),
            held_on: "きのう".into(),
            title: "連絡会".into(),
            place: String::new(),
            programme: String::new(),
            notes: String::new(),
        },
    ))
    .expect_err("unreadable date");
    assert_eq!(
        error.message,
        "日付の形式が正しくありません。例: 令和7年4月1日、R7.4.1、2025-04-01"
    );
}

#[test]
fn partners_are_listed_by_the_plans_categories_and_a_new_one_joins_the_liaison_members() {
    let center = signed_in_center();
    let categories = partners::partner_categories();
    assert_eq!(categories.len(), 14);
    assert_eq!(categories[5].label, "ハローワーク");
    let form = hotto_app::views::PartnerForm {
        name: "テスト就労移行支援事業所".into(),
        category: "welfare_provider".into(),
        service_type: "就労移行支援".into(),
        contact_person: "見本 三郎".into(),
        phone: "042-000-0001".into(),
        address: String::new(),
        liaison_member: true,
        notes: String::new(),
    };
    let id = run(partners::save_partner(center.state(), None, form)).expect("add partner");
    let members = run(partners::list_partners(
        center.state(),
        Some("welfare_provider".into()),
        true,
        false,
    ))
    .expect("list");
    let added = members.iter().find(|p| p.id == id).expect("listed");
    assert_eq!(added.category_label, "障害福祉サービス事業所");
    assert_eq!(added.contact_person, "見本 三郎");
    assert!(members
        .iter()
        .all(|p| p.liaison_member && p.category == "welfare_provider"));

    run(partners::set_partner_active(
        center.state(),
        id.clone(),
        false,
    ))
    .expect("retire");
    let active = run(partners::list_partners(center.state(), None, false, false)).expect("list");
    assert!(
        active.iter().all(|p| p.id != id),
        "retired partners are hidden by default"
    );
}

#[test]
fn commission_results_and_newsletters_are_entered_and_read_back() {
    let center = signed_in_center();
    let projects = run(office::commission_results(center.state(), 2025)).expect("projects");
    let metric = projects
        .first()
        .and_then(|p| p.metrics.first())
        .expect("the demo has commissioned projects")
        .clone();
    run(office::set_commission_result(
        center.state(),
        metric.id.clone(),
        2025,
        11,
        12.0,
    ))
    .expect("set result");
    let again = run(office::commission_results(center.state(), 2025)).expect("projects");
    let read = again
        .iter()
        .flat_map(|p| p.metrics.iter())
        .find(|m| m.id == metric.id)
        .expect("the measure");
    // The twelfth month of 令和7年度 is March 2026.
    assert_eq!(read.months[11], Some(12.0));
    let error = run(office::set_commission_result(
        center.state(),
        metric.id.clone(),
        2025,
        4,
        1.5,
    ))
    .expect_err("whole numbers only");
    assert_eq!(error.message, "実績値の形式が正しくありません。");
    let error = run(office::set_commission_result(
        center.state(),
        metric.id,
        2025,
        12,
        1.0,
    ))
    .expect_err("a fiscal year has twelve months");
    assert_eq!(error.message, "実績値は0～11の範囲で入力してください。");

    let before = run(office::list_newsletters(center.state(), 2025))
        .expect("issues")
        .len();
    let number = 900 + u32::try_from(before).expect("few issues");
    run(office::add_newsletter(
        center.state(),
        hotto_app::views::NewsletterForm {
            number,
            issued_on: "令和7年10月1日".into(),
            copies: 300,
            distribution: "市内関係機関".into(),
        },
    ))
    .expect("add issue");
    let issues = run(office::list_newsletters(center.state(), 2025)).expect("issues");
    let added = issues.iter().find(|n| n.number == number).expect("listed");
    assert_eq!(added.issued_on.wareki, "令和7年10月1日");
    assert_eq!(added.copies, 300);
}

#[test]
fn the_office_commands_need_a_signed_in_user() {
    let center = signed_in_center();
    session::sign_out(center.state());
    let error =
        run(employers::list_employers(center.state(), String::new())).expect_err("signed out");
    assert_eq!(error.code, "invalid_session");
}
