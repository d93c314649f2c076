//! The query plans of the hot client queries, so that tests (and the doctor) can
//! check that none reads a big table row by row after a schema change.

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

use super::paging::search_queries;
use super::search::{duplicates_query, list_query, ClientFilter, StaffFilter};
use super::{Db, DisabilityCategory};
use crate::ids::StaffId;
use crate::session::Session;
use crate::store::Store;
use crate::Result;

/// SQLite's plan for one named query (`EXPLAIN QUERY PLAN` detail lines).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryPlan {
    /// What the query is for, e.g. `list_clients by main staff`.
    pub name: &'static str,
    /// The plan's lines, outermost first.
    pub lines: Vec<String>,
}

impl QueryPlan {
    /// Lines where a table is read row by row without any index (`SCAN t` with no
    /// `USING …`); scans of a subquery result or a constant row are not counted.
    pub fn full_scans(&self) -> Vec<&str> {
        self.lines
            .iter()
            .map(String::as_str)
            .filter(|l| {
                l.starts_with("SCAN ")
                    && !l.contains(" USING ")
                    && !l.starts_with("SCAN CONSTANT ROW")
                    && !l.starts_with("SCAN (subquery")
            })
            .collect()
    }
}

/// Runs `EXPLAIN QUERY PLAN` on `sql` with `params`.
pub(crate) fn explain(
    conn: &Connection,
    name: &'static str,
    sql: &str,
    params: &[Value],
) -> Result<QueryPlan> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).db()?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), |r| {
            r.get::<_, String>(3)
        })
        .db()?;
    Ok(QueryPlan {
        name,
        lines: rows.collect::<rusqlite::Result<_>>().db()?,
    })
}

/// The plans of the client list (by each staff filter, by disability, unfiltered),
/// the search and the duplicate check.
pub fn query_plans(store: &Store, actor: &Session) -> Result<Vec<QueryPlan>> {
    let staff = StaffId::new();
    let by = |staff: Option<StaffFilter>, disability: Option<DisabilityCategory>| ClientFilter {
        staff,
        disability,
        ..ClientFilter::default()
    };
    let mut queries = vec![
        ("list_clients", list_query(&ClientFilter::default())),
        (
            "list_clients by main staff",
            list_query(&by(Some(StaffFilter::Main(staff.clone())), None)),
        ),
        (
            "list_clients by sub staff",
            list_query(&by(Some(StaffFilter::Sub(staff.clone())), None)),
        ),
        (
            "list_clients by main or sub staff",
            list_query(&by(Some(StaffFilter::Either(staff)), None)),
        ),
        (
            "list_clients by disability",
            list_query(&by(None, Some(DisabilityCategory::Mental))),
        ),
    ];
    if let Some((keys, page)) = search_queries("やまだ", 20) {
        queries.push(("search_clients", keys));
        queries.push(("search_clients page", page));
    }
    if let Some(q) = duplicates_query("ヤマダ タロウ", chrono::NaiveDate::from_ymd_opt(1990, 1, 1))
    {
        queries.push(("possible_duplicates", q));
    }
    store.read(actor, |conn| {
        queries
            .iter()
            .map(|(name, q)| {
                // A search's matches are read by the key scan alone.
                let sql = if *name == "search_clients" {
                    q.keys_sql()
                } else {
                    q.sql()
                };
                explain(conn, name, &sql, q.params())
            })
            .collect()
    })
}
