//! Staff and FTE: nobody holds more than 1.0 on any day, the director's summary counts what a
//! director would count by hand, the what-if saves nothing, and staff cannot touch allocations.

mod common;

use chrono::NaiveDate;
use common::*;
use hotto::calendar::FiscalYear;
use hotto::ids::{AllocationId, ClientId, StaffId};
use hotto::plan::{self, StaffingLine};
use hotto::staff::{
    self, fields, AllocationChange, AllocationEdit, ClientReassignment, Fte, NewAllocation,
    StaffInput, StaffRole, WhatIf,
};
use hotto::{Session, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fte(text: &str) -> Fte {
    Fte::parse(text).unwrap()
}

fn person(store: &mut Store, director: &Session, name: &str, kana: &str) -> StaffId {
    let input = StaffInput {
        name: name.to_string(),
        kana: kana.to_string(),
        joined_on: Some(d(2020, 4, 1)),
        ..StaffInput::default()
    };
    staff::add_staff(store, director, &input).unwrap()
}

fn allocation(
    staff_id: &StaffId,
    role: StaffRole,
    share: &str,
    from_on: NaiveDate,
    to_on: Option<NaiveDate>,
) -> NewAllocation {
    NewAllocation {
        staff_id: staff_id.clone(),
        role,
        fte: fte(share),
        from_on,
        to_on,
        concurrent_post: String::new(),
    }
}

fn allocate(
    store: &mut Store,
    director: &Session,
    new: &NewAllocation,
) -> hotto::Result<AllocationId> {
    staff::add_allocation(store, director, new)
}

fn count(store: &Store, director: &Session, sql: &str) -> i64 {
    store
        .read(director, |conn| {
            Ok(conn.query_row(sql, [], |r| r.get(0)).unwrap())
        })
        .unwrap()
}

/// Runs raw SQL as the director: the clients and employment modules are written elsewhere,
/// so the tests enter their rows directly.
fn exec(store: &mut Store, director: &Session, sql: &str, params: &[&dyn rusqlite::ToSql]) {
    store
        .write(director, |tx| {
            tx.conn().execute(sql, params).unwrap();
            Ok(())
        })
        .unwrap();
}

fn client(
    store: &mut Store,
    director: &Session,
    main: Option<&StaffId>,
    registered: Option<(NaiveDate, Option<NaiveDate>)>,
) -> ClientId {
    let id = ClientId::new();
    exec(
        store,
        director,
        "INSERT INTO clients (id, name, kana, search_key, first_contact_on, main_staff_id, updated_at)
         VALUES (?1, '見本', 'みほん', 'みほん', '2024-01-10', ?2, 'now')",
        &[&id, &main],
    );
    if let Some((on, closed)) = registered {
        exec(
            store,
            director,
            "INSERT INTO client_registrations (id, client_id, registered_on, closed_on, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'now')",
            &[&hotto::ids::new_id(), &id, &on, &closed],
        );
    }
    id
}

fn follow_up(
    store: &mut Store,
    director: &Session,
    client: &ClientId,
    staff: Option<&StaffId>,
    due_on: NaiveDate,
    status: &str,
) {
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
        &[&employment, client, &employer],
    );
    let done_on = (status == "done").then_some(due_on);
    exec(
        store,
        director,
        "INSERT INTO follow_ups (id, employment_id, client_id, kind, due_on, method, staff_id,
                status, done_on, updated_at)
         VALUES (?1, ?2, ?3, 'scheduled', ?4, 'phone', ?5, ?6, ?7, 'now')",
        &[
            &hotto::ids::new_id(),
            &employment,
            client,
            &due_on,
            &staff,
            &status,
            &done_on,
        ],
    );
}

/// Signs the director's store out and a staff member in.
fn as_staff(dir: &hotto::DataDir, store: Store) -> (Store, Session) {
    drop(store);
    Store::sign_in(dir, "yamada", "yamada-pass-1").unwrap()
}

#[test]
fn fte_over_one_on_any_day_is_refused_naming_the_first_day_in_wareki() {
    let (_tmp, _dir, mut store, director) = new_center();
    let a = person(&mut store, &director, "見本 一郎", "みほん いちろう");
    allocate(
        &mut store,
        &director,
        &allocation(
            &a,
            StaffRole::EmploymentCoordinator,
            "0.8",
            d(2025, 4, 1),
            None,
        ),
    )
    .unwrap();

    let err = allocate(
        &mut store,
        &director,
        &allocation(&a, StaffRole::LifeCoordinator, "0.4", d(2025, 4, 1), None),
    )
    .unwrap_err();
    assert_eq!(err.code(), "rule");
    assert_eq!(
        err.message_ja(),
        "この配置を加えると令和7年4月1日に常勤換算が1.0を超えます（合計1.2）。"
    );

    // 0.8 + 0.2 is exactly 1.0: allowed.
    let fifth = allocate(
        &mut store,
        &director,
        &allocation(&a, StaffRole::LifeCoordinator, "0.2", d(2025, 4, 1), None),
    )
    .unwrap();
    // An open-ended allocation overlaps everything after its start.
    let err = allocate(
        &mut store,
        &director,
        &allocation(
            &a,
            StaffRole::Other,
            "0.1",
            d(2026, 1, 5),
            Some(d(2026, 1, 31)),
        ),
    )
    .unwrap_err();
    assert_eq!(
        err.message_ja(),
        "この配置を加えると令和8年1月5日に常勤換算が1.0を超えます（合計1.1）。"
    );

    // Ending the 0.2 on December 31 makes room from January 1: adjacent ranges do not overlap.
    staff::end_allocation(&mut store, &director, &fifth, d(2025, 12, 31)).unwrap();
    allocate(
        &mut store,
        &director,
        &allocation(&a, StaffRole::Other, "0.2", d(2026, 1, 1), None),
    )
    .unwrap();
    // Lengthening the ended allocation again would overlap the new one.
    let err = staff::end_allocation(&mut store, &director, &fifth, d(2026, 3, 31)).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "この変更を行うと令和8年1月1日に常勤換算が1.0を超えます（合計1.2）。"
    );
    assert_eq!(
        count(&store, &director, "SELECT count(*) FROM fte_allocations"),
        3,
        "refused changes save nothing"
    );
}

#[test]
fn the_first_day_over_is_found_even_when_it_is_a_later_allocations_start() {
    let (_tmp, _dir, mut store, director) = new_center();
    let b = person(&mut store, &director, "架空 花子", "かくう はなこ");
    allocate(
        &mut store,
        &director,
        &allocation(&b, StaffRole::LifeCoordinator, "1.0", d(2025, 10, 1), None),
    )
    .unwrap();
    let err = allocate(
        &mut store,
        &director,
        &allocation(
            &b,
            StaffRole::EmploymentCoordinator,
            "0.5",
            d(2025, 4, 1),
            Some(d(2025, 12, 31)),
        ),
    )
    .unwrap_err();
    assert_eq!(
        err.message_ja(),
        "この配置を加えると令和7年10月1日に常勤換算が1.0を超えます（合計1.5）。"
    );
    // Ending on September 30 fits.
    let id = allocate(
        &mut store,
        &director,
        &allocation(
            &b,
            StaffRole::EmploymentCoordinator,
            "0.5",
            d(2025, 4, 1),
            Some(d(2025, 9, 30)),
        ),
    )
    .unwrap();
    // A change is checked against the others, not against its own old state.
    let edit = AllocationEdit {
        role: StaffRole::EmploymentCoordinator,
        fte: fte("1.0"),
        from_on: d(2025, 4, 1),
        to_on: Some(d(2025, 9, 30)),
        concurrent_post: "市内障害者施設販売促進事業担当兼務".to_string(),
    };
    staff::change_allocation(&mut store, &director, &id, &edit).unwrap();
    let listed = staff::allocations(&store, &director, Some(&b)).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].fte.to_string(), "1.0");
    assert_eq!(
        listed[0].concurrent_post,
        "市内障害者施設販売促進事業担当兼務"
    );
    assert_eq!(
        count(
            &store,
            &director,
            "SELECT count(*) FROM audit_log WHERE action LIKE 'fte_allocation.%'"
        ),
        3,
        "two adds and a change, each audited"
    );
}

#[test]
fn bad_fte_and_dates_are_refused_with_japanese_messages() {
    let (_tmp, _dir, mut store, director) = new_center();
    let a = person(&mut store, &director, "見本 一郎", "みほん いちろう");

    let err = Fte::parse_for(fields::FTE, "abc").unwrap_err();
    assert_eq!(err.message_ja(), "常勤換算の形式が正しくありません。");
    let err = Fte::parse_for(fields::FTE, "").unwrap_err();
    assert_eq!(err.message_ja(), "常勤換算を入力してください。");

    let zero = allocate(
        &mut store,
        &director,
        &allocation(&a, StaffRole::Other, "0", d(2025, 4, 1), None),
    )
    .unwrap_err();
    assert_eq!(
        zero.message_ja(),
        "常勤換算は0より大きく1.0以下で入力してください（入力値 0.0）。"
    );
    let over = allocate(
        &mut store,
        &director,
        &allocation(&a, StaffRole::Other, "1.2", d(2025, 4, 1), None),
    )
    .unwrap_err();
    assert_eq!(
        over.message_ja(),
        "常勤換算は0より大きく1.0以下で入力してください（入力値 1.2）。"
    );
    let backwards = allocate(
        &mut store,
        &director,
        &allocation(
            &a,
            StaffRole::Other,
            "0.5",
            d(2025, 4, 1),
            Some(d(2025, 3, 31)),
        ),
    )
    .unwrap_err();
    assert_eq!(
        backwards.message_ja(),
        "配置終了日は開始日以降の日付にしてください。"
    );
    let ancient = allocate(
        &mut store,
        &director,
        &allocation(&a, StaffRole::Other, "0.5", d(1899, 4, 1), None),
    )
    .unwrap_err();
    assert_eq!(
        ancient.message_ja(),
        "配置開始日は1900～2200の範囲で入力してください。"
    );
    let nobody = allocate(
        &mut store,
        &director,
        &allocation(
            &StaffId::new(),
            StaffRole::Other,
            "0.5",
            d(2025, 4, 1),
            None,
        ),
    )
    .unwrap_err();
    assert_eq!(nobody.message_ja(), "職員が見つかりません。");

    let unnamed = staff::add_staff(&mut store, &director, &StaffInput::default()).unwrap_err();
    assert_eq!(unnamed.message_ja(), "氏名を入力してください。");
    let left_first = StaffInput {
        name: "見本 二郎".to_string(),
        joined_on: Some(d(2025, 4, 1)),
        left_on: Some(d(2024, 3, 31)),
        ..StaffInput::default()
    };
    let err = staff::add_staff(&mut store, &director, &left_first).unwrap_err();
    assert_eq!(err.message_ja(), "退職日は開始日以降の日付にしてください。");
    assert_eq!(
        count(&store, &director, "SELECT count(*) FROM fte_allocations"),
        0
    );
}

#[test]
fn staff_may_list_names_but_not_touch_allocations_or_see_the_summary() {
    let (_tmp, dir, mut store, director) = new_center();
    let user = add_staff(
        &mut store,
        &director,
        "yamada",
        "山田 花子",
        "yamada-pass-1",
    );
    let input = StaffInput {
        name: "山田 花子".to_string(),
        kana: "やまだ はなこ".to_string(),
        user_id: Some(user.clone()),
        ..StaffInput::default()
    };
    let yamada = staff::add_staff(&mut store, &director, &input).unwrap();
    let id = allocate(
        &mut store,
        &director,
        &allocation(
            &yamada,
            StaffRole::LifeCoordinator,
            "0.75",
            d(2025, 4, 1),
            None,
        ),
    )
    .unwrap();

    let (mut store, staff_session) = as_staff(&dir, store);
    let denied = "この操作は施設長のみ行えます。";
    let attempts = [
        allocate(
            &mut store,
            &staff_session,
            &allocation(
                &yamada,
                StaffRole::LifeCoordinator,
                "0.25",
                d(2025, 4, 1),
                None,
            ),
        )
        .map(|_| ()),
        staff::end_allocation(&mut store, &staff_session, &id, d(2025, 9, 30)),
        staff::allocations(&store, &staff_session, None).map(|_| ()),
        staff::fte_summary(&store, &staff_session, d(2025, 4, 1)).map(|_| ()),
        staff::fte_what_if(&store, &staff_session, d(2025, 4, 1), &[]).map(|_| ()),
        staff::add_staff(&mut store, &staff_session, &input).map(|_| ()),
        staff::update_staff(&mut store, &staff_session, &yamada, &input),
    ];
    for attempt in attempts {
        let err = attempt.unwrap_err();
        assert_eq!(err.code(), "permission_denied");
        assert_eq!(err.message_ja(), denied);
    }
    let names = staff::list_staff(&store, &staff_session).unwrap();
    assert_eq!(names.len(), 1);
    assert_eq!(names[0].name, "山田 花子");

    let found = store
        .read(&staff_session, |conn| staff::staff_of_user(conn, &user))
        .unwrap();
    assert_eq!(found, Some(yamada));
    let none = store
        .read(&staff_session, |conn| {
            staff::staff_of_user(conn, &hotto::ids::new_id())
        })
        .unwrap();
    assert_eq!(none, None);
}

#[test]
fn an_account_links_to_one_staff_member_only() {
    let (_tmp, _dir, mut store, director) = new_center();
    let user = add_staff(
        &mut store,
        &director,
        "yamada",
        "山田 花子",
        "yamada-pass-1",
    );
    let linked = StaffInput {
        name: "山田 花子".to_string(),
        user_id: Some(user),
        ..StaffInput::default()
    };
    staff::add_staff(&mut store, &director, &linked).unwrap();
    let err = staff::add_staff(&mut store, &director, &linked).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "この利用者アカウントは別の職員に紐づけられています。"
    );
    let ghost = StaffInput {
        user_id: Some(hotto::ids::new_id()),
        ..linked
    };
    let err = staff::add_staff(&mut store, &director, &ghost).unwrap_err();
    assert_eq!(err.message_ja(), "利用者アカウントが見つかりません。");
}

/// A small center, counted by hand on 2025-06-01 (FY2025):
/// - 施設長 見本: director 1.0 (就労支援コーディネーター兼務); no clients.
/// - 阿部: employment 0.8; main staff of c1, c2, c3 (registered) — c4 closed in May and c5
///   registering in July do not count; open follow-ups due 5/20 (overdue) and 6/20; one done.
/// - 伊藤: employment 0.5 + life 0.5; main staff of c6 (registered) and c7 (inquiry only: not
///   counted); one cancelled follow-up (not counted).
/// - c8 is registered without main staff; one open follow-up has no staff.
///
/// Plan FY2025: director 1/1.0, employment coordinators 2/1.5.
struct SmallCenter {
    abe: StaffId,
    ito: StaffId,
    abe_post: AllocationId,
    c1: ClientId,
}

fn small_center(store: &mut Store, director: &Session) -> SmallCenter {
    let chief = person(store, director, "見本 所長", "あ");
    let abe = person(store, director, "阿部", "あべ");
    let ito = person(store, director, "伊藤", "いとう");
    let mut chief_post = allocation(&chief, StaffRole::Director, "1.0", d(2025, 4, 1), None);
    chief_post.concurrent_post = "就労支援コーディネーター兼務".to_string();
    allocate(store, director, &chief_post).unwrap();
    let abe_post = allocate(
        store,
        director,
        &allocation(
            &abe,
            StaffRole::EmploymentCoordinator,
            "0.8",
            d(2025, 4, 1),
            None,
        ),
    )
    .unwrap();
    for role in [StaffRole::EmploymentCoordinator, StaffRole::LifeCoordinator] {
        allocate(
            store,
            director,
            &allocation(&ito, role, "0.5", d(2025, 4, 1), Some(d(2026, 3, 31))),
        )
        .unwrap();
    }
    // A past allocation of 阿部 that no longer counts.
    allocate(
        store,
        director,
        &allocation(
            &abe,
            StaffRole::Other,
            "0.2",
            d(2024, 4, 1),
            Some(d(2025, 3, 31)),
        ),
    )
    .unwrap();

    let open = Some((d(2024, 5, 1), None));
    let c1 = client(store, director, Some(&abe), open);
    client(store, director, Some(&abe), open);
    let c3 = client(store, director, Some(&abe), open);
    client(
        store,
        director,
        Some(&abe),
        Some((d(2024, 5, 1), Some(d(2025, 5, 31)))),
    );
    client(store, director, Some(&abe), Some((d(2025, 7, 1), None)));
    let c6 = client(store, director, Some(&ito), open);
    client(store, director, Some(&ito), None);
    let c8 = client(store, director, None, open);

    follow_up(store, director, &c1, Some(&abe), d(2025, 5, 20), "open");
    follow_up(store, director, &c3, Some(&abe), d(2025, 6, 20), "open");
    follow_up(store, director, &c3, Some(&abe), d(2025, 5, 1), "done");
    follow_up(store, director, &c6, Some(&ito), d(2025, 5, 1), "cancelled");
    follow_up(store, director, &c8, None, d(2025, 7, 1), "open");

    plan::create_plan(store, director, FiscalYear(2025)).unwrap();
    let line = |role, head_count, share: &str| StaffingLine {
        role,
        head_count,
        fte: fte(share),
        note: String::new(),
    };
    plan::set_staffing(
        store,
        director,
        FiscalYear(2025),
        &[
            line(StaffRole::Director, 1, "1.0"),
            line(StaffRole::EmploymentCoordinator, 2, "1.5"),
        ],
    )
    .unwrap();
    SmallCenter {
        abe,
        ito,
        abe_post,
        c1,
    }
}

#[test]
fn the_summary_counts_fte_caseload_and_follow_ups_as_counted_by_hand() {
    let (_tmp, _dir, mut store, director) = new_center();
    let center = small_center(&mut store, &director);
    let s = staff::fte_summary(&store, &director, d(2025, 6, 1)).unwrap();

    assert_eq!(s.fiscal_year, FiscalYear(2025));
    let names: Vec<&str> = s.staff.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["見本 所長", "阿部", "伊藤"],
        "director first, then by post and kana"
    );

    let chief = &s.staff[0];
    assert_eq!(chief.roles.len(), 1);
    assert_eq!(
        chief.roles[0].concurrent_post,
        "就労支援コーディネーター兼務"
    );
    assert_eq!(chief.caseload, 0);
    assert_eq!(chief.caseload_per_fte, Some(0.0));

    let abe = &s.staff[1];
    assert_eq!(abe.staff_id, center.abe);
    assert_eq!(abe.total_fte.to_string(), "0.8");
    assert_eq!(abe.caseload, 3);
    assert_eq!(abe.caseload_per_fte, Some(3.8), "3 ÷ 0.8 = 3.75");
    assert_eq!((abe.open_follow_ups, abe.overdue_follow_ups), (2, 1));

    let ito = &s.staff[2];
    assert_eq!(ito.staff_id, center.ito);
    assert_eq!(ito.roles.len(), 2);
    assert_eq!(ito.total_fte.to_string(), "1.0");
    assert_eq!(ito.caseload, 1);
    assert_eq!((ito.open_follow_ups, ito.overdue_follow_ups), (0, 0));

    assert_eq!(s.total_head_count, 3);
    assert_eq!(s.total_fte.to_string(), "2.8");
    assert_eq!(s.total_caseload, 4);
    assert_eq!(s.clients_without_main_staff, 1);
    assert_eq!(s.unassigned_open_follow_ups, 1);
    assert_eq!(s.plan_head_count, Some(3));
    assert_eq!(s.plan_fte.map(|f| f.to_string()), Some("2.5".to_string()));

    let role = |r: StaffRole| s.roles.iter().find(|t| t.role == r).unwrap();
    let employment = role(StaffRole::EmploymentCoordinator);
    assert_eq!(employment.head_count, 2);
    assert_eq!(employment.fte.to_string(), "1.3");
    assert_eq!(employment.head_count_difference, Some(0));
    assert_eq!(
        employment.fte_difference.map(|f| f.to_string()),
        Some("-0.2".to_string())
    );
    let life = role(StaffRole::LifeCoordinator);
    assert_eq!((life.head_count, life.plan_head_count), (1, None));
    assert!(s.roles.iter().all(|t| t.role != StaffRole::Other));
}

#[test]
fn the_what_if_shows_the_changes_and_saves_nothing() {
    let (_tmp, _dir, mut store, director) = new_center();
    let center = small_center(&mut store, &director);
    let day = d(2025, 6, 1);
    let tables = "SELECT (SELECT count(*) FROM fte_allocations) * 1000000
                       + (SELECT count(*) FROM clients WHERE main_staff_id IS NOT NULL) * 1000
                       + (SELECT count(*) FROM audit_log)";
    let before_rows = count(&store, &director, tables);
    let before = staff::fte_summary(&store, &director, day).unwrap();

    let changes = [
        WhatIf::Allocation(AllocationChange::Change {
            id: center.abe_post.clone(),
            edit: AllocationEdit {
                role: StaffRole::EmploymentCoordinator,
                fte: fte("1.0"),
                from_on: d(2025, 4, 1),
                to_on: None,
                concurrent_post: String::new(),
            },
        }),
        WhatIf::Reassignment(ClientReassignment {
            client_id: center.c1.clone(),
            main_staff_id: Some(center.ito.clone()),
        }),
    ];
    let tried = staff::fte_what_if(&store, &director, day, &changes).unwrap();
    let abe = tried
        .staff
        .iter()
        .find(|l| l.staff_id == center.abe)
        .unwrap();
    assert_eq!(abe.total_fte.to_string(), "1.0");
    assert_eq!(abe.caseload, 2);
    assert_eq!(abe.caseload_per_fte, Some(2.0));
    let ito = tried
        .staff
        .iter()
        .find(|l| l.staff_id == center.ito)
        .unwrap();
    assert_eq!(ito.caseload, 2);
    assert_eq!(tried.total_fte.to_string(), "3.0");

    // A change that breaks the 1.0 rule is refused with the same message as when saving.
    let too_much = [WhatIf::Allocation(AllocationChange::Add(allocation(
        &center.ito,
        StaffRole::Other,
        "0.1",
        d(2025, 5, 1),
        None,
    )))];
    let err = staff::fte_what_if(&store, &director, day, &too_much).unwrap_err();
    assert_eq!(
        err.message_ja(),
        "この配置を加えると令和7年5月1日に常勤換算が1.0を超えます（合計1.1）。"
    );

    assert_eq!(count(&store, &director, tables), before_rows);
    assert_eq!(staff::fte_summary(&store, &director, day).unwrap(), before);
    // And the store still takes ordinary writes afterwards.
    let edit = AllocationEdit {
        role: StaffRole::EmploymentCoordinator,
        fte: fte("0.9"),
        from_on: d(2025, 4, 1),
        to_on: None,
        concurrent_post: String::new(),
    };
    staff::change_allocation(&mut store, &director, &center.abe_post, &edit).unwrap();
}
