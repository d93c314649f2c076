//! Meetings and the small registers: attendance, trainings to report at a month's staff
//! meeting, drop-in totals, commissioned projects, the newsletter, and the staff-meeting
//! agenda that gathers them with the trial balance and follow-ups.

mod common;

use chrono::NaiveDate;
use common::*;
use hotto::calendar::FiscalYear;
use hotto::ids::{ClientId, MeetingId, PartnerId, StaffId};
use hotto::meetings::commissions::{self, CommissionInput, MetricInput};
use hotto::meetings::dropin;
use hotto::meetings::newsletters::{self, NewsletterInput};
use hotto::meetings::trainings::{self, TrainingInput};
use hotto::meetings::{self, Attendance, MeetingInput, MeetingKind, OrganizationAttendance};
use hotto::plan::{self, BudgetLineInput};
use hotto::staff::{self, StaffInput};
use hotto::{Session, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn exec(store: &mut Store, director: &Session, sql: &str, params: &[&dyn rusqlite::ToSql]) {
    store
        .write(director, |tx| {
            tx.conn().execute(sql, params).unwrap();
            Ok(())
        })
        .unwrap();
}

fn person(store: &mut Store, director: &Session, name: &str, kana: &str) -> StaffId {
    let input = StaffInput {
        name: name.to_string(),
        kana: kana.to_string(),
        ..StaffInput::default()
    };
    staff::add_staff(store, director, &input).unwrap()
}

fn meeting(store: &mut Store, actor: &Session, kind: MeetingKind, on: NaiveDate) -> MeetingId {
    let input = MeetingInput {
        kind,
        held_on: on,
        title: format!("{}（{on}）", kind.label_ja()),
        place: "ほっと".to_string(),
        programme: String::new(),
        notes: String::new(),
    };
    meetings::add_meeting(store, actor, &input).unwrap()
}

fn partner(store: &mut Store, director: &Session, name: &str) -> PartnerId {
    let id = PartnerId::new();
    exec(
        store,
        director,
        "INSERT INTO partners (id, name, category, liaison_member, updated_at)
         VALUES (?1, ?2, 'welfare_provider', 1, 'now')",
        &[&id, &name],
    );
    id
}

fn client(store: &mut Store, director: &Session, kana: &str) -> ClientId {
    let id = ClientId::new();
    exec(
        store,
        director,
        "INSERT INTO clients (id, name, kana, search_key, first_contact_on, updated_at)
         VALUES (?1, '見本', ?2, ?2, '2024-01-10', 'now')",
        &[&id, &kana],
    );
    id
}

fn training(
    store: &mut Store,
    actor: &Session,
    staff_id: &StaffId,
    title: &str,
    on: NaiveDate,
    report_at: Option<&MeetingId>,
) -> hotto::Result<hotto::ids::TrainingId> {
    trainings::add_training(
        store,
        actor,
        &TrainingInput {
            staff_id: staff_id.clone(),
            title: title.to_string(),
            held_on: on,
            online: true,
            report_meeting_id: report_at.cloned(),
        },
    )
}

#[test]
fn a_liaison_meeting_records_organizations_clients_and_staff() {
    let (_tmp, _dir, mut store, director) = new_center();
    let liaison = meeting(&mut store, &director, MeetingKind::Liaison, d(2025, 5, 21));
    let a = partner(&mut store, &director, "あおぞら作業所");
    let b = partner(&mut store, &director, "いずみ相談支援センター");
    let c = client(&mut store, &director, "みほん");
    let s = person(&mut store, &director, "見本 一郎", "みほん いちろう");
    let attendance = Attendance {
        organizations: vec![
            OrganizationAttendance {
                partner_id: a.clone(),
                attendees: 2,
            },
            OrganizationAttendance {
                partner_id: b,
                attendees: 1,
            },
        ],
        clients: vec![c.clone(), c],
        staff: vec![s],
    };
    meetings::set_attendance(&mut store, &director, &liaison, &attendance).unwrap();
    let m = meetings::meeting(&store, &director, &liaison).unwrap();
    assert_eq!(m.summary.kind, MeetingKind::Liaison);
    assert_eq!(
        (
            m.summary.organization_count,
            m.summary.organization_attendees,
            m.summary.client_count,
            m.summary.staff_count
        ),
        (2, 3, 1, 1),
        "the repeated client is counted once"
    );
    assert_eq!(m.organizations[0].name, "あおぞら作業所");
    assert_eq!(m.staff[0].name, "見本 一郎");

    let listed = meetings::meetings(
        &store,
        &director,
        Some(MeetingKind::Liaison),
        d(2025, 4, 1),
        d(2026, 3, 31),
    )
    .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0], m.summary);

    let unknown = Attendance {
        organizations: vec![OrganizationAttendance {
            partner_id: PartnerId::new(),
            attendees: 1,
        }],
        ..Attendance::default()
    };
    let err = meetings::set_attendance(&mut store, &director, &liaison, &unknown).unwrap_err();
    assert_eq!(err.message_ja(), "参加機関が見つかりません。");
    let too_many = Attendance {
        organizations: vec![OrganizationAttendance {
            partner_id: a,
            attendees: 5000,
        }],
        ..Attendance::default()
    };
    let err = meetings::set_attendance(&mut store, &director, &liaison, &too_many).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "参加人数は0～1000の範囲で入力してください。"
    );
    let kept = meetings::meeting(&store, &director, &liaison).unwrap();
    assert_eq!(
        kept.summary.organization_count, 2,
        "a refused change keeps the old attendance"
    );

    let untitled = MeetingInput {
        kind: MeetingKind::Drill,
        held_on: d(2025, 9, 1),
        title: " ".to_string(),
        place: String::new(),
        programme: String::new(),
        notes: String::new(),
    };
    let err = meetings::add_meeting(&mut store, &director, &untitled).unwrap_err();
    assert_eq!(err.message_ja(), "名称を入力してください。");
}

/// June 2025: the staff meeting is on 6/20. T1 (6/5) is assigned to it; T2 (5/20) and T3
/// (6/25) wait for a meeting; T4 (7/2) is later; T5 (5/8) went to May's meeting.
#[test]
fn trainings_to_report_at_a_months_staff_meeting() {
    let (_tmp, _dir, mut store, director) = new_center();
    let s = person(&mut store, &director, "見本 一郎", "みほん いちろう");
    let may = meeting(
        &mut store,
        &director,
        MeetingKind::StaffMeeting,
        d(2025, 5, 16),
    );
    let june = meeting(
        &mut store,
        &director,
        MeetingKind::StaffMeeting,
        d(2025, 6, 20),
    );
    let drill = meeting(&mut store, &director, MeetingKind::Drill, d(2025, 6, 10));
    training(
        &mut store,
        &director,
        &s,
        "T1 発達障害の理解",
        d(2025, 6, 5),
        Some(&june),
    )
    .unwrap();
    training(
        &mut store,
        &director,
        &s,
        "T2 精神疾患と就労",
        d(2025, 5, 20),
        None,
    )
    .unwrap();
    training(
        &mut store,
        &director,
        &s,
        "T3 障害者雇用の法制度",
        d(2025, 6, 25),
        None,
    )
    .unwrap();
    training(
        &mut store,
        &director,
        &s,
        "T4 地域の社会資源",
        d(2025, 7, 2),
        None,
    )
    .unwrap();
    training(
        &mut store,
        &director,
        &s,
        "T5 傾聴の基本",
        d(2025, 5, 8),
        Some(&may),
    )
    .unwrap();

    let to_report = trainings::trainings_to_report(&store, &director, 2025, 6).unwrap();
    let titles: Vec<&str> = to_report.iter().map(|t| &t.title[..2]).collect();
    assert_eq!(titles, ["T1", "T2", "T3"]);
    assert_eq!(to_report[0].report_meeting_on, Some(d(2025, 6, 20)));
    assert!(to_report[0].online);

    let err = training(&mut store, &director, &s, "T6", d(2025, 6, 1), Some(&drill)).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "研修の報告先には職員会議を選んでください。"
    );
    let err = training(&mut store, &director, &s, "T6", d(2025, 6, 1), Some(&may)).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "報告する職員会議が受講日より前になっています。受講日以降の職員会議を選んでください。"
    );
    let err = training(
        &mut store,
        &director,
        &StaffId::new(),
        "T6",
        d(2025, 6, 1),
        None,
    )
    .unwrap_err();
    assert_eq!(err.message_ja(), "受講した職員が見つかりません。");
    let err = meetings::remove_meeting(&mut store, &director, &june).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "この会議は他の記録から参照されているため削除できません。"
    );
    meetings::remove_meeting(&mut store, &director, &drill).unwrap();
}

#[test]
fn drop_in_counts_add_up_by_month_and_only_on_weekday_open_days() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(
        &mut store,
        &director,
        "yamada",
        "山田 花子",
        "yamada-pass-1",
    );
    drop(store);
    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();

    dropin::set_dropin_day(&mut store, &yamada, d(2025, 6, 2), 5, "").unwrap();
    dropin::set_dropin_day(&mut store, &yamada, d(2025, 6, 3), 7, "").unwrap();
    dropin::set_dropin_day(&mut store, &yamada, d(2025, 6, 3), 8, "訂正").unwrap();
    dropin::set_dropin_day(&mut store, &yamada, d(2025, 7, 1), 4, "").unwrap();
    let june = dropin::dropin_month(&store, &yamada, 2025, 6).unwrap();
    assert_eq!(june.total, 13);
    assert_eq!(june.days.len(), 2);
    assert_eq!(june.days[1].note, "訂正");

    let year = dropin::dropin_fiscal_year(&store, &yamada, FiscalYear(2025)).unwrap();
    assert_eq!(year.len(), 12);
    assert_eq!((year[2].month, year[2].days, year[2].total), (6, 2, 13));
    assert_eq!((year[3].month, year[3].total), (7, 4));
    assert_eq!(year[0].total, 0);

    // 2025-06-14 is the 2nd Saturday: the center is open, the drop-in space is not.
    let err = dropin::set_dropin_day(&mut store, &yamada, d(2025, 6, 14), 3, "").unwrap_err();
    assert_eq!(
        err.message_ja(),
        "令和7年6月14日は交流スペースの開設日ではありません（開設は平日の開所日のみです）。"
    );
    // 2025-07-21 is 海の日.
    assert!(dropin::set_dropin_day(&mut store, &yamada, d(2025, 7, 21), 3, "").is_err());
    let err = dropin::set_dropin_day(&mut store, &yamada, d(2025, 6, 2), 1001, "").unwrap_err();
    assert_eq!(
        err.message_ja(),
        "利用者数は0～1000の範囲で入力してください。"
    );
    let err = dropin::set_dropin_day(&mut store, &yamada, d(2199, 6, 2), 1, "").unwrap_err();
    assert_eq!(err.code(), "rule", "days to come are refused");
}

#[test]
fn commissioned_projects_keep_named_monthly_results() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(
        &mut store,
        &director,
        "yamada",
        "山田 花子",
        "yamada-pass-1",
    );
    let sales = commissions::add_commission(
        &mut store,
        &director,
        &CommissionInput {
            name: "市内障害者施設製品販売促進事業".to_string(),
            commissioner: "小平市".to_string(),
            active: true,
        },
    )
    .unwrap();
    let metric = |name: &str, unit: &str, sort| MetricInput {
        name: name.to_string(),
        unit: unit.to_string(),
        sort,
    };
    let amount =
        commissions::add_metric(&mut store, &director, &sales, &metric("販売額", "円", 1)).unwrap();
    let events =
        commissions::add_metric(&mut store, &director, &sales, &metric("販売会", "回", 2)).unwrap();
    let err = commissions::add_metric(&mut store, &director, &sales, &metric("販売額", "円", 3))
        .unwrap_err();
    assert_eq!(err.message_ja(), "同じ項目名がすでに登録されています。");
    drop(store);

    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();
    commissions::set_commission_result(&mut store, &yamada, &amount, 2025, 4, 120_000).unwrap();
    commissions::set_commission_result(&mut store, &yamada, &amount, 2026, 3, 80_000).unwrap();
    commissions::set_commission_result(&mut store, &yamada, &amount, 2026, 4, 1).unwrap();
    commissions::set_commission_result(&mut store, &yamada, &events, 2025, 4, 2).unwrap();
    let err =
        commissions::set_commission_result(&mut store, &yamada, &events, 2025, 13, 2).unwrap_err();
    assert_eq!(err.message_ja(), "月は1～12の範囲で入力してください。");
    let err = commissions::add_commission(
        &mut store,
        &yamada,
        &CommissionInput {
            name: "x".to_string(),
            commissioner: String::new(),
            active: true,
        },
    )
    .unwrap_err();
    assert_eq!(err.message_ja(), "この操作は施設長のみ行えます。");

    let year = commissions::commission_results(&store, &yamada, FiscalYear(2025)).unwrap();
    assert_eq!(year.len(), 1);
    let m = &year[0].metrics;
    assert_eq!((m[0].name.as_str(), m[0].unit.as_str()), ("販売額", "円"));
    assert_eq!(m[0].months[0], Some(120_000));
    assert_eq!(m[0].months[11], Some(80_000));
    assert_eq!(
        m[0].total, 200_000,
        "April 2026 belongs to the next fiscal year"
    );
    assert_eq!((m[1].name.as_str(), m[1].total), ("販売会", 2));
}

#[test]
fn newsletter_issues_are_numbered_once() {
    let (_tmp, _dir, mut store, director) = new_center();
    let issue = |number, on| NewsletterInput {
        number,
        issued_on: on,
        copies: 300,
        distribution: "市内関係機関、登録者".to_string(),
    };
    newsletters::add_newsletter(&mut store, &director, &issue(41, d(2025, 7, 1))).unwrap();
    newsletters::add_newsletter(&mut store, &director, &issue(42, d(2026, 1, 5))).unwrap();
    let err =
        newsletters::add_newsletter(&mut store, &director, &issue(42, d(2026, 2, 1))).unwrap_err();
    assert_eq!(err.message_ja(), "同じ号数がすでに登録されています。");
    let err =
        newsletters::add_newsletter(&mut store, &director, &issue(0, d(2026, 2, 1))).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "号数は1～100000の範囲で入力してください。"
    );
    let fy = FiscalYear(2025);
    let listed = newsletters::newsletters(&store, &director, fy.start(), fy.end()).unwrap();
    let numbers: Vec<u32> = listed.iter().map(|n| n.number).collect();
    assert_eq!(numbers, [41, 42]);
    assert_eq!(listed[0].copies, 300);
}

fn follow_up(
    store: &mut Store,
    director: &Session,
    staff: Option<&StaffId>,
    due_on: NaiveDate,
    status: &str,
    done_on: Option<NaiveDate>,
) {
    let client = client(store, director, "みほん");
    let employer = hotto::ids::new_id();
    let employment = hotto::ids::new_id();
    exec(
        store,
        director,
        "INSERT INTO employers (id, name, updated_at) VALUES (?1, '見本商事', 'now')",
        &[&employer],
    );
    exec(
        store,
        director,
        "INSERT INTO employments (id, client_id, employer_id, started_on, contract_type,
                weekly_minutes, route, updated_at)
         VALUES (?1, ?2, ?3, '2025-01-06', 'part_time', 1200, 'job_centre', 'now')",
        &[&employment, &client, &employer],
    );
    exec(
        store,
        director,
        "INSERT INTO follow_ups (id, employment_id, client_id, kind, due_on, method, staff_id,
                status, done_on, updated_at)
         VALUES (?1, ?2, ?3, 'scheduled', ?4, 'phone', ?5, ?6, ?7, 'now')",
        &[
            &hotto::ids::new_id(),
            &employment,
            &client,
            &due_on,
            &staff,
            &status,
            &done_on,
        ],
    );
}

/// June 2025, counted by hand. 阿部: done 6/10 (due 6/5) → done; open due 6/15 → overdue;
/// due 5/20 done 7/3 → overdue at the month's end; cancelled due 6/30 → neither; open due
/// 7/10 → not yet. 伊藤: done 6/12 → done. Nobody: open due 6/1 → overdue.
#[test]
fn the_staff_meeting_agenda_gathers_the_months_data() {
    let (_tmp, _dir, mut store, director) = new_center();
    let abe = person(&mut store, &director, "阿部", "あべ");
    let ito = person(&mut store, &director, "伊藤", "いとう");
    follow_up(
        &mut store,
        &director,
        Some(&abe),
        d(2025, 6, 5),
        "done",
        Some(d(2025, 6, 10)),
    );
    follow_up(
        &mut store,
        &director,
        Some(&abe),
        d(2025, 6, 15),
        "open",
        None,
    );
    follow_up(
        &mut store,
        &director,
        Some(&abe),
        d(2025, 5, 20),
        "done",
        Some(d(2025, 7, 3)),
    );
    follow_up(
        &mut store,
        &director,
        Some(&abe),
        d(2025, 6, 30),
        "cancelled",
        None,
    );
    follow_up(
        &mut store,
        &director,
        Some(&abe),
        d(2025, 7, 10),
        "open",
        None,
    );
    follow_up(
        &mut store,
        &director,
        Some(&ito),
        d(2025, 6, 12),
        "done",
        Some(d(2025, 6, 12)),
    );
    follow_up(&mut store, &director, None, d(2025, 6, 1), "open", None);

    plan::create_plan(&mut store, &director, FiscalYear(2025)).unwrap();
    let line = plan::add_budget_line(
        &mut store,
        &director,
        FiscalYear(2025),
        &BudgetLineInput {
            name: "人件費".to_string(),
            sort: 1,
            budget_yen: 12_000_000,
        },
    )
    .unwrap();
    plan::set_budget_actual(&mut store, &director, &line, 2025, 6, 1_000_000).unwrap();
    let june = meeting(
        &mut store,
        &director,
        MeetingKind::StaffMeeting,
        d(2025, 6, 20),
    );
    training(
        &mut store,
        &director,
        &abe,
        "発達障害の理解",
        d(2025, 6, 5),
        Some(&june),
    )
    .unwrap();
    dropin::set_dropin_day(&mut store, &director, d(2025, 6, 2), 5, "").unwrap();
    dropin::set_dropin_day(&mut store, &director, d(2025, 6, 30), 6, "").unwrap();

    let agenda = meetings::staff_meeting_agenda(&store, &director, 2025, 6).unwrap();
    assert_eq!(agenda.fiscal_year, FiscalYear(2025));
    assert_eq!(agenda.meetings.len(), 1);
    assert_eq!(agenda.overdue_before, d(2025, 7, 1));
    let tb = agenda.trial_balance.as_ref().unwrap();
    assert_eq!(
        (tb.lines[0].to_date_yen, tb.lines[0].variance_yen),
        (1_000_000, 11_000_000)
    );
    assert_eq!(agenda.trainings.len(), 1);
    let rows: Vec<(&str, u32, u32)> = agenda
        .follow_ups
        .iter()
        .map(|f| (f.name.as_str(), f.done, f.overdue))
        .collect();
    assert_eq!(rows, [("阿部", 1, 2), ("伊藤", 1, 0), ("未割当", 0, 1)]);
    assert_eq!((agenda.dropin_total, agenda.dropin_days), (11, 2));

    // Without a plan for the year, the agenda still comes, without a trial balance.
    let earlier = meetings::staff_meeting_agenda(&store, &director, 2024, 6).unwrap();
    assert!(earlier.trial_balance.is_none());
    assert!(earlier.follow_ups.is_empty());
}
