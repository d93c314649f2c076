//! The client list (search as you type, filters, CSV), the new-client form with its
//! duplicate warning, and the client page's profile, staff, flags and attachments.

use hotto::clients::{
    self, fields, CertificateKind, ClientFilter, ClientProfile, ClientStatus, DisabilityCategory,
    EmergencyContact, NewClient, Phase, StaffFilter,
};
use hotto::employment::Employer;
use hotto::ids::{AttachmentId, ClientId, FlagId, FlagKindId, StaffId};
use hotto::partners::PartnerFilter;
use tauri::{AppHandle, State};

use super::input::{code, optional_code, optional_date, today};
use crate::choices_of;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{
    AttachmentView, CaseworkChoices, ChoiceView, ClientFilterInput, ClientListView,
    ClientProfileInput, ClientRowView, ClientView, NewClientInput,
};

/// Most rows of one page of the list sent to the window; the count says how many matched.
pub const MAX_LIST_ROWS: u32 = hotto::clients::MAX_PAGE_ROWS as u32;

/// The options of the casework forms: staff, kinds, methods, employers, partners.
#[tauri::command]
#[specta::specta]
pub async fn casework_choices(state: State<'_, AppState>) -> Result<CaseworkChoices, AppError> {
    state.with_signed(|store, session| {
        let today = today();
        let my_staff_id = store.read(session, |conn| {
            hotto::staff::staff_of_user(conn, session.user_id())
        })?;
        let staff = hotto::staff::list_staff(store, session)?
            .into_iter()
            .filter(|s| s.left_on.is_none_or(|left| left >= today))
            .map(|s| ChoiceView::new(s.id.to_string(), s.name))
            .collect();
        let flag_kinds = clients::list_flag_kinds(store, session, false)?
            .into_iter()
            .map(|k| ChoiceView::new(k.id.to_string(), k.label))
            .collect();
        let employers = hotto::employment::employers(store, session)?
            .into_iter()
            .map(|e: Employer| ChoiceView::new(e.id.to_string(), e.name))
            .collect();
        let partners = hotto::partners::list_partners(store, session, &PartnerFilter::default())?
            .into_iter()
            .map(|p| ChoiceView::new(p.id.to_string(), p.name))
            .collect();
        Ok(CaseworkChoices {
            my_staff_id: my_staff_id.map(|id| id.to_string()),
            staff,
            statuses: choices_of!(ClientStatus),
            phases: choices_of!(Phase),
            disabilities: choices_of!(DisabilityCategory),
            certificate_kinds: choices_of!(CertificateKind),
            support_kinds: choices_of!(hotto::records::SupportKind),
            accompany_purposes: choices_of!(hotto::records::AccompanyPurpose),
            channels: choices_of!(hotto::records::Channel),
            topics: choices_of!(hotto::records::Topic),
            follow_up_methods: choices_of!(hotto::retention::FollowUpMethod),
            risks: choices_of!(hotto::retention::Risk),
            contract_types: choices_of!(hotto::employment::ContractType),
            routes: choices_of!(hotto::employment::Route),
            end_reasons: choices_of!(hotto::employment::EndReason),
            flag_kinds,
            employers,
            partners,
        })
    })
}

fn filter_of(input: &ClientFilterInput) -> Result<ClientFilter, AppError> {
    let text = input.text.trim();
    Ok(ClientFilter {
        status: optional_code(
            fields::CLIENT,
            input.status.as_deref(),
            ClientStatus::from_db,
        )?,
        phase: optional_code(fields::PHASE, input.phase.as_deref(), Phase::from_db)?,
        staff: input
            .staff_id
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| StaffFilter::Either(StaffId(s.to_string()))),
        disability: optional_code(
            fields::CLIENT,
            input.disability.as_deref(),
            DisabilityCategory::from_db,
        )?,
        query: (!text.is_empty()).then(|| text.to_string()),
    })
}

/// Clients matching the search text (name or kana, any kana form or width) and the
/// filters, in kana order: the count of all, and the `limit` rows (at most 500) from `offset`,
/// so that the list fetches the pages the user scrolls to.
#[tauri::command]
#[specta::specta]
pub async fn search_clients(
    state: State<'_, AppState>,
    filter: ClientFilterInput,
    offset: u32,
    limit: u32,
) -> Result<ClientListView, AppError> {
    let filter = filter_of(&filter)?;
    let page = state.with_signed(|store, session| {
        clients::list_clients_page(
            store,
            session,
            &filter,
            offset as usize,
            limit.min(MAX_LIST_ROWS) as usize,
        )
    })?;
    Ok(ClientListView {
        total: u32::try_from(page.total).unwrap_or(u32::MAX),
        offset,
        rows: page.items.iter().map(ClientRowView::from).collect(),
    })
}

/// Saves the filtered client list as CSV for Excel; the path written, or none if cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_clients_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: ClientFilterInput,
) -> Result<Option<String>, AppError> {
    let filter = filter_of(&filter)?;
    let all = state.with_signed(|store, session| clients::list_clients(store, session, &filter))?;
    let rows = all.iter().map(|c| {
        vec![
            c.name.clone(),
            c.kana.clone(),
            c.birth_date
                .map(hotto::calendar::format_wareki)
                .unwrap_or_default(),
            c.status.label_ja().to_string(),
            c.phase
                .map(|p| p.label_ja().to_string())
                .unwrap_or_default(),
            c.main_staff_name.clone().unwrap_or_default(),
            hotto::calendar::format_wareki(c.first_contact_on),
            c.flags.join("・"),
        ]
    });
    let bytes = hotto::export::csv_bytes(
        &[
            "氏名",
            "ふりがな",
            "生年月日",
            "状態",
            "支援段階",
            "主担当",
            "初回相談日",
            "注意フラグ",
        ],
        rows,
    );
    save_csv(app, bytes, "利用者一覧.csv").await
}

/// Asks where to save CSV bytes (off the async workers: the dialog blocks).
pub(crate) async fn save_csv(
    app: AppHandle,
    bytes: Vec<u8>,
    name: &'static str,
) -> Result<Option<String>, AppError> {
    tauri::async_runtime::spawn_blocking(move || {
        crate::files::save_as(&app, &bytes, name, ("CSV（Excel）", &["csv"]))
    })
    .await
    .map_err(|e| AppError::internal(&format!("save dialog: {e}")))?
}

/// Clients who may be the person about to be entered: same kana and birth date.
#[tauri::command]
#[specta::specta]
pub async fn possible_duplicates(
    state: State<'_, AppState>,
    kana: String,
    birth_date: Option<String>,
) -> Result<Vec<ClientRowView>, AppError> {
    let birth = optional_date(birth_date.as_deref())?;
    let found = state.with_signed(|store, session| {
        store.read(session, |conn| {
            clients::possible_duplicates(conn, &kana, birth)
        })
    })?;
    Ok(found.iter().map(ClientRowView::from).collect())
}

fn profile_of(p: &ClientProfileInput) -> Result<ClientProfile, AppError> {
    let disabilities = p
        .disabilities
        .iter()
        .map(|d| code(fields::CLIENT, d, DisabilityCategory::from_db))
        .collect::<Result<_, _>>()?;
    Ok(ClientProfile {
        name: p.name.clone(),
        kana: p.kana.clone(),
        birth_date: optional_date(p.birth_date.as_deref())?,
        gender: p.gender.clone(),
        phone: p.phone.clone(),
        address: p.address.clone(),
        disabilities,
        certificate_kind: optional_code(
            fields::CERTIFICATE_GRADE,
            p.certificate_kind.as_deref(),
            CertificateKind::from_db,
        )?,
        certificate_grade: p.certificate_grade.clone(),
        emergency: EmergencyContact {
            name: p.emergency_name.clone(),
            relation: p.emergency_relation.clone(),
            phone: p.emergency_phone.clone(),
        },
        notes: p.notes.clone(),
    })
}

/// Creates a client (相談者); returns the new id.
#[tauri::command]
#[specta::specta]
pub async fn create_client(
    state: State<'_, AppState>,
    input: NewClientInput,
) -> Result<String, AppError> {
    let new = NewClient {
        profile: profile_of(&input.profile)?,
        first_contact_on: optional_date(input.first_contact_on.as_deref())?,
        main_staff_id: input.main_staff_id.filter(|s| !s.is_empty()).map(StaffId),
    };
    let created =
        state.with_signed(|store, session| clients::create_client(store, session, &new))?;
    Ok(created.id.to_string())
}

/// A client's whole record; the core writes the read to the audit log.
#[tauri::command]
#[specta::specta]
pub async fn get_client(state: State<'_, AppState>, id: String) -> Result<ClientView, AppError> {
    let record =
        state.with_signed(|store, session| clients::get_client(store, session, &ClientId(id)))?;
    Ok(ClientView::from(&record))
}

/// Saves a client's edited profile.
#[tauri::command]
#[specta::specta]
pub async fn update_client(
    state: State<'_, AppState>,
    id: String,
    profile: ClientProfileInput,
) -> Result<(), AppError> {
    let profile = profile_of(&profile)?;
    state.with_signed(|store, session| {
        clients::update_client(store, session, &ClientId(id), &profile)
    })
}

/// Sets (or clears) a client's main staff.
#[tauri::command]
#[specta::specta]
pub async fn set_main_staff(
    state: State<'_, AppState>,
    client_id: String,
    staff_id: Option<String>,
) -> Result<(), AppError> {
    let staff = staff_id.filter(|s| !s.is_empty()).map(StaffId);
    state.with_signed(|store, session| {
        clients::set_main_staff(store, session, &ClientId(client_id), staff.as_ref())
    })
}

/// Adds a sub staff member.
#[tauri::command]
#[specta::specta]
pub async fn add_sub_staff(
    state: State<'_, AppState>,
    client_id: String,
    staff_id: String,
) -> Result<(), AppError> {
    state.with_signed(|store, session| {
        clients::add_sub_staff(store, session, &ClientId(client_id), &StaffId(staff_id))
    })
}

/// Removes a sub staff member.
#[tauri::command]
#[specta::specta]
pub async fn remove_sub_staff(
    state: State<'_, AppState>,
    client_id: String,
    staff_id: String,
) -> Result<(), AppError> {
    state.with_signed(|store, session| {
        clients::remove_sub_staff(store, session, &ClientId(client_id), &StaffId(staff_id))
    })
}

/// Sets a flag on a client with its reason.
#[tauri::command]
#[specta::specta]
pub async fn set_flag(
    state: State<'_, AppState>,
    client_id: String,
    kind_id: String,
    reason: String,
) -> Result<(), AppError> {
    state.with_signed(|store, session| {
        clients::set_flag(
            store,
            session,
            &ClientId(client_id),
            &FlagKindId(kind_id),
            &reason,
        )
        .map(|_| ())
    })
}

/// Clears a flag.
#[tauri::command]
#[specta::specta]
pub async fn clear_flag(state: State<'_, AppState>, flag_id: String) -> Result<(), AppError> {
    state.with_signed(|store, session| clients::clear_flag(store, session, &FlagId(flag_id)))
}

/// Adds a kind of flag (director only; the core refuses anyone else).
#[tauri::command]
#[specta::specta]
pub async fn add_flag_kind(state: State<'_, AppState>, label: String) -> Result<String, AppError> {
    let id = state.with_signed(|store, session| clients::add_flag_kind(store, session, &label))?;
    Ok(id.to_string())
}

/// Attaches a file (PDF, PNG, JPEG up to 20 MB) chosen in the window.
#[tauri::command]
#[specta::specta]
pub async fn add_attachment(
    state: State<'_, AppState>,
    client_id: String,
    title: String,
    bytes: Vec<u8>,
) -> Result<AttachmentView, AppError> {
    let client = ClientId(client_id);
    state.with_signed(|store, session| {
        let id = clients::add_attachment(store, session, &client, &title, &bytes)?;
        let list = clients::list_attachments(store, session, &client)?;
        list.iter()
            .find(|a| a.id == id)
            .map(AttachmentView::from)
            .ok_or(hotto::CoreError::NotFound {
                what: fields::ATTACHMENT,
            })
    })
}

/// Opens an attachment in the system's viewer (the opening is audited by the core).
#[tauri::command]
#[specta::specta]
pub async fn open_attachment(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<(), AppError> {
    let content = state.with_signed(|store, session| {
        clients::open_attachment(store, session, &AttachmentId(id))
    })?;
    let extension = match content.meta.media_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    crate::files::open_in_viewer(&app, &content.bytes, extension)
}
