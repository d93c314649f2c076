//! The annual plan: the reference plan entered as written, the plan check listing where its
//! stated numbers differ from its lines and the data (8.2 vs 8.4 FTE), the trial balance, and
//! who may change what.

mod common;

use chrono::NaiveDate;
use common::*;
use hotto::calendar::FiscalYear;
use hotto::ids::{ClientId, StaffId};
use hotto::meetings::MeetingKind;
use hotto::plan::{
    self, check::PlanItem, BudgetLineInput, DisasterDutyKind, MeetingPlan, PlannedSession,
    SectionKey, StaffingLine, StatedNumbers, Targets,
};
use hotto::staff::{self, Fte, NewAllocation, StaffInput, StaffRole};
use hotto::{Session, Store};

const FY2025: FiscalYear = FiscalYear(2025);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn count(store: &Store, director: &Session, sql: &str) -> i64 {
    store
        .read(director, |conn| {
            Ok(conn.query_row(sql, [], |r| r.get(0)).unwrap())
        })
        .unwrap()
}

fn exec(store: &mut Store, director: &Session, sql: &str, params: &[&dyn rusqlite::ToSql]) {
    store
        .write(director, |tx| {
            tx.conn().execute(sql, params).unwrap();
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_reference_plan_is_entered_as_its_text_states_it() {
    let (_tmp, _dir, mut store, director) = new_center();
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    let p = plan::plan(&store, &director, FY2025).unwrap();

    assert_eq!(p.fiscal_year_name, "令和7年度");
    assert_eq!(
        p.targets,
        Targets {
            new_inquiries: 100,
            new_registrations: 50,
            new_employed: 50,
            registered_end: 700,
            continuing_end: 450,
        }
    );
    assert_eq!(p.stated.staff_count, Some(10));
    assert_eq!(
        p.stated.total_fte.map(|f| f.to_string()),
        Some("8.4".into())
    );
    assert_eq!(p.stated.staffing_as_of, Some(d(2025, 4, 1)));
    assert_eq!(p.stated.figures_as_of, Some(d(2024, 12, 31)));
    assert_eq!(
        (p.stated.registered, p.stated.continuing),
        (Some(666), Some(452))
    );
    assert_eq!(p.hours.weekday, "10:00～19:00");
    assert_eq!(p.hours.saturday, "12:00～17:00");
    assert_eq!(p.hours.dropin, "17:00～19:00");

    let lines: Vec<(StaffRole, u32, String)> = p
        .staffing
        .iter()
        .map(|l| (l.role, l.head_count, l.fte.to_string()))
        .collect();
    assert_eq!(
        lines,
        [
            (StaffRole::Director, 1, "1.0".to_string()),
            (StaffRole::EmploymentCoordinator, 4, "3.2".to_string()),
            (StaffRole::LifeCoordinator, 4, "3.0".to_string()),
            (StaffRole::OutreachCoordinator, 1, "1.0".to_string()),
        ]
    );
    assert_eq!(p.staffing[0].note, "就労支援コーディネーター兼務");

    let liaison = p
        .meetings
        .iter()
        .find(|m| m.kind == MeetingKind::Liaison)
        .unwrap();
    assert_eq!(liaison.per_year, 5);
    let months: Vec<u32> = liaison.sessions.iter().map(|s| s.month).collect();
    assert_eq!(months, [5, 7, 9, 11, 1], "in fiscal-year order");
    assert!(liaison.sessions[0]
        .topic
        .starts_with("令和6年度のほっと実施事業の報告"));
    assert_eq!(liaison.sessions[1].topic, liaison.sessions[3].topic);
    let per_year = |k| p.meetings.iter().find(|m| m.kind == k).unwrap().per_year;
    assert_eq!(per_year(MeetingKind::Meetup), 7);
    assert_eq!(per_year(MeetingKind::Drill), 2);
    assert_eq!(per_year(MeetingKind::StaffMeeting), 12);

    let duties: Vec<(DisasterDutyKind, &str)> = p
        .disaster_duties
        .iter()
        .map(|d| (d.duty, d.assigned_to.as_str()))
        .collect();
    assert_eq!(
        duties,
        [
            (DisasterDutyKind::Command, "建物防災責任者"),
            (
                DisasterDutyKind::Liaison,
                "就労支援コーディネーター、地域開拓促進コーディネーター"
            ),
            (DisasterDutyKind::Rescue, "生活支援コーディネーター"),
        ]
    );

    let keys: Vec<&str> = p.sections.iter().map(|s| s.key.as_db()).collect();
    assert_eq!(
        keys,
        [
            "introduction",
            "outline",
            "philosophy",
            "policy",
            "services",
            "partners",
            "priorities",
            "hours",
            "targets",
            "disaster",
            "funding"
        ]
    );
    assert!(p.sections.iter().all(|s| !s.body.is_empty()));
    let section = |k: SectionKey| p.sections.iter().find(|s| s.key == k).unwrap();
    assert_eq!(section(SectionKey::Introduction).title, "はじめに");
    assert!(section(SectionKey::Introduction)
        .body
        .starts_with("官公庁や企業の法定雇用率順守を念頭に置いた"));
    assert_eq!(
        section(SectionKey::Priorities).title,
        "令和7年度重点課題・目標"
    );
    assert!(section(SectionKey::Priorities)
        .body
        .contains("月次試算結果を毎月の職員会議で報告し"));
    assert!(section(SectionKey::Outline).body.contains("常勤換算8.4名"));
    assert_eq!(
        section(SectionKey::Philosophy).body,
        "一人ひとりの自己実現の支援\n互いの尊厳の尊重と信頼関係の構築\n安心と希望の持てる生活"
    );
    assert_eq!(
        section(SectionKey::Funding).body,
        "通常の運営経費は、委託費でまかなう。"
    );
    assert!(!section(SectionKey::Services).body.contains("- "));

    assert_eq!(
        count(
            &store,
            &director,
            "SELECT count(*) FROM audit_log WHERE action = 'plan.create'"
        ),
        1,
        "the whole plan is one audited change"
    );
    let again = plan::seed_plan_fy2025(&mut store, &director).unwrap_err();
    assert_eq!(again.message_ja(), "同じ事業計画がすでに登録されています。");
}

fn difference(diffs: &[plan::PlanDifference], item: PlanItem) -> Option<&plan::PlanDifference> {
    diffs.iter().find(|d| d.item == item)
}

#[test]
fn the_plan_check_lists_the_seeds_8_2_versus_8_4_fte() {
    let (_tmp, _dir, mut store, director) = new_center();
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    let diffs = plan::plan_check(&store, &director, FY2025).unwrap();

    let fte = difference(&diffs, PlanItem::RoleFteSum).expect("8.2 vs 8.4 listed");
    assert_eq!(
        fte.description_ja,
        "役割ごとの常勤換算の合計は8.2名ですが、計画書の合計は8.4名です"
    );
    assert_eq!((fte.stated.as_str(), fte.found.as_str()), ("8.4", "8.2"));
    assert!(
        difference(&diffs, PlanItem::RoleHeadCountSum).is_none(),
        "1 + 4 + 4 + 1 = 10 agrees"
    );
    // With no data entered, the stated registered and continuing counts differ from it too.
    let registered = difference(&diffs, PlanItem::Registered).unwrap();
    assert_eq!(
        registered.description_ja,
        "令和6年12月31日現在の利用登録者数は、データでは0名ですが、計画書では666名です"
    );
}

fn staff_with(store: &mut Store, director: &Session, role: StaffRole, share: &str) -> StaffId {
    let id = staff::add_staff(
        store,
        director,
        &StaffInput {
            name: format!("職員{}", share),
            ..StaffInput::default()
        },
    )
    .unwrap();
    staff::add_allocation(
        store,
        director,
        &NewAllocation {
            staff_id: id.clone(),
            role,
            fte: Fte::parse(share).unwrap(),
            from_on: d(2025, 4, 1),
            to_on: None,
            concurrent_post: String::new(),
        },
    )
    .unwrap();
    id
}

#[test]
fn with_the_seeds_staffing_entered_only_the_stated_total_differs() {
    let (_tmp, _dir, mut store, director) = new_center();
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    staff_with(&mut store, &director, StaffRole::Director, "1.0");
    for _ in 0..4 {
        staff_with(
            &mut store,
            &director,
            StaffRole::EmploymentCoordinator,
            "0.8",
        );
        staff_with(&mut store, &director, StaffRole::LifeCoordinator, "0.75");
    }
    staff_with(&mut store, &director, StaffRole::OutreachCoordinator, "1.0");

    let diffs = plan::plan_check(&store, &director, FY2025).unwrap();
    let staffing: Vec<PlanItem> = diffs
        .iter()
        .map(|d| d.item)
        .filter(|i| !matches!(i, PlanItem::Registered | PlanItem::Continuing))
        .collect();
    assert_eq!(staffing, [PlanItem::RoleFteSum, PlanItem::TotalFte]);
    let total = difference(&diffs, PlanItem::TotalFte).unwrap();
    assert_eq!(
        total.description_ja,
        "令和7年4月1日現在の常勤換算の合計は、配置データでは8.2名ですが、計画書では8.4名です"
    );

    // An eleventh person in a post the plan has no line for: listed, and the count differs.
    staff_with(&mut store, &director, StaffRole::Other, "0.5");
    let diffs = plan::plan_check(&store, &director, FY2025).unwrap();
    let missing = difference(&diffs, PlanItem::RoleMissing).unwrap();
    assert_eq!(
        missing.description_ja,
        "令和7年4月1日現在のその他は、配置データでは1名（常勤換算0.5名）ですが、計画書に記載がありません"
    );
    assert_eq!(
        difference(&diffs, PlanItem::StaffCount)
            .unwrap()
            .description_ja,
        "令和7年4月1日現在の職員数は、配置データでは11名ですが、計画書では10名です"
    );
}

fn registered_client(
    store: &mut Store,
    director: &Session,
    registered_on: NaiveDate,
    closed_on: Option<NaiveDate>,
) -> ClientId {
    let id = ClientId::new();
    exec(
        store,
        director,
        "INSERT INTO clients (id, name, kana, search_key, first_contact_on, updated_at)
         VALUES (?1, '見本', 'みほん', 'みほん', '2020-01-10', 'now')",
        &[&id],
    );
    exec(
        store,
        director,
        "INSERT INTO client_registrations (id, client_id, registered_on, closed_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'now')",
        &[&hotto::ids::new_id(), &id, &registered_on, &closed_on],
    );
    id
}

fn employed(
    store: &mut Store,
    director: &Session,
    client: &ClientId,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
) {
    let employer = hotto::ids::new_id();
    exec(
        store,
        director,
        "INSERT INTO employers (id, name, updated_at) VALUES (?1, '見本商事', 'now')",
        &[&employer],
    );
    let reason = ended_on.map(|_| "personal");
    exec(
        store,
        director,
        "INSERT INTO employments (id, client_id, employer_id, started_on, contract_type,
                weekly_minutes, route, ended_on, end_reason, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'part_time', 1200, 'job_centre', ?5, ?6, 'now')",
        &[
            &hotto::ids::new_id(),
            client,
            &employer,
            &started_on,
            &ended_on,
            &reason,
        ],
    );
}

/// On 2030-12-31: c1 registered and employed (counts for both); c2 registered, its job ended
/// on the day (registered only); c3 closed on the day (neither); c4 registered in 2031
/// (neither). Registered 2, continuing 1.
#[test]
fn stated_registered_and_continuing_are_compared_with_counts_on_the_stated_day() {
    let (_tmp, _dir, mut store, director) = new_center();
    let fy = FiscalYear(2030);
    plan::create_plan(&mut store, &director, fy).unwrap();
    let day = d(2030, 12, 31);
    let c1 = registered_client(&mut store, &director, d(2029, 5, 1), None);
    employed(&mut store, &director, &c1, d(2030, 1, 6), None);
    let c2 = registered_client(&mut store, &director, d(2029, 5, 1), None);
    employed(&mut store, &director, &c2, d(2030, 1, 6), Some(day));
    let c3 = registered_client(&mut store, &director, d(2029, 5, 1), Some(day));
    employed(&mut store, &director, &c3, d(2030, 1, 6), None);
    registered_client(&mut store, &director, d(2031, 1, 6), None);

    let stated = |registered, continuing| StatedNumbers {
        figures_as_of: Some(day),
        registered: Some(registered),
        continuing: Some(continuing),
        ..StatedNumbers::default()
    };
    plan::set_stated_numbers(&mut store, &director, fy, &stated(2, 1)).unwrap();
    assert_eq!(plan::plan_check(&store, &director, fy).unwrap(), []);

    plan::set_stated_numbers(&mut store, &director, fy, &stated(3, 2)).unwrap();
    let diffs = plan::plan_check(&store, &director, fy).unwrap();
    let descriptions: Vec<&str> = diffs.iter().map(|d| d.description_ja.as_str()).collect();
    assert_eq!(
        descriptions,
        [
            "令和12年12月31日現在の利用登録者数は、データでは2名ですが、計画書では3名です",
            "令和12年12月31日現在の継続就労者数は、データでは1名ですが、計画書では2名です",
        ]
    );
}

/// Budget 人件費 ¥12,000,000 and 事務費 ¥1,200,000. Actuals: 人件費 April ¥1,000,000,
/// May ¥1,100,000, June ¥900,000; 事務費 May ¥150,000. In May (2 of 12 months):
/// 人件費 to date ¥2,100,000, remaining ¥9,900,000, pro rata ¥2,000,000 (¥100,000 ahead),
/// executed 17.5%; 事務費 to date ¥150,000, remaining ¥1,050,000, pro rata ¥200,000, 12.5%.
#[test]
fn the_trial_balance_gives_budget_actual_to_date_and_variance_per_line() {
    let (_tmp, _dir, mut store, director) = new_center();
    plan::create_plan(&mut store, &director, FY2025).unwrap();
    let line = |name: &str, sort, budget_yen| BudgetLineInput {
        name: name.to_string(),
        sort,
        budget_yen,
    };
    let staff_costs = plan::add_budget_line(
        &mut store,
        &director,
        FY2025,
        &line("人件費", 1, 12_000_000),
    )
    .unwrap();
    let office =
        plan::add_budget_line(&mut store, &director, FY2025, &line("事務費", 2, 1_200_000))
            .unwrap();
    for (month, amount) in [(4, 1_000_000), (5, 1_100_000), (6, 900_000)] {
        plan::set_budget_actual(&mut store, &director, &staff_costs, 2025, month, amount).unwrap();
    }
    plan::set_budget_actual(&mut store, &director, &office, 2025, 5, 99).unwrap();
    plan::set_budget_actual(&mut store, &director, &office, 2025, 5, 150_000).unwrap();

    let tb = plan::trial_balance(&store, &director, 2025, 5).unwrap();
    assert_eq!(tb.months_elapsed, 2);
    let row = |l: &plan::TrialBalanceLine| {
        (
            l.name.clone(),
            l.budget_yen,
            l.month_yen,
            l.to_date_yen,
            l.variance_yen,
            l.pro_rata_budget_yen,
            l.pro_rata_variance_yen,
            l.execution_permille,
        )
    };
    assert_eq!(
        row(&tb.lines[0]),
        (
            "人件費".to_string(),
            12_000_000,
            1_100_000,
            2_100_000,
            9_900_000,
            2_000_000,
            -100_000,
            Some(175)
        )
    );
    assert_eq!(
        row(&tb.lines[1]),
        (
            "事務費".to_string(),
            1_200_000,
            150_000,
            150_000,
            1_050_000,
            200_000,
            50_000,
            Some(125)
        )
    );
    assert_eq!(
        row(&tb.total),
        (
            "合計".to_string(),
            13_200_000,
            1_250_000,
            2_250_000,
            10_950_000,
            2_200_000,
            -50_000,
            Some(170)
        )
    );
    let march = plan::trial_balance(&store, &director, 2026, 3).unwrap();
    assert_eq!(march.months_elapsed, 12);
    assert_eq!(march.lines[0].to_date_yen, 3_000_000);

    let lines = plan::budget_lines(&store, &director, FY2025).unwrap();
    assert_eq!(
        lines[0].actuals[..4],
        [Some(1_000_000), Some(1_100_000), Some(900_000), None]
    );

    let outside = plan::set_budget_actual(&mut store, &director, &office, 2026, 4, 1).unwrap_err();
    assert_eq!(
        outside.message_ja(),
        "令和7年度の予算科目には、令和7年4月から翌年3月までの実績を入力してください。"
    );
    let dup =
        plan::add_budget_line(&mut store, &director, FY2025, &line("人件費", 3, 1)).unwrap_err();
    assert_eq!(dup.message_ja(), "同じ科目名がすでに登録されています。");
    let negative =
        plan::add_budget_line(&mut store, &director, FY2025, &line("雑費", 3, -1)).unwrap_err();
    assert_eq!(
        negative.message_ja(),
        "予算額は0～100000000000の範囲で入力してください。"
    );
    let no_plan = plan::trial_balance(&store, &director, 2024, 5).unwrap_err();
    assert_eq!(no_plan.message_ja(), "事業計画が見つかりません。");
}

#[test]
fn staff_read_the_plan_but_cannot_change_it() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(
        &mut store,
        &director,
        "yamada",
        "山田 花子",
        "yamada-pass-1",
    );
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    let line_id = plan::add_budget_line(
        &mut store,
        &director,
        FY2025,
        &BudgetLineInput {
            name: "人件費".to_string(),
            sort: 1,
            budget_yen: 1000,
        },
    )
    .unwrap();
    drop(store);
    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();

    let attempts = [
        plan::set_targets(&mut store, &yamada, FY2025, &Targets::default()),
        plan::set_staffing(&mut store, &yamada, FY2025, &[]),
        plan::set_section(&mut store, &yamada, FY2025, SectionKey::Funding, "", "x"),
        plan::create_plan(&mut store, &yamada, FiscalYear(2026)).map(|_| ()),
        plan::seed_plan_fy2025(&mut store, &yamada).map(|_| ()),
        plan::set_budget_actual(&mut store, &yamada, &line_id, 2025, 4, 1),
        plan::add_budget_line(
            &mut store,
            &yamada,
            FY2025,
            &BudgetLineInput {
                name: "事務費".to_string(),
                sort: 2,
                budget_yen: 1,
            },
        )
        .map(|_| ()),
    ];
    for attempt in attempts {
        let err = attempt.unwrap_err();
        assert_eq!(err.message_ja(), "この操作は施設長のみ行えます。");
    }
    let p = plan::plan(&store, &yamada, FY2025).unwrap();
    assert_eq!(p.targets.new_inquiries, 100, "nothing changed");
    assert_eq!(plan::plan_years(&store, &yamada).unwrap(), [FY2025]);
    plan::trial_balance(&store, &yamada, 2025, 4).unwrap();
    plan::plan_check(&store, &yamada, FY2025).unwrap();
}

#[test]
fn bad_plan_input_is_refused_with_japanese_messages() {
    let (_tmp, _dir, mut store, director) = new_center();
    let err = plan::set_targets(&mut store, &director, FY2025, &Targets::default()).unwrap_err();
    assert_eq!(err.message_ja(), "事業計画が見つかりません。");
    plan::create_plan(&mut store, &director, FY2025).unwrap();

    let backwards = Targets {
        new_inquiries: 10,
        new_registrations: 11,
        ..Targets::default()
    };
    let err = plan::set_targets(&mut store, &director, FY2025, &backwards).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "うち新規登録者数は新規相談者数の内数です。新規相談者数以下にしてください。"
    );
    let huge = Targets {
        new_inquiries: 1_000_000,
        ..Targets::default()
    };
    let err = plan::set_targets(&mut store, &director, FY2025, &huge).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "新規相談者数は0～100000の範囲で入力してください。"
    );

    let line = |role, head_count, share: &str| StaffingLine {
        role,
        head_count,
        fte: Fte::parse(share).unwrap(),
        note: String::new(),
    };
    let err = plan::set_staffing(
        &mut store,
        &director,
        FY2025,
        &[line(StaffRole::LifeCoordinator, 2, "2.5")],
    )
    .unwrap_err();
    assert_eq!(
        err.message_ja(),
        "生活支援コーディネーターの常勤換算（2.5）が人数（2名）を超えています。"
    );
    let err = plan::set_staffing(
        &mut store,
        &director,
        FY2025,
        &[
            line(StaffRole::LifeCoordinator, 2, "1.5"),
            line(StaffRole::LifeCoordinator, 1, "1.0"),
        ],
    )
    .unwrap_err();
    assert_eq!(err.message_ja(), "同じ役割がすでに登録されています。");
    let err = plan::set_section(
        &mut store,
        &director,
        FY2025,
        SectionKey::Funding,
        "資金\n計画",
        "",
    )
    .unwrap_err();
    assert_eq!(
        err.message_ja(),
        "見出しに使えない文字（制御文字）が含まれています。"
    );
    let liaison = |per_year, months: &[u32]| MeetingPlan {
        kind: MeetingKind::Liaison,
        per_year,
        note: String::new(),
        sessions: months
            .iter()
            .map(|&month| PlannedSession {
                month,
                topic: "報告".to_string(),
            })
            .collect(),
    };
    let err = plan::set_meeting_programme(&mut store, &director, FY2025, &[liaison(1, &[5, 7])])
        .unwrap_err();
    assert_eq!(
        err.message_ja(),
        "ほっと就労支援連絡会の予定月が年間回数（年1回）より多く入力されています。"
    );
    let err = plan::set_meeting_programme(&mut store, &director, FY2025, &[liaison(5, &[13])])
        .unwrap_err();
    assert_eq!(err.message_ja(), "月は1～12の範囲で入力してください。");
    plan::set_section(
        &mut store,
        &director,
        FY2025,
        SectionKey::Funding,
        "",
        "委託費\r\nで",
    )
    .unwrap();
    let p = plan::plan(&store, &director, FY2025).unwrap();
    let funding = p
        .sections
        .iter()
        .find(|s| s.key == SectionKey::Funding)
        .unwrap();
    assert_eq!(
        (
            funding.number,
            funding.title.as_str(),
            funding.body.as_str()
        ),
        (11, "資金計画", "委託費\nで")
    );
    assert_eq!(
        count(
            &store,
            &director,
            "SELECT count(*) FROM audit_log WHERE action LIKE 'plan.%'"
        ),
        2,
        "create and one section; refused changes are not audited"
    );
}
