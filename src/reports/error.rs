//! What can go wrong while laying out and writing a report. Each variant is a case the
//! caller can hit with the data it passed in, with enough detail to say which row, series
//! or field was at fault; the UI turns them into Japanese messages in one place.

/// An error from the report layer.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ReportError {
    /// The font compiled into the program could not be parsed (a broken build).
    #[error("the embedded report font could not be read")]
    FontUnreadable,

    /// A table row has a different number of cells than the table has columns.
    #[error("table row {row} has {found} cells, but the table has {expected} columns")]
    TableRowLength {
        /// Index of the row in `Table::rows`, from 0.
        row: usize,
        /// Number of columns.
        expected: usize,
        /// Number of cells in the row.
        found: usize,
    },

    /// A table has no columns, or a column without a positive width.
    #[error("a table needs at least one column, each with a width above zero")]
    TableColumns,

    /// A bar chart must have one or two series.
    #[error("a bar chart shows one or two series, not {found}")]
    ChartSeriesCount {
        /// Number of series given.
        found: usize,
    },

    /// A series of a bar chart has a different number of values than there are categories.
    #[error("series {series:?} has {found} values, but the chart has {expected} categories")]
    ChartSeriesLength {
        /// Name of the series.
        series: String,
        /// Number of categories.
        expected: usize,
        /// Number of values in the series.
        found: usize,
    },

    /// A bar chart value is negative or not a number; bars start at zero.
    #[error("series {series:?} has the value {value} for {category:?}; bars need a value of zero or more")]
    ChartValueOutOfRange {
        /// Name of the series.
        series: String,
        /// The category (e.g. `4月`) whose value is wrong.
        category: String,
        /// The value given.
        value: f64,
    },

    /// The raw database key for a recovery sheet is not 64 hexadecimal characters.
    #[error("the raw database key must be 64 hexadecimal characters (got {length} characters)")]
    RawKeyMalformed {
        /// Number of characters given.
        length: usize,
    },

    /// A field of a report that must be filled in is empty.
    #[error("the report field {field} is empty")]
    MissingField {
        /// Name of the field, as in the report's input struct.
        field: &'static str,
    },

    /// printpdf reported an error while writing the PDF (a bug in this layer).
    #[error("the PDF could not be written: {message}")]
    PdfWriter {
        /// printpdf's message.
        message: String,
    },
}
