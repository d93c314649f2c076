//! The bad-input matrix of docs/bad-input.md: each kind of bad input a person can type or a
//! file can hold, the Japanese message it gets, and that nothing is half-saved. Each test
//! name is the one the matrix cites.

mod common;
mod counts;

use chrono::NaiveDate;
use counts::table_counts;
use hotto::calendar::parse_date;
use hotto::clients::{self, ClientProfile, NewClient};
use hotto::employment::{
    self, ContractType, EmployerInput, EmploymentEnd, EndReason, NewEmployment, Route,
};
use hotto::import::{self, ImportKind};
use hotto::partners::{self, PartnerCategory, PartnerInput};
use hotto::staff::{self, Fte, NewAllocation, StaffInput, StaffRole};
use hotto::{CoreError, Result, Session, Store};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Runs `op`, which must fail, and checks that no table changed; gives the error.
fn refused<T: std::fmt::Debug>(
    store: &mut Store,
    s: &Session,
    op: impl FnOnce(&mut Store, &Session) -> Result<T>,
) -> CoreError {
    let before = table_counts(store, s);
    let err = op(store, s).expect_err("the input must be refused");
    assert_eq!(table_counts(store, s), before, "nothing may be half-saved");
    err
}

fn client(name: &str, kana: &str, birth: Option<NaiveDate>) -> NewClient {
    NewClient {
        profile: ClientProfile {
            name: name.into(),
            kana: kana.into(),
            birth_date: birth,
            ..Default::default()
        },
        first_contact_on: Some(ymd(2025, 4, 1)),
        main_staff_id: None,
    }
}

fn create(new: NewClient) -> impl FnOnce(&mut Store, &Session) -> Result<clients::CreatedClient> {
    move |store, s| clients::create_client(store, s, &new)
}

/// The same bad value through the CSV import: refused on its row with the same message.
fn import_refuses(store: &mut Store, s: &Session, line: &str, column: &str, message: &str) {
    let file = format!("\u{feff}氏名,ふりがな,生年月日,初回相談日\r\n{line}\r\n");
    let before = table_counts(store, s);
    let preview =
        import::dry_run(store, s, ImportKind::Clients, file.as_bytes(), &mut |_| {}).unwrap();
    assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
    assert_eq!(preview.problems[0].row, 2);
    assert_eq!(preview.problems[0].column, column);
    assert_eq!(preview.problems[0].message_ja, message);
    assert!(import::apply(store, s, ImportKind::Clients, file.as_bytes(), &mut |_| {}).is_err());
    assert_eq!(table_counts(store, s), before);
}

#[test]
fn an_empty_name_is_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    let e = refused(&mut store, &s, create(client("", "みほん", None)));
    assert_eq!(e.message_ja(), "氏名を入力してください。");
    import_refuses(
        &mut store,
        &s,
        ",みほん,,R7.4.1",
        "氏名",
        "氏名を入力してください。",
    );
}

#[test]
fn a_name_of_only_spaces_full_width_included_is_refused_as_empty() {
    let (_t, _d, mut store, s) = common::new_center();
    let e = refused(
        &mut store,
        &s,
        create(client(" \u{3000}\t ", "みほん", None)),
    );
    assert_eq!(e.message_ja(), "氏名を入力してください。");
    import_refuses(
        &mut store,
        &s,
        "\u{3000}\u{3000},みほん,,R7.4.1",
        "氏名",
        "氏名を入力してください。",
    );
}

#[test]
fn a_name_longer_than_fifty_characters_is_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    let long = "あ".repeat(51);
    let e = refused(&mut store, &s, create(client(&long, "みほん", None)));
    assert_eq!(e.message_ja(), "氏名は50文字以内で入力してください。");
    import_refuses(
        &mut store,
        &s,
        &format!("{long},みほん,,R7.4.1"),
        "氏名",
        "氏名は50文字以内で入力してください。",
    );
    clients::create_client(&mut store, &s, &client(&"あ".repeat(50), "みほん", None))
        .expect("fifty characters are allowed");
}

#[test]
fn control_characters_in_a_one_line_field_are_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    for bad in ["見本\u{7}", "見本\u{0}一", "見本\n一", "見本\u{1b}[31m"] {
        let e = refused(&mut store, &s, create(client(bad, "みほん", None)));
        assert_eq!(
            e.message_ja(),
            "氏名に使えない文字（制御文字）が含まれています。"
        );
    }
    import_refuses(
        &mut store,
        &s,
        "\"見本\r\n一\",みほん,,R7.4.1",
        "氏名",
        "氏名に使えない文字（制御文字）が含まれています。",
    );
}

#[test]
fn emoji_are_kept_as_typed_and_counted_as_one_character_each() {
    let (_t, _d, mut store, s) = common::new_center();
    let name = format!("見本{}", "😀".repeat(48));
    let id = clients::create_client(&mut store, &s, &client(&name, "みほん", None))
        .unwrap()
        .id;
    assert_eq!(clients::get_client(&mut store, &s, &id).unwrap().name, name);
    let e = refused(
        &mut store,
        &s,
        create(client(&format!("{name}😀"), "みほん", None)),
    );
    assert_eq!(e.message_ja(), "氏名は50文字以内で入力してください。");
    let e = refused(&mut store, &s, create(client("見本", "みほん😀", None)));
    assert_eq!(e.message_ja(), "ふりがなの形式が正しくありません。");
}

#[test]
fn half_width_kana_are_stored_full_width_and_kanji_in_kana_are_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    let id = clients::create_client(&mut store, &s, &client("見本 一", "ﾐﾎﾝ ﾊｼﾞﾒ", None))
        .unwrap()
        .id;
    assert_eq!(
        clients::get_client(&mut store, &s, &id).unwrap().kana,
        "ミホン ハジメ"
    );
    let found = clients::search_clients(&store, &s, "ﾐﾎﾝ", 10).unwrap();
    assert_eq!(found.len(), 1, "half-width search finds it too");
    let e = refused(&mut store, &s, create(client("見本", "見本", None)));
    assert_eq!(e.message_ja(), "ふりがなの形式が正しくありません。");
}

#[test]
fn dates_out_of_range_are_refused_with_the_range() {
    let (_t, _d, mut store, s) = common::new_center();
    let e = refused(
        &mut store,
        &s,
        create(client("見本", "みほん", Some(ymd(1899, 12, 31)))),
    );
    assert_eq!(
        e.message_ja(),
        "生年月日は1900年1月1日以降の日付にしてください。"
    );
    let tomorrow = chrono::Local::now().date_naive().succ_opt().unwrap();
    let e = refused(
        &mut store,
        &s,
        create(client("見本", "みほん", Some(tomorrow))),
    );
    assert_eq!(e.message_ja(), "生年月日に未来の日付は入力できません。");
    assert_eq!(
        parse_date("2201-01-01").unwrap_err().message_ja(),
        "1873年から2200年までの日付を入力してください"
    );
    import_refuses(
        &mut store,
        &s,
        "見本,みほん,1899-12-31,R7.4.1",
        "生年月日",
        "生年月日は1900年1月1日以降の日付にしてください。",
    );
}

#[test]
fn impossible_dates_are_refused_with_the_date_as_written() {
    let (_t, _d, mut store, s) = common::new_center();
    assert_eq!(
        parse_date("2025-02-30").unwrap_err().message_ja(),
        "存在しない日付です（2025年2月30日）"
    );
    assert_eq!(
        parse_date("R7.13.1").unwrap_err().message_ja(),
        "存在しない日付です（令和7年13月1日）"
    );
    assert!(parse_date("H31.5.1")
        .unwrap_err()
        .message_ja()
        .contains("平成の期間外"));
    import_refuses(
        &mut store,
        &s,
        "見本,みほん,2025-02-30,R7.4.1",
        "生年月日",
        "生年月日: 存在しない日付です（2025年2月30日）",
    );
    import_refuses(
        &mut store,
        &s,
        "見本,みほん,,R7.13.1",
        "初回相談日",
        "初回相談日: 存在しない日付です（令和7年13月1日）",
    );
}

fn employed_client(
    store: &mut Store,
    s: &Session,
) -> (hotto::ids::EmployerId, hotto::ids::EmploymentId) {
    let employer = employment::add_employer(
        store,
        s,
        &EmployerInput {
            name: "見本製作所".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let client = clients::create_client(store, s, &client("見本", "みほん", None))
        .unwrap()
        .id;
    let job = employment::add_employment(
        store,
        s,
        &NewEmployment {
            client_id: client,
            employer_id: employer.clone(),
            started_on: ymd(2025, 4, 1),
            job_title: String::new(),
            contract_type: ContractType::PartTime,
            weekly_minutes: 1200,
            route: Route::Direct,
            disability_employment: true,
            handover: None,
        },
    )
    .unwrap();
    (employer, job)
}

#[test]
fn an_end_before_its_start_is_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    let (_, job) = employed_client(&mut store, &s);
    let end = EmploymentEnd {
        ended_on: ymd(2025, 3, 31),
        reason: EndReason::Health,
        note: String::new(),
    };
    let e = refused(&mut store, &s, |store, s| {
        employment::end_employment(store, s, &job, &end)
    });
    assert_eq!(e.message_ja(), "離職日は開始日以降の日付にしてください。");
    let input = StaffInput {
        name: "見本 職員".into(),
        kana: String::new(),
        joined_on: Some(ymd(2025, 4, 1)),
        left_on: Some(ymd(2025, 3, 31)),
        user_id: None,
    };
    let e = refused(&mut store, &s, |store, s| {
        staff::add_staff(store, s, &input)
    });
    assert_eq!(e.message_ja(), "退職日は開始日以降の日付にしてください。");
}

#[test]
fn fte_over_one_in_sum_on_any_day_is_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    let input = StaffInput {
        name: "見本 職員".into(),
        ..Default::default()
    };
    let person = staff::add_staff(&mut store, &s, &input).unwrap();
    let allocation = |fte: &str, from: NaiveDate| NewAllocation {
        staff_id: person.clone(),
        role: StaffRole::EmploymentCoordinator,
        fte: Fte::parse(fte).unwrap(),
        from_on: from,
        to_on: None,
        concurrent_post: String::new(),
    };
    staff::add_allocation(&mut store, &s, &allocation("0.6", ymd(2025, 4, 1))).unwrap();
    let second = allocation("0.5", ymd(2025, 10, 1));
    let e = refused(&mut store, &s, |store, s| {
        staff::add_allocation(store, s, &second)
    });
    assert!(
        e.message_ja()
            .contains("令和7年10月1日に常勤換算が1.0を超えます（合計1.1）"),
        "{}",
        e.message_ja()
    );
}

#[test]
fn a_duplicate_partner_name_is_refused_and_a_possible_duplicate_client_is_only_reported() {
    let (_t, _d, mut store, s) = common::new_center();
    let input = PartnerInput {
        name: "見本ハローワーク".into(),
        category: PartnerCategory::JobCentre,
        service_type: String::new(),
        contact_person: String::new(),
        phone: String::new(),
        address: String::new(),
        liaison_member: false,
        notes: String::new(),
    };
    partners::create_partner(&mut store, &s, &input).unwrap();
    let e = refused(&mut store, &s, |store, s| {
        partners::create_partner(store, s, &input)
    });
    assert_eq!(e.message_ja(), "同じ機関名がすでに登録されています。");

    let birth = Some(ymd(1985, 4, 1));
    clients::create_client(&mut store, &s, &client("見本 一", "みほん はじめ", birth)).unwrap();
    let second =
        clients::create_client(&mut store, &s, &client("見本 一", "ミホン ハジメ", birth)).unwrap();
    assert_eq!(
        second.possible_duplicates.len(),
        1,
        "reported, not merged or refused"
    );
}

#[test]
fn deleting_an_employer_that_a_job_refers_to_is_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    let (employer, _) = employed_client(&mut store, &s);
    let e = refused(&mut store, &s, |store, s| {
        employment::delete_employer(store, s, &employer)
    });
    assert_eq!(
        e.message_ja(),
        "この企業・事業所は他の記録から参照されているため削除できません。"
    );
}

#[test]
fn weekly_hours_outside_the_range_are_refused() {
    let (_t, _d, mut store, s) = common::new_center();
    let (employer, _) = employed_client(&mut store, &s);
    let client = clients::list_clients(&store, &s, &Default::default()).unwrap()[0]
        .id
        .clone();
    for minutes in [0, 6001] {
        let new = NewEmployment {
            client_id: client.clone(),
            employer_id: employer.clone(),
            started_on: ymd(2025, 5, 1),
            job_title: String::new(),
            contract_type: ContractType::PartTime,
            weekly_minutes: minutes,
            route: Route::Direct,
            disability_employment: true,
            handover: None,
        };
        let e = refused(&mut store, &s, |store, s| {
            employment::add_employment(store, s, &new)
        });
        assert_eq!(
            e.message_ja(),
            "週の所定労働時間（分）は1～6000の範囲で入力してください。"
        );
    }
}

#[test]
fn odd_search_input_returns_without_error() {
    let (_t, _d, mut store, s) = common::new_center();
    clients::create_client(&mut store, &s, &client("見本 一", "みほん はじめ", None)).unwrap();
    for text in [
        "",
        "   ",
        "\u{3000}",
        "%",
        "_",
        "'; DROP TABLE clients; --",
        "\u{0}",
        "😀",
        &"あ".repeat(10_000),
    ] {
        let found = clients::search_clients(&store, &s, text, 50).unwrap();
        assert!(found.is_empty(), "{text:?} matches nothing");
    }
    assert_eq!(
        clients::search_clients(&store, &s, "ﾐﾎﾝ", 50)
            .unwrap()
            .len(),
        1
    );
}
