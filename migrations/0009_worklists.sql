-- 0009: the check-in worklist (retention/worklist.rs) first sets aside every client heard from
-- within the shortest threshold, by date ranges over these indexes; they carry the client so
-- that the range is an index-only read (a row fetch would decrypt a table page per contact).
-- Only the clients left need their last contact sought one by one.
CREATE INDEX consultations_held_client ON consultations (held_on, client_id);
CREATE INDEX support_records_done_client ON support_records (done_on, client_id);
DROP INDEX follow_ups_done;
CREATE INDEX follow_ups_done ON follow_ups (done_on, client_id);
