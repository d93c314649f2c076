//! Retention follow-ups through the public API: the schedule a new job gets (on open days),
//! the director's policy, and the work on single follow-ups by any staff member.

mod common;

use chrono::NaiveDate;
use common::*;
use hotto::employment::{
    add_employer, add_employment, client_employments, ContractType, EmployerInput, NewEmployment,
    Route,
};
use hotto::ids::{ClientId, EmployerId, EmploymentId, FollowUpId, StaffId};
use hotto::retention::{
    self, complete_follow_up, current_policy, reassign_follow_up, reschedule_follow_up, set_policy,
    worklist, FollowUp, FollowUpDone, FollowUpMethod, FollowUpPolicy, FollowUpStatus, Risk,
};
use hotto::{CoreError, DataDir, Session, Store};
use rusqlite::params;

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn staff(store: &mut Store, s: &Session, name: &str, left_on: Option<NaiveDate>) -> StaffId {
    let id = StaffId::new();
    store
        .write(s, |tx| {
            tx.conn()
                .execute(
                    "INSERT INTO staff (id, name, left_on, updated_at) VALUES (?1, ?2, ?3, ?4)",
                    params![id, name, left_on, tx.now()],
                )
                .unwrap();
            Ok(())
        })
        .unwrap();
    id
}

/// A registered client (registered 2025-03-01, not heard from since).
fn client(store: &mut Store, s: &Session, main: &StaffId) -> ClientId {
    let id = ClientId::new();
    store
        .write(s, |tx| {
            tx.conn()
                .execute(
                    "INSERT INTO clients (id, name, kana, search_key, first_contact_on, phase,
                         main_staff_id, updated_at)
                     VALUES (?1, '青木 花子', 'あおき はなこ', 'あおきはなこ', '2025-02-01', 'seeking', ?2, ?3)",
                    params![id, main, tx.now()],
                )
                .unwrap();
            tx.conn()
                .execute(
                    "INSERT INTO client_registrations (id, client_id, registered_on, updated_at)
                     VALUES (?1, ?2, '2025-03-01', ?3)",
                    params![hotto::ids::new_id(), id, tx.now()],
                )
                .unwrap();
            Ok(())
        })
        .unwrap();
    id
}

struct Center {
    _tmp: tempfile::TempDir,
    dir: DataDir,
    store: Store,
    s: Session,
    main: StaffId,
    client: ClientId,
    employer: EmployerId,
}

fn center() -> Center {
    let (tmp, dir, mut store, s) = new_center();
    let main = staff(&mut store, &s, "山田", None);
    let client = client(&mut store, &s, &main);
    let input = EmployerInput {
        name: "小平食品株式会社".into(),
        ..EmployerInput::default()
    };
    let employer = add_employer(&mut store, &s, &input).unwrap();
    Center {
        _tmp: tmp,
        dir,
        store,
        s,
        main,
        client,
        employer,
    }
}

impl Center {
    fn hire(&mut self, started: NaiveDate) -> EmploymentId {
        let new = NewEmployment {
            client_id: self.client.clone(),
            employer_id: self.employer.clone(),
            started_on: started,
            job_title: String::new(),
            contract_type: ContractType::Permanent,
            weekly_minutes: 40 * 60,
            route: Route::SpecialSchool,
            disability_employment: true,
            handover: None,
        };
        add_employment(&mut self.store, &self.s, &new).unwrap()
    }

    fn follow_ups(&self) -> Vec<FollowUp> {
        client_employments(&self.store, &self.s, &self.client)
            .unwrap()
            .into_iter()
            .flat_map(|r| r.follow_ups)
            .collect()
    }

    fn first_follow_up(&self) -> FollowUpId {
        self.follow_ups()[0].id.clone()
    }
}

fn refused(result: Result<impl std::fmt::Debug, CoreError>) -> String {
    result.expect_err("should be refused").message_ja()
}

#[test]
fn a_job_starting_on_2025_04_01_gets_nineteen_follow_ups_on_open_days() {
    let mut c = center();
    c.hire(ymd(2025, 4, 1));
    let follow_ups = c.follow_ups();
    let due: Vec<NaiveDate> = follow_ups.iter().map(|f| f.due_on).collect();
    assert_eq!(
        due,
        [
            ymd(2025, 4, 8),  // 1 week, Tue
            ymd(2025, 4, 15), // 2 weeks, Tue
            ymd(2025, 5, 1),  // 1 month, Thu
            ymd(2025, 6, 2),  // 2 months: 6/1 is a Sunday
            ymd(2025, 7, 1),  // 3 months
            ymd(2025, 10, 1), // 6 months
            ymd(2026, 1, 5),  // 9 months: 1/1–1/3 year-end break, 1/4 Sunday
            ymd(2026, 4, 1),  // 12 months
            ymd(2026, 10, 1), // 18 months
            ymd(2027, 4, 1),  // 2 years
            ymd(2027, 10, 1), // 30 months
            ymd(2028, 4, 3),  // 3 years: 4/1 is the 1st Saturday (closed), 4/2 Sunday
            ymd(2029, 4, 2),  // 4 years: 4/1 Sunday
            ymd(2030, 4, 1),
            ymd(2031, 4, 1),
            ymd(2032, 4, 1),
            ymd(2033, 4, 1),
            ymd(2034, 4, 3), // 9 years: 4/1 is the 1st Saturday
            ymd(2035, 4, 2), // 10 years: 4/1 Sunday
        ]
    );
    let methods: Vec<FollowUpMethod> = follow_ups.iter().map(|f| f.method).collect();
    assert_eq!(&methods[..5], [FollowUpMethod::Visit; 5]);
    assert!(methods[5..].iter().all(|m| *m == FollowUpMethod::Phone));
    assert!(follow_ups.iter().all(|f| f.status == FollowUpStatus::Open));
    assert!(follow_ups
        .iter()
        .all(|f| f.staff_id.as_ref() == Some(&c.main)));
    assert_eq!(follow_ups[0].staff_name.as_deref(), Some("山田"));
    // The same dates as the pure schedule function gives.
    assert_eq!(
        due,
        retention::due_dates(&FollowUpPolicy::default(), ymd(2025, 4, 1))
    );
}

#[test]
fn a_follow_up_falling_in_golden_week_moves_to_may_7() {
    let mut c = center();
    // 4/3 + 1 month = 5/3 (Sat, 憲法記念日); 5/4 Sun; 5/5 こどもの日; 5/6 振替休日.
    c.hire(ymd(2025, 4, 3));
    let due: Vec<NaiveDate> = c.follow_ups().iter().map(|f| f.due_on).collect();
    assert_eq!(
        &due[..3],
        [ymd(2025, 4, 10), ymd(2025, 4, 17), ymd(2025, 5, 7)]
    );
}

#[test]
fn a_follow_up_falling_in_the_year_end_break_moves_to_the_first_open_day_of_january() {
    let mut c = center();
    // 9/30 + 3 months = 12/30: closed 12/29–1/3, 1/4 is a Sunday.
    c.hire(ymd(2025, 9, 30));
    let due: Vec<NaiveDate> = c.follow_ups().iter().map(|f| f.due_on).collect();
    assert_eq!(due[4], ymd(2026, 1, 5));
    // 2 months: 11/30 is a Sunday → 12/1.
    assert_eq!(due[3], ymd(2025, 12, 1));
}

#[test]
fn the_directors_policy_shapes_later_schedules_and_check_ins_and_is_audited() {
    let mut c = center();
    assert_eq!(
        current_policy(&c.store, &c.s).unwrap(),
        FollowUpPolicy::default()
    );
    let mut policy = FollowUpPolicy {
        yearly_until_years: 5,
        ..FollowUpPolicy::default()
    };
    policy.check_in_days.seeking = 30;
    set_policy(&mut c.store, &c.s, &policy).unwrap();
    assert_eq!(current_policy(&c.store, &c.s).unwrap(), policy);

    // 8 early steps, half-yearly at 18–36 months, yearly at 4 and 5 years.
    c.hire(ymd(2025, 4, 1));
    assert_eq!(c.follow_ups().len(), 14);

    // Registered 2025-03-01 and seeking: 31 days later the client is over the new 30 days.
    let c2 = center();
    let mut store = c2.store;
    set_policy(&mut store, &c2.s, &policy).unwrap();
    let check_ins = store
        .read(&c2.s, |conn| {
            worklist::check_ins(conn, ymd(2025, 4, 1), None)
        })
        .unwrap();
    assert_eq!(check_ins.len(), 1);
    assert_eq!(check_ins[0].threshold_days, 30);

    let audit: Vec<String> = c
        .store
        .read(&c.s, |conn| {
            Ok(conn
                .query_row(
                    "SELECT summary FROM audit_log WHERE action = 'follow_up_policy.update'",
                    [],
                    |r| r.get(0),
                )
                .map(|s: String| vec![s])
                .unwrap())
        })
        .unwrap();
    assert_eq!(
        audit,
        ["follow-up policy saved: 8 early steps, half-yearly to 3 years, yearly to 5 years"]
    );
}

#[test]
fn staff_may_not_edit_the_policy_but_may_complete_follow_ups() {
    let mut c = center();
    c.hire(ymd(2025, 4, 1));
    let id = c.first_follow_up();
    add_staff(&mut c.store, &c.s, "yamada", "山田", "staff-pass-1");
    drop(c.store);
    let (mut store, staff) = Store::sign_in(&c.dir, "yamada", "staff-pass-1").unwrap();

    let policy = FollowUpPolicy {
        yearly_until_years: 3,
        ..FollowUpPolicy::default()
    };
    assert_eq!(
        refused(set_policy(&mut store, &staff, &policy)),
        "この操作は施設長のみ行えます。"
    );
    assert_eq!(
        current_policy(&store, &staff).unwrap(),
        FollowUpPolicy::default()
    );

    let done = FollowUpDone {
        done_on: ymd(2025, 4, 9),
        method: FollowUpMethod::CenterMeeting,
        outcome: "来所して近況を聞いた".into(),
        issues: "通勤の疲れ".into(),
        risk: Risk::Medium,
    };
    complete_follow_up(&mut store, &staff, &id, &done).unwrap();
    let stored = retention::follow_up(&store, &staff, &id).unwrap();
    assert_eq!(stored.status, FollowUpStatus::Done);
    assert_eq!(stored.done_on, Some(ymd(2025, 4, 9)));
    assert_eq!(stored.method, FollowUpMethod::CenterMeeting);
    assert_eq!(stored.issues, "通勤の疲れ");
    assert_eq!(stored.risk, Some(Risk::Medium));
    assert_eq!(
        refused(complete_follow_up(&mut store, &staff, &id, &done)),
        "この定着フォローはすでに実施済みか中止されています。"
    );
}

#[test]
fn bad_completions_are_refused_in_japanese_and_change_nothing() {
    let mut c = center();
    c.hire(ymd(2025, 4, 1));
    let id = c.first_follow_up();
    let mut done = FollowUpDone {
        done_on: ymd(2025, 3, 31),
        method: FollowUpMethod::Phone,
        outcome: "電話".into(),
        issues: String::new(),
        risk: Risk::Low,
    };
    assert_eq!(
        refused(complete_follow_up(&mut c.store, &c.s, &id, &done)),
        "実施日は就職日以降の日付にしてください。"
    );
    done.done_on = chrono::Local::now().date_naive().succ_opt().unwrap();
    assert_eq!(
        refused(complete_follow_up(&mut c.store, &c.s, &id, &done)),
        "実施日に未来の日付は入力できません。"
    );
    done.done_on = ymd(2025, 4, 8);
    done.outcome = "  ".into();
    assert_eq!(
        refused(complete_follow_up(&mut c.store, &c.s, &id, &done)),
        "結果を入力してください。"
    );
    done.outcome = "電話".into();
    assert_eq!(
        refused(complete_follow_up(
            &mut c.store,
            &c.s,
            &FollowUpId::new(),
            &done
        )),
        "定着フォローが見つかりません。"
    );
    assert!(c
        .follow_ups()
        .iter()
        .all(|f| f.status == FollowUpStatus::Open));
}

#[test]
fn a_follow_up_can_be_handed_to_another_staff_member_in_post() {
    let mut c = center();
    c.hire(ymd(2025, 4, 1));
    let id = c.first_follow_up();
    let other = staff(&mut c.store, &c.s, "鈴木", None);
    let gone = staff(&mut c.store, &c.s, "高橋", Some(ymd(2024, 3, 31)));
    reassign_follow_up(&mut c.store, &c.s, &id, &other).unwrap();
    let moved = retention::follow_up(&c.store, &c.s, &id).unwrap();
    assert_eq!(moved.staff_id, Some(other.clone()));
    assert_eq!(moved.staff_name.as_deref(), Some("鈴木"));
    let theirs = c
        .store
        .read(&c.s, |conn| {
            worklist::due_soon(conn, ymd(2025, 4, 7), Some(&other))
        })
        .unwrap();
    assert_eq!(theirs.len(), 1);

    assert_eq!(
        refused(reassign_follow_up(&mut c.store, &c.s, &id, &gone)),
        "退職した職員には割り当てられません。"
    );
    assert_eq!(
        refused(reassign_follow_up(&mut c.store, &c.s, &id, &StaffId::new())),
        "担当職員が見つかりません。"
    );
    assert_eq!(
        retention::follow_up(&c.store, &c.s, &id).unwrap().staff_id,
        Some(other)
    );
}

#[test]
fn a_rescheduled_follow_up_moves_to_the_next_open_day() {
    let mut c = center();
    c.hire(ymd(2025, 4, 1));
    let id = c.first_follow_up();
    let moved = reschedule_follow_up(&mut c.store, &c.s, &id, ymd(2025, 5, 3)).unwrap();
    assert_eq!(moved, ymd(2025, 5, 7));
    assert_eq!(
        retention::follow_up(&c.store, &c.s, &id).unwrap().due_on,
        ymd(2025, 5, 7)
    );
    // The 2nd Saturday is open: it stays.
    assert_eq!(
        reschedule_follow_up(&mut c.store, &c.s, &id, ymd(2025, 6, 14)).unwrap(),
        ymd(2025, 6, 14)
    );
    assert_eq!(
        refused(reschedule_follow_up(
            &mut c.store,
            &c.s,
            &id,
            ymd(2025, 3, 1)
        )),
        "予定日は就職日以降の日付にしてください。"
    );
    let summaries: i64 = c
        .store
        .read(&c.s, |conn| {
            Ok(conn
                .query_row(
                    "SELECT count(*) FROM audit_log WHERE action = 'follow_up.reschedule'",
                    [],
                    |r| r.get(0),
                )
                .unwrap())
        })
        .unwrap();
    assert_eq!(summaries, 2);
}

#[test]
fn an_invalid_policy_is_refused_and_the_old_one_stays() {
    let mut c = center();
    let mut policy = FollowUpPolicy::default();
    policy.check_in_days.employed = 1000;
    assert_eq!(
        refused(set_policy(&mut c.store, &c.s, &policy)),
        "近況確認までの日数は7～730の範囲で入力してください。"
    );
    assert_eq!(
        current_policy(&c.store, &c.s).unwrap(),
        FollowUpPolicy::default()
    );
}
