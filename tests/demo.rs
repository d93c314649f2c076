//! The demo center: built from a fixed seed, it must show the seed plan's figures on
//! 2024-12-31 through the same functions every screen uses, be the same center every time, and
//! keep every figure on an index at its full size.

use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use chrono::NaiveDate;

use hotto::bench::{self, BenchOptions, Runs};
use hotto::calendar::FiscalYear;
use hotto::demo::{self, DemoOptions, DemoSummary};
use hotto::figures;
use hotto::{DataDir, Store};

const SEED: u64 = 42;

/// The tables that grow with the center's history: none may be read in full without an index.
const BIG_TABLES: &[&str] = &[
    "support_records",
    "consultations",
    "employments",
    "client_registrations",
    "clients",
    "follow_ups",
    "client_disabilities",
];

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

fn build(dir: &DataDir) -> DemoSummary {
    let options = DemoOptions {
        scale: 1,
        seed: SEED,
        today: d("2025-11-25"),
    };
    let started = Instant::now();
    let summary = demo::build(dir, &options, &mut |_| {}).expect("demo builds");
    eprintln!(
        "demo at scale 1 built in {:.1} s ({} clients, {} support records)",
        started.elapsed().as_secs_f64(),
        summary.clients,
        summary.support_records
    );
    summary
}

/// The demo every test reads (built once), and a lock so that one test at a time opens it.
fn shared_demo() -> (MutexGuard<'static, ()>, &'static DataDir) {
    static DEMO: OnceLock<(tempfile::TempDir, DataDir, DemoSummary)> = OnceLock::new();
    static OPEN: Mutex<()> = Mutex::new(());
    let (_, dir, _) = DEMO.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path().join("demo"));
        let summary = build(&dir);
        (tmp, dir, summary)
    });
    let guard = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    (guard, dir)
}

/// Counts that two builds from the same seed must share.
fn fingerprint(store: &Store, session: &hotto::Session) -> Vec<(String, i64)> {
    let tables = [
        "staff",
        "fte_allocations",
        "partners",
        "employers",
        "clients",
        "client_registrations",
        "client_disabilities",
        "employments",
        "handovers",
        "follow_ups",
        "consultations",
        "support_records",
        "support_record_staff",
        "meetings",
        "meeting_clients",
        "trainings",
        "dropin_days",
        "commission_results",
        "newsletters",
        "budget_actuals",
    ];
    store
        .read(session, |conn| {
            let mut counts = Vec::new();
            for t in tables {
                let n: i64 = conn
                    .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .map_err(hotto::store::StoreError::from)?;
                counts.push((t.to_string(), n));
            }
            let visits: i64 = conn
                .query_row(
                    "SELECT count(*) FROM support_records WHERE kind = 'workplace_visit'",
                    [],
                    |r| r.get(0),
                )
                .map_err(hotto::store::StoreError::from)?;
            counts.push(("workplace visits".into(), visits));
            Ok(counts)
        })
        .expect("counts")
}

#[test]
fn the_demo_shows_the_plans_figures_on_the_reference_day() {
    let (_open, dir) = shared_demo();
    assert!(dir.path().join("demo-accounts.json").exists());
    assert_eq!(dir.demo_accounts().len(), 3);
    let (store, director) = Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap();
    let fy = FiscalYear(2024);
    let five = store
        .read(&director, |conn| {
            figures::five_figures(conn, fy, d("2024-12-31"))
        })
        .unwrap();
    assert_eq!(five.registered_end.actual, 666);
    assert_eq!(five.continuing_end.actual, 452);
    let records: i64 = store
        .read(&director, |conn| {
            Ok(conn
                .query_row("SELECT count(*) FROM support_records", [], |r| r.get(0))
                .map_err(hotto::store::StoreError::from)?)
        })
        .unwrap();
    assert!(
        (150_000..260_000).contains(&records),
        "about 200,000 support records at scale 1: {records}"
    );
    // About a hundred new inquirers a year, half of them registering, ~50 new employed.
    let year = store
        .read(&director, |conn| {
            figures::five_figures(conn, FiscalYear(2023), d("2024-03-31"))
        })
        .unwrap();
    assert!((70..=140).contains(&year.new_inquiries.actual), "{year:?}");
    assert!(
        (30..=80).contains(&year.new_registrations.actual),
        "{year:?}"
    );
    assert!((30..=90).contains(&year.new_employed.actual), "{year:?}");
    // The plan of 令和7年度 carries the seed's targets.
    let plan = store
        .read(&director, |conn| {
            figures::five_figures(conn, FiscalYear(2025), d("2025-11-25"))
        })
        .unwrap();
    let targets: Vec<Option<u32>> = plan.rows().iter().map(|(_, f)| f.target).collect();
    assert_eq!(
        targets,
        vec![Some(100), Some(50), Some(50), Some(700), Some(450)]
    );
}

#[test]
fn the_same_seed_builds_the_same_center() {
    let tmp = tempfile::tempdir().unwrap();
    let other = DataDir::at(tmp.path().join("again"));
    build(&other);
    let (store, director) = Store::sign_in(&other, "director", demo::DEMO_PASSWORD).unwrap();
    let second = fingerprint(&store, &director);
    let figures_again = store
        .read(&director, |conn| {
            figures::five_figures(conn, FiscalYear(2024), d("2024-12-31"))
        })
        .unwrap();
    drop(store);
    let (_open, dir) = shared_demo();
    let (store, director) = Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap();
    assert_eq!(fingerprint(&store, &director), second);
    let first_figures = store
        .read(&director, |conn| {
            figures::five_figures(conn, FiscalYear(2024), d("2024-12-31"))
        })
        .unwrap();
    assert_eq!(first_figures, figures_again);
}

#[test]
fn every_figure_reads_through_indexes_at_full_size() {
    let (_open, dir) = shared_demo();
    let (store, director) = Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap();
    // The demo ran ANALYZE: the planner decides with real statistics.
    let plans = store.read(&director, figures::query_plans).unwrap();
    for plan in &plans {
        let full: Vec<String> = plan
            .full_scans()
            .into_iter()
            .filter(|t| BIG_TABLES.contains(&t.as_str()))
            .collect();
        assert!(full.is_empty(), "{}: {:?}", plan.name, plan.lines);
    }
    let stock = |name: &str| {
        plans
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.lines.join(" "))
            .unwrap_or_default()
    };
    assert!(stock("registered_at").contains("COVERING INDEX client_registrations_period"));
    assert!(stock("continuing_employed_at").contains("COVERING INDEX employments_period"));
    // Migration 0010: the registration test of 継続就労者数 and the breakdowns' year of records
    // and consultations are index-only reads, not one table row fetched per entry (the records
    // one range per kind).
    assert!(
        stock("continuing_employed_at").contains("COVERING INDEX client_registrations_client"),
        "{}",
        stock("continuing_employed_at")
    );
    for (name, index) in [
        (
            "breakdown.support_records",
            "COVERING INDEX support_records_kind",
        ),
        (
            "breakdown.consultations",
            "COVERING INDEX consultations_held",
        ),
        (
            "monthly.registrations_overlapping",
            "COVERING INDEX client_registrations_period",
        ),
        (
            "monthly.employments_overlapping",
            "COVERING INDEX employments_period",
        ),
    ] {
        assert!(stock(name).contains(index), "{name}: {}", stock(name));
    }
}

#[test]
fn the_one_pass_monthly_series_matches_each_month_s_own_queries_in_every_year_of_the_demo() {
    let (_open, dir) = shared_demo();
    let (store, director) = Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap();
    store
        .read(&director, |conn| {
            let first: NaiveDate = conn
                .query_row("SELECT min(first_contact_on) FROM clients", [], |r| {
                    r.get(0)
                })
                .map_err(hotto::store::StoreError::from)?;
            let today = d("2025-11-25");
            let mut fy = FiscalYear::of(first);
            let mut years = 0;
            while fy <= FiscalYear::of(today) {
                // The whole year (or to today), and as of mid-month in its ninth month.
                let mid = fy.start() + chrono::Months::new(8) + chrono::Days::new(14);
                for as_of in [fy.end().min(today), mid.min(today)] {
                    let by_month = figures::year_by_month(conn, fy, as_of)?;
                    let reference = figures::monthly_by_queries(conn, fy, as_of)?;
                    assert_eq!(by_month.monthly, reference, "{fy:?} as of {as_of}");
                    for (month, ytd) in by_month.monthly.months.iter().zip(&by_month.year_to_date) {
                        let Some(values) = month.figures else {
                            assert!(ytd.is_none());
                            continue;
                        };
                        let five = figures::five_figures(conn, fy, values.counted_to)?;
                        assert_eq!(ytd.as_ref(), Some(&five), "{fy:?} to {}", values.counted_to);
                        assert_eq!(
                            (values.registered, values.continuing),
                            (
                                figures::registered_at(conn, values.counted_to)?,
                                figures::continuing_employed_at(conn, values.counted_to)?
                            )
                        );
                    }
                }
                years += 1;
                fy = fy.next();
            }
            assert!(years >= 5, "the demo has years of history ({years})");
            Ok(())
        })
        .unwrap();
}

/// Whether a plan line reads a big table (by name or by the alias the query gives it) row by
/// row without an index.
fn scans_a_big_table(line: &str, aliases: &[&str]) -> bool {
    let Some(rest) = line.trim().strip_prefix("SCAN ") else {
        return false;
    };
    let table = rest.split_whitespace().next().unwrap_or(rest);
    !rest.contains(" USING ") && (BIG_TABLES.contains(&table) || aliases.contains(&table))
}

#[test]
fn every_screen_query_the_bench_times_reads_through_indexes_at_full_size() {
    let (_open, dir) = shared_demo();
    let (store, director) = Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap();
    // With the demo's statistics (ANALYZE ran after the bulk write), as on a grown center.
    let mut plans: Vec<(String, Vec<String>)> = Vec::new();
    for p in store
        .read(&director, hotto::retention::worklist::query_plans)
        .unwrap()
    {
        plans.push((p.name.to_string(), p.steps));
    }
    for p in hotto::clients::query_plans(&store, &director).unwrap() {
        plans.push((p.name.to_string(), p.lines));
    }
    for p in hotto::records::query_plans(&store, &director).unwrap() {
        plans.push((p.name.to_string(), p.lines));
    }
    assert!(
        plans.len() >= 17,
        "worklists, client list and search, records"
    );
    // The aliases these queries give the big tables (`reg` and `contact` are the check-in
    // query's own intermediate results, read once each).
    let aliases = ["c", "e", "f", "k", "sr", "r", "g", "h", "lr"];
    for (name, lines) in &plans {
        for line in lines {
            assert!(
                !scans_a_big_table(line, &aliases),
                "{name}: full scan in {lines:?}"
            );
        }
    }
    // The check-ins' last done follow-up is an index-only read (migration 0007), not a fetch of
    // every done follow-up row.
    let check_ins = plans
        .iter()
        .find(|(name, _)| name == "check_ins")
        .map(|(_, lines)| lines.join(" "))
        .unwrap_or_default();
    assert!(
        check_ins.contains(
            "COVERING INDEX follow_ups_employment (employment_id=? AND status=? AND done_on<?)"
        ),
        "{check_ins}"
    );
}

#[test]
fn the_demo_follows_the_center_s_rules() {
    let (_open, dir) = shared_demo();
    let (store, director) = Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap();
    let one = |sql: &str| -> i64 {
        store
            .read(&director, |conn| {
                Ok(conn
                    .query_row(sql, [], |r| r.get(0))
                    .map_err(hotto::store::StoreError::from)?)
            })
            .unwrap()
    };
    // Ten staff on 2025-04-01, 8.2 FTE by allocation (the plan states 8.4).
    assert_eq!(
        one("SELECT count(*) FROM staff WHERE joined_on <= '2025-04-01' AND (left_on IS NULL OR left_on >= '2025-04-01')"),
        10
    );
    assert_eq!(
        one("SELECT sum(fte_milli) FROM fte_allocations WHERE from_on <= '2025-04-01' AND (to_on IS NULL OR to_on >= '2025-04-01')"),
        8200
    );
    assert_eq!(
        one("SELECT count(*) FROM staff WHERE user_id IS NOT NULL"),
        3
    );
    assert_eq!(
        one("SELECT count(*) FROM partners WHERE liaison_member = 1"),
        22
    );
    // first_contact_on is each client's earliest consultation.
    assert_eq!(
        one("SELECT count(*) FROM clients c WHERE first_contact_on <> (SELECT min(held_on) FROM consultations WHERE client_id = c.id)"),
        0
    );
    // Nothing happened after today, except what is planned (follow-ups due, hand-overs ending).
    assert_eq!(
        one("SELECT count(*) FROM support_records WHERE done_on > '2025-11-25'"),
        0
    );
    assert_eq!(one("SELECT count(*) FROM employments WHERE started_on > '2025-11-25' OR ended_on > '2025-11-25'"), 0);
    // Follow-ups fall on open days; most past ones are done, some near today are overdue.
    let (due, done): (i64, i64) = (
        one(
            "SELECT count(*) FROM follow_ups WHERE due_on < '2025-10-01' AND status <> 'cancelled'",
        ),
        one("SELECT count(*) FROM follow_ups WHERE due_on < '2025-10-01' AND status = 'done'"),
    );
    assert!(done * 10 >= due * 9, "{done} of {due} done");
    assert!(
        one("SELECT count(*) FROM follow_ups WHERE status = 'open' AND due_on < '2025-11-25'") > 0
    );
    let dues: Vec<NaiveDate> = store
        .read(&director, |conn| {
            let mut stmt = conn
                .prepare("SELECT DISTINCT due_on FROM follow_ups")
                .map_err(hotto::store::StoreError::from)?;
            let rows = stmt
                .query_map([], |r| r.get(0))
                .map_err(hotto::store::StoreError::from)?;
            Ok(rows
                .collect::<rusqlite::Result<Vec<NaiveDate>>>()
                .map_err(hotto::store::StoreError::from)?)
        })
        .unwrap();
    assert!(dues.iter().all(|day| hotto::calendar::is_open_day(*day)));
    // Hand-overs ending within 60 days, check-in candidates and flags exist.
    assert!(
        one("SELECT count(*) FROM handovers WHERE status = 'expected' AND ends_on BETWEEN '2025-11-25' AND '2026-01-24'")
            >= 3
    );
    assert!(
        one("SELECT count(*) FROM client_registrations r WHERE closed_on IS NULL
             AND NOT EXISTS (SELECT 1 FROM support_records s WHERE s.client_id = r.client_id AND s.done_on > '2025-09-26')
             AND NOT EXISTS (SELECT 1 FROM consultations s WHERE s.client_id = r.client_id AND s.held_on > '2025-09-26')")
            > 0
    );
    assert!(one("SELECT count(*) FROM client_flags") > 0);
    // Meetings of a full year: 5 liaison, 7 meetups, 2 drills, 12 staff meetings.
    for (kind, n) in [
        ("liaison", 5),
        ("meetup", 7),
        ("drill", 2),
        ("staff_meeting", 12),
    ] {
        let held = one(&format!(
            "SELECT count(*) FROM meetings WHERE kind = '{kind}' AND held_on BETWEEN '2024-04-01' AND '2025-03-31'"
        ));
        assert_eq!(held, n, "{kind}");
    }
    assert_eq!(one("SELECT count(*) FROM commissions"), 4);
    assert_eq!(
        one("SELECT count(*) FROM audit_log WHERE action = 'demo.build'"),
        1
    );
    // Every row names who wrote it and when.
    assert_eq!(
        one("SELECT count(*) FROM support_records WHERE updated_at = '' OR updated_by IS NULL"),
        0
    );
    // The audit chain verifies.
    let chains = store
        .read(&director, |conn| Ok(hotto::store::audit::verify(conn)?))
        .unwrap();
    assert!(chains.iter().all(|c| c.first_break.is_none()));
}

#[test]
fn a_real_center_is_never_replaced_by_a_demo() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::at(tmp.path().join("real"));
    let center = hotto::store::NewCenter {
        facility_name: "テスト支援センター",
        login: "sato",
        display_name: "佐藤",
        password: "director-pass-1",
    };
    drop(Store::init(&dir, &center).unwrap());
    let options = DemoOptions::new(d("2025-11-25"));
    let e = demo::build(&dir, &options, &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), "already_initialised");
    assert!(Store::sign_in(&dir, "sato", "director-pass-1").is_ok());
}

#[test]
fn the_bench_times_every_case_and_compares_with_a_plain_copy() {
    let (_open, dir) = shared_demo();
    let work = tempfile::tempdir().unwrap();
    let options = BenchOptions {
        scale: 1,
        runs: Runs {
            queries: 3,
            sign_in: 1,
            reports: 1,
            backups: 1,
        },
        work_dir: work.path().to_path_buf(),
        only: Vec::new(),
    };
    let report = bench::run(dir, &options, &mut |_, _, _| {}).unwrap();
    let groups: Vec<&str> = report.rows.iter().map(|r| r.group).collect();
    for group in [
        "open", "home", "worklist", "search", "client", "report", "import", "backup",
    ] {
        assert!(groups.contains(&group), "{group} missing from {groups:?}");
    }
    // Four worklists, four searches, six reports; the client page picked near 500 records.
    let count = |g: &str| report.rows.iter().filter(|r| r.group == g).count();
    assert_eq!(
        (
            count("worklist"),
            count("search"),
            count("report"),
            count("import")
        ),
        (4, 4, 6, 1)
    );
    assert!(report
        .rows
        .iter()
        .any(|r| r.group == "import" && r.case.contains("1000 rows")));
    assert!(report.rows.iter().any(|r| r.case.contains("Argon2id")));
    for row in &report.rows {
        // The sign-in remainder (whole minus Argon2id) may round to zero; every other case takes time.
        let positive = row.median_ms > 0.0 || row.case.contains("difference");
        assert!(
            positive && row.median_ms >= 0.0 && row.median_ms <= row.p95_ms,
            "{row:?}"
        );
        assert_eq!(row.met, row.target_ms.map(|t| row.p95_ms <= t), "{row:?}");
    }
    // Figures and worklists on both files: six queries with a ratio each.
    assert_eq!(report.ratios.len(), 6);
    assert!(report
        .ratios
        .iter()
        .all(|r| r.plain_median_ms > 0.0 && r.ratio > 0.0));
    assert!(report.center.support_records > 150_000);
    assert_eq!(report.today, d("2025-11-25"));
    if cfg!(target_os = "linux") {
        assert!(report.memory.iter().all(|m| m.memory.is_some()));
    }
    // Nothing left behind in the work folder: no plain copy, no backup file.
    let left: Vec<_> = walk(work.path());
    assert!(left.is_empty(), "{left:?}");
    // The demo is recognised for reuse by its scale and today.
    assert_eq!(bench::demo_in(dir).unwrap(), Some((1, d("2025-11-25"))));
}

#[test]
fn the_bench_times_only_the_groups_asked_for() {
    let (_open, dir) = shared_demo();
    let work = tempfile::tempdir().unwrap();
    let options = BenchOptions {
        scale: 1,
        runs: Runs {
            queries: 2,
            sign_in: 1,
            reports: 1,
            backups: 1,
        },
        work_dir: work.path().to_path_buf(),
        only: vec!["worklist".into(), "search".into(), "import".into()],
    };
    let report = bench::run(dir, &options, &mut |_, _, _| {}).unwrap();
    let mut groups: Vec<&str> = report.rows.iter().map(|r| r.group).collect();
    groups.dedup();
    assert_eq!(groups, ["worklist", "search", "import"]);
    // The import is rehearsed: the demo keeps the clients it had before the bench.
    let (store, director) = Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap();
    let clients: i64 = store
        .read(&director, |conn| {
            Ok(conn
                .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
                .map_err(hotto::store::StoreError::from)?)
        })
        .unwrap();
    assert_eq!(clients, report.center.clients);
    assert!(report.ratios.is_empty(), "no plain copy was asked for");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
