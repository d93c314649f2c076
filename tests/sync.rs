//! Several office PCs of one center syncing through one shared folder: each PC
//! records while "offline", then they sync in random orders; at the end every
//! store holds the same rows, every figure agrees, every audit chain verifies and
//! every concurrent edit's losing value waits in the conflict table.

mod common;
mod sync_office;

use chrono::NaiveDate;
use common::*;
use hotto::calendar::FiscalYear;
use hotto::clients::{register_client, Phase};
use hotto::employment::{
    add_employer, add_employment, ContractType, EmployerInput, NewEmployment, Route,
};
use hotto::ids::{ClientId, StaffId};
use hotto::records::{
    add_support_record, LifeTopics, NewSupportRecord, SupportKind, SupportRecordDetails,
};
use hotto::retention::{client_follow_ups, complete_follow_up, FollowUpDone, FollowUpMethod, Risk};
use hotto::store::audit;
use hotto::sync;
use hotto::{DataDir, Store};
use proptest::prelude::*;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use sync_office::*;

fn support(pc: &mut Pc, client: &ClientId, staff: &StaffId, on: NaiveDate) {
    let new = NewSupportRecord {
        client_id: client.clone(),
        details: SupportRecordDetails {
            done_on: on,
            kind: SupportKind::WorkplaceVisit,
            purpose: None,
            staff_ids: vec![staff.clone()],
            minutes: Some(60),
            life_topics: LifeTopics::default(),
            body: "職場訪問の記録".into(),
        },
    };
    add_support_record(&mut pc.store, &pc.s, &new).unwrap();
}

fn hire(pc: &mut Pc, client: &ClientId, on: NaiveDate) {
    let employer = add_employer(
        &mut pc.store,
        &pc.s,
        &EmployerInput {
            name: "小平食品株式会社".into(),
            ..EmployerInput::default()
        },
    )
    .unwrap();
    let job = NewEmployment {
        client_id: client.clone(),
        employer_id: employer,
        started_on: on,
        job_title: "清掃".into(),
        contract_type: ContractType::FixedTerm,
        weekly_minutes: 30 * 60,
        route: Route::JobCentre,
        disability_employment: true,
        handover: None,
    };
    add_employment(&mut pc.store, &pc.s, &job).unwrap();
}

fn losing_values(pc: &Pc) -> Vec<String> {
    let mut lost: Vec<String> = sync::conflicts(&pc.store, &pc.s)
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == "field")
        .map(|c| c.lost_value)
        .collect();
    lost.sort();
    lost
}

#[test]
fn three_pcs_recording_apart_and_syncing_in_random_orders_end_with_identical_stores() {
    let mut office = office(3);
    let mut rng = rand::rngs::StdRng::seed_from_u64(2025);
    // One client everyone knows, edited on two PCs while apart in every round.
    let shared = client(&mut office.pcs[0], "見本 太郎", "ミホン タロウ");
    let staff = StaffId::new();
    let now = hotto::store::now_text();
    sql(
        &mut office.pcs[0],
        "INSERT INTO staff (id, name, updated_at) VALUES (?1, '試験 職員', ?2)",
        &[&staff, &now],
    );
    let pc = &mut office.pcs[0];
    register_client(
        &mut pc.store,
        &pc.s,
        &shared,
        day(2025, 4, 20),
        Phase::Seeking,
    )
    .unwrap();
    settle(&mut office);

    let mut expected_losers = Vec::new();
    for round in 0..3u32 {
        for (i, pc) in office.pcs.iter_mut().enumerate() {
            let on = day(2025, 5, 1 + round * 3 + i as u32);
            let id = client(pc, &format!("架空 {round}{i}"), "カクウ テスト");
            consultation(pc, &id, on);
            support(pc, &shared, &staff, on);
            if i == 2 {
                register_client(&mut pc.store, &pc.s, &id, on, Phase::Seeking).unwrap();
                hire(pc, &id, on);
            }
        }
        // PC 0 and PC 1 both change the shared client's phone; PC 1 writes last and wins.
        let (a, b) = (format!("042-000-{round}000"), format!("042-111-{round}111"));
        sql(
            &mut office.pcs[0],
            "UPDATE clients SET phone = ?1 WHERE id = ?2",
            &[&a, &shared],
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        sql(
            &mut office.pcs[1],
            "UPDATE clients SET phone = ?1 WHERE id = ?2",
            &[&b, &shared],
        );
        expected_losers.push(a);

        let mut order: Vec<usize> = (0..3).chain(0..3).collect();
        order.shuffle(&mut rng);
        for i in order {
            run(&mut office.pcs[i]);
        }
    }
    // A follow-up scheduled on PC 2 is completed on PC 0.
    settle(&mut office);
    let hired: ClientId = office.pcs[2]
        .store
        .read(&office.pcs[2].s, |c| {
            Ok(
                c.query_row("SELECT client_id FROM employments LIMIT 1", [], |r| {
                    r.get(0)
                })
                .unwrap(),
            )
        })
        .unwrap();
    let first_follow_up = office.pcs[0]
        .store
        .read(&office.pcs[0].s, |c| client_follow_ups(c, &hired))
        .unwrap()
        .remove(0);
    let done = FollowUpDone {
        done_on: day(2025, 5, 20),
        method: FollowUpMethod::Phone,
        outcome: "順調".into(),
        issues: String::new(),
        risk: Risk::Low,
    };
    let pc = &mut office.pcs[0];
    complete_follow_up(&mut pc.store, &pc.s, &first_follow_up.id, &done).unwrap();
    settle(&mut office);

    assert_same_everywhere(&office);
    let fy = FiscalYear::of(day(2025, 5, 1));
    let figures: Vec<_> = office
        .pcs
        .iter()
        .map(|pc| {
            pc.store
                .read(&pc.s, |c| {
                    hotto::figures::five_figures(c, fy, day(2025, 6, 30))
                })
                .unwrap()
        })
        .collect();
    assert!(figures.iter().all(|f| *f == figures[0]));
    for pc in &office.pcs {
        let chains = pc.store.read(&pc.s, |c| Ok(audit::verify(c)?)).unwrap();
        assert_eq!(chains.len(), 3, "one chain per PC");
        assert!(chains.iter().all(|c| c.first_break.is_none()), "{chains:?}");
        assert_eq!(
            losing_values(pc),
            expected_losers,
            "every PC lists every losing value"
        );
        let phone: String = pc
            .store
            .read(&pc.s, |c| {
                Ok(
                    c.query_row("SELECT phone FROM clients WHERE id = ?1", [&shared], |r| {
                        r.get(0)
                    })
                    .unwrap(),
                )
            })
            .unwrap();
        assert_eq!(phone, "042-111-2111");
        let status = sync::status(&pc.store, &pc.s).unwrap();
        assert_eq!(status.pending_outgoing, 0);
        assert_eq!(status.conflicts_to_review, 3);
        assert_eq!(status.devices.len(), 3);
    }
}

#[test]
fn the_director_restores_a_losing_value_and_every_pc_sees_it_restored_and_reviewed() {
    let mut office = office(2);
    let id = client(&mut office.pcs[0], "見本 花子", "ミホン ハナコ");
    settle(&mut office);
    sql(
        &mut office.pcs[0],
        "UPDATE clients SET address = '小平市A' WHERE id = ?1",
        &[&id],
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    sql(
        &mut office.pcs[1],
        "UPDATE clients SET address = '小平市B' WHERE id = ?1",
        &[&id],
    );
    settle(&mut office);
    let conflict = sync::conflicts(&office.pcs[0].store, &office.pcs[0].s)
        .unwrap()
        .remove(0);
    assert_eq!(
        (conflict.lost_value.as_str(), conflict.won_value.as_str()),
        ("小平市A", "小平市B")
    );

    let pc = &mut office.pcs[0];

    sync::restore_loser(&mut pc.store, &pc.s, &conflict.id).unwrap();
    settle(&mut office);
    assert_same_everywhere(&office);
    for pc in &office.pcs {
        let address: String = pc
            .store
            .read(&pc.s, |c| {
                Ok(
                    c.query_row("SELECT address FROM clients WHERE id = ?1", [&id], |r| {
                        r.get(0)
                    })
                    .unwrap(),
                )
            })
            .unwrap();
        assert_eq!(address, "小平市A");
        assert_eq!(
            sync::status(&pc.store, &pc.s).unwrap().conflicts_to_review,
            0
        );
    }
}

#[test]
fn a_row_deleted_on_one_pc_and_edited_on_another_is_kept_and_flagged_on_both() {
    let mut office = office(2);
    let now = hotto::store::now_text();
    sql(
        &mut office.pcs[0],
        "INSERT INTO partners (id, name, category, updated_at) VALUES ('p1', '地域生活支援センター', 'other', ?1)",
        &[&now],
    );
    settle(&mut office);
    sql(
        &mut office.pcs[0],
        "DELETE FROM partners WHERE id = 'p1'",
        &[],
    );
    sql(
        &mut office.pcs[1],
        "UPDATE partners SET phone = '042-222-2222' WHERE id = 'p1'",
        &[],
    );
    settle(&mut office);
    assert_same_everywhere(&office);
    for pc in &office.pcs {
        let phone: String = pc
            .store
            .read(&pc.s, |c| {
                Ok(
                    c.query_row("SELECT phone FROM partners WHERE id = 'p1'", [], |r| {
                        r.get(0)
                    })
                    .unwrap(),
                )
            })
            .unwrap();
        assert_eq!(phone, "042-222-2222");
        let flagged = sync::conflicts(&pc.store, &pc.s).unwrap();
        assert!(
            flagged
                .iter()
                .any(|c| c.kind == "delete" && c.table == "partners"),
            "{flagged:?}"
        );
    }
}

#[test]
fn accounts_and_password_changes_made_on_one_pc_open_the_others() {
    let mut office = office(2);
    let pc = &mut office.pcs[0];
    add_staff(&mut pc.store, &pc.s, "tanaka", "田中", "tanaka-pass-1");
    settle(&mut office);
    let Pc { dir, store, .. } = office.pcs.remove(1);
    drop(store);
    let (mut store, s) = Store::sign_in(&dir, "tanaka", "tanaka-pass-1").unwrap();
    hotto::accounts::change_password(&mut store, &s, "tanaka", "tanaka-pass-2").unwrap();
    let mut pc1 = Pc { dir, store, s };
    run(&mut pc1);
    run(&mut office.pcs[0]);
    let dir0 = office.pcs[0].dir.clone();
    drop(office.pcs.remove(0));
    assert!(Store::sign_in(&dir0, "tanaka", "tanaka-pass-1").is_err());
    Store::sign_in(&dir0, "tanaka", "tanaka-pass-2").unwrap();
}

fn slot_count(dir: &DataDir) -> usize {
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.slot_file()).unwrap()).unwrap();
    file["slots"].as_array().unwrap().len()
}

#[test]
fn accounts_made_before_sync_was_switched_on_keep_their_key_slots() {
    let (tmp, dir, mut store, s) = new_center();
    add_staff(&mut store, &s, "suzuki", "鈴木", "suzuki-pass-1");
    let before = slot_count(&dir);
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).unwrap();
    sync::run(&mut store, &s, Some(&folder), &mut |_| {}).unwrap();
    sync::run(&mut store, &s, None, &mut |_| {}).unwrap();
    drop(store);
    assert_eq!(
        slot_count(&dir),
        before,
        "the director, suzuki and the recovery slot"
    );
    drop(Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap());
    Store::sign_in(&dir, "suzuki", "suzuki-pass-1").unwrap();
}

#[derive(Clone, Debug)]
enum Step {
    Phone(usize, usize, u8),
    Notes(usize, usize, u8),
    NewPartner(usize, u8),
    DeletePartner(usize, u8),
    EditPartner(usize, u8, u8),
    /// Adds a disability category to a client: two PCs adding the same one clash on a unique key.
    Disability(usize, usize, bool),
    DropDisabilities(usize, usize),
    Sync(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..2usize, 0..2usize, any::<u8>()).prop_map(|(p, c, v)| Step::Phone(p, c, v)),
        (0..2usize, 0..2usize, any::<u8>()).prop_map(|(p, c, v)| Step::Notes(p, c, v)),
        (0..2usize, 0..4u8).prop_map(|(p, k)| Step::NewPartner(p, k)),
        (0..2usize, 0..4u8).prop_map(|(p, k)| Step::DeletePartner(p, k)),
        (0..2usize, 0..4u8, any::<u8>()).prop_map(|(p, k, v)| Step::EditPartner(p, k, v)),
        (0..2usize, 0..2usize, any::<bool>()).prop_map(|(p, c, m)| Step::Disability(p, c, m)),
        (0..2usize, 0..2usize).prop_map(|(p, c)| Step::DropDisabilities(p, c)),
        (0..2usize).prop_map(Step::Sync),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn any_interleaving_of_edits_on_two_pcs_converges(steps in prop::collection::vec(step(), 1..25)) {
        let mut office = office(2);
        let ids = [client(&mut office.pcs[0], "見本 一", "ミホン イチ"), client(&mut office.pcs[0], "見本 二", "ミホン ニ")];
        settle(&mut office);
        let now = hotto::store::now_text();
        for step in steps {
            match step {
                Step::Phone(p, c, v) => sql(&mut office.pcs[p], "UPDATE clients SET phone = ?1 WHERE id = ?2", &[&format!("{v}"), &ids[c]]),
                Step::Notes(p, c, v) => sql(&mut office.pcs[p], "UPDATE clients SET notes = ?1 WHERE id = ?2", &[&format!("note {v}"), &ids[c]]),
                Step::NewPartner(p, k) => sql(&mut office.pcs[p],
                    "INSERT OR IGNORE INTO partners (id, name, category, updated_at) VALUES (?1, ?2, 'other', ?3)",
                    &[&format!("partner-{p}-{k}"), &format!("機関{k}"), &now]),
                Step::DeletePartner(p, k) => sql(&mut office.pcs[p], "DELETE FROM partners WHERE id LIKE ?1", &[&format!("partner-%-{k}")]),
                Step::EditPartner(p, k, v) => sql(&mut office.pcs[p], "UPDATE partners SET notes = ?1 WHERE id LIKE ?2", &[&format!("{v}"), &format!("partner-%-{k}")]),
                Step::Disability(p, c, mental) => sql(&mut office.pcs[p],
                    "INSERT OR IGNORE INTO client_disabilities (id, client_id, category, updated_at) VALUES (?1, ?2, ?3, ?4)",
                    &[&hotto::ids::new_id(), &ids[c], &if mental { "mental" } else { "physical" }, &now]),
                Step::DropDisabilities(p, c) => sql(&mut office.pcs[p], "DELETE FROM client_disabilities WHERE client_id = ?1", &[&ids[c]]),
                Step::Sync(p) => { run(&mut office.pcs[p]); }
            }
        }
        settle(&mut office);
        let (a, b) = (contents(&office.pcs[0]), contents(&office.pcs[1]));
        prop_assert_eq!(a, b);
    }
}

#[test]
fn audit_verify_names_the_pc_whose_synced_chain_was_tampered_with() {
    let mut office = office(2);
    client(&mut office.pcs[1], "見本 五郎", "ミホン ゴロウ");
    settle(&mut office);
    let other = office.pcs[1].store.device_id().to_string();
    let Pc { dir, mut store, s } = office.pcs.remove(0);
    let key = hotto::recovery::issue_recovery_secrets(&mut store, &s)
        .unwrap()
        .raw_key_hex;
    let me = store.device_id().to_string();
    drop(store);
    let conn = hotto::store::open_with_raw_key(&dir, &key).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update")
        .unwrap();
    conn.execute(
        "UPDATE audit_log SET summary = 'nothing happened' WHERE device_id = ?1 AND seq = 2",
        [&other],
    )
    .unwrap();
    drop(conn);

    let (store, s) = Store::sign_in(&dir, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
    let chains = store.read(&s, |c| Ok(audit::verify(c)?)).unwrap();
    let broken: Vec<_> = chains.iter().filter(|c| c.first_break.is_some()).collect();
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].device_id, other);
    assert_eq!(broken[0].first_break.as_ref().unwrap().seq, 2);
    assert!(chains
        .iter()
        .any(|c| c.device_id == me && c.first_break.is_none()));
}

/// Every PC adds an account with the same login and a staff record on it while
/// apart, then they sync in a random order.
fn the_same_login_added_on_every_pc_apart(n: usize, seed: u64) {
    let mut office = office(n);
    let now = hotto::store::now_text();
    let mut users = Vec::new();
    for (i, pc) in office.pcs.iter_mut().enumerate() {
        let password = format!("suzuki-pass-{i}");
        let user = add_staff(&mut pc.store, &pc.s, "suzuki", "鈴木", &password);
        let staff = StaffId::new();
        sql(
            pc,
            "INSERT INTO staff (id, name, user_id, updated_at) VALUES (?1, '鈴木 職員', ?2, ?3)",
            &[&staff, &user, &now],
        );
        users.push(user);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
    for &i in &order {
        run(&mut office.pcs[i]);
    }
    settle(&mut office);
    assert_same_everywhere(&office);

    let pc = &office.pcs[0];
    let logins: Vec<String> = users
        .iter()
        .map(|u| {
            pc.store
                .read(&pc.s, |c| {
                    Ok(
                        c.query_row("SELECT login FROM users WHERE id = ?1", [u], |r| {
                            r.get::<_, String>(0)
                        })
                        .unwrap(),
                    )
                })
                .unwrap()
        })
        .collect();
    assert_eq!(
        logins[0], "suzuki",
        "the account added first keeps its login"
    );
    for later in &logins[1..] {
        assert!(later.starts_with("suzuki-") && later.len() > 8, "{later}");
    }
    let distinct: std::collections::BTreeSet<_> = logins.iter().collect();
    assert_eq!(
        distinct.len(),
        n,
        "every account is kept under its own login"
    );
    let linked: i64 = pc
        .store
        .read(&pc.s, |c| {
            Ok(c.query_row(
                "SELECT count(*) FROM staff WHERE user_id IN (SELECT id FROM users WHERE login LIKE 'suzuki%')",
                [],
                |r| r.get(0),
            )
            .unwrap())
        })
        .unwrap();
    assert_eq!(
        linked, n as i64,
        "every staff record still points at its account"
    );
    for pc in &mut office.pcs {
        let listed: Vec<_> = sync::conflicts(&pc.store, &pc.s)
            .unwrap()
            .into_iter()
            .filter(|c| c.kind == "unique" && c.column == "login")
            .collect();
        let mut changed: Vec<String> = listed
            .iter()
            .map(|c| c.won_value.trim_matches('"').to_string())
            .collect();
        changed.sort();
        let mut expected = logins[1..].to_vec();
        expected.sort();
        assert_eq!(
            changed, expected,
            "every PC lists the changed logins for the director"
        );
        let refused = sync::restore_loser(&mut pc.store, &pc.s, &listed[0].id).unwrap_err();
        assert!(refused.message_ja().contains("両方とも残しています"));
    }

    // Each account still signs in with its own password.
    let Pc { dir, store, .. } = office.pcs.remove(0);
    drop(store);
    for (i, user) in users.iter().enumerate() {
        let (store, s) = Store::sign_in(&dir, "suzuki", &format!("suzuki-pass-{i}")).unwrap();
        assert_eq!(s.user_id(), user);
        drop(store);
    }
}

#[test]
fn two_pcs_adding_the_same_login_with_staff_records_on_it_keep_both_accounts() {
    the_same_login_added_on_every_pc_apart(2, 7);
}

#[test]
fn three_pcs_adding_the_same_login_converge_in_any_sync_order() {
    for seed in 0..3 {
        the_same_login_added_on_every_pc_apart(3, seed);
    }
}
