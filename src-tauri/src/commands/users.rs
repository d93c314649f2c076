//! The director's accounts: list, add, change a password or role, remove. The core enforces
//! the director role, the password rules and the last-director rule; each change rewrites the
//! key slots in the same transaction.

use hotto::accounts::{self, NewUser};
use hotto::error::{fields, Problem};
use hotto::{CoreError, Role};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::users::UserView;

/// Every account, active or removed (director only).
#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> Result<Vec<UserView>, AppError> {
    state.with_signed(|store, session| {
        accounts::list_users(store, session).map(|us| us.iter().map(UserView::from).collect())
    })
}

/// Adds an account with its first password, typed twice (director only).
#[tauri::command]
#[specta::specta]
pub async fn add_user(
    state: State<'_, AppState>,
    login: String,
    display_name: String,
    role: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    let role = role_of(&role)?;
    same_twice(&password, &password_again)?;
    let new = NewUser {
        login: &login,
        display_name: &display_name,
        role,
        password: &password,
    };
    state.with_signed(|store, session| accounts::add_user(store, session, &new).map(|_| ()))
}

/// Sets a new password, typed twice (one's own, or anyone's as director).
#[tauri::command]
#[specta::specta]
pub async fn change_user_password(
    state: State<'_, AppState>,
    login: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    same_twice(&password, &password_again)?;
    state.with_signed(|store, session| accounts::change_password(store, session, &login, &password))
}

/// Changes an account's role (director only; the last director stays).
#[tauri::command]
#[specta::specta]
pub async fn set_user_role(
    state: State<'_, AppState>,
    login: String,
    role: String,
) -> Result<(), AppError> {
    let role = role_of(&role)?;
    state.with_signed(|store, session| accounts::set_role(store, session, &login, role))
}

/// Removes an account (director only; the last director stays).
#[tauri::command]
#[specta::specta]
pub async fn remove_user(state: State<'_, AppState>, login: String) -> Result<(), AppError> {
    state.with_signed(|store, session| accounts::remove_user(store, session, &login))
}

fn role_of(text: &str) -> Result<Role, CoreError> {
    Role::parse(text).ok_or(CoreError::invalid(fields::ROLE, Problem::Empty))
}

/// The password and its repetition must agree before anything is sent to the core.
fn same_twice(password: &str, again: &str) -> Result<(), CoreError> {
    if password != again {
        return Err(CoreError::invalid(fields::PASSWORD, Problem::Mismatch));
    }
    Ok(())
}
