//! Commands about the center's work: the demo center, the plan's figures, worklists, client
//! search and FTE. Dates are read as staff write them (和暦 or 西暦), fiscal years as 2025,
//! 令和7年度 or R7; everything else is the core's.

use chrono::NaiveDate;
use clap::{Args as ClapArgs, Subcommand};

use hotto::calendar::{format_wareki, parse_date, FiscalYear};
use hotto::demo::{DemoOptions, DEFAULT_SEED};
use hotto::error::{Field, Problem};
use hotto::figures::{self, FiveFigures, MonthlySeries};
use hotto::{CoreError, DataDir};

use super::progress::ProgressLine;
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
    let built = hotto::demo::build(dir, &options, &mut |p| bar.update(p.stage, p.done, p.total));
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
pub(super) fn pad(label: &str, width: usize) -> String {
    let used: usize = label
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    format!("{label}{}", " ".repeat(width.saturating_sub(used)))
}

/// `hotto worklist`: today's follow-ups, check-ins and hand-overs.
pub fn worklist(dir: &DataDir, user: Option<&str>, args: &WorklistArgs) -> Result<(), CoreError> {
    let (store, session) = sign_in(dir, user)?;
    let staff = match &args.staff {
        Some(name) => Some(find_staff(&store, &session, name)?),
        None => None,
    };
    let today = chrono::Local::now().date_naive();
    let lists = hotto::retention::worklists(&store, &session, today, staff.as_ref())?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&lists).unwrap_or_default()
        );
        return Ok(());
    }
    let follow_ups = [
        ("期限超過の定着フォロー", &lists.overdue),
        ("7日以内の定着フォロー", &lists.due_soon),
    ];
    for (title, items) in follow_ups {
        println!("{title}: {}件", items.len());
        for f in items.iter() {
            let staff = f.staff_name.as_deref().unwrap_or("未割当");
            println!(
                "  {}  {}  {}  {}  {}",
                f.due_on,
                f.client_name,
                f.employer_name,
                f.method.label_ja(),
                staff
            );
        }
    }
    println!("近況確認: {}件", lists.check_ins.len());
    for c in &lists.check_ins {
        let staff = c.main_staff_name.as_deref().unwrap_or("未割当");
        println!(
            "  {}日  {}  最終連絡 {}  {}",
            c.days_since_contact, c.client_name, c.last_contact_on, staff
        );
    }
    println!("終了が近い支援引継ぎ: {}件", lists.handovers.len());
    for h in &lists.handovers {
        println!("  {}  {}  {}", h.ends_on, h.client_name, h.provider_name);
    }
    Ok(())
}

/// The staff member called `name` (spaces, widths and kana forms ignored).
fn find_staff(
    store: &hotto::Store,
    session: &hotto::Session,
    name: &str,
) -> Result<hotto::ids::StaffId, CoreError> {
    let wanted = hotto::clients::normalise_for_search(name);
    hotto::staff::list_staff(store, session)?
        .into_iter()
        .find(|s| {
            hotto::clients::normalise_for_search(&s.name) == wanted
                || hotto::clients::normalise_for_search(&s.kana) == wanted
        })
        .map(|s| s.id)
        .ok_or(CoreError::NotFound { what: STAFF })
}

const STAFF: Field = Field::new("staff", "職員");

/// `hotto client …`.
pub fn client(dir: &DataDir, user: Option<&str>, cmd: &ClientCommand) -> Result<(), CoreError> {
    match cmd {
        ClientCommand::Search { text } => {
            let (store, session) = sign_in(dir, user)?;
            for c in hotto::clients::search_clients(&store, &session, text, 50)? {
                let staff = c.main_staff_name.as_deref().unwrap_or("-");
                println!(
                    "{}  {}（{}）  {}  {}",
                    c.id,
                    c.name,
                    c.kana,
                    c.status.label_ja(),
                    staff
                );
            }
            Ok(())
        }
    }
}

/// `hotto fte`: FTE by role on a day against the plan (director).
pub fn fte(dir: &DataDir, user: Option<&str>, args: &FteArgs) -> Result<(), CoreError> {
    let date = day(DATE, &args.date)?;
    let (store, session) = sign_in(dir, user)?;
    let summary = hotto::staff::fte_summary(&store, &session, date)?;
    let checks = hotto::plan::plan_check(&store, &session, summary.fiscal_year)?;
    if args.json {
        let doc = serde_json::json!({ "summary": summary, "plan_check": checks });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(());
    }
    println!("{} 現在の常勤換算", format_wareki(date));
    for s in &summary.staff {
        let roles: Vec<String> = s
            .roles
            .iter()
            .map(|r| format!("{} {}", r.role.label_ja(), r.fte))
            .collect();
        let per_fte = s
            .caseload_per_fte
            .map(|v| format!("{v:.1}"))
            .unwrap_or_else(|| "-".into());
        println!(
            "  {}  {}  計{}  担当{}名（常勤換算あたり{}）",
            pad(&s.name, 14),
            roles.join("・"),
            s.total_fte,
            s.caseload,
            per_fte
        );
    }
    println!("役割別");
    for r in &summary.roles {
        let plan = r
            .plan_fte
            .map(|f| f.to_string())
            .unwrap_or_else(|| "-".into());
        println!(
            "  {}  {}名 {}（計画 {}）",
            pad(r.role.label_ja(), 28),
            r.head_count,
            r.fte,
            plan
        );
    }
    println!("合計 {}名 {}", summary.total_head_count, summary.total_fte);
    if !checks.is_empty() {
        println!("計画との相違");
        for c in &checks {
            println!("  {}", c.description_ja);
        }
    }
    Ok(())
}
