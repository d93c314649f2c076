//! Shared by the shell's command tests: the demo center, built once per test
//! binary into Cargo's temp folder for tests. A `TempDir` in a static is never
//! dropped, so a demo in the system temp folder was left behind after every run.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hotto::DataDir;

/// The demo center as of `today`, built on first use into `target/tmp/demo-<name>`
/// (replacing what an earlier run left there).
pub fn built_demo(name: &str, today: chrono::NaiveDate) -> &'static Path {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("demo-{name}"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("remove the earlier demo");
        }
        let options = hotto::demo::DemoOptions::new(today);
        hotto::demo::build(&DataDir::at(&dir), &options, &mut |_| {})
            .expect("build the demo center");
        dir
    })
}
