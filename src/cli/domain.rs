//! Commands about the center's work: the demo center, the plan's figures, worklists, client
//! search and FTE. Dates are read as staff write them (和暦 or 西暦), fiscal years as 2025,
//! 令和7年度 or R7; everything else is the core's.

use std::io::Write;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};

use hotto::calendar::{format_wareki, parse_date, FiscalYear};
use hotto::demo::{DemoOptions, DemoProgress, DEFAULT_SEED};
use hotto::error::{Field, Problem};
use hotto::figures::{self, FiveFigures, MonthlySeries};
use hotto::{CoreError, DataDir};

use super::sign_in;

/// 年度.
const FISCAL_YEAR: Field = Field::new("fy", "年度");
/// 基準日.
const AS_OF: Field = Field::new("as_of", "基準日");
/// 日付.
const DATE: Field = Field::new("date", "日付");

#[derive(Debug, ClapArgs)]
pub struct DemoArgs {
    /// Size: 1 is the reference center (666 registered on 2024-12-31), 10 ten times that.
    #[arg(long, default_value_t = 1)]
    pub scale: u32,
    /// PRNG seed: the same seed, scale and day give the same center.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// The demo's today (和暦 or 西暦; default: today).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct StatsArgs {
    /// Fiscal year: 2025, 令和7年度 or R7.
    #[arg(long, value_name = "YEAR")]
    pub fy: String,
    /// Count up to this day (和暦 or 西暦; default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Print JSON: the five figures and the monthly series.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, ClapArgs)]
pub struct WorklistArgs {
    /// Only this staff member's work (name as in the staff list).
    #[arg(long, value_name = "NAME")]
    pub staff: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Find clients by name or kana (any width, katakana or hiragana).
    Search {
        /// Part of a name or its reading.
        text: String,
    },
}

#[derive(Debug, ClapArgs)]
pub struct FteArgs {
    /// The day (和暦 or 西暦).
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn day(field: Field, text: &str) -> Result<NaiveDate, CoreError> {
    parse_date(text).map_err(|e| CoreError::invalid(field, Problem::Date(e)))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn not_wired(command: &str) -> CoreError {
    CoreError::rule(
        format!("`hotto {command}` is not wired yet"),
        format!("「{command}」はまだ使えません。"),
    )
}

/// `hotto demo`: builds the demo center, with a progress line when it takes a while.
pub fn demo(dir: &DataDir, args: &DemoArgs) -> Result<(), CoreError> {
    let today = match &args.today {
        Some(text) => day(hotto::demo::fields::TODAY, text)?,
        None => today(),
    };
    let options = DemoOptions {
        scale: args.scale,
        seed: args.seed,
        today,
    };
    let mut bar = ProgressLine::new();
    let built = hotto::demo::build(dir, &options, &mut |p| bar.show(p));
    bar.finish();
    let summary = built?;
    println!(
        "Demo center built in {} ({:.1} s): {} clients, {} support records, {} consultations, {} employments, {} follow-ups",
        dir.path().display(),
        summary.seconds,
        summary.clients,
        summary.support_records,
        summary.consultations,
        summary.employments,
        summary.follow_ups
    );
    for a in summary.accounts {
        println!(
            "  {:<12} {:<9} {}  password: {}",
            a.login,
            a.role.as_db(),
            a.display_name,
            a.password
        );
    }
    Ok(())
}

/// A `done/total` line on stderr with elapsed and estimated time left, shown only once the work
/// has taken more than a second.
struct ProgressLine {
    started: Instant,
    last: Option<Instant>,
}

impl ProgressLine {
    fn new() -> Self {
        ProgressLine {
            started: Instant::now(),
            last: None,
        }
    }

    fn show(&mut self, p: &DemoProgress) {
        let elapsed = self.started.elapsed();
        let due = self
            .last
            .is_none_or(|last| last.elapsed() >= Duration::from_millis(250));
        if elapsed < Duration::from_secs(1) || !due {
            return;
        }
        self.last = Some(Instant::now());
        let line = if p.total == 0 {
            format!("{}… {}", p.stage, seconds(elapsed))
        } else {
            let fraction = p.done as f64 / p.total as f64;
            let left = if fraction > 0.01 {
                format!(
                    ", ~{} left",
                    seconds(elapsed.mul_f64((1.0 - fraction) / fraction))
                )
            } else {
                String::new()
            };
            format!(
                "{}: {}/{} ({:.0}%) {} elapsed{}",
                p.stage,
                p.done,
                p.total,
                fraction * 100.0,
                seconds(elapsed),
                left
            )
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line:<78}");
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.last.is_some() {
            eprintln!();
        }
    }
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// `hotto stats`: the five figures of a fiscal year against its plan's targets.
pub fn stats(dir: &DataDir, user: Option<&str>, args: &StatsArgs) -> Result<(), CoreError> {
    let fy = FiscalYear::parse(&args.fy).map_err(|_| {
        CoreError::invalid(
            FISCAL_YEAR,
            Problem::Format("write e.g. 2025, 令和7年度 or R7"),
        )
    })?;
    let as_of = match &args.as_of {
        Some(text) => day(AS_OF, text)?,
        None => today(),
    };
    let (store, session) = sign_in(dir, user)?;
    let (five, monthly) = store.read(&session, |conn| {
        Ok((
            figures::five_figures(conn, fy, as_of)?,
            figures::monthly(conn, fy, as_of)?,
        ))
    })?;
    if args.json {
        let json = serde_json::json!({ "five_figures": five, "monthly": monthly });
        println!(
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        );
    } else {
        print_five(&five);
        print_monthly(&monthly);
    }
    Ok(())
}

fn print_five(five: &FiveFigures) {
    println!(
        "{}（{}年度） {}現在",
        five.fiscal_year.name_wareki(),
        five.fiscal_year.year(),
        format_wareki(five.counted_to)
    );
    println!("{}{:>8}{:>8}", pad("", 20), "実績", "目標");
    for (kind, figure) in five.rows() {
        let target = figure.target.map_or("-".to_string(), |t| t.to_string());
        let note = match kind {
            figures::FigureKind::NewEmployed => {
                format!("  （就労件数 {}）", five.new_employment_starts)
            }
            _ => String::new(),
        };
        println!(
            "{}{:>10}{:>10}{note}",
            pad(kind.label_ja(), 20),
            figure.actual,
            target
        );
    }
}

fn print_monthly(monthly: &MonthlySeries) {
    println!();
    println!("月別（新規は各月、登録者・継続就労者は月末または基準日）");
    println!("  月  新規相談 新規登録 新規就労  登録者 継続就労");
    for m in &monthly.months {
        match m.figures {
            Some(v) => println!(
                "{:>3}月 {:>8} {:>8} {:>8} {:>7} {:>8}",
                m.month,
                v.new_inquiries,
                v.new_registrations,
                v.new_employed,
                v.registered,
                v.continuing
            ),
            None => println!("{:>3}月 {:>8}", m.month, "-"),
        }
    }
}

/// `label` padded to `width` columns, counting full-width characters as two.
fn pad(label: &str, width: usize) -> String {
    let used: usize = label
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    format!("{label}{}", " ".repeat(width.saturating_sub(used)))
}

/// `hotto worklist`: today's follow-ups, check-ins and hand-overs.
pub fn worklist(_dir: &DataDir, _user: Option<&str>, args: &WorklistArgs) -> Result<(), CoreError> {
    let _ = (&args.staff, args.json);
    // TODO(merge): sign in, resolve --staff with the staff module, then call the retention
    // worklist (follow-ups due, check-in candidates, hand-overs ending within 60 days) and print
    // it (table or JSON).
    Err(not_wired("worklist"))
}

/// `hotto client …`.
pub fn client(_dir: &DataDir, _user: Option<&str>, cmd: &ClientCommand) -> Result<(), CoreError> {
    match cmd {
        ClientCommand::Search { text } => {
            let _ = text;
            // TODO(merge): sign in and call clients::search (audited as the clients module
            // decides), then print id, name, kana and status per line.
            Err(not_wired("client search"))
        }
    }
}

/// `hotto fte`: FTE by role on a day against the plan.
pub fn fte(_dir: &DataDir, _user: Option<&str>, args: &FteArgs) -> Result<(), CoreError> {
    let date = day(DATE, &args.date)?;
    let _ = (date, args.json);
    // TODO(merge): sign in (director) and call the staff module's FTE summary for `date`, then
    // print it (table or JSON).
    Err(not_wired("fte"))
}
