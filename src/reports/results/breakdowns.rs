//! The breakdowns of the results report, section 3 onwards: registered clients by disability,
//! consultations, support records, jobs started and their hours, separations, follow-ups,
//! meetings with attendance, commissioned projects month by month, the drop-in space and the
//! newsletter. The figures module names each count by its stored key; the labels come from the
//! domain's enums, so a count prints under the same words as everywhere else in the app.

use super::{ResultsReport, Table};
use crate::clients::DisabilityCategory;
use crate::employment::{ContractType, EndReason};
use crate::figures::{CommissionResults, HoursBand, KeyCount, PairCount};
use crate::meetings::MeetingKind;
use crate::records::{AccompanyPurpose, Channel, SupportKind, Topic};
use crate::reports::layout::{number, Column, Report};
use crate::reports::service::{count, month_label, rate, short_day};

/// The label of a stored key, or the key itself if the domain no longer knows it.
fn label(key: &str, known: Option<&'static str>) -> String {
    known.unwrap_or(key).to_string()
}

fn disability(key: &str) -> String {
    label(key, DisabilityCategory::from_db(key).map(|k| k.label_ja()))
}

fn channel(key: &str) -> String {
    label(key, Channel::from_db(key).map(|k| k.label_ja()))
}

fn topic(key: &str) -> String {
    label(key, Topic::from_db(key).map(|k| k.label_ja()))
}

fn record_kind(key: &str) -> String {
    label(key, SupportKind::from_db(key).map(|k| k.label_ja()))
}

fn purpose(key: &str) -> String {
    label(key, AccompanyPurpose::from_db(key).map(|k| k.label_ja()))
}

fn contract(key: &str) -> String {
    label(key, ContractType::from_db(key).map(|k| k.label_ja()))
}

fn hours_band(key: &str) -> String {
    let band = HoursBand::ALL.iter().find(|b| b.key() == key);
    label(key, band.map(|b| b.label_ja()))
}

fn end_reason(key: &str) -> String {
    label(key, EndReason::from_db(key).map(|k| k.label_ja()))
}

fn meeting_kind(key: &str) -> String {
    label(key, MeetingKind::from_db(key).map(|k| k.label_ja()))
}

/// A table of counts with their share of `whole`, and a total line.
fn share_table(
    heading: &str,
    unit: &str,
    counts: &[KeyCount],
    name: fn(&str) -> String,
    whole: u32,
    total_label: &str,
) -> Table {
    let mut table = Table::new(vec![
        Column::text(heading, 75.0),
        Column::number(unit, 30.0),
        Column::number("割合", 30.0),
    ]);
    for c in counts {
        table.row([name(c.key), count(c.count), rate(c.count, whole)]);
    }
    table.row([total_label.to_string(), count(whole), rate(whole, whole)]);
    table
}

/// A cross table: rows by the first key, columns by the second, totals on both sides.
fn cross_table(
    corner: &str,
    cells: &[PairCount],
    rows: &[KeyCount],
    columns: &[KeyCount],
    total: u32,
    row_name: fn(&str) -> String,
    column_name: fn(&str) -> String,
) -> Table {
    let width = (125.0 / (columns.len() as f32 + 1.0)).min(26.0);
    let mut header = vec![Column::text(corner, 40.0)];
    header.extend(
        columns
            .iter()
            .map(|c| Column::number(column_name(c.key), width)),
    );
    header.push(Column::number("計", width));
    let mut table = Table::new(header);
    let cell = |first: &str, second: &str| {
        cells
            .iter()
            .find(|c| c.first == first && c.second == second)
            .map_or(0, |c| c.count)
    };
    for row in rows {
        let mut line = vec![row_name(row.key)];
        line.extend(columns.iter().map(|c| count(cell(row.key, c.key))));
        line.push(count(row.count));
        table.row(line);
    }
    let mut line = vec!["計".to_string()];
    line.extend(columns.iter().map(|c| count(c.count)));
    line.push(count(total));
    table.row(line);
    table
}

/// Sections 3 onwards.
pub(super) fn render(doc: &mut Report, r: &ResultsReport) {
    let b = &r.breakdowns;
    let d = &b.disabilities;
    doc.heading_with_table(
        2,
        "3　利用登録者の障害種別",
        &share_table(
            "障害種別",
            "人数",
            &d.by_category,
            disability,
            d.registered,
            "利用登録者数",
        ),
    );
    doc.note(&format!(
        "{}現在の利用登録者。重複障害のある人は該当する種別それぞれに数えます（割合は利用登録者数に対して）。\
         障害種別の記録がない人：{}名。",
        short_day(d.on),
        count(d.without_category)
    ));

    let c = &b.consultations;
    doc.heading_with_table(
        2,
        "4　相談の状況",
        &cross_table(
            "相談の方法",
            &c.cells,
            &c.by_channel,
            &c.by_topic,
            c.total,
            channel,
            topic,
        ),
    );
    doc.note("年度内に受けた相談の延べ件数。列は相談の内容です。");

    let s = &b.support_records;
    doc.heading_with_table(
        2,
        "5　支援の状況",
        &share_table("支援の種別", "件数", &s.by_kind, record_kind, s.total, "計"),
    );
    let accompanied = s
        .by_kind
        .iter()
        .find(|k| k.key == SupportKind::Accompany.as_db())
        .map_or(0, |k| k.count);
    doc.heading_with_table(
        3,
        "同行の内訳",
        &share_table(
            "同行先",
            "件数",
            &s.accompany_by_purpose,
            purpose,
            accompanied,
            "計",
        ),
    );

    employment(doc, r);
    follow_ups(doc, r);
    meetings(doc, r);
    commissions(doc, &b.commissions);
    dropin(doc, r);
    newsletters(doc, r);
}

fn employment(doc: &mut Report, r: &ResultsReport) {
    let b = &r.breakdowns;
    let e = &b.employments_started;
    doc.heading_with_table(
        2,
        "6　就職の状況",
        &cross_table(
            "雇用形態",
            &e.cells,
            &e.by_contract,
            &e.by_hours,
            e.starts,
            contract,
            hours_band,
        ),
    );
    doc.note(&format!(
        "年度内の就職件数 {}件（うち障害者雇用 {}件）。列は週所定労働時間です。",
        count(e.starts),
        count(e.disability_employment)
    ));

    let s = &b.separations;
    doc.heading_with_table(
        2,
        "7　離職の状況",
        &share_table(
            "離職の理由",
            "件数",
            &s.by_reason,
            end_reason,
            s.total,
            "計",
        ),
    );
    doc.note(&format!(
        "年度内の離職 {}件のうち、就職から1年以内の離職 {}件。",
        count(s.total),
        count(s.within_one_year)
    ));
}

fn follow_ups(doc: &mut Report, r: &ResultsReport) {
    let f = &r.breakdowns.follow_ups;
    let mut table = Table::new(vec![
        Column::text("項目", 75.0),
        Column::number("件数", 30.0),
        Column::number("割合", 30.0),
    ]);
    table.row([
        "予定日が年度内のフォロー".to_string(),
        count(f.due),
        String::new(),
    ]);
    table.row(["　実施済み".to_string(), count(f.done), rate(f.done, f.due)]);
    table.row(["　未実施".to_string(), count(f.open), rate(f.open, f.due)]);
    doc.heading_with_table(2, "8　定着支援（フォロー）の実施状況", &table);
    doc.note(&format!(
        "離職などにより中止したフォロー {}件は含みません。",
        count(f.cancelled)
    ));
}

fn meetings(doc: &mut Report, r: &ResultsReport) {
    let mut table = Table::new(vec![
        Column::text("会議・行事", 45.0),
        Column::number("開催回数", 20.0),
        Column::number("参加機関（延べ）", 25.0),
        Column::number("機関からの参加者", 25.0),
        Column::number("利用者（延べ）", 25.0),
        Column::number("職員（延べ）", 25.0),
    ]);
    for m in &r.breakdowns.meetings {
        table.row([
            meeting_kind(m.kind),
            count(m.held),
            count(m.organizations),
            count(m.organization_attendees),
            count(m.clients),
            count(m.staff),
        ]);
    }
    doc.heading_with_table(2, "9　会議・行事の開催状況", &table);
    if r.meetings.is_empty() {
        return;
    }
    let mut list = Table::new(vec![
        Column::centered("開催日", 20.0),
        Column::text("名称", 95.0),
        Column::number("参加機関", 18.0),
        Column::number("利用者", 16.0),
        Column::number("職員", 16.0),
    ]);
    for m in &r.meetings {
        list.row([
            short_day(m.held_on),
            m.title.clone(),
            count(m.organization_count),
            count(m.client_count),
            count(m.staff_count),
        ]);
    }
    doc.heading_with_table(3, "連絡会・交流会・防災訓練の開催記録", &list);
}

fn commissions(doc: &mut Report, commissions: &[CommissionResults]) {
    let section = "10　委託事業の実績";
    if commissions.is_empty() {
        doc.heading(2, section);
        doc.paragraph("委託事業の登録はありません。");
        return;
    }
    for (i, c) in commissions.iter().enumerate() {
        let heading = if c.commissioner.trim().is_empty() {
            c.name.clone()
        } else {
            format!("{}（{}）", c.name, c.commissioner.trim())
        };
        if c.metrics.is_empty() {
            if i == 0 {
                doc.heading(2, section);
            }
            doc.heading(3, &heading);
            doc.paragraph("実績の項目が登録されていません。");
            continue;
        }
        let width = (140.0 / c.metrics.len() as f32).min(40.0);
        let mut columns = vec![Column::centered("月", 16.0)];
        columns.extend(c.metrics.iter().map(|m| {
            let title = if m.unit.trim().is_empty() {
                m.name.clone()
            } else {
                format!("{}（{}）", m.name, m.unit.trim())
            };
            Column::number(title, width)
        }));
        let mut table = Table::new(columns);
        let fiscal_months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];
        for (i, month) in fiscal_months.into_iter().enumerate() {
            let mut row = vec![month_label(month)];
            row.extend(c.metrics.iter().map(|m| {
                m.months
                    .get(i)
                    .copied()
                    .flatten()
                    .map(number::integer)
                    .unwrap_or_default()
            }));
            table.row(row);
        }
        let mut total = vec!["計".to_string()];
        total.extend(c.metrics.iter().map(|m| number::integer(m.total)));
        table.row(total);
        if i == 0 {
            doc.headings_with_table(&[(2, section), (3, &heading)], &table);
        } else {
            doc.heading_with_table(3, &heading, &table);
        }
    }
}

fn dropin(doc: &mut Report, r: &ResultsReport) {
    let heading = "11　交流スペースの利用状況";
    let months = &r.breakdowns.dropin;
    if months.is_empty() {
        doc.heading(2, heading);
        doc.paragraph("この期間の記録はありません。");
        return;
    }
    let mut table = Table::new(vec![
        Column::centered("月", 20.0),
        Column::number("開設日数", 30.0),
        Column::number("来所者数（延べ）", 35.0),
        Column::number("1日平均", 30.0),
    ]);
    let average = |visitors: u32, days: u32| {
        if days == 0 {
            "—".to_string()
        } else {
            number::decimal(f64::from(visitors) / f64::from(days), 1)
        }
    };
    for m in months {
        table.row([
            month_label(m.month),
            count(m.days),
            count(m.visitors),
            average(m.visitors, m.days),
        ]);
    }
    // The year's line adds up the months printed above it.
    let days: u32 = months.iter().map(|m| m.days).sum();
    let visitors: u32 = months.iter().map(|m| m.visitors).sum();
    table.row([
        "計".to_string(),
        count(days),
        count(visitors),
        average(visitors, days),
    ]);
    doc.heading_with_table(2, heading, &table);
}

fn newsletters(doc: &mut Report, r: &ResultsReport) {
    let issues = &r.breakdowns.newsletters;
    if issues.is_empty() {
        return;
    }
    let mut table = Table::new(vec![
        Column::centered("号", 20.0),
        Column::centered("発行日", 35.0),
        Column::number("発行部数", 30.0),
    ]);
    for n in issues {
        table.row([
            format!("第{}号", n.number),
            short_day(n.issued_on),
            count(n.copies),
        ]);
    }
    doc.heading_with_table(2, "12　「ほっと通信」の発行", &table);
}
