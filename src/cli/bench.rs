//! `hotto bench`: builds (or reuses) a demo center of the given scale, times every case with
//! `hotto::bench`, and prints one aligned table (or JSON). The demo is built by a child `hotto
//! demo` process, so that the memory the build needs is not counted against the core.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args as ClapArgs;

use hotto::bench::{self, BenchOptions, BenchReport, Runs, BENCH_TODAY};
use hotto::store::StoreError;
use hotto::{CoreError, DataDir};

use super::domain::pad;
use super::progress::ProgressLine;

#[derive(Debug, ClapArgs)]
pub struct BenchArgs {
    /// Size of the demo center: 10 is ten times the reference center (~2 million records).
    #[arg(long, default_value_t = 10)]
    pub scale: u32,
    /// Timed runs of each query (reports, sign-in and backups take fewer).
    #[arg(long, value_name = "N")]
    pub runs: Option<usize>,
    /// Verified backups to time (each writes, reads back and checks the whole database: at
    /// scale 10 that is minutes; 0 skips them).
    #[arg(long, value_name = "N", default_value_t = Runs::default().backups)]
    pub backups: usize,
    /// Keep the demo center built in a temporary folder (its path is printed) to reuse it
    /// with `--data-dir`.
    #[arg(long)]
    pub keep: bool,
    /// Print JSON instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Time only these groups (comma-separated: open, home, worklist, search, client, report,
    /// import, ratio, backup), to check one change quickly.
    #[arg(long, value_name = "GROUPS", value_delimiter = ',', value_parser = clap::builder::PossibleValuesParser::new(bench::GROUPS))]
    pub only: Vec<String>,
}

/// Runs the benchmark on `data_dir` (only when given on the command line: the user's own data
/// folder is never used) or on a demo built in a temporary folder.
pub fn bench(data_dir: Option<&Path>, args: &BenchArgs) -> Result<(), CoreError> {
    let scratch = scratch_dir();
    let (dir, temporary) = match data_dir {
        Some(path) => (DataDir::at(path), false),
        None => (DataDir::at(scratch.join("demo")), true),
    };
    let work_dir = scratch.join("work");
    std::fs::create_dir_all(&work_dir).map_err(|e| StoreError::io("create", &work_dir, e))?;
    let result = measure(&dir, &work_dir, args);
    let _ = std::fs::remove_dir_all(&work_dir);
    if temporary && !args.keep {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    let report = result?;
    if args.json {
        let text = serde_json::to_string_pretty(&report).unwrap_or_default();
        println!("{text}");
    } else {
        print_table(&report);
    }
    if temporary && args.keep {
        eprintln!(
            "The demo center was kept in {} (rerun with --data-dir).",
            dir.path().display()
        );
    }
    Ok(())
}

fn measure(dir: &DataDir, work_dir: &Path, args: &BenchArgs) -> Result<BenchReport, CoreError> {
    if bench::demo_in(dir)? == Some((args.scale, BENCH_TODAY)) {
        eprintln!("Reusing the demo center in {}.", dir.path().display());
    } else {
        build_demo(dir.path(), args.scale)?;
    }
    let mut runs = Runs::default();
    if let Some(n) = args.runs {
        runs.queries = n.max(1);
    }
    runs.backups = args.backups;
    let options = BenchOptions {
        scale: args.scale,
        runs,
        work_dir: work_dir.to_path_buf(),
        only: args.only.clone(),
    };
    let mut bar = ProgressLine::new();
    let report = bench::run(dir, &options, &mut |stage, done, total| {
        bar.update(stage, done, total)
    });
    bar.finish();
    report
}

/// `hotto --data-dir DIR demo --scale N --today 2025-11-25` in a child process, its progress
/// line on our stderr and its summary too (stdout stays for the table or the JSON).
fn build_demo(dir: &Path, scale: u32) -> Result<(), CoreError> {
    let exe = std::env::current_exe().map_err(|e| StoreError::io("find", Path::new("hotto"), e))?;
    let status = Command::new(&exe)
        .arg("--data-dir")
        .arg(dir)
        .args(["demo", "--scale", &scale.to_string(), "--today"])
        .arg(BENCH_TODAY.to_string())
        .stdout(std::io::stderr())
        .status()
        .map_err(|e| StoreError::io("run", &exe, e))?;
    if status.success() {
        Ok(())
    } else {
        Err(CoreError::rule(
            "the demo center could not be built",
            "デモのデータを作成できませんでした。",
        ))
    }
}

/// Prints the report as one aligned table.
fn print_table(r: &BenchReport) {
    let c = &r.center;
    println!(
        "ほっと bench: demo center at scale {} ({} clients, {} support records, {} consultations, {} follow-ups; database {:.0} MB), today {}",
        c.scale,
        c.clients,
        c.support_records,
        c.consultations,
        c.follow_ups,
        c.database_bytes as f64 / 1_048_576.0,
        r.today
    );
    println!();
    println!(
        "{}{:>5}{:>11}{:>11}{:>10}  met",
        pad("case", 52),
        "runs",
        "median ms",
        "p95 ms",
        "target"
    );
    let mut group = "";
    for row in &r.rows {
        if row.group != group {
            group = row.group;
            println!("{group}");
        }
        println!(
            "{}{:>5}{:>11.1}{:>11.1}{:>10}  {}",
            pad(&format!("  {}", row.case), 52),
            row.runs,
            row.median_ms,
            row.p95_ms,
            row.target_ms
                .map_or("-".to_string(), |t| format!("≤{t:.0}")),
            verdict(row.met)
        );
    }
    println!();
    println!(
        "{}{:>11}{:>11}{:>9}{:>8}  met",
        pad("encrypted vs plain SQLite (medians)", 52),
        "encr. ms",
        "plain ms",
        "ratio",
        "target"
    );
    for row in &r.ratios {
        println!(
            "{}{:>11.2}{:>11.2}{:>9.2}{:>8}  {}",
            pad(&format!("  {}", row.case), 52),
            row.encrypted_median_ms,
            row.plain_median_ms,
            row.ratio,
            format!("≤{}", row.target),
            verdict(Some(row.met))
        );
    }
    println!();
    println!(
        "{}{:>11}{:>11}{:>10}  met",
        pad("memory of this process (RSS)", 52),
        "now MB",
        "peak MB",
        "target"
    );
    for row in &r.memory {
        let (now, peak) = row
            .memory
            .map_or(("n/a".to_string(), "n/a".to_string()), |m| {
                (format!("{:.1}", m.current_mb), format!("{:.1}", m.peak_mb))
            });
        println!(
            "{}{:>11}{:>11}{:>10}  {}",
            pad(&format!("  {}", row.case), 52),
            now,
            peak,
            row.target_mb
                .map_or("-".to_string(), |t| format!("≤{t:.0}")),
            verdict(row.met)
        );
    }
    let (met, all) = r.targets_met();
    println!();
    println!(
        "{met} of {all} targets met; measured in {:.0} s (without building the demo).",
        r.seconds
    );
    if let Some((start, end)) = r.load_average {
        println!(
            "Load average {start:.1} at the start, {end:.1} at the end, on {} cores{}.",
            r.cores,
            if start.max(end) > r.cores as f64 {
                ": other work competed for the CPU, so the times are longer than on a quiet machine"
            } else {
                ""
            }
        );
    }
}

fn verdict(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "",
    }
}

/// The temporary folder of this run: the demo (without `--data-dir`), the plain copy, backups.
fn scratch_dir() -> PathBuf {
    std::env::temp_dir().join(format!("hotto-bench-{}", std::process::id()))
}
