-- 0003 (clients): what the clients and records modules need beyond 0002.

-- The first-contact date as entered when the client was created. first_contact_on is
-- kept = min(inquiry_on, the client's consultation dates), so that correcting a
-- mistyped consultation date can move it later again (新規相談者数 counts the first one).
ALTER TABLE clients ADD COLUMN inquiry_on TEXT;
UPDATE clients SET inquiry_on = first_contact_on;

-- search_key starts with the normalised kana: this index serves the kana-ordered
-- client list, the possible-duplicate range lookup and a narrow scan for partial search.
CREATE INDEX clients_search_key ON clients (search_key);

-- A client's timeline lists its hand-overs.
CREATE INDEX handovers_client ON handovers (client_id, requested_on);
