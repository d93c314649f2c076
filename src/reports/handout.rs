//! ほっと就労支援連絡会の資料: the handout of one liaison meeting — date, place, programme, the
//! organizations attending (the members, before attendance is recorded) and the center's figures.
//! As the plan's programme has it, the May meeting reports the LAST fiscal year's results
//! (consultations, registered and employed clients, commissioned projects); the other meetings
//! carry this year's figures to the meeting's date (or to the day of printing, if earlier).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::layout::{number, Column, Report, Table};
use super::service::{self, count, day, people};
use super::ReportError;
use crate::calendar::FiscalYear;
use crate::figures::{CommissionResults, ConsultationBreakdown, FiveFigures};
use crate::ids::MeetingId;
use crate::meetings::{Meeting, MeetingKind};
use crate::partners::{Partner, PartnerFilter};
use crate::records::{Channel, Topic};
use crate::session::Session;
use crate::store::Store;
use crate::{CoreError, Result};

/// The month whose meeting reports the last fiscal year (令和6年度のほっと実施事業の報告).
pub const ANNUAL_REPORT_MONTH: u32 = 5;

/// What to print: the handout of a meeting, issued on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoutParams {
    /// The liaison meeting.
    pub meeting_id: MeetingId,
    /// The date of issue printed in the footer.
    pub issued_on: NaiveDate,
}

/// The figures a handout carries: a fiscal year's, to a day.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoutFigures {
    /// Whether these are the last fiscal year's results (the May meeting).
    pub last_year: bool,
    /// The five figures with their targets.
    pub five: FiveFigures,
    /// Consultations by channel and topic.
    pub consultations: ConsultationBreakdown,
    /// Commissioned projects' results.
    pub commissions: Vec<CommissionResults>,
}

/// Everything the handout prints.
#[derive(Clone, Debug, PartialEq)]
pub struct Handout {
    /// The facility's name.
    pub facility: String,
    /// The meeting with its programme and attendance.
    pub meeting: Meeting,
    /// The liaison meeting's member organizations (listed while no attendance is recorded).
    pub members: Vec<Partner>,
    /// The figures.
    pub figures: HandoutFigures,
    /// The date of issue.
    pub issued_on: NaiveDate,
}

/// The handout of a liaison meeting as a PDF (any signed-in user).
pub fn liaison_handout(store: &Store, actor: &Session, params: &HandoutParams) -> Result<Vec<u8>> {
    let meeting = crate::meetings::meeting(store, actor, &params.meeting_id)?;
    if meeting.summary.kind != MeetingKind::Liaison {
        return Err(CoreError::rule(
            "handouts are printed for liaison meetings",
            "連絡会資料は「ほっと就労支援連絡会」の会議についてのみ作成できます。",
        ));
    }
    let held_on = meeting.summary.held_on;
    let last_year = held_on.month() == ANNUAL_REPORT_MONTH;
    // This year's figures run to the meeting, or to the day of printing when that is earlier.
    let (fy, as_of) = if last_year {
        let fy = FiscalYear::of(held_on).previous();
        (fy, fy.end())
    } else {
        (FiscalYear::of(held_on), held_on.min(params.issued_on))
    };
    let figures = store.read(actor, |conn| {
        Ok(HandoutFigures {
            last_year,
            five: crate::figures::five_figures(conn, fy, as_of)?,
            consultations: crate::figures::consultations_by_channel(conn, fy, as_of)?,
            commissions: crate::figures::commission_results(conn, fy, as_of)?,
        })
    })?;
    let members = crate::partners::list_partners(
        store,
        actor,
        &PartnerFilter {
            liaison_member: Some(true),
            ..PartnerFilter::default()
        },
    )?;
    let handout = Handout {
        facility: service::facility(store)?,
        meeting,
        members,
        figures,
        issued_on: params.issued_on,
    };
    service::pdf(render(&handout))
}

/// The liaison meetings held in a fiscal year, to choose one to print a handout for.
pub fn liaison_meetings(
    store: &Store,
    actor: &Session,
    fy: FiscalYear,
) -> Result<Vec<crate::meetings::MeetingSummary>> {
    crate::meetings::meetings(
        store,
        actor,
        Some(MeetingKind::Liaison),
        fy.start(),
        fy.end(),
    )
}

/// The liaison meeting held on `date` (for printing its handout by date).
pub fn liaison_meeting_on(store: &Store, actor: &Session, date: NaiveDate) -> Result<MeetingId> {
    crate::meetings::meetings(store, actor, Some(MeetingKind::Liaison), date, date)?
        .into_iter()
        .next()
        .map(|m| m.id)
        .ok_or(CoreError::NotFound {
            what: crate::meetings::fields::MEETING,
        })
}

fn weekday_ja(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// Lays out the handout.
pub fn render(h: &Handout) -> std::result::Result<Vec<u8>, ReportError> {
    let m = &h.meeting.summary;
    let title = format!("{}　資料", m.title);
    let mut doc = Report::new(service::meta(&h.facility, &title, h.issued_on))?;
    doc.heading(1, &m.title);
    doc.key_value(
        "日時",
        &format!("{}（{}）", day(m.held_on), weekday_ja(m.held_on)),
    );
    if !m.place.trim().is_empty() {
        doc.key_value("場所", &m.place);
    }
    doc.key_value("主催", &h.facility);

    if !h.meeting.programme.trim().is_empty() {
        doc.heading(2, "内容");
        for line in h.meeting.programme.lines().filter(|l| !l.trim().is_empty()) {
            doc.list_item("・", line.trim());
        }
    }
    organizations(&mut doc, h);
    figures(&mut doc, h);
    if !h.meeting.notes.trim().is_empty() {
        doc.heading(2, "連絡事項");
        doc.paragraph(h.meeting.notes.trim());
    }
    doc.finish()
}

/// Organizations in two columns side by side (about 22 fit in eleven rows), read down the
/// left column first, and an optional total on a last row of its own.
fn two_columns(
    title: &str,
    value_title: &str,
    items: &[(String, String)],
    total: Option<(String, String)>,
) -> Table {
    let mut table = Table::new(vec![
        Column::text(title, 62.5),
        Column::number(value_title, 20.0),
        Column::text(title, 62.5),
        Column::number(value_title, 20.0),
    ]);
    let half = items.len().div_ceil(2);
    for i in 0..half {
        let (left_name, left_value) = items[i].clone();
        let (right_name, right_value) = items.get(i + half).cloned().unwrap_or_default();
        table.row([left_name, left_value, right_name, right_value]);
    }
    if let Some((label, value)) = total {
        table.row([label, value, String::new(), String::new()]);
    }
    table
}

fn organizations(doc: &mut Report, h: &Handout) {
    let orgs = &h.meeting.organizations;
    if orgs.is_empty() {
        if h.members.is_empty() {
            return;
        }
        let items: Vec<(String, String)> = h
            .members
            .iter()
            .map(|p| (p.name.clone(), String::new()))
            .collect();
        let table = two_columns("機関名", "参加人数", &items, None);
        doc.heading_with_table(2, "参加機関（連絡会の構成機関）", &table);
        doc.note(&format!(
            "構成機関 {}か所。参加人数は当日記入してください。",
            count(h.members.len() as u32)
        ));
        return;
    }
    let items: Vec<(String, String)> = orgs
        .iter()
        .map(|o| (o.name.clone(), people(o.attendees)))
        .collect();
    let total = (
        format!("計 {}か所", count(h.meeting.summary.organization_count)),
        people(h.meeting.summary.organization_attendees),
    );
    let table = two_columns("機関名", "参加人数", &items, Some(total));
    doc.heading_with_table(2, "参加機関", &table);
}

fn figures(doc: &mut Report, h: &Handout) {
    let f = &h.figures;
    let fy = f.five.fiscal_year;
    let heading = if f.last_year {
        format!("{}のほっと実施事業の報告", fy.name_wareki())
    } else {
        format!(
            "{}の実績（{}現在）",
            fy.name_wareki(),
            day(f.five.counted_to)
        )
    };
    let five = &f.five;
    let stock = if f.last_year {
        "年度末".to_string()
    } else {
        format!("{}現在", service::short_day(five.counted_to))
    };
    let with_targets = five.new_inquiries.target.is_some();
    let mut columns = vec![Column::text("項目", 75.0), Column::number("実績", 40.0)];
    if with_targets {
        columns.push(Column::number("目標", 40.0));
    }
    let mut table = Table::new(columns);
    for (label, figure, actual) in [
        (
            "新規相談者数".to_string(),
            five.new_inquiries,
            people(five.new_inquiries.actual),
        ),
        (
            "　うち新規登録者数".to_string(),
            five.new_registrations,
            people(five.new_registrations.actual),
        ),
        (
            "新規就労者数".to_string(),
            five.new_employed,
            format!(
                "{}（{}件）",
                people(five.new_employed.actual),
                count(five.new_employment_starts)
            ),
        ),
        (
            format!("登録者数（{stock}）"),
            five.registered_end,
            people(five.registered_end.actual),
        ),
        (
            format!("継続就労者数（{stock}）"),
            five.continuing_end,
            people(five.continuing_end.actual),
        ),
    ] {
        let mut row = vec![label, actual];
        if with_targets {
            row.push(figure.target.map(people).unwrap_or_default());
        }
        table.row(row);
    }
    doc.headings_with_table(&[(2, &heading), (3, "登録者・就労者の状況")], &table);

    // Channels and topics side by side: a short table that stays with its heading.
    let c = &f.consultations;
    let mut table = Table::new(vec![
        Column::text("相談の方法", 40.0),
        Column::number("件数", 30.0),
        Column::text("相談の内容", 40.0),
        Column::number("件数", 30.0),
    ]);
    let cases = |n: u32| format!("{}件", count(n));
    let rows = c.by_channel.len().max(c.by_topic.len());
    for i in 0..rows {
        let channel = c.by_channel.get(i).map(|k| {
            let name = Channel::from_db(k.key).map_or(k.key, |c| c.label_ja());
            (name.to_string(), cases(k.count))
        });
        let topic = c.by_topic.get(i).map(|k| {
            let name = Topic::from_db(k.key).map_or(k.key, |t| t.label_ja());
            (name.to_string(), cases(k.count))
        });
        let (a, b) = channel.unwrap_or_default();
        let (t, n) = topic.unwrap_or_default();
        table.row([a, b, t, n]);
    }
    table.row([
        "計".to_string(),
        cases(c.total),
        "計".to_string(),
        cases(c.total),
    ]);
    doc.heading_with_table(3, "相談の状況（延べ件数）", &table);

    commissions(doc, &f.commissions);
}

fn commissions(doc: &mut Report, commissions: &[CommissionResults]) {
    if commissions.is_empty() {
        return;
    }
    let mut table = Table::new(vec![
        Column::text("事業", 80.0),
        Column::text("項目", 45.0),
        Column::number("実績", 30.0),
    ]);
    for c in commissions {
        for (i, metric) in c.metrics.iter().enumerate() {
            let name = if i == 0 {
                c.name.clone()
            } else {
                String::new()
            };
            let value = format!("{}{}", number::integer(metric.total), metric.unit.trim());
            table.row([name, metric.name.clone(), value]);
        }
    }
    doc.heading_with_table(3, "委託事業の実績", &table);
}
