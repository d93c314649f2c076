//! `hotto-app`: opens the ほっと window. Everything happens in the library.

// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    hotto_app::run(tauri::generate_context!())
}
