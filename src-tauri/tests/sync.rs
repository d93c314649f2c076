//! The sync screen's commands against a real encrypted demo center on Tauri's mock
//! runtime: who may set the folder, review conflicts and forget a PC, that a change
//! made after the folder is set goes out as a sealed file on the next run, and that
//! a forgotten PC is refused when it comes back.

mod common;

use hotto::DataDir;
use hotto_app::commands::{session, settings, sync};
use hotto_app::AppState;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Manager};

struct Center {
    tmp: tempfile::TempDir,
    app: App<MockRuntime>,
}

impl Center {
    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }
}

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    tauri::async_runtime::block_on(f)
}

/// A copy of the demo center in `tmp/data`, signed in as `login`.
fn signed_in(login: &str) -> Center {
    let demo = common::built_demo(
        "sync",
        chrono::NaiveDate::from_ymd_opt(2025, 11, 25).expect("a date"),
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).expect("data dir");
    for name in ["hotto.db", "keys.json", "demo-accounts.json"] {
        std::fs::copy(demo.join(name), data.join(name)).expect("copy the demo");
    }
    let app = mock_builder()
        .manage(AppState::new(DataDir::at(&data)))
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let center = Center { tmp, app };
    block(session::sign_in(
        center.state(),
        login.to_string(),
        hotto::demo::DEMO_PASSWORD.to_string(),
    ))
    .expect("sign in");
    center
}

#[test]
fn a_change_made_after_the_folder_is_set_goes_out_sealed_on_the_next_run() {
    let center = signed_in("director");
    let before = block(sync::sync_status(center.state())).expect("status");
    assert_eq!(before.folder, None);

    let folder = center.tmp.path().join("share");
    std::fs::create_dir(&folder).expect("share");
    let set = block(sync::sync_set_folder(
        center.state(),
        folder.to_string_lossy().into_owned(),
    ))
    .expect("set the folder");
    assert_eq!(
        set.folder.as_deref(),
        Some(folder.to_string_lossy().as_ref())
    );

    block(settings::set_idle_lock_minutes(center.state(), 15)).expect("a change");
    let pending = block(sync::sync_status(center.state())).expect("status");
    assert!(pending.pending_outgoing >= 1, "{pending:?}");

    let report = block(sync::sync_run(center.state())).expect("run");
    assert!(report.sent >= 1, "{report:?}");
    assert!(report.refused.is_empty() && report.problems.is_empty());
    let after = block(sync::sync_status(center.state())).expect("status");
    assert_eq!(after.pending_outgoing, 0);
    assert!(after.last_run_at.is_some());
    assert!(
        sync::sync_progress().is_none(),
        "no progress once the run is over"
    );

    let files = std::fs::read_dir(&folder).expect("read the share").count();
    assert!(files >= 1, "the run wrote its sealed file into the share");
}

#[test]
fn only_the_director_sets_the_folder_and_reviews_conflicts() {
    let center = signed_in("shuro1");
    let folder = center.tmp.path().to_string_lossy().into_owned();
    let refused = block(sync::sync_set_folder(center.state(), folder)).expect_err("staff");
    assert_eq!(refused.code, "permission_denied");
    assert!(!refused.message.is_empty());
    let refused = block(sync::sync_conflicts(center.state())).expect_err("staff");
    assert_eq!(refused.code, "permission_denied");
    // Anyone may look at the status and run sync.
    assert!(block(sync::sync_status(center.state())).is_ok());
}

#[test]
fn a_run_without_a_folder_says_so_in_japanese() {
    let center = signed_in("shuro1");
    let refused = block(sync::sync_run(center.state())).expect_err("no folder");
    assert!(
        refused.message.contains("同期フォルダ"),
        "{}",
        refused.message
    );
}

#[test]
fn the_director_forgets_a_replaced_pc_and_it_is_refused_when_it_comes_back() {
    let center = signed_in("director");
    let folder = center.tmp.path().join("share");
    std::fs::create_dir(&folder).expect("share");
    block(sync::sync_set_folder(
        center.state(),
        folder.to_string_lossy().into_owned(),
    ))
    .expect("set the folder");
    let enrolment = center.tmp.path().join("enrolment.hottobak");
    center
        .state()
        .with_signed(|store, s| {
            hotto::sync::export_enrolment(store, s, &enrolment, &mut |_| {}).map(|_| ())
        })
        .expect("enrolment file");
    // The second PC joins, syncs once and is then replaced.
    let (mut old_pc, s) = hotto::sync::join(
        &enrolment,
        &DataDir::at(center.tmp.path().join("old-pc")),
        &folder,
        "director",
        hotto::demo::DEMO_PASSWORD,
    )
    .expect("join");
    hotto::sync::run(&mut old_pc, &s, None, &mut |_| {}).expect("first sync");
    let old_id = old_pc.device_id().to_string();
    block(sync::sync_run(center.state())).expect("run");
    let listed = block(sync::sync_status(center.state())).expect("status");
    let line = listed
        .devices
        .iter()
        .find(|d| d.device_id == old_id)
        .expect("the old PC is listed");
    assert!(!line.forgotten && line.last_sync_at.is_some());

    let after = block(sync::sync_forget_device(center.state(), old_id.clone())).expect("forget");
    let line = after
        .devices
        .iter()
        .find(|d| d.device_id == old_id)
        .unwrap();
    assert!(line.forgotten, "the list shows it forgotten");

    let refused = hotto::sync::run(&mut old_pc, &s, None, &mut |_| {}).expect_err("forgotten");
    assert!(
        refused.message_ja().contains("新しい登録ファイル"),
        "{}",
        refused.message_ja()
    );
}

#[test]
fn only_the_director_forgets_a_pc() {
    let center = signed_in("shuro1");
    let refused = block(sync::sync_forget_device(
        center.state(),
        "01a0b0c0-0000-7000-8000-000000000000".to_string(),
    ))
    .expect_err("staff");
    assert_eq!(refused.code, "permission_denied");
}
