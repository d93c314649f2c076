//! Which text encoding a CSV file is in, as Excel saves it: "CSV UTF-8" (with a BOM),
//! plain UTF-8, "CSV (コンマ区切り)" in CP932/Shift_JIS, or "Unicode テキスト" (UTF-16).
//! A BOM decides; else valid UTF-8 is UTF-8; else CP932, which must decode without a fault.

use serde::Serialize;

/// The encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// CP932 (Windows Shift_JIS), Excel's plain "CSV" on a Japanese PC.
    ShiftJis,
    /// UTF-16 little-endian with a BOM (Excel's "Unicode テキスト", tab-separated).
    Utf16Le,
    /// UTF-16 big-endian with a BOM.
    Utf16Be,
}

impl Encoding {
    /// The name shown to staff.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8Bom => "UTF-8（BOM付き）",
            Encoding::Utf8 => "UTF-8",
            Encoding::ShiftJis => "Shift_JIS（CP932）",
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16（Unicode テキスト）",
        }
    }
}

/// The file's text, or `None` when it is in no encoding we know (nothing is guessed).
pub(super) fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    let (boms, encoding): (&[u8], Encoding) = match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (&bytes[3..], Encoding::Utf8Bom),
        [0xFF, 0xFE, ..] => (&bytes[2..], Encoding::Utf16Le),
        [0xFE, 0xFF, ..] => (&bytes[2..], Encoding::Utf16Be),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => return Some((text.to_string(), Encoding::Utf8)),
            Err(_) => (bytes, Encoding::ShiftJis),
        },
    };
    let codec = match encoding {
        Encoding::Utf8Bom | Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::ShiftJis => encoding_rs::SHIFT_JIS,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
    };
    codec
        .decode_without_bom_handling_and_without_replacement(boms)
        .map(|text| (text.into_owned(), encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_means_utf8_and_is_dropped() {
        let (text, enc) = decode("\u{feff}氏名".as_bytes()).unwrap();
        assert_eq!((text.as_str(), enc), ("氏名", Encoding::Utf8Bom));
    }

    #[test]
    fn cp932_bytes_are_read_as_shift_jis() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("氏名,ふりがな\r\n山田,やまだ");
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::ShiftJis);
        assert_eq!(text, "氏名,ふりがな\r\n山田,やまだ");
    }

    #[test]
    fn bytes_in_no_known_encoding_are_refused() {
        assert!(decode(&[0x82, 0xA0, 0xFF, 0xFF, 0x81]).is_none());
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "氏名\tふりがな".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!((text.as_str(), enc), ("氏名\tふりがな", Encoding::Utf16Le));
    }
}
