//! The plan's staffing lines one at a time: the director adds, corrects and removes a role's
//! line and the plan reads back as changed, one line per role, each change audited; staff
//! are refused and nothing changes.

mod common;

use common::*;
use hotto::calendar::FiscalYear;
use hotto::plan::{self, StaffingLine};
use hotto::staff::{Fte, StaffRole};
use hotto::{Session, Store};

const FY2025: FiscalYear = FiscalYear(2025);

fn line(role: StaffRole, head_count: u32, milli: u32, note: &str) -> StaffingLine {
    StaffingLine {
        role,
        head_count,
        fte: Fte::from_milli(milli),
        note: note.to_string(),
    }
}

fn lines(store: &Store, s: &Session) -> Vec<(StaffRole, u32, String)> {
    plan::plan(store, s, FY2025)
        .unwrap()
        .staffing
        .into_iter()
        .map(|l| (l.role, l.head_count, l.fte.to_string()))
        .collect()
}

fn audited(store: &Store, s: &Session) -> i64 {
    store
        .read(s, |conn| {
            Ok(conn
                .query_row(
                    "SELECT count(*) FROM audit_log WHERE action = 'plan.staffing_line'",
                    [],
                    |r| r.get(0),
                )
                .unwrap())
        })
        .unwrap()
}

#[test]
fn the_director_corrects_adds_and_removes_one_line_and_the_others_stay() {
    let (_tmp, _dir, mut store, director) = new_center();
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    assert_eq!(lines(&store, &director).len(), 4, "the seed's four roles");

    // The life-support line corrected from 4 people / 3.0 to 4 people / 3.2.
    let corrected = line(StaffRole::LifeCoordinator, 4, 3200, "");
    plan::set_staffing_line(
        &mut store,
        &director,
        FY2025,
        Some(StaffRole::LifeCoordinator),
        &corrected,
    )
    .unwrap();
    let after = lines(&store, &director);
    assert!(after.contains(&(StaffRole::LifeCoordinator, 4, "3.2".to_string())));
    assert!(after.contains(&(StaffRole::Director, 1, "1.0".to_string())));

    plan::set_staffing_line(
        &mut store,
        &director,
        FY2025,
        None,
        &line(StaffRole::Other, 1, 500, "事務"),
    )
    .unwrap();
    assert_eq!(lines(&store, &director).len(), 5);

    plan::remove_staffing_line(&mut store, &director, FY2025, StaffRole::Other).unwrap();
    let after = lines(&store, &director);
    assert_eq!(after.len(), 4);
    assert!(!after.iter().any(|(role, ..)| *role == StaffRole::Other));
    assert_eq!(
        audited(&store, &director),
        3,
        "each change is one audit row"
    );
}

#[test]
fn a_second_line_for_the_same_role_is_refused_in_japanese() {
    let (_tmp, _dir, mut store, director) = new_center();
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    let err = plan::set_staffing_line(
        &mut store,
        &director,
        FY2025,
        None,
        &line(StaffRole::Director, 1, 1000, ""),
    )
    .unwrap_err();
    assert_eq!(err.message_ja(), "同じ役割がすでに登録されています。");

    // Correcting one line into another line's role is the same duplicate.
    let err = plan::set_staffing_line(
        &mut store,
        &director,
        FY2025,
        Some(StaffRole::OutreachCoordinator),
        &line(StaffRole::Director, 1, 1000, ""),
    )
    .unwrap_err();
    assert_eq!(err.message_ja(), "同じ役割がすでに登録されています。");
    assert_eq!(lines(&store, &director).len(), 4, "nothing changed");
    assert_eq!(audited(&store, &director), 0);
}

#[test]
fn a_line_whose_fte_exceeds_its_head_count_or_a_missing_line_is_refused() {
    let (_tmp, _dir, mut store, director) = new_center();
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    let err = plan::set_staffing_line(
        &mut store,
        &director,
        FY2025,
        Some(StaffRole::LifeCoordinator),
        &line(StaffRole::LifeCoordinator, 2, 3000, ""),
    )
    .unwrap_err();
    assert!(err.message_ja().contains("人数（2名）を超えています"));
    let err =
        plan::remove_staffing_line(&mut store, &director, FY2025, StaffRole::Other).unwrap_err();
    assert_eq!(err.message_ja(), "役割が見つかりません。");
    assert!(lines(&store, &director).contains(&(StaffRole::LifeCoordinator, 4, "3.0".to_string())));
}

#[test]
fn staff_cannot_change_the_plans_staffing_lines() {
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(
        &mut store,
        &director,
        "yamada",
        "山田 花子",
        "yamada-pass-1",
    );
    plan::seed_plan_fy2025(&mut store, &director).unwrap();
    drop(store);
    let (mut store, yamada) = Store::sign_in(&dir, "yamada", "yamada-pass-1").unwrap();
    let attempts = [
        plan::set_staffing_line(
            &mut store,
            &yamada,
            FY2025,
            None,
            &line(StaffRole::Other, 1, 500, ""),
        ),
        plan::remove_staffing_line(&mut store, &yamada, FY2025, StaffRole::Director),
    ];
    for attempt in attempts {
        assert_eq!(
            attempt.unwrap_err().message_ja(),
            "この操作は施設長のみ行えます。"
        );
    }
    assert_eq!(lines(&store, &yamada).len(), 4);
}
