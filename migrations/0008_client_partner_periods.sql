-- 0008: a partner organization's involvement with a client has a period. `since_on` is when it
-- began (unknown for links made before this migration), `ended_on` when it ended: an ended link
-- is kept so the client page can list past partners, and linking the partner again reopens it.
ALTER TABLE client_partners ADD COLUMN since_on TEXT;
ALTER TABLE client_partners ADD COLUMN ended_on TEXT;
