//! The day-to-day casework of the demo, drawn from each client's story: consultations, support
//! records, retention follow-ups on the default schedule, and hand-overs from job-retention
//! providers. Kept compact in memory (millions of rows at scale 10) and sorted by day, so that
//! rows are written in the order they would have been.

use chrono::NaiveDate;

use super::people::Person;
use super::rng::{minus_days, plus_days, Rng};
use super::roster::{caseworkers_on, main_staff_on};
use crate::calendar::{add_months, add_years_months, next_open_day_on_or_after};

/// Marks "no second staff member" in [`Record::second_staff`].
pub(super) const NO_STAFF: u8 = u8::MAX;

pub(super) const RECORD_KINDS: &[&str] = &[
    "interview",
    "phone",
    "workplace_visit",
    "accompany",
    "case_conference",
    "employer_support",
    "partner_liaison",
    "other",
];
const INTERVIEW: u8 = 0;
const PHONE: u8 = 1;
const WORKPLACE_VISIT: u8 = 2;
const ACCOMPANY: u8 = 3;
const EMPLOYER_SUPPORT: u8 = 5;

pub(super) const PURPOSES: &[&str] = &["job_centre", "interview", "trial_work", "tour", "hospital"];

/// Record bodies by kind (staff's short notes; never about a real person).
pub(super) const RECORD_BODIES: &[&[&str]] = &[
    &[
        "来所面談。近況と体調を確認し、今後の支援方針を共有した。",
        "面談にて生活リズムについて振り返りを行った。",
        "求職活動の状況を確認し、応募先について相談した。",
    ],
    &[
        "電話で近況を確認。大きな変化なし。",
        "電話相談。職場での困りごとについて助言した。",
        "電話にて通院状況を確認した。",
    ],
    &[
        "職場を訪問し、作業の様子を確認。上司と面談した。",
        "職場訪問。本人・担当者と三者面談を行った。",
    ],
    &[
        "ハローワークへ同行し、求人検索と相談を行った。",
        "面接に同行した。",
        "実習に同行し、作業内容を確認した。",
        "事業所見学に同行した。",
        "通院に同行し、主治医から就労について意見を聴いた。",
    ],
    &["関係機関とケース会議を実施し、支援方針を確認した。"],
    &["企業担当者と面談し、配慮事項について助言した。"],
    &["関係機関と情報共有を行った。"],
    &["書類作成の支援を行った。"],
];

pub(super) const CHANNELS: &[&str] = &["visit", "phone", "email", "outreach"];
pub(super) const TOPICS: &[&str] = &["work", "life", "employer"];
pub(super) const CONSULTATION_BODIES: &[&str] = &[
    "初回相談。就労の希望と現在の生活状況を聴き取った。",
    "就労に関する相談。",
    "生活全般に関する相談。",
    "職場での人間関係について相談があった。",
    "企業から雇用管理について相談があった。",
];

pub(super) const METHODS: &[&str] = &["visit", "phone", "center_meeting", "employer_contact"];
pub(super) const STATUSES: &[&str] = &["open", "done", "cancelled"];
const OPEN: u8 = 0;
const DONE: u8 = 1;
const CANCELLED: u8 = 2;
pub(super) const RISKS: &[&str] = &["low", "medium", "high"];
pub(super) const OUTCOMES: &[&str] = &[
    "勤務状況は安定している。",
    "業務に慣れてきている。引き続き見守る。",
    "体調に波があり、勤務時間の調整を企業と相談した。",
    "職場の担当者と面談し、配慮事項を再確認した。",
];

/// A support record (支援記録).
#[derive(Clone, Copy, Debug)]
pub(super) struct Record {
    pub date: NaiveDate,
    pub person: u32,
    pub kind: u8,
    pub purpose: u8,
    pub minutes: u16,
    pub life_topics: u8,
    pub staff: u8,
    pub second_staff: u8,
    pub body: u8,
}

/// A consultation (相談).
#[derive(Clone, Copy, Debug)]
pub(super) struct Consultation {
    pub date: NaiveDate,
    pub person: u32,
    pub channel: u8,
    pub topic: u8,
    pub staff: u8,
    pub minutes: u16,
    pub body: u8,
}

/// A retention follow-up (定着フォロー).
#[derive(Clone, Copy, Debug)]
pub(super) struct FollowUp {
    pub person: u32,
    pub job: u16,
    pub post_separation: bool,
    pub due: NaiveDate,
    pub method: u8,
    pub staff: u8,
    pub status: u8,
    pub done_on: Option<NaiveDate>,
    /// When the row last changed (done, cancelled, or scheduled).
    pub changed: NaiveDate,
    pub outcome: u8,
    pub risk: u8,
}

/// A hand-over from a job-retention provider (支援引継ぎ).
#[derive(Clone, Copy, Debug)]
pub(super) struct Handover {
    pub person: u32,
    pub job: u16,
    pub requested_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: &'static str,
    pub checked_on: Option<NaiveDate>,
}

/// Everything drawn for the clients' casework.
#[derive(Default)]
pub(super) struct Casework {
    pub records: Vec<Record>,
    pub consultations: Vec<Consultation>,
    pub follow_ups: Vec<FollowUp>,
    pub handovers: Vec<Handover>,
}

/// Support records per client-month by situation; calibrated so that scale 1 gives ~200,000
/// records over the history.
const RATE_SEEKING: f64 = 3.0;
const RATE_NEW_JOB: f64 = 4.7;
const RATE_STABLE: f64 = 1.5;

/// The casework of every client from their story, up to `today`.
pub(super) fn draw(
    people: &[Person],
    steps: &[Vec<(NaiveDate, u8)>],
    today: NaiveDate,
    rng: &mut Rng,
) -> Casework {
    let mut work = Casework::default();
    let open_days = OpenDays::new(
        minus_days(people.first().map_or(today, |p| p.first_contact), 7),
        plus_days(today, 365 * 12),
    );
    let policy = crate::retention::FollowUpPolicy::default();
    for (i, p) in people.iter().enumerate() {
        let ctx = Ctx {
            person: i as u32,
            p,
            steps: &steps[i],
            today,
            open_days: &open_days,
            policy: &policy,
        };
        consultations(&ctx, rng, &mut work.consultations);
        records(&ctx, rng, &mut work.records);
        follow_ups(&ctx, rng, &mut work);
        handovers(&ctx, rng, &mut work.handovers);
    }
    work.records.sort_by_key(|r| (r.date, r.person));
    work.consultations.sort_by_key(|c| (c.date, c.person));
    work.follow_ups.sort_by_key(|f| (f.due, f.person));
    work
}

struct Ctx<'a> {
    person: u32,
    p: &'a Person,
    steps: &'a [(NaiveDate, u8)],
    today: NaiveDate,
    open_days: &'a OpenDays,
    policy: &'a crate::retention::FollowUpPolicy,
}

impl Ctx<'_> {
    /// Who does the work for this client on `day`: mostly the main staff member.
    fn staff_on(&self, day: NaiveDate, rng: &mut Rng) -> u8 {
        let main = main_staff_on(self.steps, day);
        match main {
            Some(s) if rng.chance(0.8) => s,
            _ => {
                let pool = caseworkers_on(day);
                if pool.is_empty() {
                    main.unwrap_or(0)
                } else {
                    rng.pick(&pool)
                }
            }
        }
    }

    /// The last day anyone was in touch with this client.
    fn last_contact_day(&self, until: NaiveDate) -> NaiveDate {
        match self.p.quiet_from {
            Some(q) => until.min(minus_days(q, 1)),
            None => until,
        }
    }
}

/// A day in `from..=to` on which the center is open, if there is one.
fn open_day_between(
    ctx: &Ctx<'_>,
    rng: &mut Rng,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<NaiveDate> {
    let day = ctx.open_days.next_on_or_after(rng.day_between(from, to));
    (day <= to).then_some(day)
}

fn consultations(ctx: &Ctx<'_>, rng: &mut Rng, out: &mut Vec<Consultation>) {
    let p = ctx.p;
    let first_staff = ctx.staff_on(p.first_contact, rng);
    out.push(Consultation {
        date: p.first_contact,
        person: ctx.person,
        channel: rng.weighted(&[(0, 60), (1, 40)]),
        topic: rng.weighted(&[(0, 75), (1, 25)]),
        staff: first_staff,
        minutes: 60,
        body: 0,
    });
    // Before registering (or for an inquirer who never does), a few more.
    let until = p
        .periods
        .first()
        .map_or(plus_days(p.first_contact, 90), |r| minus_days(r.from, 1))
        .min(ctx.last_contact_day(ctx.today));
    for _ in 0..rng.between(0, 2) {
        if let Some(day) = open_day_between(ctx, rng, plus_days(p.first_contact, 1), until) {
            out.push(consultation(ctx, rng, day, false));
        }
    }
    for period in &p.periods {
        let end = ctx.last_contact_day(period.closed.map_or(ctx.today, |(c, _)| c));
        let mut month = period.from;
        while month <= end {
            let month_end = plus_days(month, 29).min(end);
            for _ in 0..rng.poisson(0.3) {
                if let Some(day) = open_day_between(ctx, rng, month, month_end) {
                    let employed = p.employed_on(day);
                    out.push(consultation(ctx, rng, day, employed));
                }
            }
            month = plus_days(month_end, 1);
        }
    }
}

fn consultation(ctx: &Ctx<'_>, rng: &mut Rng, day: NaiveDate, employed: bool) -> Consultation {
    let topic = if employed && rng.chance(0.1) {
        2
    } else {
        rng.weighted(&[(0, 60), (1, 40)])
    };
    Consultation {
        date: day,
        person: ctx.person,
        channel: rng.weighted(&[(0, 45), (1, 45), (2, 7), (3, 3)]),
        topic,
        staff: ctx.staff_on(day, rng),
        minutes: 15 + 15 * rng.below(6) as u16,
        body: match topic {
            2 => 4,
            1 => 2,
            _ => rng.pick(&[1, 3]),
        },
    }
}

#[derive(Clone, Copy)]
enum Situation {
    Seeking,
    NewJob,
    Stable,
}

fn situation(p: &Person, day: NaiveDate) -> Situation {
    let half_year_ago = minus_days(day, 183);
    if p.jobs
        .iter()
        .any(|j| j.ongoing_on(day) && j.start > half_year_ago)
    {
        Situation::NewJob
    } else if p.employed_on(day) {
        Situation::Stable
    } else {
        Situation::Seeking
    }
}

fn records(ctx: &Ctx<'_>, rng: &mut Rng, out: &mut Vec<Record>) {
    let p = ctx.p;
    for period in &p.periods {
        let end = ctx.last_contact_day(period.closed.map_or(ctx.today, |(c, _)| c));
        let mut month = period.from;
        while month <= end {
            let month_end = plus_days(month, 29).min(end);
            let now = situation(p, plus_days(month, 15).min(month_end));
            let rate = match now {
                Situation::Seeking => RATE_SEEKING,
                Situation::NewJob => RATE_NEW_JOB,
                Situation::Stable => RATE_STABLE,
            };
            for _ in 0..rng.poisson(rate) {
                if let Some(day) = open_day_between(ctx, rng, month, month_end) {
                    out.push(record(ctx, rng, day, now));
                }
            }
            month = plus_days(month_end, 1);
        }
    }
}

fn record(ctx: &Ctx<'_>, rng: &mut Rng, day: NaiveDate, now: Situation) -> Record {
    let kind: u8 = match now {
        Situation::Seeking => rng.weighted(&[(0, 35), (1, 30), (3, 15), (4, 5), (6, 10), (7, 5)]),
        Situation::NewJob => {
            rng.weighted(&[(2, 30), (1, 30), (0, 20), (5, 10), (4, 3), (6, 5), (7, 2)])
        }
        Situation::Stable => rng.weighted(&[(1, 45), (0, 25), (2, 15), (5, 7), (6, 5), (7, 3)]),
    };
    let purpose = if kind == ACCOMPANY {
        rng.weighted(&[(0, 40), (1, 20), (2, 15), (3, 15), (4, 10)])
    } else {
        0
    };
    let body = if kind == ACCOMPANY {
        purpose
    } else {
        rng.below(RECORD_BODIES[kind as usize].len() as u64) as u8
    };
    let staff = ctx.staff_on(day, rng);
    let second_staff = if rng.chance(0.1) {
        let pool = caseworkers_on(day);
        let other = rng.pick(&pool);
        if other == staff {
            NO_STAFF
        } else {
            other
        }
    } else {
        NO_STAFF
    };
    Record {
        date: day,
        person: ctx.person,
        kind,
        purpose,
        minutes: match kind {
            PHONE => 10 + 5 * rng.below(5) as u16,
            ACCOMPANY | WORKPLACE_VISIT => 60 + 30 * rng.below(5) as u16,
            _ => 30 + 15 * rng.below(4) as u16,
        },
        life_topics: if rng.chance(0.3) {
            1 << rng.below(6)
        } else {
            0
        },
        staff,
        second_staff,
        body,
    }
}

fn follow_ups(ctx: &Ctx<'_>, rng: &mut Rng, work: &mut Casework) {
    let p = ctx.p;
    for (j, job) in p.jobs.iter().enumerate() {
        let Some(period) = p
            .periods
            .iter()
            .find(|r| r.from <= job.start && r.closed.is_none_or(|(c, _)| c >= job.start))
        else {
            continue;
        };
        // A separation or the end of the registration cancels what is still open.
        let stop = match (job.end, period.closed) {
            (Some((e, _)), Some((c, _))) => Some(e.min(c)),
            (Some((e, _)), None) => Some(e),
            (None, Some((c, _))) => Some(c),
            (None, None) => None,
        };
        let staff = main_staff_on(ctx.steps, job.start).unwrap_or(0);
        for due in crate::retention::due_dates(ctx.policy, job.start) {
            let method = if due <= add_months(job.start, 12) {
                rng.weighted(&[(0u8, 80), (3, 20)])
            } else {
                rng.weighted(&[(1u8, 70), (0, 15), (2, 10), (3, 5)])
            };
            let mut f = FollowUp {
                person: ctx.person,
                job: j as u16,
                post_separation: false,
                due,
                method,
                staff,
                status: OPEN,
                done_on: None,
                changed: job.start,
                outcome: 0,
                risk: 0,
            };
            settle(ctx, rng, &mut f, stop, work);
            work.follow_ups.push(f);
        }
        if let Some((ended, _)) = job.end {
            if period.closed.is_none_or(|(c, _)| c > ended) {
                let due = crate::retention::post_separation_due(ended);
                let mut f = FollowUp {
                    person: ctx.person,
                    job: j as u16,
                    post_separation: true,
                    due,
                    method: rng.weighted(&[(2u8, 60), (1, 40)]),
                    staff: main_staff_on(ctx.steps, ended).unwrap_or(staff),
                    status: OPEN,
                    done_on: None,
                    changed: ended,
                    outcome: 0,
                    risk: 0,
                };
                settle(ctx, rng, &mut f, period.closed.map(|(c, _)| c), work);
                work.follow_ups.push(f);
            }
        }
    }
}

/// Decides what became of a follow-up by today: done (with its support record), cancelled by
/// `stop`, overdue, or still to come.
fn settle(
    ctx: &Ctx<'_>,
    rng: &mut Rng,
    f: &mut FollowUp,
    stop: Option<NaiveDate>,
    work: &mut Casework,
) {
    let today = ctx.today;
    let quiet = ctx.p.quiet_from.is_some_and(|q| f.due >= q);
    let recent = f.due > minus_days(today, 45);
    let finished = !quiet && f.due <= today && rng.chance(if recent { 0.55 } else { 0.96 });
    let done_on = ctx
        .open_days
        .next_on_or_after(plus_days(f.due, rng.below(8)));
    match stop {
        Some(s) if s <= today && (!finished || done_on > s) && f.due > minus_days(s, 30) => {
            f.status = CANCELLED;
            f.changed = s;
            return;
        }
        _ => {}
    }
    if finished && done_on <= today {
        f.status = DONE;
        f.done_on = Some(done_on);
        f.staff = main_staff_on(ctx.steps, done_on).unwrap_or(f.staff);
        f.changed = done_on;
        f.outcome = rng.below(OUTCOMES.len() as u64) as u8;
        f.risk = rng.weighted(&[(0u8, 75), (1, 20), (2, 5)]);
        let kind = match f.method {
            0 => WORKPLACE_VISIT,
            1 => PHONE,
            2 => INTERVIEW,
            _ => EMPLOYER_SUPPORT,
        };
        work.records.push(Record {
            date: done_on,
            person: ctx.person,
            kind,
            purpose: 0,
            minutes: if kind == PHONE { 15 } else { 60 },
            life_topics: 0,
            staff: f.staff,
            second_staff: NO_STAFF,
            body: 0,
        });
    } else if f.due <= minus_days(today, 45) {
        // Long past and never done: closed off at the next review.
        f.status = CANCELLED;
        f.changed = plus_days(f.due, 45);
    } else {
        // Still to do: with whoever has the client now.
        f.staff = main_staff_on(ctx.steps, today).unwrap_or(f.staff);
    }
}

fn handovers(ctx: &Ctx<'_>, rng: &mut Rng, out: &mut Vec<Handover>) {
    let today = ctx.today;
    for (j, job) in ctx.p.jobs.iter().enumerate() {
        if job.route != "transition_service" {
            continue;
        }
        let ends_on = add_years_months(job.start, 3, 6);
        let requested_on = minus_days(ends_on, rng.between(60, 150) as u64);
        let still_working = job.end.is_none_or(|(e, _)| e > requested_on);
        if requested_on > today || !still_working || !ctx.p.registered_on(requested_on) {
            continue;
        }
        let (status, checked_on) = if ends_on > today {
            ("expected", None)
        } else {
            let checked = plus_days(ends_on, rng.between(3, 30) as u64);
            if checked <= today {
                ("checked", Some(checked))
            } else {
                ("arrived", None)
            }
        };
        out.push(Handover {
            person: ctx.person,
            job: j as u16,
            requested_on,
            ends_on,
            status,
            checked_on,
        });
    }
}

/// The center's open days over the demo's span, computed once: the casework asks hundreds of
/// thousands of times, and the holiday rules are worth computing only once per day.
pub(super) struct OpenDays {
    first: NaiveDate,
    open: Vec<bool>,
}

impl OpenDays {
    pub fn new(first: NaiveDate, last: NaiveDate) -> Self {
        let open = first
            .iter_days()
            .take_while(|d| *d <= last)
            .map(crate::calendar::is_open_day)
            .collect();
        OpenDays { first, open }
    }

    /// As [`next_open_day_on_or_after`].
    pub fn next_on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let Ok(start) = usize::try_from((day - self.first).num_days()) else {
            return next_open_day_on_or_after(day);
        };
        match self
            .open
            .get(start..)
            .and_then(|rest| rest.iter().position(|o| *o))
        {
            Some(offset) => plus_days(day, offset as u64),
            None => next_open_day_on_or_after(day),
        }
    }
}
