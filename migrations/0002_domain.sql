-- 0002: the center's work (DOMAIN.md). Keys are UUIDv7 text; dates are 'YYYY-MM-DD';
-- times RFC 3339 UTC; FTE in thousandths (fte_milli, 1000 = 1.0); money in yen;
-- weekly hours in minutes. Every changing row carries updated_at / updated_by.

-- ── Staff and FTE (常勤換算) ───────────────────────────────────────────────
CREATE TABLE staff (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    kana        TEXT NOT NULL DEFAULT '',
    user_id     TEXT REFERENCES users (id),
    joined_on   TEXT,
    left_on     TEXT,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE UNIQUE INDEX staff_user ON staff (user_id) WHERE user_id IS NOT NULL;

-- A person's allocations never sum over 1000 on any day (checked in staff::fte).
CREATE TABLE fte_allocations (
    id              TEXT PRIMARY KEY NOT NULL,
    staff_id        TEXT NOT NULL REFERENCES staff (id),
    role            TEXT NOT NULL CHECK (role IN ('director', 'employment_coordinator',
                        'life_coordinator', 'outreach_coordinator', 'other')),
    fte_milli       INTEGER NOT NULL CHECK (fte_milli > 0 AND fte_milli <= 1000),
    from_on         TEXT NOT NULL,
    to_on           TEXT,                       -- inclusive; NULL: open-ended
    concurrent_post TEXT NOT NULL DEFAULT '',   -- 兼務, e.g. 就労支援コーディネーター兼務
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE INDEX fte_allocations_staff ON fte_allocations (staff_id, from_on);

-- ── Partners (関係機関) and employers (企業・事業所) ──────────────────────────
CREATE TABLE partners (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('city_office', 'welfare_provider',
                        'community_life_support', 'chamber_of_commerce', 'advocacy', 'job_centre',
                        'vocational_centre', 'employer', 'school', 'health_centre', 'hospital',
                        'support_centre', 'training_school', 'other')),
    service_type    TEXT NOT NULL DEFAULT '',   -- e.g. 就労移行支援, 就労定着支援
    contact_person  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    liaison_member  INTEGER NOT NULL DEFAULT 0 CHECK (liaison_member IN (0, 1)),
    notes           TEXT NOT NULL DEFAULT '',
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);
CREATE INDEX partners_category ON partners (category, name);

CREATE TABLE employers (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    industry        TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    contact_person  TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);
CREATE INDEX employers_name ON employers (name);

-- ── Clients (相談者・利用登録者) ───────────────────────────────────────────────
-- status is derived: 'inquiry' without registrations, 'registered' with an open
-- one, 'closed' otherwise. phase 'employed' is derived from an ongoing employment.
CREATE TABLE clients (
    id                  TEXT PRIMARY KEY NOT NULL,
    name                TEXT NOT NULL,
    kana                TEXT NOT NULL,
    search_key          TEXT NOT NULL,          -- normalised name + kana (text::kana)
    birth_date          TEXT,
    gender              TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    first_contact_on    TEXT NOT NULL,
    phase               TEXT CHECK (phase IN ('preparing', 'seeking', 'on_leave', 'separated')),
    main_staff_id       TEXT REFERENCES staff (id),
    certificate_kind    TEXT NOT NULL DEFAULT 'none' CHECK (certificate_kind IN ('none',
                            'physical', 'intellectual', 'mental')),
    certificate_grade   TEXT NOT NULL DEFAULT '',
    emergency_name      TEXT NOT NULL DEFAULT '',
    emergency_relation  TEXT NOT NULL DEFAULT '',
    emergency_phone     TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL,
    updated_by          TEXT
);
CREATE INDEX clients_kana ON clients (kana);
CREATE INDEX clients_duplicate ON clients (kana, birth_date);
CREATE INDEX clients_main_staff ON clients (main_staff_id);
CREATE INDEX clients_first_contact ON clients (first_contact_on);

-- A client may be registered, closed and registered again: one row per period.
CREATE TABLE client_registrations (
    id              TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL REFERENCES clients (id),
    registered_on   TEXT NOT NULL,
    closed_on       TEXT,
    close_reason    TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    CHECK (closed_on IS NULL OR closed_on >= registered_on)
);
CREATE INDEX client_registrations_client ON client_registrations (client_id, registered_on);
CREATE INDEX client_registrations_registered ON client_registrations (registered_on);
CREATE INDEX client_registrations_closed ON client_registrations (closed_on);

CREATE TABLE client_disabilities (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    category    TEXT NOT NULL CHECK (category IN ('physical', 'intellectual', 'mental',
                    'developmental', 'brain_injury', 'intractable', 'other')),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (client_id, category)
);
CREATE INDEX client_disabilities_category ON client_disabilities (category);

CREATE TABLE client_sub_staff (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    staff_id    TEXT NOT NULL REFERENCES staff (id),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (client_id, staff_id)
);
CREATE INDEX client_sub_staff_staff ON client_sub_staff (staff_id);

CREATE TABLE client_partners (
    id              TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL REFERENCES clients (id),
    partner_id      TEXT NOT NULL REFERENCES partners (id),
    contact_person  TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    UNIQUE (client_id, partner_id)
);

CREATE TABLE consents (
    id              TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL REFERENCES clients (id),
    partner_id      TEXT NOT NULL REFERENCES partners (id),
    given_on        TEXT NOT NULL,
    scope           TEXT NOT NULL DEFAULT '',
    withdrawn_on    TEXT,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX consents_client ON consents (client_id);

CREATE TABLE flag_kinds (
    id          TEXT PRIMARY KEY NOT NULL,
    label       TEXT NOT NULL UNIQUE,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);

CREATE TABLE client_flags (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    kind_id     TEXT NOT NULL REFERENCES flag_kinds (id),
    reason      TEXT NOT NULL DEFAULT '',
    set_on      TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    cleared_on  TEXT,
    cleared_by  TEXT,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE INDEX client_flags_client ON client_flags (client_id, cleared_on);

-- Scanned forms and assessments, encrypted with the rest of the file.
CREATE TABLE attachments (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    title       TEXT NOT NULL,
    media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    byte_size   INTEGER NOT NULL CHECK (byte_size > 0 AND byte_size <= 20971520),
    content     BLOB NOT NULL,
    added_on    TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE INDEX attachments_client ON attachments (client_id);

-- ── Consultations (相談) and support records (支援記録): append-only ─────────
CREATE TABLE consultations (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    held_on     TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'email', 'outreach')),
    topic       TEXT NOT NULL CHECK (topic IN ('work', 'life', 'employer')),
    staff_id    TEXT REFERENCES staff (id),
    minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
    body        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE INDEX consultations_client ON consultations (client_id, held_on);
CREATE INDEX consultations_held ON consultations (held_on, channel);

-- life_topics is a bit set: 1 rhythm, 2 money, 4 housing, 8 leisure, 16 procedures, 32 health.
CREATE TABLE support_records (
    id          TEXT PRIMARY KEY NOT NULL,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    done_on     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('interview', 'phone', 'workplace_visit', 'accompany',
                    'case_conference', 'employer_support', 'partner_liaison', 'other')),
    purpose     TEXT CHECK (purpose IN ('job_centre', 'interview', 'trial_work', 'tour', 'hospital')),
    minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
    life_topics INTEGER NOT NULL DEFAULT 0 CHECK (life_topics BETWEEN 0 AND 63),
    body        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    CHECK ((kind = 'accompany') = (purpose IS NOT NULL))
);
CREATE INDEX support_records_client ON support_records (client_id, done_on);
CREATE INDEX support_records_done ON support_records (done_on, kind);

CREATE TABLE support_record_staff (
    id          TEXT PRIMARY KEY NOT NULL,
    record_id   TEXT NOT NULL REFERENCES support_records (id),
    staff_id    TEXT NOT NULL REFERENCES staff (id),
    UNIQUE (record_id, staff_id)
);
CREATE INDEX support_record_staff_staff ON support_record_staff (staff_id);

-- Support given to an employer, about a client or in general (企業支援).
CREATE TABLE employer_support_records (
    id          TEXT PRIMARY KEY NOT NULL,
    employer_id TEXT NOT NULL REFERENCES employers (id),
    client_id   TEXT REFERENCES clients (id),
    done_on     TEXT NOT NULL,
    staff_id    TEXT REFERENCES staff (id),
    minutes     INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 0 AND 1440),
    body        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE INDEX employer_support_records_employer ON employer_support_records (employer_id, done_on);

-- ── Employer development (地域開拓) ───────────────────────────────────────────
CREATE TABLE prospects (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    employer_id TEXT REFERENCES employers (id),
    industry    TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    stage       TEXT NOT NULL CHECK (stage IN ('not_contacted', 'contacted', 'visited',
                    'job_offer', 'hired')),
    staff_id    TEXT REFERENCES staff (id),
    notes       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE INDEX prospects_stage ON prospects (stage);

CREATE TABLE prospect_contacts (
    id              TEXT PRIMARY KEY NOT NULL,
    prospect_id     TEXT NOT NULL REFERENCES prospects (id),
    contacted_on    TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'email', 'letter', 'other')),
    stage_after     TEXT NOT NULL CHECK (stage_after IN ('not_contacted', 'contacted', 'visited',
                        'job_offer', 'hired')),
    staff_id        TEXT REFERENCES staff (id),
    note            TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);
CREATE INDEX prospect_contacts_on ON prospect_contacts (contacted_on);
CREATE INDEX prospect_contacts_prospect ON prospect_contacts (prospect_id, contacted_on);

-- ── Employments (就労) and hand-overs (支援引継ぎ) ─────────────────────────────
CREATE TABLE employments (
    id                      TEXT PRIMARY KEY NOT NULL,
    client_id               TEXT NOT NULL REFERENCES clients (id),
    employer_id             TEXT NOT NULL REFERENCES employers (id),
    started_on              TEXT NOT NULL,
    job_title               TEXT NOT NULL DEFAULT '',
    contract_type           TEXT NOT NULL CHECK (contract_type IN ('permanent', 'fixed_term',
                                'part_time', 'dispatched', 'other')),
    weekly_minutes          INTEGER NOT NULL CHECK (weekly_minutes BETWEEN 0 AND 6000),
    route                   TEXT NOT NULL CHECK (route IN ('job_centre', 'special_school',
                                'training_school', 'transition_service', 'direct', 'other')),
    disability_employment   INTEGER NOT NULL DEFAULT 1 CHECK (disability_employment IN (0, 1)),
    ended_on                TEXT,
    end_reason              TEXT CHECK (end_reason IN ('personal', 'health', 'workplace',
                                'contract_end', 'dismissal', 'job_change', 'other')),
    end_note                TEXT NOT NULL DEFAULT '',
    updated_at              TEXT NOT NULL,
    updated_by              TEXT,
    CHECK (ended_on IS NULL OR ended_on >= started_on),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
CREATE INDEX employments_client ON employments (client_id, started_on);
CREATE INDEX employments_started ON employments (started_on);
CREATE INDEX employments_ended ON employments (ended_on);
CREATE INDEX employments_employer ON employments (employer_id);

-- From a 就労定着支援事業所; its support ends 3 years 6 months after the start
-- (ends_on is computed by employment::handover from the employment's start).
CREATE TABLE handovers (
    id              TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL REFERENCES clients (id),
    employment_id   TEXT NOT NULL REFERENCES employments (id),
    provider_id     TEXT NOT NULL REFERENCES partners (id),
    requested_on    TEXT NOT NULL,
    ends_on         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('expected', 'arrived', 'checked')),
    checked_on      TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);
CREATE INDEX handovers_ends ON handovers (status, ends_on);

-- ── Retention follow-ups (定着フォロー) ───────────────────────────────────────
CREATE TABLE follow_ups (
    id              TEXT PRIMARY KEY NOT NULL,
    employment_id   TEXT NOT NULL REFERENCES employments (id),
    client_id       TEXT NOT NULL REFERENCES clients (id),
    kind            TEXT NOT NULL CHECK (kind IN ('scheduled', 'post_separation')),
    due_on          TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'center_meeting',
                        'employer_contact')),
    staff_id        TEXT REFERENCES staff (id),
    status          TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    done_on         TEXT,
    outcome         TEXT NOT NULL DEFAULT '',
    issues          TEXT NOT NULL DEFAULT '',
    risk            TEXT CHECK (risk IN ('low', 'medium', 'high')),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    CHECK ((status = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX follow_ups_open ON follow_ups (status, due_on);
CREATE INDEX follow_ups_staff ON follow_ups (staff_id, status, due_on);
CREATE INDEX follow_ups_employment ON follow_ups (employment_id, status);
CREATE INDEX follow_ups_done ON follow_ups (done_on);

-- ── Meetings and events ──────────────────────────────────────────────────────
CREATE TABLE meetings (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('liaison', 'meetup', 'drill', 'staff_meeting',
                    'case_conference')),
    held_on     TEXT NOT NULL,
    title       TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    programme   TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);
CREATE INDEX meetings_held ON meetings (kind, held_on);

CREATE TABLE meeting_organizations (
    id          TEXT PRIMARY KEY NOT NULL,
    meeting_id  TEXT NOT NULL REFERENCES meetings (id),
    partner_id  TEXT NOT NULL REFERENCES partners (id),
    attendees   INTEGER NOT NULL DEFAULT 1 CHECK (attendees >= 0),
    UNIQUE (meeting_id, partner_id)
);

CREATE TABLE meeting_clients (
    id          TEXT PRIMARY KEY NOT NULL,
    meeting_id  TEXT NOT NULL REFERENCES meetings (id),
    client_id   TEXT NOT NULL REFERENCES clients (id),
    UNIQUE (meeting_id, client_id)
);

CREATE TABLE meeting_staff (
    id          TEXT PRIMARY KEY NOT NULL,
    meeting_id  TEXT NOT NULL REFERENCES meetings (id),
    staff_id    TEXT NOT NULL REFERENCES staff (id),
    UNIQUE (meeting_id, staff_id)
);

CREATE TABLE trainings (
    id                  TEXT PRIMARY KEY NOT NULL,
    staff_id            TEXT NOT NULL REFERENCES staff (id),
    title               TEXT NOT NULL,
    held_on             TEXT NOT NULL,
    online              INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    report_meeting_id   TEXT REFERENCES meetings (id),  -- the staff meeting it is reported at
    updated_at          TEXT NOT NULL,
    updated_by          TEXT
);
CREATE INDEX trainings_held ON trainings (held_on);

-- ── Drop-in space, commissioned projects, newsletter ─────────────────────────
CREATE TABLE dropin_days (
    id          TEXT PRIMARY KEY NOT NULL,
    day         TEXT NOT NULL UNIQUE,
    visitors    INTEGER NOT NULL CHECK (visitors BETWEEN 0 AND 1000),
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);

CREATE TABLE commissions (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    commissioner TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);

CREATE TABLE commission_metrics (
    id              TEXT PRIMARY KEY NOT NULL,
    commission_id   TEXT NOT NULL REFERENCES commissions (id),
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL,             -- 人, 日, 円, 部, 回, …
    sort            INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT,
    UNIQUE (commission_id, name)
);

CREATE TABLE commission_results (
    id          TEXT PRIMARY KEY NOT NULL,
    metric_id   TEXT NOT NULL REFERENCES commission_metrics (id),
    month       TEXT NOT NULL,                 -- 'YYYY-MM'
    value       INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (metric_id, month)
);

CREATE TABLE newsletters (
    id              TEXT PRIMARY KEY NOT NULL,
    number          INTEGER NOT NULL UNIQUE CHECK (number > 0),
    issued_on       TEXT NOT NULL,
    copies          INTEGER NOT NULL CHECK (copies >= 0),
    distribution    TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
);

-- ── The annual plan (事業計画) and its budget (月次試算) ──────────────────────
CREATE TABLE plans (
    id                      TEXT PRIMARY KEY NOT NULL,
    fiscal_year             INTEGER NOT NULL UNIQUE,
    target_new_inquiries    INTEGER NOT NULL DEFAULT 0,
    target_new_registrations INTEGER NOT NULL DEFAULT 0,
    target_new_employed     INTEGER NOT NULL DEFAULT 0,
    target_registered_end   INTEGER NOT NULL DEFAULT 0,
    target_continuing_end   INTEGER NOT NULL DEFAULT 0,
    stated_staff_count      INTEGER,            -- as the plan's text states it
    stated_total_fte_milli  INTEGER,
    staffing_as_of          TEXT,               -- the date the staffing lines describe
    figures_as_of           TEXT,               -- the date of the registered/employed counts
    stated_registered       INTEGER,
    stated_continuing       INTEGER,
    hours_weekday           TEXT NOT NULL DEFAULT '10:00～19:00',
    hours_saturday          TEXT NOT NULL DEFAULT '12:00～17:00',
    hours_dropin            TEXT NOT NULL DEFAULT '17:00～19:00',
    updated_at              TEXT NOT NULL,
    updated_by              TEXT
);

CREATE TABLE plan_sections (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    key         TEXT NOT NULL,                  -- introduction, outline, philosophy, …
    sort        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (plan_id, key)
);

CREATE TABLE plan_staffing (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    role        TEXT NOT NULL CHECK (role IN ('director', 'employment_coordinator',
                    'life_coordinator', 'outreach_coordinator', 'other')),
    head_count  INTEGER NOT NULL CHECK (head_count >= 0),
    fte_milli   INTEGER NOT NULL CHECK (fte_milli >= 0),
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (plan_id, role)
);

CREATE TABLE plan_meetings (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    kind        TEXT NOT NULL CHECK (kind IN ('liaison', 'meetup', 'drill', 'staff_meeting')),
    month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    topic       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);

CREATE TABLE disaster_duties (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    duty        TEXT NOT NULL CHECK (duty IN ('command', 'liaison', 'rescue')),
    assigned_to TEXT NOT NULL,                  -- a role or post, as the plan writes it
    updated_at  TEXT NOT NULL,
    updated_by  TEXT
);

CREATE TABLE budget_lines (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL DEFAULT 0,
    budget_yen  INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (plan_id, name)
);

CREATE TABLE budget_actuals (
    id          TEXT PRIMARY KEY NOT NULL,
    line_id     TEXT NOT NULL REFERENCES budget_lines (id),
    month       TEXT NOT NULL,                  -- 'YYYY-MM'
    amount_yen  INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT,
    UNIQUE (line_id, month)
);
