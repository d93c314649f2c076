//! Drawing on a page: text, lines and rectangles as printpdf operations. Positions in this
//! layer are in points measured from the top-left corner of the page, as a page is read;
//! [`Canvas`] turns them into PDF coordinates, whose origin is the bottom-left corner.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix,
};

use super::font::ReportFont;

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Converts millimetres to points.
pub(super) fn mm(value: f32) -> f32 {
    value * PT_PER_MM
}

/// A4 portrait.
pub(super) const PAGE_WIDTH_MM: f32 = 210.0;
pub(super) const PAGE_HEIGHT_MM: f32 = 297.0;

/// Shades used by the layer, from black to white.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Ink {
    /// Body text and strong rules.
    Black,
    /// Grey at the given level (0 = black, 1 = white).
    Grey(f32),
    /// An RGB colour, each channel from 0 to 1.
    Rgb(f32, f32, f32),
}

impl Ink {
    fn color(self) -> Color {
        match self {
            Ink::Black => Color::Greyscale(Greyscale::new(0.0, None)),
            Ink::Grey(level) => Color::Greyscale(Greyscale::new(level.clamp(0.0, 1.0), None)),
            Ink::Rgb(r, g, b) => Color::Rgb(Rgb::new(r, g, b, None)),
        }
    }
}

/// Horizontal alignment of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left (text).
    #[default]
    Left,
    /// Centred (short codes, marks).
    Center,
    /// Flush right (numbers).
    Right,
}

/// The drawing operations of one page, in top-left coordinates.
pub(super) struct Canvas {
    ops: Vec<Op>,
    font: &'static ReportFont,
    font_id: FontId,
}

impl Canvas {
    pub(super) fn new(font: &'static ReportFont, font_id: FontId) -> Self {
        Canvas {
            ops: Vec::new(),
            font,
            font_id,
        }
    }

    /// The operations drawn so far, for the page that holds them.
    pub(super) fn into_ops(self) -> Vec<Op> {
        self.ops
    }

    /// The font all text on the page is set in.
    pub(super) fn font(&self) -> &'static ReportFont {
        self.font
    }

    fn flip(y: f32) -> Pt {
        Pt(mm(PAGE_HEIGHT_MM) - y)
    }

    /// Shows `text` with its baseline at `baseline` and its left edge at `x`.
    pub(super) fn text(&mut self, x: f32, baseline: f32, size: f32, ink: Ink, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(self.font_id.clone()),
                size: Pt(size),
            },
            Op::SetFillColor { col: ink.color() },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x), Self::flip(baseline)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Shows `text` aligned inside the span `(left, right)`.
    pub(super) fn aligned_text(
        &mut self,
        (left, right): (f32, f32),
        align: Align,
        baseline: f32,
        size: f32,
        ink: Ink,
        text: &str,
    ) {
        let width = self.font.text_width(text, size);
        let x = match align {
            Align::Left => left,
            Align::Center => left + (right - left - width) / 2.0,
            Align::Right => right - width,
        };
        self.text(x, baseline, size, ink, text);
    }

    /// Shows `text` with `spacing_em` times the size of extra space after every character,
    /// the letter-spaced look of codes that are read and typed character by character.
    pub(super) fn spaced_text(
        &mut self,
        x: f32,
        baseline: f32,
        size: f32,
        spacing_em: f32,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(self.font_id.clone()),
                size: Pt(size),
            },
            Op::SetFillColor {
                col: Ink::Black.color(),
            },
            // Character spacing is text state that outlives the text section: reset it after.
            Op::SetCharacterSpacing {
                multiplier: spacing_em * size,
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x), Self::flip(baseline)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::SetCharacterSpacing { multiplier: 0.0 },
            Op::EndTextSection,
        ]);
    }

    /// A straight line from `(x1, y1)` to `(x2, y2)`.
    pub(super) fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, ink: Ink) {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Self::flip(y),
            },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor { col: ink.color() },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(from), point(to)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled rectangle with its top-left corner at `(x, y)`.
    pub(super) fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, ink: Ink) {
        self.ops.extend([
            Op::SetFillColor { col: ink.color() },
            Op::DrawRectangle {
                rectangle: Self::rectangle(x, y, width, height, PaintMode::Fill),
            },
        ]);
    }

    /// The outline of a rectangle with its top-left corner at `(x, y)`.
    pub(super) fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, line: f32, ink: Ink) {
        self.ops.extend([
            Op::SetOutlineColor { col: ink.color() },
            Op::SetOutlineThickness { pt: Pt(line) },
            Op::DrawRectangle {
                rectangle: Self::rectangle(x, y, w, h, PaintMode::Stroke),
            },
        ]);
    }

    fn rectangle(x: f32, y: f32, width: f32, height: f32, mode: PaintMode) -> Rect {
        let mut rectangle = Rect::from_xywh(Pt(x), Self::flip(y + height), Pt(width), Pt(height));
        rectangle.mode = Some(mode);
        rectangle
    }
}

/// Vertical position of the baseline of a line of text of `size` centred in a line box.
pub(super) fn baseline_in(font: &ReportFont, line_top: f32, line_height: f32, size: f32) -> f32 {
    let ink_height = size * (font.ascent_em() + font.descent_em());
    line_top + (line_height - ink_height) / 2.0 + size * font.ascent_em()
}
