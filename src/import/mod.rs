//! Importing clients, employers, partners and employments from CSV as Excel saves it
//! (UTF-8 with or without BOM, CP932, UTF-16; 西暦 or 和暦 dates). A dry run lists every
//! bad row; the real run takes the whole file in one transaction or nothing.
//!
//! Both runs go through the same code: each row is handed to the core's own create
//! functions (`*_in`, inside one open write), so the import applies exactly the rules of
//! the forms. The dry run does this in a transaction that is always rolled back.

mod clients;
mod columns;
mod csv;
mod decode;
mod employers;
mod employments;
mod partners;

use serde::{Deserialize, Serialize};

use self::columns::{Column, Header, Row};
pub use self::decode::Encoding;
use crate::session::Session;
use crate::store::{Store, StoreError, Tx};
use crate::{CoreError, Result};

/// Largest file the import reads, in bytes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Most rows (the header included) the import reads from one file.
pub const MAX_ROWS: u32 = 100_000;
/// From this many imported rows on, the planner's statistics are refreshed (`ANALYZE`).
pub const ANALYZE_AFTER_ROWS: u32 = 500;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// 相談者 (clients), optionally registered.
    Clients,
    /// 企業・事業所.
    Employers,
    /// 関係機関.
    Partners,
    /// 就労 (jobs of existing clients at existing employers).
    Employments,
}

impl ImportKind {
    /// Every kind, in the order a center would import them.
    pub const ALL: [ImportKind; 4] = [
        ImportKind::Employers,
        ImportKind::Partners,
        ImportKind::Clients,
        ImportKind::Employments,
    ];

    /// The name used on the command line and in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Clients => "clients",
            ImportKind::Employers => "employers",
            ImportKind::Partners => "partners",
            ImportKind::Employments => "employments",
        }
    }

    /// Parses [`ImportKind::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        ImportKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The Japanese name.
    pub fn label_ja(self) -> &'static str {
        match self {
            ImportKind::Clients => "相談者",
            ImportKind::Employers => "企業・事業所",
            ImportKind::Partners => "関係機関",
            ImportKind::Employments => "就労",
        }
    }

    /// The columns read, with whether each is required (header, aliases).
    pub fn columns(self) -> Vec<ColumnInfo> {
        self.column_specs()
            .iter()
            .map(|c| ColumnInfo {
                label: c.label.to_string(),
                aliases: c.aliases.iter().map(|a| a.to_string()).collect(),
                required: c.required,
            })
            .collect()
    }

    fn column_specs(self) -> &'static [Column] {
        match self {
            ImportKind::Clients => clients::COLUMNS,
            ImportKind::Employers => employers::COLUMNS,
            ImportKind::Partners => partners::COLUMNS,
            ImportKind::Employments => employments::COLUMNS,
        }
    }
}

/// A column of an import, as documented to staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ColumnInfo {
    /// The header.
    pub label: String,
    /// Other headers accepted.
    pub aliases: Vec<String>,
    /// Whether the file must have it.
    pub required: bool,
}

/// One reason a row cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// The row as Excel shows it (the header is row 1); 0 for the file as a whole.
    pub row: u32,
    /// The column's header as written in the file; empty when the row as a whole is at fault.
    pub column: String,
    /// Why, in Japanese; never repeats a cell's value.
    pub message_ja: String,
}

impl RowProblem {
    pub(crate) fn new(row: u32, column: &str, message_ja: String) -> Self {
        RowProblem {
            row,
            column: column.to_string(),
            message_ja,
        }
    }
}

/// A row that may be a record already there, or another row of the file: reported, never merged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PossibleDuplicate {
    /// The row of the file.
    pub row: u32,
    /// The record already in the database it may be (a client or employer id).
    pub existing_id: Option<String>,
    /// The earlier row of the same file it may be.
    pub same_as_row: Option<u32>,
}

/// What a dry run found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportPreview {
    /// What the file holds.
    pub kind: ImportKind,
    /// The encoding the file was read in (`None` when it could not be read).
    pub encoding: Option<Encoding>,
    /// Data rows (the header and blank rows not counted).
    pub rows_total: u32,
    /// Every problem, by row; empty when the file can be imported.
    pub problems: Vec<RowProblem>,
    /// Rows that may be records already there (or earlier rows); imported all the same.
    pub duplicates: Vec<PossibleDuplicate>,
    /// Headers the import does not read.
    pub ignored_columns: Vec<String>,
}

impl ImportPreview {
    /// Whether [`apply`] would import the file.
    pub fn can_import(&self) -> bool {
        self.problems.is_empty() && self.rows_total > 0
    }
}

/// What a real run imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// What the file held.
    pub kind: ImportKind,
    /// Rows imported (every data row).
    pub imported: u32,
    /// Rows imported that may be duplicates, for staff to look at.
    pub duplicates: Vec<PossibleDuplicate>,
}

/// How far an import has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    /// Data rows done.
    pub done: u32,
    /// Data rows in all.
    pub total: u32,
}

/// What one row gave when it went in.
struct RowDone {
    /// The new record's id.
    pub id: String,
    /// The records already there that it may be the same as.
    pub duplicates_of: Vec<String>,
}

/// The file read as far as its rows: header matched and data rows kept.
struct Parsed {
    encoding: Option<Encoding>,
    header: Option<Header>,
    records: Vec<csv::Record>,
    problems: Vec<RowProblem>,
}

fn file_problem(message: &str) -> RowProblem {
    RowProblem::new(0, "", message.to_string())
}

fn parse(kind: ImportKind, bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed {
        encoding: None,
        header: None,
        records: Vec::new(),
        problems: Vec::new(),
    };
    if bytes.len() > MAX_FILE_BYTES {
        parsed.problems.push(file_problem(
            "ファイルが大きすぎます（20MBまで）。いくつかのファイルに分けてください。",
        ));
        return parsed;
    }
    let Some((text, encoding)) = decode::decode(bytes) else {
        parsed.problems.push(file_problem(
            "文字コードを読み取れません。Excelで「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」として保存し直してください。",
        ));
        return parsed;
    };
    parsed.encoding = Some(encoding);
    let records = match csv::read(&text, csv::delimiter(&text), MAX_ROWS) {
        Ok(records) => records,
        Err(csv::CsvError::UnclosedQuote { row }) => {
            parsed.problems.push(RowProblem::new(
                row,
                "",
                "引用符（\"）が閉じられていません。この行以降を確認してください。".to_string(),
            ));
            return parsed;
        }
        Err(csv::CsvError::TooManyRows { max }) => {
            parsed.problems.push(file_problem(&format!(
                "行が多すぎます（{max}行まで）。いくつかのファイルに分けてください。"
            )));
            return parsed;
        }
    };
    let mut records = records.into_iter().filter(|r| !r.is_blank());
    let Some(first) = records.next() else {
        parsed.problems.push(file_problem(
            "ファイルが空です。1行目に見出し、2行目から内容を入れてください。",
        ));
        return parsed;
    };
    let (header, problems) = Header::read(kind.column_specs(), &first.fields);
    let header_row = first.row;
    parsed.problems.extend(problems.into_iter().map(|mut p| {
        p.row = header_row;
        p
    }));
    parsed.header = Some(header);
    parsed.records = records.collect();
    parsed
}

/// The per-kind state kept across rows (lookups, rows already seen).
enum Importer {
    Clients(clients::Context),
    Employers(employers::Context),
    Partners,
    Employments(employments::Context),
}

impl Importer {
    fn new(kind: ImportKind, tx: &Tx<'_>) -> Result<Self> {
        Ok(match kind {
            ImportKind::Clients => Importer::Clients(clients::Context::load(tx.conn())?),
            ImportKind::Employers => Importer::Employers(employers::Context::default()),
            ImportKind::Partners => Importer::Partners,
            ImportKind::Employments => {
                Importer::Employments(employments::Context::load(tx.conn())?)
            }
        })
    }

    /// Reads and stores one row; `Ok(None)` when the row had problems (kept in `row`).
    fn row(&mut self, tx: &mut Tx<'_>, row: &mut Row<'_>) -> Result<Option<RowDone>> {
        match self {
            Importer::Clients(ctx) => clients::import_row(tx, ctx, row),
            Importer::Employers(ctx) => employers::import_row(tx, ctx, row),
            Importer::Partners => partners::import_row(tx, row),
            Importer::Employments(ctx) => employments::import_row(tx, ctx, row),
        }
    }
}

/// Turns a core error on a row into a problem, or passes it on when the database itself
/// failed (a full disk is not the row's fault: the whole import stops).
fn row_error(row: &mut Row<'_>, e: CoreError) -> Result<()> {
    match &e {
        CoreError::Store(StoreError::Sqlite(inner))
            if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {}
        CoreError::Store(_) | CoreError::InvalidSession => return Err(e),
        _ => {}
    }
    let column = match &e {
        CoreError::Invalid { field, .. } | CoreError::NotFound { what: field } => {
            row.column_of_field(field.name)
        }
        CoreError::Duplicate { what } => row.column_of_field(what.name),
        // A rule's English text starts with the field's name when it is about one field.
        CoreError::Rule { en, .. } => en
            .split_whitespace()
            .next()
            .and_then(|name| row.column_of_field(name)),
        _ => None,
    };
    let message = e.message_ja();
    row.problems.push(RowProblem::new(
        row.number,
        &column.unwrap_or_default(),
        message,
    ));
    Ok(())
}

/// What running the rows gave.
struct Outcome {
    problems: Vec<RowProblem>,
    duplicates: Vec<PossibleDuplicate>,
    imported: u32,
}

/// Runs every data row inside `tx`, each under a savepoint so that a refused row leaves
/// nothing behind for the rows after it.
fn run_rows(
    tx: &mut Tx<'_>,
    kind: ImportKind,
    parsed: &Parsed,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Outcome> {
    let mut outcome = Outcome {
        problems: Vec::new(),
        duplicates: Vec::new(),
        imported: 0,
    };
    // Rows under a header that lacks a required column would each repeat that one problem.
    let Some(header) = parsed
        .header
        .as_ref()
        .filter(|_| parsed.problems.is_empty())
    else {
        return Ok(outcome);
    };
    let mut importer = Importer::new(kind, tx)?;
    // Which row created which record, so that a duplicate of an earlier row names that row.
    let mut row_of_id: std::collections::HashMap<String, u32> = Default::default();
    let total = parsed.records.len() as u32;
    for (done, record) in parsed.records.iter().enumerate() {
        let mut row = Row::new(record.row, header, &record.fields);
        savepoint(tx, "SAVEPOINT import_row")?;
        let result = importer.row(tx, &mut row);
        match result {
            Ok(Some(done)) if row.problems.is_empty() => {
                savepoint(tx, "RELEASE import_row")?;
                outcome.imported += 1;
                for other in done.duplicates_of {
                    let same_as_row = row_of_id.get(&other).copied();
                    outcome.duplicates.push(PossibleDuplicate {
                        row: record.row,
                        existing_id: same_as_row.is_none().then_some(other),
                        same_as_row,
                    });
                }
                row_of_id.insert(done.id, record.row);
            }
            Ok(_) => savepoint(tx, "ROLLBACK TO import_row; RELEASE import_row")?,
            Err(e) => {
                savepoint(tx, "ROLLBACK TO import_row; RELEASE import_row")?;
                return Err(e);
            }
        }
        outcome.problems.append(&mut row.problems);
        progress(ImportProgress {
            done: done as u32 + 1,
            total,
        });
    }
    Ok(outcome)
}

fn savepoint(tx: &Tx<'_>, sql: &str) -> Result<()> {
    tx.conn().execute_batch(sql).map_err(StoreError::from)?;
    Ok(())
}

/// Reads `bytes` as a `kind` file and tries every row under every rule, keeping nothing:
/// the problems (row, column, reason) and possible duplicates a real run would meet.
pub fn dry_run(
    store: &mut Store,
    actor: &Session,
    kind: ImportKind,
    bytes: &[u8],
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportPreview> {
    let parsed = parse(kind, bytes);
    let rows_total = parsed.records.len() as u32;
    let outcome = store.rehearse(actor, |tx| run_rows(tx, kind, &parsed, progress))?;
    let mut problems = parsed.problems.clone();
    problems.extend(outcome.problems);
    if problems.is_empty() && rows_total == 0 {
        problems.push(file_problem(
            "取り込む行がありません。2行目から内容を入れてください。",
        ));
    }
    Ok(ImportPreview {
        kind,
        encoding: parsed.encoding,
        rows_total,
        problems,
        duplicates: outcome.duplicates,
        ignored_columns: parsed
            .header
            .as_ref()
            .map(|h| h.ignored.clone())
            .unwrap_or_default(),
    })
}

/// Imports every row of `bytes` in one transaction, with one `import.apply` audit row besides
/// each record's own; refuses, changing nothing, when any row has a problem.
pub fn apply(
    store: &mut Store,
    actor: &Session,
    kind: ImportKind,
    bytes: &[u8],
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportReport> {
    let parsed = parse(kind, bytes);
    if !parsed.problems.is_empty() {
        return Err(refused(parsed.problems.len()));
    }
    if parsed.records.is_empty() {
        return Err(CoreError::rule(
            "the file has no rows to import",
            "取り込む行がありません。2行目から内容を入れてください。",
        ));
    }
    let outcome = store.write(actor, |tx| {
        let outcome = run_rows(tx, kind, &parsed, progress)?;
        if !outcome.problems.is_empty() {
            return Err(refused(outcome.problems.len()));
        }
        let duplicates = outcome.duplicates.len();
        tx.audit(
            "import.apply",
            kind.as_str(),
            None,
            &format!(
                "{} {} imported from CSV; {duplicates} possible duplicate(s) reported",
                outcome.imported,
                kind.as_str()
            ),
        )?;
        Ok(outcome)
    })?;
    if outcome.imported >= ANALYZE_AFTER_ROWS {
        // Fresh statistics keep the planner on its indexes after a big load; a failure
        // here changes no data, so it is not the import's failure.
        let _ = store.connection().execute_batch("ANALYZE");
    }
    Ok(ImportReport {
        kind,
        imported: outcome.imported,
        duplicates: outcome.duplicates,
    })
}

fn refused(problems: usize) -> CoreError {
    CoreError::rule(
        format!("the file has {problems} problem(s); nothing was imported"),
        format!(
            "取り込めない箇所が{problems}件あるため、何も取り込みませんでした。確認の一覧を見て、ファイルを直してください。"
        ),
    )
}
