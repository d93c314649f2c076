//! The columns of each kind of import, found by their Japanese headers (with the usual
//! variants: フリガナ for ふりがな, 電話 for 電話番号, full- or half-width, a trailing ※ or
//! （必須）), and the readers that turn a cell into a value or a problem naming the column.

use chrono::NaiveDate;

use super::RowProblem;
use crate::calendar::parse_date;
use crate::error::{Field, Problem};
use crate::CoreError;

/// One column an import reads.
#[derive(Clone, Copy, Debug)]
pub(super) struct Column {
    /// The header as documented.
    pub label: &'static str,
    /// Other headers accepted for it.
    pub aliases: &'static [&'static str],
    /// Whether a file without this column is refused.
    pub required: bool,
    /// The core's field names whose errors belong to this column.
    pub fields: &'static [&'static str],
}

impl Column {
    /// A column; see the fields.
    pub const fn new(
        label: &'static str,
        aliases: &'static [&'static str],
        required: bool,
        fields: &'static [&'static str],
    ) -> Self {
        Column {
            label,
            aliases,
            required,
            fields,
        }
    }
}

/// A header cell as compared: NFKC, no spaces, no marks of a required column.
fn header_key(text: &str) -> String {
    crate::text::nfkc(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '※'))
        .collect::<String>()
        .replace("(必須)", "")
}

/// Where each column of a kind sits in the file.
#[derive(Clone, Debug)]
pub(super) struct Header {
    columns: &'static [Column],
    /// For each column of the kind, its index in the file and its header as written.
    found: Vec<Option<(usize, String)>>,
    /// Headers the import does not read.
    pub ignored: Vec<String>,
}

impl Header {
    /// Matches the header row against `columns`; problems for missing required
    /// columns and for a column given twice (row 1).
    pub fn read(columns: &'static [Column], cells: &[String]) -> (Header, Vec<RowProblem>) {
        let mut found: Vec<Option<(usize, String)>> = vec![None; columns.len()];
        let mut ignored = Vec::new();
        let mut problems = Vec::new();
        for (index, cell) in cells.iter().enumerate() {
            let key = header_key(cell);
            if key.is_empty() {
                continue;
            }
            let column = columns.iter().position(|c| {
                header_key(c.label) == key || c.aliases.iter().any(|a| header_key(a) == key)
            });
            match column {
                Some(i) if found[i].is_some() => problems.push(RowProblem::new(
                    1,
                    cell.trim(),
                    format!(
                        "「{}」の列が2つあります。1つにしてください。",
                        columns[i].label
                    ),
                )),
                Some(i) => found[i] = Some((index, cell.trim().to_string())),
                None => ignored.push(cell.trim().to_string()),
            }
        }
        for (column, place) in columns.iter().zip(&found) {
            if column.required && place.is_none() {
                problems.push(RowProblem::new(
                    1,
                    column.label,
                    format!(
                        "「{}」の列がありません。1行目に見出しを入れてください。",
                        column.label
                    ),
                ));
            }
        }
        (
            Header {
                columns,
                found,
                ignored,
            },
            problems,
        )
    }

    fn index_of(&self, label: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.label == label)
    }

    /// The header as written in the file for the column `label` (or the label itself).
    pub fn written(&self, label: &str) -> String {
        self.index_of(label)
            .and_then(|i| self.found[i].as_ref())
            .map_or_else(|| label.to_string(), |(_, w)| w.clone())
    }

    /// The column (as written) where an error of the core's field `name` belongs.
    pub fn column_of_field(&self, name: &str) -> Option<String> {
        self.columns
            .iter()
            .find(|c| c.fields.contains(&name))
            .map(|c| self.written(c.label))
    }
}

/// One data row being read: its cells by column, and the problems found so far.
pub(super) struct Row<'a> {
    /// The row number as Excel shows it.
    pub number: u32,
    header: &'a Header,
    cells: &'a [String],
    /// Problems found while reading the cells.
    pub problems: Vec<RowProblem>,
}

impl<'a> Row<'a> {
    /// A row of `cells` under `header`.
    pub fn new(number: u32, header: &'a Header, cells: &'a [String]) -> Self {
        Row {
            number,
            header,
            cells,
            problems: Vec::new(),
        }
    }

    /// The cell of column `label` as typed (empty when the column or cell is missing).
    /// A leading `'` that guards a formula (as our own export writes it) is dropped.
    pub fn text(&self, label: &str) -> String {
        let cell = self
            .header
            .index_of(label)
            .and_then(|i| self.header.found[i].as_ref())
            .and_then(|(index, _)| self.cells.get(*index))
            .map_or("", String::as_str);
        match cell.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
            _ => cell.to_string(),
        }
    }

    /// The column (as written) where an error of the core's field `name` belongs.
    pub fn column_of_field(&self, name: &str) -> Option<String> {
        self.header.column_of_field(name)
    }

    /// Records a problem in column `label`.
    pub fn problem(&mut self, label: &str, message: impl Into<String>) {
        let column = self.header.written(label);
        self.problems
            .push(RowProblem::new(self.number, &column, message.into()));
    }

    /// A date in 西暦 or 和暦; `None` when empty, or when unreadable (with a problem).
    pub fn date(&mut self, label: &str, field: Field) -> Option<NaiveDate> {
        let text = self.text(label);
        if text.trim().is_empty() {
            return None;
        }
        match parse_date(&text) {
            Ok(date) => Some(date),
            Err(e) => {
                let message = CoreError::invalid(field, Problem::Date(e)).message_ja();
                self.problem(label, message);
                None
            }
        }
    }

    /// A value chosen from a list; `None` when empty, or when not on the list (with a
    /// problem that lists the choices, never the value typed).
    pub fn choice<T: Copy>(&mut self, label: &str, choices: &[(T, &[&str])]) -> Option<T> {
        let text = self.text(label);
        if text.trim().is_empty() {
            return None;
        }
        let found = find_choice(&text, choices);
        if found.is_none() {
            self.problem(label, not_a_choice(label, choices));
        }
        found
    }

    /// Several values from a list, separated by 、 , ・ / or spaces.
    pub fn choices<T: Copy + Ord>(&mut self, label: &str, choices: &[(T, &[&str])]) -> Vec<T> {
        let text = self.text(label);
        let mut values = Vec::new();
        let parts = text
            .split(['、', ',', '，', '・', '/', '／', ' ', '　', '\n'])
            .filter(|p| !p.trim().is_empty());
        for part in parts {
            match find_choice(part, choices) {
                Some(v) => values.push(v),
                None => {
                    self.problem(label, not_a_choice(label, choices));
                    break;
                }
            }
        }
        values.sort();
        values.dedup();
        values
    }

    /// A yes/no cell (はい・いいえ, ○・×, 1・0, あり・なし …); `None` when empty or unreadable.
    pub fn yes_no(&mut self, label: &str) -> Option<bool> {
        const YES_NO: &[(bool, &[&str])] = &[
            (
                true,
                &[
                    "はい", "○", "〇", "◯", "1", "有", "あり", "yes", "y", "true", "対象",
                ],
            ),
            (
                false,
                &[
                    "いいえ",
                    "×",
                    "✕",
                    "-",
                    "0",
                    "無",
                    "なし",
                    "no",
                    "n",
                    "false",
                    "対象外",
                ],
            ),
        ];
        self.choice(label, YES_NO)
    }
}

/// How a cell is compared with a choice: NFKC, lower case, no spaces.
fn choice_key(text: &str) -> String {
    crate::text::nfkc(text)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn find_choice<T: Copy>(text: &str, choices: &[(T, &[&str])]) -> Option<T> {
    let key = choice_key(text);
    choices
        .iter()
        .find(|(_, names)| names.iter().any(|n| choice_key(n) == key))
        .map(|(v, _)| *v)
}

fn not_a_choice<T>(label: &str, choices: &[(T, &[&str])]) -> String {
    let names: Vec<&str> = choices
        .iter()
        .filter_map(|(_, names)| names.first().copied())
        .collect();
    format!(
        "{label}は次のいずれかで入力してください: {}",
        names.join("、")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::new("ふりがな", &["フリガナ"], true, &["kana"]),
        Column::new("電話番号", &["電話"], false, &["phone"]),
    ];

    fn cells(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_match_in_any_width_with_required_marks() {
        let (header, problems) = Header::read(COLUMNS, &cells(&["ﾌﾘｶﾞﾅ※", " 電話 ", "No."]));
        assert!(problems.is_empty());
        assert_eq!(header.written("ふりがな"), "ﾌﾘｶﾞﾅ※");
        assert_eq!(header.ignored, ["No."]);
        assert_eq!(header.column_of_field("phone").as_deref(), Some("電話"));
    }

    #[test]
    fn a_missing_required_column_is_a_problem_on_row_one() {
        let (_, problems) = Header::read(COLUMNS, &cells(&["電話番号"]));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, 1);
        assert!(problems[0]
            .message_ja
            .contains("「ふりがな」の列がありません"));
    }

    #[test]
    fn a_formula_guard_from_our_export_is_dropped() {
        let (header, _) = Header::read(COLUMNS, &cells(&["ふりがな", "電話番号"]));
        let data = cells(&["やまだ", "'-123"]);
        let row = Row::new(2, &header, &data);
        assert_eq!(row.text("電話番号"), "-123");
    }

    #[test]
    fn yes_and_no_are_read_in_the_usual_ways() {
        const LIAISON: &[Column] = &[Column::new("連絡会", &[], false, &[])];
        let (header, _) = Header::read(LIAISON, &cells(&["連絡会"]));
        for (text, want) in [("○", Some(true)), ("いいえ", Some(false)), ("", None)] {
            let data = cells(&[text]);
            let mut row = Row::new(2, &header, &data);
            assert_eq!(row.yes_no("連絡会"), want);
            assert!(row.problems.is_empty());
        }
        let data = cells(&["たぶん"]);
        let mut row = Row::new(2, &header, &data);
        assert_eq!(row.yes_no("連絡会"), None);
        assert_eq!(row.problems.len(), 1);
    }
}
