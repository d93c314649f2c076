//! The client page's partner organizations and consents: linking a partner (with the
//! person there who handles the case), ending the link, recording a consent to share
//! information and its withdrawal. The core checks dates and writes the audit rows.

use hotto::clients::{self, NewConsent};
use hotto::ids::{ClientId, ConsentId, PartnerId};
use tauri::State;

use super::input::{date, optional_date};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{NewConsentInput, PartnerLinkInput};

/// Links a partner organization to a client since a date (or changes the contact person of a
/// current link; an ended one is opened again).
#[tauri::command]
#[specta::specta]
pub async fn link_partner(
    state: State<'_, AppState>,
    client_id: String,
    link: PartnerLinkInput,
) -> Result<(), AppError> {
    let since = optional_date(link.since_on.as_deref())?;
    state.with_signed(|store, session| {
        clients::link_partner(
            store,
            session,
            &ClientId(client_id),
            &PartnerId(link.partner_id),
            &link.contact_person,
            since,
        )
    })
}

/// Ends a partner organization's involvement with a client on a date (kept as a past partner).
#[tauri::command]
#[specta::specta]
pub async fn end_partner_link(
    state: State<'_, AppState>,
    client_id: String,
    partner_id: String,
    ended_on: String,
) -> Result<(), AppError> {
    let on = date(&ended_on)?;
    state.with_signed(|store, session| {
        clients::end_partner_link(
            store,
            session,
            &ClientId(client_id),
            &PartnerId(partner_id),
            on,
        )
    })
}

/// Records a consent to share information with a partner; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn add_consent(
    state: State<'_, AppState>,
    client_id: String,
    consent: NewConsentInput,
) -> Result<String, AppError> {
    let new = NewConsent {
        partner_id: PartnerId(consent.partner_id),
        given_on: date(&consent.given_on)?,
        scope: consent.scope,
    };
    let id = state.with_signed(|store, session| {
        clients::add_consent(store, session, &ClientId(client_id), &new)
    })?;
    Ok(id.to_string())
}

/// Records that a consent was withdrawn on a date.
#[tauri::command]
#[specta::specta]
pub async fn withdraw_consent(
    state: State<'_, AppState>,
    consent_id: String,
    withdrawn_on: String,
) -> Result<(), AppError> {
    let on = date(&withdrawn_on)?;
    state.with_signed(|store, session| {
        clients::withdraw_consent(store, session, &ConsentId(consent_id), on)
    })
}
