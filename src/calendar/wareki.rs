//! 和暦: the Japanese era calendar, used in every printed date and accepted in every date field.
//! Formatting writes the first year of an era as 元年; parsing accepts the forms staff type through
//! an IME (full-width or not) and explains, in Japanese, why anything else was refused.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{EARLIEST_DATE, LATEST_DATE};

/// Longer input cannot be a date; refusing it early keeps error handling cheap.
const MAX_INPUT_BYTES: usize = 64;

/// A Japanese era (元号) since the Meiji restoration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Era {
    /// 明治, from 1868-10-23 (supported from 1873-01-01, when Japan adopted the Gregorian calendar).
    Meiji,
    /// 大正, from 1912-07-30.
    Taisho,
    /// 昭和, from 1926-12-25.
    Showa,
    /// 平成, from 1989-01-08.
    Heisei,
    /// 令和, from 2019-05-01.
    Reiwa,
}

impl Era {
    /// Every era, oldest first.
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era's name as written in dates: `令和`.
    pub const fn name(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The capital letter used in short dates: `R` for 令和.
    pub const fn letter(self) -> char {
        match self {
            Era::Meiji => 'M',
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// The day the era began (the official day of the change of era).
    pub const fn first_day(self) -> NaiveDate {
        let (year, month, day) = match self {
            Era::Meiji => (1868, 10, 23),
            Era::Taisho => (1912, 7, 30),
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        };
        NaiveDate::from_ymd_opt(year, month, day).expect("era start dates are valid")
    }

    /// The era's last day, or `None` for the current era.
    pub fn last_day(self) -> Option<NaiveDate> {
        self.successor()
            .and_then(|next| next.first_day().pred_opt())
    }

    /// The era in force on `date`, or `None` before the Meiji era.
    pub fn of(date: NaiveDate) -> Option<Era> {
        Era::ALL
            .into_iter()
            .rev()
            .find(|era| era.first_day() <= date)
    }

    /// Whether `date` falls within this era.
    pub fn contains(self, date: NaiveDate) -> bool {
        Era::of(date) == Some(self)
    }

    /// The year of this era that `date`'s Gregorian year would be (1 for 元年). Meaningful only for
    /// dates within the era; for others it gives the year as someone might wrongly write it.
    pub fn year_of(self, date: NaiveDate) -> i32 {
        date.year() - self.first_day().year() + 1
    }

    /// The Gregorian year of `era_year` of this era: `Reiwa.gregorian_year(7) == 2025`.
    pub fn gregorian_year(self, era_year: i32) -> i32 {
        self.first_day().year() + era_year - 1
    }

    /// The year written out, first years as 元年: `令和元年`, `令和7年`.
    pub fn year_name(self, era_year: i32) -> String {
        if era_year == 1 {
            format!("{}元年", self.name())
        } else {
            format!("{}{}年", self.name(), era_year)
        }
    }

    fn successor(self) -> Option<Era> {
        Era::ALL.into_iter().find(|era| *era > self)
    }

    fn from_letter(letter: char) -> Option<Era> {
        let letter = letter.to_ascii_uppercase();
        Era::ALL.into_iter().find(|era| era.letter() == letter)
    }
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A date as it was written, valid or not: kept to show the user what was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenDate {
    /// The era written, or `None` for a Gregorian year.
    pub era: Option<Era>,
    /// The year of the era, or the Gregorian year.
    pub year: i32,
    /// The month as written (may be out of range).
    pub month: u32,
    /// The day as written (may be out of range).
    pub day: u32,
}

impl WrittenDate {
    fn in_era(era: Era, date: NaiveDate) -> Self {
        let year = era.year_of(date);
        Self::new(Some(era), year, date)
    }

    fn gregorian(date: NaiveDate) -> Self {
        Self::new(None, date.year(), date)
    }

    fn new(era: Option<Era>, year: i32, date: NaiveDate) -> Self {
        Self {
            era,
            year,
            month: date.month(),
            day: date.day(),
        }
    }

    /// The date in Japanese: `令和元年5月1日`, `2025年2月30日`.
    pub fn to_ja(&self) -> String {
        let year = match self.era {
            Some(era) => era.year_name(self.year),
            None => format!("{}年", self.year),
        };
        format!("{year}{}月{}日", self.month, self.day)
    }
}

impl fmt::Display for WrittenDate {
    /// The short form: `R7.4.1`, or `2025-04-01` without an era.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.era {
            Some(era) => write!(
                f,
                "{}{}.{}.{}",
                era.letter(),
                self.year,
                self.month,
                self.day
            ),
            None => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// Why a date field's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateParseError {
    /// Nothing but whitespace was entered.
    #[error("no date was entered")]
    Empty,
    /// The text is in none of the accepted forms.
    #[error("not a recognised date; write e.g. 令和7年4月1日, R7.4.1 or 2025-04-01")]
    Unrecognised,
    /// The form is right but no such day exists, e.g. 2025-02-30 or R7.13.1.
    #[error("no such date: {written}")]
    ImpossibleDate {
        /// The date as written.
        written: WrittenDate,
    },
    /// The day exists but not in the era written, e.g. H31.5.1 (Heisei ended on 2019-04-30).
    #[error("{} ({date}) is outside the {era:?} era", WrittenDate::in_era(*.era, *.date))]
    OutsideEra {
        /// The era written.
        era: Era,
        /// The Gregorian date meant.
        date: NaiveDate,
    },
    /// The year lies outside the supported range, 1873 to 2200.
    #[error("the year {year} is outside the supported range 1873 to 2200")]
    OutOfRange {
        /// The Gregorian year meant.
        year: i32,
    },
}

impl DateParseError {
    /// A short, polite message for the date field, in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            DateParseError::Empty => "日付を入力してください".to_owned(),
            DateParseError::Unrecognised => {
                "日付の形式が正しくありません。例: 令和7年4月1日、R7.4.1、2025-04-01".to_owned()
            }
            DateParseError::ImpossibleDate { written } => {
                format!("存在しない日付です（{}）", written.to_ja())
            }
            DateParseError::OutsideEra { era, date } => outside_era_message_ja(*era, *date),
            DateParseError::OutOfRange { .. } => format!(
                "{}年から{}年までの日付を入力してください",
                EARLIEST_DATE.year(),
                LATEST_DATE.year()
            ),
        }
    }
}

fn outside_era_message_ja(era: Era, date: NaiveDate) -> String {
    let written = WrittenDate::in_era(era, date).to_ja();
    let span = match era.last_day() {
        Some(last) if date > last => format!("{}まで", gregorian_ja(last)),
        _ => format!("{}から", gregorian_ja(era.first_day())),
    };
    format!("{written}は{era}の期間外です（{era}は{span}）")
}

fn gregorian_ja(date: NaiveDate) -> String {
    WrittenDate::gregorian(date).to_ja()
}

/// The date in 和暦 as printed in reports: `令和7年4月1日`, first years as `令和元年5月1日`.
/// Dates before the Meiji era, which the calendar never accepts, fall back to `1850年1月1日`.
pub fn format_wareki(date: NaiveDate) -> String {
    written(date).to_ja()
}

/// The short 和暦 form for tables and lists: `R7.4.1`, first years as `R1.5.1`.
/// Dates before the Meiji era fall back to `1850-01-01`.
pub fn format_wareki_short(date: NaiveDate) -> String {
    written(date).to_string()
}

/// The month of `date` in 和暦 for headings: `令和7年11月`, `令和元年5月` (the era of that day).
pub fn format_wareki_month(date: NaiveDate) -> String {
    let w = written(date);
    let year = match w.era {
        Some(era) => era.year_name(w.year),
        None => format!("{}年", w.year),
    };
    format!("{year}{}月", w.month)
}

fn written(date: NaiveDate) -> WrittenDate {
    match Era::of(date) {
        Some(era) => WrittenDate::in_era(era, date),
        None => WrittenDate::gregorian(date),
    }
}

/// Reads a date typed by staff: `令和7年4月1日`, `令和元年5月1日`, `R7.4.1`, `r7/4/1`, `R07.04.01`,
/// `2025-04-01`, `2025/4/1`, `2025.4.1` or `2025年4月1日`, in full-width or half-width characters,
/// with any surrounding whitespace. Dates must exist, lie within the era written and fall in
/// 1873–2200.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateParseError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(DateParseError::Empty);
    }
    if input.len() > MAX_INPUT_BYTES {
        return Err(DateParseError::Unrecognised);
    }
    let text = normalise(input);
    let (era, body) = split_era(&text);
    let written = split_parts(body)
        .and_then(|parts| read_parts(era, parts))
        .ok_or(DateParseError::Unrecognised)?;
    resolve(written)
}

/// Turns full-width ASCII into half-width and drops all whitespace (including U+3000), so that
/// whatever the IME produced reads the same.
pub(super) fn normalise(input: &str) -> String {
    input
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Splits a leading era name (`令和`) or letter (`R`, `r`) from the rest of normalised text.
pub(super) fn split_era(text: &str) -> (Option<Era>, &str) {
    for era in Era::ALL {
        if let Some(rest) = text.strip_prefix(era.name()) {
            return (Some(era), rest);
        }
    }
    let mut chars = text.chars();
    match chars.next().and_then(Era::from_letter) {
        Some(era) => (Some(era), chars.as_str()),
        None => (None, text),
    }
}

/// Reads an era year: `元` or one to three digits (令和 reaches its 182nd year in 2200).
pub(super) fn era_year(text: &str) -> Option<i32> {
    if text == "元" {
        return Some(1);
    }
    digits(text, 1, 3)
}

/// Reads a Gregorian year, always written with four digits.
pub(super) fn gregorian_year(text: &str) -> Option<i32> {
    digits(text, 4, 4)
}

fn digits(text: &str, min_len: usize, max_len: usize) -> Option<i32> {
    let length_ok = (min_len..=max_len).contains(&text.len());
    if !length_ok || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn split_parts(body: &str) -> Option<[&str; 3]> {
    split_kanji(body).or_else(|| split_separated(body))
}

/// `7年4月1日`
fn split_kanji(body: &str) -> Option<[&str; 3]> {
    let (year, rest) = body.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    Some([year, month, day])
}

/// `7.4.1`, `7/4/1` or `7-4-1`, the same separator twice.
fn split_separated(body: &str) -> Option<[&str; 3]> {
    let separator = body.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let mut parts = body.split(separator);
    let parts_read = [parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(parts_read)
}

fn read_parts(era: Option<Era>, [year, month, day]: [&str; 3]) -> Option<WrittenDate> {
    let year = match era {
        Some(_) => era_year(year)?,
        None => gregorian_year(year)?,
    };
    let month = u32::try_from(digits(month, 1, 2)?).ok()?;
    let day = u32::try_from(digits(day, 1, 2)?).ok()?;
    Some(WrittenDate {
        era,
        year,
        month,
        day,
    })
}

fn resolve(written: WrittenDate) -> Result<NaiveDate, DateParseError> {
    let year = written
        .era
        .map_or(written.year, |era| era.gregorian_year(written.year));
    if !(EARLIEST_DATE.year()..=LATEST_DATE.year()).contains(&year) {
        return Err(DateParseError::OutOfRange { year });
    }
    let date = NaiveDate::from_ymd_opt(year, written.month, written.day)
        .ok_or(DateParseError::ImpossibleDate { written })?;
    match written.era {
        Some(era) if !era.contains(date) => Err(DateParseError::OutsideEra { era, date }),
        _ => Ok(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// The last day of each era and the first day of the next, long and short.
    const BOUNDARIES: [((i32, u32, u32), &str, &str); 8] = [
        ((1912, 7, 29), "明治45年7月29日", "M45.7.29"),
        ((1912, 7, 30), "大正元年7月30日", "T1.7.30"),
        ((1926, 12, 24), "大正15年12月24日", "T15.12.24"),
        ((1926, 12, 25), "昭和元年12月25日", "S1.12.25"),
        ((1989, 1, 7), "昭和64年1月7日", "S64.1.7"),
        ((1989, 1, 8), "平成元年1月8日", "H1.1.8"),
        ((2019, 4, 30), "平成31年4月30日", "H31.4.30"),
        ((2019, 5, 1), "令和元年5月1日", "R1.5.1"),
    ];

    #[test]
    fn every_era_boundary_formats_on_both_sides() {
        for ((y, m, d), long, short) in BOUNDARIES {
            assert_eq!(format_wareki(ymd(y, m, d)), long);
            assert_eq!(format_wareki_short(ymd(y, m, d)), short);
        }
    }

    #[test]
    fn every_era_boundary_parses_on_both_sides() {
        for ((y, m, d), long, short) in BOUNDARIES {
            assert_eq!(parse_date(long), Ok(ymd(y, m, d)), "{long}");
            assert_eq!(parse_date(short), Ok(ymd(y, m, d)), "{short}");
        }
    }

    #[test]
    fn a_day_after_an_era_ended_is_outside_it() {
        for text in [
            "M45.7.30",
            "T15.12.25",
            "S64.1.8",
            "H31.5.1",
            "平成31年5月1日",
        ] {
            assert!(
                matches!(parse_date(text), Err(DateParseError::OutsideEra { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn a_day_before_an_era_began_is_outside_it() {
        for text in [
            "T1.7.29",
            "S1.12.24",
            "H1.1.7",
            "R1.4.30",
            "令和元年4月30日",
        ] {
            assert!(
                matches!(parse_date(text), Err(DateParseError::OutsideEra { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn era_boundaries_match_the_official_changes_of_era() {
        assert_eq!(Era::Meiji.last_day(), Some(ymd(1912, 7, 29)));
        assert_eq!(Era::Taisho.last_day(), Some(ymd(1926, 12, 24)));
        assert_eq!(Era::Showa.last_day(), Some(ymd(1989, 1, 7)));
        assert_eq!(Era::Heisei.last_day(), Some(ymd(2019, 4, 30)));
        assert_eq!(Era::Reiwa.last_day(), None);
        assert_eq!(Era::of(ymd(1868, 10, 22)), None);
        assert_eq!(Era::of(ymd(1868, 10, 23)), Some(Era::Meiji));
    }

    #[test]
    fn first_day_of_reiwa_is_reiwa_gannen() {
        assert_eq!(format_wareki(ymd(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(format_wareki(ymd(2019, 12, 31)), "令和元年12月31日");
        assert_eq!(format_wareki(ymd(2020, 1, 1)), "令和2年1月1日");
    }

    #[test]
    fn first_year_of_heisei_is_heisei_gannen() {
        assert_eq!(format_wareki(ymd(1989, 12, 31)), "平成元年12月31日");
        assert_eq!(parse_date("平成元年1月8日"), Ok(ymd(1989, 1, 8)));
    }

    #[test]
    fn gannen_parses_in_every_written_form() {
        for text in [
            "令和元年5月1日",
            "令和1年5月1日",
            "R1.5.1",
            "R01.05.01",
            "令和元.5.1",
        ] {
            assert_eq!(parse_date(text), Ok(ymd(2019, 5, 1)), "{text}");
        }
    }

    #[test]
    fn short_form_never_writes_gannen() {
        assert_eq!(format_wareki_short(ymd(2019, 5, 1)), "R1.5.1");
    }

    #[test]
    fn reports_write_dates_in_wareki() {
        assert_eq!(format_wareki(ymd(2025, 4, 1)), "令和7年4月1日");
        assert_eq!(format_wareki_short(ymd(2025, 4, 1)), "R7.4.1");
        assert_eq!(format_wareki(ymd(1873, 1, 1)), "明治6年1月1日");
    }

    #[test]
    fn dates_before_meiji_fall_back_to_the_gregorian_year() {
        assert_eq!(format_wareki(ymd(1850, 1, 2)), "1850年1月2日");
        assert_eq!(format_wareki_short(ymd(1850, 1, 2)), "1850-01-02");
    }

    #[test]
    fn every_accepted_form_of_the_same_day_parses_alike() {
        let forms = [
            "令和7年4月1日",
            "R7.4.1",
            "r7.4.1",
            "R7/4/1",
            "R7-4-1",
            "R07.04.01",
            "R7年4月1日",
            "2025-04-01",
            "2025/4/1",
            "2025.4.1",
            "2025年4月1日",
            "２０２５年４月１日",
            "令和７年４月１日",
            "Ｒ７．４．１",
            "ｒ７／４／１",
            "２０２５－０４－０１",
            "  R7.4.1\t",
            "\u{3000}令和 7年 4月 1日\u{3000}",
        ];
        for text in forms {
            assert_eq!(parse_date(text), Ok(ymd(2025, 4, 1)), "{text:?}");
        }
    }

    #[test]
    fn older_era_letters_parse() {
        assert_eq!(parse_date("H31.4.30"), Ok(ymd(2019, 4, 30)));
        assert_eq!(parse_date("S64.1.7"), Ok(ymd(1989, 1, 7)));
        assert_eq!(parse_date("T15.12.24"), Ok(ymd(1926, 12, 24)));
        assert_eq!(parse_date("M45.7.29"), Ok(ymd(1912, 7, 29)));
        assert_eq!(parse_date("明治6年1月1日"), Ok(ymd(1873, 1, 1)));
    }

    #[test]
    fn blank_input_is_empty() {
        assert_eq!(parse_date(""), Err(DateParseError::Empty));
        assert_eq!(parse_date(" \u{3000}\t"), Err(DateParseError::Empty));
    }

    #[test]
    fn garbage_is_unrecognised() {
        let garbage = [
            "abc",
            "R",
            "R7",
            "R7.4",
            "R7.4.1.1",
            "R7.4/1",
            "2025-4",
            "25-04-01",
            "20250401",
            "X7.4.1",
            "令和七年四月一日",
            "2025年4月1",
            "R7.4.",
            "R.4.1",
            "R+7.4.1",
            "2025-+4-01",
            "R1234.1.1",
            "2025-004-01",
            "元.4.1",
        ];
        for text in garbage {
            assert_eq!(
                parse_date(text),
                Err(DateParseError::Unrecognised),
                "{text}"
            );
        }
    }

    #[test]
    fn very_long_input_is_unrecognised_without_echo() {
        let long = "2025-04-01".repeat(100);
        let error = parse_date(&long).unwrap_err();
        assert_eq!(error, DateParseError::Unrecognised);
        assert!(error.message_ja().len() < 200);
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2025-02-30",
            "R7.13.1",
            "R7.4.31",
            "2025-00-10",
            "2025-04-00",
            "2023-02-29",
        ] {
            assert!(
                matches!(parse_date(text), Err(DateParseError::ImpossibleDate { .. })),
                "{text}"
            );
        }
        assert_eq!(parse_date("2024-02-29"), Ok(ymd(2024, 2, 29)));
    }

    #[test]
    fn years_outside_1873_to_2200_are_out_of_range() {
        for (text, year) in [
            ("1872-12-31", 1872),
            ("2201-01-01", 2201),
            ("M5.12.31", 1872),
        ] {
            assert_eq!(
                parse_date(text),
                Err(DateParseError::OutOfRange { year }),
                "{text}"
            );
        }
        assert_eq!(parse_date("2200-12-31"), Ok(ymd(2200, 12, 31)));
        assert_eq!(parse_date("R182.12.31"), Ok(ymd(2200, 12, 31)));
    }

    #[test]
    fn impossible_date_message_shows_the_date_as_written() {
        let message = parse_date("2025-02-30").unwrap_err().message_ja();
        assert_eq!(message, "存在しない日付です（2025年2月30日）");
        let message = parse_date("R7.13.1").unwrap_err().message_ja();
        assert_eq!(message, "存在しない日付です（令和7年13月1日）");
    }

    #[test]
    fn outside_era_message_says_when_the_era_ended_or_began() {
        let message = parse_date("H31.5.1").unwrap_err().message_ja();
        assert_eq!(
            message,
            "平成31年5月1日は平成の期間外です（平成は2019年4月30日まで）"
        );
        let message = parse_date("R1.4.30").unwrap_err().message_ja();
        assert_eq!(
            message,
            "令和元年4月30日は令和の期間外です（令和は2019年5月1日から）"
        );
    }

    #[test]
    fn other_messages_are_short_and_polite() {
        assert_eq!(DateParseError::Empty.message_ja(), "日付を入力してください");
        assert_eq!(
            DateParseError::Unrecognised.message_ja(),
            "日付の形式が正しくありません。例: 令和7年4月1日、R7.4.1、2025-04-01"
        );
        assert_eq!(
            DateParseError::OutOfRange { year: 1850 }.message_ja(),
            "1873年から2200年までの日付を入力してください"
        );
    }

    #[test]
    fn english_messages_name_the_refused_date() {
        let error = parse_date("H31.5.1").unwrap_err();
        assert_eq!(
            error.to_string(),
            "H31.5.1 (2019-05-01) is outside the Heisei era"
        );
        let error = parse_date("2025-02-30").unwrap_err();
        assert_eq!(error.to_string(), "no such date: 2025-02-30");
    }

    /// A small deterministic generator, so the round trip tries many spellings without proptest.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        fn coin(&mut self) -> bool {
            self.next().is_multiple_of(2)
        }
    }

    fn to_full_width(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap(),
                _ => c,
            })
            .collect()
    }

    /// Respells a short date as staff might type it: another separator, zero padding, lower case,
    /// full-width characters, surrounding spaces.
    fn respell(short: &str, rng: &mut Lcg) -> String {
        let separator = ['.', '/', '-'][(rng.next() % 3) as usize];
        let (era, rest) = short.split_at(1);
        let padded = rng.coin();
        let numbers: Vec<String> = rest
            .split('.')
            .map(|n| {
                if padded {
                    format!("{n:0>2}")
                } else {
                    n.to_owned()
                }
            })
            .collect();
        let era = if rng.coin() {
            era.to_lowercase()
        } else {
            era.to_owned()
        };
        let mut text = format!("{era}{}", numbers.join(&separator.to_string()));
        if rng.coin() {
            text = to_full_width(&text);
        }
        if rng.coin() {
            text = format!(" \u{3000}{text} ");
        }
        text
    }

    #[test]
    fn every_day_from_1873_to_2100_round_trips_through_both_forms() {
        let mut rng = Lcg(20_250_401);
        let last = ymd(2100, 12, 31);
        for date in ymd(1873, 1, 1).iter_days().take_while(|d| *d <= last) {
            let long = format_wareki(date);
            let short = format_wareki_short(date);
            assert_eq!(parse_date(&long), Ok(date), "{long}");
            assert_eq!(parse_date(&short), Ok(date), "{short}");
            let respelt = respell(&short, &mut rng);
            assert_eq!(parse_date(&respelt), Ok(date), "{respelt:?}");
        }
    }

    #[test]
    fn a_month_heading_is_written_in_the_era_of_its_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(super::format_wareki_month(day(2025, 11, 1)), "令和7年11月");
        assert_eq!(super::format_wareki_month(day(2019, 5, 1)), "令和元年5月");
        assert_eq!(super::format_wareki_month(day(2019, 4, 1)), "平成31年4月");
    }
}
