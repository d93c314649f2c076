//! The center's open days and hours: a follow-up due on a closed day moves to the next open day,
//! and the counts of open days behind monthly figures come from here.
//! Open Monday to Friday and on the 2nd and 4th Saturday; closed on public holidays and 12/29–1/3.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

use super::holidays::is_public_holiday;

/// Whether the center is open on `date`.
pub fn is_open_day(date: NaiveDate) -> bool {
    opens_on_weekday(date) && !is_year_end_break(date) && !is_public_holiday(date)
}

/// `date` itself if the center is open then, otherwise the next open day: where a follow-up due
/// on a closed day moves to. The longest closure is a few days, so this looks only briefly ahead.
pub fn next_open_day_on_or_after(date: NaiveDate) -> NaiveDate {
    date.iter_days()
        .find(|day| is_open_day(*day))
        .unwrap_or(date)
}

/// The opening hours on `date` as (opens, closes): 10:00–19:00 on weekdays, 12:00–17:00 on open
/// Saturdays, `None` when closed.
pub fn opening_hours(date: NaiveDate) -> Option<(NaiveTime, NaiveTime)> {
    if !is_open_day(date) {
        return None;
    }
    let (opens, closes) = match date.weekday() {
        Weekday::Sat => (12, 17),
        _ => (10, 19),
    };
    Some((at_hour(opens)?, at_hour(closes)?))
}

/// The number of open days from `from` to `to`, both included; 0 when `to` is before `from`.
pub fn open_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let count = from
        .iter_days()
        .take_while(|day| *day <= to)
        .filter(|day| is_open_day(*day))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

fn opens_on_weekday(date: NaiveDate) -> bool {
    match date.weekday() {
        Weekday::Sun => false,
        Weekday::Sat => matches!(nth_weekday_of_month(date), 2 | 4),
        _ => true,
    }
}

/// 1 for the first such weekday of the month, 2 for the second, and so on.
fn nth_weekday_of_month(date: NaiveDate) -> u32 {
    (date.day() - 1) / 7 + 1
}

/// The year-end and new-year break, December 29 to January 3.
fn is_year_end_break(date: NaiveDate) -> bool {
    match date.month() {
        12 => date.day() >= 29,
        1 => date.day() <= 3,
        _ => false,
    }
}

fn at_hour(hour: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(hour, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn hm(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
    }

    #[test]
    fn an_ordinary_weekday_is_open() {
        assert!(is_open_day(ymd(2025, 4, 1)));
        assert!(is_open_day(ymd(2025, 4, 4)));
    }

    #[test]
    fn sundays_are_closed() {
        assert!(!is_open_day(ymd(2025, 6, 8)));
    }

    #[test]
    fn second_and_fourth_saturdays_are_open_and_the_others_closed() {
        assert!(!is_open_day(ymd(2025, 6, 7)));
        assert!(is_open_day(ymd(2025, 6, 14)));
        assert!(!is_open_day(ymd(2025, 6, 21)));
        assert!(is_open_day(ymd(2025, 6, 28)));
        assert!(!is_open_day(ymd(2025, 5, 31)));
    }

    #[test]
    fn an_open_saturday_that_is_a_public_holiday_is_closed() {
        assert!(!is_open_day(ymd(2023, 2, 11)));
        assert!(!is_open_day(ymd(2024, 11, 23)));
    }

    #[test]
    fn public_holidays_on_weekdays_are_closed() {
        assert!(!is_open_day(ymd(2025, 4, 29)));
        assert!(!is_open_day(ymd(2025, 5, 6)));
        assert!(!is_open_day(ymd(2026, 9, 22)));
    }

    #[test]
    fn the_year_end_break_runs_from_december_29_to_january_3() {
        assert!(is_open_day(ymd(2025, 12, 26)));
        assert!(!is_open_day(ymd(2025, 12, 29)));
        assert!(!is_open_day(ymd(2025, 12, 31)));
        assert!(!is_open_day(ymd(2027, 1, 2)));
        assert!(is_open_day(ymd(2027, 1, 4)));
    }

    #[test]
    fn a_follow_up_due_in_the_year_end_break_moves_to_january_5() {
        assert_eq!(
            next_open_day_on_or_after(ymd(2025, 12, 29)),
            ymd(2026, 1, 5)
        );
    }

    #[test]
    fn a_follow_up_due_on_an_open_day_stays() {
        assert_eq!(next_open_day_on_or_after(ymd(2025, 4, 1)), ymd(2025, 4, 1));
        assert_eq!(
            next_open_day_on_or_after(ymd(2025, 6, 14)),
            ymd(2025, 6, 14)
        );
    }

    #[test]
    fn a_follow_up_due_in_golden_week_moves_past_it() {
        assert_eq!(next_open_day_on_or_after(ymd(2025, 5, 3)), ymd(2025, 5, 7));
        assert_eq!(next_open_day_on_or_after(ymd(2025, 6, 7)), ymd(2025, 6, 9));
    }

    #[test]
    fn weekdays_open_from_ten_to_seven() {
        assert_eq!(opening_hours(ymd(2025, 4, 1)), Some((hm(10, 0), hm(19, 0))));
    }

    #[test]
    fn open_saturdays_open_from_noon_to_five() {
        assert_eq!(
            opening_hours(ymd(2025, 6, 14)),
            Some((hm(12, 0), hm(17, 0)))
        );
    }

    #[test]
    fn closed_days_have_no_opening_hours() {
        assert_eq!(opening_hours(ymd(2025, 6, 7)), None);
        assert_eq!(opening_hours(ymd(2025, 1, 1)), None);
    }

    #[test]
    fn april_2025_has_twenty_three_open_days() {
        // 22 weekdays, less 4/29 (昭和の日), plus the Saturdays 4/12 and 4/26.
        assert_eq!(open_days_between(ymd(2025, 4, 1), ymd(2025, 4, 30)), 23);
    }

    #[test]
    fn open_days_between_counts_both_ends_and_nothing_backwards() {
        assert_eq!(open_days_between(ymd(2025, 4, 1), ymd(2025, 4, 1)), 1);
        assert_eq!(open_days_between(ymd(2025, 4, 6), ymd(2025, 4, 6)), 0);
        assert_eq!(open_days_between(ymd(2025, 4, 2), ymd(2025, 4, 1)), 0);
    }

    #[test]
    fn every_day_moves_to_an_open_day_within_two_weeks() {
        let last = ymd(2099, 12, 31);
        for date in ymd(1980, 1, 1).iter_days().take_while(|d| *d <= last) {
            let moved = next_open_day_on_or_after(date);
            assert!(is_open_day(moved));
            assert!((moved - date).num_days() < 14, "{date}");
        }
    }
}
