//! Writes the TypeScript bindings to `ui/src/bindings.ts` without opening a window:
//! `cargo run -p hotto-app --bin export-bindings`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = hotto_app::committed_bindings_path();
    match hotto_app::export_bindings(&path) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("export-bindings: could not write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
