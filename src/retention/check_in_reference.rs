//! The check-in worklist as it was found before each client's last contact was kept
//! (migration 0011): every run sets aside the clients heard from recently and seeks the last
//! contact of the rest. Kept as the reference the worklist's query is checked against.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::worklist::{check_in_items, CheckInItem};
use crate::figures::registered_on_sql;
use crate::ids::StaffId;
use crate::Result;

/// The check-ins of `today` found from the contact rows alone, without `client_last_contact`:
/// the same list as [`super::check_ins`], by the query it replaced (tests compare the two).
pub fn check_ins_by_seeking(
    conn: &Connection,
    today: NaiveDate,
    staff: Option<&StaffId>,
) -> Result<Vec<CheckInItem>> {
    check_in_items(conn, BY_SEEKING_SQL, today, staff)
}

// `registered` lists each client's open registration periods on the day (a period may be
// closed later). A client heard from since `:recent` (today less the shortest threshold) is
// within every threshold, so `heard` sets those aside by date ranges over covering indexes
// (migration 0009), and only the rest (`candidates`) have their last contact sought.
const BY_SEEKING_SQL: &str = concat!(
    "
WITH registered AS MATERIALIZED (
    SELECT r.client_id, max(r.registered_on) AS registered_on FROM client_registrations r
    WHERE ",
    registered_on_sql!("r", ":today"),
    "
    GROUP BY r.client_id
),
heard AS (
    SELECT k.client_id FROM consultations k
    WHERE k.held_on >= :recent AND k.held_on <= :today
    UNION ALL
    SELECT sr.client_id FROM support_records sr
    WHERE sr.done_on >= :recent AND sr.done_on <= :today
    UNION ALL
    SELECT f.client_id FROM follow_ups f
    WHERE f.done_on >= :recent AND f.done_on <= :today
    UNION ALL
    SELECT c.id FROM clients c
    WHERE c.first_contact_on >= :recent AND c.first_contact_on <= :today
),
candidates AS MATERIALIZED (
    SELECT reg.client_id, reg.registered_on FROM registered reg
    WHERE reg.registered_on < :recent AND reg.client_id NOT IN (SELECT client_id FROM heard)
),
contact AS MATERIALIZED (
    SELECT c.id, c.name, c.kana, c.main_staff_id, c.phase,
        EXISTS (SELECT 1 FROM employments e
                WHERE e.client_id = c.id AND e.started_on <= :today
                  AND (e.ended_on IS NULL OR e.ended_on > :today)) AS employed,
        max(c.first_contact_on, reg.registered_on,
            coalesce((SELECT max(k.held_on) FROM consultations k
                      WHERE k.client_id = c.id AND k.held_on <= :today), ''),
            coalesce((SELECT max(sr.done_on) FROM support_records sr
                      WHERE sr.client_id = c.id AND sr.done_on <= :today), ''),
            coalesce((SELECT max(f.done_on) FROM employments e
                      CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                      WHERE e.client_id = c.id AND f.done_on <= :today), '')) AS last_contact
    FROM candidates reg
    JOIN clients c ON c.id = reg.client_id
    WHERE 1 = 1 {staff}
),
"
);
