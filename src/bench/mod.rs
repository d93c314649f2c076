//! `hotto bench`: how long the screens, reports and backups take on a big demo center, timed
//! through the same public functions the app and the CLI call, so that ten years of a growing
//! center can be checked against the targets (p95 of each case, encrypted/plain ratio, RSS).
//!
//! [`run`] times every case on a data dir that already holds a demo center; the CLI builds it.

mod cases;
mod plain;
mod system;
mod timing;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;

use crate::store::{DataDir, Store, StoreError};
use crate::{Result, Session};

pub use system::{load_average, reset_peak, MemoryUse};
pub use timing::{measure, Timing};

/// The demo's "today" for benchmarks: fixed, so that runs on different days compare.
pub const BENCH_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2025, 11, 25) {
    Some(day) => day,
    None => panic!("valid date"),
};

/// Target: p95 of an interactive query (home figures, worklists, client page), in ms.
pub const TARGET_QUERY_MS: f64 = 30.0;
/// Target: p95 of a search as you type, in ms.
pub const TARGET_SEARCH_MS: f64 = 10.0;
/// Target: p95 of one PDF report, in ms.
pub const TARGET_PDF_MS: f64 = 300.0;
/// Target: one verified backup, in ms.
pub const TARGET_BACKUP_MS: f64 = 5_000.0;
/// Target: encrypted time over plain SQLite time of the same query.
pub const TARGET_RATIO: f64 = 1.3;
/// Target: resident memory of the core at scale 10, in MB.
pub const TARGET_RSS_MB: f64 = 100.0;

/// What to run.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// The demo's scale (for the report; the data dir must hold a demo of this scale).
    pub scale: u32,
    /// Runs per case after the warm-up (sign-in, reports and backup use fewer, see [`Runs`]).
    pub runs: Runs,
    /// A folder for the plain copy and the backups (emptied of what the bench wrote).
    pub work_dir: PathBuf,
    /// Only these groups of the table (see [`GROUPS`]); empty runs them all.
    pub only: Vec<String>,
}

/// The groups of the table, in order; `ratio` is the encrypted-vs-plain comparison.
pub const GROUPS: [&str; 9] = [
    "open", "home", "worklist", "search", "client", "report", "import", "ratio", "backup",
];

impl BenchOptions {
    /// Whether the run times `group`.
    pub fn wants(&self, group: &str) -> bool {
        wanted(&self.only, group)
    }
}

/// Whether `group` is among `only` (an empty list wants every group).
fn wanted(only: &[String], group: &str) -> bool {
    only.is_empty() || only.iter().any(|g| g == group)
}

/// How many timed runs each kind of case gets (after one untimed warm-up run).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Runs {
    /// Queries and searches.
    pub queries: usize,
    /// Open + sign-in and the KDF.
    pub sign_in: usize,
    /// Each PDF report.
    pub reports: usize,
    /// Backups (no warm-up: each is seconds to minutes of real work); 0 skips them.
    pub backups: usize,
}

impl Default for Runs {
    fn default() -> Self {
        Runs {
            queries: 30,
            sign_in: 7,
            reports: 9,
            backups: 3,
        }
    }
}

/// One timed case.
#[derive(Clone, Debug, Serialize)]
pub struct BenchRow {
    /// The table's section (`open`, `home`, `worklist`, `search`, `client`, `report`, `backup`).
    pub group: &'static str,
    /// What was timed.
    pub case: String,
    /// Timed runs.
    pub runs: usize,
    /// Median, ms.
    pub median_ms: f64,
    /// 95th percentile (nearest rank), ms.
    pub p95_ms: f64,
    /// The p95 target, ms (none for a line shown for information, such as the KDF alone).
    pub target_ms: Option<f64>,
    /// Whether the p95 meets the target.
    pub met: Option<bool>,
}

impl BenchRow {
    fn new(group: &'static str, case: impl Into<String>, t: &Timing, target: Option<f64>) -> Self {
        let p95_ms = t.p95_ms();
        BenchRow {
            group,
            case: case.into(),
            runs: t.runs(),
            median_ms: t.median_ms(),
            p95_ms,
            target_ms: target,
            met: target.map(|limit| p95_ms <= limit),
        }
    }
}

/// The same query on the encrypted store and on a plain SQLite copy of it.
#[derive(Clone, Debug, Serialize)]
pub struct RatioRow {
    /// The query.
    pub case: String,
    /// Median on the encrypted store, ms.
    pub encrypted_median_ms: f64,
    /// Median on the plain copy, ms.
    pub plain_median_ms: f64,
    /// Encrypted over plain (of the medians).
    pub ratio: f64,
    /// The target ratio.
    pub target: f64,
    /// Whether the ratio meets the target.
    pub met: bool,
}

/// A memory reading of this process.
#[derive(Clone, Debug, Serialize)]
pub struct MemoryRow {
    /// When it was read.
    pub case: &'static str,
    /// The reading (`None` where the OS gives no `/proc/self/status`).
    pub memory: Option<MemoryUse>,
    /// The target for the peak, MB (none for a line shown for information).
    pub target_mb: Option<f64>,
    /// Whether the peak meets the target.
    pub met: Option<bool>,
}

impl MemoryRow {
    fn now(case: &'static str, target_mb: Option<f64>) -> Self {
        let memory = MemoryUse::now();
        let met = match (&memory, target_mb) {
            (Some(m), Some(limit)) => Some(m.peak_mb <= limit),
            _ => None,
        };
        MemoryRow {
            case,
            memory,
            target_mb,
            met,
        }
    }
}

/// The size of the center the bench ran on.
#[derive(Clone, Debug, Serialize)]
pub struct CenterSize {
    /// Scale of the demo.
    pub scale: u32,
    /// Clients (everyone who ever consulted).
    pub clients: i64,
    /// Support records.
    pub support_records: i64,
    /// Consultations.
    pub consultations: i64,
    /// Follow-ups.
    pub follow_ups: i64,
    /// Size of the database file, bytes.
    pub database_bytes: u64,
}

/// Everything one run measured.
#[derive(Clone, Debug, Serialize)]
pub struct BenchReport {
    /// The center.
    pub center: CenterSize,
    /// The demo's today the queries ran for.
    pub today: NaiveDate,
    /// Timed cases, in the order of the table.
    pub rows: Vec<BenchRow>,
    /// Encrypted against plain SQLite.
    pub ratios: Vec<RatioRow>,
    /// Memory of this process.
    pub memory: Vec<MemoryRow>,
    /// Seconds the whole measurement took (without building the demo).
    pub seconds: f64,
    /// The machine's 1-minute load average at the start and at the end (Linux): above the
    /// number of cores, other work competed for the CPU and the times are longer.
    pub load_average: Option<(f64, f64)>,
    /// CPU cores available to this process.
    pub cores: usize,
}

impl BenchReport {
    /// Every target with a verdict, and how many of them were met.
    pub fn targets_met(&self) -> (usize, usize) {
        let verdicts: Vec<bool> = self
            .rows
            .iter()
            .filter_map(|r| r.met)
            .chain(self.ratios.iter().map(|r| r.met))
            .chain(self.memory.iter().filter_map(|m| m.met))
            .collect();
        let met = verdicts.iter().filter(|&&m| m).count();
        (met, verdicts.len())
    }
}

/// How far the run has come, for a progress line.
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

/// The `(scale, today)` of the demo center in `dir`, from its build's audit row; `None` when
/// the dir holds no demo (or none at all).
pub fn demo_in(dir: &DataDir) -> Result<Option<(u32, NaiveDate)>> {
    let Some(account) = dir.demo_accounts().into_iter().next() else {
        return Ok(None);
    };
    if !dir.is_initialised() {
        return Ok(None);
    }
    let (store, session) = Store::sign_in(dir, &account.login, &account.password)?;
    let summary: Option<String> = store.read(&session, |conn| {
        use rusqlite::OptionalExtension;
        Ok(conn
            .query_row(
                "SELECT summary FROM audit_log WHERE action = 'demo.build' ORDER BY at DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(StoreError::from)?)
    })?;
    Ok(summary.as_deref().and_then(parse_demo_summary))
}

/// Reads `… (scale 10, seed 20070401, today 2025-11-25)` as written by the demo build.
fn parse_demo_summary(summary: &str) -> Option<(u32, NaiveDate)> {
    let inside = summary.split_once("(scale ")?.1;
    let (scale, rest) = inside.split_once(',')?;
    let today = rest.split_once("today ")?.1.trim_end_matches(')');
    Some((
        scale.trim().parse().ok()?,
        NaiveDate::parse_from_str(today.trim(), "%Y-%m-%d").ok()?,
    ))
}

/// Times every case on the demo center in `dir` (signed in as its director, whose login and
/// password the demo publishes), then compares with a plain copy and takes a verified backup.
pub fn run(dir: &DataDir, options: &BenchOptions, progress: Progress<'_>) -> Result<BenchReport> {
    let started = Instant::now();
    let load_at_start = load_average();
    let account = dir
        .demo_accounts()
        .into_iter()
        .find(|a| a.role == crate::Role::Director)
        .ok_or_else(|| StoreError::NotInitialised(dir.path().to_path_buf()))?;
    let today = demo_in(dir)?.map_or(BENCH_TODAY, |(_, today)| today);
    let login = (account.login.as_str(), account.password.as_str());

    let mut rows = Vec::new();
    if options.wants("open") {
        progress("open + sign-in", 0, 0);
        rows.extend(cases::sign_in(dir, login, options.runs.sign_in)?);
    }
    let (mut store, session) = Store::sign_in(dir, login.0, login.1)?;
    let center = center_size(&store, &session, dir, options.scale)?;

    let plan = cases::Plan::new(today, options);
    rows.extend(cases::screens(&mut store, &session, &plan, progress)?);
    if options.wants("report") {
        rows.extend(cases::reports(&mut store, &session, &plan, progress)?);
    }
    rows.extend(cases::import(&mut store, &session, &plan, progress)?);
    let mut memory = vec![MemoryRow::now(
        "core after sign-in, screens and reports",
        Some(TARGET_RSS_MB),
    )];

    let ratios = if options.wants("ratio") {
        progress("plain SQLite copy", 0, 0);
        plain::compare(&store, &session, &plan, &options.work_dir, progress)?
    } else {
        Vec::new()
    };

    if options.runs.backups > 0 && options.wants("backup") {
        reset_peak();
        progress("backup", 0, options.runs.backups as u64);
        rows.push(cases::backup(
            &mut store,
            &session,
            &options.work_dir,
            options.runs.backups,
            progress,
        )?);
        memory.push(MemoryRow::now("during and after the backups", None));
    }
    Ok(BenchReport {
        center,
        today,
        rows,
        ratios,
        memory,
        seconds: started.elapsed().as_secs_f64(),
        load_average: load_at_start.zip(load_average()),
        cores: std::thread::available_parallelism().map_or(1, usize::from),
    })
}

fn center_size(store: &Store, session: &Session, dir: &DataDir, scale: u32) -> Result<CenterSize> {
    let count = |table: &str| -> Result<i64> {
        store.read(session, |conn| {
            // Table names are this function's constants.
            Ok(conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .map_err(StoreError::from)?)
        })
    };
    Ok(CenterSize {
        scale,
        clients: count("clients")?,
        support_records: count("support_records")?,
        consultations: count("consultations")?,
        follow_ups: count("follow_ups")?,
        database_bytes: file_size(&dir.database()),
    })
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_build_summary_gives_scale_and_today() {
        let s = "fictional demo data written (scale 10, seed 20070401, today 2025-11-25)";
        assert_eq!(parse_demo_summary(s), Some((10, BENCH_TODAY)));
        assert_eq!(parse_demo_summary("signed in with password"), None);
    }
}
