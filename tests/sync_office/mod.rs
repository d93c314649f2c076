//! A center on several PCs with one sync folder, for the sync tests: each PC a data
//! dir with the director signed in, helpers that write through the core and read
//! every synced table back.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use hotto::clients::{create_client, ClientProfile, NewClient};
use hotto::ids::ClientId;
use hotto::records::{add_consultation, Channel, ConsultationDetails, NewConsultation, Topic};
use hotto::sync::{self, capture::LOCAL_TABLES};
use hotto::{DataDir, Session, Store};

use crate::common::*;

/// One office PC: its data dir and the director signed in on it.
pub struct Pc {
    pub dir: DataDir,
    pub store: Store,
    pub s: Session,
}

/// A center on three PCs (or `n`) sharing one sync folder; the first PC made
/// the enrolment file the others joined from.
pub struct Office {
    pub tmp: tempfile::TempDir,
    pub folder: PathBuf,
    pub pcs: Vec<Pc>,
}

pub fn office(n: usize) -> Office {
    let (tmp, dir, mut store, s) = new_center();
    let folder = tmp.path().join("share");
    std::fs::create_dir_all(&folder).unwrap();
    sync::run(&mut store, &s, Some(&folder), &mut |_| {}).unwrap();
    let enrolment = tmp.path().join("enrolment.hottobak");
    sync::export_enrolment(&mut store, &s, &enrolment, &mut |_| {}).unwrap();
    let mut pcs = vec![Pc { dir, store, s }];
    for i in 1..n {
        let dir = DataDir::at(tmp.path().join(format!("pc{i}")));
        let (store, s) =
            sync::join(&enrolment, &dir, &folder, DIRECTOR, DIRECTOR_PASSWORD).unwrap();
        pcs.push(Pc { dir, store, s });
    }
    Office { tmp, folder, pcs }
}

pub fn run(pc: &mut Pc) -> sync::SyncReport {
    let report = sync::run(&mut pc.store, &pc.s, None, &mut |_| {}).unwrap();
    assert!(
        report.refused.is_empty() && report.problems.is_empty(),
        "{report:?}"
    );
    report
}

/// Two passes over every PC in order: the first carries every change to the last PC, the second back.
pub fn settle(office: &mut Office) {
    for _ in 0..2 {
        for pc in &mut office.pcs {
            run(pc);
        }
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn sql(pc: &mut Pc, statement: &str, params: &[&dyn rusqlite::ToSql]) {
    pc.store
        .write(&pc.s, |tx| {
            tx.conn().execute(statement, params).unwrap();
            Ok(())
        })
        .unwrap();
}

pub fn client(pc: &mut Pc, name: &str, kana: &str) -> ClientId {
    let new = NewClient {
        profile: ClientProfile {
            name: name.into(),
            kana: kana.into(),
            ..ClientProfile::default()
        },
        first_contact_on: Some(day(2025, 4, 10)),
        main_staff_id: None,
    };
    create_client(&mut pc.store, &pc.s, &new).unwrap().id
}

pub fn consultation(pc: &mut Pc, client: &ClientId, on: NaiveDate) {
    let new = NewConsultation {
        client_id: client.clone(),
        details: ConsultationDetails {
            held_on: on,
            channel: Channel::Phone,
            topic: Topic::Work,
            staff_id: None,
            minutes: Some(30),
            body: "求人について".into(),
        },
    };
    add_consultation(&mut pc.store, &pc.s, &new).unwrap();
}

/// Every synced table's rows, as text, in key order.
pub fn contents(pc: &Pc) -> BTreeMap<String, Vec<String>> {
    pc.store
        .read(&pc.s, |conn| {
            let mut stmt = conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .unwrap();
            let tables: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|t| t.unwrap())
                .filter(|t: &String| !LOCAL_TABLES.contains(&t.as_str()))
                .collect();
            let mut out = BTreeMap::new();
            for table in tables {
                let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1")).unwrap();
                let n = stmt.column_count();
                let rows: Vec<String> = stmt
                    .query_map([], |r| {
                        let values: Vec<rusqlite::types::Value> =
                            (0..n).map(|i| r.get(i).unwrap()).collect();
                        Ok(format!("{values:?}"))
                    })
                    .unwrap()
                    .map(|r| r.unwrap())
                    .collect();
                out.insert(table, rows);
            }
            Ok(out)
        })
        .unwrap()
}

pub fn assert_same_everywhere(office: &Office) {
    let first = contents(&office.pcs[0]);
    assert!(first.values().any(|rows| !rows.is_empty()));
    for pc in &office.pcs[1..] {
        let other = contents(pc);
        for (table, rows) in &first {
            assert_eq!(rows, &other[table], "table {table} differs between PCs");
        }
    }
}
