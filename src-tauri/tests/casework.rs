//! The casework commands (home, clients, records, follow-ups, partners and consents,
//! hand-overs) against a real encrypted demo center built for today, called as the webview
//! calls them on Tauri's mock runtime.

mod common;

use hotto::DataDir;
use hotto_app::commands::{client_links, clients, employment, follow_ups, home, records, session};
use hotto_app::views::{
    ClientFilterInput, ClientProfileInput, HandoverCheckInput, NewClientInput, NewConsentInput,
    PartnerLinkInput, QuickEntryInput,
};
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

fn days_ago(days: u64) -> String {
    (chrono::Local::now().date_naive() - chrono::Days::new(days)).to_string()
}

/// The first client of the list (kana order) and the first partner of the choices.
fn a_client_and_a_partner(center: &Center) -> (String, String) {
    let state = center.app.state::<AppState>();
    let choices = run(clients::casework_choices(state.clone())).expect("choices");
    let list = run(clients::search_clients(
        state,
        ClientFilterInput::default(),
        0,
        1,
    ))
    .expect("list");
    (list.rows[0].id.clone(), choices.partners[0].value.clone())
}

#[test]
fn a_consent_is_recorded_then_withdrawn_and_the_client_page_shows_both_dates() {
    let center = signed_in("seikatsu1");
    let state = || center.app.state::<AppState>();
    let (client_id, partner_id) = a_client_and_a_partner(&center);
    let consent = NewConsentInput {
        partner_id: partner_id.clone(),
        given_on: days_ago(30),
        scope: "就労状況・通院状況".to_string(),
    };
    let id = run(client_links::add_consent(
        state(),
        client_id.clone(),
        consent,
    ))
    .expect("add");

    let page = run(clients::get_client(state(), client_id.clone())).expect("client");
    let shown = page.consents.iter().find(|c| c.id == id).expect("listed");
    assert_eq!(shown.given_on.iso, days_ago(30));
    assert_eq!(shown.partner_id, partner_id);
    assert_eq!(shown.scope, "就労状況・通院状況");
    assert!(shown.withdrawn_on.is_none());

    // A withdrawal before the consent was given is refused, in Japanese.
    let early = run(client_links::withdraw_consent(
        state(),
        id.clone(),
        days_ago(31),
    ))
    .expect_err("before it was given");
    assert_eq!(
        early.message,
        "同意の撤回日は開始日以降の日付にしてください。"
    );

    // 和暦 typed as staff type it is read by the core.
    let today = chrono::Local::now().date_naive();
    let typed = hotto::calendar::format_wareki(today);
    run(client_links::withdraw_consent(state(), id.clone(), typed)).expect("withdraw");
    let page = run(clients::get_client(state(), client_id)).expect("client");
    let shown = page
        .consents
        .iter()
        .find(|c| c.id == id)
        .expect("still listed");
    assert_eq!(
        shown.withdrawn_on.as_ref().map(|d| d.iso.clone()),
        Some(today_iso())
    );

    let again = run(client_links::withdraw_consent(state(), id, today_iso()))
        .expect_err("already withdrawn");
    assert_eq!(again.message, "この同意はすでに撤回されています。");
}

#[test]
fn a_partner_linked_to_a_client_shows_with_its_contact_and_moves_to_the_past_when_it_ends() {
    let center = signed_in("shuro1");
    let state = || center.app.state::<AppState>();
    let (client_id, partner_id) = a_client_and_a_partner(&center);
    let link = PartnerLinkInput {
        partner_id: partner_id.clone(),
        contact_person: "専門援助部門 田中".to_string(),
        since_on: Some(days_ago(60)),
    };
    run(client_links::link_partner(state(), client_id.clone(), link)).expect("link");

    let page = run(clients::get_client(state(), client_id.clone())).expect("client");
    let linked = page
        .partners
        .iter()
        .find(|p| p.partner_id == partner_id)
        .expect("linked");
    assert_eq!(linked.contact_person, "専門援助部門 田中");
    assert_eq!(
        linked.since_on.as_ref().map(|d| d.iso.clone()),
        Some(days_ago(60))
    );

    let early = run(client_links::end_partner_link(
        state(),
        client_id.clone(),
        partner_id.clone(),
        days_ago(61),
    ))
    .expect_err("before it began");
    assert_eq!(
        early.message,
        "関与の終了日は開始日以降の日付にしてください。"
    );
    run(client_links::end_partner_link(
        state(),
        client_id.clone(),
        partner_id.clone(),
        today_iso(),
    ))
    .expect("end");
    let page = run(clients::get_client(state(), client_id.clone())).expect("client");
    assert!(page.partners.iter().all(|p| p.partner_id != partner_id));
    let past = page
        .past_partners
        .iter()
        .find(|p| p.partner_id == partner_id)
        .expect("listed among the past partners");
    assert_eq!(
        past.ended_on.as_ref().map(|d| d.iso.clone()),
        Some(today_iso())
    );

    let again = run(client_links::end_partner_link(
        state(),
        client_id,
        partner_id,
        today_iso(),
    ))
    .expect_err("no longer involved");
    assert_eq!(again.code, "not_found");
}

#[test]
fn a_hand_over_checked_from_the_client_page_leaves_the_home_worklist() {
    let center = signed_in("shuro1");
    let state = || center.app.state::<AppState>();
    let before = run(follow_ups::worklists(state(), true)).expect("worklists");
    let ending = before
        .handovers
        .first()
        .expect("the demo has hand-overs ending soon")
        .clone();

    run(employment::mark_handover_arrived(
        state(),
        ending.id.clone(),
    ))
    .expect("arrived");
    let twice = run(employment::mark_handover_arrived(
        state(),
        ending.id.clone(),
    ))
    .expect_err("already arrived");
    assert_eq!(twice.message, "この支援引継ぎはすでに受付済みです。");
    let arrived = run(follow_ups::worklists(state(), true)).expect("worklists");
    let listed = arrived
        .handovers
        .iter()
        .find(|h| h.id == ending.id)
        .expect("an arrived hand-over is still to check");
    assert_eq!(listed.status_label, "引継ぎ受付");

    let check = HandoverCheckInput {
        checked_on: today_iso(),
        notes: "本人・事業所と面談。勤務は安定".to_string(),
    };
    run(employment::check_handover(
        state(),
        ending.id.clone(),
        check,
    ))
    .expect("check");

    let after = run(follow_ups::worklists(state(), true)).expect("worklists");
    assert!(after.handovers.iter().all(|h| h.id != ending.id));
    assert_eq!(after.handovers.len(), before.handovers.len() - 1);
    let jobs = run(employment::client_employments(state(), ending.client_id)).expect("jobs");
    let shown = jobs
        .iter()
        .flat_map(|j| j.handovers.iter())
        .find(|h| h.id == ending.id)
        .expect("under its job");
    assert_eq!(shown.status, "checked");
    assert_eq!(
        shown.checked_on.as_ref().map(|d| d.iso.clone()),
        Some(today_iso())
    );
    assert!(shown.notes.ends_with("本人・事業所と面談。勤務は安定"));
}

#[test]
fn a_follow_up_moved_to_a_sunday_falls_due_on_the_next_open_day_and_leaves_the_overdue_list() {
    let center = signed_in("shuro1");
    let state = || center.app.state::<AppState>();
    let before = run(follow_ups::worklists(state(), true)).expect("worklists");
    let late = before
        .overdue
        .first()
        .expect("the demo has overdue follow-ups")
        .clone();
    let today = chrono::Local::now().date_naive();
    let mut sunday = today + chrono::Days::new(14);
    while chrono::Datelike::weekday(&sunday) != chrono::Weekday::Sun {
        sunday = sunday + chrono::Days::new(1);
    }

    let moved = run(follow_ups::reschedule_follow_up(
        state(),
        late.id.clone(),
        sunday.to_string(),
    ))
    .expect("reschedule");
    assert_eq!(
        moved.iso,
        hotto::calendar::next_open_day_on_or_after(sunday).to_string()
    );
    assert_ne!(moved.iso, sunday.to_string());

    let after = run(follow_ups::worklists(state(), true)).expect("worklists");
    assert!(after.overdue.iter().all(|f| f.id != late.id));
    let jobs = run(employment::client_employments(state(), late.client_id)).expect("jobs");
    let shown = jobs
        .iter()
        .flat_map(|j| j.follow_ups.iter())
        .find(|f| f.id == late.id)
        .expect("on the client page");
    assert_eq!(shown.due_on.iso, moved.iso);

    let unknown = run(follow_ups::reschedule_follow_up(
        state(),
        late.id,
        "あした".to_string(),
    ))
    .expect_err("not a date");
    assert!(!unknown.message.is_empty());
}
