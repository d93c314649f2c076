//! The app benchmark's baseline: the same Tauri build with one window showing an
//! empty page, so that the app's memory is reported against what any Tauri
//! window costs on this machine (`scripts/bench-app.sh`).

fn main() {
    // Painted the way the app paints, so that the baseline differs from the app by the page only.
    hotto_app::choose_frame_transport();
    let mut context = tauri::generate_context!();
    // Not the app's window: a blank page from the same embedded assets.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(
                app,
                "main",
                tauri::WebviewUrl::App("blank.html".into()),
            )
            .title("baseline")
            .inner_size(1280.0, 800.0)
            .build()?;
            Ok(())
        })
        .run(context);
    if let Err(e) = result {
        eprintln!("empty-window: {e}");
        std::process::exit(1);
    }
}
