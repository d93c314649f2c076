//! Finding clients: the search key kept on every client row, the filtered list, the
//! ranked search and the possible-duplicate check. Every list is one set-based query
//! that returns only the list columns, so that 10,000 clients stay quick.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{today, ClientListItem, ClientStatus, Db, DisabilityCategory, Phase};
use crate::ids::StaffId;
use crate::session::Session;
use crate::store::Store;
use crate::Result;

/// Separates the kana part from the name part of a search key. A normalised query
/// never holds it (whitespace is dropped), so no match can straddle the two parts.
pub(super) const KEY_SEPARATOR: char = '\n';

/// Text as compared in searches: NFKC (full-width Latin and half-width kana folded),
/// lower case, katakana turned into hiragana, all whitespace removed.
pub fn normalise_for_search(q: &str) -> String {
    q.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .map(katakana_to_hiragana)
        .collect()
}

fn katakana_to_hiragana(c: char) -> char {
    match c {
        // ァ..ヶ and the iteration marks ヽヾ sit 0x60 above their hiragana.
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => {
            char::from_u32(u32::from(c) - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// The value kept in `clients.search_key`: normalised kana, a separator, normalised
/// name. Starting with the kana makes the key sort like the kana and lets the
/// duplicate check and kana prefixes use the index.
pub fn search_key(name: &str, kana: &str) -> String {
    format!(
        "{}{KEY_SEPARATOR}{}",
        normalise_for_search(kana),
        normalise_for_search(name)
    )
}

/// Which staff relation a list filters on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffFilter {
    /// Clients whose main staff (主担当) is this person.
    Main(StaffId),
    /// Clients with this person among the sub staff (副担当).
    Sub(StaffId),
    /// Either.
    Either(StaffId),
}

/// The filters of the client list; all empty lists everyone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientFilter {
    /// Derived status.
    pub status: Option<ClientStatus>,
    /// Phase, `employed` included (implies registered).
    pub phase: Option<Phase>,
    /// Main or sub staff.
    pub staff: Option<StaffFilter>,
    /// Disability category.
    pub disability: Option<DisabilityCategory>,
    /// Text matched against name and kana (as in [`search_clients`]).
    pub query: Option<String>,
}

/// The client list, sorted by kana (hiragana and katakana alike).
pub fn list_clients(
    store: &Store,
    actor: &Session,
    filter: &ClientFilter,
) -> Result<Vec<ClientListItem>> {
    store.read(actor, |conn| list_query(filter).run(conn))
}

/// Clients whose name or kana contains `text` (after normalising both), those
/// starting with it first, then by kana; at most `limit` rows (capped at 500).
pub fn search_clients(
    store: &Store,
    actor: &Session,
    text: &str,
    limit: usize,
) -> Result<Vec<ClientListItem>> {
    Ok(super::paging::search_clients_page(store, actor, text, 0, limit)?.items)
}

/// Clients who may be the same person as a new one: the same kana once normalised
/// and the same birth date. A client without a recorded birth date cannot be ruled
/// out, so matches on kana alone; so does a check made without a birth date. The UI
/// calls this before saving; [`super::create_client`] reports the same list.
pub fn possible_duplicates(
    conn: &Connection,
    kana: &str,
    birth_date: Option<NaiveDate>,
) -> Result<Vec<ClientListItem>> {
    match duplicates_query(kana, birth_date) {
        Some(q) => q.run(conn),
        None => Ok(Vec::new()),
    }
}

pub(super) fn list_query(filter: &ClientFilter) -> ListQuery {
    let mut q = ListQuery::new();
    match &filter.staff {
        Some(StaffFilter::Main(id)) => {
            let p = q.bind(id.as_str());
            q.inner.push(format!("c.main_staff_id = {p}"));
        }
        Some(StaffFilter::Sub(id)) => {
            let p = q.bind(id.as_str());
            q.inner.push(format!(
                "c.id IN (SELECT client_id FROM client_sub_staff WHERE staff_id = {p})"
            ));
        }
        Some(StaffFilter::Either(id)) => {
            let p = q.bind(id.as_str());
            q.inner.push(format!(
                "(c.main_staff_id = {p} OR c.id IN (SELECT client_id FROM client_sub_staff WHERE staff_id = {p}))"
            ));
        }
        None => {}
    }
    if let Some(category) = filter.disability {
        let p = q.bind(category.as_db());
        q.inner.push(format!(
            "c.id IN (SELECT client_id FROM client_disabilities WHERE category = {p})"
        ));
    }
    if let Some(text) = filter.query.as_deref() {
        let needle = normalise_for_search(text);
        if !needle.is_empty() {
            q.text = Some(q.bind(needle.as_str()));
            q.needle = Some(needle);
        }
    }
    if let Some(status) = filter.status {
        let p = q.bind(status.as_db());
        q.outer.push(format!("status = {p}"));
    }
    if let Some(phase) = filter.phase {
        let p = q.bind(phase.as_db());
        q.outer.push(format!("{PHASE_EXPR} = {p}"));
    }
    q
}

pub(super) fn duplicates_query(kana: &str, birth_date: Option<NaiveDate>) -> Option<ListQuery> {
    let kana = normalise_for_search(kana);
    if kana.is_empty() {
        return None;
    }
    let mut q = ListQuery::new();
    // Every key of this kana lies in [kana + "\n", kana + "\x0B").
    let from = q.bind(format!("{kana}{KEY_SEPARATOR}"));
    let until = q.bind(format!("{kana}\u{0B}"));
    q.inner
        .push(format!("c.search_key >= {from} AND c.search_key < {until}"));
    if let Some(date) = birth_date {
        let p = q.bind(date.to_string());
        q.inner
            .push(format!("(c.birth_date = {p} OR c.birth_date IS NULL)"));
    }
    Some(q)
}

/// The narrow scan of the search-key index finds the rows; the table is read only for hits.
fn contains_condition(param: &str) -> String {
    format!("c.rowid IN (SELECT rowid FROM clients WHERE instr(search_key, {param}) > 0)")
}

/// The phase shown: none unless registered, `employed` while an employment runs.
const PHASE_EXPR: &str =
    "(CASE WHEN status <> 'registered' THEN NULL WHEN employed THEN 'employed' ELSE stored_phase END)";

/// One list query: conditions on the client row (inner), on derived columns
/// (outer), an order and a limit. Parameter ?1 is today.
pub(super) struct ListQuery {
    pub(super) inner: Vec<String>,
    /// The parameter holding the normalised text, when the list is searched.
    pub(super) text: Option<String>,
    /// That normalised text itself (for the search keys kept in memory, `paging.rs`).
    pub(super) needle: Option<String>,
    pub(super) outer: Vec<String>,
    params: Vec<Value>,
    pub(super) rank: String,
    pub(super) order: &'static str,
    pub(super) limit: Option<i64>,
    pub(super) offset: i64,
}

impl ListQuery {
    pub(super) fn new() -> Self {
        ListQuery {
            inner: Vec::new(),
            text: None,
            needle: None,
            outer: Vec::new(),
            params: vec![Value::Text(today().to_string())],
            rank: "0".to_string(),
            order: "search_key, id",
            limit: None,
            offset: 0,
        }
    }

    pub(super) fn bind(&mut self, value: impl Into<String>) -> String {
        self.params.push(Value::Text(value.into()));
        format!("?{}", self.params.len())
    }

    /// Whether the list filters on derived columns (status, phase), which only the whole
    /// query can tell.
    pub(super) fn filters_derived(&self) -> bool {
        !self.outer.is_empty()
    }

    /// The row id and search key of every client meeting the conditions on the client row,
    /// the text matched by `instr` on the key so that a text alone is one narrow scan of the
    /// search-key index. Parameter ?1 (today) is named so that every parameter binds.
    pub(super) fn keys_sql(&self) -> String {
        let mut conds = self.inner.clone();
        conds.extend(
            self.text
                .iter()
                .map(|p| format!("instr(c.search_key, {p}) > 0")),
        );
        conds.push("?1 IS NOT NULL".to_string());
        format!(
            "SELECT c.rowid, c.search_key FROM clients c WHERE {}",
            conds.join(" AND ")
        )
    }

    pub(super) fn sql(&self) -> String {
        let all = |conds: &[String]| {
            if conds.is_empty() {
                "1".to_string()
            } else {
                conds.join(" AND ")
            }
        };
        let mut inner = self.inner.clone();
        inner.extend(self.text.iter().map(|p| contains_condition(p)));
        let limit = self.limit.map_or(String::new(), |n| {
            format!("LIMIT {n} OFFSET {offset}", offset = self.offset)
        });
        format!(
            "SELECT id, name, kana, birth_date, status, {PHASE_EXPR} AS phase, main_staff_id,
                    main_staff_name, first_contact_on, registered_on, closed_on, flags
             FROM (
                SELECT c.id, c.name, c.kana, c.birth_date, c.first_contact_on, c.main_staff_id,
                       c.search_key, s.name AS main_staff_name, c.phase AS stored_phase,
                       CASE WHEN EXISTS (SELECT 1 FROM client_registrations r
                                         WHERE r.client_id = c.id AND r.closed_on IS NULL)
                                 THEN 'registered'
                            WHEN lr.id IS NOT NULL THEN 'closed'
                            ELSE 'inquiry' END AS status,
                       EXISTS (SELECT 1 FROM employments e
                               WHERE e.client_id = c.id AND e.started_on <= ?1
                                 AND (e.ended_on IS NULL OR e.ended_on > ?1)) AS employed,
                       lr.registered_on, lr.closed_on,
                       (SELECT group_concat(k.label, char(31))
                        FROM client_flags f JOIN flag_kinds k ON k.id = f.kind_id
                        WHERE f.client_id = c.id AND f.cleared_on IS NULL) AS flags,
                       {rank} AS rank
                FROM clients c
                LEFT JOIN staff s ON s.id = c.main_staff_id
                LEFT JOIN client_registrations lr ON lr.id = (
                    SELECT r.id FROM client_registrations r WHERE r.client_id = c.id
                    ORDER BY r.registered_on DESC, r.id DESC LIMIT 1)
                WHERE {inner}
             )
             WHERE {outer}
             ORDER BY {order}
             {limit}",
            rank = self.rank,
            inner = all(&inner),
            outer = all(&self.outer),
            order = self.order,
        )
    }

    pub(super) fn params(&self) -> &[Value] {
        &self.params
    }

    /// Runs the list query.
    pub(super) fn run(&self, conn: &Connection) -> Result<Vec<ClientListItem>> {
        let mut stmt = conn.prepare(&self.sql()).db()?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(self.params.iter()), list_item)
            .db()?;
        rows.collect::<rusqlite::Result<_>>().db()
    }
}

fn list_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClientListItem> {
    let flags: Option<String> = r.get(11)?;
    let mut flags: Vec<String> = flags
        .map(|f| f.split('\u{1F}').map(str::to_string).collect())
        .unwrap_or_default();
    flags.sort();
    Ok(ClientListItem {
        id: r.get(0)?,
        name: r.get(1)?,
        kana: r.get(2)?,
        birth_date: r.get(3)?,
        status: r.get(4)?,
        phase: r.get(5)?,
        main_staff_id: r.get(6)?,
        main_staff_name: r.get(7)?,
        first_contact_on: r.get(8)?,
        registered_on: r.get(9)?,
        closed_on: r.get(10)?,
        flags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_hiragana_and_widths_fold_to_one_form() {
        assert_eq!(normalise_for_search("ヤマダ タロウ"), "やまだたろう");
        assert_eq!(normalise_for_search("ﾔﾏﾀﾞ　ﾀﾛｳ"), "やまだたろう");
        assert_eq!(normalise_for_search("やまだ たろう"), "やまだたろう");
        assert_eq!(normalise_for_search("ＳＭＩＴＨ John"), "smithjohn");
        assert_eq!(normalise_for_search("ヴァイオリン"), "ゔぁいおりん");
    }

    #[test]
    fn search_key_starts_with_the_kana_then_the_name() {
        assert_eq!(
            search_key("山田 太郎", "ヤマダ タロウ"),
            "やまだたろう\n山田太郎"
        );
    }

    #[test]
    fn a_blank_search_finds_nothing_rather_than_everyone() {
        assert!(list_query(&ClientFilter {
            query: Some(" \u{3000}".into()),
            ..ClientFilter::default()
        })
        .text
        .is_none());
        assert!(duplicates_query("", None).is_none());
    }
}
