//! Property tests for what comes from outside: the CSV importer on arbitrary bytes and on
//! Excel-like files with hostile cells, and the client search on any text. None may panic;
//! the importer either reports a problem or imports, and its dry run predicts the real run.
//!
//! Cases per property: `PROPTEST_CASES` (default below, kept short for CI). A longer run:
//! `PROPTEST_CASES=5000 cargo test --release --test fuzz_import` (see README › Tests).

mod common;
mod counts;

use std::cell::RefCell;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use counts::table_counts;
use hotto::clients::{self, ClientFilter, ClientProfile, NewClient};
use hotto::import::{self, ImportKind};
use hotto::{Session, Store};

/// The number of cases: `PROPTEST_CASES` when set, else `default`.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Checks one file of `kind`: the dry run returns; its problems name rows of the file; and
/// the real run imports exactly when the dry run found nothing, all rows or none.
fn check_file(
    store: &mut Store,
    s: &Session,
    kind: ImportKind,
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let preview = import::dry_run(store, s, kind, bytes, &mut |_| {})
        .map_err(|e| TestCaseError::fail(format!("dry run failed: {e}")))?;
    let last_row = preview.rows_total
        + 1
        + bytes
            .iter()
            .filter(|b| **b == b'\n' || **b == b'\r')
            .count() as u32;
    for p in &preview.problems {
        prop_assert!(p.row <= last_row, "row {} of {}", p.row, last_row);
        prop_assert!(!p.message_ja.is_empty());
    }
    let before = table_counts(store, s);
    match import::apply(store, s, kind, bytes, &mut |_| {}) {
        Ok(report) => {
            prop_assert!(
                preview.can_import(),
                "imported although the dry run found {:?}",
                preview.problems
            );
            prop_assert_eq!(report.imported, preview.rows_total);
            prop_assert_eq!(report.duplicates.len(), preview.duplicates.len());
        }
        Err(e) => {
            prop_assert!(
                !preview.can_import(),
                "the dry run found nothing but the import failed: {e}"
            );
            prop_assert_eq!(
                table_counts(store, s),
                before,
                "a refused import changes nothing"
            );
        }
    }
    Ok(())
}

#[test]
fn the_importer_never_panics_on_arbitrary_bytes_and_reports_or_imports() {
    let (_tmp, _dir, store, s) = common::new_center();
    // The runner takes a `Fn`: the one store of the run is borrowed per case.
    let store = RefCell::new(store);
    let mut runner = TestRunner::new(config(48));
    let kinds = prop::sample::select(ImportKind::ALL.to_vec());
    let bytes = prop::collection::vec(any::<u8>(), 0..400);
    runner
        .run(&(kinds, bytes), |(kind, bytes)| {
            check_file(&mut store.borrow_mut(), &s, kind, &bytes)
        })
        .unwrap();
}

/// Cells a person or Excel may put in a file: fine values, and every kind of trouble.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("見本 花子".to_string()),
        Just("ミホン ハナコ".to_string()),
        Just("ﾐﾎﾝ ﾊﾅｺ".to_string()),
        Just("R7.4.1".to_string()),
        Just("令和元年5月1日".to_string()),
        Just("2025/4/1".to_string()),
        Just("S60.4.1".to_string()),
        Just("2025-02-30".to_string()),
        Just("R7.13.1".to_string()),
        Just("H31.5.1".to_string()),
        Just("2201-01-01".to_string()),
        Just("ハローワーク".to_string()),
        Just("パート".to_string()),
        Just("20".to_string()),
        Just("はい".to_string()),
        Just("精神、発達".to_string()),
        Just("\"quoted, with \"\"quotes\"\"\r\nand a newline\"".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        Just("😀".repeat(60)),
        Just("\u{0}\u{7}".to_string()),
        "\\PC{0,12}",
    ]
}

fn header(kind: ImportKind) -> String {
    kind.columns()
        .iter()
        .map(|c| c.label.clone())
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn excel_like_files_with_hostile_cells_are_reported_or_imported_whole() {
    let (_tmp, _dir, store, s) = common::new_center();
    // The runner takes a `Fn`: the one store of the run is borrowed per case.
    let store = RefCell::new(store);
    let mut runner = TestRunner::new(config(48));
    let kinds = prop::sample::select(ImportKind::ALL.to_vec());
    let rows = prop::collection::vec(prop::collection::vec(cell(), 0..14), 0..6);
    let encoding = 0u8..3;
    runner
        .run(&(kinds, rows, encoding), |(kind, rows, encoding)| {
            let mut text = header(kind);
            for row in &rows {
                text.push_str("\r\n");
                text.push_str(&row.join(","));
            }
            text.push_str("\r\n");
            let bytes = match encoding {
                0 => format!("\u{feff}{text}").into_bytes(),
                1 => text.into_bytes(),
                _ => encoding_rs::SHIFT_JIS.encode(&text).0.into_owned(),
            };
            check_file(&mut store.borrow_mut(), &s, kind, &bytes)
        })
        .unwrap();
}

#[test]
fn client_search_never_panics_and_returns_on_any_text() {
    let (_tmp, _dir, mut store, s) = common::new_center();
    for (name, kana) in [("見本 花子", "みほん はなこ"), ("架空 次郎", "ｶｸｳ ｼﾞﾛｳ")]
    {
        let new = NewClient {
            profile: ClientProfile {
                name: name.into(),
                kana: kana.into(),
                ..Default::default()
            },
            first_contact_on: chrono::NaiveDate::from_ymd_opt(2025, 4, 1),
            main_staff_id: None,
        };
        clients::create_client(&mut store, &s, &new).unwrap();
    }
    let mut runner = TestRunner::new(config(256));
    let text = prop_oneof![
        "\\PC{0,30}",
        ".{0,30}",
        "[%_\\\\'\"*?\\[\\]ぁ-んァ-ヶｦ-ﾟ 　]{0,20}"
    ];
    runner
        .run(&(text, 0usize..1000), |(text, limit)| {
            let found = clients::search_clients(&store, &s, &text, limit)
                .map_err(|e| TestCaseError::fail(format!("search failed: {e}")))?;
            prop_assert!(found.len() <= 2);
            let filter = ClientFilter {
                query: Some(text.clone()),
                ..Default::default()
            };
            let listed = clients::list_clients(&store, &s, &filter)
                .map_err(|e| TestCaseError::fail(format!("list failed: {e}")))?;
            prop_assert!(listed.len() <= 2);
            Ok(())
        })
        .unwrap();
}
