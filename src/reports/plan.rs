//! 事業計画書: a fiscal year's plan in the seed's section order (はじめに … 資金計画). The narrative
//! is the plan's own text; every number in it comes from the data — registered and continuing
//! clients on the plan's date from `figures`, staffing by role from the FTE summary, targets,
//! opening hours, the meeting programme, disaster duties and the budget from the plan's records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::layout::{number, Column, Report, Table};
use super::service::{self, count, day, people};
use super::ReportError;
use crate::calendar::FiscalYear;
use crate::plan::{BudgetLine, Plan, PlanSection, PlannedSession, SectionKey};
use crate::session::Session;
use crate::staff::FteSummary;
use crate::store::Store;
use crate::Result;

/// What to print: the plan of a fiscal year, issued on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanReportParams {
    /// The plan's fiscal year.
    pub fiscal_year: FiscalYear,
    /// The date of issue printed in the footer.
    pub issued_on: NaiveDate,
}

/// Everything the plan report prints, gathered from the data.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanReport {
    /// The facility's name.
    pub facility: String,
    /// The plan, whole.
    pub plan: Plan,
    /// The day the registered and continuing counts are taken on.
    pub figures_on: NaiveDate,
    /// 利用登録者数 on `figures_on` (figures).
    pub registered: u32,
    /// 継続就労者数 on `figures_on` (figures).
    pub continuing: u32,
    /// Staffing on the plan's staffing date (FTE summary).
    pub staffing: FteSummary,
    /// The budget lines of the year.
    pub budget: Vec<BudgetLine>,
    /// The date of issue.
    pub issued_on: NaiveDate,
}

/// The 事業計画書 of a fiscal year as a PDF (director only: it carries the staffing summary).
pub fn plan_report(store: &Store, actor: &Session, params: &PlanReportParams) -> Result<Vec<u8>> {
    actor.require_director("print the plan")?;
    let fy = params.fiscal_year;
    let plan = crate::plan::plan(store, actor, fy)?;
    let day_before = fy.start().pred_opt().unwrap_or(fy.start());
    let figures_on = plan.stated.figures_as_of.unwrap_or(day_before);
    let staffing_on = plan.stated.staffing_as_of.unwrap_or(fy.start());
    let (registered, continuing) = store.read(actor, |conn| {
        Ok((
            crate::figures::registered_at(conn, figures_on)?,
            crate::figures::continuing_employed_at(conn, figures_on)?,
        ))
    })?;
    let report = PlanReport {
        facility: service::facility(store)?,
        staffing: crate::staff::fte_summary(store, actor, staffing_on)?,
        budget: crate::plan::budget_lines(store, actor, fy)?,
        plan,
        figures_on,
        registered,
        continuing,
        issued_on: params.issued_on,
    };
    service::pdf(render(&report))
}

/// Lays out the plan report.
pub fn render(r: &PlanReport) -> std::result::Result<Vec<u8>, ReportError> {
    let title = format!("{} 事業計画書", r.plan.fiscal_year_name);
    let mut doc = Report::new(service::meta(&r.facility, &title, r.issued_on))?;
    doc.heading(1, &title);
    doc.paragraph(&r.facility);
    for section in &r.plan.sections {
        let heading = format!("{}　{}", section.number, section.title);
        if section.key == SectionKey::Targets {
            doc.heading_with_table(2, &heading, &targets(&r.plan));
            continue;
        }
        doc.heading(2, &heading);
        match section.key {
            SectionKey::Outline => outline(&mut doc, r, section),
            SectionKey::Priorities => {
                narrative(&mut doc, &section.body);
                programme(&mut doc, &r.plan);
            }
            SectionKey::Hours => hours(&mut doc, &r.plan),
            SectionKey::Disaster => disaster(&mut doc, r, section),
            SectionKey::Funding => {
                narrative(&mut doc, &section.body);
                budget(&mut doc, &r.budget);
            }
            _ => narrative(&mut doc, &section.body),
        }
    }
    doc.finish()
}

/// What an outline line states, when it states a number the data gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OutlineFact {
    Registered,
    Continuing,
    Staff,
}

impl OutlineFact {
    /// The fact a line of the outline (`5) 利用登録者数 666名…`) states, by its label.
    fn of(text: &str) -> Option<OutlineFact> {
        let label = text.split_whitespace().next().unwrap_or("");
        match label {
            "利用登録者数" => Some(OutlineFact::Registered),
            "継続就労者数" => Some(OutlineFact::Continuing),
            "職員" | "職員数" => Some(OutlineFact::Staff),
            _ => None,
        }
    }
}

/// 事業概要: the plan's lines, except that the lines stating registered clients, continuing
/// employment and staff (with the role lines under it) are written from the data. Facts the
/// text does not state are added at the end, so the numbers are never missing.
fn outline(doc: &mut Report, r: &PlanReport, section: &PlanSection) {
    let mut written = Vec::new();
    let mut skipping_staff_lines = false;
    for raw in section.body.lines() {
        let line = NarrativeLine::parse(raw);
        if skipping_staff_lines && line.level > 0 {
            continue;
        }
        skipping_staff_lines = false;
        match OutlineFact::of(&line.text) {
            Some(fact) if !written.contains(&fact) => {
                outline_fact(doc, r, fact, &line.marker);
                written.push(fact);
                skipping_staff_lines = fact == OutlineFact::Staff;
            }
            _ => line.draw(doc),
        }
    }
    for fact in [
        OutlineFact::Registered,
        OutlineFact::Continuing,
        OutlineFact::Staff,
    ] {
        if !written.contains(&fact) {
            outline_fact(doc, r, fact, "・");
        }
    }
}

fn outline_fact(doc: &mut Report, r: &PlanReport, fact: OutlineFact, marker: &str) {
    let on = format!("（{}現在）", day(r.figures_on));
    match fact {
        OutlineFact::Registered => {
            doc.list_item(
                marker,
                &format!("利用登録者数　{}{on}", people(r.registered)),
            );
        }
        OutlineFact::Continuing => {
            doc.list_item(
                marker,
                &format!("継続就労者数　{}{on}", people(r.continuing)),
            );
        }
        OutlineFact::Staff => staff_lines(doc, r, marker),
    }
}

/// 職員 N名（…現在） 常勤換算 X名, then one line per role, as the plan writes them.
fn staff_lines(doc: &mut Report, r: &PlanReport, marker: &str) {
    let s = &r.staffing;
    doc.list_item(
        marker,
        &format!(
            "職員　{}（{}現在）　常勤換算{}名",
            people(s.total_head_count),
            day(s.date),
            s.total_fte
        ),
    );
    let indent = format!("{}・", "　".repeat(marker.chars().count().min(3)));
    for role in s.roles.iter().filter(|role| role.head_count > 0) {
        let note = r
            .plan
            .staffing
            .iter()
            .find(|line| line.role == role.role)
            .map(|line| line.note.trim())
            .filter(|note| !note.is_empty())
            .map(|note| format!("{note}、"))
            .unwrap_or_default();
        doc.list_item(
            &indent,
            &format!(
                "{}　{}（{note}常勤換算{}名）",
                role.role.label_ja(),
                people(role.head_count),
                role.fte
            ),
        );
    }
}

/// 開所日及び開所時間, from the plan's hours.
fn hours(doc: &mut Report, plan: &Plan) {
    doc.paragraph("＜月曜日～金曜日＞");
    doc.key_value("　相談時間", &plan.hours.weekday);
    doc.key_value("　交流スペース", &plan.hours.dropin);
    doc.space(1.5);
    doc.paragraph("＜第2・第4土曜日＞");
    doc.key_value("　相談時間", &plan.hours.saturday);
    doc.space(1.5);
    doc.key_value("休所日", "国民の祝日、年末年始（12月29日～1月3日）");
}

/// 実績目標数, from the plan's targets.
fn targets(plan: &Plan) -> Table {
    let t = &plan.targets;
    let mut table = Table::new(vec![
        Column::text("項目", 110.0),
        Column::number("目標数", 40.0),
    ]);
    for (label, value) in [
        ("新規相談者数", t.new_inquiries),
        ("　うち、新規登録者数", t.new_registrations),
        ("新規就労者数", t.new_employed),
        ("年度終了時点での登録者数", t.registered_end),
        ("年度終了時点での継続就労者数", t.continuing_end),
    ] {
        table.row([label.to_string(), people(value)]);
    }
    table
}

/// 防災計画: the plan's text without its duty lines, then the duties as recorded.
fn disaster(doc: &mut Report, r: &PlanReport, section: &PlanSection) {
    let duty_labels: Vec<&str> = crate::plan::DisasterDutyKind::ALL
        .iter()
        .map(|k| k.label_ja())
        .collect();
    let text: Vec<&str> = section
        .body
        .lines()
        .filter(|line| {
            let first = line.split_whitespace().next().unwrap_or("");
            !duty_labels.contains(&first)
        })
        .collect();
    narrative(doc, text.join("\n").trim());
    for duty in &r.plan.disaster_duties {
        doc.key_value(duty.duty.label_ja(), &duty.assigned_to);
    }
}

/// The year's meetings and events as the plan programmes them.
fn programme(doc: &mut Report, plan: &Plan) {
    if plan.meetings.is_empty() {
        return;
    }
    let mut table = Table::new(vec![
        Column::text("会議・行事", 42.0),
        Column::number("回数", 16.0),
        Column::text("予定・内容", 107.0),
    ]);
    for meeting in &plan.meetings {
        let mut lines = session_lines(&meeting.sessions);
        if !meeting.note.trim().is_empty() {
            lines.push(meeting.note.trim().to_string());
        }
        table.row([
            meeting.kind.label_ja().to_string(),
            format!("年{}回", count(meeting.per_year)),
            lines.join("\n"),
        ]);
    }
    doc.heading_with_table(3, "会議・行事の年間計画", &table);
}

/// The planned sessions as the plan writes them: months with the same topic on one line
/// (`7月・11月　…`), in fiscal order; every month of the year as 毎月.
fn session_lines(sessions: &[PlannedSession]) -> Vec<String> {
    let mut sorted: Vec<&PlannedSession> = sessions.iter().collect();
    // Fiscal order: April first, March last.
    sorted.sort_by_key(|s| (s.month + 8) % 12);
    let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
    for s in sorted {
        let topic = s.topic.replace('\n', " ").trim().to_string();
        match groups.iter_mut().find(|(t, _)| *t == topic) {
            Some((_, months)) => months.push(s.month),
            None => groups.push((topic, vec![s.month])),
        }
    }
    groups
        .into_iter()
        .map(|(topic, months)| {
            let when = if months.len() == 12 {
                "毎月".to_string()
            } else {
                months
                    .iter()
                    .map(|m| format!("{m}月"))
                    .collect::<Vec<_>>()
                    .join("・")
            };
            if topic.is_empty() {
                when
            } else {
                format!("{when}　{topic}")
            }
        })
        .collect()
}

/// 資金計画: the budget lines with their total, when the year has any.
fn budget(doc: &mut Report, lines: &[BudgetLine]) {
    if lines.is_empty() {
        return;
    }
    let mut table = Table::new(vec![
        Column::text("予算科目", 110.0),
        Column::number("予算額（円）", 45.0),
    ]);
    for line in lines {
        table.row([line.name.clone(), number::integer(line.budget_yen)]);
    }
    let total: i64 = lines.iter().map(|l| l.budget_yen).sum();
    table.row(["合計".to_string(), number::integer(total)]);
    doc.table(&table);
}

/// The plan's narrative: blank lines separate paragraphs; numbered and bulleted lines
/// (`1)`, `(1)`, `①`, `・`) hang under their marker, indented by their leading spaces.
fn narrative(doc: &mut Report, body: &str) {
    let mut blank = false;
    for raw in body.lines() {
        if raw.trim().is_empty() {
            if !blank {
                doc.space(1.5);
            }
            blank = true;
            continue;
        }
        blank = false;
        NarrativeLine::parse(raw).draw(doc);
    }
}

/// One line of a plan's narrative, read into its indent, list marker and text.
#[derive(Debug, PartialEq, Eq)]
struct NarrativeLine {
    /// Leading indentation in full-width spaces (two half-width spaces count as one).
    level: usize,
    /// The list marker (`1)`, `(1)`, `①`, `・`), or empty for running text.
    marker: String,
    /// The rest of the line.
    text: String,
}

impl NarrativeLine {
    fn parse(raw: &str) -> NarrativeLine {
        let trimmed = raw.trim_start_matches([' ', '　', '\t']);
        let lead = &raw[..raw.len() - trimmed.len()];
        let level = lead.chars().filter(|&c| c == '　').count()
            + lead.chars().filter(|&c| c == ' ' || c == '\t').count() / 2;
        let trimmed = trimmed.trim_end();
        match split_marker(trimmed) {
            Some((marker, text)) => NarrativeLine {
                level,
                marker: marker.to_string(),
                text: text.trim_start_matches([' ', '　']).to_string(),
            },
            None => NarrativeLine {
                level,
                marker: String::new(),
                text: trimmed.to_string(),
            },
        }
    }

    fn draw(&self, doc: &mut Report) {
        let indent = "　".repeat(self.level.min(4));
        if self.marker.is_empty() {
            if self.level == 0 {
                doc.paragraph(&self.text);
            } else {
                doc.list_item(&indent, &self.text);
            }
        } else {
            doc.list_item(&format!("{indent}{}", self.marker), &self.text);
        }
    }
}

/// The list marker at the start of `line` and the text after it.
fn split_marker(line: &str) -> Option<(&str, &str)> {
    let first = line.chars().next()?;
    let marker_len = match first {
        '・' => first.len_utf8(),
        '①'..='⑳' => first.len_utf8(),
        '(' | '（' => {
            let close = line.find([')', '）'])?;
            let inside = &line[first.len_utf8()..close];
            if inside.is_empty() || !inside.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            close + line[close..].chars().next()?.len_utf8()
        }
        '0'..='9' => {
            let digits = line.find(|c: char| !c.is_ascii_digit())?;
            let rest = &line[digits..];
            if !rest.starts_with(')') {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    Some(line.split_at(marker_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrative_lines_keep_their_marker_and_indent() {
        let line = NarrativeLine::parse("　(1) 就労および生活全般に関する相談の受付");
        assert_eq!(line.level, 1);
        assert_eq!(line.marker, "(1)");
        assert_eq!(line.text, "就労および生活全般に関する相談の受付");
        let line = NarrativeLine::parse("5) 利用登録者数 666名");
        assert_eq!((line.level, line.marker.as_str()), (0, "5)"));
        assert_eq!(line.text, "利用登録者数 666名");
        let line = NarrativeLine::parse("① 面談、電話相談等");
        assert_eq!(line.marker, "①");
        let line = NarrativeLine::parse("一人ひとりの自己実現の支援");
        assert_eq!(line.marker, "");
    }

    #[test]
    fn sessions_with_one_topic_share_a_line_in_fiscal_order() {
        let session = |month, topic: &str| PlannedSession {
            month,
            topic: topic.to_string(),
        };
        let lines = session_lines(&[
            session(11, "学校"),
            session(1, "体験談"),
            session(7, "学校"),
            session(5, "報告"),
        ]);
        assert_eq!(lines, ["5月　報告", "7月・11月　学校", "1月　体験談"]);
        let monthly: Vec<_> = (1..=12).map(|m| session(m, "月次試算")).collect();
        assert_eq!(session_lines(&monthly), ["毎月　月次試算"]);
        let no_topic = [session(6, ""), session(3, "")];
        assert_eq!(session_lines(&no_topic), ["6月・3月"]);
    }

    #[test]
    fn numbers_inside_running_text_are_not_markers() {
        assert_eq!(split_marker("2025年度の計画"), None);
        assert_eq!(split_marker("(相談状況、登録者・就労者状況)"), None);
        assert_eq!(split_marker("10) 国立精神"), Some(("10)", " 国立精神")));
    }

    #[test]
    fn the_outline_recognises_the_lines_that_state_numbers() {
        assert!(
            OutlineFact::of("利用登録者数 666名（令和6年12月31日現在）")
                == Some(OutlineFact::Registered)
        );
        assert!(OutlineFact::of("継続就労者数 452名") == Some(OutlineFact::Continuing));
        assert!(
            OutlineFact::of("職員 10名（令和7年4月1日現在） 常勤換算8.4名")
                == Some(OutlineFact::Staff)
        );
        assert!(OutlineFact::of("施設名 小平市障害者就労・生活支援センター ほっと").is_none());
    }
}
