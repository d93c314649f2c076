//! The demo's clients as life stories in memory: first consultation, registration periods,
//! jobs. Drawn at random from a seed, then adjusted so that on the reference day the figures
//! are exactly those of the seed's plan (666 registered, 452 in continuing employment), before a
//! single row is written.

use chrono::NaiveDate;

use super::names::{FAMILY_NAMES, GIVEN_NAMES};
use super::rng::{minus_days, plus_days, Rng};
use crate::calendar::{add_years_months, next_open_day_on_or_after, FiscalYear};
use crate::{CoreError, Result};

/// One registration period (利用登録): from, and when closed, the day and reason.
#[derive(Clone, Debug)]
pub(super) struct Period {
    pub from: NaiveDate,
    pub closed: Option<(NaiveDate, &'static str)>,
}

impl Period {
    fn open_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.closed.is_none_or(|(c, _)| c > day)
    }
}

/// One employment (就労).
#[derive(Clone, Debug)]
pub(super) struct Job {
    pub start: NaiveDate,
    pub end: Option<(NaiveDate, &'static str)>,
    pub employer: usize,
    pub contract: &'static str,
    pub weekly_minutes: u32,
    pub route: &'static str,
    pub disability_employment: bool,
    pub title: &'static str,
}

impl Job {
    pub fn ongoing_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|(e, _)| e > day)
    }

    fn end_or(&self, open: NaiveDate) -> NaiveDate {
        self.end.map_or(open, |(e, _)| e)
    }
}

/// A fictional client's story.
#[derive(Clone, Debug)]
pub(super) struct Person {
    pub family: usize,
    pub given: usize,
    pub birth: NaiveDate,
    pub gender: &'static str,
    pub first_contact: NaiveDate,
    pub disabilities: Vec<&'static str>,
    pub certificate: (&'static str, &'static str),
    pub periods: Vec<Period>,
    pub jobs: Vec<Job>,
    /// 休職中 today (stored phase `on_leave`).
    pub on_leave: bool,
    /// No contact from this day on: a check-in candidate.
    pub quiet_from: Option<NaiveDate>,
}

impl Person {
    pub fn name(&self) -> String {
        format!(
            "{} {}",
            FAMILY_NAMES[self.family].0, GIVEN_NAMES[self.given].0
        )
    }

    pub fn kana(&self) -> String {
        format!(
            "{} {}",
            FAMILY_NAMES[self.family].1, GIVEN_NAMES[self.given].1
        )
    }

    pub fn registered_on(&self, day: NaiveDate) -> bool {
        self.periods.iter().any(|p| p.open_on(day))
    }

    pub fn employed_on(&self, day: NaiveDate) -> bool {
        self.jobs.iter().any(|j| j.ongoing_on(day))
    }

    pub fn continuing_on(&self, day: NaiveDate) -> bool {
        self.registered_on(day) && self.employed_on(day)
    }

    /// The last day this person's story covers: today, or the closing of the last period.
    pub fn last_day(&self, today: NaiveDate) -> NaiveDate {
        match self.periods.last() {
            Some(Period {
                closed: Some((c, _)),
                ..
            }) => *c,
            _ => today,
        }
    }

    /// The stored phase (`clients.phase`) on `day`; `employed` is derived, never stored.
    pub fn phase_on(&self, day: NaiveDate) -> Option<&'static str> {
        if self.periods.is_empty() {
            return None;
        }
        if self.employed_on(day) {
            return self.on_leave.then_some("on_leave");
        }
        if self.jobs.iter().any(|j| j.start <= day) {
            return Some("separated");
        }
        let registered = self.periods[0].from;
        Some(
            if (day - registered).num_days() > 180 || self.given.is_multiple_of(3) {
                "seeking"
            } else {
                "preparing"
            },
        )
    }
}

/// The fixed parameters of a demo history.
pub(super) struct Plan {
    pub start: NaiveDate,
    pub today: NaiveDate,
    pub scale: u32,
    pub employers: usize,
}

const P_REGISTER: f64 = 0.53;
const MEAN_REGISTERED_DAYS: f64 = 20_000.0;
/// Clients out of work close their registration sooner than those in work.
const MEAN_IDLE_DAYS: f64 = 2_800.0;
const P_FIRST_JOB: f64 = 0.82;
const P_NEXT_JOB: f64 = 0.5;
const P_SHORT_JOB: f64 = 0.22;
const P_REREGISTER: f64 = 0.12;

const CLOSE_REASONS: &[(&str, u32)] = &[
    ("就労が安定したため支援終了", 35),
    ("転居のため", 20),
    ("本人の希望により終了", 20),
    ("他機関の支援へ移行", 15),
    ("長期間連絡が取れないため", 10),
];
pub(super) const END_REASONS: &[(&str, u32)] = &[
    ("personal", 30),
    ("health", 25),
    ("workplace", 15),
    ("contract_end", 15),
    ("dismissal", 3),
    ("job_change", 8),
    ("other", 4),
];
const CONTRACTS: &[(&str, u32)] = &[
    ("permanent", 15),
    ("fixed_term", 35),
    ("part_time", 40),
    ("dispatched", 3),
    ("other", 7),
];
const TITLES: &[&str] = &[
    "軽作業",
    "清掃",
    "事務補助",
    "調理補助",
    "品出し",
    "ピッキング",
    "データ入力",
    "介護補助",
    "製造補助",
    "農作業",
    "クリーニング作業",
    "印刷補助",
];
const DISABILITIES: &[(&str, u32)] = &[
    ("mental", 45),
    ("developmental", 20),
    ("intellectual", 20),
    ("physical", 8),
    ("brain_injury", 3),
    ("intractable", 2),
    ("other", 2),
];

/// Everyone who consulted the center from `plan.start` to `plan.today`, ~100 a year per scale.
pub(super) fn draw(plan: &Plan, rng: &mut Rng) -> Vec<Person> {
    let mut people = Vec::new();
    let mut fy = FiscalYear::of(plan.start);
    while fy.start() <= plan.today {
        let per_year = 100.0 * f64::from(plan.scale) * (0.9 + 0.2 * rng.unit());
        let mut firsts: Vec<NaiveDate> = (0..per_year.round() as u32)
            .map(|_| next_open_day_on_or_after(rng.day_between(fy.start(), fy.end())))
            .filter(|d| *d <= plan.today)
            .collect();
        firsts.sort();
        for first in firsts {
            people.push(person(plan, rng, first));
        }
        fy = fy.next();
    }
    people
}

fn person(plan: &Plan, rng: &mut Rng, first_contact: NaiveDate) -> Person {
    let age_days = 365 * rng.between(18, 30) as u64 + rng.exp_days(365.0 * 9.0).min(365 * 30);
    let primary = rng.weighted(DISABILITIES);
    let mut disabilities = vec![primary];
    if rng.chance(0.18) {
        let second = rng.weighted(DISABILITIES);
        if second != primary {
            disabilities.push(second);
        }
    }
    let mut p = Person {
        family: rng.below(FAMILY_NAMES.len() as u64) as usize,
        given: rng.below(GIVEN_NAMES.len() as u64) as usize,
        birth: minus_days(first_contact, age_days),
        gender: rng.weighted(&[("男性", 55), ("女性", 43), ("", 2)]),
        first_contact,
        certificate: certificate(rng, primary),
        disabilities,
        periods: Vec::new(),
        jobs: Vec::new(),
        on_leave: false,
        quiet_from: None,
    };
    if rng.chance(P_REGISTER) {
        let from = plus_days(first_contact, rng.between(7, 120) as u64);
        registered_life(plan, rng, &mut p, from);
    }
    p.on_leave = p.employed_on(plan.today) && rng.chance(0.05);
    p
}

fn certificate(rng: &mut Rng, primary: &str) -> (&'static str, &'static str) {
    match primary {
        "mental" => rng.weighted(&[
            (("mental", "2級"), 45),
            (("mental", "3級"), 40),
            (("mental", "1級"), 3),
            (("none", ""), 12),
        ]),
        "intellectual" => rng.weighted(&[
            (("intellectual", "4度"), 55),
            (("intellectual", "3度"), 35),
            (("intellectual", "2度"), 5),
            (("none", ""), 5),
        ]),
        "developmental" => rng.weighted(&[
            (("mental", "3級"), 50),
            (("intellectual", "4度"), 25),
            (("none", ""), 25),
        ]),
        "physical" => rng.weighted(&[
            (("physical", "1級"), 15),
            (("physical", "2級"), 20),
            (("physical", "3級"), 25),
            (("physical", "4級"), 25),
            (("physical", "5級"), 10),
            (("physical", "6級"), 5),
        ]),
        _ => rng.weighted(&[
            (("none", ""), 50),
            (("physical", "3級"), 25),
            (("mental", "3級"), 25),
        ]),
    }
}

/// Registration periods and jobs from `from` on, cut at today.
fn registered_life(plan: &Plan, rng: &mut Rng, p: &mut Person, mut from: NaiveDate) {
    loop {
        if from > plan.today {
            return;
        }
        let mut close = plus_days(from, rng.exp_days(MEAN_REGISTERED_DAYS).max(120));
        let jobs_before = p.jobs.len();
        jobs_between(plan, rng, p, from, close);
        let new_jobs = &p.jobs[jobs_before..];
        let idle_since = if new_jobs.iter().any(|j| j.end.is_none()) {
            None
        } else {
            Some(
                new_jobs
                    .iter()
                    .filter_map(|j| j.end)
                    .map(|(e, _)| e)
                    .fold(from, NaiveDate::max),
            )
        };
        if let Some(idle) = idle_since {
            close = close.min(plus_days(idle, 240 + rng.exp_days(MEAN_IDLE_DAYS)));
        }
        if close > plan.today {
            p.periods.push(Period { from, closed: None });
            return;
        }
        let reason = rng.weighted(CLOSE_REASONS);
        p.periods.push(Period {
            from,
            closed: Some((close, reason)),
        });
        if !rng.chance(P_REREGISTER) {
            return;
        }
        from = plus_days(close, 60 + rng.exp_days(700.0));
        if from > plan.today {
            return;
        }
        // Whatever job outlasted the closing has ended by the time the client comes back.
        for job in &mut p.jobs {
            if job.end.is_none_or(|(e, _)| e >= from) {
                let end = rng.day_between(close, minus_days(from, 1)).max(job.start);
                job.end = Some((end, rng.weighted(END_REASONS)));
            }
        }
    }
}

fn jobs_between(plan: &Plan, rng: &mut Rng, p: &mut Person, from: NaiveDate, close: NaiveDate) {
    let mut t = from;
    let mut first = true;
    loop {
        let (p_job, mean_wait) = if first {
            (P_FIRST_JOB, 240.0)
        } else {
            (P_NEXT_JOB, 200.0)
        };
        if !rng.chance(p_job) {
            return;
        }
        first = false;
        let start = next_open_day_on_or_after(plus_days(t, 30 + rng.exp_days(mean_wait)));
        if start >= close || start > plan.today {
            return;
        }
        let days = if rng.chance(P_SHORT_JOB) {
            14 + rng.exp_days(180.0)
        } else {
            90 + rng.exp_days(6_500.0)
        };
        let end = plus_days(start, days);
        p.jobs
            .push(job(rng, plan.employers, plan.today, start, end));
        if rng.chance(0.03) {
            // A second, short part-time job beside the first (two jobs at once).
            let second = plus_days(start, rng.between(20, 200) as u64);
            if second < end && second < close && second <= plan.today {
                let second_end = plus_days(second, 30 + rng.exp_days(200.0));
                let mut extra = job(rng, plan.employers, plan.today, second, second_end);
                extra.contract = "part_time";
                extra.weekly_minutes = 600;
                p.jobs.push(extra);
            }
        }
        if end >= close || end > plan.today {
            return;
        }
        t = end;
    }
}

fn job(rng: &mut Rng, employers: usize, today: NaiveDate, start: NaiveDate, end: NaiveDate) -> Job {
    let hours_band = rng.weighted(&[(0u32, 4), (1, 14), (2, 42), (3, 40)]);
    let weekly_minutes = match hours_band {
        0 => 300 + 30 * rng.below(10) as u32,
        1 => 600 + 30 * rng.below(20) as u32,
        2 => 1200 + 30 * rng.below(20) as u32,
        _ => 1800 + 30 * rng.below(21) as u32,
    };
    let transition_open = start >= NaiveDate::from_ymd_opt(2018, 4, 1).unwrap_or(start);
    let route = rng.weighted(&[
        ("job_centre", 45),
        ("special_school", 12),
        ("training_school", 8),
        (
            if transition_open {
                "transition_service"
            } else {
                "direct"
            },
            25,
        ),
        ("direct", 6),
        ("other", 4),
    ]);
    Job {
        start,
        end: (end <= today).then(|| (end, rng.weighted(END_REASONS))),
        employer: rng.below(employers as u64) as usize,
        contract: rng.weighted(CONTRACTS),
        weekly_minutes,
        route,
        disability_employment: rng.chance(0.92),
        title: rng.pick(TITLES),
    }
}

/// Registered and continuing-employment counts on `day`.
pub(super) fn stock_on(people: &[Person], day: NaiveDate) -> (usize, usize) {
    let registered = people.iter().filter(|p| p.registered_on(day)).count();
    let continuing = people.iter().filter(|p| p.continuing_on(day)).count();
    (registered, continuing)
}

/// Changes as few stories as needed, all before `day`, so that exactly `registered` clients are
/// registered and `continuing` in continuing employment on `day`: jobs are ended or started
/// among registered clients (which leaves the registered count alone), then registrations are
/// closed (among those not employed) or inquirers registered.
pub(super) fn adjust(
    people: &mut [Person],
    day: NaiveDate,
    registered: usize,
    continuing: usize,
    employers: usize,
    rng: &mut Rng,
) -> Result<()> {
    let (_, now_continuing) = stock_on(people, day);
    if now_continuing > continuing {
        let candidates = pick(rng, people, now_continuing - continuing, |p| {
            p.continuing_on(day) && p.jobs.iter().filter(|j| j.ongoing_on(day)).count() == 1
        })?;
        for i in candidates {
            end_job_before(&mut people[i], day, rng);
        }
    } else if now_continuing < continuing {
        let candidates = pick(rng, people, continuing - now_continuing, |p| {
            p.registered_on(day) && p.jobs.iter().all(|j| j.end.is_some_and(|(e, _)| e < day))
        })?;
        for i in candidates {
            start_job_before(&mut people[i], day, employers, rng);
        }
    }
    let (now_registered, _) = stock_on(people, day);
    if now_registered > registered {
        let candidates = pick(rng, people, now_registered - registered, |p| {
            p.registered_on(day) && !p.employed_on(day)
        })?;
        for i in candidates {
            close_before(&mut people[i], day, rng);
        }
    } else if now_registered < registered {
        let candidates = pick(rng, people, registered - now_registered, |p| {
            p.periods.is_empty() && p.first_contact < minus_days(day, 30)
        })?;
        for i in candidates {
            let p = &mut people[i];
            let from = rng.day_between(plus_days(p.first_contact, 7), day);
            p.periods.push(Period { from, closed: None });
        }
    }
    let got = stock_on(people, day);
    if got != (registered, continuing) {
        return Err(CoreError::rule(
            format!("the demo history missed its reference figures: {got:?}"),
            "デモデータの基準値を合わせられませんでした。",
        ));
    }
    Ok(())
}

/// `n` distinct people matching `wanted`, chosen at random.
fn pick(
    rng: &mut Rng,
    people: &[Person],
    n: usize,
    wanted: impl Fn(&Person) -> bool,
) -> Result<Vec<usize>> {
    let mut pool: Vec<usize> = (0..people.len()).filter(|&i| wanted(&people[i])).collect();
    if pool.len() < n {
        return Err(CoreError::rule(
            "the demo history is too small to reach its reference figures",
            "デモデータの規模が小さすぎて基準値を合わせられません。",
        ));
    }
    for k in 0..n {
        let j = k + rng.below((pool.len() - k) as u64) as usize;
        pool.swap(k, j);
    }
    pool.truncate(n);
    Ok(pool)
}

fn end_job_before(p: &mut Person, day: NaiveDate, rng: &mut Rng) {
    if let Some(job) = p.jobs.iter_mut().find(|j| j.ongoing_on(day)) {
        let end = rng.day_between(job.start.max(minus_days(day, 730)), day);
        job.end = Some((end, rng.weighted(END_REASONS)));
    }
}

fn start_job_before(p: &mut Person, day: NaiveDate, employers: usize, rng: &mut Rng) {
    let Some(period) = p.periods.iter().find(|x| x.open_on(day)) else {
        return;
    };
    let last_end = p
        .jobs
        .iter()
        .map(|j| plus_days(j.end_or(day), 1))
        .max()
        .unwrap_or(period.from);
    let earliest = period.from.max(last_end).max(minus_days(day, 1095));
    let start = rng.day_between(earliest, day);
    // Ends after `day`, so it is still ongoing then (and open today).
    let mut job = job(rng, employers, day, start, plus_days(day, 1));
    job.end = None;
    p.jobs.push(job);
}

fn close_before(p: &mut Person, day: NaiveDate, rng: &mut Rng) {
    let Some(index) = p.periods.iter().position(|x| x.open_on(day)) else {
        return;
    };
    let last_end = p
        .jobs
        .iter()
        .filter(|j| j.start <= day)
        .map(|j| j.end_or(day))
        .max();
    let from = p.periods[index].from;
    let earliest = from
        .max(last_end.unwrap_or(from))
        .max(minus_days(day, 1095));
    let close = rng.day_between(earliest, day);
    p.periods[index].closed = Some((close, rng.weighted(CLOSE_REASONS)));
    p.periods.truncate(index + 1);
    p.jobs.retain(|j| j.start <= close);
}

/// Makes sure at least `wanted` hand-overs from a job-retention provider end within 60 days
/// after `today`, so that the hand-over worklist has something to show.
pub(super) fn ensure_handovers_ending_soon(people: &mut [Person], today: NaiveDate, wanted: usize) {
    let soon = plus_days(today, 60);
    let due_soon = |job: &Job| {
        let ends = add_years_months(job.start, 3, 6);
        job.ongoing_on(today) && ends >= today && ends <= soon
    };
    let mut found = people
        .iter()
        .filter(|p| p.registered_on(today))
        .flat_map(|p| p.jobs.iter())
        .filter(|j| due_soon(j) && j.route == "transition_service")
        .count();
    for p in people.iter_mut() {
        if found >= wanted {
            return;
        }
        if !p.registered_on(today) {
            continue;
        }
        if let Some(job) = p
            .jobs
            .iter_mut()
            .find(|j| due_soon(j) && j.route != "transition_service")
        {
            job.route = "transition_service";
            found += 1;
        }
    }
}

/// Leaves about 4% of today's registered clients without any contact for the last two to eight
/// months: the check-in worklist's candidates.
pub(super) fn mark_quiet(people: &mut [Person], today: NaiveDate, rng: &mut Rng) {
    for p in people.iter_mut() {
        let since = p.periods.last().map_or(today, |r| r.from);
        if p.registered_on(today) && rng.chance(0.04) {
            let quiet = minus_days(today, rng.between(65, 240) as u64);
            if quiet > plus_days(since, 30) {
                p.quiet_from = Some(quiet);
            }
        }
    }
}
