//! The plan's narrative, in the structure of the center's 事業計画書: eleven sections from
//! はじめに to 資金計画, each with a fixed key and order so that the PDF and the screens lay
//! them out the same way every year.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::{db, write_plan};
use crate::calendar::FiscalYear;
use crate::error::Field;
use crate::ids::PlanId;
use crate::session::Session;
use crate::store::{Store, Tx};
use crate::Result;

/// 見出し.
pub const TITLE: Field = Field::new("title", "見出し");
/// 本文.
pub const BODY: Field = Field::new("body", "本文");

/// The longest section body accepted (the longest section of the reference plan has about
/// 2,500 characters).
const MAX_BODY: usize = 20_000;

crate::db_enum!(
    /// A section of the plan, in the plan's order; the label is the standard title.
    SectionKey {
        /// はじめに.
        Introduction = "introduction" / "はじめに",
        /// 事業概要.
        Outline = "outline" / "事業概要",
        /// 基本理念.
        Philosophy = "philosophy" / "基本理念",
        /// 基本方針.
        Policy = "policy" / "基本方針",
        /// 事業内容.
        Services = "services" / "事業内容",
        /// 連携体制.
        Partners = "partners" / "連携体制",
        /// 重点課題・目標.
        Priorities = "priorities" / "重点課題・目標",
        /// 開所日及び開所時間.
        Hours = "hours" / "開所日及び開所時間",
        /// 実績目標数.
        Targets = "targets" / "実績目標数",
        /// 防災計画.
        Disaster = "disaster" / "防災計画",
        /// 資金計画.
        Funding = "funding" / "資金計画",
    }
);

impl SectionKey {
    /// The section's place in the plan, 1 to 11.
    pub fn number(self) -> u32 {
        SectionKey::ALL
            .iter()
            .position(|k| *k == self)
            .map_or(0, |i| i as u32 + 1)
    }
}

/// A section of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSection {
    /// Which section.
    pub key: SectionKey,
    /// Its number in the plan, 1–11.
    pub number: u32,
    /// The title as the plan prints it (the standard title unless the plan words it otherwise,
    /// e.g. 令和7年度重点課題・目標).
    pub title: String,
    /// The text.
    pub body: String,
}

/// Writes a section's title and body (director only). An empty `title` means the standard one.
pub fn set_section(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    key: SectionKey,
    title: &str,
    body: &str,
) -> Result<()> {
    let (title, body) = validate(key, title, body)?;
    write_plan(
        store,
        actor,
        fy,
        "plan.section",
        &format!("section {} set", key.as_db()),
        |tx, id| write_section(tx, id, key, &title, &body),
    )
}

fn validate(key: SectionKey, title: &str, body: &str) -> Result<(String, String)> {
    let title = if title.trim().is_empty() {
        key.label_ja().to_string()
    } else {
        crate::text::single_line(TITLE, title, 100)?
    };
    Ok((title, crate::text::multi_line(BODY, body, MAX_BODY)?))
}

pub(crate) fn write_section(
    tx: &Tx<'_>,
    id: &PlanId,
    key: SectionKey,
    title: &str,
    body: &str,
) -> Result<()> {
    let (title, body) = validate(key, title, body)?;
    tx.conn()
        .execute(
            "INSERT INTO plan_sections (id, plan_id, key, sort, title, body, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (plan_id, key) DO UPDATE SET sort = excluded.sort,
                 title = excluded.title, body = excluded.body,
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            params![
                crate::ids::new_id(),
                id,
                key,
                key.number(),
                title,
                body,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(db)?;
    Ok(())
}

/// All eleven sections in order; those not written yet have the standard title and no body.
pub(crate) fn load_sections(conn: &Connection, id: &PlanId) -> Result<Vec<PlanSection>> {
    let mut stmt = conn
        .prepare("SELECT key, title, body FROM plan_sections WHERE plan_id = ?1")
        .map_err(db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(db)?;
    let written = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)?;
    Ok(SectionKey::ALL
        .iter()
        .map(|&key| {
            let found = written.iter().find(|(k, _, _)| k == key.as_db());
            PlanSection {
                key,
                number: key.number(),
                title: found.map_or_else(|| key.label_ja().to_string(), |w| w.1.clone()),
                body: found.map(|w| w.2.clone()).unwrap_or_default(),
            }
        })
        .collect())
}
