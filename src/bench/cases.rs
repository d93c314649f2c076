//! The timed cases, each a call of the same public function the app or the CLI makes: open +
//! sign-in (and the Argon2id KDF alone), the home figures, each worklist, search as you type,
//! a client page with about 500 records, each PDF report, a rehearsed import of 1,000 rows, and
//! a verified backup.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::timing::{measure, Timing};
use super::{
    BenchOptions, BenchRow, Progress, Runs, TARGET_BACKUP_MS, TARGET_PDF_MS, TARGET_QUERY_MS,
    TARGET_SEARCH_MS,
};
use crate::calendar::FiscalYear;
use crate::ids::ClientId;
use crate::reports::{
    ClientSummaryParams, FteSheetParams, HandoutParams, PlanReportParams, ResultsParams,
    StaffMeetingParams,
};
use crate::store::{keys::KdfParams, DataDir, Store, StoreError};
use crate::{figures, reports, retention, Result, Session};

/// Search as staff type a client's kana: one, two and three kana of a reading's start, and
/// three kana from the middle of one (the demo's names are fictional: シケン, タロウ).
pub(super) const SEARCHES: &[(&str, &str)] = &[
    ("1 kana typed (し)", "し"),
    ("2 kana typed (しけ)", "しけ"),
    ("3 kana typed (しけん)", "しけん"),
    ("3 kana, partial match (たろう)", "たろう"),
];

/// The client page is timed on the client whose support records number closest to this.
const CLIENT_PAGE_RECORDS: i64 = 500;

/// What every case runs for.
pub(super) struct Plan {
    /// The demo's today.
    pub today: NaiveDate,
    /// The fiscal year of today (the home screen's).
    pub fy: FiscalYear,
    /// Runs per kind of case.
    pub runs: Runs,
    /// The groups to time (empty: all).
    pub only: Vec<String>,
}

impl Plan {
    pub(super) fn new(today: NaiveDate, options: &BenchOptions) -> Self {
        Plan {
            today,
            fy: FiscalYear::of(today),
            runs: options.runs,
            only: options.only.clone(),
        }
    }

    fn wants(&self, group: &str) -> bool {
        super::wanted(&self.only, group)
    }
}

/// Open + sign-in as the app does it (key slot, Argon2id, SQLCipher open, schema check, audit
/// row), and the Argon2id derivation alone with the same parameters.
pub(super) fn sign_in(dir: &DataDir, login: (&str, &str), runs: usize) -> Result<Vec<BenchRow>> {
    let whole = measure(1, runs, || Store::sign_in(dir, login.0, login.1))?;
    let kdf_params = KdfParams::new_default();
    let kdf = measure(1, runs, || Ok(kdf_params.derive(login.1.as_bytes())?))?;
    Ok(vec![
        BenchRow::new("open", "open + sign-in (whole)", &whole, None),
        BenchRow::new("open", "  of which Argon2id (64 MiB, 3 passes)", &kdf, None),
        // A difference of medians, shown for information: on a busy machine it can read 0.
        BenchRow::new(
            "open",
            "  open + sign-in without Argon2id (difference)",
            &Timing::from_ms(vec![(whole.median_ms() - kdf.median_ms()).max(0.0)]),
            None,
        ),
    ])
}

/// The screens: home figures, each worklist, search as you type, a client page.
pub(super) fn screens(
    store: &mut Store,
    session: &Session,
    plan: &Plan,
    progress: Progress<'_>,
) -> Result<Vec<BenchRow>> {
    let (fy, today, n) = (plan.fy, plan.today, plan.runs.queries);
    let mut rows = Vec::new();
    let mut timed = |group: &'static str,
                     case: String,
                     target: f64,
                     f: &mut dyn FnMut() -> Result<()>|
     -> Result<()> {
        if !plan.wants(group) {
            return Ok(());
        }
        progress(&format!("{group}: {case}"), 0, 0);
        let t = measure(1, n, f)?;
        rows.push(BenchRow::new(group, case, &t, Some(target)));
        Ok(())
    };
    let read = |f: &dyn Fn(&rusqlite::Connection) -> Result<()>| store.read(session, f);

    let home = format!("five figures {}", fy.name_wareki());
    timed("home", home, TARGET_QUERY_MS, &mut || {
        read(&|c| figures::five_figures(c, fy, today).map(drop))
    })?;
    let monthly = format!("monthly series {}", fy.name_wareki());
    timed("home", monthly, TARGET_QUERY_MS, &mut || {
        read(&|c| figures::monthly(c, fy, today).map(drop))
    })?;
    for (name, list) in worklists() {
        timed("worklist", name.to_string(), TARGET_QUERY_MS, &mut || {
            read(&|c| list(c, today))
        })?;
    }
    for &(name, text) in SEARCHES {
        timed("search", name.to_string(), TARGET_SEARCH_MS, &mut || {
            crate::clients::search_clients(store, session, text, 50).map(drop)
        })?;
    }

    if !plan.wants("client") {
        return Ok(rows);
    }
    let (client, records) = client_with_records(store, session, CLIENT_PAGE_RECORDS)?;
    progress("client page", 0, 0);
    let record = measure(1, n, || crate::clients::get_client(store, session, &client))?;
    let timeline = measure(1, n, || {
        crate::records::timeline(store, session, &client, None)
    })?;
    let page = format!("({records} support records)");
    rows.push(BenchRow::new(
        "client",
        format!("client record, audited {page}"),
        &record,
        Some(TARGET_QUERY_MS),
    ));
    rows.push(BenchRow::new(
        "client",
        format!("timeline, audited {page}"),
        &timeline,
        Some(TARGET_QUERY_MS),
    ));
    Ok(rows)
}

/// A worklist query as the retention screen runs it (for everyone, on `today`).
pub(super) type Worklist = fn(&rusqlite::Connection, NaiveDate) -> Result<()>;

/// The four worklists of the retention screen.
pub(super) fn worklists() -> [(&'static str, Worklist); 4] {
    [
        ("overdue follow-ups", |c, d| {
            retention::worklist::overdue(c, d, None).map(drop)
        }),
        ("follow-ups due within 7 days", |c, d| {
            retention::worklist::due_soon(c, d, None).map(drop)
        }),
        ("check-ins (近況確認)", |c, d| {
            retention::worklist::check_ins(c, d, None).map(drop)
        }),
        ("hand-overs ending", |c, d| {
            retention::worklist::handovers_ending(c, d, None).map(drop)
        }),
    ]
}

/// The client whose number of support records is closest to `wanted`, with that number.
fn client_with_records(store: &Store, session: &Session, wanted: i64) -> Result<(ClientId, i64)> {
    store.read(session, |conn| {
        let found: Option<(String, i64)> = conn
            .query_row(
                "SELECT client_id, n FROM (
                     SELECT client_id, count(*) AS n FROM support_records GROUP BY client_id)
                 ORDER BY abs(n - ?1), client_id LIMIT 1",
                [wanted],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(StoreError::from)?;
        let (id, n) = found.ok_or(crate::CoreError::NotFound {
            what: crate::clients::fields::CLIENT,
        })?;
        Ok((ClientId(id), n))
    })
}

/// Each PDF report, from its entry point (gathering + layout + PDF bytes).
pub(super) fn reports(
    store: &mut Store,
    session: &Session,
    plan: &Plan,
    progress: Progress<'_>,
) -> Result<Vec<BenchRow>> {
    let (fy, today, n) = (plan.fy, plan.today, plan.runs.reports);
    let last_year = fy.previous();
    let mut rows = Vec::new();
    let mut timed = |case: String, f: &mut dyn FnMut() -> Result<Vec<u8>>| -> Result<()> {
        progress(&format!("report: {case}"), 0, 0);
        let t = measure(1, n, f)?;
        rows.push(BenchRow::new("report", case, &t, Some(TARGET_PDF_MS)));
        Ok(())
    };
    let plan_params = PlanReportParams {
        fiscal_year: fy,
        issued_on: today,
    };
    timed(format!("事業計画書 {}", fy.name_wareki()), &mut || {
        reports::plan_report(store, session, &plan_params)
    })?;
    let results_params = ResultsParams {
        fiscal_year: last_year,
        as_of: Some(last_year.end()),
        issued_on: today,
    };
    timed(
        format!("実績報告書 {}", last_year.name_wareki()),
        &mut || reports::results_report(store, session, &results_params),
    )?;
    if let Some(meeting) = reports::liaison_meetings(store, session, fy)?
        .into_iter()
        .next()
    {
        let params = HandoutParams {
            meeting_id: meeting.id,
            issued_on: today,
        };
        timed(
            "連絡会資料 (May: last year's results)".into(),
            &mut || reports::liaison_handout(store, session, &params),
        )?;
    }
    let fte_params = FteSheetParams {
        date: fy.start(),
        issued_on: today,
    };
    timed("職員配置表".into(), &mut || {
        reports::fte_sheet(store, session, &fte_params)
    })?;
    let month = today - chrono::Months::new(1);
    let meeting_params = StaffMeetingParams {
        year: chrono::Datelike::year(&month),
        month: chrono::Datelike::month(&month),
        issued_on: today,
    };
    timed("職員会議資料".into(), &mut || {
        reports::staff_meeting_sheet(store, session, &meeting_params)
    })?;
    let (client, _) = client_with_records(store, session, CLIENT_PAGE_RECORDS)?;
    let summary_params = ClientSummaryParams {
        client_id: client,
        from: last_year.start(),
        to: today,
        issued_on: today,
    };
    progress("report: client summary", 0, 0);
    let t = measure(1, n, || {
        reports::client_summary(store, session, &summary_params)
    })?;
    rows.push(BenchRow::new(
        "report",
        "支援経過 (client summary, audited)",
        &t,
        Some(TARGET_PDF_MS),
    ));
    Ok(rows)
}

/// Rows of the generated client file the import case reads.
pub(super) const IMPORT_ROWS: usize = 1_000;

/// A client file of `rows` fictional clients as a center would bring it (UTF-8 with BOM,
/// 和暦 and 西暦 dates, kana in katakana), every row valid.
fn import_csv(rows: usize) -> Vec<u8> {
    const SYLLABLES: [&str; 20] = [
        "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ",
        "タ", "チ", "ツ", "テ", "ト",
    ];
    let mut text = String::from("\u{FEFF}氏名,ふりがな,生年月日,性別,障害種別,初回相談日\r\n");
    for i in 0..rows {
        let kana: String = [i / 400, (i / 20) % 20, i % 20]
            .iter()
            .map(|&n| SYLLABLES[n % SYLLABLES.len()])
            .collect();
        let birth = if i % 2 == 0 {
            format!("昭和{}年{}月{}日", 50 + i % 14, 1 + i % 12, 1 + i % 28)
        } else {
            format!("{}-{:02}-{:02}", 1985 + i % 20, 1 + i % 12, 1 + i % 28)
        };
        let category = ["精神", "知的", "身体", "発達"][i % 4];
        text.push_str(&format!(
            "取込 試験{i},トリコミ {kana},{birth},{},{category},R7.{}.{}\r\n",
            ["男", "女"][i % 2],
            4 + i % 6,
            1 + i % 28
        ));
    }
    text.into_bytes()
}

/// The import of a 1,000-row client file through the app's entry point, rehearsed
/// ([`crate::import::dry_run`], the preview the import screen shows before applying): every
/// row is parsed and written under every rule in a transaction that is rolled back, so the
/// demo center is the same on every run.
pub(super) fn import(
    store: &mut Store,
    session: &Session,
    plan: &Plan,
    progress: Progress<'_>,
) -> Result<Vec<BenchRow>> {
    if !plan.wants("import") {
        return Ok(Vec::new());
    }
    let bytes = import_csv(IMPORT_ROWS);
    progress("import", 0, 0);
    let t = measure(1, plan.runs.reports, || {
        let preview = crate::import::dry_run(
            store,
            session,
            crate::import::ImportKind::Clients,
            &bytes,
            &mut |_| {},
        )?;
        if preview.rows_total as usize != IMPORT_ROWS || !preview.problems.is_empty() {
            return Err(crate::CoreError::rule(
                "the generated import file was not read whole",
                "取り込みの試験ファイルを読み込めませんでした。",
            ));
        }
        Ok(())
    })?;
    Ok(vec![BenchRow::new(
        "import",
        format!("client file of {IMPORT_ROWS} rows, rehearsed (dry run)"),
        &t,
        None,
    )])
}

/// Verified backups into `work_dir` (each written, read back, checked, then deleted).
pub(super) fn backup(
    store: &mut Store,
    session: &Session,
    work_dir: &Path,
    runs: usize,
    progress: Progress<'_>,
) -> Result<BenchRow> {
    let folder = work_dir.join("backups");
    std::fs::create_dir_all(&folder).map_err(|e| StoreError::io("create", &folder, e))?;
    let mut done = 0u64;
    let t = measure(0, runs, || {
        let info = crate::backup::backup_to_folder(store, session, &folder, &mut |_| {})?;
        let _ = std::fs::remove_file(&info.path);
        done += 1;
        progress("backup", done, runs as u64);
        Ok(())
    })?;
    let _ = std::fs::remove_dir(&folder);
    Ok(BenchRow::new(
        "backup",
        "verified backup (stream, read back, page HMACs)",
        &t,
        Some(TARGET_BACKUP_MS),
    ))
}
