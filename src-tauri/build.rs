//! Tauri's build step: config, icons and the access-control manifest. The app's
//! commands are declared here so that the webview may call only those granted in
//! `capabilities/` (Tauri denies any command that no capability allows).

include!("src/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/names.rs");
    let manifest = tauri_build::AppManifest::new().commands(COMMAND_NAMES);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build step failed");
}
