//! Casework records of a client: consultations (相談) and support records (支援記録),
//! added and corrected with an audit row, listed per client, and merged with
//! employments, follow-ups, registrations and hand-overs into one timeline.

mod consultations;
mod support;
mod timeline;

use chrono::NaiveDate;
use rusqlite::types::Value;

use crate::clients::{Db, QueryPlan};
use crate::error::{Field, Problem};
use crate::ids::{ClientId, StaffId};
use crate::session::Session;
use crate::store::{Store, Tx};
use crate::{CoreError, Result};

pub use consultations::{
    add_consultation, correct_consultation, list_consultations, Channel, Consultation,
    ConsultationDetails, NewConsultation, Topic,
};
pub use support::{
    add_support_record, correct_support_record, last_record_kind, list_support_records,
    AccompanyPurpose, LifeTopic, LifeTopics, NewSupportRecord, RecordKind, SupportKind,
    SupportRecord, SupportRecordDetails,
};
pub use timeline::{timeline, DateRange, TimelineEntry, TimelineKind};

/// Fields of records, named for messages.
pub mod fields {
    use crate::error::Field;
    /// 相談.
    pub const CONSULTATION: Field = Field::new("consultation", "相談記録");
    /// 支援記録.
    pub const SUPPORT_RECORD: Field = Field::new("support_record", "支援記録");
    /// 相談日.
    pub const HELD_ON: Field = Field::new("held_on", "相談日");
    /// 支援日.
    pub const DONE_ON: Field = Field::new("done_on", "支援日");
    /// 対応職員.
    pub const STAFF: Field = Field::new("staff", "対応職員");
    /// 所要時間（分）.
    pub const MINUTES: Field = Field::new("minutes", "所要時間（分）");
    /// 内容.
    pub const BODY: Field = Field::new("body", "内容");
    /// 同行の目的.
    pub const PURPOSE: Field = Field::new("purpose", "同行の目的");
    /// 期間の終わり.
    pub const RANGE_TO: Field = Field::new("to", "期間の終わり");
}

/// Longest record text, in characters.
pub const MAX_BODY_CHARS: usize = 10_000;

/// Minutes spent: 0 to 1440 (one day).
fn check_minutes(minutes: Option<u32>) -> Result<Option<i64>> {
    match minutes {
        Some(m) if m > 1440 => Err(CoreError::invalid(
            fields::MINUTES,
            Problem::OutOfRange { min: 0, max: 1440 },
        )),
        m => Ok(m.map(i64::from)),
    }
}

fn check_staff(conn: &rusqlite::Connection, staff: &StaffId) -> Result<()> {
    crate::clients::require_staff(conn, staff).map_err(|_| CoreError::NotFound {
        what: fields::STAFF,
    })
}

fn past(field: Field, date: NaiveDate) -> Result<NaiveDate> {
    crate::clients::past_date(field, date)
}

/// Keeps `first_contact_on` = the earlier of the date entered at creation and the
/// client's first consultation (新規相談者数 counts clients by their first one).
fn refresh_first_contact(tx: &Tx<'_>, client_id: &ClientId) -> Result<()> {
    tx.conn()
        .execute(
            "UPDATE clients SET first_contact_on = min(
                 coalesce(inquiry_on, first_contact_on),
                 coalesce((SELECT min(held_on) FROM consultations WHERE client_id = ?1), '9999-12-31'))
             WHERE id = ?1",
            [client_id],
        )
        .db()?;
    Ok(())
}

/// The plans of the per-client record lists, the timeline and the quick-entry default.
pub fn query_plans(store: &Store, actor: &Session) -> Result<Vec<QueryPlan>> {
    let client = Value::Text(ClientId::new().0);
    let staff = Value::Text(StaffId::new().0);
    let (from, to) = timeline::bounds(None);
    store.read(actor, |conn| {
        Ok(vec![
            crate::clients::explain(
                conn,
                "list_consultations",
                consultations::LIST_SQL,
                std::slice::from_ref(&client),
            )?,
            crate::clients::explain(
                conn,
                "list_support_records",
                support::LIST_SQL,
                std::slice::from_ref(&client),
            )?,
            crate::clients::explain(
                conn,
                "timeline",
                timeline::TIMELINE_SQL,
                &[client.clone(), Value::Text(from), Value::Text(to)],
            )?,
            crate::clients::explain(conn, "last_record_kind", support::LAST_KIND_SQL, &[staff])?,
        ])
    })
}
