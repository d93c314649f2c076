//! 職員: the people of the center, their FTE allocations (常勤換算・兼務) and the director's
//! summary of FTE, caseload and open follow-ups. Anyone signed in may see who works here;
//! allocations and the summary are the director's.

pub mod allocations;
pub mod fte;
pub mod summary;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Field, Problem};
use crate::ids::StaffId;
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

pub use allocations::{
    add_allocation, allocations, change_allocation, end_allocation, Allocation, AllocationChange,
    AllocationEdit, NewAllocation,
};
pub use fte::{Fte, FteDelta, FteParseError};
pub use summary::{
    fte_summary, fte_what_if, ClientReassignment, FteSummary, RoleLine, RoleTotal, StaffLine,
    WhatIf,
};

/// Input fields of staff and allocations, with their Japanese labels.
pub mod fields {
    use crate::error::Field;
    /// 職員.
    pub const STAFF: Field = Field::new("staff", "職員");
    /// 氏名.
    pub const NAME: Field = Field::new("name", "氏名");
    /// ふりがな.
    pub const KANA: Field = Field::new("kana", "ふりがな");
    /// 入職日.
    pub const JOINED_ON: Field = Field::new("joined_on", "入職日");
    /// 退職日.
    pub const LEFT_ON: Field = Field::new("left_on", "退職日");
    /// 利用者アカウント.
    pub const USER: Field = Field::new("user", "利用者アカウント");
    /// 配置.
    pub const ALLOCATION: Field = Field::new("allocation", "配置");
    /// 常勤換算.
    pub const FTE: Field = Field::new("fte", "常勤換算");
    /// 配置開始日.
    pub const FROM_ON: Field = Field::new("from_on", "配置開始日");
    /// 配置終了日.
    pub const TO_ON: Field = Field::new("to_on", "配置終了日");
    /// 兼務.
    pub const CONCURRENT_POST: Field = Field::new("concurrent_post", "兼務");
    /// 利用者.
    pub const CLIENT: Field = Field::new("client", "利用者");
}

crate::db_enum!(
    /// A post in the center's staffing (the plan's 職員 lines).
    StaffRole {
        /// 施設長.
        Director = "director" / "施設長",
        /// 就労支援コーディネーター.
        EmploymentCoordinator = "employment_coordinator" / "就労支援コーディネーター",
        /// 生活支援コーディネーター.
        LifeCoordinator = "life_coordinator" / "生活支援コーディネーター",
        /// 地域開拓促進コーディネーター.
        OutreachCoordinator = "outreach_coordinator" / "地域開拓促進コーディネーター",
        /// その他.
        Other = "other" / "その他",
    }
);

/// A staff member as anyone signed in may see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaffMember {
    /// Id.
    pub id: StaffId,
    /// 氏名.
    pub name: String,
    /// ふりがな.
    pub kana: String,
    /// 入職日.
    pub joined_on: Option<NaiveDate>,
    /// 退職日 (last working day).
    pub left_on: Option<NaiveDate>,
    /// The signed-in account of this person, if they have one.
    pub user_id: Option<String>,
}

/// A new staff member, or the new state of one (update replaces every field).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StaffInput {
    /// 氏名 (required).
    pub name: String,
    /// ふりがな (optional).
    pub kana: String,
    /// 入職日.
    pub joined_on: Option<NaiveDate>,
    /// 退職日.
    pub left_on: Option<NaiveDate>,
    /// The account of this person, if they sign in.
    pub user_id: Option<String>,
}

/// Turns a rusqlite error into the core's error.
pub(crate) fn db(e: rusqlite::Error) -> CoreError {
    StoreError::from(e).into()
}

/// An optional one-line text: empty is fine, otherwise as [`crate::text::single_line`].
pub(crate) fn optional_line(field: Field, input: &str, max: usize) -> Result<String> {
    if input.trim().is_empty() {
        return Ok(String::new());
    }
    crate::text::single_line(field, input, max)
}

/// Refuses dates before 1900 or after the calendar's last year: typing slips, not plans.
pub(crate) fn plausible_date(field: Field, date: NaiveDate) -> Result<()> {
    use chrono::Datelike;
    let year = date.year();
    let max = crate::calendar::LATEST_DATE.year();
    if !(1900..=max).contains(&year) {
        return Err(CoreError::invalid(
            field,
            Problem::OutOfRange {
                min: 1900,
                max: i64::from(max),
            },
        ));
    }
    Ok(())
}

/// The staff member linked to a signed-in account, if any (contract used by casework modules
/// to fill in "who did this").
pub fn staff_of_user(conn: &Connection, user_id: &str) -> Result<Option<StaffId>> {
    conn.query_row("SELECT id FROM staff WHERE user_id = ?1", [user_id], |r| {
        r.get(0)
    })
    .optional()
    .map_err(db)
}

fn validate(conn: &Connection, input: &StaffInput, this: Option<&StaffId>) -> Result<StaffInput> {
    let name = crate::text::single_line(fields::NAME, &input.name, 50)?;
    let kana = optional_line(fields::KANA, &input.kana, 100)?;
    for (field, date) in [
        (fields::JOINED_ON, input.joined_on),
        (fields::LEFT_ON, input.left_on),
    ] {
        if let Some(date) = date {
            plausible_date(field, date)?;
        }
    }
    if let (Some(joined), Some(left)) = (input.joined_on, input.left_on) {
        if left < joined {
            return Err(CoreError::invalid(fields::LEFT_ON, Problem::EndBeforeStart));
        }
    }
    if let Some(user_id) = &input.user_id {
        let active: Option<bool> = conn
            .query_row("SELECT active FROM users WHERE id = ?1", [user_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db)?;
        if active != Some(true) {
            return Err(CoreError::NotFound { what: fields::USER });
        }
        if let Some(other) = staff_of_user(conn, user_id)? {
            if Some(&other) != this {
                return Err(CoreError::rule(
                    "this account is already linked to another staff member",
                    "この利用者アカウントは別の職員に紐づけられています。",
                ));
            }
        }
    }
    Ok(StaffInput {
        name,
        kana,
        joined_on: input.joined_on,
        left_on: input.left_on,
        user_id: input.user_id.clone(),
    })
}

/// Adds a staff member (director only).
pub fn add_staff(store: &mut Store, actor: &Session, input: &StaffInput) -> Result<StaffId> {
    actor.require_director("add a staff member")?;
    store.write(actor, |tx| {
        let input = validate(tx.conn(), input, None)?;
        let id = StaffId::new();
        tx.conn()
            .execute(
                "INSERT INTO staff (id, name, kana, user_id, joined_on, left_on, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    input.name,
                    input.kana,
                    input.user_id,
                    input.joined_on,
                    input.left_on,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(db)?;
        tx.audit("staff.create", "staff", Some(id.as_str()), "staff member added")?;
        Ok(id)
    })
}

/// Replaces a staff member's details (director only).
pub fn update_staff(
    store: &mut Store,
    actor: &Session,
    id: &StaffId,
    input: &StaffInput,
) -> Result<()> {
    actor.require_director("update a staff member")?;
    store.write(actor, |tx| {
        let input = validate(tx.conn(), input, Some(id))?;
        let changed = tx
            .conn()
            .execute(
                "UPDATE staff SET name = ?2, kana = ?3, user_id = ?4, joined_on = ?5, left_on = ?6,
                        updated_at = ?7, updated_by = ?8
                 WHERE id = ?1",
                params![
                    id,
                    input.name,
                    input.kana,
                    input.user_id,
                    input.joined_on,
                    input.left_on,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(db)?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: fields::STAFF,
            });
        }
        tx.audit(
            "staff.update",
            "staff",
            Some(id.as_str()),
            "staff details changed",
        )?;
        Ok(())
    })
}

const STAFF_COLUMNS: &str = "id, name, kana, joined_on, left_on, user_id";

fn staff_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffMember> {
    Ok(StaffMember {
        id: r.get(0)?,
        name: r.get(1)?,
        kana: r.get(2)?,
        joined_on: r.get(3)?,
        left_on: r.get(4)?,
        user_id: r.get(5)?,
    })
}

/// Every staff member, present and past, in kana order (any signed-in user).
pub fn list_staff(store: &Store, actor: &Session) -> Result<Vec<StaffMember>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {STAFF_COLUMNS} FROM staff ORDER BY kana, name, id"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([], staff_row).map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    })
}

/// One staff member (any signed-in user).
pub fn staff_member(store: &Store, actor: &Session, id: &StaffId) -> Result<StaffMember> {
    store.read(actor, |conn| {
        conn.query_row(
            &format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?1"),
            [id],
            staff_row,
        )
        .optional()
        .map_err(db)?
        .ok_or(CoreError::NotFound {
            what: fields::STAFF,
        })
    })
}

/// Query-plan checks shared by the unit tests of staff, plan and meetings.
#[cfg(test)]
pub(crate) mod test_support {
    use rusqlite::Connection;

    /// The lines of `sql`'s query plan that read a table without an index, on an empty
    /// database with the schema; `derived` names subquery aliases, whose scans are of rows
    /// already found (their own plans are checked line by line too).
    pub(crate) fn unindexed_scans(sql: &str, params: &[&str], derived: &[&str]) -> Vec<String> {
        query_plan(sql, params)
            .into_iter()
            .filter(|l| l.starts_with("SCAN") && !l.contains("INDEX"))
            .filter(|l| !derived.iter().any(|d| l.as_str() == format!("SCAN {d}")))
            .collect()
    }

    /// The lines of `sql`'s query plan on an empty database with the schema.
    pub(crate) fn query_plan(sql: &str, params: &[&str]) -> Vec<String> {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate(&mut conn).unwrap();
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let lines = stmt
            .query_map(rusqlite::params_from_iter(params), |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        lines
    }
}
