//! 委託事業: projects the city commissions from the center (庁舎内実習, 企業内訓練, 販売促進,
//! 広報ボックス配布), each with its own named monthly measures and units (人, 日, 円, 部, 回),
//! and their monthly results for the results report. The director defines projects and
//! measures; any staff member enters results.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::calendar::FiscalYear;
use crate::error::{Field, Problem};
use crate::ids::{CommissionId, MetricId};
use crate::plan::budget::month_key;
use crate::session::Session;
use crate::staff::{db, optional_line};
use crate::store::Store;
use crate::{CoreError, Result};

/// 委託事業.
pub const COMMISSION: Field = Field::new("commission", "委託事業");
/// 事業名.
pub const NAME: Field = Field::new("name", "事業名");
/// 委託元.
pub const COMMISSIONER: Field = Field::new("commissioner", "委託元");
/// 実績項目.
pub const METRIC: Field = Field::new("metric", "実績項目");
/// 項目名.
pub const METRIC_NAME: Field = Field::new("metric_name", "項目名");
/// 単位.
pub const UNIT: Field = Field::new("unit", "単位");
/// 表示順.
pub const SORT: Field = Field::new("sort", "表示順");
/// 実績値.
pub const VALUE: Field = Field::new("value", "実績値");

/// The largest monthly result accepted (yen of sales are the largest numbers entered).
const MAX_VALUE: i64 = 10_000_000_000;

/// A commissioned project, new or replacing the old details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommissionInput {
    /// 事業名, e.g. 市内障害者施設製品販売促進事業.
    pub name: String,
    /// 委託元, e.g. 小平市.
    pub commissioner: String,
    /// Still running (ended projects stay for past reports).
    pub active: bool,
}

/// A measure of a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricInput {
    /// 項目名, e.g. 販売額.
    pub name: String,
    /// 単位, e.g. 円.
    pub unit: String,
    /// Order within the project.
    pub sort: i64,
}

/// A project's results over a fiscal year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommissionYear {
    /// Id.
    pub id: CommissionId,
    /// 事業名.
    pub name: String,
    /// 委託元.
    pub commissioner: String,
    /// Still running.
    pub active: bool,
    /// Its measures, in order.
    pub metrics: Vec<MetricYear>,
}

/// A measure's results over a fiscal year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MetricYear {
    /// Id.
    pub id: MetricId,
    /// 項目名.
    pub name: String,
    /// 単位.
    pub unit: String,
    /// Results April to March (`None`: not entered).
    pub months: [Option<i64>; 12],
    /// The year's sum.
    pub total: i64,
}

fn unique_or_db(what: Field) -> impl Fn(rusqlite::Error) -> CoreError {
    move |e| match e.sqlite_error() {
        Some(f) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            CoreError::Duplicate { what }
        }
        _ => db(e),
    }
}

fn validate_commission(input: &CommissionInput) -> Result<(String, String)> {
    Ok((
        crate::text::single_line(NAME, &input.name, 100)?,
        optional_line(COMMISSIONER, &input.commissioner, 100)?,
    ))
}

/// Adds a commissioned project (director only).
pub fn add_commission(
    store: &mut Store,
    actor: &Session,
    input: &CommissionInput,
) -> Result<CommissionId> {
    actor.require_director("define commissioned projects")?;
    let (name, commissioner) = validate_commission(input)?;
    store.write(actor, |tx| {
        let id = CommissionId::new();
        tx.conn()
            .execute(
                "INSERT INTO commissions (id, name, commissioner, active, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    name,
                    commissioner,
                    input.active,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(unique_or_db(NAME))?;
        tx.audit(
            "commission.create",
            "commission",
            Some(id.as_str()),
            "commissioned project added",
        )?;
        Ok(id)
    })
}

/// Changes a project's name, commissioner or whether it still runs (director only).
pub fn update_commission(
    store: &mut Store,
    actor: &Session,
    id: &CommissionId,
    input: &CommissionInput,
) -> Result<()> {
    actor.require_director("define commissioned projects")?;
    let (name, commissioner) = validate_commission(input)?;
    store.write(actor, |tx| {
        let changed = tx
            .conn()
            .execute(
                "UPDATE commissions SET name = ?2, commissioner = ?3, active = ?4,
                        updated_at = ?5, updated_by = ?6
                 WHERE id = ?1",
                params![
                    id,
                    name,
                    commissioner,
                    input.active,
                    tx.now(),
                    actor.user_id()
                ],
            )
            .map_err(unique_or_db(NAME))?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: COMMISSION });
        }
        tx.audit(
            "commission.update",
            "commission",
            Some(id.as_str()),
            "commissioned project changed",
        )
    })
}

/// Adds a measure to a project (director only).
pub fn add_metric(
    store: &mut Store,
    actor: &Session,
    commission_id: &CommissionId,
    input: &MetricInput,
) -> Result<MetricId> {
    actor.require_director("define commissioned projects")?;
    let name = crate::text::single_line(METRIC_NAME, &input.name, 50)?;
    let unit = crate::text::single_line(UNIT, &input.unit, 10)?;
    if !(0..=1000).contains(&input.sort) {
        return Err(CoreError::invalid(
            SORT,
            Problem::OutOfRange { min: 0, max: 1000 },
        ));
    }
    store.write(actor, |tx| {
        let exists: Option<i64> = tx
            .conn()
            .query_row("SELECT 1 FROM commissions WHERE id = ?1", [commission_id], |r| r.get(0))
            .optional()
            .map_err(db)?;
        if exists.is_none() {
            return Err(CoreError::NotFound { what: COMMISSION });
        }
        let id = MetricId::new();
        tx.conn()
            .execute(
                "INSERT INTO commission_metrics (id, commission_id, name, unit, sort, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, commission_id, name, unit, input.sort, tx.now(), actor.user_id()],
            )
            .map_err(unique_or_db(METRIC_NAME))?;
        tx.audit("commission_metric.add", "commission", Some(commission_id.as_str()), "measure added")?;
        Ok(id)
    })
}

/// Enters (or corrects) a measure's result for a month (any signed-in user).
pub fn set_commission_result(
    store: &mut Store,
    actor: &Session,
    metric_id: &MetricId,
    year: i32,
    month: u32,
    value: i64,
) -> Result<()> {
    let (key, _) = month_key(year, month)?;
    if !(0..=MAX_VALUE).contains(&value) {
        return Err(CoreError::invalid(
            VALUE,
            Problem::OutOfRange {
                min: 0,
                max: MAX_VALUE,
            },
        ));
    }
    store.write(actor, |tx| {
        let exists: Option<i64> = tx
            .conn()
            .query_row("SELECT 1 FROM commission_metrics WHERE id = ?1", [metric_id], |r| r.get(0))
            .optional()
            .map_err(db)?;
        if exists.is_none() {
            return Err(CoreError::NotFound { what: METRIC });
        }
        tx.conn()
            .execute(
                "INSERT INTO commission_results (id, metric_id, month, value, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (metric_id, month) DO UPDATE SET value = excluded.value,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![crate::ids::new_id(), metric_id, key, value, tx.now(), actor.user_id()],
            )
            .map_err(db)?;
        tx.audit(
            "commission_result.set",
            "commission_metric",
            Some(metric_id.as_str()),
            &format!("result for {key} set"),
        )
    })
}

/// Every project with its measures' monthly results over a fiscal year, active projects first
/// (any signed-in user).
pub fn commission_results(
    store: &Store,
    actor: &Session,
    fy: FiscalYear,
) -> Result<Vec<CommissionYear>> {
    store.read(actor, |conn| results(conn, fy))
}

pub(crate) fn results(conn: &Connection, fy: FiscalYear) -> Result<Vec<CommissionYear>> {
    let months = fy.months().map(|(y, m)| format!("{y:04}-{m:02}"));
    let mut stmt = conn
        .prepare(
            "SELECT c.id, c.name, c.commissioner, c.active, m.id, m.name, m.unit, r.month, r.value
             FROM commissions c
             LEFT JOIN commission_metrics m ON m.commission_id = c.id
             LEFT JOIN commission_results r ON r.metric_id = m.id AND r.month BETWEEN ?1 AND ?2
             ORDER BY c.active DESC, c.name, c.id, m.sort, m.name, m.id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map(params![months[0], months[11]], |r| {
            Ok((
                (
                    r.get::<_, CommissionId>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                ),
                (
                    r.get::<_, Option<MetricId>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ),
                (r.get::<_, Option<String>>(7)?, r.get::<_, Option<i64>>(8)?),
            ))
        })
        .map_err(db)?;
    let mut out: Vec<CommissionYear> = Vec::new();
    for row in rows {
        let ((id, name, commissioner, active), metric, result) = row.map_err(db)?;
        if out.last().is_none_or(|c| c.id != id) {
            out.push(CommissionYear {
                id,
                name,
                commissioner,
                active,
                metrics: Vec::new(),
            });
        }
        let (Some(commission), (Some(metric_id), Some(metric_name), Some(unit))) =
            (out.last_mut(), metric)
        else {
            continue;
        };
        if commission.metrics.last().is_none_or(|m| m.id != metric_id) {
            commission.metrics.push(MetricYear {
                id: metric_id,
                name: metric_name,
                unit,
                months: [None; 12],
                total: 0,
            });
        }
        if let (Some(m), (Some(month), Some(value))) = (commission.metrics.last_mut(), result) {
            if let Some(i) = months.iter().position(|k| *k == month) {
                m.months[i] = Some(value);
                m.total += value;
            }
        }
    }
    Ok(out)
}
