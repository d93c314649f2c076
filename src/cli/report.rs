//! `hotto report …`: prints the center's PDF reports — the plan, the results, a liaison
//! meeting's handout, the FTE sheet, the staff-meeting sheet and a client's support summary.
//! Dates are read as staff write them (和暦 or 西暦), fiscal years as 2025, 令和7年度 or R7; the
//! file is written through a temporary file, so a failure leaves no half-written PDF.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;

use hotto::calendar::{parse_date, FiscalYear};
use hotto::error::{Field, Problem};
use hotto::ids::{ClientId, MeetingId};
use hotto::reports::{
    self, ClientSummaryParams, FteSheetParams, HandoutParams, PlanReportParams, ResultsParams,
    StaffMeetingParams,
};
use hotto::{CoreError, DataDir};

use super::admin::write_file;
use super::sign_in;

/// 年度.
const FISCAL_YEAR: Field = Field::new("fy", "年度");
/// 基準日.
const AS_OF: Field = Field::new("as_of", "基準日");
/// 日付.
const DATE: Field = Field::new("date", "日付");
/// 月.
const MONTH: Field = Field::new("month", "月");
/// 期間の初め.
const FROM: Field = Field::new("from", "期間の初め");
/// 期間の終わり.
const TO: Field = Field::new("to", "期間の終わり");
/// 会議.
const MEETING: Field = Field::new("meeting", "会議");
/// 利用者.
const CLIENT: Field = Field::new("client", "利用者");

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// 事業計画書 of a fiscal year (director).
    Plan {
        /// Fiscal year: 2025, 令和7年度 or R7.
        #[arg(long, value_name = "YEAR")]
        fy: String,
        /// Output PDF file.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// 実績報告書 of a fiscal year, whole or to a day.
    Results {
        /// Fiscal year: 2025, 令和7年度 or R7.
        #[arg(long, value_name = "YEAR")]
        fy: String,
        /// Count up to this day (和暦 or 西暦; default: the year's end, or today while it runs).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Output PDF file.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// The handout of a liaison meeting, by id or by its date.
    Handout {
        /// The meeting's id.
        #[arg(
            long,
            value_name = "ID",
            required_unless_present = "date",
            conflicts_with = "date"
        )]
        meeting: Option<String>,
        /// The day the meeting is held (和暦 or 西暦).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Output PDF file.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// List the liaison meetings of a fiscal year (id, date, title), to print a handout.
    Meetings {
        /// Fiscal year: 2025, 令和7年度 or R7.
        #[arg(long, value_name = "YEAR")]
        fy: String,
    },
    /// The FTE allocation sheet for a day (director).
    Fte {
        /// The day (和暦 or 西暦).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Output PDF file.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// 職員会議資料 of a month.
    StaffMeeting {
        /// The month: 2025-06, 2025/6 or 令和7年6月.
        #[arg(long, value_name = "MONTH")]
        month: String,
        /// Output PDF file.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// A client's support summary for a period (director or the client's staff; audited).
    Client {
        /// The client's id.
        #[arg(long, value_name = "ID")]
        client: String,
        /// First day of the period (和暦 or 西暦).
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day of the period (和暦 or 西暦).
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Output PDF file.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
}

fn day(field: Field, text: &str) -> Result<NaiveDate, CoreError> {
    parse_date(text).map_err(|e| CoreError::invalid(field, Problem::Date(e)))
}

fn fiscal_year(text: &str) -> Result<FiscalYear, CoreError> {
    FiscalYear::parse(text).map_err(|_| {
        CoreError::invalid(
            FISCAL_YEAR,
            Problem::Format("write e.g. 2025, 令和7年度 or R7"),
        )
    })
}

/// A month as `2025-06`, `2025/6`, `2025年6月` or `令和7年6月` (any day of it also does).
fn month(text: &str) -> Result<(i32, u32), CoreError> {
    let text = text.trim();
    let numeric = text
        .split_once(['-', '/', '.'])
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)));
    if let Some((year, month)) = numeric {
        if NaiveDate::from_ymd_opt(year, month, 1).is_some() {
            return Ok((year, month));
        }
    }
    let date = parse_date(text).or_else(|_| parse_date(&format!("{text}1日")));
    match date {
        Ok(date) => Ok((date.year(), date.month())),
        Err(_) => Err(CoreError::invalid(
            MONTH,
            Problem::Format("write e.g. 2025-06 or 令和7年6月"),
        )),
    }
}

fn id(field: Field, text: &str) -> Result<String, CoreError> {
    let text = text.trim();
    if hotto::ids::is_id(text) {
        Ok(text.to_string())
    } else {
        Err(CoreError::invalid(
            field,
            Problem::Format("an id as listed by hotto"),
        ))
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl ReportCommand {
    /// The PDF file asked for (none for the list of meetings).
    fn output(&self) -> Option<&Path> {
        match self {
            ReportCommand::Plan { output, .. }
            | ReportCommand::Results { output, .. }
            | ReportCommand::Handout { output, .. }
            | ReportCommand::Fte { output, .. }
            | ReportCommand::StaffMeeting { output, .. }
            | ReportCommand::Client { output, .. } => Some(output),
            ReportCommand::Meetings { .. } => None,
        }
    }
}

/// Runs one `hotto report` command.
pub fn report(dir: &DataDir, user: Option<&str>, cmd: ReportCommand) -> Result<(), CoreError> {
    // A refused folder is found before any work is done or audited.
    if let Some(output) = cmd.output() {
        hotto::store::slots::check_writable(output)?;
    }
    let issued_on = today();
    // Parse everything before asking for the password.
    let (pdf, output) = match cmd {
        ReportCommand::Plan { fy, output } => {
            let params = PlanReportParams {
                fiscal_year: fiscal_year(&fy)?,
                issued_on,
            };
            let (store, session) = sign_in(dir, user)?;
            (reports::plan_report(&store, &session, &params)?, output)
        }
        ReportCommand::Results { fy, as_of, output } => {
            let fiscal_year = fiscal_year(&fy)?;
            let as_of = match as_of {
                Some(text) => day(AS_OF, &text)?,
                None => fiscal_year.end().min(issued_on),
            };
            let params = ResultsParams {
                fiscal_year,
                as_of: Some(as_of),
                issued_on,
            };
            let (store, session) = sign_in(dir, user)?;
            (reports::results_report(&store, &session, &params)?, output)
        }
        ReportCommand::Handout {
            meeting,
            date,
            output,
        } => {
            let meeting = meeting.map(|m| id(MEETING, &m)).transpose()?;
            let date = date.map(|d| day(DATE, &d)).transpose()?;
            let (store, session) = sign_in(dir, user)?;
            let meeting_id = match (meeting, date) {
                (Some(id), _) => MeetingId(id),
                (None, Some(date)) => reports::liaison_meeting_on(&store, &session, date)?,
                (None, None) => return Err(CoreError::invalid(MEETING, Problem::Empty)),
            };
            let params = HandoutParams {
                meeting_id,
                issued_on,
            };
            (reports::liaison_handout(&store, &session, &params)?, output)
        }
        ReportCommand::Meetings { fy } => {
            let fy = fiscal_year(&fy)?;
            let (store, session) = sign_in(dir, user)?;
            for m in reports::liaison_meetings(&store, &session, fy)? {
                println!("{}  {}  {}", m.id, m.held_on, m.title);
            }
            return Ok(());
        }
        ReportCommand::Fte { date, output } => {
            let params = FteSheetParams {
                date: day(DATE, &date)?,
                issued_on,
            };
            let (store, session) = sign_in(dir, user)?;
            (reports::fte_sheet(&store, &session, &params)?, output)
        }
        ReportCommand::StaffMeeting {
            month: text,
            output,
        } => {
            let (year, month) = month(&text)?;
            let params = StaffMeetingParams {
                year,
                month,
                issued_on,
            };
            let (store, session) = sign_in(dir, user)?;
            (
                reports::staff_meeting_sheet(&store, &session, &params)?,
                output,
            )
        }
        ReportCommand::Client {
            client,
            from,
            to,
            output,
        } => {
            let params = ClientSummaryParams {
                client_id: ClientId(id(CLIENT, &client)?),
                from: day(FROM, &from)?,
                to: day(TO, &to)?,
                issued_on,
            };
            let (mut store, session) = sign_in(dir, user)?;
            (
                reports::client_summary(&mut store, &session, &params)?,
                output,
            )
        }
    };
    write_pdf(&output, &pdf)
}

fn write_pdf(output: &Path, pdf: &[u8]) -> Result<(), CoreError> {
    write_file(output, pdf)?;
    println!(
        "Wrote {} ({} KB)",
        output.display(),
        pdf.len().div_ceil(1024)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_in_western_and_japanese_forms() {
        assert_eq!(month("2025-06").unwrap(), (2025, 6));
        assert_eq!(month("2025/6").unwrap(), (2025, 6));
        assert_eq!(month("令和7年6月").unwrap(), (2025, 6));
        assert_eq!(month("2025年6月").unwrap(), (2025, 6));
        assert_eq!(month("R7.6.15").unwrap(), (2025, 6));
        assert!(month("2025-13").is_err());
        assert!(month("六月").is_err());
    }
}
