-- 0004 (staffplan): how often the plan holds each kind of meeting. The plan states counts
-- without months for some kinds (就労者交流会 年7回, 防災訓練 年2回), so plan_meetings (one row
-- per planned month) cannot say them; plan::check compares the two where both exist.
CREATE TABLE plan_meeting_counts (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    kind        TEXT NOT NULL CHECK (kind IN ('liaison', 'meetup', 'drill', 'staff_meeting')),
    per_year    INTEGER NOT NULL CHECK (per_year BETWEEN 0 AND 366),
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (plan_id, kind)
);
