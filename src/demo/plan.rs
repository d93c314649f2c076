//! The demo's 令和7年度 business plan as the seed states it — targets 100/50/50/700/450, ten
//! staff and "8.4" FTE (against 8.2 by allocation: the seed's own slip, kept so the plan check
//! has something to find), 666/452 on 2024-12-31 — and its budget with monthly actuals.

use chrono::{Months, NaiveDate};
use rusqlite::params;

use super::rng::written_at;
use super::write::{sql, Sink};
use super::{REFERENCE_CONTINUING, REFERENCE_DAY, REFERENCE_REGISTERED};
use crate::calendar::FiscalYear;
use crate::Result;

/// The plan's fiscal year.
pub(super) const PLAN_YEAR: FiscalYear = FiscalYear(2025);

/// (key, title, body) of the plan's sections, short; the seed's full text comes from the plan
/// module.
// TODO(merge): take the sections from the staffplan engineer's seed-text function.
const SECTIONS: &[(&str, &str, &str)] = &[
    ("introduction", "はじめに", "障害者雇用の求人が増える一方、相談者と企業の求める人材像の相違は大きい。アセスメントと職業準備、マッチング、長期的な職場定着という一貫した支援に取り組む。"),
    ("outline", "事業概要", "区市町村障害者就労支援事業。事業開始 平成19年4月1日。"),
    ("philosophy", "基本理念", "一人ひとりの自己実現の支援\n互いの尊厳の尊重と信頼関係の構築\n安心と希望の持てる生活"),
    ("policy", "基本方針", "就労に関する相談および支援を希望する障害のある方、障害者雇用に関する相談および支援を希望する事業者を対象とし、相談者の個々のニーズに応じた支援・助言を行う。"),
    ("services", "事業内容", "相談（来所および電話）、就労支援、生活支援、企業支援、委託事業、交流スペースの開設、就労者交流会（年7回）、ほっと就労支援連絡会（年5回）、地域企業開拓、「ほっと通信」の発行。"),
    ("partners", "連携体制", "市役所、障害福祉サービス事業所、ハローワーク、障害者職業センター、特別支援学校、医療機関、職業訓練校など。"),
    ("priorities", "重点課題・目標", "生活充実のための支援、職業準備支援、求職者の就労支援、定着・継続支援の充実、就労定着支援事業所からの支援引継ぎ、関係機関との連携。"),
    ("hours", "開所日及び開所時間", "月曜日～金曜日 10:00～19:00（交流スペース 17:00～19:00）\n第2・第4土曜日 12:00～17:00"),
    ("targets", "今年度実績目標数", "新規相談者数、うち新規登録者数、新規就労者数、年度終了時点での登録者数・継続就労者数。"),
    ("disaster", "防災計画", "建物防災責任者の指揮のもとに、非常災害訓練を年2回実施する。"),
    ("funding", "資金計画", "通常の運営経費は、委託費でまかなう。"),
];

const STAFFING: &[(&str, i64, i64, &str)] = &[
    ("director", 1, 1000, "就労支援コーディネーター兼務"),
    (
        "employment_coordinator",
        4,
        3200,
        "市内障害者施設販売促進事業担当兼務",
    ),
    ("life_coordinator", 4, 3000, ""),
    ("outreach_coordinator", 1, 1000, ""),
];

const MEETINGS: &[(&str, i64, &str)] = &[
    (
        "liaison",
        5,
        "令和6年度のほっと実施事業の報告（相談状況、登録者・就労者状況、委託事業の実績など）",
    ),
    (
        "liaison",
        7,
        "障害者職業センター、特別支援学校における就労支援の取り組み",
    ),
    ("liaison", 9, "企業における障害者雇用への取り組み"),
    (
        "liaison",
        11,
        "障害者職業センター、特別支援学校における就労支援の取り組み",
    ),
    ("liaison", 1, "実際に就業している方の体験談"),
    ("meetup", 6, ""),
    ("meetup", 7, ""),
    ("meetup", 8, ""),
    ("meetup", 10, ""),
    ("meetup", 12, ""),
    ("meetup", 2, ""),
    ("meetup", 3, ""),
    ("drill", 6, ""),
    ("drill", 11, ""),
];

const DUTIES: &[(&str, &str)] = &[
    ("command", "建物防災責任者"),
    (
        "liaison",
        "就労支援コーディネーター、地域開拓促進コーディネーター",
    ),
    ("rescue", "生活支援コーディネーター"),
];

const BUDGET: &[(&str, i64)] = &[
    ("人件費", 46_800_000),
    ("事務費", 2_400_000),
    ("事業費", 1_800_000),
    ("委託事業費", 4_200_000),
    ("水道光熱費", 960_000),
    ("賃借料", 2_640_000),
];

/// The plan rows and the budget with actuals for every month finished by `today`.
pub(super) fn plan(sink: &mut Sink<'_>, today: NaiveDate) -> Result<()> {
    let drafted = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap_or(PLAN_YEAR.start());
    let at = written_at(drafted);
    let id = sink.rng.id_on(drafted);
    sql(sink.conn.execute(
        "INSERT INTO plans (id, fiscal_year, target_new_inquiries, target_new_registrations,
            target_new_employed, target_registered_end, target_continuing_end, stated_staff_count,
            stated_total_fte_milli, staffing_as_of, figures_as_of, stated_registered,
            stated_continuing, updated_at, updated_by)
         VALUES (?1, ?2, 100, 50, 50, 700, 450, 10, 8400, '2025-04-01', ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            PLAN_YEAR.year(),
            REFERENCE_DAY,
            REFERENCE_REGISTERED as i64,
            REFERENCE_CONTINUING as i64,
            at,
            sink.by
        ],
    ))?;
    for (sort, &(key, title, body)) in SECTIONS.iter().enumerate() {
        let sid = sink.rng.id_on(drafted);
        sql(sink.conn.execute(
            "INSERT INTO plan_sections (id, plan_id, key, sort, title, body, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![sid, id, key, sort as i64 + 1, title, body, at, sink.by],
        ))?;
    }
    for &(role, heads, milli, note) in STAFFING {
        let sid = sink.rng.id_on(drafted);
        sql(sink.conn.execute(
            "INSERT INTO plan_staffing (id, plan_id, role, head_count, fte_milli, note, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![sid, id, role, heads, milli, note, at, sink.by],
        ))?;
    }
    let months: Vec<(&str, i64, &str)> = MEETINGS
        .iter()
        .copied()
        .chain((1..=12).map(|m| ("staff_meeting", m, "月次試算の報告、研修報告")))
        .collect();
    for (kind, month, topic) in months {
        let mid = sink.rng.id_on(drafted);
        sql(sink.conn.execute(
            "INSERT INTO plan_meetings (id, plan_id, kind, month, topic, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![mid, id, kind, month, topic, at, sink.by],
        ))?;
    }
    for &(duty, who) in DUTIES {
        let did = sink.rng.id_on(drafted);
        sql(sink.conn.execute(
            "INSERT INTO disaster_duties (id, plan_id, duty, assigned_to, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![did, id, duty, who, at, sink.by],
        ))?;
    }
    budget(sink, &id, drafted, today)
}

fn budget(sink: &mut Sink<'_>, plan_id: &str, drafted: NaiveDate, today: NaiveDate) -> Result<()> {
    for (sort, &(name, yen)) in BUDGET.iter().enumerate() {
        let lid = sink.rng.id_on(drafted);
        sql(sink.conn.execute(
            "INSERT INTO budget_lines (id, plan_id, name, sort, budget_yen, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                lid,
                plan_id,
                name,
                sort as i64 + 1,
                yen,
                written_at(drafted),
                sink.by
            ],
        ))?;
        for (year, month) in PLAN_YEAR.months() {
            let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
                continue;
            };
            let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
            if next > today {
                break;
            }
            let monthly = yen / 12;
            let amount = monthly + sink.rng.between(-monthly / 10, monthly / 10);
            let aid = sink.rng.id_on(next);
            sql(sink.conn.execute(
                "INSERT INTO budget_actuals (id, line_id, month, amount_yen, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![aid, lid, format!("{year:04}-{month:02}"), amount, written_at(next), sink.by],
            ))?;
        }
    }
    Ok(())
}
