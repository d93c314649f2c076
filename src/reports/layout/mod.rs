//! The report layout layer over printpdf: A4 portrait pages with binding margins, a header
//! (facility, title) and footer (date of issue, "n / N") on every page, and flowing content —
//! headings, paragraphs, lists, key–value lines, notices, code blocks, ruled tables and bar
//! charts — that moves to a new page when it does not fit.
//!
//! - [`font`]: the embedded IPAexGothic, parsed once per process, measuring glyph advances.
//! - [`text`]: line breaking by measured widths with Japanese 禁則処理.
//! - [`page`](Report): the document, its pages, header and footer, and the flowing content,
//!   drawn through a small `canvas` of text, lines and rectangles in top-left coordinates.
//! - [`table`](Table), [`chart`](BarChart): tables and vertical bar charts.
//! - [`number`]: numbers with thousands separators, decimals and percentages.
//!
//! printpdf places text exactly where it is told; everything about where lines break and
//! when a page is full is decided here.

mod canvas;
mod chart;
pub mod font;
pub mod number;
mod page;
mod table;
pub mod text;

pub use canvas::Align;
pub use chart::{BarChart, Series};
pub use font::ReportFont;
pub use page::{Report, ReportMeta};
pub use table::{Column, Table};
