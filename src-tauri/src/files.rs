//! Files that leave the app: a report or attachment opened in the system viewer
//! (from a temporary copy that is removed at sign-out, lock and exit) and
//! "save as" through the system's own dialog. Names are random or chosen by the
//! user, never built from client data.

use std::path::{Path, PathBuf};

use hotto::store::slots::write_atomically;
use hotto::CoreError;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::error::AppError;

/// The folder of temporary copies opened in a viewer.
fn viewer_dir() -> PathBuf {
    std::env::temp_dir().join("hotto-view")
}

/// Writes `bytes` to a new temporary file with `extension` and opens it with the
/// program the system uses for that type (the PDF reader, the image viewer).
pub fn open_in_viewer<R: Runtime>(
    app: &AppHandle<R>,
    bytes: &[u8],
    extension: &str,
) -> Result<(), AppError> {
    let dir = viewer_dir();
    std::fs::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))?;
    let path = dir.join(format!("{}.{extension}", uuid::Uuid::new_v4().simple()));
    write_atomically(&path, bytes).map_err(CoreError::from)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            eprintln!("hotto-app: open in viewer: {e}");
            AppError {
                code: "viewer_failed".into(),
                message: "ファイルを開くアプリが見つかりませんでした。「名前を付けて保存」をお使いください。"
                    .into(),
            }
        })
}

/// Removes every temporary copy made for a viewer. Called at sign-out, lock,
/// exit and start (a crash may have left some behind); a copy still open in a
/// viewer on Windows cannot be removed and is tried again next time.
pub fn remove_viewer_copies() {
    let Ok(entries) = std::fs::read_dir(viewer_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
}

/// Asks where to save with the system's dialog, then writes `bytes` there
/// atomically. `None` when the person cancelled; the path written otherwise.
pub fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    bytes: &[u8],
    suggested_name: &str,
    filter: (&str, &[&str]),
) -> Result<Option<String>, AppError> {
    let chosen = app
        .dialog()
        .file()
        .set_file_name(suggested_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file();
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(|e| {
        eprintln!("hotto-app: save dialog returned no path: {e}");
        AppError {
            code: "invalid_path".into(),
            message: "この保存先は使えません。別の場所を選んでください。".into(),
        }
    })?;
    // The path was typed by the person and may hold a name: map without logging it.
    write_atomically(&path, bytes).map_err(|e| quiet(CoreError::from(e)))?;
    Ok(Some(path.to_string_lossy().into_owned()))
}

fn quiet(e: CoreError) -> AppError {
    AppError {
        code: e.code().to_string(),
        message: e.message_ja(),
    }
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> AppError {
    eprintln!("hotto-app: {what} {}: {e}", path.display());
    AppError {
        code: "io".into(),
        message: "一時ファイルを作成できませんでした。ディスクの空きを確認してください。".into(),
    }
}
