//! A changeset as plain data: the session extension's binary changeset decoded
//! into row operations, and the JSON form of values and primary keys kept in the
//! bookkeeping tables.

use std::collections::BTreeMap;
use std::io::Read;

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;

use crate::store::StoreError;

/// What happened to one row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RowChange {
    /// A new row: every column's value.
    Insert(Vec<Value>),
    /// Changed columns: (index, old value, new value).
    Update(Vec<(usize, Value, Value)>),
    /// A removed row: every column's value before.
    Delete(Vec<Value>),
}

/// One row operation of a changeset.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RowOp {
    /// The table.
    pub table: String,
    /// Columns of the table when the change was recorded.
    pub columns: usize,
    /// Primary-key values, in key order.
    pub pk: Vec<Value>,
    /// Indexes of the primary-key columns.
    pub pk_columns: Vec<usize>,
    /// The change.
    pub change: RowChange,
}

fn owned(v: rusqlite::Result<ValueRef<'_>>) -> Option<Value> {
    v.ok().map(Value::from)
}

/// Decodes a binary changeset.
pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<RowOp>, StoreError> {
    let mut reader: &[u8] = bytes;
    let input: &mut dyn Read = &mut reader;
    let mut iter = ChangesetIter::start_strm(&input)?;
    let mut ops = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let columns = usize::try_from(op.number_of_columns()).unwrap_or(0);
        let pk_columns: Vec<usize> = item
            .pk()?
            .iter()
            .enumerate()
            .filter(|(_, flag)| **flag != 0)
            .map(|(i, _)| i)
            .collect();
        let table = op.table_name().to_string();
        let code = op.code();
        let all = |old: bool| -> Vec<Value> {
            (0..columns)
                .map(|c| {
                    let v = if old {
                        item.old_value(c)
                    } else {
                        item.new_value(c)
                    };
                    owned(v).unwrap_or(Value::Null)
                })
                .collect()
        };
        let (change, pk) = match code {
            Action::SQLITE_INSERT => {
                let row = all(false);
                let pk = pk_columns.iter().map(|&c| row[c].clone()).collect();
                (RowChange::Insert(row), pk)
            }
            Action::SQLITE_DELETE => {
                let row = all(true);
                let pk = pk_columns.iter().map(|&c| row[c].clone()).collect();
                (RowChange::Delete(row), pk)
            }
            Action::SQLITE_UPDATE => {
                let pk = pk_columns
                    .iter()
                    .map(|&c| owned(item.old_value(c)).unwrap_or(Value::Null))
                    .collect();
                let changed = (0..columns)
                    .filter(|c| !pk_columns.contains(c))
                    .filter_map(|c| {
                        let new = owned(item.new_value(c))?;
                        let old = owned(item.old_value(c)).unwrap_or(Value::Null);
                        Some((c, old, new))
                    })
                    .collect();
                (RowChange::Update(changed), pk)
            }
            _ => continue,
        };
        ops.push(RowOp {
            table,
            columns,
            pk,
            pk_columns,
            change,
        });
    }
    Ok(ops)
}

/// A value as JSON: integers and text as themselves, reals as `{"r": x}`, blobs as `{"b": hex}`.
pub(crate) fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => serde_json::json!(i),
        Value::Real(f) => serde_json::json!({ "r": f }),
        Value::Text(s) => serde_json::json!(s),
        Value::Blob(b) => serde_json::json!({ "b": hex::encode(b) }),
    }
}

/// The value a [`to_json`] text stands for.
pub(crate) fn from_json(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default())),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(o) => {
            if let Some(r) = o.get("r").and_then(|r| r.as_f64()) {
                Value::Real(r)
            } else {
                let b = o.get("b").and_then(|b| b.as_str()).unwrap_or_default();
                Value::Blob(hex::decode(b).unwrap_or_default())
            }
        }
        other => Value::Text(other.to_string()),
    }
}

/// A list of values as JSON text (primary keys, whole rows).
pub(crate) fn values_text(values: &[Value]) -> String {
    serde_json::Value::Array(values.iter().map(to_json).collect()).to_string()
}

/// The values of a [`values_text`].
pub(crate) fn values_from_text(text: &str) -> Vec<Value> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => items.iter().map(from_json).collect(),
        _ => Vec::new(),
    }
}

/// The clocks of a row's fields: column name → HLC, `*` for the rest.
pub(crate) type Versions = BTreeMap<String, String>;

/// The clock of `column` in `versions` (empty text: older than any change).
pub(crate) fn version_of<'a>(versions: &'a Versions, column: &str) -> &'a str {
    versions
        .get(column)
        .or_else(|| versions.get("*"))
        .map(String::as_str)
        .unwrap_or("")
}

/// A table's column names in order and which of them form the primary key.
#[derive(Clone, Debug)]
pub(crate) struct TableInfo {
    /// Column names by index.
    pub columns: Vec<String>,
}

/// The column names of `table` (empty when there is no such table).
pub(crate) fn table_info(conn: &Connection, table: &str) -> Result<TableInfo, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let columns = stmt
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(TableInfo { columns })
}

/// `"name"` with inner quotes doubled: names come from the schema, never from input.
pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_from_their_json_form() {
        let values = vec![
            Value::Null,
            Value::Integer(-7),
            Value::Real(1.5),
            Value::Text("かな".into()),
            Value::Blob(vec![0, 255]),
        ];
        assert_eq!(values_from_text(&values_text(&values)), values);
    }
}
