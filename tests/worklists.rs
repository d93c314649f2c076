//! The retention worklists on a small hand-made center: overdue and due-soon follow-ups,
//! check-ins by phase, hand-overs ending, each in order and filtered by staff, and each query
//! served by indexes.

mod common;

use chrono::NaiveDate;
use common::*;
use hotto::clients::Phase;
use hotto::employment::{
    self, add_employer, add_handover, check_handover, end_employment, mark_handover_arrived,
    ContractType, EmployerInput, EmploymentEnd, EndReason, HandoverCheck, NewEmployment,
    NewHandover, Route,
};
use hotto::ids::{ClientId, EmployerId, EmploymentId, PartnerId, StaffId};
use hotto::retention::worklist;
use hotto::retention::{self, FollowUpDone, FollowUpKind, FollowUpMethod, Risk};
use hotto::{Session, Store};
use rusqlite::params;

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// Hand-made rows for the tables other modules own (staff, clients, records, partners).
mod rows {
    use super::*;

    pub fn staff(store: &mut Store, s: &Session, name: &str) -> StaffId {
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

    /// A client; registered on `registered` when given, with the stored `phase`.
    pub fn client(
        store: &mut Store,
        s: &Session,
        kana: &str,
        main: Option<&StaffId>,
        first_contact: NaiveDate,
        registered: Option<NaiveDate>,
        phase: Option<&str>,
    ) -> ClientId {
        let id = ClientId::new();
        store
            .write(s, |tx| {
                tx.conn()
                    .execute(
                        "INSERT INTO clients (id, name, kana, search_key, first_contact_on, phase,
                             main_staff_id, updated_at)
                         VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
                        params![id, format!("{kana}さん"), kana, first_contact, phase, main, tx.now()],
                    )
                    .unwrap();
                if let Some(on) = registered {
                    tx.conn()
                        .execute(
                            "INSERT INTO client_registrations (id, client_id, registered_on, updated_at)
                             VALUES (?1, ?2, ?3, ?4)",
                            params![hotto::ids::new_id(), id, on, tx.now()],
                        )
                        .unwrap();
                }
                Ok(())
            })
            .unwrap();
        id
    }

    pub fn close_registrations(store: &mut Store, s: &Session, client: &ClientId, on: NaiveDate) {
        store
            .write(s, |tx| {
                tx.conn()
                    .execute(
                        "UPDATE client_registrations SET closed_on = ?2, close_reason = 'moved'
                         WHERE client_id = ?1",
                        params![client, on],
                    )
                    .unwrap();
                Ok(())
            })
            .unwrap();
    }

    pub fn consultation(store: &mut Store, s: &Session, client: &ClientId, on: NaiveDate) {
        store
            .write(s, |tx| {
                tx.conn()
                    .execute(
                        "INSERT INTO consultations (id, client_id, held_on, channel, topic, updated_at)
                         VALUES (?1, ?2, ?3, 'phone', 'work', ?4)",
                        params![hotto::ids::new_id(), client, on, tx.now()],
                    )
                    .unwrap();
                Ok(())
            })
            .unwrap();
    }

    pub fn support_record(store: &mut Store, s: &Session, client: &ClientId, on: NaiveDate) {
        store
            .write(s, |tx| {
                tx.conn()
                    .execute(
                        "INSERT INTO support_records (id, client_id, done_on, kind, updated_at)
                         VALUES (?1, ?2, ?3, 'interview', ?4)",
                        params![hotto::ids::new_id(), client, on, tx.now()],
                    )
                    .unwrap();
                Ok(())
            })
            .unwrap();
    }

    /// A job from the center's history, stored without a schedule (as imported).
    pub fn past_employment(
        store: &mut Store,
        s: &Session,
        client: &ClientId,
        employer: &EmployerId,
        started: NaiveDate,
    ) -> EmploymentId {
        let id = EmploymentId::new();
        store
            .write(s, |tx| {
                tx.conn()
                    .execute(
                        "INSERT INTO employments (id, client_id, employer_id, started_on,
                             contract_type, weekly_minutes, route, updated_at)
                         VALUES (?1, ?2, ?3, ?4, 'permanent', 1800, 'job_centre', ?5)",
                        params![id, client, employer, started, tx.now()],
                    )
                    .unwrap();
                Ok(())
            })
            .unwrap();
        id
    }

    pub fn partner(store: &mut Store, s: &Session, name: &str) -> PartnerId {
        let id = PartnerId::new();
        store
            .write(s, |tx| {
                tx.conn()
                    .execute(
                        "INSERT INTO partners (id, name, category, service_type, updated_at)
                         VALUES (?1, ?2, 'welfare_provider', '就労定着支援', ?3)",
                        params![id, name, tx.now()],
                    )
                    .unwrap();
                Ok(())
            })
            .unwrap();
        id
    }
}

fn hire(
    store: &mut Store,
    s: &Session,
    client: &ClientId,
    employer: &EmployerId,
    started: NaiveDate,
) -> EmploymentId {
    let new = NewEmployment {
        client_id: client.clone(),
        employer_id: employer.clone(),
        started_on: started,
        job_title: "軽作業".into(),
        contract_type: ContractType::PartTime,
        weekly_minutes: 20 * 60,
        route: Route::JobCentre,
        disability_employment: true,
        handover: None,
    };
    employment::add_employment(store, s, &new).unwrap()
}

fn employer(store: &mut Store, s: &Session) -> EmployerId {
    let input = EmployerInput {
        name: "小平食品株式会社".into(),
        ..EmployerInput::default()
    };
    add_employer(store, s, &input).unwrap()
}

/// Completes the follow-ups of `client` due on `days`.
fn complete_on(store: &mut Store, s: &Session, client: &ClientId, days: &[NaiveDate]) {
    let records = employment::client_employments(store, s, client).unwrap();
    for f in records.iter().flat_map(|r| &r.follow_ups) {
        if days.contains(&f.due_on) {
            let done = FollowUpDone {
                done_on: f.due_on,
                method: FollowUpMethod::Visit,
                outcome: "安定して勤務".into(),
                issues: String::new(),
                risk: Risk::Low,
            };
            retention::complete_follow_up(store, s, &f.id, &done).unwrap();
        }
    }
}

struct Center {
    _tmp: tempfile::TempDir,
    store: Store,
    director: Session,
    a: StaffId,
    b: StaffId,
}

/// The center of these tests, seen on 2025-06-20 (Fri). Staff A (山田) and B (鈴木).
///
/// Follow-ups (new jobs, added with their schedules):
/// - あおき (A) from 06-02: 06-09, 06-16 overdue; 07-02 later.
/// - いとう (B) from 05-26: 06-02, 06-09 overdue; 06-26 due soon.
/// - うえだ (A) from 06-13: 06-20 (today) and 06-27 due soon.
/// - えのもと (A) from 06-02: 06-09 and 06-16 done — on no list.
/// - えんどう (B) from 05-12, ended 06-10: schedule cancelled; post-separation due 06-17, overdue.
///
/// Check-ins (employed 90 days, others 60):
/// - かとう (A) seeking, last consultation 04-15: 66 days → listed.
/// - きむら (B) preparing, last support record 04-21: exactly 60 days → not listed.
/// - くどう (A) employed since 2021-12-20, last consultation 03-01: 111 days → listed.
/// - けんもち (B) employed, last record 04-01: 80 days → not listed (employed).
/// - こばやし (B) job ended 06-20 (today), last consultation 04-01: 80 days, separated → listed;
///   its post-separation follow-up is due 06-27.
/// - さとう (A) inquiry only, しみず (B) closed: never listed.
/// - すずき (A) registered 03-01, no phase, nothing since: 111 days → listed.
/// - たなか (A) employed since 2021-11-01, consultation 06-01: not listed.
///
/// Hand-overs (window to 08-19): たなか ends 05-01 (expected), くどう ends 06-20 (expected),
/// けんもち ends 08-15 (arrived), こばやし ends 09-01 (not in window), and a checked one of たなか.
fn center() -> Center {
    let (tmp, _dir, mut store, director) = new_center();
    let s = &director;
    let a = rows::staff(&mut store, s, "山田");
    let b = rows::staff(&mut store, s, "鈴木");
    let emp = employer(&mut store, s);
    let spring = Some(ymd(2025, 5, 1));

    let aoki = rows::client(
        &mut store,
        s,
        "あおき",
        Some(&a),
        ymd(2025, 5, 1),
        spring,
        Some("seeking"),
    );
    hire(&mut store, s, &aoki, &emp, ymd(2025, 6, 2));
    let ito = rows::client(
        &mut store,
        s,
        "いとう",
        Some(&b),
        ymd(2025, 5, 1),
        spring,
        Some("seeking"),
    );
    hire(&mut store, s, &ito, &emp, ymd(2025, 5, 26));
    let ueda = rows::client(
        &mut store,
        s,
        "うえだ",
        Some(&a),
        ymd(2025, 5, 1),
        spring,
        Some("seeking"),
    );
    hire(&mut store, s, &ueda, &emp, ymd(2025, 6, 13));
    let enomoto = rows::client(
        &mut store,
        s,
        "えのもと",
        Some(&a),
        ymd(2025, 5, 1),
        spring,
        None,
    );
    hire(&mut store, s, &enomoto, &emp, ymd(2025, 6, 2));
    complete_on(
        &mut store,
        s,
        &enomoto,
        &[ymd(2025, 6, 9), ymd(2025, 6, 16)],
    );
    let endo = rows::client(
        &mut store,
        s,
        "えんどう",
        Some(&b),
        ymd(2025, 5, 1),
        spring,
        None,
    );
    let endo_job = hire(&mut store, s, &endo, &emp, ymd(2025, 5, 12));
    let end = |on| EmploymentEnd {
        ended_on: on,
        reason: EndReason::Personal,
        note: String::new(),
    };
    end_employment(&mut store, s, &endo_job, &end(ymd(2025, 6, 10))).unwrap();

    let old = Some(ymd(2024, 2, 1));
    let first = ymd(2024, 1, 1);
    let kato = rows::client(
        &mut store,
        s,
        "かとう",
        Some(&a),
        first,
        old,
        Some("seeking"),
    );
    rows::consultation(&mut store, s, &kato, ymd(2025, 4, 15));
    let kimura = rows::client(
        &mut store,
        s,
        "きむら",
        Some(&b),
        first,
        old,
        Some("preparing"),
    );
    rows::support_record(&mut store, s, &kimura, ymd(2025, 4, 21));
    let kudo = rows::client(&mut store, s, "くどう", Some(&a), first, old, None);
    let kudo_job = rows::past_employment(&mut store, s, &kudo, &emp, ymd(2021, 12, 20));
    rows::consultation(&mut store, s, &kudo, ymd(2025, 3, 1));
    let kenmochi = rows::client(&mut store, s, "けんもち", Some(&b), first, old, None);
    let kenmochi_job = rows::past_employment(&mut store, s, &kenmochi, &emp, ymd(2022, 2, 15));
    rows::support_record(&mut store, s, &kenmochi, ymd(2025, 4, 1));
    let kobayashi = rows::client(&mut store, s, "こばやし", Some(&b), first, old, None);
    let kobayashi_job = rows::past_employment(&mut store, s, &kobayashi, &emp, ymd(2022, 3, 1));
    rows::consultation(&mut store, s, &kobayashi, ymd(2025, 4, 1));
    end_employment(&mut store, s, &kobayashi_job, &end(ymd(2025, 6, 20))).unwrap();
    rows::client(&mut store, s, "さとう", Some(&a), first, None, None);
    let shimizu = rows::client(
        &mut store,
        s,
        "しみず",
        Some(&b),
        first,
        old,
        Some("seeking"),
    );
    rows::close_registrations(&mut store, s, &shimizu, ymd(2024, 12, 1));
    rows::client(
        &mut store,
        s,
        "すずき",
        Some(&a),
        ymd(2025, 1, 10),
        Some(ymd(2025, 3, 1)),
        None,
    );
    let tanaka = rows::client(&mut store, s, "たなか", Some(&a), first, old, None);
    let tanaka_job = rows::past_employment(&mut store, s, &tanaka, &emp, ymd(2021, 11, 1));
    rows::consultation(&mut store, s, &tanaka, ymd(2025, 6, 1));

    let provider = rows::partner(&mut store, s, "定着支援ひまわり");
    let request = |on| NewHandover {
        provider_id: provider.clone(),
        requested_on: on,
        notes: String::new(),
    };
    let requested = ymd(2025, 3, 1);
    add_handover(&mut store, s, &tanaka_job, &request(requested)).unwrap();
    add_handover(&mut store, s, &kudo_job, &request(requested)).unwrap();
    let arrived = add_handover(&mut store, s, &kenmochi_job, &request(requested)).unwrap();
    mark_handover_arrived(&mut store, s, &arrived).unwrap();
    add_handover(&mut store, s, &kobayashi_job, &request(requested)).unwrap();
    let checked = add_handover(&mut store, s, &tanaka_job, &request(requested)).unwrap();
    let check = HandoverCheck {
        checked_on: ymd(2025, 4, 1),
        notes: "勤務状況を確認".into(),
    };
    check_handover(&mut store, s, &checked, &check).unwrap();

    Center {
        _tmp: tmp,
        store,
        director,
        a,
        b,
    }
}

fn today() -> NaiveDate {
    ymd(2025, 6, 20)
}

fn follow_up_rows(items: &[retention::FollowUpItem]) -> Vec<(&str, NaiveDate)> {
    items
        .iter()
        .map(|i| (i.client_kana.as_str(), i.due_on))
        .collect()
}

#[test]
fn overdue_follow_ups_are_listed_oldest_first_and_by_assigned_staff() {
    let c = center();
    let lists = retention::worklists(&c.store, &c.director, today(), None).unwrap();
    assert_eq!(
        follow_up_rows(&lists.overdue),
        vec![
            ("いとう", ymd(2025, 6, 2)),
            ("あおき", ymd(2025, 6, 9)),
            ("いとう", ymd(2025, 6, 9)),
            ("あおき", ymd(2025, 6, 16)),
            ("えんどう", ymd(2025, 6, 17)),
        ]
    );
    assert_eq!(lists.overdue[0].due_in_days, -18);
    assert_eq!(lists.overdue[4].kind, FollowUpKind::PostSeparation);
    assert_eq!(lists.overdue[4].method, FollowUpMethod::Phone);
    assert_eq!(lists.overdue[0].employer_name, "小平食品株式会社");
    assert_eq!(lists.overdue[0].staff_name.as_deref(), Some("鈴木"));

    let mine = c
        .store
        .read(&c.director, |conn| {
            worklist::overdue(conn, today(), Some(&c.a))
        })
        .unwrap();
    assert_eq!(
        follow_up_rows(&mine),
        vec![("あおき", ymd(2025, 6, 9)), ("あおき", ymd(2025, 6, 16))]
    );
    let theirs = c
        .store
        .read(&c.director, |conn| {
            worklist::overdue(conn, today(), Some(&c.b))
        })
        .unwrap();
    assert_eq!(
        follow_up_rows(&theirs),
        vec![
            ("いとう", ymd(2025, 6, 2)),
            ("いとう", ymd(2025, 6, 9)),
            ("えんどう", ymd(2025, 6, 17)),
        ]
    );
}

#[test]
fn follow_ups_due_within_seven_days_include_today_and_the_seventh_day() {
    let c = center();
    let lists = retention::worklists(&c.store, &c.director, today(), None).unwrap();
    assert_eq!(
        follow_up_rows(&lists.due_soon),
        vec![
            ("うえだ", ymd(2025, 6, 20)),
            ("いとう", ymd(2025, 6, 26)),
            ("うえだ", ymd(2025, 6, 27)),
            ("こばやし", ymd(2025, 6, 27)),
        ]
    );
    assert_eq!(lists.due_soon[0].due_in_days, 0);
    assert_eq!(lists.due_soon[3].kind, FollowUpKind::PostSeparation);

    let mine = retention::worklists(&c.store, &c.director, today(), Some(&c.a)).unwrap();
    assert_eq!(
        follow_up_rows(&mine.due_soon),
        vec![("うえだ", ymd(2025, 6, 20)), ("うえだ", ymd(2025, 6, 27))]
    );
    // A day later, today's follow-up has become overdue and 06-28 (4th Saturday) is in range.
    let tomorrow =
        retention::worklists(&c.store, &c.director, ymd(2025, 6, 21), Some(&c.a)).unwrap();
    assert_eq!(tomorrow.overdue.last().unwrap().due_on, ymd(2025, 6, 20));
}

#[test]
fn check_ins_list_clients_silent_longer_than_their_phase_allows_longest_first() {
    let c = center();
    let lists = retention::worklists(&c.store, &c.director, today(), None).unwrap();
    let rows: Vec<_> = lists
        .check_ins
        .iter()
        .map(|i| {
            (
                i.client_kana.as_str(),
                i.phase,
                i.days_since_contact,
                i.threshold_days,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("くどう", Some(Phase::Employed), 111, 90),
            ("すずき", None, 111, 60),
            ("こばやし", Some(Phase::Separated), 80, 60),
            ("かとう", Some(Phase::Seeking), 66, 60),
        ]
    );
    assert_eq!(lists.check_ins[0].last_contact_on, ymd(2025, 3, 1));
    assert_eq!(lists.check_ins[0].main_staff_name.as_deref(), Some("山田"));

    let kana = |items: Vec<retention::CheckInItem>| -> Vec<String> {
        items.into_iter().map(|i| i.client_kana).collect()
    };
    let a = c
        .store
        .read(&c.director, |conn| {
            worklist::check_ins(conn, today(), Some(&c.a))
        })
        .unwrap();
    assert_eq!(kana(a), ["くどう", "すずき", "かとう"]);
    let b = c
        .store
        .read(&c.director, |conn| {
            worklist::check_ins(conn, today(), Some(&c.b))
        })
        .unwrap();
    assert_eq!(kana(b), ["こばやし"]);
}

#[test]
fn a_job_ending_on_the_day_no_longer_counts_as_employed_for_check_ins() {
    let c = center();
    // The day before こばやし's last day the job is ongoing: 79 days is within 90.
    let before = c
        .store
        .read(&c.director, |conn| {
            worklist::check_ins(conn, ymd(2025, 6, 19), Some(&c.b))
        })
        .unwrap();
    assert!(before.is_empty(), "{before:?}");
    let on_the_day = c
        .store
        .read(&c.director, |conn| {
            worklist::check_ins(conn, today(), Some(&c.b))
        })
        .unwrap();
    assert_eq!(on_the_day[0].phase, Some(Phase::Separated));
}

#[test]
fn handovers_ending_within_sixty_days_and_not_checked_are_listed_soonest_first() {
    let c = center();
    let lists = retention::worklists(&c.store, &c.director, today(), None).unwrap();
    let rows: Vec<_> = lists
        .handovers
        .iter()
        .map(|h| (h.client_kana.as_str(), h.ends_on, h.status, h.ends_in_days))
        .collect();
    use hotto::employment::HandoverStatus::{Arrived, Expected};
    assert_eq!(
        rows,
        vec![
            ("たなか", ymd(2025, 5, 1), Expected, -50),
            ("くどう", ymd(2025, 6, 20), Expected, 0),
            ("けんもち", ymd(2025, 8, 15), Arrived, 56),
        ]
    );
    assert_eq!(lists.handovers[0].provider_name, "定着支援ひまわり");
    let b = retention::worklists(&c.store, &c.director, today(), Some(&c.b)).unwrap();
    assert_eq!(b.handovers.len(), 1);
    assert_eq!(b.handovers[0].client_kana, "けんもち");
    // こばやし's ends 09-01: 73 days ahead today, in the list from 07-03 (60 days before).
    let later = retention::worklists(&c.store, &c.director, ymd(2025, 7, 3), Some(&c.b)).unwrap();
    assert_eq!(later.handovers.len(), 2);
}

#[test]
fn a_completed_follow_up_counts_as_contact_for_check_ins() {
    let (_tmp, _dir, mut store, s) = new_center();
    let a = rows::staff(&mut store, &s, "山田");
    let emp = employer(&mut store, &s);
    let client = rows::client(
        &mut store,
        &s,
        "あべ",
        Some(&a),
        ymd(2024, 1, 1),
        Some(ymd(2024, 1, 5)),
        None,
    );
    hire(&mut store, &s, &client, &emp, ymd(2024, 1, 15));
    let check_ins = |store: &Store, on| {
        store
            .read(&s, |conn| worklist::check_ins(conn, on, None))
            .unwrap()
    };
    // Registered 2024-01-05; nothing since: on 2024-06-01 that is 148 days, over 90.
    assert_eq!(check_ins(&store, ymd(2024, 6, 1)).len(), 1);
    complete_on(&mut store, &s, &client, &[ymd(2024, 4, 15)]);
    assert!(check_ins(&store, ymd(2024, 6, 1)).is_empty());
}

#[test]
fn every_worklist_query_is_served_by_indexes() {
    let c = center();
    let plans = c.store.read(&c.director, worklist::query_plans).unwrap();
    assert_eq!(plans.len(), 6);
    // Aliases of the hot tables in the worklist queries.
    let hot = ["f", "c", "e", "k", "sr"];
    for plan in &plans {
        for step in &plan.steps {
            let words: Vec<&str> = step.split_whitespace().collect();
            if words.first() == Some(&"SCAN") {
                let table = words.get(1).copied().unwrap_or("");
                let indexed = step.contains("USING INDEX") || step.contains("COVERING INDEX");
                assert!(
                    !hot.contains(&table) || indexed,
                    "{}: full scan in {:?}",
                    plan.name,
                    plan.steps
                );
            }
            // Reading every done follow-up of the center per client would be a scan in disguise.
            assert!(
                !step.ends_with("(status=?)"),
                "{}: follow-ups found by status alone in {:?}",
                plan.name,
                plan.steps
            );
        }
    }
}
