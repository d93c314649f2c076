//! A small CSV reader for what Excel writes: fields separated by commas (tabs for Unicode
//! text), records by CRLF, LF or CR, quoted fields with `""` and embedded newlines and
//! commas. Each record keeps the row number Excel shows (the header is row 1).

/// One record of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Record {
    /// The row number as Excel shows it: the n-th record is row n, whatever newlines
    /// its quoted fields hold.
    pub row: u32,
    /// The fields, unquoted.
    pub fields: Vec<String>,
}

impl Record {
    /// Whether every field is empty or whitespace (Excel saves such rows at the end).
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Why the file could not be split into records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum CsvError {
    /// A quoted field runs to the end of the file; the record began on this row.
    UnclosedQuote {
        /// The row the record began on.
        row: u32,
    },
    /// More records than the import takes at once.
    TooManyRows {
        /// The limit.
        max: u32,
    },
}

/// The delimiter of `text`: a tab when the first line has tabs and no commas, else a comma.
pub(super) fn delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or_default();
    if first.contains('\t') && !first.contains(',') {
        '\t'
    } else {
        ','
    }
}

/// Splits `text` into records; at most `max_rows` of them.
pub(super) fn read(text: &str, delimiter: char, max_rows: u32) -> Result<Vec<Record>, CsvError> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut record_has_content = false;
    let mut row: u32 = 1;
    let mut push_record = |fields: &mut Vec<String>, row: &mut u32| -> Result<(), CsvError> {
        if *row > max_rows {
            return Err(CsvError::TooManyRows { max: max_rows });
        }
        records.push(Record {
            row: *row,
            fields: std::mem::take(fields),
        });
        *row += 1;
        Ok(())
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        record_has_content = true;
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                fields.push(std::mem::take(&mut field));
                push_record(&mut fields, &mut row)?;
                at_field_start = true;
                record_has_content = false;
            }
            c => {
                // A quote inside an unquoted field is kept as typed, as Excel reads it.
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if in_quotes {
        return Err(CsvError::UnclosedQuote { row });
    }
    if record_has_content {
        fields.push(field);
        push_record(&mut fields, &mut row)?;
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        read(text, ',', 1000)
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_keep_commas_newlines_and_doubled_quotes() {
        let got = rows("a,b\r\n\"x,1\",\"line1\r\nline2 \"\"q\"\"\"\r\n");
        assert_eq!(
            got,
            vec![vec!["a", "b"], vec!["x,1", "line1\r\nline2 \"q\""]]
        );
    }

    #[test]
    fn a_record_with_newlines_in_a_field_is_one_excel_row() {
        let records = read("h\r\n\"a\nb\"\r\nc", ',', 10).unwrap();
        let numbers: Vec<u32> = records.iter().map(|r| r.row).collect();
        assert_eq!(numbers, [1, 2, 3]);
    }

    #[test]
    fn lf_cr_and_crlf_all_end_a_record_and_the_last_newline_adds_nothing() {
        assert_eq!(rows("a\nb\rc\r\n"), vec![vec!["a"], vec!["b"], vec!["c"]]);
        assert_eq!(rows("a,"), vec![vec!["a", ""]]);
    }

    #[test]
    fn an_unclosed_quote_names_the_row_it_began_on() {
        assert_eq!(
            read("h\r\nok\r\n\"open\r\nmore", ',', 10),
            Err(CsvError::UnclosedQuote { row: 3 })
        );
    }

    #[test]
    fn tab_separated_unicode_text_is_recognised() {
        assert_eq!(delimiter("氏名\tふりがな\r\n"), '\t');
        assert_eq!(delimiter("氏名,ふりがな\t"), ',');
    }

    #[test]
    fn too_many_rows_are_refused() {
        assert_eq!(
            read("a\nb\nc\n", ',', 2),
            Err(CsvError::TooManyRows { max: 2 })
        );
    }
}
