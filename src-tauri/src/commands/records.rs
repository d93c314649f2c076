//! A client's timeline and the quick entry of a consultation or support record.

use hotto::ids::{ClientId, StaffId};
use hotto::records::{
    self, fields, AccompanyPurpose, Channel, ConsultationDetails, LifeTopics, NewConsultation,
    NewSupportRecord, SupportKind, SupportRecordDetails, Topic,
};
use tauri::State;

use super::input::{code, date, optional_code};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{QuickEntryInput, TimelineEntryView, TimelineView};

/// A client's timeline, newest first: the total and the newest `limit` entries.
/// Reading it is audited by the core.
#[tauri::command]
#[specta::specta]
pub async fn client_timeline(
    state: State<'_, AppState>,
    client_id: String,
    limit: u32,
) -> Result<TimelineView, AppError> {
    let entries = state.with_signed(|store, session| {
        records::timeline(store, session, &ClientId(client_id), None)
    })?;
    Ok(TimelineView {
        total: u32::try_from(entries.len()).unwrap_or(u32::MAX),
        entries: entries
            .iter()
            .take(limit as usize)
            .map(TimelineEntryView::from)
            .collect(),
    })
}

/// Adds a support record or a consultation from the client page's quick entry.
#[tauri::command]
#[specta::specta]
pub async fn add_quick_entry(
    state: State<'_, AppState>,
    input: QuickEntryInput,
) -> Result<(), AppError> {
    let on = date(&input.on)?;
    let client_id = ClientId(input.client_id.clone());
    if input.entry == "consultation" {
        let new = NewConsultation {
            client_id,
            details: ConsultationDetails {
                held_on: on,
                channel: code(fields::CONSULTATION, &input.kind, Channel::from_db)?,
                topic: optional_code(
                    fields::CONSULTATION,
                    input.detail.as_deref(),
                    Topic::from_db,
                )?
                .unwrap_or(Topic::Work),
                staff_id: Some(StaffId(input.staff_id.clone())).filter(|s| !s.0.is_empty()),
                minutes: input.minutes,
                body: input.body.clone(),
            },
        };
        return state
            .with_signed(|store, session| records::add_consultation(store, session, &new))
            .map(|_| ());
    }
    let kind = code(fields::SUPPORT_RECORD, &input.kind, SupportKind::from_db)?;
    let purpose = match kind {
        SupportKind::Accompany => optional_code(
            fields::PURPOSE,
            input.detail.as_deref(),
            AccompanyPurpose::from_db,
        )?,
        _ => None,
    };
    let new = NewSupportRecord {
        client_id,
        details: SupportRecordDetails {
            done_on: on,
            kind,
            purpose,
            staff_ids: vec![StaffId(input.staff_id.clone())],
            minutes: input.minutes,
            life_topics: LifeTopics::default(),
            body: input.body.clone(),
        },
    };
    state
        .with_signed(|store, session| records::add_support_record(store, session, &new))
        .map(|_| ())
}
