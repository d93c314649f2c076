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

/// Opens the window for the data dir named by `--data-dir`, `HOTTO_DATA_DIR` or
/// the platform default, and runs until it is closed.
pub fn run(context: tauri::Context<tauri::Wry>) -> ExitCode {
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
