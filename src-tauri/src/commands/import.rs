//! The import wizard's commands: the kinds and their columns, the dry run, the real run, and
//! the progress of either (polled by the UI while the other command holds the store). The
//! file's bytes come from the webview, which read the file the user chose.

use std::sync::{Mutex, PoisonError};

use hotto::import::{self, ImportKind, ImportProgress};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::{
    ImportKindInfo, ImportKindView, ImportPreviewView, ImportProgressView, ImportReportView,
};

/// The progress of the check or import under way (one window, so one at a time).
static PROGRESS: Mutex<Option<ImportProgressView>> = Mutex::new(None);

fn set_progress(value: Option<ImportProgressView>) {
    *PROGRESS.lock().unwrap_or_else(PoisonError::into_inner) = value;
}

/// Publishes progress while `run` works, and clears it afterwards whatever happened.
fn with_progress<T>(run: impl FnOnce(&mut dyn FnMut(ImportProgress)) -> T) -> T {
    set_progress(Some(ImportProgressView { done: 0, total: 0 }));
    let value = run(&mut |p| set_progress(Some(p.into())));
    set_progress(None);
    value
}

/// The kinds of file that can be imported, with their columns.
#[tauri::command]
#[specta::specta]
pub fn import_kinds() -> Vec<ImportKindInfo> {
    ImportKind::ALL.into_iter().map(Into::into).collect()
}

/// Checks a file under every rule and keeps nothing: problems by row and column, duplicates.
#[tauri::command]
#[specta::specta]
pub async fn import_dry_run(
    state: State<'_, AppState>,
    kind: ImportKindView,
    bytes: Vec<u8>,
) -> Result<ImportPreviewView, AppError> {
    let preview = with_progress(|progress| {
        state.with_signed(|store, session| {
            import::dry_run(store, session, kind.into(), &bytes, progress)
        })
    })?;
    Ok(preview.into())
}

/// Imports the whole file in one transaction, or nothing when any row has a problem.
#[tauri::command]
#[specta::specta]
pub async fn import_apply(
    state: State<'_, AppState>,
    kind: ImportKindView,
    bytes: Vec<u8>,
) -> Result<ImportReportView, AppError> {
    let report = with_progress(|progress| {
        state.with_signed(|store, session| {
            import::apply(store, session, kind.into(), &bytes, progress)
        })
    })?;
    Ok(report.into())
}

/// How far the check or import under way has got; `None` when none runs.
#[tauri::command]
#[specta::specta]
pub fn import_progress() -> Option<ImportProgressView> {
    *PROGRESS.lock().unwrap_or_else(PoisonError::into_inner)
}
