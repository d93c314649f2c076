//! 復旧用シート: the one-page sheet printed when the database key is issued. It carries the
//! recovery code (to set a new director password in the app) and the raw database key (to
//! open the file with any SQLCipher 4 tool if the software itself is gone), with instructions
//! for both and for keeping the sheet locked away.

use super::layout::{Report, ReportMeta};
use super::ReportError;

/// Title printed on the sheet and in its header.
const TITLE: &str = "復旧用シート（厳重保管）";

/// Length of the raw key in hexadecimal characters (32 bytes).
const RAW_KEY_HEX_LEN: usize = 64;

/// What a recovery sheet prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoverySheet {
    /// The facility's name.
    pub facility: String,
    /// Date of issue in 和暦, as written by `calendar` (e.g. `令和7年4月1日`).
    pub issued: String,
    /// File name of the database (no folder), e.g. `hotto.db`.
    pub database_file: String,
    /// The recovery code as issued. Printed in groups of four unless it already has
    /// separators (`-` or spaces), which are then kept as they are.
    pub recovery_code: String,
    /// The raw SQLCipher key: 64 hexadecimal characters.
    pub raw_key_hex: String,
    /// Role of the person who printed the sheet (e.g. `施設長`).
    pub issued_by: String,
}

/// Lays out the recovery sheet as a one-page PDF.
pub fn recovery_sheet(s: &RecoverySheet) -> Result<Vec<u8>, ReportError> {
    let key = raw_key(&s.raw_key_hex)?;
    for (field, value) in [
        ("facility", &s.facility),
        ("issued", &s.issued),
        ("database_file", &s.database_file),
        ("recovery_code", &s.recovery_code),
        ("issued_by", &s.issued_by),
    ] {
        if value.trim().is_empty() {
            return Err(ReportError::MissingField { field });
        }
    }
    let file = shell_word(&s.database_file);
    let mut doc = Report::new(ReportMeta {
        facility: s.facility.clone(),
        title: TITLE.to_string(),
        issued: format!("{}発行", s.issued.trim_end_matches("発行")),
    })?;

    doc.heading(1, TITLE);
    doc.paragraph(
        "このシートは、ほっとのデータベース（利用者の記録をすべて含む暗号化されたファイル）を\
         開くための復旧コードと鍵を印刷したものです。施設長のパスワードを忘れたときや、\
         ほっとが使えなくなったときに、記録を取り戻すために使います。",
    );
    doc.notice(
        "このシートがあれば、誰でもすべての利用者の記録を読むことができます。\
         施錠できる書庫に保管し、コピー・撮影・持ち出しはしないでください。\n\
         ほっとで「鍵の再発行」を行うと、このシートは無効になります。新しいシートを印刷して\
         同じように保管し、このシートはシュレッダーで廃棄してください。",
    );
    doc.key_value("施設", &s.facility);
    doc.key_value("ファイル名", &s.database_file);
    doc.key_value("発行日", &s.issued);
    doc.key_value("発行者", &s.issued_by);

    doc.heading(2, "復旧コード");
    doc.code_block(&[&group_recovery_code(&s.recovery_code)], 18.0, 0.2);
    doc.paragraph(
        "施設長のパスワードを忘れたときは、ほっとのサインイン画面で「復旧コードでサインイン」を選び、\
         この復旧コードを入力してください。新しい施設長パスワードを設定できます。",
    );

    doc.heading(2, "データベースの鍵（16進数64桁）");
    let groups: Vec<&str> = key
        .as_bytes()
        .chunks(8)
        .filter_map(|g| std::str::from_utf8(g).ok())
        .collect();
    let first = groups[..4].join(" ");
    let second = groups[4..].join(" ");
    doc.code_block(&[&first, &second], 14.0, 0.12);

    doc.heading(2, "システム担当者の方へ（ほっとが使えなくなったとき）");
    doc.paragraph(
        "データベースファイルは SQLCipher 4 で暗号化された SQLite データベースです。\
         SQLCipher 4 に対応したツール（sqlcipher コマンドなど）で、ほっとがなくても開けます。\
         ファイルのあるフォルダで次のとおり入力し、最後の行で数字が表示されれば鍵は正しく指定されています。",
    );
    let pragma = format!("PRAGMA key = \"x'{key}'\";");
    let open = format!("sqlcipher {file}");
    doc.code_block(
        &[&open, &pragma, "SELECT count(*) FROM sqlite_master;"],
        9.5,
        0.05,
    );
    doc.note(
        "2行目の鍵は、上の64桁を空白を除いてつなげたものです。鍵の前には二重引用符・x・アポストロフィ（\"x'）、\
         後ろにはアポストロフィ・二重引用符（'\"）が付きます（いずれも半角）。\
         「file is not a database」と表示されたときは、鍵の入力誤りか、鍵を再発行する前の古いシートです。\
         取り出した記録は要配慮個人情報です。暗号化されていない複製を残さないでください。",
    );
    doc.finish()
}

/// The key in upper case after checking it is 64 hexadecimal characters.
fn raw_key(hex: &str) -> Result<String, ReportError> {
    let hex = hex.trim();
    if hex.len() != RAW_KEY_HEX_LEN || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ReportError::RawKeyMalformed {
            length: hex.chars().count(),
        });
    }
    Ok(hex.to_ascii_uppercase())
}

/// The recovery code in groups of four, unless it already carries its own separators.
fn group_recovery_code(code: &str) -> String {
    let code = code.trim();
    if code.contains(['-', ' ']) {
        return code.to_string();
    }
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The file name as one word on a command line, quoted if it has spaces.
fn shell_word(file: &str) -> String {
    if file.contains(char::is_whitespace) {
        format!("\"{file}\"")
    } else {
        file.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> RecoverySheet {
        RecoverySheet {
            facility: "小平市障害者就労・生活支援センター「ほっと」".into(),
            issued: "令和7年4月1日".into(),
            database_file: "hotto.db".into(),
            recovery_code: "K7PQ2XMD9RTA4WHE".into(),
            raw_key_hex: "3f9a0c1be47d2a5f6b8e9c0d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d".into(),
            issued_by: "施設長".into(),
        }
    }

    #[test]
    fn recovery_codes_print_in_groups_of_four() {
        assert_eq!(
            group_recovery_code("K7PQ2XMD9RTA4WHE"),
            "K7PQ-2XMD-9RTA-4WHE"
        );
        assert_eq!(group_recovery_code("K7PQ2X"), "K7PQ-2X");
        assert_eq!(group_recovery_code(" AB-CD "), "AB-CD");
    }

    #[test]
    fn the_raw_key_must_be_64_hex_characters() {
        let key = "ab".repeat(32);
        assert_eq!(raw_key(&key), Ok("AB".repeat(32)));
        assert_eq!(
            raw_key("abc"),
            Err(ReportError::RawKeyMalformed { length: 3 })
        );
        let not_hex = "g".repeat(64);
        assert_eq!(
            raw_key(&not_hex),
            Err(ReportError::RawKeyMalformed { length: 64 })
        );
    }

    #[test]
    fn an_empty_field_is_refused() {
        let mut sheet = sample();
        sheet.recovery_code = " ".into();
        assert_eq!(
            recovery_sheet(&sheet),
            Err(ReportError::MissingField {
                field: "recovery_code"
            })
        );
    }

    #[test]
    fn file_names_with_spaces_are_quoted_for_the_shell() {
        assert_eq!(shell_word("hotto.db"), "hotto.db");
        assert_eq!(shell_word("ほっと 2025.db"), "\"ほっと 2025.db\"");
    }

    #[test]
    fn the_sheet_is_a_pdf() {
        let pdf = recovery_sheet(&sample()).expect("sheet");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
