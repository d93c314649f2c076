//! 常勤換算 as an exact number: thousandths of a full-time post, so that 0.8 + 0.2 is 1.0 and
//! role totals add up to the penny. Also the one rule every allocation obeys: a person's FTE
//! never exceeds 1.0 on any day.

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Field, Problem};
use crate::CoreError;

/// A full-time equivalent in thousandths (`Fte::from_milli(800)` is 0.8). Sums of many people's
/// FTE (8.4 for the reference center) are Fte too. Serialised as its text, `"0.8"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fte(u32);

/// The most digits before the decimal point that [`Fte::parse`] reads: totals of a center stay
/// far below 10,000.
const MAX_WHOLE_DIGITS: usize = 4;

impl Fte {
    /// Nothing.
    pub const ZERO: Fte = Fte(0);
    /// One full-time post, the most a person can hold on a day.
    pub const FULL: Fte = Fte(1000);

    /// From thousandths, as stored in `fte_milli` columns.
    pub const fn from_milli(milli: u32) -> Fte {
        Fte(milli)
    }

    /// The thousandths, as stored.
    pub const fn milli(self) -> u32 {
        self.0
    }

    /// Whether this is a valid single allocation: more than 0 and at most 1.0.
    pub fn is_allocation(self) -> bool {
        self.0 > 0 && self <= Fte::FULL
    }

    /// The signed difference `self − other`.
    pub fn minus(self, other: Fte) -> FteDelta {
        FteDelta(i64::from(self.0) - i64::from(other.0))
    }

    /// Reads FTE as staff type it: `0.8`, `0.75`, `1`, `1.0`, `.5`, full-width `０．８`.
    /// At most three decimals (a thousandth is the finest share of a post the center uses).
    pub fn parse(input: &str) -> Result<Fte, FteParseError> {
        let text = crate::text::nfkc(input);
        if text.is_empty() {
            return Err(FteParseError::Empty);
        }
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, f),
            None => (text.as_str(), ""),
        };
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !digits_only(whole)
            || !digits_only(fraction)
        {
            return Err(FteParseError::NotANumber);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > MAX_WHOLE_DIGITS {
            return Err(FteParseError::TooLarge);
        }
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > 3 {
            return Err(FteParseError::TooManyDecimals);
        }
        let whole: u32 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| FteParseError::NotANumber)?
        };
        let padded = format!("{fraction:0<3}");
        let thousandths: u32 = padded.parse().map_err(|_| FteParseError::NotANumber)?;
        Ok(Fte(whole * 1000 + thousandths))
    }

    /// Parses `input` for `field`, turning a parse failure into the field's input error.
    pub fn parse_for(field: Field, input: &str) -> crate::Result<Fte> {
        Fte::parse(input).map_err(|e| CoreError::invalid(field, e.problem()))
    }
}

impl fmt::Display for Fte {
    /// `0.8`, `0.75`, `1.0`, `8.4`: at least one decimal, no trailing zeros beyond it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_thousandths(f, u64::from(self.0))
    }
}

fn write_thousandths(f: &mut fmt::Formatter<'_>, value: u64) -> fmt::Result {
    let whole = value / 1000;
    let mut fraction = format!("{:03}", value % 1000);
    while fraction.len() > 1 && fraction.ends_with('0') {
        fraction.pop();
    }
    write!(f, "{whole}.{fraction}")
}

impl Add for Fte {
    type Output = Fte;
    fn add(self, other: Fte) -> Fte {
        Fte(self.0.saturating_add(other.0))
    }
}

impl Sum for Fte {
    fn sum<I: Iterator<Item = Fte>>(iter: I) -> Fte {
        iter.fold(Fte::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Fte> for Fte {
    fn sum<I: Iterator<Item = &'a Fte>>(iter: I) -> Fte {
        iter.copied().sum()
    }
}

impl Serialize for Fte {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fte {
    /// Accepts the text form (`"0.8"`) or a JSON number (`0.8`), rounded to a thousandth.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fte, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(f64),
        }
        match Raw::deserialize(d)? {
            Raw::Text(t) => Fte::parse(&t).map_err(serde::de::Error::custom),
            Raw::Number(n) if n.is_finite() && (0.0..10_000.0).contains(&n) => {
                Ok(Fte((n * 1000.0).round() as u32))
            }
            Raw::Number(_) => Err(serde::de::Error::custom(FteParseError::TooLarge)),
        }
    }
}

/// A signed difference of FTE (data − plan), shown as `+0.2`, `-0.2` or `0.0`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FteDelta(i64);

impl FteDelta {
    /// The thousandths, negative when below.
    pub fn milli(self) -> i64 {
        self.0
    }
}

impl fmt::Display for FteDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.write_str("0.0"),
            n if n > 0 => {
                f.write_str("+")?;
                write_thousandths(f, n.unsigned_abs())
            }
            n => {
                f.write_str("-")?;
                write_thousandths(f, n.unsigned_abs())
            }
        }
    }
}

impl Serialize for FteDelta {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why a typed FTE was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FteParseError {
    /// Nothing was entered.
    #[error("no FTE was entered")]
    Empty,
    /// Not a decimal number such as 0.8.
    #[error("write the FTE as a decimal such as 0.8")]
    NotANumber,
    /// More than three decimals.
    #[error("the FTE has more than three decimals")]
    TooManyDecimals,
    /// Far beyond anything a center holds.
    #[error("the FTE is too large")]
    TooLarge,
}

impl FteParseError {
    /// The input problem this is, for [`CoreError::Invalid`].
    pub fn problem(self) -> Problem {
        match self {
            FteParseError::Empty => Problem::Empty,
            FteParseError::NotANumber => Problem::Format("write a decimal such as 0.8"),
            FteParseError::TooManyDecimals => Problem::Format("at most three decimals"),
            FteParseError::TooLarge => Problem::OutOfRange { min: 0, max: 9999 },
        }
    }
}

/// One allocation's share of a person's time: from `from` to `to` inclusive (`None`: open-ended).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub from: NaiveDate,
    /// Last day, inclusive; `None` while it runs on.
    pub to: Option<NaiveDate>,
    /// The FTE held on each of those days.
    pub fte: Fte,
}

impl Span {
    /// Whether the span covers `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

/// The first day on which one person's spans add up to more than 1.0, with the sum on that day.
///
/// The sum only rises where a span starts, so sweeping the starts and ends in date order (all
/// changes of a day applied before looking) finds the first such day exactly, whatever the
/// number of days the spans cover.
pub fn first_day_over_full_time(spans: &[Span]) -> Option<(NaiveDate, Fte)> {
    let mut changes: Vec<(NaiveDate, i64)> = Vec::with_capacity(spans.len() * 2);
    for span in spans {
        let milli = i64::from(span.fte.milli());
        changes.push((span.from, milli));
        if let Some(after) = span.to.and_then(|to| to.succ_opt()) {
            changes.push((after, -milli));
        }
    }
    changes.sort();
    let mut total = 0i64;
    let mut i = 0;
    while i < changes.len() {
        let day = changes[i].0;
        while i < changes.len() && changes[i].0 == day {
            total += changes[i].1;
            i += 1;
        }
        if total > i64::from(Fte::FULL.milli()) {
            let sum = u32::try_from(total).unwrap_or(u32::MAX);
            return Some((day, Fte::from_milli(sum)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(from: NaiveDate, to: Option<NaiveDate>, milli: u32) -> Span {
        Span {
            from,
            to,
            fte: Fte::from_milli(milli),
        }
    }

    #[test]
    fn typed_fte_is_read_exactly_in_thousandths() {
        assert_eq!(Fte::parse("0.8").unwrap().milli(), 800);
        assert_eq!(Fte::parse("0.75").unwrap().milli(), 750);
        assert_eq!(Fte::parse("1").unwrap().milli(), 1000);
        assert_eq!(Fte::parse("1.000").unwrap().milli(), 1000);
        assert_eq!(Fte::parse(".5").unwrap().milli(), 500);
        assert_eq!(Fte::parse(" ０．８ ").unwrap().milli(), 800);
        assert_eq!(Fte::parse("8.4").unwrap().milli(), 8400);
        assert_eq!(Fte::parse("0.1250").unwrap().milli(), 125);
    }

    #[test]
    fn text_that_is_not_a_decimal_is_refused() {
        assert_eq!(Fte::parse("abc"), Err(FteParseError::NotANumber));
        assert_eq!(Fte::parse(""), Err(FteParseError::Empty));
        assert_eq!(Fte::parse("."), Err(FteParseError::NotANumber));
        assert_eq!(Fte::parse("-0.5"), Err(FteParseError::NotANumber));
        assert_eq!(Fte::parse("0,8"), Err(FteParseError::NotANumber));
        assert_eq!(Fte::parse("1.2.3"), Err(FteParseError::NotANumber));
        assert_eq!(Fte::parse("0.8125"), Err(FteParseError::TooManyDecimals));
        assert_eq!(Fte::parse("123456"), Err(FteParseError::TooLarge));
    }

    #[test]
    fn fte_is_shown_with_at_least_one_decimal_and_no_trailing_zeros() {
        assert_eq!(Fte::from_milli(800).to_string(), "0.8");
        assert_eq!(Fte::from_milli(750).to_string(), "0.75");
        assert_eq!(Fte::from_milli(1000).to_string(), "1.0");
        assert_eq!(Fte::from_milli(8400).to_string(), "8.4");
        assert_eq!(Fte::ZERO.to_string(), "0.0");
        assert_eq!(Fte::from_milli(333).to_string(), "0.333");
        assert_eq!(
            Fte::from_milli(8200)
                .minus(Fte::from_milli(8400))
                .to_string(),
            "-0.2"
        );
        assert_eq!(Fte::from_milli(1250).minus(Fte::FULL).to_string(), "+0.25");
        assert_eq!(Fte::FULL.minus(Fte::FULL).to_string(), "0.0");
    }

    #[test]
    fn the_reference_role_lines_sum_to_8_2_not_8_4() {
        let lines = ["1.0", "3.2", "3.0", "1.0"].map(|s| Fte::parse(s).unwrap());
        let total: Fte = lines.iter().sum();
        assert_eq!(total.to_string(), "8.2");
    }

    #[test]
    fn fte_round_trips_through_serde_as_text_and_accepts_numbers() {
        let f = Fte::from_milli(750);
        assert_eq!(serde_json::to_string(&f).unwrap(), "\"0.75\"");
        assert_eq!(serde_json::from_str::<Fte>("\"0.75\"").unwrap(), f);
        assert_eq!(serde_json::from_str::<Fte>("0.8").unwrap().milli(), 800);
        assert!(serde_json::from_str::<Fte>("\"abc\"").is_err());
        assert!(serde_json::from_str::<Fte>("-1").is_err());
    }

    #[test]
    fn an_allocation_is_more_than_zero_and_at_most_one() {
        assert!(!Fte::ZERO.is_allocation());
        assert!(Fte::from_milli(1).is_allocation());
        assert!(Fte::FULL.is_allocation());
        assert!(!Fte::from_milli(1200).is_allocation());
    }

    #[test]
    fn overlapping_spans_over_one_are_found_on_the_first_day() {
        let spans = [
            span(d(2025, 4, 1), None, 800),
            span(d(2025, 6, 1), Some(d(2025, 6, 30)), 100),
            span(d(2025, 6, 15), None, 300),
        ];
        assert_eq!(
            first_day_over_full_time(&spans),
            Some((d(2025, 6, 15), Fte::from_milli(1200)))
        );
    }

    #[test]
    fn adjacent_spans_do_not_overlap() {
        let spans = [
            span(d(2025, 4, 1), Some(d(2025, 9, 30)), 1000),
            span(d(2025, 10, 1), None, 1000),
        ];
        assert_eq!(first_day_over_full_time(&spans), None);
    }

    #[test]
    fn an_open_ended_span_overlaps_everything_after_its_start() {
        let spans = [
            span(d(2020, 4, 1), None, 600),
            span(d(2030, 1, 1), Some(d(2030, 1, 1)), 500),
        ];
        assert_eq!(
            first_day_over_full_time(&spans),
            Some((d(2030, 1, 1), Fte::from_milli(1100)))
        );
    }

    #[test]
    fn exactly_one_on_a_day_is_allowed() {
        let spans = [
            span(d(2025, 4, 1), None, 700),
            span(d(2025, 4, 1), None, 300),
        ];
        assert_eq!(first_day_over_full_time(&spans), None);
        assert!(spans[0].covers(d(2099, 1, 1)));
        assert!(!spans[0].covers(d(2025, 3, 31)));
    }
}
