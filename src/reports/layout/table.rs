//! Ruled tables: outer and inner lines, a grey header row, cells that wrap, per-column
//! alignment (numbers flush right). A short table (up to a quarter page) is kept on one page;
//! a longer one continues on the next page under a repeated header row. A tall row is split
//! between pages rather than leaving a large gap; a short one moves whole.

use super::canvas::{baseline_in, mm, Align, Ink};
use super::page::Report;
use super::text::wrap;
use crate::reports::ReportError;

const CELL_SIZE: f32 = 9.5;
const CELL_LEADING: f32 = 1.4;
const PAD_X_MM: f32 = 1.6;
const PAD_Y_MM: f32 = 1.1;
const HEADER_FILL: Ink = Ink::Grey(0.88);
const OUTER_RULE: f32 = 0.8;
const INNER_RULE: f32 = 0.35;
const GAP_BEFORE_MM: f32 = 1.5;
const GAP_AFTER_MM: f32 = 4.0;

/// A column of a [`Table`]: its title in the header row, its width and how its cells align.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Text of the header cell (wraps if longer than the column).
    pub title: String,
    /// Width in millimetres. If the columns together are wider than the page's body
    /// (165 mm), they are narrowed in proportion.
    pub width_mm: f32,
    /// Alignment of the cells (the header is always centred).
    pub align: Align,
}

impl Column {
    /// A column with the given alignment.
    pub fn new(title: impl Into<String>, width_mm: f32, align: Align) -> Column {
        Column {
            title: title.into(),
            width_mm,
            align,
        }
    }

    /// A column of text, flush left.
    pub fn text(title: impl Into<String>, width_mm: f32) -> Column {
        Column::new(title, width_mm, Align::Left)
    }

    /// A column of numbers, flush right.
    pub fn number(title: impl Into<String>, width_mm: f32) -> Column {
        Column::new(title, width_mm, Align::Right)
    }

    /// A column of short centred values (marks, codes).
    pub fn centered(title: impl Into<String>, width_mm: f32) -> Column {
        Column::new(title, width_mm, Align::Center)
    }
}

/// A table: columns and rows of cell text, one cell per column in every row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// The rows, top to bottom; each has exactly one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns and no rows yet.
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Appends a row, e.g. `table.row(["4月", &number::integer(12)])`.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Table
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }
}

/// A table's cells wrapped to the widths of their columns.
struct WrappedTable {
    /// Left edge of each column, then the right edge of the last one.
    edges: Vec<f32>,
    aligns: Vec<Align>,
    header: Vec<Vec<String>>,
    rows: Vec<Vec<Vec<String>>>,
}

impl WrappedTable {
    fn new(doc: &Report, table: &Table) -> WrappedTable {
        let font = doc.font();
        let total_mm: f32 = table.columns.iter().map(|c| c.width_mm).sum();
        let scale = (Report::body_width() / mm(total_mm)).min(1.0);
        let mut edges = vec![Report::body_left()];
        for column in &table.columns {
            let last = edges[edges.len() - 1];
            edges.push(last + mm(column.width_mm) * scale);
        }
        let inner = |c: usize| edges[c + 1] - edges[c] - 2.0 * mm(PAD_X_MM);
        let wrap_cells = |cells: &[String]| -> Vec<Vec<String>> {
            cells
                .iter()
                .enumerate()
                .map(|(c, text)| wrap(font, text, CELL_SIZE, inner(c)))
                .collect()
        };
        let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        WrappedTable {
            header: wrap_cells(&titles),
            rows: table.rows.iter().map(|row| wrap_cells(row)).collect(),
            aligns: table.columns.iter().map(|c| c.align).collect(),
            edges,
        }
    }
}

fn line_height() -> f32 {
    CELL_SIZE * CELL_LEADING
}

fn pad_y() -> f32 {
    mm(PAD_Y_MM)
}

fn line_count(cells: &[Vec<String>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
}

fn height_of(lines: usize) -> f32 {
    lines as f32 * line_height() + 2.0 * pad_y()
}

fn check(table: &Table) -> Result<(), ReportError> {
    let columns = table.columns.len();
    let widths_ok = table
        .columns
        .iter()
        .all(|c| c.width_mm.is_finite() && c.width_mm > 0.0);
    if columns == 0 || !widths_ok {
        return Err(ReportError::TableColumns);
    }
    match table.rows.iter().position(|row| row.len() != columns) {
        Some(row) => Err(ReportError::TableRowLength {
            row,
            expected: columns,
            found: table.rows[row].len(),
        }),
        None => Ok(()),
    }
}

/// The part of a table on one page: where it starts and where its rows end, for the rules.
struct Segment {
    top: f32,
    header_bottom: f32,
    row_bottoms: Vec<f32>,
}

impl Segment {
    /// Draws the header row at the cursor.
    fn start(doc: &mut Report, wrapped: &WrappedTable) -> Segment {
        let font = doc.font();
        let top = doc.cursor();
        let lines = line_count(&wrapped.header);
        let height = height_of(lines);
        let (left, right) = (wrapped.edges[0], wrapped.edges[wrapped.edges.len() - 1]);
        let canvas = doc.canvas();
        canvas.fill_rect(left, top, right - left, height, HEADER_FILL);
        for (c, cell) in wrapped.header.iter().enumerate() {
            // Centre shorter titles vertically in the header row.
            let offset = (lines - cell.len()) as f32 * line_height() / 2.0;
            for (k, text) in cell.iter().enumerate() {
                let line_top = top + pad_y() + offset + k as f32 * line_height();
                let baseline = baseline_in(font, line_top, line_height(), CELL_SIZE);
                let (l, r) = cell_span(wrapped, c);
                canvas.aligned_text((l, r), Align::Center, baseline, CELL_SIZE, Ink::Black, text);
            }
        }
        doc.advance(height);
        Segment {
            top,
            header_bottom: top + height,
            row_bottoms: Vec::new(),
        }
    }

    /// Draws lines `from..to` of every cell of `row` at the cursor.
    fn row_part(
        &mut self,
        doc: &mut Report,
        wrapped: &WrappedTable,
        row: &[Vec<String>],
        from: usize,
        to: usize,
    ) {
        let font = doc.font();
        let top = doc.cursor();
        let canvas = doc.canvas();
        for (c, cell) in row.iter().enumerate() {
            let span = cell_span(wrapped, c);
            for (k, text) in cell.iter().enumerate().take(to).skip(from) {
                let line_top = top + pad_y() + (k - from) as f32 * line_height();
                let baseline = baseline_in(font, line_top, line_height(), CELL_SIZE);
                canvas.aligned_text(
                    span,
                    wrapped.aligns[c],
                    baseline,
                    CELL_SIZE,
                    Ink::Black,
                    text,
                );
            }
        }
        let height = height_of(to - from);
        doc.advance(height);
        self.row_bottoms.push(top + height);
    }

    /// Draws the ruled lines of this part of the table.
    fn close(self, doc: &mut Report, wrapped: &WrappedTable) {
        let bottom = doc.cursor();
        let (left, right) = (wrapped.edges[0], wrapped.edges[wrapped.edges.len() - 1]);
        let canvas = doc.canvas();
        let rule = Ink::Grey(0.2);
        for &y in self.row_bottoms.iter().filter(|&&y| y < bottom - 0.01) {
            canvas.line((left, y), (right, y), INNER_RULE, rule);
        }
        let y = self.header_bottom;
        canvas.line((left, y), (right, y), OUTER_RULE * 0.75, rule);
        for &x in &wrapped.edges[1..wrapped.edges.len() - 1] {
            canvas.line((x, self.top), (x, bottom), INNER_RULE, rule);
        }
        canvas.stroke_rect(
            left,
            self.top,
            right - left,
            bottom - self.top,
            OUTER_RULE,
            rule,
        );
    }
}

fn cell_span(wrapped: &WrappedTable, column: usize) -> (f32, f32) {
    let pad = mm(PAD_X_MM);
    (wrapped.edges[column] + pad, wrapped.edges[column + 1] - pad)
}

/// The height a table needs on the page it starts on: the whole table when it is short enough
/// to be kept together, else its header and first row (0 for a table [`draw`] would refuse).
pub(super) fn opening_height(doc: &Report, table: &Table) -> f32 {
    if check(table).is_err() {
        return 0.0;
    }
    let wrapped = WrappedTable::new(doc, table);
    let header_height = height_of(line_count(&wrapped.header));
    let whole: f32 = header_height
        + wrapped
            .rows
            .iter()
            .map(|row| height_of(line_count(row)))
            .sum::<f32>();
    let opening = if whole <= Report::body_height() / 4.0 {
        whole
    } else {
        let first_rows = wrapped.rows.first().map_or(1, |row| line_count(row).min(3));
        header_height + height_of(first_rows)
    };
    mm(GAP_BEFORE_MM) + opening
}

/// Lays out `table` at the cursor of `doc`, across as many pages as it needs.
pub(super) fn draw(doc: &mut Report, table: &Table) -> Result<(), ReportError> {
    check(table)?;
    doc.space(GAP_BEFORE_MM);
    let wrapped = WrappedTable::new(doc, table);
    let header_height = height_of(line_count(&wrapped.header));
    let whole: f32 = header_height
        + wrapped
            .rows
            .iter()
            .map(|row| height_of(line_count(row)))
            .sum::<f32>();
    if whole <= Report::body_height() / 4.0 {
        // A short table is not worth splitting: keep it on one page.
        doc.ensure_room(whole);
    } else {
        let first_rows = wrapped.rows.first().map_or(1, |row| line_count(row).min(3));
        doc.ensure_room(header_height + height_of(first_rows));
    }
    let mut segment = Segment::start(doc, &wrapped);
    for row in &wrapped.rows {
        let total = line_count(row);
        let mut done = 0;
        while done < total {
            let needed = height_of(total - done);
            if needed <= doc.room() + 0.01 {
                segment.row_part(doc, &wrapped, row, done, total);
                done = total;
                continue;
            }
            let fitting = ((doc.room() - 2.0 * pad_y()) / line_height())
                .floor()
                .max(0.0) as usize;
            let first_on_page = segment.row_bottoms.is_empty();
            let tall = needed > Report::body_height() / 3.0;
            if first_on_page || (tall && fitting > 0) {
                // Never leave a page with only the header on it: place at least one line.
                let take = fitting.max(1).min(total - done);
                segment.row_part(doc, &wrapped, row, done, done + take);
                done += take;
                if done == total {
                    continue;
                }
            }
            segment.close(doc, &wrapped);
            doc.start_page();
            segment = Segment::start(doc, &wrapped);
        }
    }
    segment.close(doc, &wrapped);
    doc.space(GAP_AFTER_MM);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_columns() -> Table {
        Table::new(vec![Column::text("月", 20.0), Column::number("件数", 20.0)])
    }

    #[test]
    fn rows_must_have_one_cell_per_column() {
        let mut table = two_columns();
        table.row(["4月", "12"]).row(["5月"]);
        assert_eq!(
            check(&table),
            Err(ReportError::TableRowLength {
                row: 1,
                expected: 2,
                found: 1
            })
        );
    }

    #[test]
    fn a_table_needs_columns_with_width() {
        assert_eq!(check(&Table::default()), Err(ReportError::TableColumns));
        let table = Table::new(vec![Column::text("月", 0.0)]);
        assert_eq!(check(&table), Err(ReportError::TableColumns));
        assert_eq!(check(&two_columns()), Ok(()));
    }

    #[test]
    fn number_columns_align_right_and_text_columns_left() {
        assert_eq!(Column::number("件数", 20.0).align, Align::Right);
        assert_eq!(Column::text("氏名", 20.0).align, Align::Left);
    }
}
