//! Employer rows: 企業名, 業種, 所在地, 電話番号, 担当者, 備考, through `add_employer_in`.
//! Names are not unique in the core, so a name already there (or earlier in the file) is
//! reported as a possible duplicate, never refused.

use std::collections::HashMap;

use super::columns::{Column, Row};
use super::{row_error, RowDone};
use crate::employment::employers::{add_employer_in, EmployerInput};
use crate::store::{StoreError, Tx};
use crate::Result;

const NAME: &str = "企業名";
const INDUSTRY: &str = "業種";
const ADDRESS: &str = "所在地";
const PHONE: &str = "電話番号";
const CONTACT: &str = "担当者";
const NOTES: &str = "備考";

/// The columns of an employer file.
pub(super) const COLUMNS: &[Column] = &[
    Column::new(
        NAME,
        &["事業所名", "企業・事業所名", "会社名", "企業名・事業所名"],
        true,
        &["employer_name"],
    ),
    Column::new(INDUSTRY, &[], false, &["industry"]),
    Column::new(ADDRESS, &["住所"], false, &["address"]),
    Column::new(PHONE, &["電話", "TEL"], false, &["phone"]),
    Column::new(
        CONTACT,
        &["先方の担当者", "先方担当者"],
        false,
        &["contact_person"],
    ),
    Column::new(NOTES, &["メモ"], false, &["notes"]),
];

/// Employer names seen, for the duplicate report.
#[derive(Default)]
pub(super) struct Context {
    /// Ids by compared name, filled from the database on first use and by each row.
    by_name: Option<HashMap<String, Vec<String>>>,
}

/// An employer name as compared: NFKC, no spaces, 株式会社 and (株) alike.
pub(super) fn name_key(name: &str) -> String {
    crate::text::nfkc(name)
        .replace("株式会社", "(株)")
        .replace("有限会社", "(有)")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl Context {
    fn names(&mut self, tx: &Tx<'_>) -> Result<&mut HashMap<String, Vec<String>>> {
        if self.by_name.is_none() {
            let mut stmt = tx
                .conn()
                .prepare("SELECT id, name FROM employers")
                .map_err(StoreError::from)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(StoreError::from)?;
            let mut map: HashMap<String, Vec<String>> = HashMap::new();
            for row in rows {
                let (id, name) = row.map_err(StoreError::from)?;
                map.entry(name_key(&name)).or_default().push(id);
            }
            self.by_name = Some(map);
        }
        Ok(self.by_name.get_or_insert_with(HashMap::new))
    }
}

/// Reads one employer row and adds the employer inside `tx`.
pub(super) fn import_row(
    tx: &mut Tx<'_>,
    ctx: &mut Context,
    row: &mut Row<'_>,
) -> Result<Option<RowDone>> {
    let input = EmployerInput {
        name: row.text(NAME),
        industry: row.text(INDUSTRY),
        address: row.text(ADDRESS),
        phone: row.text(PHONE),
        contact_person: row.text(CONTACT),
        notes: row.text(NOTES),
    };
    let key = name_key(&input.name);
    let duplicates_of = ctx.names(tx)?.get(&key).cloned().unwrap_or_default();
    let id = match add_employer_in(tx, &input) {
        Ok(id) => id,
        Err(e) => {
            row_error(row, e)?;
            return Ok(None);
        }
    };
    ctx.names(tx)?.entry(key).or_default().push(id.to_string());
    Ok(Some(RowDone {
        id: id.to_string(),
        duplicates_of,
    }))
}
