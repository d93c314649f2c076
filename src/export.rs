//! Getting data out: CSV that Excel opens correctly (UTF-8 with BOM, CRLF, quoted
//! fields, no formula injection) for any list screen, and a full JSON export of all
//! data for moving to another system (director only, audited).

use std::io::Write;

use rusqlite::types::ValueRef;
use serde_json::{Map, Value};

use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::Result;

/// CSV bytes for Excel: BOM, CRLF line ends, every field quoted when needed.
///
/// A field that Excel would run as a formula (`=`, `@`, tab, CR, or `+`/`-` not
/// followed by just a number, at the start) is prefixed with `'`, so an exported note cannot execute on a colleague's PC.
pub fn csv_bytes<I, R>(header: &[&str], rows: I) -> Vec<u8>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut out = Vec::from("\u{feff}".as_bytes());
    write_csv_row(&mut out, header.iter().map(|h| h.to_string()));
    for row in rows {
        write_csv_row(&mut out, row);
    }
    out
}

fn write_csv_row(out: &mut Vec<u8>, fields: impl IntoIterator<Item = String>) {
    let mut first = true;
    for field in fields {
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(csv_field(&field).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
}

fn csv_field(value: &str) -> String {
    let is_number = value.parse::<f64>().is_ok();
    let guarded = match value.chars().next() {
        Some('=' | '@' | '\t' | '\r') => format!("'{value}"),
        Some('+' | '-') if !is_number => format!("'{value}"),
        _ => value.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// What a full export wrote.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ExportSummary {
    /// Tables written.
    pub tables: usize,
    /// Rows written.
    pub rows: u64,
}

/// Every table the center's PCs share, as JSON (director only, audited): this PC's
/// own bookkeeping (its identity, sync state and outbox, the derived last-contact
/// table; `sync::capture::LOCAL_TABLES`) is left out, so that an export holds the
/// center's data and the same on every PC once they have synced. Binary columns
/// (attachments) are written as hex.
pub fn full_json(store: &mut Store, actor: &Session, out: &mut dyn Write) -> Result<ExportSummary> {
    actor.require_director("export all data")?;
    store.check_session(actor)?;
    let center_id = store.center_id().to_string();
    let schema_version = store.schema_version()?;
    let tables = store.read(actor, |conn| {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .map_err(StoreError::from)?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(StoreError::from)?;
        let names = names
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)?;
        Ok(names
            .into_iter()
            .filter(|name| crate::sync::capture::is_synced(name))
            .collect::<Vec<_>>())
    })?;
    let mut rows_written = 0;
    let mut body = Map::new();
    for table in &tables {
        let rows = store.read(actor, |conn| Ok(table_rows(conn, table)?))?;
        rows_written += rows.len() as u64;
        body.insert(table.clone(), Value::Array(rows));
    }
    let doc = serde_json::json!({
        "format": "hotto-export",
        "version": 1,
        "exported_at": crate::store::now_text(),
        "center_id": center_id,
        "schema_version": schema_version,
        "tables": body,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)
        .map_err(std::io::Error::from)
        .and_then(|()| out.flush())
        .map_err(|e| StoreError::io("write", "the export file", e))?;
    // Audited once the data is out: a full disk or a refused folder leaves no
    // "exported" row for an export that never happened.
    store.write(actor, |tx| {
        tx.audit(
            "export.full_json",
            "center",
            None,
            "all data exported as JSON",
        )
    })?;
    Ok(ExportSummary {
        tables: tables.len(),
        rows: rows_written,
    })
}

fn table_rows(conn: &rusqlite::Connection, table: &str) -> Result<Vec<Value>, StoreError> {
    // The table name comes from sqlite_master, not from input.
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut obj = Map::new();
        for (i, name) in columns.iter().enumerate() {
            let value = match row.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => Value::from(f),
                ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::from(hex::encode(b)),
            };
            obj.insert(name.clone(), value);
        }
        out.push(Value::Object(obj));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_for_excel_has_a_bom_crlf_and_quotes_what_needs_quoting() {
        let bytes = csv_bytes(
            &["氏名", "メモ"],
            vec![vec!["山田".to_string(), "a,b\n\"c\"".to_string()]],
        );
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(text, "\u{feff}氏名,メモ\r\n山田,\"a,b\n\"\"c\"\"\"\r\n");
    }

    #[test]
    fn csv_fields_that_excel_would_run_as_formulas_are_defused() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1+2"), "'-1+2");
        assert_eq!(csv_field("-1200"), "-1200", "negative numbers stay numbers");
        assert_eq!(csv_field("普通の文"), "普通の文");
    }
}
