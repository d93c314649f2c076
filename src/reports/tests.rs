//! Checks of whole PDFs with the poppler tools (`pdftotext`, `pdffonts`, `pdfinfo`) and
//! `qpdf`: the text comes back as Japanese, long tables repeat their header on the next page,
//! and the font is embedded as a subset. Each test prints a note and passes when the tools
//! are not installed (`apt-get install poppler-utils qpdf`).

use std::path::Path;
use std::process::Command;

use super::layout::number;
use super::{recovery_sheet, BarChart, Column, RecoverySheet, Report, ReportMeta, Series, Table};

/// Runs `tool args…` and returns its standard output, or `None` if the tool is not installed.
fn run(tool: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(tool).args(args).output().ok()?;
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn poppler_installed() -> bool {
    let found = ["pdftotext", "pdffonts", "pdfinfo"]
        .iter()
        .all(|tool| Command::new(tool).arg("-v").output().is_ok());
    if !found {
        eprintln!("note: poppler-utils not installed; skipping the PDF text and font checks");
    }
    found
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp PDF");
    path.to_string_lossy().into_owned()
}

fn page_count(pdf: &str) -> usize {
    let info = run("pdfinfo", &[pdf]).unwrap_or_default();
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports pages")
}

/// Text of one page, with all whitespace removed so that line breaks do not matter.
fn page_text(pdf: &str, page: usize) -> String {
    let page = page.to_string();
    run("pdftotext", &["-f", &page, "-l", &page, pdf, "-"])
        .unwrap_or_default()
        .split_whitespace()
        .collect()
}

/// Asserts that every font `pdffonts` lists is embedded and subset, and that there is one.
fn assert_fonts_embedded_and_subset(pdf: &str) {
    let listing = run("pdffonts", &[pdf]).unwrap_or_default();
    let fonts: Vec<Vec<&str>> = listing
        .lines()
        .skip_while(|line| !line.starts_with("---"))
        .skip(1)
        .map(|line| line.split_whitespace().collect())
        .collect();
    assert!(!fonts.is_empty(), "no fonts listed:\n{listing}");
    for columns in &fonts {
        // … emb sub uni object-number generation
        let n = columns.len();
        assert!(n >= 6, "unexpected pdffonts line {columns:?}");
        assert_eq!(columns[n - 5], "yes", "font not embedded: {columns:?}");
        assert_eq!(columns[n - 4], "yes", "font not subset: {columns:?}");
        assert!(columns[0].contains("IPAexGothic"), "{columns:?}");
    }
}

fn assert_qpdf_check_passes(pdf: &str) {
    match Command::new("qpdf").arg("--check").arg(pdf).output() {
        Ok(output) => assert!(
            output.status.success(),
            "qpdf --check failed: {}",
            String::from_utf8_lossy(&output.stdout)
        ),
        Err(_) => eprintln!("note: qpdf not installed; skipping its check"),
    }
}

fn long_report() -> Vec<u8> {
    let mut doc = Report::new(ReportMeta {
        facility: "小平市障害者就労・生活支援センター「ほっと」".into(),
        title: "令和6年度 実績報告書".into(),
        issued: "令和7年4月1日発行".into(),
    })
    .expect("report");
    doc.heading(1, "令和6年度 実績報告書");
    doc.paragraph("本報告書は、令和6年度の事業実績をまとめたものです。");
    doc.heading(2, "月別の新規相談者数");
    doc.bar_chart(&BarChart {
        title: "新規相談者数".into(),
        unit: "人".into(),
        categories: ["4月", "5月", "6月"].map(String::from).to_vec(),
        series: vec![
            Series::new("実績", vec![8.0, 11.0, 9.0]),
            Series::new("目標", vec![8.0, 8.0, 8.0]),
        ],
        ..BarChart::default()
    });
    doc.heading(2, "支援記録の一覧");
    let mut table = Table::new(vec![
        Column::centered("日付", 25.0),
        Column::text("支援の内容", 100.0),
        Column::number("所要時間", 25.0),
    ]);
    for i in 0..60 {
        table.row([
            format!("4月{}日", i % 30 + 1),
            "職場訪問。本人・上司と面談し、業務量と休憩の取り方について確認した。".to_string(),
            number::integer(i * 5 + 15),
        ]);
    }
    doc.table(&table);
    doc.finish().expect("finish")
}

#[test]
fn a_long_table_continues_on_the_next_page_under_its_header() {
    if !poppler_installed() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_temp(dir.path(), "long.pdf", &long_report());

    assert!(page_count(&pdf) >= 2);
    let first = page_text(&pdf, 1);
    for heading in [
        "令和6年度実績報告書",
        "月別の新規相談者数",
        "支援記録の一覧",
    ] {
        assert!(
            first.contains(heading),
            "{heading} missing from page 1: {first}"
        );
    }
    let second = page_text(&pdf, 2);
    for header in ["日付", "支援の内容", "所要時間"] {
        assert!(
            second.contains(header),
            "{header} missing from page 2: {second}"
        );
    }
    assert!(second.contains("小平市障害者就労・生活支援センター「ほっと」"));
    assert!(second.contains("令和7年4月1日発行"));
    let total = page_count(&pdf);
    assert!(
        second.contains(&format!("2/{total}")),
        "page number: {second}"
    );
    assert_fonts_embedded_and_subset(&pdf);
    assert_qpdf_check_passes(&pdf);
}

#[test]
fn the_recovery_sheet_is_one_page_with_the_key_and_the_commands() {
    if !poppler_installed() {
        return;
    }
    let key = "3f9a0c1be47d2a5f6b8e9c0d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    let sheet = RecoverySheet {
        facility: "小平市障害者就労・生活支援センター「ほっと」".into(),
        issued: "令和7年4月1日".into(),
        database_file: "hotto.db".into(),
        recovery_code: "K7PQ2XMD9RTA4WHE".into(),
        raw_key_hex: key.into(),
        issued_by: "施設長".into(),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write_temp(
        dir.path(),
        "recovery.pdf",
        &recovery_sheet(&sheet).expect("sheet"),
    );

    assert_eq!(page_count(&pdf), 1);
    let text = page_text(&pdf, 1);
    let upper = key.to_ascii_uppercase();
    for expected in [
        "復旧用シート（厳重保管）",
        "施錠できる書庫",
        "K7PQ-2XMD-9RTA-4WHE",
        &upper[..32],
        &upper[32..],
        "sqlcipherhotto.db",
        &format!("PRAGMAkey=\"x'{upper}'\";"),
        "SELECTcount(*)FROMsqlite_master;",
        "鍵の再発行",
        "新しい施設長パスワード",
        "令和7年4月1日発行",
    ] {
        assert!(text.contains(expected), "{expected} missing: {text}");
    }
    assert_fonts_embedded_and_subset(&pdf);
    assert_qpdf_check_passes(&pdf);
}
