//! Property tests for the parsers that take whatever a person types or Excel
//! saves: they never panic, and what they accept means what it says.
//! (A longer run: `PROPTEST_CASES=100000 cargo test --release --test fuzz_parsers`.)

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use hotto::calendar::{format_wareki, format_wareki_short, parse_date, FiscalYear};

fn any_supported_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1873, 1, 1)
        .unwrap()
        .num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(2200, 12, 31)
        .unwrap()
        .num_days_from_ce();
    (first..=last).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

proptest! {
    #[test]
    fn the_date_parser_never_panics_on_any_text(s in "\\PC{0,40}") {
        let _ = parse_date(&s);
        let _ = FiscalYear::parse(&s);
    }

    #[test]
    fn the_date_parser_never_panics_on_date_like_text(
        s in "[RHSTMrhstm令和平成昭和大正明治元0-9０-９年月日./\\-／ 　]{0,16}"
    ) {
        let _ = parse_date(&s);
    }

    #[test]
    fn every_date_reads_back_from_its_wareki_forms(d in any_supported_date()) {
        prop_assert_eq!(parse_date(&format_wareki(d)).unwrap(), d);
        prop_assert_eq!(parse_date(&format_wareki_short(d)).unwrap(), d);
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()).unwrap(), d);
        prop_assert_eq!(parse_date(&d.format("%Y/%-m/%-d").to_string()).unwrap(), d);
    }

    #[test]
    fn an_accepted_date_is_a_real_day_in_range(y in 1800i32..2300, m in 0u32..15, d in 0u32..35) {
        if let Ok(date) = parse_date(&format!("{y}-{m}-{d}")) {
            prop_assert_eq!((date.year(), date.month(), date.day()), (y, m, d));
        }
    }
}
