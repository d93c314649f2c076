//! Facts about the app and its data dir, available before sign-in.

use tauri::State;

use crate::state::AppState;
use crate::views::{AppInfo, DemoAccountView};

/// The data dir in use, whether it holds a center, and its demo logins if any.
#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    let dir = state.data_dir();
    AppInfo {
        data_dir: dir.path().to_string_lossy().into_owned(),
        initialised: dir.is_initialised(),
        demo_accounts: dir
            .demo_accounts()
            .iter()
            .map(DemoAccountView::from)
            .collect(),
    }
}
