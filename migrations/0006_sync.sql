-- 0006: sync between the PCs of one center through a shared folder (src/sync/).
--
-- Local bookkeeping of this PC: never synced (the session's table filter leaves
-- every table named here out), so the UUID-key rule does not apply to them.

-- Small values of this PC: the hybrid logical clock, the last sequence number,
-- the sync folder (a share may be mounted at a different path on each PC).
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- This PC's committed changesets, in order. deps: for each other PC, the last
-- of its changes applied here when this one was made (causal order on apply).
-- The clock reading names the change (no integer row id as a key, as everywhere).
CREATE TABLE sync_outbox (
    hlc        TEXT PRIMARY KEY NOT NULL,
    seq        INTEGER NOT NULL UNIQUE,
    deps       TEXT NOT NULL,
    changeset  BLOB NOT NULL,
    created_at TEXT NOT NULL,
    exported   INTEGER NOT NULL DEFAULT 0 CHECK (exported IN (0, 1))
);

-- How far each other PC's changes have been applied here.
CREATE TABLE sync_applied (
    device_id    TEXT PRIMARY KEY NOT NULL,
    seq          INTEGER NOT NULL,
    last_sync_at TEXT,
    applied_at   TEXT NOT NULL
);

-- The clock of the last change of each field of each synced row: JSON object
-- column → HLC, "*" for every column not named (set by the insert).
CREATE TABLE sync_versions (
    tbl  TEXT NOT NULL,
    pk   TEXT NOT NULL,
    hlcs TEXT NOT NULL,
    PRIMARY KEY (tbl, pk)
) WITHOUT ROWID;

-- Rows deleted here, kept whole so that an edit made elsewhere meanwhile can bring them back.
CREATE TABLE sync_tombstones (
    tbl  TEXT NOT NULL,
    pk   TEXT NOT NULL,
    row  TEXT NOT NULL,
    hlcs TEXT NOT NULL,
    hlc  TEXT NOT NULL,
    PRIMARY KEY (tbl, pk)
) WITHOUT ROWID;

-- Values that lost a conflict while applying, for the director to review. The id
-- is derived from (table, row, column, losing clock): every PC finds the same loser.
CREATE TABLE sync_conflicts (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('field', 'delete', 'unique')),
    tbl         TEXT NOT NULL,
    pk          TEXT NOT NULL,
    col         TEXT NOT NULL,
    lost_value  TEXT NOT NULL,
    lost_hlc    TEXT NOT NULL,
    won_value   TEXT NOT NULL,
    won_hlc     TEXT NOT NULL,
    detected_at TEXT NOT NULL
);
CREATE INDEX sync_conflicts_detected ON sync_conflicts (detected_at);

-- Synced: the key slots (one row per user, plus the recovery slot), so that
-- accounts and password changes reach every PC. The database-key envelope stays
-- per PC (a rekey changes one PC's file only).
CREATE TABLE sync_keyring (
    id         TEXT PRIMARY KEY NOT NULL,
    slot       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);

-- Synced: the director's decision on a conflict (kept the winner, or restored the loser).
CREATE TABLE sync_conflict_reviews (
    id          TEXT PRIMARY KEY NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('kept', 'restored')),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
