//! The director's corrections on a real encrypted demo center, called as the webview calls
//! them on Tauri's mock runtime: an allocation corrected in place (tried first), the plan's
//! staffing lines and opening hours, and the follow-up schedule; staff are refused each.

mod common;

use hotto::DataDir;
use hotto_app::commands::{plan, session, settings, staff};
use hotto_app::views::plan::{OpeningHoursView, StaffingLineInput};
use hotto_app::views::settings::{FollowUpScheduleView, FollowUpStepView};
use hotto_app::views::staff::{AllocationEditInput, AllocationView, StaffOverview};
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

fn built_demo() -> &'static std::path::Path {
    common::built_demo(
        "director-edits",
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
const FY: i32 = 2025;

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

/// The form as it opens for `a`, with a new FTE.
fn edit_of(a: &AllocationView, fte: &str) -> AllocationEditInput {
    AllocationEditInput {
        role: a.role.clone(),
        fte: fte.to_string(),
        from_on: a.from_on.iso.clone(),
        to_on: a.to_on.as_ref().map(|d| d.iso.clone()),
        concurrent_post: a.concurrent_post.clone(),
    }
}

#[test]
fn correcting_an_allocations_fte_is_tried_first_then_changes_the_summary() {
    let center = signed_in("director");
    let before = overview(&center);
    let open = before
        .allocations
        .iter()
        .find(|a| a.role == "life_coordinator" && a.to_on.is_none() && a.fte != "0.5")
        .expect("an open life-support allocation")
        .clone();
    let fte_before = role_fte(&before, "life_coordinator");

    let preview = block(staff::preview_change_allocation(
        center.state(),
        DAY.to_string(),
        open.id.clone(),
        edit_of(&open, "0.5"),
    ))
    .expect("preview");
    let previewed = preview
        .roles
        .iter()
        .find(|r| r.role == "life_coordinator")
        .map(|r| r.fte.clone());
    assert_ne!(previewed, Some(fte_before.clone()));
    assert_eq!(
        role_fte(&overview(&center), "life_coordinator"),
        fte_before,
        "the trial saved nothing"
    );

    block(staff::change_allocation(
        center.state(),
        open.id.clone(),
        edit_of(&open, "0.5"),
    ))
    .expect("change");
    let after = overview(&center);
    assert_eq!(Some(role_fte(&after, "life_coordinator")), previewed);
    let changed = after
        .allocations
        .iter()
        .find(|a| a.id == open.id)
        .expect("the same allocation, corrected in place");
    assert_eq!(changed.fte, "0.5");
    assert_eq!(changed.staff_id, open.staff_id);
}

#[test]
fn a_correction_over_one_full_time_post_is_refused_in_japanese() {
    let center = signed_in("director");
    let open = overview(&center)
        .allocations
        .into_iter()
        .find(|a| a.to_on.is_none())
        .expect("an open allocation");
    let error = block(staff::change_allocation(
        center.state(),
        open.id.clone(),
        edit_of(&open, "1.5"),
    ))
    .expect_err("over 1.0");
    assert_eq!(
        error.message,
        "常勤換算は0より大きく1.0以下で入力してください（入力値 1.5）。"
    );
    let mut bad_dates = edit_of(&open, &open.fte);
    bad_dates.to_on = Some("R7.2.30".to_string());
    let error = block(staff::change_allocation(center.state(), open.id, bad_dates))
        .expect_err("no such day");
    assert!(error.message.contains("配置終了日"), "{}", error.message);
}

#[test]
fn the_director_adds_corrects_and_removes_a_plan_staffing_line_and_sets_the_hours() {
    let center = signed_in("director");
    let line = |role: &str, head_count, fte: &str| StaffingLineInput {
        role: role.to_string(),
        head_count,
        fte: fte.to_string(),
        note: String::new(),
    };
    block(plan::set_plan_staffing_line(
        center.state(),
        FY,
        Some("life_coordinator".to_string()),
        line("life_coordinator", 4, "3.2"),
    ))
    .expect("correct");
    block(plan::set_plan_staffing_line(
        center.state(),
        FY,
        None,
        line("other", 1, "0.5"),
    ))
    .expect("add");
    let view = block(plan::plan_view(center.state(), FY)).expect("plan");
    let life = view
        .staffing
        .iter()
        .find(|l| l.role == "life_coordinator")
        .expect("life line");
    assert_eq!(life.fte, "3.2");
    assert!(view.staffing.iter().any(|l| l.role_label == "その他"));

    let error = block(plan::set_plan_staffing_line(
        center.state(),
        FY,
        None,
        line("director", 1, "1.0"),
    ))
    .expect_err("one line per role");
    assert_eq!(error.message, "同じ役割がすでに登録されています。");

    block(plan::remove_plan_staffing_line(
        center.state(),
        FY,
        "other".to_string(),
    ))
    .expect("remove");
    block(plan::set_plan_hours(
        center.state(),
        FY,
        OpeningHoursView {
            weekday: "9:30～18:30".to_string(),
            saturday: "12:00～17:00".to_string(),
            dropin: "17:00～19:00".to_string(),
        },
    ))
    .expect("hours");
    let view = block(plan::plan_view(center.state(), FY)).expect("plan");
    assert!(!view.staffing.iter().any(|l| l.role == "other"));
    assert_eq!(view.hours.weekday, "9:30～18:30");
}

fn step(unit: &str, count: u32, method: &str) -> FollowUpStepView {
    FollowUpStepView {
        unit: unit.to_string(),
        count,
        method: method.to_string(),
    }
}

#[test]
fn the_director_edits_the_follow_up_steps_and_a_wrong_order_is_refused_in_japanese() {
    let center = signed_in("director");
    let view = block(settings::settings_view(center.state())).expect("settings");
    assert_eq!(view.policy.schedule.steps.len(), 8, "the default steps");
    let days_before = view.policy.check_in_days.employed;

    let schedule = FollowUpScheduleView {
        steps: vec![
            step("weeks", 1, "visit"),
            step("months", 1, "visit"),
            step("months", 6, "phone"),
        ],
        half_yearly_until_years: 2,
        yearly_until_years: 5,
        later_method: "phone".to_string(),
    };
    block(settings::set_follow_up_schedule(
        center.state(),
        schedule.clone(),
    ))
    .expect("save");
    let view = block(settings::settings_view(center.state())).expect("settings");
    assert_eq!(
        view.policy.early_steps,
        ["1週間後（訪問）", "1か月後（訪問）", "6か月後（電話）"]
    );
    assert_eq!(view.policy.schedule.yearly_until_years, 5);
    assert_eq!(
        view.policy.check_in_days.employed, days_before,
        "check-in days kept"
    );

    let mut wrong = schedule.clone();
    wrong.steps.swap(0, 1);
    let error = block(settings::set_follow_up_schedule(center.state(), wrong)).expect_err("order");
    assert!(error.message.contains("順に"), "{}", error.message);
    let mut zero = schedule;
    zero.steps[0].count = 0;
    let error = block(settings::set_follow_up_schedule(center.state(), zero)).expect_err("zero");
    assert_eq!(
        error.message,
        "定着フォローの時期は1～52の範囲で入力してください。"
    );
    let view = block(settings::settings_view(center.state())).expect("settings");
    assert_eq!(
        view.policy.schedule.steps.len(),
        3,
        "the refused ones changed nothing"
    );
}

#[test]
fn a_staff_session_is_refused_allocation_corrections_plan_lines_and_the_schedule() {
    let director = signed_in("director");
    let open = overview(&director)
        .allocations
        .into_iter()
        .find(|a| a.to_on.is_none())
        .expect("an open allocation");
    drop(director);
    let center = signed_in("shuro1");
    let refusals = [
        block(staff::change_allocation(
            center.state(),
            open.id.clone(),
            edit_of(&open, "0.5"),
        )),
        block(plan::remove_plan_staffing_line(
            center.state(),
            FY,
            "director".to_string(),
        )),
        block(plan::set_plan_hours(
            center.state(),
            FY,
            OpeningHoursView {
                weekday: "9:00～17:00".to_string(),
                saturday: "12:00～17:00".to_string(),
                dropin: "17:00～19:00".to_string(),
            },
        )),
        block(settings::set_follow_up_schedule(
            center.state(),
            FollowUpScheduleView {
                steps: vec![step("weeks", 1, "visit")],
                half_yearly_until_years: 3,
                yearly_until_years: 10,
                later_method: "phone".to_string(),
            },
        )),
    ];
    for refused in refusals {
        let error = refused.expect_err("director only");
        assert_eq!(error.code, "permission_denied");
        assert_eq!(error.message, "この操作は施設長のみ行えます。");
    }
    let view = block(plan::plan_view(center.state(), FY)).expect("staff read the plan");
    assert_eq!(view.staffing.len(), 4);
    assert_eq!(view.hours.weekday, "10:00～19:00");
}
