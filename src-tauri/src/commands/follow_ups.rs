//! Today's worklists (mine or everyone's), completing a follow-up in place,
//! handing one to another staff member, moving it to another day, and the list as CSV.

use hotto::ids::{FollowUpId, StaffId};
use hotto::retention::{self, fields, FollowUpDone, FollowUpMethod, Risk, Worklists};
use hotto::{Session, Store};
use tauri::{AppHandle, State};

use super::input::{code, date, today};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{
    CheckInView, DateView, FollowUpDoneInput, FollowUpItemView, HandoverItemView, WorklistsView,
};

/// The worklists of today for the signed-in staff member (or everyone), and whose they are.
fn lists(
    store: &Store,
    session: &Session,
    all_staff: bool,
) -> hotto::Result<(Worklists, Option<String>)> {
    let mine = if all_staff {
        None
    } else {
        store.read(session, |conn| {
            hotto::staff::staff_of_user(conn, session.user_id())
        })?
    };
    let name = match &mine {
        Some(id) => Some(hotto::staff::staff_member(store, session, id)?.name),
        None => None,
    };
    Ok((
        retention::worklists(store, session, today(), mine.as_ref())?,
        name,
    ))
}

/// Follow-ups overdue and due within 7 days, check-ins and hand-overs ending: the
/// signed-in staff member's, or everyone's with `all_staff` (or when the account
/// has no staff row).
#[tauri::command]
#[specta::specta]
pub async fn worklists(
    state: State<'_, AppState>,
    all_staff: bool,
) -> Result<WorklistsView, AppError> {
    let (lists, staff_name) =
        state.with_signed(|store, session| lists(store, session, all_staff))?;
    Ok(WorklistsView {
        today: today().into(),
        mine_only: staff_name.is_some(),
        staff_name,
        overdue: lists.overdue.iter().map(FollowUpItemView::from).collect(),
        due_soon: lists.due_soon.iter().map(FollowUpItemView::from).collect(),
        check_ins: lists.check_ins.iter().map(CheckInView::from).collect(),
        handovers: lists.handovers.iter().map(HandoverItemView::from).collect(),
    })
}

/// Records a follow-up as done, with method, outcome, issues and risk.
#[tauri::command]
#[specta::specta]
pub async fn complete_follow_up(
    state: State<'_, AppState>,
    id: String,
    done: FollowUpDoneInput,
) -> Result<(), AppError> {
    let done = FollowUpDone {
        done_on: date(&done.done_on)?,
        method: code(fields::FOLLOW_UP, &done.method, FollowUpMethod::from_db)?,
        outcome: done.outcome,
        issues: done.issues,
        risk: code(fields::FOLLOW_UP, &done.risk, Risk::from_db)?,
    };
    state.with_signed(|store, session| {
        retention::complete_follow_up(store, session, &FollowUpId(id), &done)
    })
}

/// Hands an open follow-up to another staff member.
#[tauri::command]
#[specta::specta]
pub async fn reassign_follow_up(
    state: State<'_, AppState>,
    id: String,
    staff_id: String,
) -> Result<(), AppError> {
    state.with_signed(|store, session| {
        retention::reassign_follow_up(store, session, &FollowUpId(id), &StaffId(staff_id))
    })
}

/// Moves an open follow-up to another day; returns the day it now falls due (the next
/// open day of the center on or after the one asked for).
#[tauri::command]
#[specta::specta]
pub async fn reschedule_follow_up(
    state: State<'_, AppState>,
    id: String,
    due_on: String,
) -> Result<DateView, AppError> {
    let due = date(&due_on)?;
    let moved = state.with_signed(|store, session| {
        retention::reschedule_follow_up(store, session, &FollowUpId(id), due)
    })?;
    Ok(moved.into())
}

/// Saves the open follow-ups (overdue and due within 7 days) as CSV for Excel.
#[tauri::command]
#[specta::specta]
pub async fn export_follow_ups_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    all_staff: bool,
) -> Result<Option<String>, AppError> {
    let (lists, _) = state.with_signed(|store, session| lists(store, session, all_staff))?;
    let rows = lists
        .overdue
        .iter()
        .map(|f| ("期限超過", f))
        .chain(lists.due_soon.iter().map(|f| ("7日以内", f)))
        .map(|(group, f)| {
            vec![
                group.to_string(),
                hotto::calendar::format_wareki(f.due_on),
                f.client_name.clone(),
                f.client_kana.clone(),
                f.employer_name.clone(),
                f.kind.label_ja().to_string(),
                f.method.label_ja().to_string(),
                f.staff_name.clone().unwrap_or_default(),
            ]
        });
    let bytes = hotto::export::csv_bytes(
        &[
            "区分",
            "予定日",
            "氏名",
            "ふりがな",
            "就労先",
            "種類",
            "方法",
            "担当職員",
        ],
        rows,
    );
    super::clients::save_csv(app, bytes, "定着フォロー一覧.csv").await
}
