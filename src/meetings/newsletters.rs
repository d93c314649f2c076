//! ほっと通信: the center's newsletter — each issue's number, date, copies printed and where it
//! was sent — for the PR the plan lists among its services and for the results report.

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::{Field, Problem};
use crate::ids::NewsletterId;
use crate::session::Session;
use crate::staff::{db, optional_line, plausible_date};
use crate::store::Store;
use crate::{CoreError, Result};

/// ほっと通信.
pub const NEWSLETTER: Field = Field::new("newsletter", "ほっと通信");
/// 号.
pub const NUMBER: Field = Field::new("number", "号数");
/// 発行日.
pub const ISSUED_ON: Field = Field::new("issued_on", "発行日");
/// 発行部数.
pub const COPIES: Field = Field::new("copies", "発行部数");
/// 配布先.
pub const DISTRIBUTION: Field = Field::new("distribution", "配布先");

/// An issue, new or replacing the old details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterInput {
    /// 号数 (1 and up, unique).
    pub number: u32,
    /// 発行日.
    pub issued_on: NaiveDate,
    /// 発行部数.
    pub copies: u32,
    /// 配布先, e.g. 市内関係機関、登録者、連絡会参加機関.
    pub distribution: String,
}

/// An issue as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Newsletter {
    /// Id.
    pub id: NewsletterId,
    /// 号数.
    pub number: u32,
    /// 発行日.
    pub issued_on: NaiveDate,
    /// 発行部数.
    pub copies: u32,
    /// 配布先.
    pub distribution: String,
}

fn validate(input: &NewsletterInput) -> Result<String> {
    if !(1..=100_000).contains(&input.number) {
        return Err(CoreError::invalid(
            NUMBER,
            Problem::OutOfRange {
                min: 1,
                max: 100_000,
            },
        ));
    }
    if input.copies > 1_000_000 {
        return Err(CoreError::invalid(
            COPIES,
            Problem::OutOfRange {
                min: 0,
                max: 1_000_000,
            },
        ));
    }
    plausible_date(ISSUED_ON, input.issued_on)?;
    optional_line(DISTRIBUTION, &input.distribution, 200)
}

fn duplicate_number(e: rusqlite::Error) -> crate::CoreError {
    match e.sqlite_error() {
        Some(f) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            CoreError::Duplicate { what: NUMBER }
        }
        _ => db(e),
    }
}

/// Records an issue (any signed-in user).
pub fn add_newsletter(
    store: &mut Store,
    actor: &Session,
    input: &NewsletterInput,
) -> Result<NewsletterId> {
    let distribution = validate(input)?;
    store.write(actor, |tx| {
        let id = NewsletterId::new();
        tx.conn()
            .execute(
                "INSERT INTO newsletters (id, number, issued_on, copies, distribution, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, input.number, input.issued_on, input.copies, distribution, tx.now(), actor.user_id()],
            )
            .map_err(duplicate_number)?;
        tx.audit(
            "newsletter.add",
            "newsletter",
            Some(id.as_str()),
            &format!("issue {} recorded", input.number),
        )?;
        Ok(id)
    })
}

/// Replaces an issue's details (any signed-in user).
pub fn update_newsletter(
    store: &mut Store,
    actor: &Session,
    id: &NewsletterId,
    input: &NewsletterInput,
) -> Result<()> {
    let distribution = validate(input)?;
    store.write(actor, |tx| {
        let changed = tx
            .conn()
            .execute(
                "UPDATE newsletters SET number = ?2, issued_on = ?3, copies = ?4, distribution = ?5,
                        updated_at = ?6, updated_by = ?7
                 WHERE id = ?1",
                params![id, input.number, input.issued_on, input.copies, distribution, tx.now(), actor.user_id()],
            )
            .map_err(duplicate_number)?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: NEWSLETTER });
        }
        tx.audit("newsletter.update", "newsletter", Some(id.as_str()), "issue changed")
    })
}

/// Issues from `from` to `to` (inclusive), by number (any signed-in user).
pub fn newsletters(
    store: &Store,
    actor: &Session,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Newsletter>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT id, number, issued_on, copies, distribution FROM newsletters
                 WHERE issued_on BETWEEN ?1 AND ?2 ORDER BY number",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok(Newsletter {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    issued_on: r.get(2)?,
                    copies: r.get(3)?,
                    distribution: r.get(4)?,
                })
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    })
}
