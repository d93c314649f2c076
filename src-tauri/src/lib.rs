//! ほっと desktop shell: the Tauri builder, the app state and the typed command
//! list. The shell only adapts: each command parses its input, calls the `hotto`
//! core and maps the core's error (in `error.rs`); no rule of the center lives here.

mod args;
pub mod commands;
mod error;
pub mod files;
mod state;
pub mod views;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hotto::DataDir;
use specta_typescript::{BigIntExportBehavior, Typescript};

pub use error::AppError;
pub use state::{AppState, Signed};

/// The typed command list: the source of both the invoke handler and `ui/src/bindings.ts`.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        commands::app::app_info,
        commands::calendar::parse_date,
        commands::calendar::today,
        commands::session::sign_in,
        commands::session::sign_out,
        commands::session::current_session,
        commands::home::home_figures,
        commands::clients::casework_choices,
        commands::clients::search_clients,
        commands::clients::export_clients_csv,
        commands::clients::possible_duplicates,
        commands::clients::create_client,
        commands::clients::get_client,
        commands::clients::update_client,
        commands::clients::set_main_staff,
        commands::clients::add_sub_staff,
        commands::clients::remove_sub_staff,
        commands::clients::set_flag,
        commands::clients::clear_flag,
        commands::clients::add_flag_kind,
        commands::clients::add_attachment,
        commands::clients::open_attachment,
        commands::client_links::link_partner,
        commands::client_links::end_partner_link,
        commands::client_links::add_consent,
        commands::client_links::withdraw_consent,
        commands::records::client_timeline,
        commands::records::add_quick_entry,
        commands::employment::client_employments,
        commands::employment::add_employment,
        commands::employment::end_employment,
        commands::employment::add_handover,
        commands::employment::mark_handover_arrived,
        commands::employment::check_handover,
        commands::follow_ups::worklists,
        commands::follow_ups::complete_follow_up,
        commands::follow_ups::reassign_follow_up,
        commands::follow_ups::reschedule_follow_up,
        commands::follow_ups::export_follow_ups_csv,
        commands::employers::list_employers,
        commands::employers::employer_detail,
        commands::employers::save_employer,
        commands::employers::add_employer_support,
        commands::employers::export_employers_csv,
        commands::employers::list_prospects,
        commands::employers::save_prospect,
        commands::employers::prospect_contacts,
        commands::employers::log_prospect_contact,
        commands::employers::development_activity,
        commands::employers::development_choices,
        commands::partners::partner_categories,
        commands::partners::list_partners,
        commands::partners::save_partner,
        commands::partners::set_partner_active,
        commands::partners::export_partners_csv,
        commands::meetings::meeting_kinds,
        commands::meetings::list_meetings,
        commands::meetings::meeting_detail,
        commands::meetings::save_meeting,
        commands::meetings::remove_meeting,
        commands::meetings::set_meeting_attendance,
        commands::meetings::attendance_choices,
        commands::meetings::attendee_client_search,
        commands::meetings::list_trainings,
        commands::meetings::export_meetings_csv,
        commands::meetings::liaison_handout,
        commands::office::work_calendar,
        commands::office::dropin_month,
        commands::office::dropin_year,
        commands::office::set_dropin_day,
        commands::office::export_dropin_csv,
        commands::office::commission_results,
        commands::office::set_commission_result,
        commands::office::list_newsletters,
        commands::office::add_newsletter,
        commands::staff::staff_overview,
        commands::staff::add_allocation,
        commands::staff::end_allocation,
        commands::staff::preview_add_allocation,
        commands::staff::preview_end_allocation,
        commands::staff::change_allocation,
        commands::staff::preview_change_allocation,
        commands::staff::main_staff_clients,
        commands::staff::preview_reassignment,
        commands::staff::reassign_main_staff,
        commands::plan::plan_years,
        commands::plan::plan_view,
        commands::plan::set_plan_targets,
        commands::plan::set_plan_section,
        commands::plan::set_plan_staffing_line,
        commands::plan::remove_plan_staffing_line,
        commands::plan::set_plan_hours,
        commands::plan::budget_lines,
        commands::plan::add_budget_line,
        commands::plan::set_budget_actual,
        commands::plan::trial_balance,
        commands::reports::generate_report,
        commands::reports::open_report,
        commands::reports::save_report,
        commands::reports::recent_fiscal_years,
        commands::audit::audit_log,
        commands::audit::audit_choices,
        commands::audit::verify_audit_log,
        commands::users::list_users,
        commands::users::add_user,
        commands::users::change_user_password,
        commands::users::set_user_role,
        commands::users::remove_user,
        commands::settings::idle_lock_minutes,
        commands::settings::set_idle_lock_minutes,
        commands::settings::settings_view,
        commands::settings::set_check_in_days,
        commands::settings::set_follow_up_schedule,
        commands::settings::set_backup_folder,
        commands::settings::pick_backup_folder,
        commands::settings::backup_now,
        commands::settings::backup_progress,
        commands::sync::sync_status,
        commands::sync::sync_set_folder,
        commands::sync::sync_run,
        commands::sync::sync_progress,
        commands::sync::sync_conflicts,
        commands::sync::sync_resolve_conflict,
        commands::sync::sync_forget_device,
        commands::import::import_kinds,
        commands::import::import_dry_run,
        commands::import::import_apply,
        commands::import::import_progress,
    ])
}

/// Writes the TypeScript bindings for the commands and their types to `path`.
pub fn export_bindings(path: &Path) -> Result<(), specta_typescript::ExportError> {
    specta_builder().export(typescript(), path)
}

/// Where the committed bindings live: `ui/src/bindings.ts` beside this crate.
pub fn committed_bindings_path() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .parent()
        .unwrap_or(crate_dir)
        .join("ui")
        .join("src")
        .join("bindings.ts")
}

/// The exporter settings. Nothing in the output depends on time or machine, so
/// that the committed file can be compared byte for byte.
fn typescript() -> Typescript {
    Typescript::default()
        .header("// Regenerate with `cargo run -p hotto-app --bin export-bindings`.")
        // A 64-bit integer does not fit a JS number: refuse to export one silently.
        .bigint(BigIntExportBehavior::Fail)
}

/// Linux: WebKitGTK hands each finished frame from its web process to the window through
/// shared memory instead of a DMA-BUF (`WEBKIT_DISABLE_DMABUF_RENDERER=1`), unless that
/// variable is already set (`=0` gives DMA-BUF back). Without a GPU driver (Xvfb, virtual
/// machines, remote desktops) the window draws a DMA-BUF frame with Mesa's software OpenGL: on
/// the scale-10 demo a keystroke's results reached the screen after 138 ms median and the app
/// took 598 MB; with shared memory 31 ms and 449 MB (`scripts/bench-app.sh`, README › App
/// benchmark). WebKit still composites the page as before; only the hand-over changes. Windows
/// (WebView2) is not concerned. Call before any thread or window exists.
pub fn choose_frame_transport() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// Opens the window for the data dir named by `--data-dir`, `HOTTO_DATA_DIR` or
/// the platform default, and runs until it is closed.
pub fn run(context: tauri::Context<tauri::Wry>) -> ExitCode {
    choose_frame_transport();
    // A panic must not print client data: say where, not what.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("hotto-app: internal error{place} (a bug): please report what you were doing");
    }));

    let explicit = args::data_dir(std::env::args_os().skip(1));
    let data_dir = match explicit.and_then(|path| DataDir::resolve(path).map_err(|e| e.to_string()))
    {
        Ok(dir) => dir,
        Err(problem) => {
            eprintln!("hotto-app: {problem}");
            return ExitCode::from(2);
        }
    };

    files::remove_viewer_copies();
    let commands = specta_builder();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(data_dir))
        .invoke_handler(commands.invoke_handler())
        .build(context);
    let result = app.map(|app| {
        app.run(|_, event| {
            if let tauri::RunEvent::Exit = event {
                files::remove_viewer_copies();
            }
        })
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hotto-app: could not open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
