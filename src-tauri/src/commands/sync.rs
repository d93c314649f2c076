//! Sync with the other PCs of the center through the shared folder: status, the
//! folder (director), a run with progress, the director's conflict review and
//! forgetting a replaced PC.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use hotto::sync;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::{ConflictView, SyncProgressView, SyncReportView, SyncStatusView};

/// This PC's sync folder, pending changes and every PC's last sync.
#[tauri::command]
#[specta::specta]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncStatusView, AppError> {
    state.with_signed(|store, session| Ok(sync::status(store, session)?.into()))
}

/// Sets this PC's sync folder (a network share or a USB stick; director).
#[tauri::command]
#[specta::specta]
pub async fn sync_set_folder(
    state: State<'_, AppState>,
    folder: String,
) -> Result<SyncStatusView, AppError> {
    let folder = PathBuf::from(folder.trim());
    state.with_signed(|store, session| {
        session.require_director("set the sync folder")?;
        sync::set_folder(store, session, &folder)?;
        Ok(sync::status(store, session)?.into())
    })
}

/// The running sync's progress, read by [`sync_progress`] while the run holds the store.
static SYNC_PROGRESS: Mutex<Option<SyncProgressView>> = Mutex::new(None);

fn set_progress(progress: Option<SyncProgressView>) {
    *SYNC_PROGRESS.lock().unwrap_or_else(PoisonError::into_inner) = progress;
}

/// Sends this PC's changes and applies the others'; the screen polls [`sync_progress`].
#[tauri::command]
#[specta::specta]
pub async fn sync_run(state: State<'_, AppState>) -> Result<SyncReportView, AppError> {
    set_progress(None);
    let result = state.with_signed(|store, session| {
        let mut progress = |p: sync::SyncProgress| set_progress(Some(p.into()));
        Ok(sync::run(store, session, None, &mut progress)?.into())
    });
    set_progress(None);
    result
}

/// How far the running sync has got (none when no sync runs).
#[tauri::command]
#[specta::specta]
pub fn sync_progress() -> Option<SyncProgressView> {
    SYNC_PROGRESS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// Every conflict recorded on this PC, newest first (director).
#[tauri::command]
#[specta::specta]
pub async fn sync_conflicts(state: State<'_, AppState>) -> Result<Vec<ConflictView>, AppError> {
    state.with_signed(|store, session| {
        Ok(sync::conflicts(store, session)?
            .into_iter()
            .map(ConflictView::from)
            .collect())
    })
}

/// Settles a conflict: keep the value that won, or bring the losing one back (director).
#[tauri::command]
#[specta::specta]
pub async fn sync_resolve_conflict(
    state: State<'_, AppState>,
    id: String,
    restore: bool,
) -> Result<Vec<ConflictView>, AppError> {
    state.with_signed(|store, session| {
        if restore {
            sync::restore_loser(store, session, &id)?;
        } else {
            sync::keep_winner(store, session, &id)?;
        }
        Ok(sync::conflicts(store, session)?
            .into_iter()
            .map(ConflictView::from)
            .collect())
    })
}

/// Forgets a PC that was replaced or broke (director): the folder no longer waits
/// for it, and it is refused if it syncs again.
#[tauri::command]
#[specta::specta]
pub async fn sync_forget_device(
    state: State<'_, AppState>,
    device_id: String,
) -> Result<SyncStatusView, AppError> {
    state.with_signed(|store, session| {
        sync::forget_device(store, session, device_id.trim())?;
        Ok(sync::status(store, session)?.into())
    })
}
