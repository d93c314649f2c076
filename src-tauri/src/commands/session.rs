//! Signing in and out. The unlocked store lives in the app state only while a
//! session is open; signing out (or the UI's auto-lock) drops it with its key.

use std::time::Duration;

use hotto::error::{fields, Problem};
use hotto::store::StoreError;
use hotto::{CoreError, Store};
use tauri::State;

use crate::error::AppError;
use crate::state::{AppState, Signed};
use crate::views::SessionView;

/// Unlocks the database with the user's password and opens a session.
///
/// Replaces any earlier session. A wrong login or password is answered only
/// after the throttle's delay for that login.
#[tauri::command]
#[specta::specta]
pub async fn sign_in(
    state: State<'_, AppState>,
    login: String,
    password: String,
) -> Result<SessionView, AppError> {
    if login.trim().is_empty() {
        return Err(CoreError::invalid(fields::LOGIN, Problem::Empty).into());
    }
    if password.is_empty() {
        return Err(CoreError::invalid(fields::PASSWORD, Problem::Empty).into());
    }
    // The earlier store holds the data dir's lock: release it before unlocking again.
    drop(state.signed().take());

    // Attempts fired in parallel still wait out the back-off of earlier failures.
    let earlier_delay = state.throttle().delay_for(&login);
    let dir = state.data_dir().clone();
    let attempt_login = login.clone();
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        std::thread::sleep(earlier_delay);
        Store::sign_in(&dir, &attempt_login, &password)
    })
    .await
    .map_err(|e| AppError::internal(&format!("sign-in worker: {e}")))?;

    match outcome {
        Ok((store, session)) => {
            state.throttle().record_success(&login);
            let view = SessionView::from(&session);
            *state.signed() = Some(Signed { store, session });
            Ok(view)
        }
        Err(e) => {
            if matches!(e, CoreError::Store(StoreError::WrongCredentials)) {
                let delay = {
                    let mut throttle = state.throttle();
                    throttle.record_failure(&login);
                    throttle.delay_for(&login)
                };
                pause(delay).await?;
            }
            Err(e.into())
        }
    }
}

/// Closes the session: the store and its key leave memory.
#[tauri::command]
#[specta::specta]
pub fn sign_out(state: State<'_, AppState>) {
    drop(state.signed().take());
    crate::files::remove_viewer_copies();
}

/// The open session, if any (after a reload of the webview).
#[tauri::command]
#[specta::specta]
pub fn current_session(state: State<'_, AppState>) -> Option<SessionView> {
    state
        .signed()
        .as_ref()
        .map(|signed| SessionView::from(&signed.session))
}

/// Waits without holding up the async runtime's workers.
async fn pause(delay: Duration) -> Result<(), AppError> {
    if delay.is_zero() {
        return Ok(());
    }
    tauri::async_runtime::spawn_blocking(move || std::thread::sleep(delay))
        .await
        .map_err(|e| AppError::internal(&format!("sign-in pause: {e}")))
}
