//! The app's command line: only `--data-dir DIR`, as in the CLI. Anything else is
//! ignored with a warning, because WebKit's WebDriver (end-to-end tests) starts the
//! app with arguments of its own (`--automation`).

use std::ffi::OsString;
use std::path::PathBuf;

/// The data dir given with `--data-dir DIR` or `--data-dir=DIR`, if any.
pub fn data_dir(args: impl IntoIterator<Item = OsString>) -> Result<Option<PathBuf>, String> {
    let mut args = args.into_iter();
    let mut found = None;
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--data-dir" {
            let value = args
                .next()
                .ok_or_else(|| "--data-dir needs a folder: --data-dir DIR".to_string())?;
            found = Some(PathBuf::from(value));
        } else if let Some(value) = text.strip_prefix("--data-dir=") {
            found = Some(PathBuf::from(value));
        } else if text != "--automation" {
            eprintln!("hotto-app: ignoring unknown argument {text:?}");
        }
    }
    match found {
        Some(path) if path.as_os_str().is_empty() => {
            Err("--data-dir needs a folder: --data-dir DIR".to_string())
        }
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<PathBuf>, String> {
        data_dir(args.iter().map(OsString::from))
    }

    #[test]
    fn data_dir_is_taken_in_both_spellings() {
        assert_eq!(
            parse(&["--data-dir", "/tmp/a"]),
            Ok(Some(PathBuf::from("/tmp/a")))
        );
        assert_eq!(
            parse(&["--data-dir=/tmp/b"]),
            Ok(Some(PathBuf::from("/tmp/b")))
        );
    }

    #[test]
    fn no_data_dir_leaves_the_choice_to_the_core() {
        assert_eq!(parse(&[]), Ok(None));
        assert_eq!(parse(&["--automation"]), Ok(None));
    }

    #[test]
    fn a_data_dir_flag_without_a_folder_is_refused() {
        assert!(parse(&["--data-dir"]).is_err());
        assert!(parse(&["--data-dir="]).is_err());
    }
}
