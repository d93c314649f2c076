//! Japanese public holidays (国民の祝日 and the 休日 they bring), computed from the law rather than
//! read from a list, so that open days and follow-up due dates stay right for decades without
//! updates. Covers 1980–2099, the span of the standard equinox formula.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, Weekday};

/// The years for which holidays are computed; no day outside them counts as a holiday.
pub const HOLIDAY_YEARS: RangeInclusive<i32> = 1980..=2099;

const SUBSTITUTE_HOLIDAY: &str = "振替休日";
const CITIZENS_HOLIDAY: &str = "国民の休日";

/// The 2007 amendment: substitute holidays may skip past further holidays, and a Sunday between
/// two holidays is a 国民の休日 too.
const AMENDMENT_2007: i32 = 2007;

/// The 1985 amendment that made a day between two 国民の祝日 a holiday took effect on this day.
const CITIZENS_HOLIDAY_SINCE: NaiveDate =
    NaiveDate::from_ymd_opt(1985, 12, 27).expect("valid date");

/// Days made holidays by laws of their own, counted as 国民の祝日 (2019-04-30 and 05-02 became
/// 国民の休日 because 05-01 was one).
const SPECIAL_DAYS: [((i32, u32, u32), &str); 5] = [
    ((1989, 2, 24), "昭和天皇の大喪の礼"),
    ((1990, 11, 12), "即位礼正殿の儀"),
    ((1993, 6, 9), "皇太子徳仁親王の結婚の儀"),
    ((2019, 5, 1), "天皇の即位の日"),
    ((2019, 10, 22), "即位礼正殿の儀"),
];

/// Whether `date` is a public holiday (a 国民の祝日, 振替休日 or 国民の休日).
pub fn is_public_holiday(date: NaiveDate) -> bool {
    holiday_name(date).is_some()
}

/// The holiday's name as the Cabinet Office gives it (`春分の日`, `振替休日`, `国民の休日`), or
/// `None` on an ordinary day or outside [`HOLIDAY_YEARS`].
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    if !HOLIDAY_YEARS.contains(&date.year()) {
        return None;
    }
    national_holiday(date)
        .or_else(|| substitute_holiday(date))
        .or_else(|| citizens_holiday(date))
}

/// Every holiday of `year` in date order, with its name.
pub fn holidays_in_year(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|day| day.year() == year)
        .filter_map(|day| holiday_name(day).map(|name| (day, name)))
        .collect()
}

/// A 国民の祝日: a holiday named in the law, or a one-off day treated as one.
fn national_holiday(date: NaiveDate) -> Option<&'static str> {
    special_day(date).or_else(|| statutory_holiday(date))
}

fn special_day(date: NaiveDate) -> Option<&'static str> {
    let key = (date.year(), date.month(), date.day());
    SPECIAL_DAYS
        .iter()
        .find(|(day, _)| *day == key)
        .map(|(_, name)| *name)
}

fn statutory_holiday(date: NaiveDate) -> Option<&'static str> {
    statutory_holidays(date.year())
        .into_iter()
        .find(|(day, _)| *day == Some(date))
        .map(|(_, name)| name)
}

/// Each holiday of the 国民の祝日に関する法律 as it stood in `year`; `None` where it did not exist.
fn statutory_holidays(year: i32) -> [(Option<NaiveDate>, &'static str); 18] {
    [
        (on(year, 1, 1), "元日"),
        (coming_of_age_day(year), "成人の日"),
        (on(year, 2, 11), "建国記念の日"),
        (emperors_birthday(year), "天皇誕生日"),
        (equinox(year, 3, 20_843_100), "春分の日"),
        (on_in(1989..=2006, year, 4, 29), "みどりの日"),
        (on_in(2007..=i32::MAX, year, 4, 29), "昭和の日"),
        (on(year, 5, 3), "憲法記念日"),
        (on_in(2007..=i32::MAX, year, 5, 4), "みどりの日"),
        (on(year, 5, 5), "こどもの日"),
        (marine_day(year), "海の日"),
        (mountain_day(year), "山の日"),
        (respect_for_the_aged_day(year), "敬老の日"),
        (equinox(year, 9, 23_248_800), "秋分の日"),
        (health_and_sports_day(year), "体育の日"),
        (sports_day(year), "スポーツの日"),
        (on(year, 11, 3), "文化の日"),
        (on(year, 11, 23), "勤労感謝の日"),
    ]
}

fn on(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn on_in(years: RangeInclusive<i32>, year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    years
        .contains(&year)
        .then(|| on(year, month, day))
        .flatten()
}

/// The Happy Monday rule: the `n`th Monday of the month.
fn nth_monday(year: i32, month: u32, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n)
}

fn coming_of_age_day(year: i32) -> Option<NaiveDate> {
    match year {
        ..=1999 => on(year, 1, 15),
        _ => nth_monday(year, 1, 2),
    }
}

fn emperors_birthday(year: i32) -> Option<NaiveDate> {
    match year {
        ..=1988 => on(year, 4, 29),
        1989..=2018 => on(year, 12, 23),
        2019 => None,
        _ => on(year, 2, 23),
    }
}

/// 海の日, moved in 2020 and 2021 for the Olympic Games.
fn marine_day(year: i32) -> Option<NaiveDate> {
    match year {
        ..=1995 => None,
        1996..=2002 => on(year, 7, 20),
        2020 => on(year, 7, 23),
        2021 => on(year, 7, 22),
        _ => nth_monday(year, 7, 3),
    }
}

/// 山の日, moved in 2020 and 2021 for the Olympic Games.
fn mountain_day(year: i32) -> Option<NaiveDate> {
    match year {
        ..=2015 => None,
        2020 => on(year, 8, 10),
        2021 => on(year, 8, 8),
        _ => on(year, 8, 11),
    }
}

fn respect_for_the_aged_day(year: i32) -> Option<NaiveDate> {
    match year {
        ..=2002 => on(year, 9, 15),
        _ => nth_monday(year, 9, 3),
    }
}

/// 体育の日, renamed スポーツの日 from 2020.
fn health_and_sports_day(year: i32) -> Option<NaiveDate> {
    match year {
        ..=1999 => on(year, 10, 10),
        2000..=2019 => nth_monday(year, 10, 2),
        _ => None,
    }
}

/// スポーツの日, moved in 2020 and 2021 for the Olympic Games.
fn sports_day(year: i32) -> Option<NaiveDate> {
    match year {
        ..=2019 => None,
        2020 => on(year, 7, 24),
        2021 => on(year, 7, 23),
        _ => nth_monday(year, 10, 2),
    }
}

/// The equinox day by the standard formula, valid 1980–2099, which the dates the Cabinet Office
/// announces follow: ⌊base + 0.242194 × (year − 1980) − ⌊(year − 1980) / 4⌋⌋. Reckoned in
/// millionths of a day so that no floating-point rounding can shift a day.
fn equinox(year: i32, month: u32, base_millionths: i64) -> Option<NaiveDate> {
    let years = i64::from(year - 1980);
    let millionths = base_millionths + 242_194 * years - years.div_euclid(4) * 1_000_000;
    let day = u32::try_from(millionths.div_euclid(1_000_000)).ok()?;
    on(year, month, day)
}

/// 振替休日: when a 国民の祝日 falls on a Sunday, the rest moves to the Monday (1973–2006) or,
/// since 2007, to the first following day that is not a 国民の祝日.
fn substitute_holiday(date: NaiveDate) -> Option<&'static str> {
    let owed = if date.year() >= AMENDMENT_2007 {
        ends_holidays_from_a_sunday(date)
    } else {
        follows_a_sunday_holiday(date)
    };
    owed.then_some(SUBSTITUTE_HOLIDAY)
}

fn follows_a_sunday_holiday(date: NaiveDate) -> bool {
    date.pred_opt()
        .is_some_and(|day| day.weekday() == Weekday::Sun && national_holiday(day).is_some())
}

/// Whether the run of 国民の祝日 just before `date` includes a Sunday.
fn ends_holidays_from_a_sunday(date: NaiveDate) -> bool {
    let mut day = date;
    while let Some(previous) = day.pred_opt() {
        if national_holiday(previous).is_none() {
            return false;
        }
        if previous.weekday() == Weekday::Sun {
            return true;
        }
        day = previous;
    }
    false
}

/// 国民の休日: an ordinary day between two 国民の祝日 (since 1985-12-27; until 2006 not a Sunday).
fn citizens_holiday(date: NaiveDate) -> Option<&'static str> {
    if date < CITIZENS_HOLIDAY_SINCE {
        return None;
    }
    if date.year() < AMENDMENT_2007 && date.weekday() == Weekday::Sun {
        return None;
    }
    let between_holidays = [date.pred_opt(), date.succ_opt()]
        .into_iter()
        .all(|day| day.and_then(national_holiday).is_some());
    between_holidays.then_some(CITIZENS_HOLIDAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    type Official = (i32, &'static [(u32, u32, &'static str)]);

    /// The Cabinet Office's list (内閣府「国民の祝日について」), with 休日 written as 国民の休日.
    const OFFICIAL_2019_TO_2030: [Official; 12] = [
        (
            2019,
            &[
                (1, 1, "元日"),
                (1, 14, "成人の日"),
                (2, 11, "建国記念の日"),
                (3, 21, "春分の日"),
                (4, 29, "昭和の日"),
                (4, 30, "国民の休日"),
                (5, 1, "天皇の即位の日"),
                (5, 2, "国民の休日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 15, "海の日"),
                (8, 11, "山の日"),
                (8, 12, "振替休日"),
                (9, 16, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 14, "体育の日"),
                (10, 22, "即位礼正殿の儀"),
                (11, 3, "文化の日"),
                (11, 4, "振替休日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2020,
            &[
                (1, 1, "元日"),
                (1, 13, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (2, 24, "振替休日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 23, "海の日"),
                (7, 24, "スポーツの日"),
                (8, 10, "山の日"),
                (9, 21, "敬老の日"),
                (9, 22, "秋分の日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2021,
            &[
                (1, 1, "元日"),
                (1, 11, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 22, "海の日"),
                (7, 23, "スポーツの日"),
                (8, 8, "山の日"),
                (8, 9, "振替休日"),
                (9, 20, "敬老の日"),
                (9, 23, "秋分の日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2022,
            &[
                (1, 1, "元日"),
                (1, 10, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 21, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 18, "海の日"),
                (8, 11, "山の日"),
                (9, 19, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 10, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2023,
            &[
                (1, 1, "元日"),
                (1, 2, "振替休日"),
                (1, 9, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 21, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 17, "海の日"),
                (8, 11, "山の日"),
                (9, 18, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 9, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2024,
            &[
                (1, 1, "元日"),
                (1, 8, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 12, "振替休日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 15, "海の日"),
                (8, 11, "山の日"),
                (8, 12, "振替休日"),
                (9, 16, "敬老の日"),
                (9, 22, "秋分の日"),
                (9, 23, "振替休日"),
                (10, 14, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 4, "振替休日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2025,
            &[
                (1, 1, "元日"),
                (1, 13, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (2, 24, "振替休日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 21, "海の日"),
                (8, 11, "山の日"),
                (9, 15, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 13, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
                (11, 24, "振替休日"),
            ],
        ),
        (
            2026,
            &[
                (1, 1, "元日"),
                (1, 12, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 20, "海の日"),
                (8, 11, "山の日"),
                (9, 21, "敬老の日"),
                (9, 22, "国民の休日"),
                (9, 23, "秋分の日"),
                (10, 12, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2027,
            &[
                (1, 1, "元日"),
                (1, 11, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 21, "春分の日"),
                (3, 22, "振替休日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 19, "海の日"),
                (8, 11, "山の日"),
                (9, 20, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 11, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2028,
            &[
                (1, 1, "元日"),
                (1, 10, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 17, "海の日"),
                (8, 11, "山の日"),
                (9, 18, "敬老の日"),
                (9, 22, "秋分の日"),
                (10, 9, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2029,
            &[
                (1, 1, "元日"),
                (1, 8, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 12, "振替休日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (4, 30, "振替休日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 16, "海の日"),
                (8, 11, "山の日"),
                (9, 17, "敬老の日"),
                (9, 23, "秋分の日"),
                (9, 24, "振替休日"),
                (10, 8, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
        (
            2030,
            &[
                (1, 1, "元日"),
                (1, 14, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 15, "海の日"),
                (8, 11, "山の日"),
                (8, 12, "振替休日"),
                (9, 16, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 14, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 4, "振替休日"),
                (11, 23, "勤労感謝の日"),
            ],
        ),
    ];

    #[test]
    fn computed_holidays_equal_the_cabinet_office_list_for_2019_to_2030() {
        for (year, official) in OFFICIAL_2019_TO_2030 {
            let expected: Vec<(NaiveDate, &str)> = official
                .iter()
                .map(|&(month, day, name)| (ymd(year, month, day), name))
                .collect();
            assert_eq!(holidays_in_year(year), expected, "{year}");
        }
    }

    #[test]
    fn emperors_birthday_followed_each_emperor_with_none_in_2019() {
        assert_eq!(holiday_name(ymd(1988, 4, 29)), Some("天皇誕生日"));
        assert_eq!(holiday_name(ymd(2018, 12, 23)), Some("天皇誕生日"));
        assert_eq!(holiday_name(ymd(2018, 12, 24)), Some("振替休日"));
        assert_eq!(holiday_name(ymd(2019, 12, 23)), None);
        assert_eq!(holiday_name(ymd(2019, 2, 23)), None);
        assert_eq!(holiday_name(ymd(2020, 2, 23)), Some("天皇誕生日"));
    }

    #[test]
    fn april_29_and_may_4_changed_names_with_the_law() {
        assert_eq!(holiday_name(ymd(1989, 4, 29)), Some("みどりの日"));
        assert_eq!(holiday_name(ymd(2006, 4, 29)), Some("みどりの日"));
        assert_eq!(holiday_name(ymd(2007, 4, 29)), Some("昭和の日"));
        assert_eq!(holiday_name(ymd(1988, 5, 4)), Some("国民の休日"));
        assert_eq!(holiday_name(ymd(2006, 5, 4)), Some("国民の休日"));
        assert_eq!(holiday_name(ymd(2007, 5, 4)), Some("みどりの日"));
    }

    #[test]
    fn happy_monday_rules_start_in_2000_and_2003() {
        assert_eq!(holiday_name(ymd(1999, 1, 15)), Some("成人の日"));
        assert_eq!(holiday_name(ymd(2000, 1, 15)), None);
        assert_eq!(holiday_name(ymd(2000, 1, 10)), Some("成人の日"));
        assert_eq!(holiday_name(ymd(1999, 10, 10)), Some("体育の日"));
        assert_eq!(holiday_name(ymd(2000, 10, 9)), Some("体育の日"));
        assert_eq!(holiday_name(ymd(2002, 7, 20)), Some("海の日"));
        assert_eq!(holiday_name(ymd(2003, 7, 21)), Some("海の日"));
        assert_eq!(holiday_name(ymd(2002, 9, 15)), Some("敬老の日"));
        assert_eq!(holiday_name(ymd(2004, 9, 20)), Some("敬老の日"));
        assert_eq!(holiday_name(ymd(2004, 9, 15)), None);
    }

    #[test]
    fn marine_and_mountain_days_begin_in_1996_and_2016() {
        assert_eq!(holiday_name(ymd(1995, 7, 20)), None);
        assert_eq!(holiday_name(ymd(1996, 7, 20)), Some("海の日"));
        assert_eq!(holiday_name(ymd(2015, 8, 11)), None);
        assert_eq!(holiday_name(ymd(2016, 8, 11)), Some("山の日"));
    }

    #[test]
    fn sports_day_replaces_health_and_sports_day_in_2020() {
        assert_eq!(holiday_name(ymd(2019, 10, 14)), Some("体育の日"));
        assert_eq!(holiday_name(ymd(2022, 10, 10)), Some("スポーツの日"));
        assert_eq!(holiday_name(ymd(2020, 10, 12)), None);
        assert_eq!(holiday_name(ymd(2021, 10, 11)), None);
    }

    #[test]
    fn sunday_holiday_before_2007_moves_to_the_monday_only() {
        assert_eq!(holiday_name(ymd(1998, 5, 4)), Some("振替休日"));
        assert_eq!(holiday_name(ymd(1998, 5, 6)), None);
        assert_eq!(holiday_name(ymd(1999, 10, 11)), Some("振替休日"));
        assert_eq!(holiday_name(ymd(1987, 5, 4)), Some("振替休日"));
    }

    #[test]
    fn sunday_holiday_since_2007_moves_past_following_holidays() {
        assert_eq!(holiday_name(ymd(2008, 5, 6)), Some("振替休日"));
        assert_eq!(holiday_name(ymd(2009, 5, 6)), Some("振替休日"));
        assert_eq!(holiday_name(ymd(2025, 5, 6)), Some("振替休日"));
    }

    #[test]
    fn a_day_between_two_holidays_is_a_citizens_holiday() {
        assert_eq!(holiday_name(ymd(2009, 9, 22)), Some("国民の休日"));
        assert_eq!(holiday_name(ymd(2015, 9, 22)), Some("国民の休日"));
        assert_eq!(holiday_name(ymd(2026, 9, 22)), Some("国民の休日"));
        assert_eq!(holiday_name(ymd(2032, 9, 21)), Some("国民の休日"));
    }

    #[test]
    fn a_sunday_between_two_holidays_before_2007_is_just_a_sunday() {
        assert_eq!(holiday_name(ymd(1986, 5, 4)), None);
    }

    #[test]
    fn one_off_imperial_days_are_holidays() {
        assert_eq!(holiday_name(ymd(1989, 2, 24)), Some("昭和天皇の大喪の礼"));
        assert_eq!(holiday_name(ymd(1990, 11, 12)), Some("即位礼正殿の儀"));
        assert_eq!(
            holiday_name(ymd(1993, 6, 9)),
            Some("皇太子徳仁親王の結婚の儀")
        );
        assert_eq!(holiday_name(ymd(2019, 10, 22)), Some("即位礼正殿の儀"));
    }

    #[test]
    fn equinoxes_follow_the_standard_formula() {
        assert_eq!(holiday_name(ymd(2030, 3, 20)), Some("春分の日"));
        assert_eq!(holiday_name(ymd(2030, 9, 23)), Some("秋分の日"));
        assert_eq!(holiday_name(ymd(1980, 3, 20)), Some("春分の日"));
        assert_eq!(holiday_name(ymd(1980, 9, 23)), Some("秋分の日"));
        assert_eq!(holiday_name(ymd(2099, 3, 20)), Some("春分の日"));
        assert_eq!(holiday_name(ymd(2099, 9, 23)), Some("秋分の日"));
    }

    #[test]
    fn every_year_in_range_has_between_twelve_and_twenty_four_holidays() {
        for year in HOLIDAY_YEARS {
            let count = holidays_in_year(year).len();
            assert!((12..=24).contains(&count), "{year}: {count}");
        }
    }

    #[test]
    fn no_day_outside_the_supported_years_is_a_holiday() {
        assert!(!is_public_holiday(ymd(1979, 1, 1)));
        assert!(!is_public_holiday(ymd(2100, 1, 1)));
        assert!(is_public_holiday(ymd(1980, 1, 1)));
        assert!(is_public_holiday(ymd(2099, 1, 1)));
    }
}
