//! Each client's last contact, kept in `client_last_contact` (migration 0011) for the check-in
//! worklist: triggers keep it true on every write; a bulk write of millions of contacts (the demo)
//! sets them aside and rebuilds the table in one pass instead.

use rusqlite::Connection;

use crate::store::StoreError;
use crate::Result;

/// The table from the contact rows, as migration 0011 first fills it: the latest consultation,
/// support record and completed follow-up (reached through the client's employments) per client.
const REBUILD_SQL: &str = "
DELETE FROM client_last_contact;
INSERT INTO client_last_contact (client_id, last_on)
SELECT client_id, max(last_on) FROM (
    SELECT client_id, max(held_on) AS last_on FROM consultations GROUP BY client_id
    UNION ALL
    SELECT client_id, max(done_on) FROM support_records GROUP BY client_id
    UNION ALL
    SELECT e.client_id, max(f.done_on) FROM employments e
    JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
    GROUP BY e.client_id
)
GROUP BY client_id;";

/// The triggers that keep the table (all of migration 0011's are named `<table>_last_contact_…`).
const TRIGGERS_SQL: &str = "SELECT name, sql FROM sqlite_master
     WHERE type = 'trigger' AND name GLOB '*_last_contact_*' ORDER BY name";

/// Runs `write` (inside the caller's transaction) with the table's triggers set aside, then puts
/// them back and rebuilds the table from the rows: at the demo's scale 10 the triggers' upkeep of
/// two million inserted contacts costs more than one pass over the indexes afterwards. If
/// `write` fails, the caller's rollback restores the triggers with everything else.
pub(crate) fn rebuilt_after<T>(conn: &Connection, write: impl FnOnce() -> Result<T>) -> Result<T> {
    let triggers: Vec<(String, String)> = {
        let mut stmt = conn.prepare(TRIGGERS_SQL).map_err(StoreError::from)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(StoreError::from)?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(StoreError::from)?
    };
    for (name, _) in &triggers {
        // The name comes from sqlite_master, not from input.
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))
            .map_err(StoreError::from)?;
    }
    let written = write()?;
    for (_, sql) in &triggers {
        conn.execute_batch(sql).map_err(StoreError::from)?;
    }
    conn.execute_batch(REBUILD_SQL).map_err(StoreError::from)?;
    Ok(written)
}
