//! 年度: the fiscal year (April 1 – March 31) that every plan, target and figure is counted in,
//! and the month arithmetic that follow-up schedules and hand-over ends are built with.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::wareki::{era_year, gregorian_year, normalise, split_era};
use super::{Era, EARLIEST_DATE, LATEST_DATE};

/// A fiscal year (年度), named by the calendar year in which it starts: `FiscalYear(2025)` runs
/// from 2025-04-01 to 2026-03-31. Serialised as a plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The fiscal year that `date` falls in.
    pub fn of(date: NaiveDate) -> Self {
        if date.month() >= 4 {
            FiscalYear(date.year())
        } else {
            FiscalYear(date.year() - 1)
        }
    }

    /// The calendar year in which the fiscal year starts.
    pub fn year(self) -> i32 {
        self.0
    }

    /// April 1, the first day.
    ///
    /// # Panics
    /// If the year lies beyond chrono's range (about ±262,000 years); deserialisation refuses such
    /// years, so only a fiscal year built from such a literal can.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).expect("fiscal year within chrono's range")
    }

    /// March 31 of the next calendar year, the last day.
    ///
    /// # Panics
    /// As [`FiscalYear::start`].
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).expect("fiscal year within chrono's range")
    }

    /// The twelve months as `(year, month)`, April to March, in the order reports list them.
    pub fn months(self) -> [(i32, u32); 12] {
        std::array::from_fn(|i| {
            let month = (i as u32 + 3) % 12 + 1;
            let year = if month >= 4 { self.0 } else { self.0 + 1 };
            (year, month)
        })
    }

    /// Whether `date` falls in this fiscal year.
    pub fn contains(self, date: NaiveDate) -> bool {
        FiscalYear::of(date) == self
    }

    /// The fiscal year before this one.
    pub fn previous(self) -> Self {
        FiscalYear(self.0 - 1)
    }

    /// The fiscal year after this one.
    pub fn next(self) -> Self {
        FiscalYear(self.0 + 1)
    }

    /// The era that names the fiscal year: the era in force on December 31 of the year it starts,
    /// so FY2019 is 令和 and FY1988 昭和. `None` before the Meiji era.
    pub fn era(self) -> Option<Era> {
        NaiveDate::from_ymd_opt(self.0, 12, 31).and_then(Era::of)
    }

    /// The name in 和暦: `令和7年度`, `令和元年度`; `1850年度` before the Meiji era.
    pub fn name_wareki(self) -> String {
        match self.era() {
            Some(era) => format!("{}度", era.year_name(self.year_in(era))),
            None => format!("{}年度", self.0),
        }
    }

    /// Reads a fiscal year as staff type it: `2025`, `2025年度`, `令和7年度`, `令和元年度`, `R7`,
    /// `R7年度`, in full-width or half-width characters. `平成31年度` is read as FY2019 too, the
    /// name budgets drawn up before the change of era used.
    pub fn parse(input: &str) -> Result<Self, FiscalYearParseError> {
        let text = normalise(input);
        if text.is_empty() {
            return Err(FiscalYearParseError::Empty);
        }
        let (era, rest) = split_era(&text);
        let number = strip_year_suffix(rest).ok_or(FiscalYearParseError::Unrecognised)?;
        let fiscal_year = match era {
            Some(era) => Self::from_era_year(era, number)?,
            None => gregorian_year(number)
                .map(FiscalYear)
                .ok_or(FiscalYearParseError::Unrecognised)?,
        };
        fiscal_year.check_range()
    }

    fn year_in(self, era: Era) -> i32 {
        self.0 - era.first_day().year() + 1
    }

    fn from_era_year(era: Era, number: &str) -> Result<Self, FiscalYearParseError> {
        let year = era_year(number).ok_or(FiscalYearParseError::Unrecognised)?;
        let fiscal_year = FiscalYear(era.gregorian_year(year));
        let named_so = fiscal_year.era() == Some(era);
        let started_in_era = era.contains(fiscal_year.start_or_max());
        if named_so || started_in_era {
            Ok(fiscal_year)
        } else {
            Err(FiscalYearParseError::OutsideEra { era, year })
        }
    }

    /// April 1 without the panic: parsing must never panic, whatever the era year.
    fn start_or_max(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).unwrap_or(NaiveDate::MAX)
    }

    fn check_range(self) -> Result<Self, FiscalYearParseError> {
        if (EARLIEST_DATE.year()..=LATEST_DATE.year()).contains(&self.0) {
            Ok(self)
        } else {
            Err(FiscalYearParseError::OutOfRange { year: self.0 })
        }
    }
}

fn strip_year_suffix(text: &str) -> Option<&str> {
    text.strip_suffix("年度")
        .or_else(|| text.strip_suffix('年'))
        .or(Some(text))
}

impl From<FiscalYear> for i32 {
    fn from(fiscal_year: FiscalYear) -> i32 {
        fiscal_year.0
    }
}

impl TryFrom<i32> for FiscalYear {
    type Error = FiscalYearParseError;

    /// Accepts any year whose start and end chrono can represent, so stored values never panic.
    fn try_from(year: i32) -> Result<Self, Self::Error> {
        let representable = NaiveDate::MIN.year() < year && year < NaiveDate::MAX.year();
        if representable {
            Ok(FiscalYear(year))
        } else {
            Err(FiscalYearParseError::OutOfRange { year })
        }
    }
}

/// Why a fiscal-year field's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FiscalYearParseError {
    /// Nothing but whitespace was entered.
    #[error("no fiscal year was entered")]
    Empty,
    /// The text is in none of the accepted forms.
    #[error("not a recognised fiscal year; write e.g. 令和7年度, R7 or 2025")]
    Unrecognised,
    /// The era has no such fiscal year, e.g. 平成32年度 or 令和0年度.
    #[error("{era:?} {year} is not a fiscal year of that era")]
    OutsideEra {
        /// The era written.
        era: Era,
        /// The era year written.
        year: i32,
    },
    /// The fiscal year lies outside the supported range.
    #[error("the fiscal year {year} is outside the supported range")]
    OutOfRange {
        /// The calendar year in which the fiscal year would start.
        year: i32,
    },
}

impl FiscalYearParseError {
    /// A short, polite message for the fiscal-year field, in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            FiscalYearParseError::Empty => "年度を入力してください".to_owned(),
            FiscalYearParseError::Unrecognised => {
                "年度の形式が正しくありません。例: 令和7年度、R7、2025".to_owned()
            }
            FiscalYearParseError::OutsideEra { era, year } => {
                format!("{}度という年度はありません", era.year_name(*year))
            }
            FiscalYearParseError::OutOfRange { .. } => format!(
                "{}年度から{}年度までの年度を入力してください",
                EARLIEST_DATE.year(),
                LATEST_DATE.year()
            ),
        }
    }
}

/// `date` moved by `months` calendar months, clamped to the end of a shorter month:
/// 2025-01-31 plus one month is 2025-02-28. Negative `months` go back. Saturates at chrono's
/// limits, which no real schedule reaches.
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let step = Months::new(months.unsigned_abs());
    let moved = if months >= 0 {
        date.checked_add_months(step)
    } else {
        date.checked_sub_months(step)
    };
    moved.unwrap_or(if months >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// `date` moved by `years` and `months` at once, clamped like [`add_months`]: a hand-over from a
/// 就労定着支援事業所 ends `add_years_months(start, 3, 6)`.
pub fn add_years_months(date: NaiveDate, years: i32, months: i32) -> NaiveDate {
    let total = years.saturating_mul(12).saturating_add(months);
    add_months(date, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn fiscal_year_runs_from_april_first_to_march_thirty_first() {
        let fy = FiscalYear(2025);
        assert_eq!(fy.start(), ymd(2025, 4, 1));
        assert_eq!(fy.end(), ymd(2026, 3, 31));
    }

    #[test]
    fn march_thirty_first_belongs_to_the_previous_fiscal_year() {
        assert_eq!(FiscalYear::of(ymd(2025, 3, 31)), FiscalYear(2024));
        assert_eq!(FiscalYear::of(ymd(2025, 4, 1)), FiscalYear(2025));
        assert_eq!(FiscalYear::of(ymd(2026, 1, 1)), FiscalYear(2025));
        assert_eq!(FiscalYear::of(ymd(2025, 12, 31)), FiscalYear(2025));
    }

    #[test]
    fn contains_includes_both_ends_and_nothing_beyond() {
        let fy = FiscalYear(2025);
        assert!(fy.contains(ymd(2025, 4, 1)));
        assert!(fy.contains(ymd(2026, 3, 31)));
        assert!(!fy.contains(ymd(2025, 3, 31)));
        assert!(!fy.contains(ymd(2026, 4, 1)));
    }

    #[test]
    fn months_run_april_to_march() {
        let months = FiscalYear(2025).months();
        assert_eq!(months[0], (2025, 4));
        assert_eq!(months[8], (2025, 12));
        assert_eq!(months[9], (2026, 1));
        assert_eq!(months[11], (2026, 3));
    }

    #[test]
    fn fiscal_year_is_named_by_the_era_on_december_thirty_first() {
        let names = [
            (1988, "昭和63年度"),
            (1989, "平成元年度"),
            (2018, "平成30年度"),
            (2019, "令和元年度"),
            (2020, "令和2年度"),
            (2025, "令和7年度"),
            (1912, "大正元年度"),
            (1926, "昭和元年度"),
            (1873, "明治6年度"),
        ];
        for (year, name) in names {
            assert_eq!(FiscalYear(year).name_wareki(), name, "{year}");
        }
    }

    #[test]
    fn fiscal_year_parses_from_its_usual_spellings() {
        let spellings = [
            "2025",
            "2025年度",
            "2025年",
            "令和7年度",
            "令和7年",
            "R7",
            "r7",
            "R07",
            "R7年度",
            "Ｒ７",
            "令和７年度",
            " ２０２５年度 ",
        ];
        for text in spellings {
            assert_eq!(FiscalYear::parse(text), Ok(FiscalYear(2025)), "{text:?}");
        }
    }

    #[test]
    fn gannen_fiscal_years_parse() {
        assert_eq!(FiscalYear::parse("令和元年度"), Ok(FiscalYear(2019)));
        assert_eq!(FiscalYear::parse("R1"), Ok(FiscalYear(2019)));
        assert_eq!(FiscalYear::parse("平成元年度"), Ok(FiscalYear(1989)));
        assert_eq!(FiscalYear::parse("昭和63年度"), Ok(FiscalYear(1988)));
    }

    #[test]
    fn heisei_31_is_read_as_fiscal_2019_as_old_budgets_name_it() {
        assert_eq!(FiscalYear::parse("平成31年度"), Ok(FiscalYear(2019)));
    }

    #[test]
    fn fiscal_years_no_era_ever_named_are_refused() {
        for (text, era, year) in [
            ("平成32年度", Era::Heisei, 32),
            ("昭和64年度", Era::Showa, 64),
            ("令和0年度", Era::Reiwa, 0),
        ] {
            assert_eq!(
                FiscalYear::parse(text),
                Err(FiscalYearParseError::OutsideEra { era, year }),
                "{text}"
            );
        }
        let message = FiscalYear::parse("平成32年度").unwrap_err().message_ja();
        assert_eq!(message, "平成32年度という年度はありません");
    }

    #[test]
    fn fiscal_year_garbage_is_refused() {
        assert_eq!(FiscalYear::parse(" "), Err(FiscalYearParseError::Empty));
        for text in [
            "25",
            "R",
            "令和年度",
            "2025年度度",
            "FY2025",
            "R7.4.1",
            "R1234",
        ] {
            assert_eq!(
                FiscalYear::parse(text),
                Err(FiscalYearParseError::Unrecognised),
                "{text}"
            );
        }
        assert_eq!(
            FiscalYear::parse("2201"),
            Err(FiscalYearParseError::OutOfRange { year: 2201 })
        );
    }

    #[test]
    fn every_fiscal_year_name_parses_back() {
        for year in 1873..=2200 {
            let fy = FiscalYear(year);
            assert_eq!(FiscalYear::parse(&fy.name_wareki()), Ok(fy), "{year}");
            assert_eq!(FiscalYear::parse(&year.to_string()), Ok(fy));
        }
    }

    #[test]
    fn fiscal_year_serialises_as_a_plain_number() {
        assert_eq!(serde_json::to_string(&FiscalYear(2025)).unwrap(), "2025");
        let fy: FiscalYear = serde_json::from_str("2025").unwrap();
        assert_eq!(fy, FiscalYear(2025));
        assert!(serde_json::from_str::<FiscalYear>("2147483647").is_err());
    }

    #[test]
    fn adding_a_month_clamps_to_the_end_of_a_shorter_month() {
        assert_eq!(add_months(ymd(2025, 1, 31), 1), ymd(2025, 2, 28));
        assert_eq!(add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
        assert_eq!(add_months(ymd(2025, 3, 31), -1), ymd(2025, 2, 28));
        assert_eq!(add_months(ymd(2025, 1, 31), 12), ymd(2026, 1, 31));
        assert_eq!(add_months(ymd(2025, 11, 30), 3), ymd(2026, 2, 28));
        assert_eq!(add_months(ymd(2025, 4, 1), 0), ymd(2025, 4, 1));
    }

    #[test]
    fn adding_years_and_months_clamps_leap_days() {
        assert_eq!(add_years_months(ymd(2024, 2, 29), 1, 0), ymd(2025, 2, 28));
        assert_eq!(add_years_months(ymd(2025, 4, 1), 3, 6), ymd(2028, 10, 1));
        assert_eq!(add_years_months(ymd(2025, 8, 31), 3, 6), ymd(2029, 2, 28));
        assert_eq!(add_years_months(ymd(2025, 4, 1), 1, -1), ymd(2026, 3, 1));
    }

    #[test]
    fn adding_months_saturates_instead_of_panicking() {
        assert_eq!(add_months(ymd(2025, 4, 1), i32::MAX), NaiveDate::MAX);
        assert_eq!(add_months(ymd(2025, 4, 1), i32::MIN), NaiveDate::MIN);
    }
}
