//! 職員配置表（常勤換算）: the director's staffing sheet for a day — each person's posts, FTE and
//! concurrent posts, caseload per person and per FTE, open and overdue follow-ups, and FTE and head
//! count by role against the plan. Every number is the FTE summary's; nothing is added up here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::layout::{number, Column, Report, Table};
use super::service::{self, count, day, people};
use super::ReportError;
use crate::session::Session;
use crate::staff::{Fte, FteSummary};
use crate::store::Store;
use crate::Result;

/// What to print: the staffing of a day, issued on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FteSheetParams {
    /// The day described.
    pub date: NaiveDate,
    /// The date of issue printed in the footer.
    pub issued_on: NaiveDate,
}

/// The FTE allocation sheet of a day as a PDF (director only).
pub fn fte_sheet(store: &Store, actor: &Session, params: &FteSheetParams) -> Result<Vec<u8>> {
    actor.require_director("print the FTE sheet")?;
    let summary = crate::staff::fte_summary(store, actor, params.date)?;
    let facility = service::facility(store)?;
    service::pdf(render(&facility, &summary, params.issued_on))
}

/// Lays out the FTE sheet.
pub fn render(
    facility: &str,
    s: &FteSummary,
    issued_on: NaiveDate,
) -> std::result::Result<Vec<u8>, ReportError> {
    let title = "職員配置表（常勤換算）";
    let mut doc = Report::new(service::meta(facility, title, issued_on))?;
    doc.heading(1, &format!("{title}　{}現在", day(s.date)));
    doc.key_value(
        "職員数",
        &with_plan(&people(s.total_head_count), s.plan_head_count.map(people)),
    );
    doc.key_value(
        "常勤換算の合計",
        &with_plan(
            &format!("{}名", s.total_fte),
            s.plan_fte.map(|f| format!("{f}名")),
        ),
    );
    doc.key_value("担当利用者数", &people(s.total_caseload));
    doc.key_value("主担当なしの利用者", &people(s.clients_without_main_staff));
    doc.key_value(
        "未割当のフォロー",
        &format!("{}件", count(s.unassigned_open_follow_ups)),
    );

    doc.heading_with_table(2, "職員別の配置と担当", &staff_table(s));
    doc.note(
        "担当件数はこの日に利用登録中で主担当として受け持つ利用者数。フォローは未完了の定着フォロー\
         （期限超過は予定日がこの日より前のもの）。",
    );

    doc.heading_with_table(2, "役割別の配置（計画との比較）", &role_table(s));
    doc.note(&format!(
        "計画は{}の事業計画書の職員配置。兼務の職員は役割ごとに数えます。",
        s.fiscal_year.name_wareki()
    ));
    doc.finish()
}

fn with_plan(actual: &str, plan: Option<String>) -> String {
    match plan {
        Some(plan) => format!("{actual}（計画 {plan}）"),
        None => actual.to_string(),
    }
}

fn staff_table(s: &FteSummary) -> Table {
    let mut table = Table::new(vec![
        Column::text("氏名", 28.0),
        Column::text("役割・兼務", 62.0),
        Column::number("常勤換算", 15.0),
        Column::number("担当件数", 15.0),
        Column::number("1.0当たり", 15.0),
        Column::number("フォロー未完了", 15.0),
        Column::number("うち期限超過", 15.0),
    ]);
    for line in &s.staff {
        let per_fte = line
            .caseload_per_fte
            .map(|v| number::decimal(v, 1))
            .unwrap_or_else(|| "—".to_string());
        let person = [
            count(line.caseload),
            per_fte,
            count(line.open_follow_ups),
            count(line.overdue_follow_ups),
        ];
        if line.roles.is_empty() {
            table.row(
                [
                    line.name.clone(),
                    "（配置なし）".to_string(),
                    Fte::ZERO.to_string(),
                ]
                .into_iter()
                .chain(person.clone()),
            );
        }
        // One row per post; the person's caseload and follow-ups on the first.
        for (i, role) in line.roles.iter().enumerate() {
            let first = i == 0;
            let name = if first {
                line.name.clone()
            } else {
                String::new()
            };
            let mut post = role.role.label_ja().to_string();
            if !role.concurrent_post.trim().is_empty() {
                post.push_str(&format!("\n{}", role.concurrent_post.trim()));
            }
            let tail: [String; 4] = if first {
                person.clone()
            } else {
                Default::default()
            };
            table.row([name, post, role.fte.to_string()].into_iter().chain(tail));
        }
    }
    table.row([
        "合計".to_string(),
        format!("{}名", count(s.total_head_count)),
        s.total_fte.to_string(),
        count(s.total_caseload),
        String::new(),
        count(s.staff.iter().map(|l| l.open_follow_ups).sum()),
        count(s.staff.iter().map(|l| l.overdue_follow_ups).sum()),
    ]);
    table
}

fn role_table(s: &FteSummary) -> Table {
    let mut table = Table::new(vec![
        Column::text("役割", 53.0),
        Column::number("人数", 16.0),
        Column::number("計画", 16.0),
        Column::number("差", 16.0),
        Column::number("常勤換算", 22.0),
        Column::number("計画", 21.0),
        Column::number("差", 21.0),
    ]);
    let fte_or_dash = |f: Option<Fte>| f.map(|f| f.to_string()).unwrap_or_else(|| "—".into());
    for role in &s.roles {
        table.row([
            role.role.label_ja().to_string(),
            count(role.head_count),
            service::count_or_dash(role.plan_head_count),
            role.head_count_difference
                .map(service::signed)
                .unwrap_or_else(|| "—".into()),
            role.fte.to_string(),
            fte_or_dash(role.plan_fte),
            role.fte_difference
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
        ]);
    }
    let head_count: u32 = s.roles.iter().map(|r| r.head_count).sum();
    table.row([
        "合計".to_string(),
        count(head_count),
        service::count_or_dash(s.plan_head_count),
        s.plan_head_count
            .map(|p| service::signed(i64::from(head_count) - i64::from(p)))
            .unwrap_or_else(|| "—".into()),
        s.total_fte.to_string(),
        fte_or_dash(s.plan_fte),
        s.plan_fte
            .map(|p| s.total_fte.minus(p).to_string())
            .unwrap_or_else(|| "—".into()),
    ]);
    table
}
