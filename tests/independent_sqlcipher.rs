//! If this software is ever gone, IT staff open the file with any SQLCipher 4 tool
//! and the raw key from the recovery sheet. Checked with PyPI's sqlcipher3-binary.
//!
//! The test script installs it into a venv and sets `HOTTO_TEST_PYTHON`; when that
//! is set the check is mandatory. Run alone without it, the test says so and passes.

mod common;

use common::*;
use hotto::recovery;

#[test]
fn an_independent_sqlcipher_opens_the_database_with_the_recovery_sheet_key() {
    let Some(python) = std::env::var_os("HOTTO_TEST_PYTHON") else {
        eprintln!("HOTTO_TEST_PYTHON not set: skipping (scripts/test.sh sets it up)");
        return;
    };
    let (_tmp, dir, mut store, director) = new_center();
    add_staff(&mut store, &director, "yamada", "山田", "yamada-pass-1");
    let secrets = recovery::issue_recovery_secrets(&mut store, &director).unwrap();
    drop(store);

    let helper = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/helpers/sqlcipher_open.py"
    );
    let out = std::process::Command::new(python)
        .arg(helper)
        .arg(dir.database())
        .arg(secrets.raw_key_hex.as_str())
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("users=2 audit="), "{stdout}");
}
