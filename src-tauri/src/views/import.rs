//! What the import wizard sees: the kinds, their columns, the dry run's table of problems and
//! possible duplicates, the result, and the progress of a long run. Labels come from the core.

use hotto::import::{
    ColumnInfo, ImportKind, ImportPreview, ImportProgress, ImportReport, PossibleDuplicate,
    RowProblem,
};
use serde::{Deserialize, Serialize};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
#[specta(rename = "ImportKind")]
pub enum ImportKindView {
    /// 相談者.
    Clients,
    /// 企業・事業所.
    Employers,
    /// 関係機関.
    Partners,
    /// 就労.
    Employments,
}

impl From<ImportKindView> for ImportKind {
    fn from(kind: ImportKindView) -> Self {
        match kind {
            ImportKindView::Clients => ImportKind::Clients,
            ImportKindView::Employers => ImportKind::Employers,
            ImportKindView::Partners => ImportKind::Partners,
            ImportKindView::Employments => ImportKind::Employments,
        }
    }
}

impl From<ImportKind> for ImportKindView {
    fn from(kind: ImportKind) -> Self {
        match kind {
            ImportKind::Clients => ImportKindView::Clients,
            ImportKind::Employers => ImportKindView::Employers,
            ImportKind::Partners => ImportKindView::Partners,
            ImportKind::Employments => ImportKindView::Employments,
        }
    }
}

/// A kind with its Japanese name and its columns, in the order a center imports them.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportKindInfo {
    /// The kind.
    pub kind: ImportKindView,
    /// 相談者, 企業・事業所, …
    pub label: String,
    /// The columns read.
    pub columns: Vec<ImportColumnView>,
}

impl From<ImportKind> for ImportKindInfo {
    fn from(kind: ImportKind) -> Self {
        ImportKindInfo {
            kind: kind.into(),
            label: kind.label_ja().to_string(),
            columns: kind.columns().into_iter().map(Into::into).collect(),
        }
    }
}

/// One column of a kind.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumnView {
    /// The header.
    pub label: String,
    /// Other headers accepted.
    pub aliases: Vec<String>,
    /// Whether the file must have it.
    pub required: bool,
}

impl From<ColumnInfo> for ImportColumnView {
    fn from(c: ColumnInfo) -> Self {
        ImportColumnView {
            label: c.label,
            aliases: c.aliases,
            required: c.required,
        }
    }
}

/// One reason a row cannot be imported.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RowProblemView {
    /// The row as Excel shows it; 0 for the file as a whole.
    pub row: u32,
    /// The column's header as written; empty for the whole row.
    pub column: String,
    /// Why, in Japanese.
    pub message: String,
}

impl From<RowProblem> for RowProblemView {
    fn from(p: RowProblem) -> Self {
        RowProblemView {
            row: p.row,
            column: p.column,
            message: p.message_ja,
        }
    }
}

/// A row that may be a record already there or an earlier row.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateView {
    /// The row of the file.
    pub row: u32,
    /// The record already there it may be.
    pub existing_id: Option<String>,
    /// The earlier row it may be.
    pub same_as_row: Option<u32>,
}

impl From<PossibleDuplicate> for DuplicateView {
    fn from(d: PossibleDuplicate) -> Self {
        DuplicateView {
            row: d.row,
            existing_id: d.existing_id,
            same_as_row: d.same_as_row,
        }
    }
}

/// What the dry run found.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewView {
    /// What the file holds.
    pub kind: ImportKindView,
    /// The encoding read, in words (UTF-8（BOM付き）, Shift_JIS（CP932）…); `None` if unreadable.
    pub encoding: Option<String>,
    /// Data rows.
    pub rows_total: u32,
    /// Every problem; the import button stays off while there is one.
    pub problems: Vec<RowProblemView>,
    /// Possible duplicates (imported all the same).
    pub duplicates: Vec<DuplicateView>,
    /// Headers not read.
    pub ignored_columns: Vec<String>,
    /// Whether the real run would import the file.
    pub can_import: bool,
}

impl From<ImportPreview> for ImportPreviewView {
    fn from(p: ImportPreview) -> Self {
        ImportPreviewView {
            can_import: p.can_import(),
            kind: p.kind.into(),
            encoding: p.encoding.map(|e| e.label().to_string()),
            rows_total: p.rows_total,
            problems: p.problems.into_iter().map(Into::into).collect(),
            duplicates: p.duplicates.into_iter().map(Into::into).collect(),
            ignored_columns: p.ignored_columns,
        }
    }
}

/// What the real run imported.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportReportView {
    /// What the file held.
    pub kind: ImportKindView,
    /// Rows imported.
    pub imported: u32,
    /// Possible duplicates among them.
    pub duplicates: Vec<DuplicateView>,
}

impl From<ImportReport> for ImportReportView {
    fn from(r: ImportReport) -> Self {
        ImportReportView {
            kind: r.kind.into(),
            imported: r.imported,
            duplicates: r.duplicates.into_iter().map(Into::into).collect(),
        }
    }
}

/// How far the running check or import has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgressView {
    /// Rows done.
    pub done: u32,
    /// Rows in all.
    pub total: u32,
}

impl From<ImportProgress> for ImportProgressView {
    fn from(p: ImportProgress) -> Self {
        ImportProgressView {
            done: p.done,
            total: p.total,
        }
    }
}
