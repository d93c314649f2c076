//! The report font: IPAexGothic (IPAexゴシック), compiled into the program and parsed once per
//! process. It measures text for line breaking (glyph advances from the font's `hmtx` table)
//! and is embedded into every PDF as a subset holding only the glyphs used.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::reports::ReportError;

/// IPAexGothic 004.01 from Debian's `fonts-ipaexfont-gothic` (IPA Font License v1.0; the license
/// travels with it in `assets/fonts/`).
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");

/// Parsed once; `None` if the embedded bytes do not parse (a broken build, reported as an error).
static REPORT_FONT: OnceLock<Option<ReportFont>> = OnceLock::new();

/// The parsed report font with the metrics the layout needs.
#[derive(Debug)]
pub struct ReportFont {
    parsed: ParsedFont,
    units_per_em: f32,
    ascent_em: f32,
    descent_em: f32,
    /// Advances of the Basic Latin and Latin-1 characters, looked up often.
    latin_advances_em: Vec<f32>,
}

impl ReportFont {
    /// The process-wide report font, parsed on first use (about 30 ms in a release build).
    pub fn get() -> Result<&'static ReportFont, ReportError> {
        REPORT_FONT
            .get_or_init(Self::parse)
            .as_ref()
            .ok_or(ReportError::FontUnreadable)
    }

    fn parse() -> Option<ReportFont> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(FONT_BYTES, 0, &mut warnings)?;
        let metrics = parsed.pdf_font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut font = ReportFont {
            ascent_em: f32::from(metrics.ascender) / units_per_em,
            descent_em: -f32::from(metrics.descender) / units_per_em,
            units_per_em,
            parsed,
            latin_advances_em: Vec::new(),
        };
        font.latin_advances_em = (0u32..256)
            .map(|cp| char::from_u32(cp).map_or(0.0, |ch| font.lookup_advance_em(ch)))
            .collect();
        Some(font)
    }

    /// The font as printpdf needs it to embed it into a document.
    pub(crate) fn parsed(&self) -> &ParsedFont {
        &self.parsed
    }

    /// Height above the baseline, as a fraction of the font size.
    pub fn ascent_em(&self) -> f32 {
        self.ascent_em
    }

    /// Depth below the baseline (a positive number), as a fraction of the font size.
    pub fn descent_em(&self) -> f32 {
        self.descent_em
    }

    /// The horizontal advance of one character, as a fraction of the font size. A character
    /// the font does not have measures as the font's "missing glyph" box, which is also what
    /// prints.
    pub fn advance_em(&self, ch: char) -> f32 {
        match self.latin_advances_em.get(ch as usize) {
            Some(&advance) => advance,
            None => self.lookup_advance_em(ch),
        }
    }

    fn lookup_advance_em(&self, ch: char) -> f32 {
        let glyph = self.parsed.lookup_glyph_index(u32::from(ch)).unwrap_or(0);
        f32::from(self.parsed.get_horizontal_advance(glyph)) / self.units_per_em
    }

    /// The width of `text` in points at `size_pt`.
    pub fn text_width(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|ch| self.advance_em(ch)).sum::<f32>() * size_pt
    }

    /// The width in points of each character, for the line breaker.
    pub fn char_widths(&self, chars: &[char], size_pt: f32) -> Vec<f32> {
        chars
            .iter()
            .map(|&ch| self.advance_em(ch) * size_pt)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_parses_and_measures_japanese_as_full_width() {
        let font = ReportFont::get().expect("font parses");
        assert!((font.advance_em('あ') - 1.0).abs() < 0.01);
        assert!((font.advance_em('漢') - 1.0).abs() < 0.01);
        assert!(font.advance_em('i') < font.advance_em('W'));
        assert!((font.text_width("復旧", 10.0) - 20.0).abs() < 0.1);
    }

    #[test]
    fn ascent_and_descent_span_about_one_em() {
        let font = ReportFont::get().expect("font parses");
        let span = font.ascent_em() + font.descent_em();
        assert!((0.9..1.3).contains(&span), "span {span}");
    }
}
