//! `hotto import <kind> FILE [--dry-run]`: reads a CSV saved by Excel, lists every problem
//! (row, column, the Japanese reason) and possible duplicate, and imports the whole file in one
//! transaction only when there is no problem.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use hotto::import::{self, ImportKind, ImportPreview};
use hotto::store::StoreError;
use hotto::{CoreError, DataDir};

use super::progress::ProgressLine;
use super::sign_in;

#[derive(Debug, ClapArgs)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_parser = ["clients", "employers", "partners", "employments"])]
    kind: String,
    /// The CSV file (UTF-8 with or without BOM, Shift_JIS/CP932, or UTF-16 Unicode text).
    file: PathBuf,
    /// Only check the file and list its problems; import nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn import(dir: &DataDir, user: Option<&str>, args: &ImportArgs) -> Result<(), CoreError> {
    let kind = ImportKind::parse(&args.kind).ok_or(CoreError::invalid(
        KIND,
        hotto::error::Problem::Format("unknown kind"),
    ))?;
    let bytes = std::fs::read(&args.file).map_err(|e| StoreError::io("read", &args.file, e))?;
    let (mut store, session) = sign_in(dir, user)?;
    let mut bar = ProgressLine::new();
    let preview = import::dry_run(&mut store, &session, kind, &bytes, &mut |p| {
        bar.update("checking rows", u64::from(p.done), u64::from(p.total))
    })?;
    bar.finish();
    print_preview(&preview);
    if !preview.problems.is_empty() {
        return Err(CoreError::rule(
            format!(
                "{} problem(s) found; nothing was imported",
                preview.problems.len()
            ),
            "取り込めない箇所があるため、何も取り込みませんでした。",
        ));
    }
    if args.dry_run {
        println!("Dry run: no problems; nothing was imported");
        return Ok(());
    }
    let mut bar = ProgressLine::new();
    let report = import::apply(&mut store, &session, kind, &bytes, &mut |p| {
        bar.update("importing", u64::from(p.done), u64::from(p.total))
    })?;
    bar.finish();
    println!(
        "Imported {} {} in one transaction ({} possible duplicate(s), listed above)",
        report.imported,
        kind.as_str(),
        report.duplicates.len()
    );
    Ok(())
}

/// 取り込みの種類.
const KIND: hotto::error::Field = hotto::error::Field::new("kind", "取り込みの種類");

fn print_preview(preview: &ImportPreview) {
    let encoding = preview.encoding.map_or("unknown encoding", |e| e.label());
    println!(
        "Read {} as {encoding}: {} data row(s)",
        preview.kind.as_str(),
        preview.rows_total
    );
    if !preview.ignored_columns.is_empty() {
        println!(
            "Columns not imported: {}",
            preview.ignored_columns.join(", ")
        );
    }
    for p in &preview.problems {
        let column = if p.column.is_empty() {
            String::new()
        } else {
            format!(", column {}", p.column)
        };
        let place = if p.row == 0 {
            "file".to_string()
        } else {
            format!("row {}", p.row)
        };
        println!("problem: {place}{column}: {}", p.message_ja);
    }
    for d in &preview.duplicates {
        match (&d.existing_id, d.same_as_row) {
            (_, Some(other)) => println!(
                "possible duplicate: row {} may be the same as row {other}",
                d.row
            ),
            (Some(id), None) => println!(
                "possible duplicate: row {} may be the same as existing record {id}",
                d.row
            ),
            (None, None) => {}
        }
    }
}
