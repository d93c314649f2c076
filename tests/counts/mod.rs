//! Rows in every table of a store: what "nothing was saved" means in the import, bad-input
//! and write-failure tests (the audit log is one of the tables).
#![allow(dead_code)]

use std::collections::BTreeMap;

use hotto::store::StoreError;
use hotto::{Session, Store};

/// The number of rows of every table, by table name.
pub fn table_counts(store: &Store, s: &Session) -> BTreeMap<String, i64> {
    store
        .read(s, |conn| {
            let mut stmt = conn
                .prepare(
                    "SELECT name FROM sqlite_master
                     WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )
                .map_err(StoreError::from)?;
            let names: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .map_err(StoreError::from)?
                .collect::<Result<_, _>>()
                .map_err(StoreError::from)?;
            let mut counts = BTreeMap::new();
            for name in names {
                let n: i64 = conn
                    .query_row(&format!("SELECT count(*) FROM \"{name}\""), [], |r| {
                        r.get(0)
                    })
                    .map_err(StoreError::from)?;
                counts.insert(name, n);
            }
            Ok(counts)
        })
        .expect("count rows")
}
