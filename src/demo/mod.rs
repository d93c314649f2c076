//! `hotto demo`: a fictional center to try the software on, with eighteen years of history from
//! the day the center opened (2007-04-01) to "today". Every name is obviously made up; the demo
//! accounts are published in the README and shown on the sign-in screen of a demo data dir.
//!
//! The history is drawn from a seed with our own PRNG (the same seed gives the same center),
//! adjusted so that on 2024-12-31 the figures are exactly the seed plan's (666 registered, 452 in
//! continuing employment, per unit of scale), and written in one transaction with prepared
//! statements, row for row as the services would store them.

mod activity;
mod center;
mod names;
mod people;
mod plan;
mod rng;
mod roster;
mod write;

use std::fs;
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;

use self::people::Person;
use self::rng::Rng;
use self::write::{Keys, Sink};
use crate::accounts::{self, NewUser};
use crate::error::{Field, Problem};
use crate::session::Role;
use crate::store::{
    slots::write_atomically, DataDir, DemoAccount, NewCenter, Store, StoreError, DEMO_ACCOUNTS_FILE,
};
use crate::{CoreError, Result};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "hotto-demo";

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20_070_401;

/// The day the seed plan states its figures on (令和6年12月31日現在).
pub const REFERENCE_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2024, 12, 31) {
    Some(day) => day,
    None => panic!("valid date"),
};
/// Registered clients on [`REFERENCE_DAY`] per unit of scale (利用登録者数 666名).
pub const REFERENCE_REGISTERED: u32 = 666;
/// Clients in continuing employment on [`REFERENCE_DAY`] per unit of scale (継続就労者数 452名).
pub const REFERENCE_CONTINUING: u32 = 452;
/// The largest scale accepted.
pub const MAX_SCALE: u32 = 20;

/// The earliest "today" the demo accepts: its history must reach past the reference day.
const EARLIEST_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2025, 1, 1) {
    Some(day) => day,
    None => panic!("valid date"),
};
/// The latest "today" the demo accepts.
const LATEST_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2060, 12, 31) {
    Some(day) => day,
    None => panic!("valid date"),
};

/// Fields of the demo's options.
pub mod fields {
    use crate::error::Field;
    /// 規模.
    pub const SCALE: Field = Field::new("scale", "規模");
    /// 基準日 (today of the demo).
    pub const TODAY: Field = Field::new("today", "基準日");
}

/// The demo accounts: (login, display name, role). Each is a staff member of the roster.
const ACCOUNTS: &[(&str, &str, Role)] = &[
    ("director", "見本 一郎", Role::Director),
    ("shuro1", "試験 花子", Role::Staff),
    ("seikatsu1", "架空 次郎", Role::Staff),
];

/// What demo to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DemoOptions {
    /// Size: 1 is the reference center (~1,900 clients over the years, ~200,000 support
    /// records, 666 registered on 2024-12-31); 10 is ten times that.
    pub scale: u32,
    /// The PRNG seed: the same seed, scale and day give the same center.
    pub seed: u64,
    /// The demo's "today": the history runs up to it.
    pub today: NaiveDate,
}

impl DemoOptions {
    /// Scale 1 with the default seed, up to `today`.
    pub fn new(today: NaiveDate) -> Self {
        DemoOptions {
            scale: 1,
            seed: DEFAULT_SEED,
            today,
        }
    }

    fn validate(&self) -> Result<()> {
        if !(1..=MAX_SCALE).contains(&self.scale) {
            return Err(out_of_range(fields::SCALE, 1, i64::from(MAX_SCALE)));
        }
        if self.today < EARLIEST_TODAY || self.today > LATEST_TODAY {
            return Err(CoreError::rule(
                format!("the demo's today must lie between {EARLIEST_TODAY} and {LATEST_TODAY}"),
                format!(
                    "デモの基準日は{}から{}までの日付にしてください。",
                    crate::calendar::format_wareki(EARLIEST_TODAY),
                    crate::calendar::format_wareki(LATEST_TODAY)
                ),
            ));
        }
        Ok(())
    }
}

fn out_of_range(field: Field, min: i64, max: i64) -> CoreError {
    CoreError::invalid(field, Problem::OutOfRange { min, max })
}

/// How far the build has come: rows written of the total expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DemoProgress {
    /// What is being written (`clients`, `support records`, …).
    pub stage: &'static str,
    /// Rows written so far.
    pub done: u64,
    /// Rows to write in all (0 while the history is being drawn).
    pub total: u64,
}

/// What was built.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DemoSummary {
    /// The demo accounts (also written to `demo-accounts.json`).
    pub accounts: Vec<DemoAccount>,
    /// The options used.
    pub options: DemoOptions,
    /// Clients (everyone who ever consulted).
    pub clients: u64,
    /// Employments.
    pub employments: u64,
    /// Consultations.
    pub consultations: u64,
    /// Support records.
    pub support_records: u64,
    /// Retention follow-ups.
    pub follow_ups: u64,
    /// Seconds the build took.
    pub seconds: f64,
}

/// The history in memory, before anything is written.
struct World {
    people: Vec<Person>,
    steps: Vec<Vec<(NaiveDate, u8)>>,
    work: activity::Casework,
    employers: usize,
}

/// Builds the demo center in `dir`, replacing an earlier demo there; refuses to touch a data dir
/// that holds a real center. `progress` hears how far the build has come.
pub fn build(
    dir: &DataDir,
    options: &DemoOptions,
    progress: &mut dyn FnMut(&DemoProgress),
) -> Result<DemoSummary> {
    let started = Instant::now();
    options.validate()?;
    clear_previous_demo(dir)?;
    progress(&DemoProgress {
        stage: "drawing the history",
        done: 0,
        total: 0,
    });
    let world = draw(options)?;

    let (director_login, director_name, _) = ACCOUNTS[0];
    let center = NewCenter {
        facility_name: "小平市障害者就労・生活支援センター ほっと（デモ）",
        login: director_login,
        display_name: director_name,
        password: DEMO_PASSWORD,
    };
    let (mut store, director, _recovery) = Store::init(dir, &center)?;
    let mut users = vec![(director_login, director.user_id().to_string())];
    for &(login, display_name, role) in &ACCOUNTS[1..] {
        let new = NewUser {
            login,
            display_name,
            role,
            password: DEMO_PASSWORD,
        };
        users.push((login, accounts::add_user(&mut store, &director, &new)?));
    }
    let summary_counts = (
        world.people.len() as u64,
        world
            .people
            .iter()
            .map(|p| p.jobs.len() as u64)
            .sum::<u64>(),
        world.work.consultations.len() as u64,
        world.work.records.len() as u64,
        world.work.follow_ups.len() as u64,
    );
    // The file is new: a rollback journal has next to nothing to keep during the bulk write,
    // and every page is written once instead of twice (to the write-ahead log, then the file).
    set_journal(&store, &director, "DELETE")?;
    let written = store.write(&director, |tx| {
        write_world(
            tx.conn(),
            director.user_id(),
            &users,
            options,
            &world,
            progress,
        )?;
        tx.audit(
            "demo.build",
            "center",
            None,
            &format!(
                "fictional demo data written (scale {}, seed {}, today {})",
                options.scale, options.seed, options.today
            ),
        )
    });
    set_journal(&store, &director, "WAL")?;
    written?;
    progress(&DemoProgress {
        stage: "the plan and budget",
        done: 0,
        total: 0,
    });
    plan::plan(
        &mut store,
        &director,
        options.today,
        &mut Rng::new(options.seed, 7),
    )?;
    drop(store);

    let demo: Vec<DemoAccount> = ACCOUNTS
        .iter()
        .map(|&(login, display_name, role)| DemoAccount {
            login: login.to_string(),
            display_name: display_name.to_string(),
            role,
            password: DEMO_PASSWORD.to_string(),
        })
        .collect();
    let json = serde_json::to_vec_pretty(&demo).map_err(|e| CoreError::Document(e.to_string()))?;
    write_atomically(&dir.path().join(DEMO_ACCOUNTS_FILE), &json)?;
    let (clients, employments, consultations, support_records, follow_ups) = summary_counts;
    Ok(DemoSummary {
        accounts: demo,
        options: *options,
        clients,
        employments,
        consultations,
        support_records,
        follow_ups,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Draws the whole history in memory and adjusts it to the reference figures.
fn draw(options: &DemoOptions) -> Result<World> {
    let scale = options.scale;
    let employers = 60 * scale as usize + 20;
    let plan = people::Plan {
        start: roster::OPENED,
        today: options.today,
        scale,
        employers,
    };
    let mut rng = Rng::new(options.seed, 1);
    let mut everyone = people::draw(&plan, &mut rng);
    people::adjust(
        &mut everyone,
        REFERENCE_DAY,
        (REFERENCE_REGISTERED * scale) as usize,
        (REFERENCE_CONTINUING * scale) as usize,
        employers,
        &mut Rng::new(options.seed, 2),
    )?;
    people::ensure_handovers_ending_soon(&mut everyone, options.today, 3 * scale as usize);
    people::mark_quiet(&mut everyone, options.today, &mut Rng::new(options.seed, 3));
    let steps: Vec<Vec<(NaiveDate, u8)>> = everyone
        .iter()
        .enumerate()
        .map(|(i, p)| match p.periods.first() {
            Some(first) => roster::main_staff_steps(first.from, p.last_day(options.today), i),
            None => Vec::new(),
        })
        .collect();
    let work = activity::draw(
        &everyone,
        &steps,
        options.today,
        &mut Rng::new(options.seed, 4),
    );
    Ok(World {
        people: everyone,
        steps,
        work,
        employers,
    })
}

/// Writes the world inside the build's transaction, then refreshes the planner's statistics.
fn write_world(
    conn: &rusqlite::Connection,
    director: &str,
    users: &[(&str, String)],
    options: &DemoOptions,
    world: &World,
    progress: &mut dyn FnMut(&DemoProgress),
) -> Result<()> {
    // A large page cache (up to 1 GiB) keeps the random inserts into the client indexes, and
    // the pages of the one transaction, in memory.
    write::sql(conn.execute_batch("PRAGMA cache_size = -1048576;"))?;
    let work = &world.work;
    let total = world.people.len()
        + world
            .people
            .iter()
            .map(|p| p.periods.len() + p.jobs.len())
            .sum::<usize>()
        + work.follow_ups.len()
        + work.consultations.len()
        + work.records.len();
    let rng = Rng::new(options.seed, 5);
    let mut sink = Sink::new(conn, director.to_string(), rng, total as u64, progress);
    sink.stage("staff and partners");
    let staff = center::staff(&mut sink, users)?;
    let (partners, retention_providers) = center::partners(&mut sink)?;
    let employers = center::employers(&mut sink, world.employers)?;
    let flag_kinds = center::flag_kinds(&mut sink)?;
    let mut ids = Rng::new(options.seed, 6);
    let keys = Keys {
        staff,
        partners,
        retention_providers,
        employers,
        flag_kinds,
        people: world
            .people
            .iter()
            .map(|p| ids.id_on(p.first_contact))
            .collect(),
        jobs: world
            .people
            .iter()
            .map(|p| p.jobs.iter().map(|j| ids.id_on(j.start)).collect())
            .collect(),
    };
    write::clients(&mut sink, &keys, &world.people, &world.steps, options.today)?;
    write::employments(&mut sink, &keys, &world.people, work)?;
    // Each client's last contact is found once after the casework, not kept row by row.
    crate::retention::last_contact::rebuilt_after(conn, || {
        write::casework(&mut sink, &keys, work)
    })?;
    center::meetings(&mut sink, &keys, &world.people, options.today)?;
    sink.stage("center");
    center::dropin(&mut sink, options.today)?;
    center::commissions(&mut sink, options.today)?;
    center::newsletters(&mut sink, options.today)?;
    center::employer_work(&mut sink, &keys, options.scale, options.today)?;
    sink.stage("statistics");
    write::sql(conn.execute_batch("ANALYZE;"))?;
    sink.report();
    Ok(())
}

/// Sets the journal mode (the store opens every connection in WAL mode).
fn set_journal(store: &Store, director: &crate::Session, mode: &str) -> Result<()> {
    store.read(director, |conn| {
        write::sql(conn.pragma_update(None, "journal_mode", mode))
    })
}

fn clear_previous_demo(dir: &DataDir) -> Result<()> {
    if !dir.is_initialised() && !dir.database().exists() {
        return Ok(());
    }
    if dir.demo_accounts().is_empty() {
        return Err(StoreError::AlreadyInitialised(dir.path().to_path_buf()).into());
    }
    let _lock = dir.lock()?;
    for name in [
        "hotto.db",
        "hotto.db-wal",
        "hotto.db-shm",
        "keys.json",
        DEMO_ACCOUNTS_FILE,
    ] {
        let path = dir.path().join(name);
        if path.exists() {
            fs::remove_file(&path).map_err(|e| StoreError::io("remove", &path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_drawn_history_meets_the_reference_figures_before_anything_is_written() {
        let options = DemoOptions::new(day(2025, 11, 25));
        let world = draw(&options).unwrap();
        assert_eq!(people::stock_on(&world.people, REFERENCE_DAY), (666, 452));
        let again = draw(&options).unwrap();
        assert_eq!(again.work.records.len(), world.work.records.len());
    }

    #[test]
    fn a_today_before_the_reference_day_is_refused() {
        let options = DemoOptions::new(day(2024, 6, 1));
        assert_eq!(options.validate().unwrap_err().code(), "rule");
        let options = DemoOptions {
            scale: 0,
            ..DemoOptions::new(day(2025, 6, 1))
        };
        assert_eq!(options.validate().unwrap_err().code(), "invalid_input");
    }
}
