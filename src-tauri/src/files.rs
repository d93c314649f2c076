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

/// The folder of temporary copies opened in a viewer: one of the user's own, never the
/// shared `/tmp`, where another account of the PC could read a client's report. Linux:
/// `$XDG_RUNTIME_DIR` (memory, gone at logout), else `~/.cache`; Windows: the user's temp
/// folder, which is already theirs alone.
fn viewer_dir() -> PathBuf {
    #[cfg(unix)]
    if let Some(base) = directories::BaseDirs::new() {
        let root = base.runtime_dir().unwrap_or(base.cache_dir());
        return root.join("hotto-view");
    }
    std::env::temp_dir().join("hotto-view")
}

/// Creates `dir` if needed and makes it readable by its owner alone (Unix).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Writes `bytes` to a new temporary file with `extension` and opens it with the
/// program the system uses for that type (the PDF reader, the image viewer).
pub fn open_in_viewer<R: Runtime>(
    app: &AppHandle<R>,
    bytes: &[u8],
    extension: &str,
) -> Result<(), AppError> {
    let dir = viewer_dir();
    create_private_dir(&dir).map_err(|e| io_error("create", &dir, e))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewer_copies_are_not_put_in_the_shared_temp_folder_when_the_user_has_a_home() {
        if directories::BaseDirs::new().is_some() && cfg!(unix) {
            assert!(!viewer_dir().starts_with(std::env::temp_dir()));
        }
        assert!(viewer_dir().ends_with("hotto-view"));
    }

    #[cfg(unix)]
    #[test]
    fn the_viewer_folder_is_readable_by_its_owner_alone_even_if_it_existed_open() {
        use std::os::unix::fs::PermissionsExt;
        let base = tempfile::tempdir().expect("temp dir");
        let dir = base.path().join("hotto-view");
        std::fs::create_dir(&dir).expect("create");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        create_private_dir(&dir).expect("private");
        let mode = std::fs::metadata(&dir)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
