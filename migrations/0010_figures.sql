-- 0008: covering indexes for the figures, the results report's breakdowns and the staffing
-- summary. Each replaces an index of the same name whose columns it starts with, so it serves
-- every use of the old one; with the extra column the query reads the index alone instead of
-- fetching (and decrypting) one table row per index entry:
-- - 継続就労者数 asks, for each ongoing employment, whether its client is registered on the
--   day (closed_on was fetched from the table: 5,000 row reads at the reference size × 10);
-- - the breakdowns count a year of consultations by channel and topic;
-- - the caseload counts registered clients by main staff member (the client's id was fetched).
-- One index is new: the breakdowns count a year of support records by kind and purpose as one
-- index range per kind (12 ranges), where a GROUP BY over the year read and sorted every record
-- (200,000 at the reference size × 10; 0.1 s of CPU of the results report's 0.2 s).
DROP INDEX client_registrations_client;
CREATE INDEX client_registrations_client ON client_registrations (client_id, registered_on, closed_on);
CREATE INDEX support_records_kind ON support_records (kind, purpose, done_on);
DROP INDEX consultations_held;
CREATE INDEX consultations_held ON consultations (held_on, channel, topic);
DROP INDEX clients_main_staff;
CREATE INDEX clients_main_staff ON clients (main_staff_id, id);
-- The statistics of the dropped indexes went with them: count the new ones (no row is written
-- for an empty table, so a new center keeps the planner's defaults).
ANALYZE client_registrations_client;
ANALYZE support_records_kind;
ANALYZE consultations_held;
ANALYZE clients_main_staff;
