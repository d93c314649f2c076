//! Writes the demo's clients and casework with prepared statements inside the build's one
//! transaction, row for row as the services would store them: derived fields filled in, the
//! search key normalised, `updated_at` / `updated_by` set.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Statement};

use super::activity::{
    Casework, CHANNELS, CONSULTATION_BODIES, METHODS, NO_STAFF, OUTCOMES, PURPOSES, RECORD_BODIES,
    RECORD_KINDS, RISKS, STATUSES, TOPICS,
};
use super::names::{FAMILY_NAMES, GIVEN_NAMES};
use super::people::Person;
use super::rng::{written_at, Rng};
use super::roster::{caseworkers_on, main_staff_on};
use super::DemoProgress;
use crate::store::StoreError;
use crate::Result;

/// SQLite's result as the core's.
pub(super) fn sql<T>(result: rusqlite::Result<T>) -> Result<T> {
    result.map_err(|e| StoreError::from(e).into())
}

/// Where rows go, and how far the build has come.
pub(super) struct Sink<'a> {
    pub conn: &'a Connection,
    /// `updated_by` of every demo row: the director's account.
    pub by: String,
    pub rng: Rng,
    done: u64,
    total: u64,
    stage: &'static str,
    progress: &'a mut dyn FnMut(&DemoProgress),
}

impl<'a> Sink<'a> {
    pub fn new(
        conn: &'a Connection,
        by: String,
        rng: Rng,
        total: u64,
        progress: &'a mut dyn FnMut(&DemoProgress),
    ) -> Self {
        Sink {
            conn,
            by,
            rng,
            done: 0,
            total,
            stage: "",
            progress,
        }
    }

    pub fn prepare(&self, sql_text: &str) -> Result<Statement<'a>> {
        sql(self.conn.prepare(sql_text))
    }

    /// Starts a stage of the build (reported with the next tick).
    pub fn stage(&mut self, stage: &'static str) {
        self.stage = stage;
        self.report();
    }

    /// Counts one written row of the big tables.
    pub fn row(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(4096) {
            self.report();
        }
    }

    pub fn report(&mut self) {
        let progress = DemoProgress {
            stage: self.stage,
            done: self.done.min(self.total),
            total: self.total,
        };
        (self.progress)(&progress);
    }
}

/// A day as stored and its `updated_at`, made once per day: the casework comes in day order,
/// millions of rows, and need not format the same date millions of times.
#[derive(Default)]
struct DayTexts {
    day: Option<NaiveDate>,
    date: String,
    at: String,
}

impl DayTexts {
    fn of(&mut self, day: NaiveDate) -> (&str, &str) {
        if self.day != Some(day) {
            self.day = Some(day);
            self.date = day.format("%Y-%m-%d").to_string();
            self.at = written_at(day);
        }
        (&self.date, &self.at)
    }
}

/// The keys of everything the clients' rows refer to.
pub(super) struct Keys {
    pub staff: Vec<String>,
    pub partners: Vec<String>,
    /// Indices into `partners` of job-retention providers (就労定着支援).
    pub retention_providers: Vec<usize>,
    pub employers: Vec<String>,
    pub flag_kinds: Vec<String>,
    pub people: Vec<String>,
    pub jobs: Vec<Vec<String>>,
}

/// Clients and everything recorded about them but their casework.
pub(super) fn clients(
    sink: &mut Sink<'_>,
    keys: &Keys,
    people: &[Person],
    steps: &[Vec<(NaiveDate, u8)>],
    today: NaiveDate,
) -> Result<()> {
    sink.stage("clients");
    let mut client = sink.prepare(
        "INSERT INTO clients (id, name, kana, search_key, birth_date, gender, phone, address,
            first_contact_on, phase, main_staff_id, certificate_kind, certificate_grade,
            emergency_name, emergency_relation, emergency_phone, notes, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, '', ?17, ?18)",
    )?;
    let mut registration = sink.prepare(
        "INSERT INTO client_registrations (id, client_id, registered_on, closed_on, close_reason,
            updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut disability = sink.prepare(
        "INSERT INTO client_disabilities (id, client_id, category, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in people.iter().enumerate() {
        let id = &keys.people[i];
        let (name, kana) = (p.name(), p.kana());
        let last = p.last_day(today);
        let registered = !p.periods.is_empty();
        let main = registered
            .then(|| main_staff_on(&steps[i], last))
            .flatten()
            .map(|s| keys.staff[s as usize].as_str());
        let (phone, address, emergency) = contact_details(&mut sink.rng, p);
        let changed = p
            .periods
            .last()
            .map_or(p.first_contact, |r| r.closed.map_or(r.from, |(c, _)| c));
        sql(client.execute(params![
            id,
            name,
            kana,
            crate::clients::search_key(&name, &kana),
            p.birth,
            p.gender,
            phone,
            address,
            p.first_contact,
            p.phase_on(last),
            main,
            p.certificate.0,
            p.certificate.1,
            emergency.0,
            emergency.1,
            emergency.2,
            written_at(changed),
            sink.by,
        ]))?;
        sink.row();
        for r in &p.periods {
            let (closed, reason) = match r.closed {
                Some((c, reason)) => (Some(c), reason),
                None => (None, ""),
            };
            let rid = sink.rng.id_on(r.from);
            sql(registration.execute(params![
                rid,
                id,
                r.from,
                closed,
                reason,
                written_at(closed.unwrap_or(r.from)),
                sink.by
            ]))?;
            sink.row();
        }
        for category in &p.disabilities {
            let did = sink.rng.id_on(p.first_contact);
            sql(disability.execute(params![
                did,
                id,
                category,
                written_at(p.first_contact),
                sink.by
            ]))?;
        }
    }
    relations(sink, keys, people, steps, today)
}

/// Fictional contact details: reserved-looking numbers, a made-up town.
fn contact_details(rng: &mut Rng, p: &Person) -> (String, String, (String, &'static str, String)) {
    let phone = format!("090-0000-{:04}", rng.below(10_000));
    let address = format!(
        "見本市{}町{}丁目",
        FAMILY_NAMES[rng.below(FAMILY_NAMES.len() as u64) as usize].0,
        rng.between(1, 5)
    );
    let relation = rng.pick(&["母", "父", "姉", "兄", "配偶者"]);
    let given = GIVEN_NAMES[rng.below(GIVEN_NAMES.len() as u64) as usize].0;
    let emergency_name = format!("{} {}", FAMILY_NAMES[p.family].0, given);
    let emergency_phone = format!("080-0000-{:04}", rng.below(10_000));
    (phone, address, (emergency_name, relation, emergency_phone))
}

/// Sub staff, partners involved, consents and flags.
fn relations(
    sink: &mut Sink<'_>,
    keys: &Keys,
    people: &[Person],
    steps: &[Vec<(NaiveDate, u8)>],
    today: NaiveDate,
) -> Result<()> {
    let mut sub = sink.prepare(
        "INSERT INTO client_sub_staff (id, client_id, staff_id, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut partner = sink.prepare(
        "INSERT INTO client_partners (id, client_id, partner_id, contact_person, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut consent = sink.prepare(
        "INSERT INTO consents (id, client_id, partner_id, given_on, scope, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, '就労支援に必要な情報（支援経過・配慮事項）の共有', ?5, ?6)",
    )?;
    let mut flag = sink.prepare(
        "INSERT INTO client_flags (id, client_id, kind_id, reason, set_on, set_by, cleared_on,
            cleared_by, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?6)",
    )?;
    let caseworkers_today = caseworkers_on(today);
    for (i, p) in people.iter().enumerate() {
        let Some(first) = p.periods.first() else {
            continue;
        };
        let id = &keys.people[i];
        let rng = &mut sink.rng;
        if p.registered_on(today) && rng.chance(0.35) {
            let main = main_staff_on(&steps[i], today);
            let other = rng.pick(&caseworkers_today);
            if Some(other) != main {
                let sid = rng.id_on(today);
                sql(sub.execute(params![
                    sid,
                    id,
                    keys.staff[other as usize],
                    written_at(today),
                    sink.by
                ]))?;
            }
        }
        if rng.chance(0.3) {
            let which = rng.below(keys.partners.len() as u64) as usize;
            let contact = format!(
                "{} {}",
                FAMILY_NAMES[rng.below(FAMILY_NAMES.len() as u64) as usize].0,
                GIVEN_NAMES[rng.below(GIVEN_NAMES.len() as u64) as usize].0
            );
            let (pid, cid) = (rng.id_on(first.from), rng.id_on(first.from));
            let at = written_at(first.from);
            sql(partner.execute(params![pid, id, keys.partners[which], contact, at, sink.by]))?;
            sql(consent.execute(params![
                cid,
                id,
                keys.partners[which],
                first.from,
                at,
                sink.by
            ]))?;
        }
        if p.registered_on(today) && rng.chance(0.015) {
            let kind = rng.below(keys.flag_kinds.len() as u64) as usize;
            let set_on = rng.day_between(first.from, today);
            let cleared = rng.chance(0.2).then(|| rng.day_between(set_on, today));
            let fid = rng.id_on(set_on);
            sql(flag.execute(params![
                fid,
                id,
                keys.flag_kinds[kind],
                "支援時の配慮事項を職員間で共有するため",
                set_on,
                sink.by,
                cleared,
                cleared.map(|_| sink.by.as_str()),
                written_at(cleared.unwrap_or(set_on)),
            ]))?;
        }
    }
    Ok(())
}

/// Employments and hand-overs.
pub(super) fn employments(
    sink: &mut Sink<'_>,
    keys: &Keys,
    people: &[Person],
    work: &Casework,
) -> Result<()> {
    sink.stage("employments");
    let mut stmt = sink.prepare(
        "INSERT INTO employments (id, client_id, employer_id, started_on, job_title, contract_type,
            weekly_minutes, route, disability_employment, ended_on, end_reason, end_note,
            updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '', ?12, ?13)",
    )?;
    for (i, p) in people.iter().enumerate() {
        for (j, job) in p.jobs.iter().enumerate() {
            let (ended, reason) = match job.end {
                Some((e, r)) => (Some(e), Some(r)),
                None => (None, None),
            };
            sql(stmt.execute(params![
                keys.jobs[i][j],
                keys.people[i],
                keys.employers[job.employer % keys.employers.len()],
                job.start,
                job.title,
                job.contract,
                job.weekly_minutes,
                job.route,
                job.disability_employment,
                ended,
                reason,
                written_at(ended.unwrap_or(job.start)),
                sink.by,
            ]))?;
            sink.row();
        }
    }
    let mut stmt = sink.prepare(
        "INSERT INTO handovers (id, client_id, employment_id, provider_id, requested_on, ends_on,
            status, checked_on, notes, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', ?9, ?10)",
    )?;
    for h in &work.handovers {
        let provider = keys.retention_providers
            [sink.rng.below(keys.retention_providers.len() as u64) as usize];
        let id = sink.rng.id_on(h.requested_on);
        sql(stmt.execute(params![
            id,
            keys.people[h.person as usize],
            keys.jobs[h.person as usize][h.job as usize],
            keys.partners[provider],
            h.requested_on,
            h.ends_on,
            h.status,
            h.checked_on,
            written_at(h.checked_on.unwrap_or(h.requested_on)),
            sink.by,
        ]))?;
    }
    Ok(())
}

/// Follow-ups, consultations and support records, in the order they were written.
pub(super) fn casework(sink: &mut Sink<'_>, keys: &Keys, work: &Casework) -> Result<()> {
    sink.stage("follow-ups");
    let mut stmt = sink.prepare(
        "INSERT INTO follow_ups (id, employment_id, client_id, kind, due_on, method, staff_id,
            status, done_on, outcome, issues, risk, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for f in &work.follow_ups {
        let done = f.done_on.is_some();
        let id = sink.rng.id_on(f.changed.min(f.due));
        sql(stmt.execute(params![
            id,
            keys.jobs[f.person as usize][f.job as usize],
            keys.people[f.person as usize],
            if f.post_separation {
                "post_separation"
            } else {
                "scheduled"
            },
            f.due,
            METHODS[f.method as usize],
            keys.staff[f.staff as usize],
            STATUSES[f.status as usize],
            f.done_on,
            if done {
                OUTCOMES[f.outcome as usize]
            } else {
                ""
            },
            if done && f.risk > 0 {
                "勤務状況について継続して確認が必要。"
            } else {
                ""
            },
            done.then(|| RISKS[f.risk as usize]),
            written_at(f.changed),
            sink.by,
        ]))?;
        sink.row();
    }
    sink.stage("consultations");
    let mut stmt = sink.prepare(
        "INSERT INTO consultations (id, client_id, held_on, channel, topic, staff_id, minutes, body,
            updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut texts = DayTexts::default();
    for c in &work.consultations {
        let id = sink.rng.id_on(c.date);
        let (day, at) = texts.of(c.date);
        sql(stmt.execute(params![
            id,
            keys.people[c.person as usize],
            day,
            CHANNELS[c.channel as usize],
            TOPICS[c.topic as usize],
            keys.staff[c.staff as usize],
            c.minutes,
            CONSULTATION_BODIES[c.body as usize],
            at,
            sink.by,
        ]))?;
        sink.row();
    }
    sink.stage("support records");
    let mut record = sink.prepare(
        "INSERT INTO support_records (id, client_id, done_on, kind, purpose, minutes, life_topics,
            body, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut record_staff = sink.prepare(
        "INSERT INTO support_record_staff (id, record_id, staff_id) VALUES (?1, ?2, ?3)",
    )?;
    for r in &work.records {
        let id = sink.rng.id_on(r.date);
        let (day, at) = texts.of(r.date);
        let kind = RECORD_KINDS[r.kind as usize];
        let purpose = (kind == "accompany").then(|| PURPOSES[r.purpose as usize]);
        sql(record.execute(params![
            id,
            keys.people[r.person as usize],
            day,
            kind,
            purpose,
            r.minutes,
            r.life_topics,
            RECORD_BODIES[r.kind as usize][r.body as usize],
            at,
            sink.by,
        ]))?;
        for staff in [r.staff, r.second_staff] {
            if staff != NO_STAFF {
                let sid = sink.rng.id_on(r.date);
                sql(record_staff.execute(params![sid, id, keys.staff[staff as usize]]))?;
            }
        }
        sink.row();
    }
    Ok(())
}
