//! The report document: A4 portrait pages with binding margins, the facility and report title
//! at the top of every page, the date of issue and "n / N" at the bottom, and content that
//! flows down the page and onto a new page when it does not fit.

use printpdf::{FontId, Mm, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use super::canvas::{baseline_in, mm, Align, Canvas, Ink, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use super::chart::{self, BarChart};
use super::font::ReportFont;
use super::table::{self, Table};
use super::text::wrap;
use crate::reports::ReportError;

/// Binding margins: the wider left margin leaves room for a punch or a binder.
const MARGIN_LEFT_MM: f32 = 25.0;
const MARGIN_RIGHT_MM: f32 = 20.0;
const MARGIN_TOP_MM: f32 = 20.0;
const MARGIN_BOTTOM_MM: f32 = 20.0;

/// Header and footer, inside the margins.
const HEADER_SIZE: f32 = 8.5;
const HEADER_RULE_MM: f32 = 5.5;
const BODY_GAP_BELOW_HEADER_MM: f32 = 10.0;
const BODY_GAP_ABOVE_FOOTER_MM: f32 = 9.0;

/// Body text.
pub(super) const BODY_SIZE: f32 = 10.5;
pub(super) const BODY_LEADING: f32 = 1.6;
const PARAGRAPH_GAP: f32 = 0.5;
const NOTE_SIZE: f32 = 8.5;

const KEY_WIDTH_MM: f32 = 38.0;

/// The facts printed on every page of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMeta {
    /// The facility's name, top left of every page.
    pub facility: String,
    /// The report's title, top right of every page and in the PDF's properties.
    pub title: String,
    /// The date of issue as it should print, in 和暦 (e.g. `令和7年4月1日発行`), bottom right.
    pub issued: String,
}

/// A report being laid out: add content from top to bottom, then [`Report::finish`].
///
/// ```ignore
/// let mut doc = Report::new(ReportMeta { facility, title, issued })?;
/// doc.heading(1, "令和7年度 実績報告");
/// doc.paragraph("…");
/// doc.table(&table);
/// let pdf: Vec<u8> = doc.finish()?;
/// ```
///
/// Content methods do not fail: a problem with their input (a table row with too few cells,
/// a negative bar) is kept and returned by [`Report::finish`], and the content is left out.
pub struct Report {
    meta: ReportMeta,
    font: &'static ReportFont,
    pdf: PdfDocument,
    font_id: FontId,
    pages: Vec<Canvas>,
    /// Top of the free space on the current page.
    cursor: f32,
    /// Whether anything has been placed on the current page below the header.
    page_has_content: bool,
    error: Option<ReportError>,
}

impl Report {
    /// Starts a report with its first page.
    pub fn new(meta: ReportMeta) -> Result<Report, ReportError> {
        let font = ReportFont::get()?;
        let mut pdf = PdfDocument::new(&meta.title);
        pdf.metadata.info.creator = "ほっと".to_string();
        pdf.metadata.info.author = meta.facility.clone();
        let now = chrono::Utc::now().timestamp();
        if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(now) {
            pdf.metadata.info.creation_date = date;
            pdf.metadata.info.modification_date = date;
            pdf.metadata.info.metadata_date = date;
        }
        let font_id = pdf.add_font(font.parsed());
        let mut report = Report {
            meta,
            font,
            pdf,
            font_id,
            pages: Vec::new(),
            cursor: 0.0,
            page_has_content: false,
            error: None,
        };
        report.start_page();
        Ok(report)
    }

    // ---- geometry shared with tables and charts ----

    pub(super) fn font(&self) -> &'static ReportFont {
        self.font
    }

    pub(super) fn body_left() -> f32 {
        mm(MARGIN_LEFT_MM)
    }

    pub(super) fn body_right() -> f32 {
        mm(PAGE_WIDTH_MM - MARGIN_RIGHT_MM)
    }

    pub(super) fn body_width() -> f32 {
        Self::body_right() - Self::body_left()
    }

    fn body_top() -> f32 {
        mm(MARGIN_TOP_MM + BODY_GAP_BELOW_HEADER_MM)
    }

    fn body_bottom() -> f32 {
        mm(PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM - BODY_GAP_ABOVE_FOOTER_MM)
    }

    /// Height of the body of a page, between header and footer.
    pub(super) fn body_height() -> f32 {
        Self::body_bottom() - Self::body_top()
    }

    /// Top of the free space on the current page.
    pub(super) fn cursor(&self) -> f32 {
        self.cursor
    }

    /// Free height left on the current page.
    pub(super) fn room(&self) -> f32 {
        Self::body_bottom() - self.cursor
    }

    /// Moves the cursor down after placing `height` points of content.
    pub(super) fn advance(&mut self, height: f32) {
        self.cursor += height;
        self.page_has_content = true;
    }

    /// Starts a new page unless `height` points still fit on this one (or this page is empty,
    /// where nothing would be gained).
    pub(super) fn ensure_room(&mut self, height: f32) {
        if height > self.room() && self.page_has_content {
            self.start_page();
        }
    }

    /// The drawing surface of the current page.
    pub(super) fn canvas(&mut self) -> &mut Canvas {
        if self.pages.is_empty() {
            self.start_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Keeps the first problem found in the content, for [`Report::finish`] to return.
    pub(super) fn record_error(&mut self, error: ReportError) {
        self.error.get_or_insert(error);
    }

    /// Opens a new page with the header drawn and the cursor at the top of the body.
    pub(super) fn start_page(&mut self) {
        let font = self.font;
        let mut canvas = Canvas::new(font, self.font_id.clone());
        let (left, right) = (Self::body_left(), Self::body_right());
        let (facility, title) = (&self.meta.facility, &self.meta.title);
        // Both fit on one line with a gap between them, smaller if they must.
        let natural = font.text_width(facility, HEADER_SIZE) + font.text_width(title, HEADER_SIZE);
        let room = Self::body_width() - mm(8.0);
        let size = HEADER_SIZE * (room / natural.max(1.0)).min(1.0);
        let top = mm(MARGIN_TOP_MM);
        let baseline = top + HEADER_SIZE * font.ascent_em();
        let ink = Ink::Grey(0.25);
        canvas.text(left, baseline, size, ink, facility);
        canvas.aligned_text((left, right), Align::Right, baseline, size, ink, title);
        let rule = top + mm(HEADER_RULE_MM);
        canvas.line((left, rule), (right, rule), 0.5, Ink::Grey(0.45));
        self.pages.push(canvas);
        self.cursor = Self::body_top();
        self.page_has_content = false;
    }

    /// Number of pages so far (the page being filled included).
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    // ---- content ----

    /// Size, gap above, gap below and indent of a heading of `level`.
    fn heading_style(level: u8) -> (f32, f32, f32, f32) {
        match level {
            1 => (15.0, mm(5.0), mm(3.0), 0.0),
            _ => (12.0, mm(3.5), mm(1.5), mm(2.8)),
        }
    }

    /// The height a heading takes, with its gap above when it follows other content.
    fn heading_height(&self, level: u8, text: &str, after_content: bool) -> f32 {
        let (size, gap_before, gap_after, indent) = Self::heading_style(level);
        let lines = wrap(self.font, text, size, Self::body_width() - indent).len();
        let gap_before = if after_content { gap_before } else { 0.0 };
        gap_before + size * 1.45 * lines as f32 + gap_after
    }

    /// A heading: level 1 for the report's main sections (large, ruled beneath), level 2 (or
    /// any other number) for subsections. A heading never sits alone at the foot of a page.
    pub fn heading(&mut self, level: u8, text: &str) {
        let font = self.font;
        let (size, gap_before, gap_after, indent) = Self::heading_style(level);
        let line_height = size * 1.45;
        let lines = wrap(font, text, size, Self::body_width() - indent);
        let height = line_height * lines.len() as f32;
        let gap_before = if self.page_has_content {
            gap_before
        } else {
            0.0
        };
        let next_lines = 2.0 * BODY_SIZE * BODY_LEADING;
        self.ensure_room(gap_before + height + gap_after + next_lines);
        if self.page_has_content {
            self.cursor += gap_before;
        }
        let top = self.cursor;
        let left = Self::body_left();
        let canvas = self.canvas();
        for (i, line) in lines.iter().enumerate() {
            let line_top = top + line_height * i as f32;
            let baseline = baseline_in(font, line_top, line_height, size);
            canvas.text(left + indent, baseline, size, Ink::Black, line);
        }
        if level == 1 {
            let rule = top + height + mm(0.8);
            canvas.line((left, rule), (Self::body_right(), rule), 0.9, Ink::Black);
        } else {
            let bar_top = top + (line_height - size) / 2.0;
            let bar_height = height - (line_height - size);
            canvas.fill_rect(left, bar_top, mm(1.2), bar_height, Ink::Grey(0.3));
        }
        self.advance(height + gap_after);
    }

    /// A heading and the table under it, kept on one page with the table's start (with the
    /// whole table when it is short enough to be kept together), so that no heading is left
    /// alone at the foot of a page above a table that moved on.
    pub fn heading_with_table(&mut self, level: u8, text: &str, table: &Table) {
        self.headings_with_table(&[(level, text)], table);
    }

    /// Headings in a row (a section and its first subsection) kept with the table under them,
    /// as [`Report::heading_with_table`].
    pub fn headings_with_table(&mut self, headings: &[(u8, &str)], table: &Table) {
        let mut needed = table::opening_height(self, table);
        for (i, &(level, text)) in headings.iter().enumerate() {
            // Headings after the first follow content: their gap above counts.
            needed += self.heading_height(level, text, i > 0 || self.page_has_content);
        }
        self.ensure_room(needed);
        for &(level, text) in headings {
            self.heading(level, text);
        }
        self.table(table);
    }

    /// A paragraph of body text, wrapped to the width of the page. `'\n'` starts a new line.
    pub fn paragraph(&mut self, text: &str) {
        self.text_block(text, BODY_SIZE, Ink::Black);
        self.advance(BODY_SIZE * PARAGRAPH_GAP);
    }

    /// A smaller, grey paragraph for notes under tables and charts (sources, definitions).
    pub fn note(&mut self, text: &str) {
        self.text_block(text, NOTE_SIZE, Ink::Grey(0.3));
        self.advance(NOTE_SIZE * PARAGRAPH_GAP);
    }

    /// An item of a list: `marker` (e.g. `"1."` or `"・"`) and then `text`, whose wrapped lines
    /// start under the text rather than under the marker.
    pub fn list_item(&mut self, marker: &str, text: &str) {
        let font = self.font;
        let marker_width = font.text_width(marker, BODY_SIZE).max(BODY_SIZE) + BODY_SIZE * 0.4;
        let indent = mm(2.0);
        let lines = wrap(
            font,
            text,
            BODY_SIZE,
            Self::body_width() - indent - marker_width,
        );
        let line_height = BODY_SIZE * BODY_LEADING;
        for (i, line) in lines.iter().enumerate() {
            self.ensure_room(line_height);
            let baseline = baseline_in(font, self.cursor, line_height, BODY_SIZE);
            let left = Self::body_left() + indent;
            if i == 0 {
                self.canvas()
                    .text(left, baseline, BODY_SIZE, Ink::Black, marker);
            }
            let x = left + marker_width;
            self.canvas().text(x, baseline, BODY_SIZE, Ink::Black, line);
            self.advance(line_height);
        }
        self.advance(BODY_SIZE * 0.25);
    }

    /// A label and its value on one line (`施設名　小平市…`), the value wrapping in its own
    /// column.
    pub fn key_value(&mut self, key: &str, value: &str) {
        let font = self.font;
        let key_width = mm(KEY_WIDTH_MM);
        let gap = mm(2.0);
        let keys = wrap(font, key, BODY_SIZE, key_width - gap);
        let values = wrap(font, value, BODY_SIZE, Self::body_width() - key_width);
        let line_height = BODY_SIZE * BODY_LEADING;
        let rows = keys.len().max(values.len());
        self.ensure_room(line_height * rows.min(3) as f32);
        for i in 0..rows {
            self.ensure_room(line_height);
            let baseline = baseline_in(font, self.cursor, line_height, BODY_SIZE);
            let left = Self::body_left();
            if let Some(key) = keys.get(i) {
                self.canvas()
                    .text(left, baseline, BODY_SIZE, Ink::Grey(0.3), key);
            }
            if let Some(value) = values.get(i) {
                let x = left + key_width;
                self.canvas()
                    .text(x, baseline, BODY_SIZE, Ink::Black, value);
            }
            self.advance(line_height);
        }
    }

    /// A paragraph inside a ruled box, for what must not be missed (e.g. how to keep a sheet).
    pub fn notice(&mut self, text: &str) {
        let font = self.font;
        let pad = mm(3.0);
        let line_height = BODY_SIZE * BODY_LEADING;
        let lines = wrap(font, text, BODY_SIZE, Self::body_width() - 2.0 * pad);
        let height = line_height * lines.len() as f32 + 2.0 * pad;
        self.ensure_room(height + mm(2.0));
        let (top, left, width) = (self.cursor, Self::body_left(), Self::body_width());
        let canvas = self.canvas();
        canvas.fill_rect(left, top, width, height, Ink::Grey(0.95));
        canvas.stroke_rect(left, top, width, height, 1.2, Ink::Black);
        for (i, line) in lines.iter().enumerate() {
            let line_top = top + pad + line_height * i as f32;
            let baseline = baseline_in(font, line_top, line_height, BODY_SIZE);
            canvas.text(left + pad, baseline, BODY_SIZE, Ink::Black, line);
        }
        self.advance(height + mm(2.5));
    }

    /// Lines of code, a command or a key in a shaded box, with `letter_spacing_em` times the
    /// size of extra space between characters (0 for commands, about 0.1 for codes read aloud
    /// or typed from paper). The size shrinks from `size_pt` until the longest line fits.
    pub fn code_block(&mut self, lines: &[&str], size_pt: f32, letter_spacing_em: f32) {
        let font = self.font;
        let pad = mm(3.0);
        let available = Self::body_width() - 2.0 * pad;
        let longest_em = lines
            .iter()
            .map(|line| {
                let chars = line.chars().count() as f32;
                font.text_width(line, 1.0) + letter_spacing_em * chars
            })
            .fold(0.0, f32::max);
        let size = if longest_em > 0.0 {
            size_pt.min(available / longest_em)
        } else {
            size_pt
        };
        let line_height = size * 1.5;
        let height = line_height * lines.len() as f32 + 2.0 * pad;
        self.ensure_room(height + mm(2.0));
        let (top, left, width) = (self.cursor, Self::body_left(), Self::body_width());
        let canvas = self.canvas();
        canvas.fill_rect(left, top, width, height, Ink::Grey(0.93));
        canvas.stroke_rect(left, top, width, height, 0.5, Ink::Grey(0.5));
        for (i, line) in lines.iter().enumerate() {
            let line_top = top + pad + line_height * i as f32;
            let baseline = baseline_in(font, line_top, line_height, size);
            canvas.spaced_text(left + pad, baseline, size, letter_spacing_em, line);
        }
        self.advance(height + mm(2.5));
    }

    /// Empty space of `millimetres` (none at the top of a page).
    pub fn space(&mut self, millimetres: f32) {
        if self.page_has_content {
            self.cursor = (self.cursor + mm(millimetres)).min(Self::body_bottom());
        }
    }

    /// Ends the current page; the next content starts on a new one. On a page that is still
    /// empty this does nothing, so no blank page appears.
    pub fn page_break(&mut self) {
        if self.page_has_content {
            self.start_page();
        }
    }

    /// A ruled table; see [`Table`]. Long tables continue on the next page under a repeated
    /// header row.
    pub fn table(&mut self, table: &Table) {
        if let Err(error) = table::draw(self, table) {
            self.record_error(error);
        }
    }

    /// A vertical bar chart; see [`BarChart`].
    pub fn bar_chart(&mut self, chart: &BarChart) {
        if let Err(error) = chart::draw(self, chart) {
            self.record_error(error);
        }
    }

    /// Lines of wrapped text at `size`, moving to a new page between lines when needed.
    fn text_block(&mut self, text: &str, size: f32, ink: Ink) {
        let font = self.font;
        let line_height = size * BODY_LEADING;
        for line in wrap(font, text, size, Self::body_width()) {
            self.ensure_room(line_height);
            let baseline = baseline_in(font, self.cursor, line_height, size);
            let x = Self::body_left();
            self.canvas().text(x, baseline, size, ink, &line);
            self.advance(line_height);
        }
    }

    /// Numbers the pages, adds the footers and writes the PDF.
    pub fn finish(mut self) -> Result<Vec<u8>, ReportError> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let font = self.font;
        let total = self.pages.len();
        let baseline = mm(PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM) - HEADER_SIZE * font.descent_em();
        let (left, right) = (Self::body_left(), Self::body_right());
        let ink = Ink::Grey(0.25);
        let pages = self
            .pages
            .into_iter()
            .enumerate()
            .map(|(i, mut canvas)| {
                let number = format!("{} / {}", i + 1, total);
                canvas.aligned_text(
                    (left, right),
                    Align::Center,
                    baseline,
                    HEADER_SIZE,
                    ink,
                    &number,
                );
                canvas.aligned_text(
                    (left, right),
                    Align::Right,
                    baseline,
                    HEADER_SIZE,
                    ink,
                    &self.meta.issued,
                );
                PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), canvas.into_ops())
            })
            .collect();
        let mut warnings = Vec::new();
        let bytes = self
            .pdf
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings);
        if let Some(warning) = warnings
            .into_iter()
            .find(|w| w.severity == PdfParseErrorSeverity::Error)
        {
            return Err(ReportError::PdfWriter {
                message: warning.msg,
            });
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{Column, Table};

    fn report() -> Report {
        Report::new(ReportMeta {
            facility: "ほっと".into(),
            title: "試験".into(),
            issued: "令和7年4月1日発行".into(),
        })
        .expect("report")
    }

    #[test]
    fn an_empty_report_is_one_page() {
        let doc = report();
        assert_eq!(doc.page_count(), 1);
        let pdf = doc.finish().expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn content_that_does_not_fit_continues_on_a_new_page() {
        let mut doc = report();
        for _ in 0..60 {
            doc.paragraph("就労支援の記録です。");
        }
        assert!(doc.page_count() >= 2);
        assert!(doc.cursor() <= Report::body_bottom());
    }

    #[test]
    fn a_page_break_starts_a_new_page() {
        let mut doc = report();
        doc.paragraph("一枚目");
        doc.page_break();
        assert_eq!(doc.page_count(), 2);
        assert_eq!(doc.cursor(), Report::body_top());
    }

    #[test]
    fn a_heading_does_not_stay_alone_at_the_foot_of_a_page() {
        let mut doc = report();
        while doc.room() > BODY_SIZE * BODY_LEADING * 2.5 {
            doc.paragraph("行");
        }
        assert_eq!(doc.page_count(), 1);
        doc.heading(2, "見出し");
        assert_eq!(doc.page_count(), 2);
    }

    #[test]
    fn a_heading_moves_with_a_short_table_that_does_not_fit_below_it() {
        // Room for a heading and a few lines, not for the table.
        let fill = |doc: &mut Report| {
            while doc.room() > BODY_SIZE * BODY_LEADING * 6.0 {
                doc.paragraph("行");
            }
        };
        let mut doc = report();
        fill(&mut doc);
        let mut table = Table::new(vec![Column::text("月", 20.0), Column::number("件数", 20.0)]);
        // Short enough (under a quarter page) to be kept whole, too tall for the space left.
        for i in 0..6 {
            table.row([format!("{i}月"), i.to_string()]);
        }
        doc.heading_with_table(2, "見出し", &table);
        let mut alone = report();
        fill(&mut alone);
        alone.heading(2, "見出し");
        alone.table(&table);
        assert_eq!((doc.page_count(), alone.page_count()), (2, 2));
        // On the new page the table sits under its heading, not at the top alone.
        assert!(doc.cursor() > alone.cursor());
    }

    #[test]
    fn a_page_break_on_an_empty_page_adds_no_blank_page() {
        let mut doc = report();
        doc.page_break();
        assert_eq!(doc.page_count(), 1);
    }

    #[test]
    fn space_at_the_top_of_a_page_is_dropped() {
        let mut doc = report();
        doc.space(30.0);
        assert_eq!(doc.cursor(), Report::body_top());
    }

    #[test]
    fn a_long_table_fills_pages_and_stays_inside_the_body() {
        let mut doc = report();
        let mut table = Table::new(vec![
            Column::text("内容", 120.0),
            Column::number("件数", 30.0),
        ]);
        for i in 0..120 {
            table.row([format!("記録{i}"), i.to_string()]);
        }
        doc.table(&table);
        assert!(doc.page_count() >= 3);
        assert!(doc.cursor() <= Report::body_bottom());
        assert!(doc.finish().is_ok());
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_across_pages() {
        let mut doc = report();
        let mut table = Table::new(vec![Column::text("内容", 40.0)]);
        table.row(["長い記録です。".repeat(200)]);
        doc.table(&table);
        assert!(doc.page_count() >= 2);
        assert!(doc.finish().is_ok());
    }

    #[test]
    fn a_mistake_in_the_content_is_returned_by_finish() {
        let mut doc = report();
        let mut table = Table::new(vec![Column::text("月", 20.0), Column::number("件数", 20.0)]);
        table.row(["4月"]);
        doc.table(&table);
        doc.paragraph("続き");
        assert_eq!(
            doc.finish(),
            Err(ReportError::TableRowLength {
                row: 0,
                expected: 2,
                found: 1
            })
        );
    }
}
