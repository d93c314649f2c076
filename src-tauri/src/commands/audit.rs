//! The director's audit log: filtered pages and the chain verification. The core refuses
//! anyone else (the menu only hides the screen).

use chrono::Days;
use hotto::audit_log::{self, PAGE_SIZE};
use hotto::calendar::parse_date;
use hotto::store::audit::AuditFilter;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::audit::{
    AuditChoices, AuditEntryView, AuditOption, AuditPageView, AuditQuery, AuditUserOption,
    AuditVerificationView,
};

/// A page of the log matching `query`, newest first (director only).
#[tauri::command]
#[specta::specta]
pub async fn audit_log(
    state: State<'_, AppState>,
    query: AuditQuery,
) -> Result<AuditPageView, AppError> {
    let filter = filter_of(&query)?;
    state.with_signed(|store, session| {
        let page = audit_log::audit_page(store, session, &filter)?;
        Ok(AuditPageView {
            entries: page.entries.iter().map(AuditEntryView::from).collect(),
            page: query.page,
            page_size: PAGE_SIZE,
            has_more: page.has_more,
        })
    })
}

/// The users, actions and kinds the filters offer (director only).
#[tauri::command]
#[specta::specta]
pub async fn audit_choices(state: State<'_, AppState>) -> Result<AuditChoices, AppError> {
    state.with_signed(|store, session| {
        let (actions, kinds) = audit_log::audit_choices(store, session)?;
        let users = hotto::accounts::list_users(store, session)?
            .into_iter()
            .map(|u| AuditUserOption {
                id: u.id,
                name: u.display_name,
            })
            .collect();
        let option = |value: String, label: String| AuditOption { value, label };
        Ok(AuditChoices {
            users,
            actions: actions
                .into_iter()
                .map(|a| {
                    let label = audit_log::action_label_ja(&a);
                    option(a, label)
                })
                .collect(),
            kinds: kinds
                .into_iter()
                .map(|k| {
                    let label = audit_log::kind_label_ja(&k);
                    option(k, label)
                })
                .collect(),
        })
    })
}

/// Recomputes every device's hash chain (director only).
#[tauri::command]
#[specta::specta]
pub async fn verify_audit_log(
    state: State<'_, AppState>,
) -> Result<AuditVerificationView, AppError> {
    state.with_signed(|store, session| {
        let v = audit_log::verify_audit_log(store, session)?;
        Ok(AuditVerificationView {
            intact: v.intact,
            message: v.message_ja,
            devices: u32::try_from(v.chains.len()).unwrap_or(u32::MAX),
        })
    })
}

/// The screen's filters as the core's: days become a half-open range of stored times.
fn filter_of(query: &AuditQuery) -> Result<AuditFilter, AppError> {
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let from = match text(&query.from) {
        Some(d) => Some(parse_date(&d)?.format("%Y-%m-%d").to_string()),
        None => None,
    };
    let until = match text(&query.to) {
        Some(d) => {
            let day = parse_date(&d)?;
            day.checked_add_days(Days::new(1))
                .map(|next| next.format("%Y-%m-%d").to_string())
        }
        None => None,
    };
    Ok(AuditFilter {
        actor_id: text(&query.user_id),
        action_prefix: text(&query.action),
        entity_kind: text(&query.kind),
        entity_id: None,
        from,
        until,
        limit: Some(PAGE_SIZE),
        offset: Some(query.page.saturating_mul(PAGE_SIZE)),
    })
}
