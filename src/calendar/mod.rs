//! Dates as the center speaks of them: 和暦, fiscal years (年度), public holidays and open days.
//! Pure logic with no database, so that every screen, schedule and report writes, reads and counts
//! dates the same way. No other module formats or parses 和暦.

mod fiscal;
mod holidays;
mod open_days;
mod wareki;

use chrono::NaiveDate;

pub use fiscal::{add_months, add_years_months, FiscalYear, FiscalYearParseError};
pub use holidays::{holiday_name, holidays_in_year, is_public_holiday, HOLIDAY_YEARS};
pub use open_days::{is_open_day, next_open_day_on_or_after, open_days_between, opening_hours};
pub use wareki::{
    format_wareki, format_wareki_month, format_wareki_short, parse_date, DateParseError, Era,
    WrittenDate,
};

/// The earliest date the calendar accepts: Japan adopted the Gregorian calendar on 明治6年1月1日.
pub const EARLIEST_DATE: NaiveDate = NaiveDate::from_ymd_opt(1873, 1, 1).expect("valid date");

/// The latest date the calendar accepts; later input is far more likely a typing slip than a plan.
pub const LATEST_DATE: NaiveDate = NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid date");
