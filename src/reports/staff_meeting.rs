//! 職員会議資料: what the monthly staff meeting goes through, as the plan asks — the month's trial
//! balance (月次試算), the trainings to be reported, follow-ups done and overdue per staff member,
//! and the month's figures with the year to date against the targets. The agenda comes from
//! `meetings::staff_meeting_agenda`, the figures from `figures`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::layout::{number, Column, Report, Table};
use super::service::{self, count, day, difference, short_day};
use super::ReportError;
use crate::calendar::{add_months, FiscalYear};
use crate::figures::{FiveFigures, MonthValues};
use crate::meetings::StaffMeetingAgenda;
use crate::plan::TrialBalanceLine;
use crate::session::Session;
use crate::store::Store;
use crate::{CoreError, Result};

/// What to print: the staff meeting of a month, issued on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMeetingParams {
    /// Calendar year of the month.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The date of issue printed in the footer.
    pub issued_on: NaiveDate,
}

/// Everything the staff-meeting sheet prints.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffMeetingSheet {
    /// The facility's name.
    pub facility: String,
    /// The agenda's data.
    pub agenda: StaffMeetingAgenda,
    /// The month's figures (`None` when the month has not begun).
    pub month: Option<MonthValues>,
    /// The year's figures from April to the month's end.
    pub year_to_date: FiveFigures,
    /// The date of issue.
    pub issued_on: NaiveDate,
}

/// The staff-meeting sheet of a month as a PDF (any signed-in user: the plan reports the trial
/// balance to all staff).
pub fn staff_meeting_sheet(
    store: &Store,
    actor: &Session,
    params: &StaffMeetingParams,
) -> Result<Vec<u8>> {
    let agenda = crate::meetings::staff_meeting_agenda(store, actor, params.year, params.month)?;
    let first = NaiveDate::from_ymd_opt(params.year, params.month, 1).ok_or(CoreError::invalid(
        crate::plan::budget::MONTH,
        crate::error::Problem::OutOfRange { min: 1, max: 12 },
    ))?;
    let last = add_months(first, 1).pred_opt().unwrap_or(first);
    let fy = FiscalYear::of(first);
    let (month, year_to_date) = store.read(actor, |conn| {
        // The month and the year to its end, from one pass (the year to date as
        // `five_figures` as of the month's last day gives it).
        let by_month = crate::figures::year_by_month(conn, fy, last)?;
        let index = by_month
            .monthly
            .months
            .iter()
            .position(|m| m.year == params.year && m.month == params.month);
        let month = index.and_then(|i| by_month.monthly.months[i].figures);
        let year_to_date = match index.and_then(|i| by_month.year_to_date[i].clone()) {
            Some(figures) => figures,
            None => crate::figures::five_figures(conn, fy, last)?,
        };
        Ok((month, year_to_date))
    })?;
    let sheet = StaffMeetingSheet {
        facility: service::facility(store)?,
        agenda,
        month,
        year_to_date,
        issued_on: params.issued_on,
    };
    service::pdf(render(&sheet))
}

/// Lays out the staff-meeting sheet.
pub fn render(s: &StaffMeetingSheet) -> std::result::Result<Vec<u8>, ReportError> {
    let a = &s.agenda;
    let month_name =
        format!("{}{}月", a.fiscal_year.name_wareki(), a.month).replacen("年度", "年度 ", 1);
    let title = "職員会議資料";
    let mut doc = Report::new(service::meta(&s.facility, title, s.issued_on))?;
    doc.heading(1, &format!("{title}（{month_name}）"));
    for m in &a.meetings {
        doc.key_value("開催日", &format!("{}　{}", day(m.held_on), m.title));
    }
    trial_balance(&mut doc, s);
    trainings(&mut doc, s);
    follow_ups(&mut doc, s);
    figures(&mut doc, s);
    doc.finish()
}

fn trial_balance(doc: &mut Report, s: &StaffMeetingSheet) {
    let heading = format!("1　月次試算（{}月分）", s.agenda.month);
    let Some(tb) = &s.agenda.trial_balance else {
        doc.heading(2, &heading);
        doc.paragraph("この年度の事業計画（予算）が登録されていないため、月次試算はありません。");
        return;
    };
    let mut table = Table::new(vec![
        Column::text("科目", 30.0),
        Column::number("予算額", 24.0),
        Column::number("当月実績", 22.0),
        Column::number("累計実績", 22.0),
        Column::number("予算残額", 24.0),
        Column::number("執行率", 17.0),
        Column::number("計画比差異", 26.0),
    ]);
    let line = |table: &mut Table, l: &TrialBalanceLine| {
        table.row([
            l.name.clone(),
            number::integer(l.budget_yen),
            number::integer(l.month_yen),
            number::integer(l.to_date_yen),
            number::integer(l.variance_yen),
            l.execution_permille
                .map(|p| format!("{}%", number::decimal(p as f64 / 10.0, 1)))
                .unwrap_or_else(|| "—".to_string()),
            service::signed(l.pro_rata_variance_yen),
        ]);
    };
    for l in &tb.lines {
        line(&mut table, l);
    }
    line(&mut table, &tb.total);
    doc.heading_with_table(2, &heading, &table);
    doc.note(&format!(
        "金額の単位は円。計画比差異は、予算を12か月に均等に割り振った{}か月分から累計実績を引いた額です（マイナスは計画より支出が進んでいることを示します）。",
        tb.months_elapsed
    ));
}

fn trainings(doc: &mut Report, s: &StaffMeetingSheet) {
    let heading = "2　研修報告";
    if s.agenda.trainings.is_empty() {
        doc.heading(2, heading);
        doc.paragraph("報告する研修はありません。");
        return;
    }
    let mut table = Table::new(vec![
        Column::centered("受講日", 18.0),
        Column::text("職員", 30.0),
        Column::text("研修名", 73.0),
        Column::centered("形式", 22.0),
        Column::centered("報告", 22.0),
    ]);
    for t in &s.agenda.trainings {
        table.row([
            short_day(t.held_on),
            t.staff_name.clone(),
            t.title.clone(),
            if t.online {
                "オンライン"
            } else {
                "集合"
            }
            .to_string(),
            t.report_meeting_on
                .map(short_day)
                .unwrap_or_else(|| "未定".to_string()),
        ]);
    }
    doc.heading_with_table(2, heading, &table);
}

fn follow_ups(doc: &mut Report, s: &StaffMeetingSheet) {
    let heading = "3　定着フォローの実施状況（職員別）";
    let list = &s.agenda.follow_ups;
    if list.is_empty() {
        doc.heading(2, heading);
        doc.paragraph("当月に実施したフォローと期限を過ぎたフォローはありません。");
        return;
    }
    let mut table = Table::new(vec![
        Column::text("職員", 70.0),
        Column::number("当月の実施", 40.0),
        Column::number("期限超過", 40.0),
    ]);
    for f in list {
        table.row([f.name.clone(), count(f.done), count(f.overdue)]);
    }
    table.row([
        "計".to_string(),
        count(list.iter().map(|f| f.done).sum()),
        count(list.iter().map(|f| f.overdue).sum()),
    ]);
    doc.heading_with_table(2, heading, &table);
    doc.note(&format!(
        "期限超過は、予定日が{}より前で、その日までに実施されていないフォローです。",
        day(s.agenda.overdue_before)
    ));
}

fn figures(doc: &mut Report, s: &StaffMeetingSheet) {
    let y = &s.year_to_date;
    let mut table = Table::new(vec![
        Column::text("項目", 55.0),
        Column::number("当月", 24.0),
        Column::number("年度累計", 26.0),
        Column::number("年間目標", 26.0),
        Column::number("目標との差", 26.0),
    ]);
    let month = |f: fn(&MonthValues) -> u32| s.month.as_ref().map(f).map(count).unwrap_or_default();
    let rows = [
        ("新規相談者数", month(|m| m.new_inquiries), y.new_inquiries),
        (
            "　うち新規登録者数",
            month(|m| m.new_registrations),
            y.new_registrations,
        ),
        ("新規就労者数", month(|m| m.new_employed), y.new_employed),
        ("登録者数（月末）", String::new(), y.registered_end),
        ("継続就労者数（月末）", String::new(), y.continuing_end),
    ];
    for (label, this_month, figure) in rows {
        table.row([
            label.to_string(),
            this_month,
            count(figure.actual),
            service::count_or_dash(figure.target),
            difference(figure.actual, figure.target),
        ]);
    }
    doc.heading_with_table(2, &format!("4　{}月の実績", s.agenda.month), &table);
    doc.note(&format!(
        "人数は実人数。登録者数・継続就労者数は{}現在。当月の就職件数 {}件。",
        day(y.counted_to),
        s.month
            .map(|m| count(m.new_employment_starts))
            .unwrap_or_else(|| "0".to_string())
    ));
    doc.key_value(
        "交流スペース",
        &format!(
            "来所者 延べ{}名（記録 {}日）",
            count(s.agenda.dropin_total),
            count(s.agenda.dropin_days)
        ),
    );
}
