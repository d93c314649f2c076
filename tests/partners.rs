//! Partner organizations (関係機関) as the plan's 連携体制 lists them: added in every
//! category, listed by category and liaison-meeting membership, corrected, retired.

mod common;

use common::*;
use hotto::clients::{self, ClientProfile, NewClient};
use hotto::partners::*;
use hotto::store::audit::{self, AuditFilter};

fn partner(name: &str, category: PartnerCategory, liaison: bool) -> PartnerInput {
    PartnerInput {
        name: name.into(),
        category,
        service_type: String::new(),
        contact_person: String::new(),
        phone: String::new(),
        address: String::new(),
        liaison_member: liaison,
        notes: String::new(),
    }
}

fn names(store: &hotto::Store, s: &hotto::Session, f: PartnerFilter) -> Vec<String> {
    list_partners(store, s, &f)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
fn every_category_of_the_plan_can_be_stored_and_has_a_japanese_label() {
    let (_tmp, _dir, mut store, s) = new_center();
    assert_eq!(
        PartnerCategory::ALL.len(),
        14,
        "the plan's 連携体制 lists 14 kinds"
    );
    for (i, &category) in PartnerCategory::ALL.iter().enumerate() {
        assert!(!category.label_ja().is_empty());
        create_partner(
            &mut store,
            &s,
            &partner(&format!("機関{i:02}"), category, false),
        )
        .unwrap();
    }
    let all = list_partners(&store, &s, &PartnerFilter::default()).unwrap();
    let order: Vec<PartnerCategory> = all.iter().map(|p| p.category).collect();
    assert_eq!(order, PartnerCategory::ALL, "listed in the plan's order");
    assert_eq!(PartnerCategory::JobCentre.label_ja(), "ハローワーク");
}

#[test]
fn partners_are_listed_by_category_and_liaison_membership_and_retired_ones_are_hidden() {
    let (_tmp, _dir, mut store, s) = new_center();
    let mut input = partner(
        "就労移行支援 あおば",
        PartnerCategory::WelfareProvider,
        true,
    );
    input.service_type = "就労移行支援".into();
    input.contact_person = "木村".into();
    let aoba = create_partner(&mut store, &s, &input).unwrap();
    create_partner(
        &mut store,
        &s,
        &partner(
            "就労定着支援 ひかり",
            PartnerCategory::WelfareProvider,
            false,
        ),
    )
    .unwrap();
    let school = create_partner(
        &mut store,
        &s,
        &partner("都立特別支援学校", PartnerCategory::School, true),
    )
    .unwrap();

    assert_eq!(
        names(
            &store,
            &s,
            PartnerFilter {
                category: Some(PartnerCategory::WelfareProvider),
                ..Default::default()
            }
        ),
        ["就労定着支援 ひかり", "就労移行支援 あおば"]
    );
    assert_eq!(
        names(
            &store,
            &s,
            PartnerFilter {
                liaison_member: Some(true),
                ..Default::default()
            }
        ),
        ["就労移行支援 あおば", "都立特別支援学校"]
    );

    let e = create_partner(
        &mut store,
        &s,
        &partner("都立特別支援学校", PartnerCategory::School, false),
    )
    .unwrap_err();
    assert_eq!(e.message_ja(), "同じ機関名がすでに登録されています。");
    let e =
        create_partner(&mut store, &s, &partner(" ", PartnerCategory::Other, false)).unwrap_err();
    assert_eq!(e.message_ja(), "機関名を入力してください。");
    let mut bad = partner("改行\n入り", PartnerCategory::Other, false);
    assert!(create_partner(&mut store, &s, &bad).is_err());
    bad.name = "電話".into();
    bad.phone = "0".repeat(31);
    assert_eq!(
        create_partner(&mut store, &s, &bad)
            .unwrap_err()
            .message_ja(),
        "電話番号は30文字以内で入力してください。"
    );

    input.liaison_member = false;
    input.contact_person = "山本".into();
    update_partner(&mut store, &s, &aoba, &input).unwrap();
    let p = get_partner(&store, &s, &aoba).unwrap();
    assert_eq!(
        (p.liaison_member, p.contact_person.as_str()),
        (false, "山本")
    );

    // A retired partner stays for old records but is not offered or linked anew.
    deactivate_partner(&mut store, &s, &school).unwrap();
    assert_eq!(
        names(
            &store,
            &s,
            PartnerFilter {
                liaison_member: Some(true),
                ..Default::default()
            }
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        names(
            &store,
            &s,
            PartnerFilter {
                include_retired: true,
                ..Default::default()
            }
        )
        .len(),
        3
    );
    let client = clients::create_client(
        &mut store,
        &s,
        &NewClient {
            profile: ClientProfile {
                name: "森 六郎".into(),
                kana: "モリ ロクロウ".into(),
                ..Default::default()
            },
            first_contact_on: chrono::NaiveDate::from_ymd_opt(2024, 4, 1),
            main_staff_id: None,
        },
    )
    .unwrap()
    .id;
    let e = clients::link_partner(&mut store, &s, &client, &school, "", None).unwrap_err();
    assert_eq!(e.message_ja(), "この関係機関は使用停止になっています。");
    set_partner_active(&mut store, &s, &school, true).unwrap();
    clients::link_partner(&mut store, &s, &client, &school, "進路指導 佐々木", None).unwrap();

    let audited = store
        .read(&s, |conn| {
            Ok(audit::list(
                conn,
                &AuditFilter {
                    action_prefix: Some("partner.".into()),
                    ..Default::default()
                },
            )?)
        })
        .unwrap();
    assert_eq!(audited.len(), 6);
    assert!(audited.iter().all(|a| !a.summary.contains("あおば")));
}
