//! The cost of encryption: the store's data exported into a plain (unencrypted) SQLite file with
//! SQLCipher's `sqlcipher_export`, then the home figures and the worklists timed on both, with
//! the same statistics, journal mode, page cache and temp store, the copy written to disk before
//! the timing, both warmed, runs interleaved so that neither gets a quieter machine.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::cases::{worklists, Plan};
use super::timing::Timing;
use super::{Progress, RatioRow, TARGET_RATIO};
use crate::store::{Store, StoreError};
use crate::{figures, Result, Session};

/// A query run on either connection.
type Query<'a> = Box<dyn Fn(&Connection) -> Result<()> + 'a>;

/// Exports the store into `work_dir/plain.db`, times each query on both, deletes the copy.
pub(super) fn compare(
    store: &Store,
    session: &Session,
    plan: &Plan,
    work_dir: &Path,
    progress: Progress<'_>,
) -> Result<Vec<RatioRow>> {
    let path = work_dir.join("plain.db");
    let result = (|| -> Result<Vec<RatioRow>> {
        export_plain(store, session, &path)?;
        let plain = open_plain(&path)?;
        let cache: i64 = store.read(session, |conn| {
            Ok(conn
                .query_row("PRAGMA cache_size", [], |r| r.get(0))
                .map_err(StoreError::from)?)
        })?;
        // The same settings as the store's connection: write-ahead log (a reader then keeps its
        // page cache between statements as the store's does), page cache, temporary tables in
        // memory.
        plain
            .execute_batch(&format!(
                "PRAGMA journal_mode = WAL; PRAGMA cache_size = {cache}; \
                 PRAGMA temp_store = MEMORY;"
            ))
            .map_err(StoreError::from)?;
        let (fy, today) = (plan.fy, plan.today);
        let mut queries: Vec<(String, Query<'_>)> = vec![
            (
                format!("five figures {}", fy.name_wareki()),
                Box::new(move |c: &Connection| figures::five_figures(c, fy, today).map(drop)),
            ),
            (
                format!("monthly series {}", fy.name_wareki()),
                Box::new(move |c: &Connection| figures::monthly(c, fy, today).map(drop)),
            ),
        ];
        for (name, list) in worklists() {
            queries.push((
                name.to_string(),
                Box::new(move |c: &Connection| list(c, today)),
            ));
        }
        let total = queries.len() as u64;
        let mut rows = Vec::new();
        for (done, (name, query)) in queries.iter().enumerate() {
            progress("encrypted vs plain", done as u64, total);
            // One session check around the loop: both sides then run exactly the same SQL.
            let (encrypted, plain) = store.read(session, |encrypted| {
                interleaved(plan.runs.queries, |on_plain| {
                    if on_plain {
                        query(&plain)
                    } else {
                        query(encrypted)
                    }
                })
            })?;
            let ratio = encrypted.median_ms() / plain.median_ms().max(1e-6);
            rows.push(RatioRow {
                case: name.clone(),
                encrypted_median_ms: encrypted.median_ms(),
                plain_median_ms: plain.median_ms(),
                ratio,
                target: TARGET_RATIO,
                met: ratio <= TARGET_RATIO,
            });
        }
        Ok(rows)
    })();
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
    result
}

/// Untimed runs on each side before the timing: the first run on the fresh copy reads its pages
/// from the disk cache into SQLite's, as the store's first run did long before.
const WARM_UPS: usize = 2;

/// Runs `query(false)` (encrypted) and `query(true)` (plain) alternately, each warmed first.
fn interleaved(runs: usize, query: impl Fn(bool) -> Result<()>) -> Result<(Timing, Timing)> {
    for _ in 0..WARM_UPS {
        query(false)?;
        query(true)?;
    }
    let mut times = [Vec::with_capacity(runs), Vec::with_capacity(runs)];
    for _ in 0..runs {
        for (i, on_plain) in [false, true].into_iter().enumerate() {
            let started = std::time::Instant::now();
            query(on_plain)?;
            times[i].push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let [encrypted, plain] = times;
    Ok((Timing::from_ms(encrypted), Timing::from_ms(plain)))
}

/// Writes every table, index and the statistics into a new unencrypted file.
fn export_plain(store: &Store, session: &Session, path: &Path) -> Result<()> {
    if path.exists() {
        std::fs::remove_file(path).map_err(|e| StoreError::io("remove", path, e))?;
    }
    // The store's connection opens files without SQLITE_OPEN_CREATE, and so does its ATTACH:
    // an empty file is an empty database.
    std::fs::File::create(path).map_err(|e| StoreError::io("create", path, e))?;
    let target = path.to_string_lossy().into_owned();
    store.read(session, |conn| {
        conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [&target])
            .map_err(StoreError::from)?;
        let exported = conn
            .query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))
            .map_err(StoreError::from)
            .map_err(crate::CoreError::from)
            .and_then(|()| copy_statistics(conn));
        let detached = conn
            .execute_batch("DETACH DATABASE plain")
            .map_err(StoreError::from);
        exported?;
        detached?;
        Ok(())
    })?;
    // Timing a copy the system is still writing out would charge the plain side for the write.
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::io("sync", path, e))?;
    Ok(())
}

/// Gives the copy the store's planner statistics, row for row, so that both sides plan every
/// query alike (the export copies the tables; this makes sure of it whatever SQLCipher does).
fn copy_statistics(conn: &Connection) -> Result<()> {
    for table in ["sqlite_stat1", "sqlite_stat4"] {
        let exists = |schema: &str| -> rusqlite::Result<bool> {
            conn.query_row(
                &format!("SELECT count(*) FROM {schema}.sqlite_master WHERE name = ?1"),
                [table],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
        };
        if exists("main").map_err(StoreError::from)? && exists("plain").map_err(StoreError::from)? {
            conn.execute_batch(&format!(
                "DELETE FROM plain.{table}; INSERT INTO plain.{table} SELECT * FROM main.{table};"
            ))
            .map_err(StoreError::from)?;
        }
    }
    Ok(())
}

fn open_plain(path: &Path) -> Result<Connection> {
    // Read-write as the store's connection (a read-only one could not use the write-ahead log).
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(StoreError::from)?;
    // A plain file must read as plain SQLite: the header is there and the schema is readable.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(StoreError::from)?;
    Ok(conn)
}
