//! Jobs, separations, hand-overs, employers and outreach, driven through the public API on a
//! real encrypted database, with small hand-made centers.

mod common;

use chrono::NaiveDate;
use common::*;
use hotto::calendar::FiscalYear;
use hotto::employment::{
    self, add_employer, add_employer_support, add_employment, add_handover, add_prospect,
    check_handover, client_employments, client_handovers, delete_employer,
    employer_support_records, employers, end_employment, log_prospect_contact,
    mark_handover_arrived, monthly_activity, prospects, update_employer, ContactMethod,
    ContractType, EmployerInput, EmploymentEnd, EndReason, HandoverCheck, HandoverStatus,
    NewEmployerSupport, NewEmployment, NewHandover, NewProspectContact, ProspectInput,
    ProspectStage, Route,
};
use hotto::ids::{ClientId, EmployerId, EmploymentId, PartnerId, StaffId};
use hotto::retention::{self, FollowUpDone, FollowUpKind, FollowUpMethod, FollowUpStatus, Risk};
use hotto::{CoreError, Session, Store};
use rusqlite::params;

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Hand-made rows for the tables other modules own.
fn staff(store: &mut Store, s: &Session, name: &str) -> StaffId {
    let id = StaffId::new();
    store
        .write(s, |tx| {
            tx.conn()
                .execute(
                    "INSERT INTO staff (id, name, updated_at) VALUES (?1, ?2, ?3)",
                    params![id, name, tx.now()],
                )
                .unwrap();
            Ok(())
        })
        .unwrap();
    id
}

fn client(store: &mut Store, s: &Session, kana: &str, main: Option<&StaffId>) -> ClientId {
    let id = ClientId::new();
    store
        .write(s, |tx| {
            tx.conn()
                .execute(
                    "INSERT INTO clients (id, name, kana, search_key, first_contact_on, phase,
                         main_staff_id, updated_at)
                     VALUES (?1, ?2, ?3, ?3, '2024-01-10', 'seeking', ?4, ?5)",
                    params![id, format!("{kana}さん"), kana, main, tx.now()],
                )
                .unwrap();
            Ok(())
        })
        .unwrap();
    id
}

fn partner(store: &mut Store, s: &Session) -> PartnerId {
    let id = PartnerId::new();
    store
        .write(s, |tx| {
            tx.conn()
                .execute(
                    "INSERT INTO partners (id, name, category, service_type, updated_at)
                     VALUES (?1, '定着支援あおば', 'welfare_provider', '就労定着支援', ?2)",
                    params![id, tx.now()],
                )
                .unwrap();
            Ok(())
        })
        .unwrap();
    id
}

fn employer(store: &mut Store, s: &Session, name: &str) -> EmployerId {
    let input = EmployerInput {
        name: name.into(),
        industry: "製造業".into(),
        ..EmployerInput::default()
    };
    add_employer(store, s, &input).unwrap()
}

fn job(client: &ClientId, employer: &EmployerId, started: NaiveDate) -> NewEmployment {
    NewEmployment {
        client_id: client.clone(),
        employer_id: employer.clone(),
        started_on: started,
        job_title: "清掃".into(),
        contract_type: ContractType::FixedTerm,
        weekly_minutes: 30 * 60,
        route: Route::JobCentre,
        disability_employment: true,
        handover: None,
    }
}

fn end(on: NaiveDate, reason: EndReason) -> EmploymentEnd {
    EmploymentEnd {
        ended_on: on,
        reason,
        note: String::new(),
    }
}

fn stored_phase(store: &Store, s: &Session, client: &ClientId) -> Option<String> {
    store
        .read(s, |conn| {
            Ok(conn
                .query_row("SELECT phase FROM clients WHERE id = ?1", [client], |r| {
                    r.get(0)
                })
                .unwrap())
        })
        .unwrap()
}

/// How many rows each table of this module holds, and how many audit rows there are.
fn counts(store: &Store, s: &Session) -> [i64; 5] {
    store
        .read(s, |conn| {
            let n = |table: &str| -> i64 {
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                    .unwrap()
            };
            Ok([
                n("employments"),
                n("follow_ups"),
                n("handovers"),
                n("employers"),
                n("audit_log"),
            ])
        })
        .unwrap()
}

fn audit_summaries(store: &Store, s: &Session, action: &str) -> Vec<String> {
    store
        .read(s, |conn| {
            let mut stmt = conn
                .prepare("SELECT summary FROM audit_log WHERE action = ?1 ORDER BY seq")
                .unwrap();
            Ok(stmt
                .query_map([action], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap())
        })
        .unwrap()
}

struct Small {
    _tmp: tempfile::TempDir,
    store: Store,
    s: Session,
    main: StaffId,
    client: ClientId,
    employer: EmployerId,
}

fn small() -> Small {
    let (tmp, _dir, mut store, s) = new_center();
    let main = staff(&mut store, &s, "山田");
    let client = client(&mut store, &s, "あおき", Some(&main));
    let employer = employer(&mut store, &s, "小平食品株式会社");
    Small {
        _tmp: tmp,
        store,
        s,
        main,
        client,
        employer,
    }
}

#[test]
fn separation_cancels_open_follow_ups_and_opens_a_post_separation_entry() {
    let mut c = small();
    let id = add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2025, 4, 1)),
    )
    .unwrap();
    let first = &client_employments(&c.store, &c.s, &c.client).unwrap()[0].follow_ups[0];
    assert_eq!(first.due_on, ymd(2025, 4, 8));
    let done = FollowUpDone {
        done_on: ymd(2025, 4, 8),
        method: FollowUpMethod::Visit,
        outcome: "職場で面談".into(),
        issues: String::new(),
        risk: Risk::Low,
    };
    retention::complete_follow_up(&mut c.store, &c.s, &first.id, &done).unwrap();

    // Last day Sat 2025-06-21; + 7 days = Sat 06-28, the 4th Saturday: open, so it stays.
    let post = end_employment(
        &mut c.store,
        &c.s,
        &id,
        &end(ymd(2025, 6, 21), EndReason::Health),
    )
    .unwrap();

    let record = &client_employments(&c.store, &c.s, &c.client).unwrap()[0];
    assert_eq!(record.employment.ended_on, Some(ymd(2025, 6, 21)));
    assert_eq!(record.employment.end_reason, Some(EndReason::Health));
    let by_status = |status| {
        record
            .follow_ups
            .iter()
            .filter(|f| f.status == status)
            .count()
    };
    assert_eq!(by_status(FollowUpStatus::Done), 1);
    assert_eq!(by_status(FollowUpStatus::Cancelled), 18);
    assert_eq!(by_status(FollowUpStatus::Open), 1);
    let open = record
        .follow_ups
        .iter()
        .find(|f| f.status == FollowUpStatus::Open)
        .unwrap();
    assert_eq!(open.id, post);
    assert_eq!(open.kind, FollowUpKind::PostSeparation);
    assert_eq!(open.due_on, ymd(2025, 6, 28));
    assert_eq!(open.method, FollowUpMethod::Phone);
    assert_eq!(open.staff_id.as_ref(), Some(&c.main));
    assert_eq!(
        stored_phase(&c.store, &c.s, &c.client).as_deref(),
        Some("separated")
    );
    assert_eq!(
        audit_summaries(&c.store, &c.s, "employment.end"),
        ["employment ended; 18 open follow-ups cancelled, post-separation follow-up opened"]
    );
    assert_eq!(
        audit_summaries(&c.store, &c.s, "client.phase"),
        ["phase set to separated"]
    );
}

#[test]
fn a_post_separation_follow_up_due_in_the_year_end_break_moves_to_january() {
    let mut c = small();
    let id = add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2025, 4, 1)),
    )
    .unwrap();
    // 2025-12-24 + 7 = 12-31, closed until 1/3 (Sat), 1/4 is Sunday: Monday 2026-01-05.
    let post = end_employment(
        &mut c.store,
        &c.s,
        &id,
        &end(ymd(2025, 12, 24), EndReason::ContractEnd),
    )
    .unwrap();
    let follow_up = retention::follow_up(&c.store, &c.s, &post).unwrap();
    assert_eq!(follow_up.due_on, ymd(2026, 1, 5));
}

#[test]
fn with_two_jobs_at_once_ending_one_keeps_the_other_and_the_phase() {
    let mut c = small();
    let other = employer(&mut c.store, &c.s, "東京物流株式会社");
    let a = add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2024, 4, 1)),
    )
    .unwrap();
    let b = add_employment(&mut c.store, &c.s, &job(&c.client, &other, ymd(2025, 1, 6))).unwrap();

    end_employment(
        &mut c.store,
        &c.s,
        &a,
        &end(ymd(2025, 6, 30), EndReason::JobChange),
    )
    .unwrap();
    assert_eq!(
        stored_phase(&c.store, &c.s, &c.client).as_deref(),
        Some("seeking")
    );
    let records = client_employments(&c.store, &c.s, &c.client).unwrap();
    // Latest start first; the ongoing job keeps all 19 follow-ups open.
    assert_eq!(records[0].employment.id, b);
    assert_eq!(records[0].employment.employer_name, "東京物流株式会社");
    assert!(records[0]
        .follow_ups
        .iter()
        .all(|f| f.status == FollowUpStatus::Open));
    assert_eq!(records[0].follow_ups.len(), 19);
    assert_eq!(records[1].employment.id, a);
    assert!(records[1].employment.is_ongoing_on(ymd(2025, 6, 29)));
    assert!(!records[1].employment.is_ongoing_on(ymd(2025, 6, 30)));

    end_employment(
        &mut c.store,
        &c.s,
        &b,
        &end(ymd(2025, 9, 30), EndReason::Workplace),
    )
    .unwrap();
    assert_eq!(
        stored_phase(&c.store, &c.s, &c.client).as_deref(),
        Some("separated")
    );
}

#[test]
fn a_job_ending_today_does_not_count_as_ongoing() {
    let mut c = small();
    let other = employer(&mut c.store, &c.s, "東京物流株式会社");
    let a = add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2024, 4, 1)),
    )
    .unwrap();
    let b = add_employment(&mut c.store, &c.s, &job(&c.client, &other, ymd(2025, 1, 6))).unwrap();
    end_employment(&mut c.store, &c.s, &b, &end(today(), EndReason::Personal)).unwrap();
    // Job A still goes on, so the client is not separated yet.
    assert_eq!(
        stored_phase(&c.store, &c.s, &c.client).as_deref(),
        Some("seeking")
    );
    end_employment(
        &mut c.store,
        &c.s,
        &a,
        &end(ymd(2025, 3, 31), EndReason::Personal),
    )
    .unwrap();
    // Job B's last day is today: it no longer counts, so the client is separated.
    assert_eq!(
        stored_phase(&c.store, &c.s, &c.client).as_deref(),
        Some("separated")
    );
    let b_now = employment::employment(&c.store, &c.s, &b).unwrap();
    assert!(!b_now.is_ongoing_on(today()));
    assert!(b_now.is_ongoing_on(today().pred_opt().unwrap()));
}

#[test]
fn a_job_does_not_go_on_before_its_first_day() {
    let mut c = small();
    let id = add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2025, 4, 1)),
    )
    .unwrap();
    let e = employment::employment(&c.store, &c.s, &id).unwrap();
    assert!(!e.is_ongoing_on(ymd(2025, 3, 31)));
    assert!(e.is_ongoing_on(ymd(2025, 4, 1)));
    assert_eq!(e.weekly_minutes, 1800);
    assert_eq!(
        audit_summaries(&c.store, &c.s, "employment.add"),
        ["employment added with 19 follow-ups scheduled"]
    );
}

fn refused(result: Result<impl std::fmt::Debug, CoreError>) -> String {
    result.expect_err("should be refused").message_ja()
}

#[test]
fn bad_job_input_is_refused_in_japanese_and_saves_nothing() {
    let mut c = small();
    let before = counts(&c.store, &c.s);
    let mut new = job(&c.client, &c.employer, ymd(2025, 4, 1));

    new.weekly_minutes = 0;
    let range = "週の所定労働時間（分）は1～6000の範囲で入力してください。";
    assert_eq!(refused(add_employment(&mut c.store, &c.s, &new)), range);
    new.weekly_minutes = 6001;
    assert_eq!(refused(add_employment(&mut c.store, &c.s, &new)), range);
    new.weekly_minutes = 6000;

    new.client_id = ClientId::new();
    assert_eq!(
        refused(add_employment(&mut c.store, &c.s, &new)),
        "利用者が見つかりません。"
    );
    new.client_id = c.client.clone();
    new.employer_id = EmployerId::new();
    assert_eq!(
        refused(add_employment(&mut c.store, &c.s, &new)),
        "企業・事業所が見つかりません。"
    );
    new.employer_id = c.employer.clone();

    new.started_on = ymd(1899, 12, 31);
    assert_eq!(
        refused(add_employment(&mut c.store, &c.s, &new)),
        "就職日は1900年1月1日以降の日付にしてください。"
    );
    new.started_on = today() + chrono::Days::new(400);
    assert!(refused(add_employment(&mut c.store, &c.s, &new)).starts_with("就職日は"));
    new.started_on = ymd(2025, 4, 1);

    new.job_title = "清掃\n補助".into();
    assert_eq!(
        refused(add_employment(&mut c.store, &c.s, &new)),
        "職種に使えない文字（制御文字）が含まれています。"
    );
    new.job_title = "清掃".into();

    // An unknown provider refuses the whole write: no job and no schedule either.
    new.handover = Some(NewHandover {
        provider_id: PartnerId::new(),
        requested_on: ymd(2025, 4, 1),
        notes: String::new(),
    });
    assert_eq!(
        refused(add_employment(&mut c.store, &c.s, &new)),
        "就労定着支援事業所が見つかりません。"
    );
    assert_eq!(counts(&c.store, &c.s), before);
}

#[test]
fn bad_separation_input_is_refused_in_japanese_and_changes_nothing() {
    let mut c = small();
    let id = add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2025, 4, 1)),
    )
    .unwrap();
    let before = counts(&c.store, &c.s);

    assert_eq!(
        refused(end_employment(
            &mut c.store,
            &c.s,
            &id,
            &end(ymd(2025, 3, 31), EndReason::Other)
        )),
        "離職日は開始日以降の日付にしてください。"
    );
    let tomorrow = today().succ_opt().unwrap();
    assert_eq!(
        refused(end_employment(
            &mut c.store,
            &c.s,
            &id,
            &end(tomorrow, EndReason::Other)
        )),
        "離職日に未来の日付は入力できません。"
    );
    assert_eq!(
        refused(end_employment(
            &mut c.store,
            &c.s,
            &EmploymentId::new(),
            &end(ymd(2025, 5, 1), EndReason::Other)
        )),
        "就労が見つかりません。"
    );
    assert_eq!(counts(&c.store, &c.s), before);
    let record = &client_employments(&c.store, &c.s, &c.client).unwrap()[0];
    assert_eq!(record.employment.ended_on, None);
    assert!(record
        .follow_ups
        .iter()
        .all(|f| f.status == FollowUpStatus::Open));
    assert_eq!(
        stored_phase(&c.store, &c.s, &c.client).as_deref(),
        Some("seeking")
    );

    end_employment(
        &mut c.store,
        &c.s,
        &id,
        &end(ymd(2025, 5, 1), EndReason::Other),
    )
    .unwrap();
    assert_eq!(
        refused(end_employment(
            &mut c.store,
            &c.s,
            &id,
            &end(ymd(2025, 5, 2), EndReason::Other)
        )),
        "この就労はすでに離職として記録されています。"
    );
}

#[test]
fn a_handover_ends_three_years_six_months_after_the_start_and_is_checked_on_arrival() {
    let mut c = small();
    let provider = partner(&mut c.store, &c.s);
    let mut new = job(&c.client, &c.employer, ymd(2022, 4, 1));
    new.handover = Some(NewHandover {
        provider_id: provider.clone(),
        requested_on: ymd(2025, 8, 1),
        notes: "引継ぎの依頼あり".into(),
    });
    let employment_id = add_employment(&mut c.store, &c.s, &new).unwrap();
    let handover = &client_handovers(&c.store, &c.s, &c.client).unwrap()[0];
    assert_eq!(handover.ends_on, ymd(2025, 10, 1));
    assert_eq!(handover.status, HandoverStatus::Expected);
    assert_eq!(handover.employment_id, employment_id);
    assert_eq!(handover.provider_name, "定着支援あおば");
    let id = handover.id.clone();

    mark_handover_arrived(&mut c.store, &c.s, &id).unwrap();
    assert_eq!(
        refused(mark_handover_arrived(&mut c.store, &c.s, &id)),
        "この支援引継ぎはすでに受付済みです。"
    );
    let early = HandoverCheck {
        checked_on: ymd(2025, 7, 31),
        notes: String::new(),
    };
    assert_eq!(
        refused(check_handover(&mut c.store, &c.s, &id, &early)),
        "確認日は引継ぎの依頼日以降の日付にしてください。"
    );
    let check = HandoverCheck {
        checked_on: ymd(2025, 9, 10),
        notes: "勤務は安定、課題なし".into(),
    };
    check_handover(&mut c.store, &c.s, &id, &check).unwrap();
    assert_eq!(
        refused(check_handover(&mut c.store, &c.s, &id, &check)),
        "この支援引継ぎはすでに確認済みです。"
    );
    let records = client_employments(&c.store, &c.s, &c.client).unwrap();
    let checked = &records[0].handovers[0];
    assert_eq!(checked.status, HandoverStatus::Checked);
    assert_eq!(checked.checked_on, Some(ymd(2025, 9, 10)));
    assert_eq!(checked.notes, "引継ぎの依頼あり\n勤務は安定、課題なし");

    // A second request for the same job, made before the job started, is refused.
    let too_early = NewHandover {
        provider_id: provider,
        requested_on: ymd(2022, 3, 31),
        notes: String::new(),
    };
    assert_eq!(
        refused(add_handover(&mut c.store, &c.s, &employment_id, &too_early)),
        "引継ぎの依頼日は就職日以降の日付にしてください。"
    );
    assert_eq!(
        audit_summaries(&c.store, &c.s, "handover.check"),
        ["hand-over checked"]
    );
}

#[test]
fn employers_are_kept_by_name_and_deleted_only_when_nothing_refers_to_them() {
    let mut c = small();
    let unused = employer(&mut c.store, &c.s, "あさひ商事");
    let names = |store: &Store| -> Vec<String> {
        employers(store, &c.s)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    assert_eq!(names(&c.store), ["あさひ商事", "小平食品株式会社"]);

    let update = EmployerInput {
        name: "あさひ商事株式会社".into(),
        phone: "042-000-0000".into(),
        contact_person: "人事課".into(),
        ..EmployerInput::default()
    };
    update_employer(&mut c.store, &c.s, &unused, &update).unwrap();
    let updated = employment::employer(&c.store, &c.s, &unused).unwrap();
    assert_eq!(updated.name, "あさひ商事株式会社");
    assert_eq!(updated.industry, "");
    assert_eq!(updated.contact_person, "人事課");

    let blank = EmployerInput {
        name: "　".into(),
        ..EmployerInput::default()
    };
    assert_eq!(
        refused(update_employer(&mut c.store, &c.s, &unused, &blank)),
        "企業・事業所名を入力してください。"
    );
    assert_eq!(
        refused(update_employer(
            &mut c.store,
            &c.s,
            &EmployerId::new(),
            &update
        )),
        "企業・事業所が見つかりません。"
    );

    add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2025, 4, 1)),
    )
    .unwrap();
    assert_eq!(
        refused(delete_employer(&mut c.store, &c.s, &c.employer)),
        "この企業・事業所は他の記録から参照されているため削除できません。"
    );
    delete_employer(&mut c.store, &c.s, &unused).unwrap();
    assert_eq!(names(&c.store), ["小平食品株式会社"]);
}

#[test]
fn employer_support_is_recorded_and_listed_newest_first() {
    let mut c = small();
    let support = |on, body: &str| NewEmployerSupport {
        employer_id: c.employer.clone(),
        client_id: Some(c.client.clone()),
        done_on: on,
        staff_id: Some(c.main.clone()),
        minutes: Some(60),
        body: body.into(),
    };
    add_employer_support(
        &mut c.store,
        &c.s,
        &support(ymd(2025, 5, 1), "障害者雇用の制度を説明"),
    )
    .unwrap();
    add_employer_support(
        &mut c.store,
        &c.s,
        &support(ymd(2025, 6, 3), "配慮事項を提案"),
    )
    .unwrap();
    let list = employer_support_records(&c.store, &c.s, &c.employer).unwrap();
    let rows: Vec<_> = list.iter().map(|r| (r.done_on, r.body.as_str())).collect();
    assert_eq!(
        rows,
        [
            (ymd(2025, 6, 3), "配慮事項を提案"),
            (ymd(2025, 5, 1), "障害者雇用の制度を説明")
        ]
    );
    assert_eq!(list[0].client_name.as_deref(), Some("あおきさん"));
    assert_eq!(list[0].staff_name.as_deref(), Some("山田"));

    let mut bad = support(ymd(2025, 6, 4), "説明");
    bad.minutes = Some(1441);
    assert_eq!(
        refused(add_employer_support(&mut c.store, &c.s, &bad)),
        "所要時間（分）は0～1440の範囲で入力してください。"
    );
    bad.minutes = None;
    bad.body = " ".into();
    assert_eq!(
        refused(add_employer_support(&mut c.store, &c.s, &bad)),
        "内容を入力してください。"
    );
    bad.body = "説明".into();
    bad.employer_id = EmployerId::new();
    assert_eq!(
        refused(add_employer_support(&mut c.store, &c.s, &bad)),
        "企業・事業所が見つかりません。"
    );
    assert_eq!(
        employer_support_records(&c.store, &c.s, &c.employer)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_prospect_takes_the_stage_of_its_latest_contact() {
    let mut c = small();
    let input = ProspectInput {
        name: "みどり製菓".into(),
        industry: "食品製造".into(),
        staff_id: Some(c.main.clone()),
        ..ProspectInput::default()
    };
    let id = add_prospect(&mut c.store, &c.s, &input).unwrap();
    assert_eq!(
        prospects(&c.store, &c.s, None).unwrap()[0].stage,
        ProspectStage::NotContacted
    );
    let contact = |on, method, stage| NewProspectContact {
        contacted_on: on,
        method,
        stage_after: stage,
        staff_id: Some(c.main.clone()),
        note: String::new(),
    };
    log_prospect_contact(
        &mut c.store,
        &c.s,
        &id,
        &contact(
            ymd(2025, 5, 8),
            ContactMethod::Phone,
            ProspectStage::Contacted,
        ),
    )
    .unwrap();
    log_prospect_contact(
        &mut c.store,
        &c.s,
        &id,
        &contact(
            ymd(2025, 5, 20),
            ContactMethod::Visit,
            ProspectStage::JobOffer,
        ),
    )
    .unwrap();
    // Logged late for an earlier day: the stage stays at the latest contact's.
    log_prospect_contact(
        &mut c.store,
        &c.s,
        &id,
        &contact(
            ymd(2025, 5, 15),
            ContactMethod::Visit,
            ProspectStage::Visited,
        ),
    )
    .unwrap();
    let listed = &prospects(&c.store, &c.s, Some(ProspectStage::JobOffer)).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_contact_on, Some(ymd(2025, 5, 20)));
    assert!(prospects(&c.store, &c.s, Some(ProspectStage::Visited))
        .unwrap()
        .is_empty());
    let log = employment::prospect_contacts(&c.store, &c.s, &id).unwrap();
    let days: Vec<_> = log.iter().map(|k| k.contacted_on).collect();
    assert_eq!(days, [ymd(2025, 5, 20), ymd(2025, 5, 15), ymd(2025, 5, 8)]);

    let future = contact(
        today().succ_opt().unwrap(),
        ContactMethod::Phone,
        ProspectStage::Hired,
    );
    assert_eq!(
        refused(log_prospect_contact(&mut c.store, &c.s, &id, &future)),
        "接触日に未来の日付は入力できません。"
    );
    let blank = ProspectInput::default();
    assert_eq!(
        refused(add_prospect(&mut c.store, &c.s, &blank)),
        "開拓先企業名を入力してください。"
    );
}

#[test]
fn monthly_outreach_activity_counts_each_month_of_the_fiscal_year() {
    let mut c = small();
    let add = |store: &mut Store, name: &str| {
        let input = ProspectInput {
            name: name.into(),
            ..ProspectInput::default()
        };
        add_prospect(store, &c.s, &input).unwrap()
    };
    let p = add(&mut c.store, "みどり製菓");
    let q = add(&mut c.store, "さくら運輸");
    let log = |store: &mut Store, id, on, method, stage| {
        let contact = NewProspectContact {
            contacted_on: on,
            method,
            stage_after: stage,
            staff_id: None,
            note: String::new(),
        };
        log_prospect_contact(store, &c.s, id, &contact).unwrap();
    };
    use ContactMethod::{Phone, Visit};
    use ProspectStage::*;
    log(&mut c.store, &p, ymd(2025, 3, 31), Phone, Contacted); // FY2024: not counted
    log(&mut c.store, &p, ymd(2025, 4, 1), Visit, Visited);
    log(&mut c.store, &q, ymd(2025, 4, 30), Phone, Contacted);
    log(&mut c.store, &p, ymd(2025, 4, 30), Visit, JobOffer);
    log(&mut c.store, &p, ymd(2026, 3, 31), Visit, Hired);
    let months = c
        .store
        .read(&c.s, |conn| monthly_activity(conn, FiscalYear(2025)))
        .unwrap();
    assert_eq!(months.len(), 12);
    let april = &months[0];
    assert_eq!((april.year, april.month), (2025, 4));
    // April: 3 contacts with 2 companies, 2 visits, 1 job offer.
    assert_eq!(
        (
            april.contacts,
            april.prospects,
            april.visits,
            april.job_offers,
            april.hires
        ),
        (3, 2, 2, 1, 0)
    );
    let march = &months[11];
    assert_eq!(
        (march.year, march.month, march.contacts, march.hires),
        (2026, 3, 1, 1)
    );
    assert!(months[1..11].iter().all(|m| m.contacts == 0));
}

#[test]
fn the_employers_overview_counts_clients_working_there_on_the_day_and_finds_by_kana_or_width() {
    let mut c = small();
    let other = client(&mut c.store, &c.s, "いしだ", Some(&c.main));
    let third = client(&mut c.store, &c.s, "うえの", Some(&c.main));
    employer(&mut c.store, &c.s, "コダイラ物産");
    // 小平食品: あおき from 2025-04-01 (ongoing), いしだ 2025-04-01 to 2025-06-30 (ended),
    // うえの from 2025-09-01. On 2025-08-01 one client works there; on 2025-09-01 two.
    add_employment(
        &mut c.store,
        &c.s,
        &job(&c.client, &c.employer, ymd(2025, 4, 1)),
    )
    .unwrap();
    let ended = add_employment(
        &mut c.store,
        &c.s,
        &job(&other, &c.employer, ymd(2025, 4, 1)),
    )
    .unwrap();
    end_employment(
        &mut c.store,
        &c.s,
        &ended,
        &end(ymd(2025, 6, 30), EndReason::Personal),
    )
    .unwrap();
    add_employment(
        &mut c.store,
        &c.s,
        &job(&third, &c.employer, ymd(2025, 9, 1)),
    )
    .unwrap();
    add_employer_support(
        &mut c.store,
        &c.s,
        &NewEmployerSupport {
            employer_id: c.employer.clone(),
            client_id: None,
            done_on: ymd(2025, 5, 2),
            staff_id: None,
            minutes: Some(30),
            body: "障害者雇用の説明".into(),
        },
    )
    .unwrap();

    let on = |day: NaiveDate, search: &str| {
        employment::employers_overview(&c.store, &c.s, search, day)
            .unwrap()
            .into_iter()
            .map(|o| {
                (
                    o.employer.name,
                    o.employed_clients,
                    o.employments,
                    o.support_records,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        on(ymd(2025, 8, 1), ""),
        [
            ("コダイラ物産".to_string(), 0, 0, 0),
            ("小平食品株式会社".to_string(), 1, 3, 1)
        ]
    );
    assert_eq!(on(ymd(2025, 9, 1), "食品")[0].1, 2);
    // Hiragana finds katakana, half-width finds full-width; the industry is searched too.
    assert_eq!(on(ymd(2025, 9, 1), "こだいら").len(), 1);
    assert_eq!(on(ymd(2025, 9, 1), "ｺﾀﾞｲﾗ")[0].0, "コダイラ物産");
    assert_eq!(on(ymd(2025, 9, 1), "製造").len(), 2);
    assert!(on(ymd(2025, 9, 1), "存在しない").is_empty());
}

#[test]
fn development_activity_reads_the_months_of_a_fiscal_year_for_a_signed_in_user() {
    let mut c = small();
    let prospect = add_prospect(
        &mut c.store,
        &c.s,
        &ProspectInput {
            name: "けやき運輸".into(),
            ..ProspectInput::default()
        },
    )
    .unwrap();
    log_prospect_contact(
        &mut c.store,
        &c.s,
        &prospect,
        &NewProspectContact {
            contacted_on: ymd(2025, 5, 12),
            method: ContactMethod::Visit,
            stage_after: ProspectStage::Visited,
            staff_id: None,
            note: String::new(),
        },
    )
    .unwrap();
    let months = employment::development_activity(&c.store, &c.s, FiscalYear(2025)).unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(
        (months[1].month, months[1].contacts, months[1].visits),
        (5, 1, 1)
    );
    assert_eq!(months.iter().map(|m| m.contacts).sum::<u32>(), 1);
}
