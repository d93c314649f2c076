//! `hotto demo`, `hotto stats` and the domain commands as a script or an administrator uses them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, OnceLock};

const BIN: &str = env!("CARGO_BIN_EXE_hotto");

fn hotto(dir: &Path, user: &str, password: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("HOTTO_USER", user)
        .env("HOTTO_PASSWORD", password)
        .env_remove("HOTTO_DATA_DIR")
        .output()
        .expect("run hotto")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One demo built with the command for every test here, used by one test at a time.
fn demo_dir() -> (MutexGuard<'static, ()>, &'static Path) {
    static DEMO: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    static OPEN: Mutex<()> = Mutex::new(());
    let (_, dir) = DEMO.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("demo");
        let out = hotto(
            &dir,
            "",
            "",
            &[
                "demo",
                "--scale",
                "1",
                "--seed",
                "42",
                "--today",
                "令和7年11月25日",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("director"), "{}", stdout(&out));
        (tmp, dir)
    });
    (
        OPEN.lock().unwrap_or_else(|e| e.into_inner()),
        dir.as_path(),
    )
}

fn director(dir: &Path, args: &[&str]) -> Output {
    hotto(dir, "director", "hotto-demo", args)
}

#[test]
fn stats_prints_the_reference_figures_of_the_demo() {
    let (_open, dir) = demo_dir();
    let out = director(dir, &["stats", "--fy", "2024", "--as-of", "2024-12-31"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in {text}"))
            .to_string()
    };
    assert!(line("年度末登録者数").contains("666"), "{text}");
    assert!(line("継続就労者数").contains("452"), "{text}");
    assert!(text.starts_with("令和6年度"), "{text}");
}

#[test]
fn stats_reads_fiscal_years_and_dates_in_wareki_too() {
    let (_open, dir) = demo_dir();
    let western = director(dir, &["stats", "--fy", "2024", "--as-of", "2024-12-31"]);
    let wareki = director(
        dir,
        &["stats", "--fy", "令和6年度", "--as-of", "令和6年12月31日"],
    );
    let short = director(dir, &["stats", "--fy", "R6", "--as-of", "R6.12.31"]);
    assert!(wareki.status.success(), "{}", stderr(&wareki));
    assert_eq!(stdout(&western), stdout(&wareki));
    assert_eq!(stdout(&western), stdout(&short));
}

#[test]
fn stats_as_json_holds_the_five_figures_with_targets_and_the_monthly_series() {
    let (_open, dir) = demo_dir();
    let out = director(
        dir,
        &["stats", "--fy", "R7", "--as-of", "2025-11-25", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let five = &json["five_figures"];
    assert_eq!(five["fiscal_year"], 2025);
    assert_eq!(five["registered_end"]["target"], 700);
    assert_eq!(five["continuing_end"]["target"], 450);
    assert_eq!(five["new_inquiries"]["target"], 100);
    let months = json["monthly"]["months"].as_array().expect("months");
    assert_eq!(months.len(), 12);
    assert!(months[7]["figures"].is_object(), "November is counted");
    assert!(months[8]["figures"].is_null(), "December has not begun");
    // The last counted month's stock is the five figures' stock.
    assert_eq!(
        months[7]["figures"]["registered"],
        five["registered_end"]["actual"]
    );
}

#[test]
fn a_mistyped_fiscal_year_or_date_is_one_line_on_stderr() {
    let (_open, dir) = demo_dir();
    for args in [
        vec!["stats", "--fy", "来年度"],
        vec!["stats", "--fy", "2024", "--as-of", "2025-02-30"],
        vec!["fte", "--date", "R7.13.1"],
    ] {
        let out = director(dir, &args);
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(
            stderr(&out).lines().count(),
            1,
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn worklist_client_search_and_fte_answer_from_the_demo_center() {
    let (_open, dir) = demo_dir();
    let out = director(dir, &["worklist"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("期限超過の定着フォロー") && text.contains("近況確認"),
        "{text}"
    );

    let out = director(dir, &["worklist", "--staff", "試験花子", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(doc["overdue"].is_array() && doc["check_ins"].is_array());

    let out = director(dir, &["worklist", "--staff", "存在しない人"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).lines().count(), 1);

    let out = director(dir, &["fte", "--date", "令和7年4月1日"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("合計 10名 8.2"), "{text}");
    assert!(
        text.contains("8.2名ですが、計画書の合計は8.4名です"),
        "{text}"
    );
}

#[test]
fn client_search_finds_clients_by_kana_in_any_form() {
    let (_open, dir) = demo_dir();
    let out = director(dir, &["client", "search", "あ"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = stdout(&out)
        .lines()
        .next()
        .map(str::to_string)
        .expect("some clients");
    let kana = first
        .split('（')
        .nth(1)
        .and_then(|r| r.split('）').next())
        .unwrap()
        .to_string();
    let katakana: String = kana
        .chars()
        .map(|c| {
            if ('ぁ'..='ゖ').contains(&c) {
                char::from_u32(c as u32 + 0x60).unwrap()
            } else {
                c
            }
        })
        .collect();
    let out = director(dir, &["client", "search", &katakana]);
    assert!(stdout(&out).contains(&kana), "{katakana}: {}", stdout(&out));
}

#[test]
fn demo_refuses_a_today_before_the_reference_day() {
    let tmp = tempfile::tempdir().unwrap();
    let out = hotto(tmp.path(), "", "", &["demo", "--today", "2024-06-01"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(!tmp.path().join("keys.json").exists());
}
