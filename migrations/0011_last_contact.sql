-- 0011: each client's last contact, kept on this PC for the check-in worklist (近況確認,
-- retention/worklist.rs). Finding it on every run meant setting aside every contact of the last
-- 60 days (42,000 index entries at the reference size × 10); this table answers it with one
-- seek per registered client.
--
-- last_on is the latest of the client's consultations (held_on), support records (done_on) and
-- completed follow-ups (done_on): the contacts that are rows of their own. The first contact and
-- the registration date, which the worklist also counts, are columns it reads anyway.
--
-- The table is derived, never edited: the triggers below keep it true on every write (the
-- services, sync's apply, the import, the demo), raising it on a new or later contact and
-- recomputing the client's value from the indexes when a contact is moved earlier, to another
-- client, or removed. It is not synced (sync::capture::LOCAL_TABLES): every PC derives it from
-- its own rows, so it can never go backwards under field-wise last-writer-wins.
--
-- Follow-ups are raised by their own client_id and recomputed through the client's employments
-- (as the worklist always reached them, on the follow_ups_employment index): a follow-up's
-- client is its employment's.
CREATE TABLE client_last_contact (
    client_id   TEXT PRIMARY KEY NOT NULL,
    last_on     TEXT NOT NULL
) WITHOUT ROWID;

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
GROUP BY client_id;

-- ── consultations ────────────────────────────────────────────────────────────
CREATE TRIGGER consultations_last_contact_insert AFTER INSERT ON consultations
BEGIN
    INSERT INTO client_last_contact (client_id, last_on) VALUES (NEW.client_id, NEW.held_on)
    ON CONFLICT (client_id) DO UPDATE SET last_on = excluded.last_on
    WHERE excluded.last_on > client_last_contact.last_on;
END;

CREATE TRIGGER consultations_last_contact_update AFTER UPDATE OF client_id, held_on ON consultations
WHEN NEW.client_id IS NOT OLD.client_id OR NEW.held_on IS NOT OLD.held_on
BEGIN
    DELETE FROM client_last_contact WHERE client_id = OLD.client_id;
    INSERT INTO client_last_contact (client_id, last_on)
    SELECT OLD.client_id, last_on FROM (SELECT max(
        coalesce((SELECT max(k.held_on) FROM consultations k WHERE k.client_id = OLD.client_id), ''),
        coalesce((SELECT max(sr.done_on) FROM support_records sr WHERE sr.client_id = OLD.client_id), ''),
        coalesce((SELECT max(f.done_on) FROM employments e
                  CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                  WHERE e.client_id = OLD.client_id), '')) AS last_on)
    WHERE last_on <> '';
    INSERT INTO client_last_contact (client_id, last_on) VALUES (NEW.client_id, NEW.held_on)
    ON CONFLICT (client_id) DO UPDATE SET last_on = excluded.last_on
    WHERE excluded.last_on > client_last_contact.last_on;
END;

CREATE TRIGGER consultations_last_contact_delete AFTER DELETE ON consultations
BEGIN
    DELETE FROM client_last_contact WHERE client_id = OLD.client_id;
    INSERT INTO client_last_contact (client_id, last_on)
    SELECT OLD.client_id, last_on FROM (SELECT max(
        coalesce((SELECT max(k.held_on) FROM consultations k WHERE k.client_id = OLD.client_id), ''),
        coalesce((SELECT max(sr.done_on) FROM support_records sr WHERE sr.client_id = OLD.client_id), ''),
        coalesce((SELECT max(f.done_on) FROM employments e
                  CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                  WHERE e.client_id = OLD.client_id), '')) AS last_on)
    WHERE last_on <> '';
END;

-- ── support records ──────────────────────────────────────────────────────────
CREATE TRIGGER support_records_last_contact_insert AFTER INSERT ON support_records
BEGIN
    INSERT INTO client_last_contact (client_id, last_on) VALUES (NEW.client_id, NEW.done_on)
    ON CONFLICT (client_id) DO UPDATE SET last_on = excluded.last_on
    WHERE excluded.last_on > client_last_contact.last_on;
END;

CREATE TRIGGER support_records_last_contact_update AFTER UPDATE OF client_id, done_on ON support_records
WHEN NEW.client_id IS NOT OLD.client_id OR NEW.done_on IS NOT OLD.done_on
BEGIN
    DELETE FROM client_last_contact WHERE client_id = OLD.client_id;
    INSERT INTO client_last_contact (client_id, last_on)
    SELECT OLD.client_id, last_on FROM (SELECT max(
        coalesce((SELECT max(k.held_on) FROM consultations k WHERE k.client_id = OLD.client_id), ''),
        coalesce((SELECT max(sr.done_on) FROM support_records sr WHERE sr.client_id = OLD.client_id), ''),
        coalesce((SELECT max(f.done_on) FROM employments e
                  CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                  WHERE e.client_id = OLD.client_id), '')) AS last_on)
    WHERE last_on <> '';
    INSERT INTO client_last_contact (client_id, last_on) VALUES (NEW.client_id, NEW.done_on)
    ON CONFLICT (client_id) DO UPDATE SET last_on = excluded.last_on
    WHERE excluded.last_on > client_last_contact.last_on;
END;

CREATE TRIGGER support_records_last_contact_delete AFTER DELETE ON support_records
BEGIN
    DELETE FROM client_last_contact WHERE client_id = OLD.client_id;
    INSERT INTO client_last_contact (client_id, last_on)
    SELECT OLD.client_id, last_on FROM (SELECT max(
        coalesce((SELECT max(k.held_on) FROM consultations k WHERE k.client_id = OLD.client_id), ''),
        coalesce((SELECT max(sr.done_on) FROM support_records sr WHERE sr.client_id = OLD.client_id), ''),
        coalesce((SELECT max(f.done_on) FROM employments e
                  CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                  WHERE e.client_id = OLD.client_id), '')) AS last_on)
    WHERE last_on <> '';
END;

-- ── follow-ups: only a completed one is a contact ────────────────────────────
CREATE TRIGGER follow_ups_last_contact_insert AFTER INSERT ON follow_ups
WHEN NEW.status = 'done'
BEGIN
    INSERT INTO client_last_contact (client_id, last_on) VALUES (NEW.client_id, NEW.done_on)
    ON CONFLICT (client_id) DO UPDATE SET last_on = excluded.last_on
    WHERE excluded.last_on > client_last_contact.last_on;
END;

CREATE TRIGGER follow_ups_last_contact_update
AFTER UPDATE OF status, done_on, client_id, employment_id ON follow_ups
WHEN NEW.status IS NOT OLD.status OR NEW.done_on IS NOT OLD.done_on
  OR NEW.client_id IS NOT OLD.client_id OR NEW.employment_id IS NOT OLD.employment_id
BEGIN
    -- Only when the old row was a contact can the old client's value fall.
    DELETE FROM client_last_contact WHERE OLD.status = 'done' AND client_id = OLD.client_id;
    INSERT INTO client_last_contact (client_id, last_on)
    SELECT OLD.client_id, last_on FROM (SELECT max(
        coalesce((SELECT max(k.held_on) FROM consultations k WHERE k.client_id = OLD.client_id), ''),
        coalesce((SELECT max(sr.done_on) FROM support_records sr WHERE sr.client_id = OLD.client_id), ''),
        coalesce((SELECT max(f.done_on) FROM employments e
                  CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                  WHERE e.client_id = OLD.client_id), '')) AS last_on)
    WHERE OLD.status = 'done' AND last_on <> '';
    INSERT INTO client_last_contact (client_id, last_on)
    SELECT NEW.client_id, NEW.done_on WHERE NEW.status = 'done'
    ON CONFLICT (client_id) DO UPDATE SET last_on = excluded.last_on
    WHERE excluded.last_on > client_last_contact.last_on;
END;

CREATE TRIGGER follow_ups_last_contact_delete AFTER DELETE ON follow_ups
WHEN OLD.status = 'done'
BEGIN
    DELETE FROM client_last_contact WHERE client_id = OLD.client_id;
    INSERT INTO client_last_contact (client_id, last_on)
    SELECT OLD.client_id, last_on FROM (SELECT max(
        coalesce((SELECT max(k.held_on) FROM consultations k WHERE k.client_id = OLD.client_id), ''),
        coalesce((SELECT max(sr.done_on) FROM support_records sr WHERE sr.client_id = OLD.client_id), ''),
        coalesce((SELECT max(f.done_on) FROM employments e
                  CROSS JOIN follow_ups f ON f.employment_id = e.id AND f.status = 'done'
                  WHERE e.client_id = OLD.client_id), '')) AS last_on)
    WHERE last_on <> '';
END;
