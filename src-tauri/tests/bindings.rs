//! The committed `ui/src/bindings.ts` must be exactly what the commands export,
//! and every command the bindings call must be granted by the access manifest.

const STALE: &str =
    "ui/src/bindings.ts is stale: run `cargo run -p hotto-app --bin export-bindings`";

fn exported() -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bindings.ts");
    hotto_app::export_bindings(&path).expect("export bindings");
    std::fs::read_to_string(&path).expect("read exported bindings")
}

#[test]
fn committed_bindings_match_the_commands() {
    let committed = std::fs::read_to_string(hotto_app::committed_bindings_path())
        .unwrap_or_else(|e| panic!("{STALE} (could not read it: {e})"));
    assert!(exported() == committed, "{STALE}");
}

#[test]
fn exporting_twice_gives_the_same_text() {
    assert_eq!(exported(), exported());
}

#[test]
fn every_exported_command_is_in_the_access_manifest() {
    let bindings = exported();
    let invoked: Vec<&str> = bindings
        .split("TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let mut invoked_sorted = invoked.clone();
    invoked_sorted.sort_unstable();
    let mut granted = hotto_app::commands::COMMAND_NAMES.to_vec();
    granted.sort_unstable();
    assert_eq!(
        invoked_sorted, granted,
        "src/commands/names.rs must list exactly the registered commands"
    );
}
