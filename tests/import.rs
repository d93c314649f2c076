//! Importing from CSV as Excel saves it: encodings, quoting, 和暦 dates, the dry run's list of
//! problems, duplicates reported and not merged, and all-or-nothing.

mod common;
mod counts;

use std::process::Command;

use chrono::NaiveDate;
use counts::table_counts;
use hotto::clients::{self, ClientFilter, ClientStatus, NewClient, Phase};
use hotto::import::{self, Encoding, ImportKind, ImportPreview};
use hotto::staff::{self, StaffInput};
use hotto::store::{audit, AuditFilter};
use hotto::{Session, Store};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dry(store: &mut Store, s: &Session, kind: ImportKind, bytes: &[u8]) -> ImportPreview {
    import::dry_run(store, s, kind, bytes, &mut |_| {}).unwrap()
}

fn bom_crlf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("\u{feff}");
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

fn add_staff(store: &mut Store, s: &Session, name: &str) -> hotto::ids::StaffId {
    let input = StaffInput {
        name: name.into(),
        kana: String::new(),
        joined_on: Some(ymd(2020, 4, 1)),
        left_on: None,
        user_id: None,
    };
    staff::add_staff(store, s, &input).unwrap()
}

const CLIENT_HEADER: &str =
    "氏名,フリガナ,生年月日,性別,障害種別,手帳,等級,初回相談日,主担当,備考,利用登録日,支援段階";

#[test]
fn an_excel_utf8_file_with_bom_crlf_quoted_newlines_and_wareki_dates_imports_clients() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let staff_id = add_staff(&mut store, &director, "山田 太郎");
    let file = bom_crlf(&[
        CLIENT_HEADER,
        "見本 花子,ミホン ハナコ,昭和60年4月1日,女,\"精神、発達\",精神障害者保健福祉手帳,2級,R7.4.1,山田　太郎,\"朝は弱い,\r\n午後に連絡\",令和7年5月1日,求職活動",
        "架空 次郎,ｶｸｳ ｼﾞﾛｳ,1990/12/31,,,,,2025-06-02,,,,",
        ",,,,,,,,,,,",
    ]);
    let preview = dry(&mut store, &director, ImportKind::Clients, &file);
    assert_eq!(preview.encoding, Some(Encoding::Utf8Bom));
    assert_eq!(
        preview.rows_total, 2,
        "the blank row Excel leaves is skipped"
    );
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert!(preview.can_import());
    assert_eq!(
        table_counts(&store, &director)["clients"],
        0,
        "a dry run keeps nothing"
    );

    let report = import::apply(
        &mut store,
        &director,
        ImportKind::Clients,
        &file,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.imported, 2);
    let list = clients::list_clients(&store, &director, &ClientFilter::default()).unwrap();
    assert_eq!(list.len(), 2);
    let hanako = list.iter().find(|c| c.name == "見本 花子").unwrap();
    assert_eq!(hanako.birth_date, Some(ymd(1985, 4, 1)));
    assert_eq!(hanako.first_contact_on, ymd(2025, 4, 1));
    assert_eq!(hanako.registered_on, Some(ymd(2025, 5, 1)));
    assert_eq!(hanako.status, ClientStatus::Registered);
    assert_eq!(hanako.phase, Some(Phase::Seeking));
    assert_eq!(hanako.main_staff_id.as_ref(), Some(&staff_id));
    let record = clients::get_client(&mut store, &director, &hanako.id).unwrap();
    assert_eq!(record.notes, "朝は弱い,\n午後に連絡");
    assert_eq!(
        record.disabilities,
        [
            clients::DisabilityCategory::Mental,
            clients::DisabilityCategory::Developmental
        ]
    );
    assert_eq!(record.certificate_kind, clients::CertificateKind::Mental);
    assert_eq!(record.certificate_grade, "2級");
    let jiro = list.iter().find(|c| c.name == "架空 次郎").unwrap();
    assert_eq!(
        jiro.kana, "カクウ ジロウ",
        "half-width kana are stored full-width"
    );
    assert_eq!(jiro.status, ClientStatus::Inquiry);
}

#[test]
fn a_shift_jis_file_from_excel_is_read_as_cp932() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let text = "氏名,ふりがな,初回相談日\r\n髙橋 ①子,たかはし いちこ,R7.4.1\r\n";
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "髙 and ① are CP932 characters");
    let preview = dry(&mut store, &director, ImportKind::Clients, &bytes);
    assert_eq!(preview.encoding, Some(Encoding::ShiftJis));
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    import::apply(
        &mut store,
        &director,
        ImportKind::Clients,
        &bytes,
        &mut |_| {},
    )
    .unwrap();
    let list = clients::list_clients(&store, &director, &ClientFilter::default()).unwrap();
    assert_eq!(list[0].name, "髙橋 ①子");
}

#[test]
fn a_utf8_file_without_bom_and_with_lf_only_is_read_too() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let bytes = "氏名,ふりがな,初回相談日\n見本 一,みほん はじめ,2025年4月1日\n".as_bytes();
    let preview = dry(&mut store, &director, ImportKind::Clients, bytes);
    assert_eq!(preview.encoding, Some(Encoding::Utf8));
    assert_eq!(preview.rows_total, 1);
    assert!(preview.can_import(), "{:?}", preview.problems);
}

#[test]
fn the_dry_run_lists_every_bad_row_with_its_column_and_a_japanese_reason() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let before = table_counts(&store, &director);
    let file = bom_crlf(&[
        "氏名,ふりがな,生年月日,初回相談日,主担当",
        ",みほん,,R7.4.1,",
        "見本 一,見本,,R7.4.1,",
        "見本 二,みほん,2025-02-30,R7.4.1,",
        "見本 三,みほん,,R7.13.1,",
        "見本 四,みほん,,R7.4.1,いない人",
        "見本 五,みほん,2000-01-01,1999-12-31,",
        "見本 六,みほん,,,",
        "見本 七,みほん,,R7.4.1,",
    ]);
    let preview = dry(&mut store, &director, ImportKind::Clients, &file);
    let got: Vec<(u32, &str, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.message_ja.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "氏名", "氏名を入力してください。"),
            (3, "ふりがな", "ふりがなの形式が正しくありません。"),
            (
                4,
                "生年月日",
                "生年月日: 存在しない日付です（2025年2月30日）"
            ),
            (
                5,
                "初回相談日",
                "初回相談日: 存在しない日付です（令和7年13月1日）"
            ),
            (
                6,
                "主担当",
                "この名前の職員が登録されていません。職員の画面の氏名と同じにしてください。"
            ),
            (7, "", "初回相談日は生年月日より後の日付にしてください。"),
            (8, "初回相談日", "初回相談日を入力してください。"),
        ]
    );
    assert_eq!(preview.rows_total, 8);
    assert!(!preview.can_import());
    assert_eq!(
        table_counts(&store, &director),
        before,
        "a dry run keeps nothing"
    );
}

#[test]
fn a_file_with_one_bad_row_imports_nothing() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let before = table_counts(&store, &director);
    let file = bom_crlf(&[
        "氏名,ふりがな,初回相談日",
        "見本 一,みほん はじめ,R7.4.1",
        "見本 二,みほん じろう,R7.4.1",
        "見本 三,みほん さぶろう,2025-02-30",
    ]);
    let err = import::apply(
        &mut store,
        &director,
        ImportKind::Clients,
        &file,
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), "rule");
    assert!(
        err.message_ja().contains("何も取り込みませんでした"),
        "{}",
        err.message_ja()
    );
    assert_eq!(table_counts(&store, &director), before);
}

#[test]
fn possible_duplicates_by_kana_and_birth_date_are_reported_and_not_merged() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let existing = clients::create_client(
        &mut store,
        &director,
        &NewClient {
            profile: clients::ClientProfile {
                name: "見本 花子".into(),
                kana: "みほん はなこ".into(),
                birth_date: Some(ymd(1985, 4, 1)),
                ..Default::default()
            },
            first_contact_on: Some(ymd(2024, 4, 1)),
            main_staff_id: None,
        },
    )
    .unwrap()
    .id;
    let file = bom_crlf(&[
        "氏名,ふりがな,生年月日,初回相談日",
        "見本 花子,ミホン ハナコ,S60.4.1,R7.4.1",
        "見本 太郎,みほん たろう,H2.1.1,R7.4.1",
        "見本 太郎,ミホン タロウ,1990-01-01,R7.4.2",
    ]);
    let preview = dry(&mut store, &director, ImportKind::Clients, &file);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let dups: Vec<(u32, Option<String>, Option<u32>)> = preview
        .duplicates
        .iter()
        .map(|d| (d.row, d.existing_id.clone(), d.same_as_row))
        .collect();
    assert_eq!(
        dups,
        [(2, Some(existing.to_string()), None), (4, None, Some(3))]
    );
    let report = import::apply(
        &mut store,
        &director,
        ImportKind::Clients,
        &file,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.imported, 3);
    assert_eq!(report.duplicates.len(), 2);
    let all = clients::list_clients(&store, &director, &ClientFilter::default()).unwrap();
    assert_eq!(all.len(), 4, "nothing merged");
}

#[test]
fn the_real_run_writes_one_import_audit_row_with_counts_and_no_names() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let file = bom_crlf(&[
        "氏名,ふりがな,初回相談日",
        "見本 一,みほん はじめ,R7.4.1",
        "見本 二,みほん じろう,R7.4.1",
    ]);
    import::apply(
        &mut store,
        &director,
        ImportKind::Clients,
        &file,
        &mut |_| {},
    )
    .unwrap();
    let entries = store
        .read(&director, |conn| {
            let filter = AuditFilter {
                action_prefix: Some("import.".into()),
                ..Default::default()
            };
            Ok(audit::list(conn, &filter)?)
        })
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "import.apply");
    assert_eq!(
        entries[0].summary,
        "2 clients imported from CSV; 0 possible duplicate(s) reported"
    );
    assert!(!entries[0].summary.contains("見本"));
}

#[test]
fn a_missing_required_column_an_unclosed_quote_and_unreadable_bytes_are_reported() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let preview = dry(
        &mut store,
        &director,
        ImportKind::Clients,
        "氏名,初回相談日\r\n見本,R7.4.1\r\n".as_bytes(),
    );
    assert_eq!(
        preview.problems.len(),
        1,
        "the rows are not each blamed for it"
    );
    assert_eq!(preview.problems[0].row, 1);
    assert_eq!(preview.problems[0].column, "ふりがな");
    assert!(preview.problems[0]
        .message_ja
        .contains("「ふりがな」の列がありません"));

    let preview = dry(
        &mut store,
        &director,
        ImportKind::Clients,
        "氏名,ふりがな,初回相談日\r\n見本,みほん,R7.4.1\r\n\"見本,みほん,R7.4.1\r\n".as_bytes(),
    );
    assert_eq!(preview.problems.len(), 1);
    assert_eq!(preview.problems[0].row, 3);
    assert!(preview.problems[0].message_ja.contains("引用符"));

    let preview = dry(
        &mut store,
        &director,
        ImportKind::Clients,
        &[0x82, 0xA0, 0xFF, 0xFF],
    );
    assert_eq!(preview.encoding, None);
    assert_eq!(preview.problems[0].row, 0);
    assert!(preview.problems[0].message_ja.contains("文字コード"));

    let preview = dry(&mut store, &director, ImportKind::Clients, b"");
    assert!(!preview.can_import());
    assert!(preview.problems[0].message_ja.contains("空"));
}

#[test]
fn employers_partners_and_employments_import_in_that_order() {
    let (_tmp, _dir, mut store, director) = common::new_center();
    let employers = bom_crlf(&[
        "企業名,業種,所在地,電話番号,担当者,備考",
        "株式会社見本製作所,製造業,小平市1-1,042-000-0000,人事 一郎,",
        "見本スーパー,小売業,,,,",
    ]);
    let report = import::apply(
        &mut store,
        &director,
        ImportKind::Employers,
        &employers,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.imported, 2);
    let again = dry(&mut store, &director, ImportKind::Employers, &employers);
    assert!(again.problems.is_empty());
    assert_eq!(
        again.duplicates.len(),
        2,
        "the same names again are possible duplicates"
    );

    let partners = bom_crlf(&[
        "機関名,分類,サービス種別,連絡会",
        "見本ハローワーク,ハローワーク,,○",
        "見本就労移行,障害福祉サービス事業所,就労移行支援,いいえ",
        "見本ハローワーク,ハローワーク,,",
        "見本病院,病院だったもの,,",
    ]);
    let preview = dry(&mut store, &director, ImportKind::Partners, &partners);
    let got: Vec<(u32, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(got, [(4, "機関名"), (5, "分類")]);
    assert_eq!(
        preview.problems[0].message_ja,
        "同じ機関名がすでに登録されています。"
    );
    let partners = bom_crlf(&[
        "機関名,分類,サービス種別,連絡会",
        "見本ハローワーク,ハローワーク,,○",
        "見本就労移行,障害福祉サービス事業所,就労移行支援,いいえ",
    ]);
    import::apply(
        &mut store,
        &director,
        ImportKind::Partners,
        &partners,
        &mut |_| {},
    )
    .unwrap();
    let listed = hotto::partners::list_partners(&store, &director, &Default::default()).unwrap();
    assert_eq!(listed.iter().filter(|p| p.liaison_member).count(), 1);

    let clients_file = bom_crlf(&[
        "氏名,ふりがな,生年月日,初回相談日,利用登録日",
        "見本 花子,みほん はなこ,S60.4.1,R6.4.1,R6.5.1",
    ]);
    import::apply(
        &mut store,
        &director,
        ImportKind::Clients,
        &clients_file,
        &mut |_| {},
    )
    .unwrap();
    let jobs = bom_crlf(&[
        "氏名,ふりがな,生年月日,企業名,就職日,職種,雇用形態,週所定労働時間,就職経路,障害者雇用,離職日,離職理由",
        "見本 花子,ミホン ハナコ,1985-04-01,株式会社 見本製作所,R6.7.1,軽作業,パート,20,ハローワーク,はい,R7.3.31,体調",
        "見本 花子,みほん はなこ,1985-04-01,見本スーパー,R7.5.1,品出し,有期雇用,20:30,直接応募,○,,",
        "見本 花子,みほん はなこ,1985-04-01,ない会社,R7.5.1,,パート,20,その他,はい,,",
        "見本 一,みほん はじめ,,見本スーパー,R7.5.1,,パート,20,その他,はい,,",
        "見本 花子,みほん はなこ,1985-04-01,見本スーパー,R7.5.1,,パート,20,その他,はい,R7.4.1,自己都合",
    ]);
    let preview = dry(&mut store, &director, ImportKind::Employments, &jobs);
    let got: Vec<(u32, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(got, [(4, "企業名"), (5, "氏名"), (6, "離職日")]);
    assert_eq!(
        preview.problems[2].message_ja,
        "離職日は開始日以降の日付にしてください。"
    );
    let jobs = bom_crlf(&[
        "氏名,ふりがな,生年月日,企業名,就職日,職種,雇用形態,週所定労働時間,就職経路,障害者雇用,離職日,離職理由",
        "見本 花子,ミホン ハナコ,1985-04-01,株式会社 見本製作所,R6.7.1,軽作業,パート,20,ハローワーク,はい,R7.3.31,体調",
        "見本 花子,みほん はなこ,1985-04-01,見本スーパー,R7.5.1,品出し,有期雇用,20:30,直接応募,○,,",
    ]);
    let report = import::apply(
        &mut store,
        &director,
        ImportKind::Employments,
        &jobs,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.imported, 2);
    let client = clients::list_clients(&store, &director, &ClientFilter::default()).unwrap()[0]
        .id
        .clone();
    let records = hotto::employment::client_employments(&store, &director, &client).unwrap();
    assert_eq!(records.len(), 2);
    let ended = &records[1].employment;
    assert_eq!(ended.ended_on, Some(ymd(2025, 3, 31)));
    assert_eq!(ended.weekly_minutes, 1200);
    let ongoing = &records[0].employment;
    assert_eq!(ongoing.weekly_minutes, 20 * 60 + 30);
    assert!(
        !records[0].follow_ups.is_empty(),
        "the follow-up schedule is that of the form"
    );
}

#[test]
fn the_cli_lists_problems_on_a_dry_run_and_imports_a_good_file() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_hotto");
    let run = |args: &[&str]| {
        Command::new(bin)
            .arg("--data-dir")
            .arg(tmp.path().join("data"))
            .args(args)
            .env("HOTTO_USER", "sato")
            .env("HOTTO_PASSWORD", "director-pass-1")
            .env_remove("HOTTO_DATA_DIR")
            .output()
            .unwrap()
    };
    assert!(run(&["init", "--director", "sato"]).status.success());
    let bad = tmp.path().join("bad.csv");
    std::fs::write(
        &bad,
        bom_crlf(&["氏名,ふりがな,初回相談日", "見本 一,みほん,R7.13.1"]),
    )
    .unwrap();
    let out = run(&["import", "clients", bad.to_str().unwrap(), "--dry-run"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("problem: row 2, column 初回相談日: 初回相談日: 存在しない日付です"),
        "{text}"
    );

    let good = tmp.path().join("good.csv");
    std::fs::write(
        &good,
        bom_crlf(&["氏名,ふりがな,初回相談日", "見本 一,みほん,R7.4.1"]),
    )
    .unwrap();
    let out = run(&["import", "clients", good.to_str().unwrap(), "--dry-run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing was imported"));
    let out = run(&["import", "clients", good.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 1 clients in one transaction"));
    let out = run(&["client", "search", "みほん"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("見本 一"));
}
