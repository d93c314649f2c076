//! The demo center around its clients: staff and their FTE allocations, partners and
//! employers, meetings with attendance, trainings, the drop-in space, commissioned projects,
//! the newsletter, employer development and employer support.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use rusqlite::params;

use super::names::{EMPLOYER_KINDS, EMPLOYER_STEMS, PARTNERS};
use super::people::Person;
use super::rng::{minus_days, plus_days, written_at};
use super::roster::{staff_on, Post, OPENED, STAFF};
use super::write::{sql, Keys, Sink};
use crate::calendar::{is_open_day, next_open_day_on_or_after, FiscalYear};
use crate::Result;

/// Staff rows (linked to their demo accounts) and FTE allocations; returns their keys.
pub(super) fn staff(sink: &mut Sink<'_>, users: &[(&str, String)]) -> Result<Vec<String>> {
    let mut staff = sink.prepare(
        "INSERT INTO staff (id, name, kana, user_id, joined_on, left_on, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut allocation = sink.prepare(
        "INSERT INTO fte_allocations (id, staff_id, role, fte_milli, from_on, to_on,
            concurrent_post, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut keys = Vec::new();
    for s in STAFF {
        let id = sink.rng.id_on(s.joined());
        let user = s
            .login
            .and_then(|login| users.iter().find(|(l, _)| *l == login))
            .map(|(_, id)| id.as_str());
        let changed = s.left().unwrap_or(s.joined());
        sql(staff.execute(params![
            id,
            s.name,
            s.kana,
            user,
            s.joined(),
            s.left(),
            written_at(changed),
            sink.by
        ]))?;
        for &(milli, from, to) in s.allocations {
            let aid = sink.rng.id_on(from);
            sql(allocation.execute(params![
                aid,
                id,
                s.role(),
                milli,
                from,
                to,
                s.concurrent_post,
                written_at(to.unwrap_or(from)),
                sink.by
            ]))?;
        }
        keys.push(id);
    }
    Ok(keys)
}

/// Partners (the 22 liaison members and others); returns their keys and the retention providers.
pub(super) fn partners(sink: &mut Sink<'_>) -> Result<(Vec<String>, Vec<usize>)> {
    let mut stmt = sink.prepare(
        "INSERT INTO partners (id, name, category, service_type, contact_person, phone, address,
            liaison_member, notes, active, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, '', '', ?6, '', 1, ?7, ?8)",
    )?;
    let mut keys = Vec::new();
    let mut providers = Vec::new();
    for (i, &(name, category, service, member)) in PARTNERS.iter().enumerate() {
        let id = sink.rng.id_on(OPENED);
        let contact = format!("{}担当", if member { "連絡会" } else { "支援" });
        sql(stmt.execute(params![
            id,
            name,
            category,
            service,
            contact,
            member,
            written_at(OPENED),
            sink.by
        ]))?;
        if service == "就労定着支援" {
            providers.push(i);
        }
        keys.push(id);
    }
    Ok((keys, providers))
}

/// Fictional employers, `count` of them.
pub(super) fn employers(sink: &mut Sink<'_>, count: usize) -> Result<Vec<String>> {
    let mut stmt = sink.prepare(
        "INSERT INTO employers (id, name, industry, address, phone, contact_person, notes,
            updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, '', ?5, '', ?6, ?7)",
    )?;
    let combos = EMPLOYER_STEMS.len() * EMPLOYER_KINDS.len();
    let mut keys = Vec::new();
    for i in 0..count {
        let stem = EMPLOYER_STEMS[i % EMPLOYER_STEMS.len()];
        let (suffix, industry) = EMPLOYER_KINDS[(i / EMPLOYER_STEMS.len()) % EMPLOYER_KINDS.len()];
        let name = match i / combos {
            0 => format!("{stem}{suffix}"),
            n => format!("{stem}{suffix} 第{}事業所", n + 1),
        };
        let id = sink.rng.id_on(OPENED);
        sql(stmt.execute(params![
            id,
            name,
            industry,
            format!("見本市{stem}町"),
            "人事担当",
            written_at(OPENED),
            sink.by
        ]))?;
        keys.push(id);
    }
    Ok(keys)
}

/// The kinds of client flags the director keeps.
pub(super) fn flag_kinds(sink: &mut Sink<'_>) -> Result<Vec<String>> {
    let mut stmt = sink.prepare(
        "INSERT INTO flag_kinds (id, label, active, updated_at, updated_by) VALUES (?1, ?2, 1, ?3, ?4)",
    )?;
    let mut keys = Vec::new();
    // The clients module's default kinds first, then a few a center would add itself.
    let extra = [
        "緊急時の連絡先に注意",
        "訪問は2名で対応",
        "服薬の確認が必要",
    ];
    for label in crate::clients::DEFAULT_FLAG_KINDS
        .iter()
        .chain(extra.iter())
    {
        let id = sink.rng.id_on(OPENED);
        sql(stmt.execute(params![id, label, written_at(OPENED), sink.by]))?;
        keys.push(id);
    }
    Ok(keys)
}

fn day_in_month(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The `n`-th `weekday` of a month (1-based).
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u32) -> Option<NaiveDate> {
    let first = day_in_month(year, month, 1)?;
    let offset = (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    day_in_month(year, month, 1 + offset + 7 * (n - 1))
}

/// The liaison meeting's programme by month (the seed's plan).
const LIAISON: &[(u32, &str)] = &[
    (
        5,
        "前年度のほっと実施事業の報告（相談状況、登録者・就労者状況、委託事業の実績など）",
    ),
    (7, "障害者職業センターにおける就労支援の取り組み"),
    (9, "企業における障害者雇用への取り組み"),
    (11, "特別支援学校における就労支援の取り組み"),
    (1, "実際に就業している方の体験談"),
];
const MEETUP_MONTHS: &[u32] = &[6, 7, 8, 10, 12, 2, 3];
const DRILL_MONTHS: &[u32] = &[6, 11];

/// A meeting to write: kind, day, title, programme, attendance.
struct Meeting {
    kind: &'static str,
    day: NaiveDate,
    title: String,
    programme: String,
    organizations: Vec<(usize, u32)>,
    clients: Vec<usize>,
    staff: Vec<u8>,
}

/// Meetings of every fiscal year up to `today`, with attendance, and staff trainings.
pub(super) fn meetings(
    sink: &mut Sink<'_>,
    keys: &Keys,
    people: &[Person],
    today: NaiveDate,
) -> Result<()> {
    sink.stage("meetings");
    let mut all = Vec::new();
    let mut fy = FiscalYear::of(OPENED);
    while fy.start() <= today {
        year_meetings(sink, fy, people, &mut all);
        fy = fy.next();
    }
    all.retain(|m| m.day <= today);
    all.sort_by_key(|m| m.day);
    let mut meeting = sink.prepare(
        "INSERT INTO meetings (id, kind, held_on, title, place, programme, notes, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8)",
    )?;
    let mut org = sink.prepare(
        "INSERT INTO meeting_organizations (id, meeting_id, partner_id, attendees) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut client = sink
        .prepare("INSERT INTO meeting_clients (id, meeting_id, client_id) VALUES (?1, ?2, ?3)")?;
    let mut staff =
        sink.prepare("INSERT INTO meeting_staff (id, meeting_id, staff_id) VALUES (?1, ?2, ?3)")?;
    let mut staff_meetings = Vec::new();
    for m in &all {
        let id = sink.rng.id_on(m.day);
        let place = if m.kind == "meetup" {
            "センター交流スペース"
        } else {
            "センター会議室"
        };
        sql(meeting.execute(params![
            id,
            m.kind,
            m.day,
            m.title,
            place,
            m.programme,
            written_at(m.day),
            sink.by
        ]))?;
        for &(p, attendees) in &m.organizations {
            let rid = sink.rng.id_on(m.day);
            sql(org.execute(params![rid, id, keys.partners[p], attendees]))?;
        }
        for &c in &m.clients {
            let rid = sink.rng.id_on(m.day);
            sql(client.execute(params![rid, id, keys.people[c]]))?;
        }
        for &s in &m.staff {
            let rid = sink.rng.id_on(m.day);
            sql(staff.execute(params![rid, id, keys.staff[s as usize]]))?;
        }
        if m.kind == "staff_meeting" {
            staff_meetings.push((m.day, id));
        }
    }
    trainings(sink, keys, &staff_meetings, today)
}

fn year_meetings(sink: &mut Sink<'_>, fy: FiscalYear, people: &[Person], out: &mut Vec<Meeting>) {
    let rng = &mut sink.rng;
    let year_of = |month: u32| if month >= 4 { fy.year() } else { fy.year() + 1 };
    for (n, &(month, topic)) in LIAISON.iter().enumerate() {
        let Some(day) =
            nth_weekday(year_of(month), month, Weekday::Thu, 3).map(next_open_day_on_or_after)
        else {
            continue;
        };
        let members: Vec<usize> = (0..PARTNERS.len()).filter(|&i| PARTNERS[i].3).collect();
        let mut organizations = Vec::new();
        for p in members {
            if rng.chance(0.8) {
                organizations.push((p, rng.between(1, 2) as u32));
            }
        }
        let mut staff = vec![0];
        staff.extend(
            staff_on(day)
                .into_iter()
                .filter(|&s| s != 0 && rng.chance(0.4)),
        );
        out.push(Meeting {
            kind: "liaison",
            day,
            title: format!("{} 第{}回 ほっと就労支援連絡会", fy.name_wareki(), n + 1),
            programme: topic.to_string(),
            organizations,
            clients: Vec::new(),
            staff,
        });
    }
    for (n, &month) in MEETUP_MONTHS.iter().enumerate() {
        let Some(day) = nth_weekday(year_of(month), month, Weekday::Sat, 2) else {
            continue;
        };
        let employed: Vec<usize> = (0..people.len())
            .filter(|&i| people[i].continuing_on(day))
            .collect();
        let wanted = rng.between(6, 18) as usize;
        let mut clients: Vec<usize> = (0..wanted.min(employed.len()))
            .map(|_| rng.pick(&employed))
            .collect();
        clients.sort_unstable();
        clients.dedup();
        let staff = staff_on(day)
            .into_iter()
            .filter(|_| rng.chance(0.3))
            .collect();
        out.push(Meeting {
            kind: "meetup",
            day,
            title: format!("{} 第{}回 就労者交流会", fy.name_wareki(), n + 1),
            programme: "近況報告と情報交換".to_string(),
            organizations: Vec::new(),
            clients,
            staff,
        });
    }
    for (n, &month) in DRILL_MONTHS.iter().enumerate() {
        let Some(day) = day_in_month(year_of(month), month, 10).map(next_open_day_on_or_after)
        else {
            continue;
        };
        out.push(Meeting {
            kind: "drill",
            day,
            title: format!("{} 第{}回 防災訓練", fy.name_wareki(), n + 1),
            programme: "避難経路の確認、通報・消火訓練（総指揮：建物防災責任者）".to_string(),
            organizations: Vec::new(),
            clients: Vec::new(),
            staff: staff_on(day),
        });
    }
    for (year, month) in fy.months() {
        let Some(day) = day_in_month(year, month, 25).map(next_open_day_on_or_after) else {
            continue;
        };
        out.push(Meeting {
            kind: "staff_meeting",
            day,
            title: format!("職員会議（{month}月）"),
            programme: "月次試算の報告、研修報告、ケース共有".to_string(),
            organizations: Vec::new(),
            clients: Vec::new(),
            staff: staff_on(day),
        });
    }
}

const TRAININGS: &[&str] = &[
    "精神障害のある方の就労支援研修",
    "発達障害の理解と支援",
    "職場適応援助者（ジョブコーチ）養成研修",
    "障害者雇用に関する法制度の動向",
    "ストレスマネジメントと相談支援",
    "地域の社会資源を知る研修",
];

fn trainings(
    sink: &mut Sink<'_>,
    keys: &Keys,
    staff_meetings: &[(NaiveDate, String)],
    today: NaiveDate,
) -> Result<()> {
    let mut stmt = sink.prepare(
        "INSERT INTO trainings (id, staff_id, title, held_on, online, report_meeting_id, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut fy = FiscalYear::of(OPENED);
    while fy.start() <= today {
        for (s, def) in STAFF.iter().enumerate() {
            for _ in 0..sink.rng.between(1, 2) {
                let held = next_open_day_on_or_after(sink.rng.day_between(fy.start(), fy.end()));
                if held > today || !def.active_on(held) {
                    continue;
                }
                let online = sink
                    .rng
                    .chance(if held.year() >= 2020 { 0.6 } else { 0.05 });
                let report = staff_meetings
                    .iter()
                    .find(|(d, _)| *d > held)
                    .map(|(_, id)| id.as_str());
                let id = sink.rng.id_on(held);
                let title = sink.rng.pick(TRAININGS);
                sql(stmt.execute(params![
                    id,
                    keys.staff[s],
                    title,
                    held,
                    online,
                    report,
                    written_at(held),
                    sink.by
                ]))?;
            }
        }
        fy = fy.next();
    }
    Ok(())
}

/// Visitors of the drop-in space on every open weekday before `today`.
pub(super) fn dropin(sink: &mut Sink<'_>, today: NaiveDate) -> Result<()> {
    let mut stmt = sink.prepare(
        "INSERT INTO dropin_days (id, day, visitors, note, updated_at, updated_by) VALUES (?1, ?2, ?3, '', ?4, ?5)",
    )?;
    let mut day = OPENED;
    while day < today {
        if is_open_day(day) && day.weekday() != Weekday::Sat {
            let visitors = sink.rng.poisson(5.0);
            let id = sink.rng.id_on(day);
            sql(stmt.execute(params![id, day, visitors, written_at(day), sink.by]))?;
        }
        day = plus_days(day, 1);
    }
    Ok(())
}

/// The four commissioned projects of the seed, with monthly results for every finished month.
/// A metric: name, unit, and the range its monthly value is drawn from.
type Metric = (&'static str, &'static str, i64, i64);

const COMMISSIONS: &[(&str, &[Metric])] = &[
    (
        "市役所庁舎内実習事業",
        &[("実習者数", "人", 1, 4), ("実習日数", "日", 4, 16)],
    ),
    (
        "企業内訓練事業",
        &[("訓練生数", "人", 1, 5), ("訓練日数", "日", 8, 20)],
    ),
    (
        "市内障害者施設製品販売促進事業",
        &[("販売会", "回", 1, 4), ("売上", "円", 30_000, 180_000)],
    ),
    (
        "市報の広報ボックス配布事業",
        &[("配布部数", "部", 2_000, 2_600), ("従事者数", "人", 6, 12)],
    ),
];

pub(super) fn commissions(sink: &mut Sink<'_>, today: NaiveDate) -> Result<()> {
    let first_month = NaiveDate::from_ymd_opt(2010, 4, 1).unwrap_or(OPENED);
    let mut commission = sink.prepare(
        "INSERT INTO commissions (id, name, commissioner, active, updated_at, updated_by) VALUES (?1, ?2, '小平市', 1, ?3, ?4)",
    )?;
    let mut metric = sink.prepare(
        "INSERT INTO commission_metrics (id, commission_id, name, unit, sort, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut result = sink.prepare(
        "INSERT INTO commission_results (id, metric_id, month, value, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for &(name, metrics) in COMMISSIONS {
        let cid = sink.rng.id_on(first_month);
        sql(commission.execute(params![cid, name, written_at(first_month), sink.by]))?;
        for (sort, &(metric_name, unit, low, high)) in metrics.iter().enumerate() {
            let mid = sink.rng.id_on(first_month);
            sql(metric.execute(params![
                mid,
                cid,
                metric_name,
                unit,
                sort as i64,
                written_at(first_month),
                sink.by
            ]))?;
            let mut month = first_month;
            loop {
                let next = month.checked_add_months(Months::new(1)).unwrap_or(today);
                if next > today {
                    break;
                }
                let value = sink.rng.between(low, high);
                let rid = sink.rng.id_on(next);
                let key = month.format("%Y-%m").to_string();
                sql(result.execute(params![rid, mid, key, value, written_at(next), sink.by]))?;
                month = next;
            }
        }
    }
    Ok(())
}

/// ほっと通信, four issues a year.
pub(super) fn newsletters(sink: &mut Sink<'_>, today: NaiveDate) -> Result<()> {
    let mut stmt = sink.prepare(
        "INSERT INTO newsletters (id, number, issued_on, copies, distribution, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, '関係機関・登録者・市内公共施設', ?5, ?6)",
    )?;
    let mut issued = NaiveDate::from_ymd_opt(2007, 7, 15).unwrap_or(OPENED);
    let mut number = 1;
    while issued <= today {
        let day = next_open_day_on_or_after(issued);
        let copies = sink.rng.between(300, 600);
        let id = sink.rng.id_on(day);
        sql(stmt.execute(params![id, number, day, copies, written_at(day), sink.by]))?;
        number += 1;
        issued = issued.checked_add_months(Months::new(3)).unwrap_or(today);
        if number > 10_000 {
            break;
        }
    }
    Ok(())
}

/// Employer development by the outreach coordinator (地域開拓) and support to employers.
pub(super) fn employer_work(
    sink: &mut Sink<'_>,
    keys: &Keys,
    scale: u32,
    today: NaiveDate,
) -> Result<()> {
    let outreach = STAFF
        .iter()
        .position(|s| s.post == Post::Outreach)
        .unwrap_or(0);
    let started = STAFF[outreach].joined();
    let mut prospect = sink.prepare(
        "INSERT INTO prospects (id, name, employer_id, industry, address, stage, staff_id, notes, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, '見本市内', ?5, ?6, '', ?7, ?8)",
    )?;
    let mut contact = sink.prepare(
        "INSERT INTO prospect_contacts (id, prospect_id, contacted_on, method, stage_after, staff_id, note, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', ?7, ?8)",
    )?;
    let stages = ["contacted", "visited", "job_offer", "hired"];
    for n in 0..(25 * scale as usize) {
        let mut day = sink.rng.day_between(started, minus_days(today, 30));
        let steps = sink.rng.between(0, 4) as usize;
        let (stem, (suffix, industry)) = (
            EMPLOYER_STEMS[n % EMPLOYER_STEMS.len()],
            EMPLOYER_KINDS[(n * 5 + 3) % EMPLOYER_KINDS.len()],
        );
        let stage = if steps == 0 {
            "not_contacted"
        } else {
            stages[steps - 1]
        };
        let employer =
            (stage == "hired").then(|| keys.employers[n % keys.employers.len()].as_str());
        let id = sink.rng.id_on(day);
        let name = format!("{stem}{suffix}（開拓先{}）", n + 1);
        sql(prospect.execute(params![
            id,
            name,
            employer,
            industry,
            stage,
            keys.staff[outreach],
            written_at(day),
            sink.by
        ]))?;
        for &after in stages.iter().take(steps) {
            day = next_open_day_on_or_after(plus_days(day, sink.rng.between(7, 60) as u64))
                .min(today);
            let method = if after == "contacted" {
                "phone"
            } else {
                "visit"
            };
            let cid = sink.rng.id_on(day);
            sql(contact.execute(params![
                cid,
                id,
                day,
                method,
                after,
                keys.staff[outreach],
                written_at(day),
                sink.by
            ]))?;
        }
    }
    let mut support = sink.prepare(
        "INSERT INTO employer_support_records (id, employer_id, client_id, done_on, staff_id, minutes, body, updated_at, updated_by)
         VALUES (?1, ?2, NULL, ?3, ?4, ?5, '障害者雇用に関する相談に対応し、制度について情報提供した。', ?6, ?7)",
    )?;
    let mut day = OPENED;
    while day <= today {
        let staff = staff_on(day);
        for _ in 0..sink.rng.poisson(2.5 * f64::from(scale)) {
            let on =
                next_open_day_on_or_after(sink.rng.day_between(day, plus_days(day, 29))).min(today);
            let employer = sink.rng.below(keys.employers.len() as u64) as usize;
            let who = sink.rng.pick(&staff);
            let minutes = sink.rng.between(30, 90);
            let id = sink.rng.id_on(on);
            sql(support.execute(params![
                id,
                keys.employers[employer],
                on,
                keys.staff[who as usize],
                minutes,
                written_at(on),
                sink.by
            ]))?;
        }
        day = plus_days(day, 30);
    }
    Ok(())
}
