//! Checks for free text typed by staff: trimmed, no control characters, a length
//! limit counted in characters (not bytes), so that bad input is refused with a
//! message naming the field before anything is written.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Field, Problem};
use crate::{CoreError, Result};

/// A required one-line text: trimmed; empty, control characters and more than `max` characters refused.
pub fn single_line(field: Field, input: &str, max: usize) -> Result<String> {
    let value = input.trim();
    if value.is_empty() {
        return Err(CoreError::invalid(field, Problem::Empty));
    }
    if value.chars().any(char::is_control) {
        return Err(CoreError::invalid(field, Problem::ControlCharacters));
    }
    check_length(field, value, max)?;
    Ok(value.to_string())
}

/// An optional multi-line text: newlines and tabs allowed, other control characters refused.
pub fn multi_line(field: Field, input: &str, max: usize) -> Result<String> {
    let value = input.trim().replace("\r\n", "\n");
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(CoreError::invalid(field, Problem::ControlCharacters));
    }
    check_length(field, &value, max)?;
    Ok(value)
}

fn check_length(field: Field, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(CoreError::invalid(field, Problem::TooLong { max }));
    }
    Ok(())
}

/// NFKC, trimmed: full-width ASCII becomes half-width, half-width kana full-width.
pub fn nfkc(input: &str) -> String {
    input.nfkc().collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::fields::DISPLAY_NAME;

    #[test]
    fn blank_text_is_refused_as_empty() {
        let e = single_line(DISPLAY_NAME, " \u{3000} ", 10).unwrap_err();
        assert_eq!(e.message_ja(), "表示名を入力してください。");
    }

    #[test]
    fn control_characters_are_refused_in_one_line_text() {
        assert!(single_line(DISPLAY_NAME, "a\u{7}b", 10).is_err());
        assert!(single_line(DISPLAY_NAME, "a\nb", 10).is_err());
        assert_eq!(multi_line(DISPLAY_NAME, "a\r\nb", 10).unwrap(), "a\nb");
    }

    #[test]
    fn length_is_counted_in_characters() {
        assert!(single_line(DISPLAY_NAME, "山田太郎", 4).is_ok());
        assert!(single_line(DISPLAY_NAME, "山田太郎様", 4).is_err());
        assert_eq!(single_line(DISPLAY_NAME, "😀😀", 2).unwrap(), "😀😀");
    }

    #[test]
    fn nfkc_folds_widths() {
        assert_eq!(nfkc("ＡＢｃ１"), "ABc1");
        assert_eq!(nfkc("ﾔﾏﾀﾞ"), "ヤマダ");
    }
}
