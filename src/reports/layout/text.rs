//! Line breaking for Japanese text mixed with Latin words, by measured widths.
//!
//! [`break_lines`] is a pure function over character widths, so the rules can be tested
//! without a font. It follows the usual 禁則処理: closing brackets, 、。, small kana, ー and
//! similar never start a line (up to two of them hang past the right edge instead), opening
//! brackets never end one, and Latin words and numbers are not split unless a single word is
//! wider than the line.

use std::ops::Range;

use super::font::ReportFont;

/// Characters that must not start a line (行頭禁則).
const NO_LINE_START: &str = concat!(
    "、。，．,.）)］]｝}〕〉》」』】〙〗〟’”｠»",
    "ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻",
    "‐゠–〜～？?！!‼⁇⁈⁉・:;：；/／…‥",
    "%％℃°′″"
);

/// Characters that must not end a line (行末禁則).
const NO_LINE_END: &str = "（(［[｛{〔〈《「『【〘〖〝‘“｟«";

/// Punctuation whose ink sits in the left half of its box: one of these may hang past the
/// right edge (ぶら下げ) instead of starting the next line. Other characters that may not start
/// a line pull the character before them onto the next line instead (追い出し).
const HANGING: &str = "、。，．,.」』）)】〕〉》］]｝}’”";

/// Whether `ch` must not begin a line (closing brackets, 、。, small kana, ー, ？！ …).
pub fn is_no_line_start(ch: char) -> bool {
    NO_LINE_START.contains(ch)
}

/// Whether `ch` must not end a line (opening brackets and quotes).
pub fn is_no_line_end(ch: char) -> bool {
    NO_LINE_END.contains(ch)
}

/// Part of a Latin word or a number, which stays together on one line when it can.
fn is_word_char(ch: char) -> bool {
    if ch.is_whitespace() {
        return false;
    }
    // Letters of alphabetic scripts (Latin, Greek, Cyrillic) sit below the CJK blocks.
    ch.is_ascii_graphic() || (ch.is_alphanumeric() && (ch as u32) < 0x2E80)
}

/// Whether a line may break between `before` and `after`.
fn may_break_between(before: char, after: char) -> bool {
    if after.is_whitespace() {
        // Spaces stay at the end of the line they follow (and are trimmed there).
        return false;
    }
    if before.is_whitespace() {
        return true;
    }
    !(is_no_line_start(after)
        || is_no_line_end(before)
        || is_word_char(before) && is_word_char(after))
}

/// Breaks a text into lines no wider than `max_width`, returning each line as a range of
/// indexes into `chars`. `widths[i]` is the width of `chars[i]`, in any unit shared with
/// `max_width`.
///
/// `'\n'` forces a break. Spaces at the end of a line are left out of its range, and spaces at
/// the start of a line that follows an automatic break are skipped (an indent after `'\n'`
/// stays). A 、。 or closing bracket that would start a line hangs past the right edge of the
/// line before (by less than half its width in ink); any other character that may not start a
/// line takes the character before it along to the next line. A line that would end on an
/// opening bracket gives the bracket to the next line. Only a word wider than the whole line
/// is cut.
pub fn break_lines(chars: &[char], widths: &[f32], max_width: f32) -> Vec<Range<usize>> {
    debug_assert_eq!(chars.len(), widths.len());
    let n = chars.len().min(widths.len());
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut width = 0.0;
    while i < n {
        let ch = chars[i];
        if ch == '\n' {
            lines.push(trim_end(chars, start..i));
            i += 1;
            start = i;
            width = 0.0;
            continue;
        }
        if i == start || ch.is_whitespace() || width + widths[i] <= max_width {
            width += widths[i];
            i += 1;
            continue;
        }
        let end = hanging_end(chars, i, n)
            .or_else(|| last_break_before(chars, start, i))
            .unwrap_or(i);
        lines.push(trim_end(chars, start..end));
        start = skip_spaces(chars, end, n);
        i = start;
        width = 0.0;
    }
    if start < n || lines.is_empty() || chars.get(n.wrapping_sub(1)) == Some(&'\n') {
        lines.push(trim_end(chars, start..n));
    }
    lines
}

/// If the character at `i` may hang past the right edge and the line may break after it, the
/// index just after it (where the line then ends).
fn hanging_end(chars: &[char], i: usize, n: usize) -> Option<usize> {
    if !HANGING.contains(chars[i]) {
        return None;
    }
    let end = i + 1;
    let breakable_after =
        end == n || chars[end].is_whitespace() || may_break_between(chars[i], chars[end]);
    breakable_after.then_some(end)
}
/// The last index in `start+1..=i` before which the line may break.
fn last_break_before(chars: &[char], start: usize, i: usize) -> Option<usize> {
    (start + 1..=i)
        .rev()
        .find(|&b| may_break_between(chars[b - 1], chars[b]))
}

fn skip_spaces(chars: &[char], mut i: usize, n: usize) -> usize {
    while i < n && chars[i] != '\n' && chars[i].is_whitespace() {
        i += 1;
    }
    i
}

fn trim_end(chars: &[char], range: Range<usize>) -> Range<usize> {
    let mut end = range.end;
    while end > range.start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    range.start..end
}

/// Breaks `text` into lines that fit `max_width_pt` when set in the report font at `size_pt`.
/// Tabs count as spaces and `"\r\n"` as one break.
pub fn wrap(font: &ReportFont, text: &str, size_pt: f32, max_width_pt: f32) -> Vec<String> {
    let chars: Vec<char> = text
        .chars()
        .filter(|&ch| ch != '\r')
        .map(|ch| if ch == '\t' { ' ' } else { ch })
        .collect();
    let widths = font.char_widths(&chars, size_pt);
    break_lines(&chars, &widths, max_width_pt)
        .into_iter()
        .map(|range| chars[range].iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Breaks `text` with full-width characters 1 unit wide and everything else (Latin,
    /// spaces) half a unit, into lines of at most `max` units.
    fn lines(text: &str, max: f32) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let widths: Vec<f32> = chars
            .iter()
            .map(|&ch| if (ch as u32) < 0x2000 { 0.5 } else { 1.0 })
            .collect();
        break_lines(&chars, &widths, max)
            .into_iter()
            .map(|range| chars[range].iter().collect())
            .collect()
    }

    #[test]
    fn japanese_text_breaks_between_any_two_characters() {
        assert_eq!(
            lines("あいうえおかきくけこ", 4.0),
            ["あいうえ", "おかきく", "けこ"]
        );
    }

    #[test]
    fn text_that_fits_stays_on_one_line() {
        assert_eq!(lines("あいう", 3.0), ["あいう"]);
        assert_eq!(lines("", 3.0), [""]);
    }

    #[test]
    fn a_full_stop_at_the_start_of_a_line_hangs_on_the_line_before() {
        assert_eq!(lines("あいうえ。かき", 4.0), ["あいうえ。", "かき"]);
        assert_eq!(lines("あいうえ、かき", 4.0), ["あいうえ、", "かき"]);
    }

    #[test]
    fn closing_brackets_hang_on_the_line_before() {
        assert_eq!(lines("あいうえ）かき", 4.0), ["あいうえ）", "かき"]);
        assert_eq!(lines("あいうえ」かき", 4.0), ["あいうえ」", "かき"]);
        assert_eq!(lines("あいうえ』かき", 4.0), ["あいうえ』", "かき"]);
        assert_eq!(lines("あいうえ】かき", 4.0), ["あいうえ】", "かき"]);
        assert_eq!(lines("あいうえ”かき", 4.0), ["あいうえ”", "かき"]);
    }

    #[test]
    fn two_closing_marks_take_the_last_character_along_instead_of_hanging() {
        // 。」 cannot both hang: え moves down with them, so neither starts a line.
        assert_eq!(lines("あいうえ。」かき", 4.0), ["あいう", "え。」か", "き"]);
    }

    #[test]
    fn small_kana_and_the_long_vowel_mark_take_the_character_before_along() {
        assert_eq!(lines("あいうえっかき", 4.0), ["あいう", "えっかき"]);
        assert_eq!(lines("あいうえょかき", 4.0), ["あいう", "えょかき"]);
        assert_eq!(lines("あいうァか", 3.0), ["あい", "うァか"]);
        assert_eq!(lines("コンピュータ", 3.0), ["コン", "ピュー", "タ"]);
    }

    #[test]
    fn question_marks_middle_dots_colons_and_ellipses_never_start_a_line() {
        for mark in ["？", "！", "・", "…", "‥", "：", "；", "％", "ー"] {
            let text = format!("あいう{mark}か");
            assert_eq!(
                lines(&text, 3.0),
                ["あい".to_string(), format!("う{mark}か")],
                "{mark}"
            );
        }
    }

    #[test]
    fn a_half_width_percent_sign_stays_with_its_number() {
        assert_eq!(lines("達成率85.3%です", 5.0), ["達成率", "85.3%です"]);
    }

    #[test]
    fn opening_brackets_never_end_a_line() {
        assert_eq!(lines("あいう「かき」", 4.0), ["あいう", "「かき」"]);
        assert_eq!(lines("あいう『かき』", 4.0), ["あいう", "『かき』"]);
        assert_eq!(lines("あいう（かき）", 4.0), ["あいう", "（かき）"]);
        assert_eq!(lines("あいう【かき】", 4.0), ["あいう", "【かき】"]);
        assert_eq!(lines("あいう“かき”", 4.0), ["あいう", "“かき”"]);
    }

    #[test]
    fn latin_words_move_whole_to_the_next_line() {
        // Half-width letters are 0.5 wide: "SQLCipher" is 4.5 units.
        assert_eq!(lines("ああSQLCipher", 6.0), ["ああ", "SQLCipher"]);
        assert_eq!(lines("open the file", 4.0), ["open the", "file"]);
    }

    #[test]
    fn numbers_with_separators_stay_whole() {
        assert_eq!(lines("合計1,234,567件", 6.0), ["合計", "1,234,567件"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        assert_eq!(lines("abcdefghij", 2.0), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn spaces_at_a_break_are_dropped() {
        assert_eq!(lines("aaaa  bbbb", 2.0), ["aaaa", "bbbb"]);
        assert_eq!(lines("あいうえ　かき", 4.0), ["あいうえ", "かき"]);
    }

    #[test]
    fn newlines_force_breaks_and_keep_empty_lines_and_indents() {
        assert_eq!(lines("あい\nう", 4.0), ["あい", "う"]);
        assert_eq!(lines("あい\n\nう", 4.0), ["あい", "", "う"]);
        assert_eq!(lines("　あい\n　う", 4.0), ["　あい", "　う"]);
        assert_eq!(lines("あい\n", 4.0), ["あい", ""]);
    }

    #[test]
    fn a_line_narrower_than_one_character_still_makes_progress() {
        assert_eq!(lines("あいう", 0.5), ["あ", "い", "う"]);
    }

    #[test]
    fn kinsoku_tables_hold_the_required_characters() {
        for ch in
            "、。，．」』）】〕〉》’”！？ー…‥ゃゅょっぁぃぅぇぉャュョッァィゥェォ・：；%".chars()
        {
            assert!(is_no_line_start(ch), "{ch} may not start a line");
        }
        for ch in "「『（【〔〈《‘“".chars() {
            assert!(is_no_line_end(ch), "{ch} may not end a line");
        }
    }
}
