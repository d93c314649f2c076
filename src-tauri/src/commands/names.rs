/// Every command the webview may call, by its Rust name. Shared by `build.rs`
/// (which turns each into an `allow-…` permission for `capabilities/`) and the
/// bindings test (which checks that the list and the registered commands agree).
pub const COMMAND_NAMES: &[&str] = &[
    "app_info",
    "parse_date",
    "today",
    "sign_in",
    "sign_out",
    "current_session",
    "import_kinds",
    "import_dry_run",
    "import_apply",
    "import_progress",
];
