//! The check-in worklist (近況確認) reads each client's last contact from a table its triggers
//! keep (migration 0011). On the demo center it must give exactly the list the query it replaced
//! gives (`check_in_reference`), on the demo's today and on past days, for everyone and for one
//! staff member, and still after contacts are added, corrected, deleted, completed and synced.

use std::sync::{Mutex, MutexGuard, OnceLock};

use chrono::{Days, NaiveDate};

use hotto::demo::{self, DemoOptions};
use hotto::employment::{
    add_employer, add_employment, ContractType, EmployerInput, NewEmployment, Route,
};
use hotto::ids::{ClientId, StaffId};
use hotto::records::{
    add_consultation, add_support_record, correct_consultation, correct_support_record, Channel,
    ConsultationDetails, LifeTopics, NewConsultation, NewSupportRecord, SupportKind,
    SupportRecordDetails, Topic,
};
use hotto::retention::check_in_reference::check_ins_by_seeking;
use hotto::retention::worklist::check_ins;
use hotto::retention::{
    client_follow_ups, complete_follow_up, CheckInItem, FollowUpDone, FollowUpMethod,
    FollowUpStatus, Risk,
};
use hotto::{DataDir, Session, Store};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

/// The demo's today.
fn today() -> NaiveDate {
    d("2025-11-25")
}

fn months_before(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(chrono::Months::new(months)).unwrap()
}

/// The scale-1 demo every test reads and writes (built once), and a lock so that one test at a
/// time opens it.
fn shared_demo() -> (MutexGuard<'static, ()>, &'static DataDir) {
    static DEMO: OnceLock<(tempfile::TempDir, DataDir)> = OnceLock::new();
    static OPEN: Mutex<()> = Mutex::new(());
    let (_, dir) = DEMO.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(tmp.path().join("demo"));
        let options = DemoOptions {
            scale: 1,
            seed: 42,
            today: today(),
        };
        demo::build(&dir, &options, &mut |_| {}).expect("demo builds");
        (tmp, dir)
    });
    let guard = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    (guard, dir)
}

fn sign_in(dir: &DataDir) -> (Store, Session) {
    Store::sign_in(dir, "director", demo::DEMO_PASSWORD).unwrap()
}

fn listed(store: &Store, s: &Session, on: NaiveDate, staff: Option<&StaffId>) -> Vec<CheckInItem> {
    store.read(s, |conn| check_ins(conn, on, staff)).unwrap()
}

/// The worklist's list and the reference's, which must be the same.
fn both(store: &Store, s: &Session, on: NaiveDate, staff: Option<&StaffId>) -> Vec<CheckInItem> {
    let fast = listed(store, s, on, staff);
    let reference = store
        .read(s, |conn| check_ins_by_seeking(conn, on, staff))
        .unwrap();
    assert_eq!(fast, reference, "check-ins on {on} (staff {staff:?})");
    fast
}

/// (client, last contact) pairs in client order.
type LastContacts = Vec<(String, String)>;

/// Each client's last contact as the table holds it, and as the contact rows give it.
fn stored_and_recomputed(store: &Store, s: &Session) -> (LastContacts, LastContacts) {
    let rows = |sql: &str| {
        store
            .read(s, |conn| {
                let mut stmt = conn.prepare(sql).unwrap();
                let rows = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect::<LastContacts>();
                Ok(rows)
            })
            .unwrap()
    };
    let stored = rows("SELECT client_id, last_on FROM client_last_contact ORDER BY client_id");
    let recomputed = rows(
        "SELECT client_id, max(last_on) FROM (
            SELECT client_id, held_on AS last_on FROM consultations
            UNION ALL SELECT client_id, done_on FROM support_records
            UNION ALL SELECT client_id, done_on FROM follow_ups WHERE status = 'done')
         GROUP BY client_id ORDER BY client_id",
    );
    (stored, recomputed)
}

fn assert_table_true(store: &Store, s: &Session) {
    let (stored, recomputed) = stored_and_recomputed(store, s);
    assert!(!stored.is_empty());
    assert!(
        stored == recomputed,
        "client_last_contact differs from the contact rows"
    );
}

fn any_staff(store: &Store, s: &Session) -> StaffId {
    store
        .read(s, |conn| {
            Ok(conn
                .query_row("SELECT id FROM staff ORDER BY id LIMIT 1", [], |r| r.get(0))
                .unwrap())
        })
        .unwrap()
}

fn consult(
    store: &mut Store,
    s: &Session,
    client: &ClientId,
    on: NaiveDate,
) -> hotto::ids::ConsultationId {
    let new = NewConsultation {
        client_id: client.clone(),
        details: phone_call(on),
    };
    add_consultation(store, s, &new).unwrap()
}

fn phone_call(on: NaiveDate) -> ConsultationDetails {
    ConsultationDetails {
        held_on: on,
        channel: Channel::Phone,
        topic: Topic::Life,
        staff_id: None,
        minutes: Some(15),
        body: "近況を伺った".into(),
    }
}

fn visit(on: NaiveDate, staff: &StaffId) -> SupportRecordDetails {
    SupportRecordDetails {
        done_on: on,
        kind: SupportKind::Phone,
        purpose: None,
        staff_ids: vec![staff.clone()],
        minutes: Some(10),
        life_topics: LifeTopics::default(),
        body: "電話で近況確認".into(),
    }
}

/// Runs `statement` in a write, as a sync apply or a conflict's review could change a row.
fn raw(store: &mut Store, s: &Session, statement: &str, params: &[&dyn rusqlite::ToSql]) -> usize {
    store
        .write(s, |tx| Ok(tx.conn().execute(statement, params).unwrap()))
        .unwrap()
}

fn is_listed(items: &[CheckInItem], client: &ClientId) -> Option<CheckInItem> {
    items.iter().find(|i| &i.client_id == client).cloned()
}

#[test]
fn the_kept_last_contact_gives_the_same_check_ins_as_seeking_every_contact() {
    let (_open, dir) = shared_demo();
    let (store, s) = sign_in(dir);
    assert_table_true(&store, &s);
    let days = [
        today(),
        months_before(today(), 2),
        months_before(today(), 6),
        months_before(today(), 24),
    ];
    for on in days {
        let everyone = both(&store, &s, on, None);
        assert!(!everyone.is_empty(), "someone is due on {on}");
        // By the main staff of the first client listed, and of a staff member with nobody due.
        let staff = everyone[0].main_staff_id.clone().expect("main staff");
        let theirs = both(&store, &s, on, Some(&staff));
        assert!(!theirs.is_empty());
        assert!(theirs
            .iter()
            .all(|i| i.main_staff_id.as_ref() == Some(&staff)));
        if on == today() {
            assert!(theirs.len() < everyone.len());
        }
        assert!(both(&store, &s, on, Some(&StaffId::new())).is_empty());
    }
    // On a past day most clients were heard from later: the list must not take those later
    // contacts for the last one on the day.
    let past = months_before(today(), 6);
    let later: i64 = store
        .read(&s, |conn| {
            Ok(conn
                .query_row(
                    "SELECT count(*) FROM client_last_contact WHERE last_on > ?1",
                    [past],
                    |r| r.get(0),
                )
                .unwrap())
        })
        .unwrap();
    assert!(later > 100, "{later} clients heard from after {past}");
}

#[test]
fn a_contact_added_corrected_or_deleted_moves_a_client_on_and_off_the_list_as_before() {
    let (_open, dir) = shared_demo();
    let (mut store, s) = sign_in(dir);
    let staff = any_staff(&store, &s);
    let before = both(&store, &s, today(), None);
    let due = before.last().expect("a client due").clone();
    let client = due.client_id.clone();

    // A phone call today takes the client off the list.
    let call = consult(&mut store, &s, &client, today());
    assert!(is_listed(&both(&store, &s, today(), None), &client).is_none());
    // Asked for a day before the call, the list still has the client, from the old contact.
    let earlier = today().checked_sub_days(Days::new(1)).unwrap();
    let on_the_eve =
        is_listed(&both(&store, &s, earlier, None), &client).expect("listed the day before");
    assert_eq!(on_the_eve.last_contact_on, due.last_contact_on);

    // The call corrected to a day long before: the client is due again, from the same contact.
    let long_ago = due.last_contact_on.checked_sub_days(Days::new(30)).unwrap();
    correct_consultation(&mut store, &s, &call, &phone_call(long_ago)).unwrap();
    let again = is_listed(&both(&store, &s, today(), None), &client).expect("due again");
    assert_eq!(again.last_contact_on, due.last_contact_on);
    assert_table_true(&store, &s);

    // A support record today, then corrected to long ago: off the list, then back on.
    let new = NewSupportRecord {
        client_id: client.clone(),
        details: visit(today(), &staff),
    };
    let record = add_support_record(&mut store, &s, &new).unwrap();
    assert!(is_listed(&both(&store, &s, today(), None), &client).is_none());
    correct_support_record(&mut store, &s, &record, &visit(long_ago, &staff)).unwrap();
    assert!(is_listed(&both(&store, &s, today(), None), &client).is_some());
    assert_table_true(&store, &s);

    // Deleting the client's latest contacts leaves an older one as the last.
    let last = due.last_contact_on;
    let mut deleted = raw(
        &mut store,
        &s,
        "DELETE FROM consultations WHERE client_id = ?1 AND held_on = ?2",
        &[&client, &last],
    );
    raw(
        &mut store,
        &s,
        "DELETE FROM support_record_staff WHERE record_id IN
            (SELECT id FROM support_records WHERE client_id = ?1 AND done_on = ?2)",
        &[&client, &last],
    );
    deleted += raw(
        &mut store,
        &s,
        "DELETE FROM support_records WHERE client_id = ?1 AND done_on = ?2",
        &[&client, &last],
    );
    assert!(
        deleted > 0,
        "the client's last contact was a consultation or a record"
    );
    both(&store, &s, today(), None);
    assert_table_true(&store, &s);

    // A recent contact of another client moved to this one (as a sync could carry it) moves
    // both clients' last contacts.
    let heard: String = store
        .read(&s, |conn| {
            Ok(conn
                .query_row(
                    "SELECT id FROM consultations
                     WHERE held_on BETWEEN ?1 AND ?2 AND client_id <> ?3 LIMIT 1",
                    rusqlite::params![
                        today().checked_sub_days(Days::new(10)).unwrap(),
                        today(),
                        client
                    ],
                    |r| r.get(0),
                )
                .unwrap())
        })
        .unwrap();
    raw(
        &mut store,
        &s,
        "UPDATE consultations SET client_id = ?1 WHERE id = ?2",
        &[&client, &heard],
    );
    assert!(is_listed(&both(&store, &s, today(), None), &client).is_none());
    assert_table_true(&store, &s);
}

#[test]
fn a_follow_up_marked_done_counts_as_contact_on_and_after_its_day() {
    let (_open, dir) = shared_demo();
    let (mut store, s) = sign_in(dir);
    let before = both(&store, &s, today(), None);
    let due = before.first().expect("a client due").clone();
    let client = due.client_id.clone();
    let employer = add_employer(
        &mut store,
        &s,
        &EmployerInput {
            name: "小平物流株式会社".into(),
            ..EmployerInput::default()
        },
    )
    .unwrap();
    let start = months_before(today(), 3);
    let job = NewEmployment {
        client_id: client.clone(),
        employer_id: employer,
        started_on: start,
        job_title: "軽作業".into(),
        contract_type: ContractType::PartTime,
        weekly_minutes: 20 * 60,
        route: Route::JobCentre,
        disability_employment: true,
        handover: None,
    };
    let employment = add_employment(&mut store, &s, &job).unwrap();
    // Employed now, the client is judged by the employed threshold; still silent.
    let employed = is_listed(&both(&store, &s, today(), None), &client);
    let follow_up = store
        .read(&s, |conn| client_follow_ups(conn, &client))
        .unwrap()
        .into_iter()
        .find(|f| f.employment_id == employment && f.status == FollowUpStatus::Open)
        .expect("a scheduled follow-up");
    let done_on = today().checked_sub_days(Days::new(5)).unwrap();
    let done = FollowUpDone {
        done_on,
        method: FollowUpMethod::Phone,
        outcome: "勤務は順調".into(),
        issues: String::new(),
        risk: Risk::Low,
    };
    complete_follow_up(&mut store, &s, &follow_up.id, &done).unwrap();
    assert!(is_listed(&both(&store, &s, today(), None), &client).is_none());
    // The day before it was done, the client was as silent as before.
    let eve = done_on.checked_sub_days(Days::new(1)).unwrap();
    let on_the_eve = is_listed(&both(&store, &s, eve, None), &client);
    assert_eq!(
        on_the_eve.map(|i| i.last_contact_on),
        employed.map(|i| i.last_contact_on)
    );
    // Undone (as a conflict's review could restore it), the client is due again.
    raw(
        &mut store,
        &s,
        "UPDATE follow_ups SET status = 'open', done_on = NULL WHERE id = ?1",
        &[&follow_up.id],
    );
    assert!(is_listed(&both(&store, &s, today(), None), &client).is_some());
    assert_table_true(&store, &s);
}

#[test]
fn a_pc_receiving_contacts_by_sync_keeps_its_own_last_contacts_true() {
    let (_open, dir) = shared_demo();
    let (mut a, sa) = sign_in(dir);
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).unwrap();
    hotto::sync::run(&mut a, &sa, Some(&folder), &mut |_| {}).unwrap();
    let enrolment = tmp.path().join("enrolment.hottobak");
    hotto::sync::export_enrolment(&mut a, &sa, &enrolment, &mut |_| {}).unwrap();
    let b_dir = DataDir::at(tmp.path().join("pc-b"));
    let (mut b, sb) =
        hotto::sync::join(&enrolment, &b_dir, &folder, "director", demo::DEMO_PASSWORD).unwrap();
    // The joined copy holds the table as the enrolment file had it: true for its rows.
    assert_table_true(&b, &sb);
    assert_eq!(both(&a, &sa, today(), None), both(&b, &sb, today(), None));

    // On A: a call to one due client, a record of another corrected to long ago, and a third's
    // latest consultation removed.
    let due = both(&a, &sa, today(), None);
    assert!(due.len() >= 3);
    let called = due[0].client_id.clone();
    consult(&mut a, &sa, &called, today());
    let staff = any_staff(&a, &sa);
    let recent_record: (String, String) = a
        .read(&sa, |conn| {
            Ok(conn
                .query_row(
                    "SELECT id, client_id FROM support_records
                     WHERE done_on BETWEEN ?1 AND ?2 LIMIT 1",
                    [today().checked_sub_days(Days::new(10)).unwrap(), today()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap())
        })
        .unwrap();
    let record_id = hotto::ids::SupportRecordId(recent_record.0);
    let long_ago = months_before(today(), 12);
    correct_support_record(&mut a, &sa, &record_id, &visit(long_ago, &staff)).unwrap();
    let removed = due[1].client_id.clone();
    raw(
        &mut a,
        &sa,
        "DELETE FROM consultations WHERE id =
            (SELECT id FROM consultations WHERE client_id = ?1 ORDER BY held_on DESC LIMIT 1)",
        &[&removed],
    );
    assert_table_true(&a, &sa);

    hotto::sync::run(&mut a, &sa, None, &mut |_| {}).unwrap();
    let report = hotto::sync::run(&mut b, &sb, None, &mut |_| {}).unwrap();
    assert!(
        report.refused.is_empty() && report.problems.is_empty(),
        "{report:?}"
    );

    // B derived its own table from the rows it received, and its list is A's.
    assert_table_true(&b, &sb);
    assert_eq!(
        stored_and_recomputed(&a, &sa).0,
        stored_and_recomputed(&b, &sb).0
    );
    let on_b = both(&b, &sb, today(), None);
    assert!(is_listed(&on_b, &called).is_none());
    assert_eq!(on_b, both(&a, &sa, today(), None));
    for on in [months_before(today(), 2), months_before(today(), 6)] {
        assert_eq!(both(&b, &sb, on, None), both(&a, &sa, on, None));
    }
    // Nothing of the table travelled: it is this PC's own.
    let clocked: i64 = a
        .read(&sa, |conn| {
            Ok(conn
                .query_row(
                    "SELECT count(*) FROM sync_versions WHERE tbl = 'client_last_contact'",
                    [],
                    |r| r.get(0),
                )
                .unwrap())
        })
        .unwrap();
    assert_eq!(clocked, 0);
}

#[test]
fn a_center_from_before_the_table_gets_it_filled_from_its_contacts_on_opening() {
    let (_open, dir) = shared_demo();
    let (mut store, s) = sign_in(dir);
    let expected = both(&store, &s, today(), None);
    // Back to the schema before migration 0011: no table, no triggers.
    store
        .write(&s, |tx| {
            let conn = tx.conn();
            let triggers: Vec<String> = conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_last_contact_*'")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert_eq!(triggers.len(), 9);
            for name in triggers {
                conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
            }
            conn.execute_batch("DROP TABLE client_last_contact; PRAGMA user_version = 10;")
                .unwrap();
            Ok(())
        })
        .unwrap();
    drop(store);
    let (store, s) = sign_in(dir);
    assert_table_true(&store, &s);
    assert_eq!(both(&store, &s, today(), None), expected);
}
