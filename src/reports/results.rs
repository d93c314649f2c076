//! 実績報告書: a fiscal year's results, for the whole year or to an as-of date — the five figures
//! against the plan's targets, the months April to March in a table and in charts of the running
//! totals against the target's pace, then the breakdowns ([`breakdowns`]). Every number is from
//! `figures` (the meeting list from `meetings`); this module only places them.

mod breakdowns;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::layout::{BarChart, Column, Report, Series, Table};
use super::service::{self, count, day, difference, month_label, rate};
use super::ReportError;
use crate::calendar::FiscalYear;
use crate::figures::{Breakdowns, Figure, FiveFigures, MonthlySeries};
use crate::meetings::{MeetingKind, MeetingSummary};
use crate::session::Session;
use crate::store::Store;
use crate::Result;

/// What to print: a fiscal year's results as of a day, issued on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsParams {
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// Count up to this day; `None`: the whole year, or up to the day of issue while it runs.
    pub as_of: Option<NaiveDate>,
    /// The date of issue printed in the footer.
    pub issued_on: NaiveDate,
}

/// Everything the results report prints, gathered from `figures` and `meetings`.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsReport {
    /// The facility's name.
    pub facility: String,
    /// The five figures of the year to the as-of date, with targets.
    pub five: FiveFigures,
    /// The months, April to March.
    pub monthly: MonthlySeries,
    /// The five figures from April to each month's end (`None` for months not begun).
    pub year_to_date: Vec<Option<FiveFigures>>,
    /// The breakdowns.
    pub breakdowns: Breakdowns,
    /// Liaison meetings, meetups and drills held in the counted days.
    pub meetings: Vec<MeetingSummary>,
    /// The date of issue.
    pub issued_on: NaiveDate,
}

/// The 実績報告書 of a fiscal year as a PDF (any signed-in user: it holds counts only).
pub fn results_report(store: &Store, actor: &Session, params: &ResultsParams) -> Result<Vec<u8>> {
    let report = gather(store, actor, params)?;
    service::pdf(render(&report))
}

/// Reads the figures of the results report.
pub fn gather(store: &Store, actor: &Session, params: &ResultsParams) -> Result<ResultsReport> {
    let fy = params.fiscal_year;
    // Without an as-of date the report runs to the end of the year, or to the day of
    // issue for a year still in progress: results cannot include days to come.
    let as_of = params.as_of.unwrap_or(fy.end().min(params.issued_on));
    let (five, monthly, year_to_date, breakdowns) = store.read(actor, |conn| {
        // The months and the year to each month's end in one pass over the year.
        let by_month = crate::figures::year_by_month(conn, fy, as_of)?;
        Ok((
            crate::figures::five_figures(conn, fy, as_of)?,
            by_month.monthly,
            by_month.year_to_date,
            crate::figures::breakdowns(conn, fy, as_of)?,
        ))
    })?;
    let meetings = match crate::figures::counted_days(fy, as_of) {
        Some((from, to)) => crate::meetings::meetings(store, actor, None, from, to)?
            .into_iter()
            .filter(|m| {
                matches!(
                    m.kind,
                    MeetingKind::Liaison | MeetingKind::Meetup | MeetingKind::Drill
                )
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(ResultsReport {
        facility: service::facility(store)?,
        five,
        monthly,
        year_to_date,
        breakdowns,
        meetings,
        issued_on: params.issued_on,
    })
}

/// Whether the report covers the whole year (as of its end or later).
fn whole_year(r: &ResultsReport) -> bool {
    r.five.counted_to >= r.five.fiscal_year.end()
}

/// Lays out the results report.
pub fn render(r: &ResultsReport) -> std::result::Result<Vec<u8>, ReportError> {
    let fy = r.five.fiscal_year;
    let title = format!("{} 実績報告書", fy.name_wareki());
    let mut doc = Report::new(service::meta(&r.facility, &title, r.issued_on))?;
    doc.heading(1, &title);
    let period = format!(
        "{}～{}",
        day(fy.start()),
        day(r.five.counted_to.max(fy.start()))
    );
    doc.key_value("施設名", &r.facility);
    doc.key_value("対象期間", &period);
    if !whole_year(r) {
        doc.note(&format!(
            "年度の途中（{}現在）の実績です。登録者数・継続就労者数はこの日の人数です。",
            day(r.five.counted_to)
        ));
    }
    summary(&mut doc, r);
    monthly_table(&mut doc, r);
    charts(&mut doc, r);
    breakdowns::render(&mut doc, r);
    doc.finish()
}

/// One line of the summary: name, target, actual, rate and difference.
fn figure_row(table: &mut Table, label: &str, figure: Figure, actual_text: String) {
    table.row([
        label.to_string(),
        service::count_or_dash(figure.target),
        actual_text,
        figure
            .target
            .map(|t| rate(figure.actual, t))
            .unwrap_or_else(|| "—".to_string()),
        difference(figure.actual, figure.target),
    ]);
}

fn summary(doc: &mut Report, r: &ResultsReport) {
    let f = &r.five;
    let mut table = Table::new(vec![
        Column::text("項目", 60.0),
        Column::number("目標", 22.0),
        Column::number("実績", 32.0),
        Column::number("達成率", 24.0),
        Column::number("目標との差", 27.0),
    ]);
    let people = |n: u32| count(n);
    let stock = if whole_year(r) {
        "年度終了時点".to_string()
    } else {
        format!("{}現在", service::short_day(f.counted_to))
    };
    figure_row(
        &mut table,
        "新規相談者数",
        f.new_inquiries,
        people(f.new_inquiries.actual),
    );
    figure_row(
        &mut table,
        "　うち新規登録者数",
        f.new_registrations,
        people(f.new_registrations.actual),
    );
    figure_row(
        &mut table,
        "新規就労者数",
        f.new_employed,
        format!(
            "{}（{}件）",
            people(f.new_employed.actual),
            count(f.new_employment_starts)
        ),
    );
    figure_row(
        &mut table,
        &format!("登録者数（{stock}）"),
        f.registered_end,
        people(f.registered_end.actual),
    );
    figure_row(
        &mut table,
        &format!("継続就労者数（{stock}）"),
        f.continuing_end,
        people(f.continuing_end.actual),
    );
    doc.heading_with_table(2, "1　実績目標数と実績", &table);
    doc.note(
        "人数は実人数（名）。新規相談者数は初回相談日が年度内の人、新規登録者数は利用登録日が年度内の人、\
         新規就労者数は年度内に就職した人（括弧内は就職件数）。継続就労者数は利用登録中で就労が続いている人です。",
    );
    if f.new_inquiries.target.is_none() {
        doc.note("この年度の事業計画（実績目標数）が登録されていないため、目標は空欄です。");
    }
}

fn monthly_table(doc: &mut Report, r: &ResultsReport) {
    let mut table = Table::new(vec![
        Column::centered("月", 14.0),
        Column::number("新規相談者", 22.0),
        Column::number("累計", 17.0),
        Column::number("うち新規登録", 24.0),
        Column::number("新規就労者（件数）", 28.0),
        Column::number("累計", 17.0),
        Column::number("登録者（月末）", 21.0),
        Column::number("継続就労者（月末）", 22.0),
    ]);
    for (m, ytd) in r.monthly.months.iter().zip(&r.year_to_date) {
        let label = month_label(m.month);
        match (m.figures, ytd) {
            (Some(v), Some(ytd)) => table.row([
                label,
                count(v.new_inquiries),
                count(ytd.new_inquiries.actual),
                count(v.new_registrations),
                format!(
                    "{}（{}）",
                    count(v.new_employed),
                    count(v.new_employment_starts)
                ),
                count(ytd.new_employed.actual),
                count(v.registered),
                count(v.continuing),
            ]),
            _ => table.row(
                [label]
                    .into_iter()
                    .chain(std::iter::repeat_n(String::new(), 7)),
            ),
        };
    }
    let f = &r.five;
    table.row([
        "年度計".to_string(),
        count(f.new_inquiries.actual),
        String::new(),
        count(f.new_registrations.actual),
        format!(
            "{}（{}）",
            count(f.new_employed.actual),
            count(f.new_employment_starts)
        ),
        String::new(),
        count(f.registered_end.actual),
        count(f.continuing_end.actual),
    ]);
    if f.new_inquiries.target.is_some() {
        table.row([
            "目標".to_string(),
            service::count_or_dash(f.new_inquiries.target),
            String::new(),
            service::count_or_dash(f.new_registrations.target),
            service::count_or_dash(f.new_employed.target),
            String::new(),
            service::count_or_dash(f.registered_end.target),
            service::count_or_dash(f.continuing_end.target),
        ]);
    }
    doc.heading_with_table(2, "2　月別の実績", &table);
    doc.note(
        "月の欄はその月に初めて数えた実人数、累計は4月からその月末までの実人数です。\
         同じ人が別の月に再び就職・登録すると各月に数えるため、月の合計が年度計を上回ることがあります。",
    );
}

/// The running totals of a figure against its target's pace (target × months ÷ 12).
fn pace_chart(
    r: &ResultsReport,
    title: &str,
    actual: impl Fn(&FiveFigures) -> Figure,
) -> Option<BarChart> {
    let target = actual(&r.five).target?;
    let categories = r
        .monthly
        .months
        .iter()
        .map(|m| month_label(m.month))
        .collect();
    let values = r
        .year_to_date
        .iter()
        .map(|ytd| ytd.as_ref().map_or(0.0, |f| f64::from(actual(f).actual)))
        .collect();
    let pace = (1..=12)
        .map(|m| (f64::from(target) * f64::from(m) / 12.0).round())
        .collect();
    Some(BarChart {
        title: title.to_string(),
        unit: "人".to_string(),
        categories,
        series: vec![
            Series::new("実績（累計）", values),
            Series::new("目標のペース", pace),
        ],
        height_mm: 50.0,
        ..BarChart::default()
    })
}

fn charts(doc: &mut Report, r: &ResultsReport) {
    let charts: Vec<BarChart> = [
        pace_chart(r, "新規相談者数の累計と目標のペース", |f| {
            f.new_inquiries
        }),
        pace_chart(r, "新規就労者数の累計と目標のペース", |f| {
            f.new_employed
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if charts.is_empty() {
        return;
    }
    for chart in &charts {
        doc.bar_chart(chart);
    }
    doc.note("目標のペースは年間目標を12か月に均等に割り振った各月末までの人数（四捨五入）です。");
}
