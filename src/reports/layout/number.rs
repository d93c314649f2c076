//! Numbers as a Japanese office prints them: thousands separated by commas (`1,234,567`),
//! a minus sign in front, and a fixed number of decimals where the figure is a fraction
//! (常勤換算 `8.4`, rates `85.3%`).

/// An integer with thousands separators: `1234567` → `"1,234,567"`, `-1234` → `"-1,234"`.
pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(&digits))
}

/// A number rounded to `places` decimals, with thousands separators in the integer part:
/// `decimal(8.4, 1)` → `"8.4"`, `decimal(1234.5, 2)` → `"1,234.50"`.
///
/// Halves round away from zero (四捨五入): `decimal(2.5, 0)` → `"3"`.
/// A value that rounds to zero prints without a sign (`-0.04` at one place is `"0.0"`).
/// Values that are not finite print as `"—"`, so a broken figure shows up on paper
/// instead of being mistaken for a number.
pub fn decimal(value: f64, places: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    // Half away from zero (四捨五入), as on paper; `format!` alone rounds half to even.
    let scale = 10f64.powi(places.min(15) as i32);
    let rounded = format!("{:.*}", places, (value.abs() * scale).round() / scale);
    let (whole, fraction) = match rounded.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (rounded.as_str(), None),
    };
    let is_zero = rounded.bytes().all(|b| b == b'0' || b == b'.');
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    match fraction {
        Some(fraction) => format!("{sign}{}.{fraction}", group_thousands(whole)),
        None => format!("{sign}{}", group_thousands(whole)),
    }
}

/// A ratio shown as a percentage: `percent(0.853, 1)` → `"85.3%"`.
pub fn percent(ratio: f64, places: usize) -> String {
    if !ratio.is_finite() {
        return "—".to_string();
    }
    format!("{}%", decimal(ratio * 100.0, places))
}

/// Inserts a comma every three digits from the right of a string of ASCII digits.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_get_a_comma_every_three_digits() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(7), "7");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1_000), "1,000");
        assert_eq!(integer(66_600), "66,600");
        assert_eq!(integer(1_234_567), "1,234,567");
    }

    #[test]
    fn negative_integers_keep_the_sign_in_front_of_the_digits() {
        assert_eq!(integer(-5), "-5");
        assert_eq!(integer(-1_234), "-1,234");
        assert_eq!(integer(-123_456), "-123,456");
        assert_eq!(integer(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn decimals_round_to_the_requested_places() {
        assert_eq!(decimal(8.4, 1), "8.4");
        assert_eq!(decimal(8.44, 1), "8.4");
        assert_eq!(decimal(0.8, 1), "0.8");
        assert_eq!(decimal(3.0, 1), "3.0");
        assert_eq!(decimal(2.5, 0), "3");
        assert_eq!(decimal(0.125, 2), "0.13");
        assert_eq!(decimal(1_234.5, 2), "1,234.50");
        assert_eq!(decimal(1_234_567.891, 1), "1,234,567.9");
    }

    #[test]
    fn negative_decimals_and_negative_zero() {
        assert_eq!(decimal(-1_234.56, 1), "-1,234.6");
        assert_eq!(decimal(-0.2, 1), "-0.2");
        assert_eq!(decimal(-0.04, 1), "0.0");
        assert_eq!(decimal(-0.0, 0), "0");
    }

    #[test]
    fn broken_figures_print_as_a_dash() {
        assert_eq!(decimal(f64::NAN, 1), "—");
        assert_eq!(decimal(f64::INFINITY, 1), "—");
        assert_eq!(percent(f64::NAN, 1), "—");
    }

    #[test]
    fn ratios_print_as_percentages() {
        assert_eq!(percent(0.853, 1), "85.3%");
        assert_eq!(percent(1.0, 0), "100%");
        assert_eq!(percent(12.5, 0), "1,250%");
    }
}
