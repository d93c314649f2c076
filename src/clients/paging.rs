//! Client lists and searches by the page, with the number of matches: the matching clients
//! are found and ordered on their search keys alone (kept in memory between keystrokes, or
//! read from the search-key index when other filters apply), and only the page's rows are
//! read and derived (status, phase, flags), so that any page of 10,000 clients answers quickly.

use std::sync::Mutex;

use rusqlite::Connection;
use serde::Serialize;

use super::search::{list_query, normalise_for_search, ClientFilter, ListQuery, KEY_SEPARATOR};
use super::{ClientListItem, Db};
use crate::session::Session;
use crate::store::Store;
use crate::Result;

/// Most rows one page holds.
pub const MAX_PAGE_ROWS: usize = 500;

/// One page of a client list or search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientPage {
    /// Clients matching in all.
    pub total: usize,
    /// Position of the first row of `items` among all matches.
    pub offset: usize,
    /// At most the page size of rows, in the list's order.
    pub items: Vec<ClientListItem>,
}

impl ClientPage {
    fn empty(offset: usize) -> Self {
        ClientPage {
            total: 0,
            offset,
            items: Vec::new(),
        }
    }
}

/// The rows `offset..offset + limit` (limit capped at 500) of
/// [`search_clients`](super::search_clients)' order (those whose kana or name starts with the
/// text first, then by kana), with the number of matches.
pub fn search_clients_page(
    store: &Store,
    actor: &Session,
    text: &str,
    offset: usize,
    limit: usize,
) -> Result<ClientPage> {
    let filter = ClientFilter {
        query: Some(text.to_string()),
        ..ClientFilter::default()
    };
    let q = list_query(&filter);
    let Some(text) = q.needle.clone() else {
        return Ok(ClientPage::empty(offset));
    };
    store.read(actor, |conn| {
        let matches = matches(conn, store.client_keys(), &q, Some(&text))?;
        let items = match page_query(&matches, offset, limit, Some(&text)) {
            Some(page) => page.run(conn)?,
            None => Vec::new(),
        };
        Ok(ClientPage {
            total: matches.len(),
            offset,
            items,
        })
    })
}

/// The rows `offset..offset + limit` (limit capped at 500) of the filtered client list of
/// [`list_clients`](super::list_clients) (kana order), with the number of matches.
pub fn list_clients_page(
    store: &Store,
    actor: &Session,
    filter: &ClientFilter,
    offset: usize,
    limit: usize,
) -> Result<ClientPage> {
    let q = list_query(filter);
    let limit = limit.clamp(1, MAX_PAGE_ROWS);
    store.read(actor, |conn| {
        if q.filters_derived() {
            // Status and phase are derived per client: the whole list decides the count.
            let mut all = q.run(conn)?;
            let total = all.len();
            let items = all
                .drain(offset.min(total)..)
                .take(limit)
                .collect::<Vec<_>>();
            return Ok(ClientPage {
                total,
                offset,
                items,
            });
        }
        let matches = matches(conn, store.client_keys(), &q, None)?;
        let items = match page_query(&matches, offset, limit, None) {
            Some(page) => page.run(conn)?,
            None => Vec::new(),
        };
        Ok(ClientPage {
            total: matches.len(),
            offset,
            items,
        })
    })
}

/// One matching client as the index gives it: 0 when the kana or the name starts with the
/// searched text (else 1; always 0 in a list), the search key, the row id.
type Match = (u8, String, i64);

/// Every client's row id and search key, read once and kept while the database is unchanged:
/// search as you type asks for them on every keystroke, and at 18,000 clients scanning them
/// in memory takes a fraction of the ~4 ms of scanning the search-key index.
pub(crate) struct ClientKeys {
    /// The database they were read from: changes made through this connection, and the data
    /// version that any other connection's commit moves on.
    stamp: (u64, i64),
    keys: Vec<(i64, String)>,
}

impl ClientKeys {
    fn stamp(conn: &Connection) -> Result<(u64, i64)> {
        let version: i64 = conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .db()?;
        Ok((conn.total_changes(), version))
    }

    fn read(conn: &Connection, stamp: (u64, i64)) -> Result<Self> {
        let mut stmt = conn
            .prepare_cached("SELECT rowid, search_key FROM clients")
            .db()?;
        let keys = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .db()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .db()?;
        Ok(ClientKeys { stamp, keys })
    }
}

/// Every client meeting the row conditions of `q`, ranked on `ranked_by` (a search) and
/// ordered by rank, then key. Without other conditions than the text, the keys come from
/// `kept` (read again whenever the database has changed).
fn matches(
    conn: &Connection,
    kept: &Mutex<Option<ClientKeys>>,
    q: &ListQuery,
    ranked_by: Option<&str>,
) -> Result<Vec<Match>> {
    let start = ranked_by.map(|t| format!("{KEY_SEPARATOR}{t}"));
    let rank = |key: &str| match (ranked_by, &start) {
        (Some(text), Some(start)) => u8::from(!(key.starts_with(text) || key.contains(start))),
        _ => 0,
    };
    let mut found = Vec::new();
    if q.inner.is_empty() {
        // A poisoned lock only means a panic elsewhere: the stamp decides what is true.
        let mut kept = kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let stamp = ClientKeys::stamp(conn)?;
        if kept.as_ref().map(|k| k.stamp) != Some(stamp) {
            *kept = Some(ClientKeys::read(conn, stamp)?);
        }
        let keys = kept.as_ref().map_or(&[][..], |k| k.keys.as_slice());
        // `instr(search_key, text) > 0`, as the query below asks.
        for (rowid, key) in keys {
            if q.needle.as_deref().is_none_or(|n| key.contains(n)) {
                found.push((rank(key), key.clone(), *rowid));
            }
        }
    } else {
        let mut stmt = conn.prepare_cached(&q.keys_sql()).db()?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(q.params().iter()))
            .db()?;
        while let Some(row) = rows.next().db()? {
            let rowid: i64 = row.get(0).db()?;
            let key: String = row.get(1).db()?;
            found.push((rank(&key), key, rowid));
        }
    }
    found.sort_unstable();
    Ok(found)
}

/// The query of the rows `offset..offset + limit` of `matches`. Clients with the same key are
/// ordered by id, which only the table holds: every row sharing a key with the page's first or
/// last is read, and the query skips those before the page.
fn page_query(
    matches: &[Match],
    offset: usize,
    limit: usize,
    ranked_by: Option<&str>,
) -> Option<ListQuery> {
    let limit = limit.clamp(1, MAX_PAGE_ROWS);
    if offset >= matches.len() {
        return None;
    }
    let end = (offset + limit).min(matches.len());
    fn key(m: &Match) -> (u8, &str) {
        (m.0, m.1.as_str())
    }
    let (first, last) = (key(&matches[offset]), key(&matches[end - 1]));
    let from = matches.partition_point(|m| key(m) < first);
    let until = matches.partition_point(|m| key(m) <= last);
    let rowids: Vec<String> = matches[from..until]
        .iter()
        .map(|m| m.2.to_string())
        .collect();
    let mut q = ListQuery::new();
    if let Some(text) = ranked_by {
        let p = q.bind(text);
        q.rank = format!(
            "CASE WHEN substr(c.search_key, 1, length({p})) = {p}
                    OR instr(c.search_key, char(10) || {p}) > 0 THEN 0 ELSE 1 END"
        );
        q.order = "rank, search_key, id";
    }
    // Row ids just read from the index, not user input.
    q.inner.push(format!("c.rowid IN ({})", rowids.join(",")));
    q.limit = Some(limit as i64);
    q.offset = (offset - from) as i64;
    Some(q)
}

/// The queries of a search for `text` as run for its first page of `limit` rows (for the query
/// plans): the scan of the search-key index, and the page's rows by row id.
pub(super) fn search_queries(text: &str, limit: usize) -> Option<(ListQuery, ListQuery)> {
    let keys = list_query(&ClientFilter {
        query: Some(text.to_string()),
        ..ClientFilter::default()
    });
    keys.text.as_ref()?;
    let text = normalise_for_search(text);
    let rows: Vec<Match> = (1..=limit.clamp(1, MAX_PAGE_ROWS) as i64)
        .map(|rowid| (0, text.clone(), rowid))
        .collect();
    Some((keys, page_query(&rows, 0, limit, Some(&text))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(rank: u8, key: &str, rowid: i64) -> Match {
        (rank, key.to_string(), rowid)
    }

    #[test]
    fn a_page_past_the_end_reads_nothing() {
        assert!(page_query(&[], 0, 10, None).is_none());
        assert!(page_query(&[m(0, "あ", 1)], 1, 10, None).is_none());
    }

    #[test]
    fn a_page_reads_every_row_sharing_a_key_with_its_ends_and_skips_those_before_it() {
        let all = [
            m(0, "あ", 1),
            m(0, "い", 2),
            m(0, "い", 3),
            m(0, "い", 4),
            m(0, "う", 5),
            m(1, "あ", 6),
        ];
        // Rows 2 and 3 of the list are the second and third い: all three い are read.
        let q = page_query(&all, 2, 2, None).unwrap();
        assert!(q.sql().contains("c.rowid IN (2,3,4)"), "{}", q.sql());
        assert_eq!((q.offset, q.limit), (1, Some(2)));
        let last = page_query(&all, 5, 10, None).unwrap();
        assert!(last.sql().contains("c.rowid IN (6)"));
        assert_eq!(last.offset, 0);
    }
}
