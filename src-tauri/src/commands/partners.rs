//! 関係機関: partner organizations by the plan's categories, their contact persons and
//! membership of ほっと就労支援連絡会; retired rather than deleted.

use hotto::ids::PartnerId;
use hotto::partners::{self, PartnerCategory, PartnerFilter, PartnerInput};
use tauri::{AppHandle, State};

use super::office::{choice, save_csv};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{OptionView, PartnerForm, PartnerView};

/// The plan's partner categories, in its order.
#[tauri::command]
#[specta::specta]
pub fn partner_categories() -> Vec<OptionView> {
    PartnerCategory::ALL
        .iter()
        .map(|c| OptionView::new(c.as_db(), c.label_ja()))
        .collect()
}

fn filter(
    category: Option<String>,
    liaison_only: bool,
    include_retired: bool,
) -> Result<PartnerFilter, AppError> {
    Ok(PartnerFilter {
        category: category
            .map(|c| choice(&c, PartnerCategory::from_db))
            .transpose()?,
        liaison_member: liaison_only.then_some(true),
        include_retired,
    })
}

/// Partners of one category or all, liaison members only if asked, retired ones if asked.
#[tauri::command]
#[specta::specta]
pub async fn list_partners(
    state: State<'_, AppState>,
    category: Option<String>,
    liaison_only: bool,
    include_retired: bool,
) -> Result<Vec<PartnerView>, AppError> {
    let filter = filter(category, liaison_only, include_retired)?;
    let rows = state.with_signed(|store, s| partners::list_partners(store, s, &filter))?;
    Ok(rows.into_iter().map(PartnerView::from).collect())
}

/// Adds a partner (`id` null) or replaces one's details; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn save_partner(
    state: State<'_, AppState>,
    id: Option<String>,
    form: PartnerForm,
) -> Result<String, AppError> {
    let input = PartnerInput {
        name: form.name,
        category: choice(&form.category, PartnerCategory::from_db)?,
        service_type: form.service_type,
        contact_person: form.contact_person,
        phone: form.phone,
        address: form.address,
        liaison_member: form.liaison_member,
        notes: form.notes,
    };
    state.with_signed(|store, s| match id {
        Some(id) => {
            let id = PartnerId(id);
            partners::update_partner(store, s, &id, &input).map(|()| id.0)
        }
        None => partners::create_partner(store, s, &input).map(|id| id.0),
    })
}

/// Retires a partner (kept for the records that name it) or brings it back.
#[tauri::command]
#[specta::specta]
pub async fn set_partner_active(
    state: State<'_, AppState>,
    id: String,
    active: bool,
) -> Result<(), AppError> {
    let id = PartnerId(id);
    state.with_signed(|store, s| partners::set_partner_active(store, s, &id, active))
}

/// The partners list as CSV for Excel.
#[tauri::command]
#[specta::specta]
pub async fn export_partners_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    category: Option<String>,
    liaison_only: bool,
    include_retired: bool,
) -> Result<Option<String>, AppError> {
    let filter = filter(category, liaison_only, include_retired)?;
    let rows = state.with_signed(|store, s| partners::list_partners(store, s, &filter))?;
    let lines = rows.into_iter().map(|p| {
        let v = PartnerView::from(p);
        vec![
            v.name,
            v.category_label,
            v.service_type,
            v.contact_person,
            v.phone,
            v.address,
            if v.liaison_member { "○" } else { "" }.to_string(),
            if v.active { "" } else { "終了" }.to_string(),
        ]
    });
    let header = [
        "機関名",
        "分類",
        "サービス種別",
        "担当者",
        "電話番号",
        "住所",
        "連絡会",
        "状態",
    ];
    save_csv(&app, &header, lines, "関係機関一覧.csv")
}
