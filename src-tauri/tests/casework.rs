//! The casework commands (home, clients, records, follow-ups) against a real encrypted
//! demo center built for today, called as the webview calls them on Tauri's mock runtime.

mod common;

use hotto::DataDir;
use hotto_app::commands::{clients, follow_ups, home, records, session};
use hotto_app::views::{ClientFilterInput, ClientProfileInput, NewClientInput, QuickEntryInput};
use hotto_app::AppState;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Manager};

struct Center {
    _tmp: tempfile::TempDir,
    app: App<MockRuntime>,
}

/// The demo center as of today (worklists are computed for today), built once.
fn built_demo() -> &'static std::path::Path {
    common::built_demo("casework", chrono::Local::now().date_naive())
}

fn demo_center() -> Center {
    let tmp = tempfile::tempdir().expect("temp dir");
    for name in ["hotto.db", "keys.json", "demo-accounts.json"] {
        std::fs::copy(built_demo().join(name), tmp.path().join(name)).expect("copy the demo");
    }
    let app = mock_builder()
        .manage(AppState::new(DataDir::at(tmp.path())))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    Center { _tmp: tmp, app }
}

fn signed_in(login: &str) -> Center {
    let center = demo_center();
    tauri::async_runtime::block_on(session::sign_in(
        center.app.state::<AppState>(),
        login.to_string(),
        hotto::demo::DEMO_PASSWORD.to_string(),
    ))
    .expect("sign in");
    center
}

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(f)
}

fn today_iso() -> String {
    chrono::Local::now().date_naive().to_string()
}

#[test]
fn a_search_in_katakana_finds_a_client_entered_in_hiragana() {
    let center = signed_in("shuro1");
    let state = || center.app.state::<AppState>();
    let input = NewClientInput {
        profile: ClientProfileInput {
            name: "検索 試子".to_string(),
            kana: "けんさく ためしこ".to_string(),
            ..ClientProfileInput::default()
        },
        first_contact_on: Some(today_iso()),
        main_staff_id: None,
    };
    let id = run(clients::create_client(state(), input)).expect("create");

    for typed in ["ケンサク タメシコ", "ｹﾝｻｸ", "けんさくためし"] {
        let filter = ClientFilterInput {
            text: typed.to_string(),
            ..ClientFilterInput::default()
        };
        let list = run(clients::search_clients(state(), filter, 0, 50)).expect("search");
        assert!(
            list.rows.iter().any(|r| r.id == id),
            "{typed} should find the client"
        );
        assert_eq!(list.total as usize, list.rows.len());
    }
}

#[test]
fn the_client_list_sends_at_most_the_limit_and_counts_every_match() {
    let center = signed_in("shuro1");
    let list = run(clients::search_clients(
        center.app.state::<AppState>(),
        ClientFilterInput::default(),
        0,
        100,
    ))
    .expect("list");
    assert_eq!(list.rows.len(), 100);
    assert!(
        list.total > 600,
        "the demo has hundreds of clients, got {}",
        list.total
    );
}

#[test]
fn the_client_list_pages_continue_where_the_last_one_stopped() {
    let center = signed_in("shuro1");
    let page = |offset, limit| {
        run(clients::search_clients(
            center.app.state::<AppState>(),
            ClientFilterInput::default(),
            offset,
            limit,
        ))
        .expect("page")
    };
    let whole = page(0, 200);
    let (first, second) = (page(0, 100), page(100, 100));
    assert_eq!(second.offset, 100);
    assert_eq!(second.total, whole.total);
    let ids = |rows: &[hotto_app::views::ClientRowView]| -> Vec<String> {
        rows.iter().map(|r| r.id.clone()).collect()
    };
    let mut both = ids(&first.rows);
    both.extend(ids(&second.rows));
    assert_eq!(both, ids(&whole.rows));
    // The last page is short and a page past the end is empty, with the same count.
    let last = page(whole.total - 3, 100);
    assert_eq!(last.rows.len(), 3);
    let past = page(whole.total, 100);
    assert!(past.rows.is_empty());
    assert_eq!(past.total, whole.total);
}

#[test]
fn a_quick_entry_appears_at_the_top_of_the_client_timeline() {
    let center = signed_in("shuro1");
    let state = || center.app.state::<AppState>();
    let choices = run(clients::casework_choices(state())).expect("choices");
    let me = choices.my_staff_id.expect("shuro1 is a staff member");
    let list = run(clients::search_clients(
        state(),
        ClientFilterInput::default(),
        0,
        1,
    ))
    .expect("list");
    let client_id = list.rows[0].id.clone();

    let entry = QuickEntryInput {
        client_id: client_id.clone(),
        entry: "support".to_string(),
        on: today_iso(),
        kind: "workplace_visit".to_string(),
        detail: None,
        staff_id: me,
        minutes: Some(45),
        body: "職場を訪問し、上司と面談しました。".to_string(),
    };
    run(records::add_quick_entry(state(), entry)).expect("quick entry");

    let timeline = run(records::client_timeline(state(), client_id, 20)).expect("timeline");
    let newest = timeline
        .entries
        .iter()
        .find(|e| e.text == "職場を訪問し、上司と面談しました。")
        .expect("the record is on the timeline");
    assert_eq!(newest.kind, "support_record");
    assert_eq!(newest.title, "職場訪問");
    assert_eq!(newest.on.iso, today_iso());
    assert_eq!(newest.staff, vec!["試験 花子".to_string()]);
    assert_eq!(newest.minutes, Some(45));
}

#[test]
fn completing_a_follow_up_takes_it_off_the_overdue_list_and_the_home_counts() {
    let center = signed_in("shuro1");
    let state = || center.app.state::<AppState>();
    let before = run(follow_ups::worklists(state(), false)).expect("worklists");
    assert!(before.mine_only);
    assert_eq!(before.staff_name.as_deref(), Some("試験 花子"));
    let first = before
        .overdue
        .first()
        .expect("shuro1 has overdue follow-ups in the demo");
    let done = hotto_app::views::FollowUpDoneInput {
        done_on: today_iso(),
        method: "phone".to_string(),
        outcome: "電話で様子を伺い、問題ないとのことでした。".to_string(),
        issues: String::new(),
        risk: "low".to_string(),
    };
    run(follow_ups::complete_follow_up(
        state(),
        first.id.clone(),
        done,
    ))
    .expect("complete");

    let after = run(follow_ups::worklists(state(), false)).expect("worklists");
    assert_eq!(after.overdue.len(), before.overdue.len() - 1);
    assert!(after.overdue.iter().all(|f| f.id != first.id));
    let everyone = run(follow_ups::worklists(state(), true)).expect("all staff");
    assert!(!everyone.mine_only);
    assert!(everyone.overdue.len() >= after.overdue.len());
    assert!(everyone.overdue.iter().all(|f| f.id != first.id));

    // Completing it again is refused in Japanese.
    let again = hotto_app::views::FollowUpDoneInput {
        done_on: today_iso(),
        method: "phone".to_string(),
        outcome: "再度".to_string(),
        issues: String::new(),
        risk: "low".to_string(),
    };
    let error = run(follow_ups::complete_follow_up(
        state(),
        first.id.clone(),
        again,
    ))
    .expect_err("already done");
    assert_eq!(
        error.message,
        "この定着フォローはすでに実施済みか中止されています。"
    );
}

#[test]
fn home_figures_show_the_plan_year_against_its_targets() {
    let center = signed_in("shuro1");
    let figures = run(home::home_figures(
        center.app.state::<AppState>(),
        Some(2025),
    ))
    .expect("figures");
    assert_eq!(figures.fiscal_year_label, "令和7年度");
    assert!(figures.has_plan);
    let labels: Vec<&str> = figures.figures.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "新規相談者数",
            "うち新規登録者数",
            "新規就労者数",
            "年度末登録者数",
            "継続就労者数"
        ]
    );
    let targets: Vec<Option<u32>> = figures.figures.iter().map(|f| f.target).collect();
    assert_eq!(
        targets,
        [Some(100), Some(50), Some(50), Some(700), Some(450)]
    );
    assert_eq!(figures.months.len(), 12);
    assert_eq!(figures.months[0].label, "4月");
}

#[test]
fn a_staff_session_cannot_call_a_director_only_command() {
    let center = signed_in("shuro1");
    let error = run(clients::add_flag_kind(
        center.app.state::<AppState>(),
        "服薬確認".to_string(),
    ))
    .expect_err("staff may not add a flag kind");
    assert_eq!(error.code, "permission_denied");
    assert_eq!(error.message, "この操作は施設長のみ行えます。");

    let director = signed_in("director");
    run(clients::add_flag_kind(
        director.app.state::<AppState>(),
        "服薬確認".to_string(),
    ))
    .expect("the director may");
}

#[test]
fn casework_commands_need_a_signed_in_session() {
    let center = demo_center();
    let error = run(follow_ups::worklists(center.app.state::<AppState>(), true))
        .expect_err("nobody signed in");
    assert_eq!(error.code, "invalid_session");
}
