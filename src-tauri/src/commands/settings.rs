//! Settings: the idle lock (read by the frame for everyone, set by the director), the
//! follow-up policy (its schedule steps and check-in thresholds), and backups (folder, "back up now" with progress).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use hotto::retention::{self, CheckInDays, FollowUpMethod, Offset, Step};
use hotto::{backup, settings};
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::settings::{
    BackupProgressView, BackupResultView, BackupStatusView, CheckInDaysView, FollowUpPolicyView,
    FollowUpScheduleView, SettingsView,
};

/// Minutes without input before the app locks (10 unless the director changed it).
#[tauri::command]
#[specta::specta]
pub async fn idle_lock_minutes(state: State<'_, AppState>) -> Result<u32, AppError> {
    state.with_signed(|store, session| settings::idle_lock_minutes(store, session))
}

/// Sets the idle-lock minutes, 1–120 (director only).
#[tauri::command]
#[specta::specta]
pub async fn set_idle_lock_minutes(
    state: State<'_, AppState>,
    minutes: u32,
) -> Result<(), AppError> {
    state.with_signed(|store, session| settings::set_idle_lock_minutes(store, session, minutes))
}

/// Everything the settings screen shows.
#[tauri::command]
#[specta::specta]
pub async fn settings_view(state: State<'_, AppState>) -> Result<SettingsView, AppError> {
    state.with_signed(|store, session| {
        let policy = retention::current_policy(store, session)?;
        Ok(SettingsView {
            idle_lock_minutes: settings::idle_lock_minutes(store, session)?,
            policy: FollowUpPolicyView::from(&policy),
            backup: BackupStatusView::from(&backup::backup_status(store, session)?),
            can_edit: session.is_director(),
        })
    })
}

/// Sets the check-in thresholds, keeping the rest of the policy (director only).
#[tauri::command]
#[specta::specta]
pub async fn set_check_in_days(
    state: State<'_, AppState>,
    days: CheckInDaysView,
) -> Result<(), AppError> {
    state.with_signed(|store, session| {
        let mut policy = retention::current_policy(store, session)?;
        policy.check_in_days = CheckInDays {
            employed: days.employed,
            preparing: days.preparing,
            seeking: days.seeking,
            on_leave: days.on_leave,
            separated: days.separated,
            unset: days.unset,
        };
        retention::set_policy(store, session, &policy)
    })
}

/// Sets the follow-up schedule (early steps, half-yearly and yearly spans, later method),
/// keeping the check-in thresholds (director only; the core checks the order and ranges and
/// audits the change). Schedules already made keep their dates.
#[tauri::command]
#[specta::specta]
pub async fn set_follow_up_schedule(
    state: State<'_, AppState>,
    schedule: FollowUpScheduleView,
) -> Result<(), AppError> {
    let mut early = Vec::with_capacity(schedule.steps.len());
    for step in &schedule.steps {
        let offset = match step.unit.as_str() {
            "weeks" => Offset::Weeks(step.count),
            "months" => Offset::Months(step.count),
            _ => return Err(step_problem().into()),
        };
        let method = FollowUpMethod::from_db(&step.method).ok_or_else(step_problem)?;
        early.push(Step { offset, method });
    }
    let later_method = FollowUpMethod::from_db(&schedule.later_method).ok_or_else(step_problem)?;
    state.with_signed(|store, session| {
        let mut policy = retention::current_policy(store, session)?;
        policy.early = early;
        policy.half_yearly_until_years = schedule.half_yearly_until_years;
        policy.yearly_until_years = schedule.yearly_until_years;
        policy.later_method = later_method;
        retention::set_policy(store, session, &policy)
    })
}

/// A step whose unit or method is not one of the choices (only a broken form sends one).
fn step_problem() -> hotto::CoreError {
    hotto::CoreError::invalid(
        hotto::retention::fields::POLICY_STEPS,
        hotto::error::Problem::Empty,
    )
}

/// Chooses the backup folder by its path (director only; it must exist).
#[tauri::command]
#[specta::specta]
pub async fn set_backup_folder(
    state: State<'_, AppState>,
    folder: String,
) -> Result<BackupStatusView, AppError> {
    let folder = PathBuf::from(folder.trim());
    state.with_signed(|store, session| {
        settings::set_backup_folder(store, session, &folder)?;
        Ok(BackupStatusView::from(&backup::backup_status(
            store, session,
        )?))
    })
}

/// Asks for the backup folder with the system's folder dialog; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_backup_folder(app: tauri::AppHandle) -> Option<String> {
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .blocking_pick_folder()
        .and_then(|f| f.into_path().ok())
        .map(|p| p.to_string_lossy().into_owned())
}

/// The running backup's progress in thousandths (read by [`backup_progress`] while the
/// backup holds the store).
static BACKUP_PROGRESS: AtomicU32 = AtomicU32::new(0);

/// Writes a verified backup into the chosen folder now; the screen polls
/// [`backup_progress`] meanwhile.
#[tauri::command]
#[specta::specta]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupResultView, AppError> {
    BACKUP_PROGRESS.store(0, Ordering::Relaxed);
    state.with_signed(|store, session| {
        let info = backup::backup_now(store, session, &mut |p| {
            let milli = (p.done.saturating_mul(1000))
                .checked_div(p.total)
                .unwrap_or(0);
            BACKUP_PROGRESS.store(u32::try_from(milli).unwrap_or(1000), Ordering::Relaxed);
        })?;
        BACKUP_PROGRESS.store(1000, Ordering::Relaxed);
        Ok(BackupResultView::from(&info))
    })
}

/// How far the running backup has got (it does not need the store, which the backup holds).
#[tauri::command]
#[specta::specta]
pub fn backup_progress() -> BackupProgressView {
    BackupProgressView {
        fraction: f64::from(BACKUP_PROGRESS.load(Ordering::Relaxed)) / 1000.0,
    }
}
