//! The printed reports, checked as a reader would: each PDF of a small hand-made center is read
//! back with poppler (`pdftotext`, `pdfinfo`, `pdffonts`) and `qpdf --check` — the Japanese
//! headings and the hand-counted figures are there, fonts are embedded subsets, pages are as
//! many as expected, and a table longer than a page repeats its header. The client summary is
//! refused to a staff member who is not the client's, and audited when printed.
//!
//! The tools are required when `CI` is set; elsewhere a test without them prints a note and
//! passes.

mod common;

use std::process::Command;

use chrono::NaiveDate;
use common::*;
use hotto::calendar::FiscalYear;
use hotto::clients::{self, ClientProfile, DisabilityCategory, NewClient, NewConsent, Phase};
use hotto::employment::{
    self, ContractType, EmployerInput, EmploymentEnd, EndReason, NewEmployment, Route,
};
use hotto::ids::{ClientId, EmployerId, MeetingId, PartnerId, StaffId};
use hotto::meetings::commissions::{self, CommissionInput, MetricInput};
use hotto::meetings::trainings::{self, TrainingInput};
use hotto::meetings::{self, Attendance, MeetingInput, MeetingKind, OrganizationAttendance};
use hotto::partners::{self, PartnerCategory, PartnerInput};
use hotto::plan::{self, BudgetLineInput};
use hotto::records::{self, Channel, ConsultationDetails, NewConsultation, NewSupportRecord};
use hotto::records::{AccompanyPurpose, SupportKind, SupportRecordDetails};
use hotto::reports::{
    self, ClientSummaryParams, FteSheetParams, HandoutParams, PlanReportParams, ResultsParams,
    StaffMeetingParams,
};
use hotto::retention::{self, FollowUpDone, FollowUpMethod, Risk};
use hotto::staff::{self, Fte, NewAllocation, StaffInput, StaffRole};
use hotto::{CoreError, Session, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const ISSUED: (i32, u32, u32) = (2026, 4, 10);

fn issued() -> NaiveDate {
    d(ISSUED.0, ISSUED.1, ISSUED.2)
}

// ---- the poppler tools ----

/// Whether the PDF tools are installed; in CI their absence fails the test.
fn tools_present() -> bool {
    let present = ["pdftotext", "pdffonts", "pdfinfo", "qpdf"]
        .iter()
        .all(|tool| Command::new(tool).arg("--version").output().is_ok());
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "poppler-utils and qpdf must be installed in CI (apt-get install poppler-utils qpdf)"
        );
        eprintln!("note: poppler-utils or qpdf not installed; skipping the PDF checks");
    }
    present
}

fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().expect(tool);
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A written PDF and what poppler reads from it.
struct Pdf {
    _dir: tempfile::TempDir,
    path: String,
}

impl Pdf {
    /// Writes the PDF to a temp folder, and also to `$HOTTO_REPORTS_OUT/<name>.pdf` when that
    /// variable names a folder (so a person can look at the fixture's reports).
    fn write(name: &str, bytes: &[u8]) -> Pdf {
        if let Some(out) = std::env::var_os("HOTTO_REPORTS_OUT") {
            let out = std::path::Path::new(&out);
            std::fs::create_dir_all(out).unwrap();
            std::fs::write(out.join(format!("{name}.pdf")), bytes).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        hotto::store::slots::write_atomically(&path, bytes).unwrap();
        Pdf {
            path: path.to_string_lossy().into_owned(),
            _dir: dir,
        }
    }

    fn pages(&self) -> usize {
        run("pdfinfo", &[&self.path])
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo gives the page count")
    }

    /// The text of one page in reading layout without whitespace, so that line breaks and
    /// columns do not matter (plain `pdftotext` may split a line into blocks).
    fn page(&self, n: usize) -> String {
        let n = n.to_string();
        run(
            "pdftotext",
            &["-layout", "-f", &n, "-l", &n, &self.path, "-"],
        )
        .split_whitespace()
        .collect()
    }

    /// The text of every page without whitespace.
    fn text(&self) -> String {
        run("pdftotext", &["-layout", &self.path, "-"])
            .split_whitespace()
            .collect()
    }

    /// The text of every page in reading layout, one table row per line.
    fn layout_lines(&self) -> Vec<String> {
        run("pdftotext", &["-layout", &self.path, "-"])
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    fn has_row(&self, cells: &[&str]) -> bool {
        let wanted = cells.join(" ");
        self.layout_lines().iter().any(|l| l.contains(&wanted))
    }

    fn assert_row(&self, cells: &[&str]) {
        assert!(
            self.has_row(cells),
            "no line with {cells:?} in:\n{}",
            self.layout_lines().join("\n")
        );
    }

    fn assert_contains(&self, expected: &[&str]) {
        let text = self.text();
        for e in expected {
            let e: String = e.split_whitespace().collect();
            assert!(text.contains(&e), "{e} missing from:\n{text}");
        }
    }

    /// Every font is an embedded subset of IPAexGothic, and qpdf finds the file sound.
    fn assert_sound(&self) {
        let listing = run("pdffonts", &[&self.path]);
        let fonts: Vec<Vec<&str>> = listing
            .lines()
            .skip_while(|l| !l.starts_with("---"))
            .skip(1)
            .map(|l| l.split_whitespace().collect())
            .collect();
        assert!(!fonts.is_empty(), "no fonts:\n{listing}");
        for f in &fonts {
            let n = f.len();
            assert!(f[0].contains("IPAexGothic"), "{f:?}");
            assert_eq!((f[n - 5], f[n - 4]), ("yes", "yes"), "emb/sub: {f:?}");
        }
        run("qpdf", &["--check", &self.path]);
    }
}

// ---- the hand-made center ----

/// A center small enough to count by hand:
///
/// | client | first consultation | registered | job |
/// |---|---|---|---|
/// | A | 2024-10-01 来所・就労 | 2024-11-01 | 2024-12-01 みどり, part-time 20 h, ongoing |
/// | F | 2024-06-01 来所・生活 | 2024-07-01 | — |
/// | B | 2025-04-10 来所・就労 (+ 2025-05-20 電話・就労) | 2025-05-01 | 2025-06-02 permanent 30 h, disability employment, ended 2025-09-30 (体調) |
/// | C | 2025-05-15 来所・就労 | 2025-06-01 | 2025-07-01 fixed-term 25 h, ongoing |
/// | D | 2025-06-20 電話・生活 | — | — |
/// | E | 2025-11-05 電話・就労 | 2025-12-01 | — |
///
/// Staff: 佐藤 (director, 施設長 1.0), 田中 (就労支援コーディネーター 0.8), 鈴木 (生活支援
/// コーディネーター 1.0), 山田 (no post, no clients). B and C have 田中 as main staff, C has
/// 鈴木 as sub staff, E and F have 鈴木; A has nobody.
struct Center {
    tmp: tempfile::TempDir,
    /// The open store (a data folder takes one at a time).
    store: Option<Store>,
    /// Who is signed in to it.
    session: Session,
    c: ClientId,
    may_liaison: MeetingId,
    july_liaison: MeetingId,
}

impl Center {
    fn store(&mut self) -> &mut Store {
        self.store.as_mut().expect("open store")
    }

    /// Signs out and signs in again as `login` (password: `<login>-pass-1`).
    fn sign_in_as(&mut self, login: &str) {
        self.store = None;
        let dir = hotto::DataDir::at(self.tmp.path().join("data"));
        let password = if login == DIRECTOR {
            DIRECTOR_PASSWORD.to_string()
        } else {
            format!("{login}-pass-1")
        };
        let (store, session) = Store::sign_in(&dir, login, &password).unwrap();
        self.store = Some(store);
        self.session = session;
    }

    /// Prints a report as the signed-in user.
    fn print<T>(
        &mut self,
        f: impl FnOnce(&mut Store, &Session) -> hotto::Result<T>,
    ) -> hotto::Result<T> {
        let session = self.session.clone();
        f(self.store(), &session)
    }
}

fn staff_member(
    store: &mut Store,
    director: &Session,
    name: &str,
    kana: &str,
    user: Option<String>,
) -> StaffId {
    let input = StaffInput {
        name: name.into(),
        kana: kana.into(),
        joined_on: Some(d(2020, 4, 1)),
        user_id: user,
        ..StaffInput::default()
    };
    staff::add_staff(store, director, &input).unwrap()
}

fn allocate(store: &mut Store, director: &Session, who: &StaffId, role: StaffRole, fte: &str) {
    let new = NewAllocation {
        staff_id: who.clone(),
        role,
        fte: Fte::parse(fte).unwrap(),
        from_on: d(2025, 4, 1),
        to_on: None,
        concurrent_post: if role == StaffRole::Director {
            "就労支援コーディネーター兼務".into()
        } else {
            String::new()
        },
    };
    staff::add_allocation(store, director, &new).unwrap();
}

fn new_client(
    store: &mut Store,
    s: &Session,
    name: &str,
    kana: &str,
    first: NaiveDate,
    main: Option<&StaffId>,
) -> ClientId {
    let new = NewClient {
        profile: ClientProfile {
            name: name.into(),
            kana: kana.into(),
            birth_date: Some(d(1995, 8, 20)),
            disabilities: vec![DisabilityCategory::Mental],
            ..ClientProfile::default()
        },
        first_contact_on: Some(first),
        main_staff_id: main.cloned(),
    };
    clients::create_client(store, s, &new).unwrap().id
}

fn consult(
    store: &mut Store,
    s: &Session,
    client: &ClientId,
    on: NaiveDate,
    channel: Channel,
    topic: records::Topic,
) {
    let new = NewConsultation {
        client_id: client.clone(),
        details: ConsultationDetails {
            held_on: on,
            channel,
            topic,
            staff_id: None,
            minutes: Some(30),
            body: "相談を受けた。".into(),
        },
    };
    records::add_consultation(store, s, &new).unwrap();
}

fn support(
    store: &mut Store,
    s: &Session,
    client: &ClientId,
    on: NaiveDate,
    (kind, purpose): (SupportKind, Option<AccompanyPurpose>),
    by: &StaffId,
    body: &str,
) {
    let new = NewSupportRecord {
        client_id: client.clone(),
        details: SupportRecordDetails {
            done_on: on,
            kind,
            purpose,
            staff_ids: vec![by.clone()],
            minutes: Some(60),
            life_topics: Default::default(),
            body: body.into(),
        },
    };
    records::add_support_record(store, s, &new).unwrap();
}

fn employer(store: &mut Store, s: &Session, name: &str) -> EmployerId {
    let input = EmployerInput {
        name: name.into(),
        industry: "小売業".into(),
        ..EmployerInput::default()
    };
    employment::add_employer(store, s, &input).unwrap()
}

fn job(
    store: &mut Store,
    s: &Session,
    client: &ClientId,
    at: &EmployerId,
    start: NaiveDate,
    (contract, hours, disability): (ContractType, u32, bool),
) -> hotto::ids::EmploymentId {
    let new = NewEmployment {
        client_id: client.clone(),
        employer_id: at.clone(),
        started_on: start,
        job_title: "品出し".into(),
        contract_type: contract,
        weekly_minutes: hours * 60,
        route: Route::JobCentre,
        disability_employment: disability,
        handover: None,
    };
    employment::add_employment(store, s, &new).unwrap()
}

fn partner(store: &mut Store, s: &Session, name: &str, member: bool) -> PartnerId {
    let input = PartnerInput {
        name: name.into(),
        category: PartnerCategory::WelfareProvider,
        service_type: String::new(),
        contact_person: String::new(),
        phone: String::new(),
        address: String::new(),
        liaison_member: member,
        notes: String::new(),
    };
    partners::create_partner(store, s, &input).unwrap()
}

fn meeting(
    store: &mut Store,
    s: &Session,
    kind: MeetingKind,
    on: NaiveDate,
    title: &str,
) -> MeetingId {
    let input = MeetingInput {
        kind,
        held_on: on,
        title: title.into(),
        place: "ほっと 相談室".into(),
        programme: "令和6年度のほっと実施事業の報告\n意見交換".into(),
        notes: String::new(),
    };
    meetings::add_meeting(store, s, &input).unwrap()
}

fn center() -> Center {
    let (tmp, _dir, mut store, director) = new_center();
    let s = &director;
    let tanaka_user = add_staff(&mut store, s, "tanaka", "田中 一郎", "tanaka-pass-1");
    let suzuki_user = add_staff(&mut store, s, "suzuki", "鈴木 花子", "suzuki-pass-1");
    let yamada_user = add_staff(&mut store, s, "yamada", "山田 次郎", "yamada-pass-1");
    let sato = staff_member(
        &mut store,
        s,
        "佐藤 施設長",
        "さとう",
        Some(s.user_id().into()),
    );
    let tanaka = staff_member(
        &mut store,
        s,
        "田中 一郎",
        "たなか いちろう",
        Some(tanaka_user),
    );
    let suzuki = staff_member(
        &mut store,
        s,
        "鈴木 花子",
        "すずき はなこ",
        Some(suzuki_user),
    );
    staff_member(
        &mut store,
        s,
        "山田 次郎",
        "やまだ じろう",
        Some(yamada_user),
    );
    allocate(&mut store, s, &sato, StaffRole::Director, "1.0");
    allocate(
        &mut store,
        s,
        &tanaka,
        StaffRole::EmploymentCoordinator,
        "0.8",
    );
    allocate(&mut store, s, &suzuki, StaffRole::LifeCoordinator, "1.0");
    plan::seed_plan_fy2025(&mut store, s).unwrap();

    use records::Topic::{Life, Work};
    let a = new_client(
        &mut store,
        s,
        "青木 明",
        "あおき あきら",
        d(2024, 10, 1),
        None,
    );
    consult(&mut store, s, &a, d(2024, 10, 1), Channel::Visit, Work);
    clients::register_client(&mut store, s, &a, d(2024, 11, 1), Phase::Seeking).unwrap();
    let f = new_client(
        &mut store,
        s,
        "藤田 文",
        "ふじた ふみ",
        d(2024, 6, 1),
        Some(&suzuki),
    );
    consult(&mut store, s, &f, d(2024, 6, 1), Channel::Visit, Life);
    clients::register_client(&mut store, s, &f, d(2024, 7, 1), Phase::Preparing).unwrap();
    let b = new_client(
        &mut store,
        s,
        "馬場 勉",
        "ばば つとむ",
        d(2025, 4, 10),
        Some(&tanaka),
    );
    consult(&mut store, s, &b, d(2025, 4, 10), Channel::Visit, Work);
    consult(&mut store, s, &b, d(2025, 5, 20), Channel::Phone, Work);
    clients::register_client(&mut store, s, &b, d(2025, 5, 1), Phase::Seeking).unwrap();
    let c = new_client(
        &mut store,
        s,
        "千葉 智子",
        "ちば ともこ",
        d(2025, 5, 15),
        Some(&tanaka),
    );
    consult(&mut store, s, &c, d(2025, 5, 15), Channel::Visit, Work);
    clients::register_client(&mut store, s, &c, d(2025, 6, 1), Phase::Seeking).unwrap();
    clients::add_sub_staff(&mut store, s, &c, &suzuki).unwrap();
    let dd = new_client(
        &mut store,
        s,
        "土井 大輔",
        "どい だいすけ",
        d(2025, 6, 20),
        None,
    );
    consult(&mut store, s, &dd, d(2025, 6, 20), Channel::Phone, Life);
    let e = new_client(
        &mut store,
        s,
        "江口 恵",
        "えぐち めぐみ",
        d(2025, 11, 5),
        Some(&suzuki),
    );
    consult(&mut store, s, &e, d(2025, 11, 5), Channel::Phone, Work);
    clients::register_client(&mut store, s, &e, d(2025, 12, 1), Phase::Preparing).unwrap();

    support(
        &mut store,
        s,
        &c,
        d(2025, 6, 10),
        (SupportKind::Accompany, Some(AccompanyPurpose::Interview)),
        &tanaka,
        "面接に同行した。",
    );
    support(
        &mut store,
        s,
        &b,
        d(2025, 7, 15),
        (SupportKind::WorkplaceVisit, None),
        &tanaka,
        "職場を訪問し上司と面談した。",
    );
    support(
        &mut store,
        s,
        &c,
        d(2025, 8, 1),
        (SupportKind::Phone, None),
        &suzuki,
        "体調を確認した。",
    );

    let midori = employer(&mut store, s, "株式会社みどり");
    let hikari = employer(&mut store, s, "ひかり物流株式会社");
    job(
        &mut store,
        s,
        &a,
        &midori,
        d(2024, 12, 1),
        (ContractType::PartTime, 20, true),
    );
    let b_job = job(
        &mut store,
        s,
        &b,
        &hikari,
        d(2025, 6, 2),
        (ContractType::Permanent, 30, true),
    );
    job(
        &mut store,
        s,
        &c,
        &midori,
        d(2025, 7, 1),
        (ContractType::FixedTerm, 25, false),
    );
    // B's first follow-up (due 2025-06-09) done on the day; the rest are cancelled when his
    // job ends on 9/30.
    let first = store
        .read(s, |conn| retention::client_follow_ups(conn, &b))
        .unwrap()
        .into_iter()
        .min_by_key(|f| f.due_on)
        .unwrap();
    assert_eq!(first.due_on, d(2025, 6, 9));
    let done = FollowUpDone {
        done_on: d(2025, 6, 9),
        method: FollowUpMethod::Visit,
        outcome: "落ち着いて勤務している。".into(),
        issues: String::new(),
        risk: Risk::Low,
    };
    retention::complete_follow_up(&mut store, s, &first.id, &done).unwrap();
    let end = EmploymentEnd {
        ended_on: d(2025, 9, 30),
        reason: EndReason::Health,
        note: String::new(),
    };
    employment::end_employment(&mut store, s, &b_job, &end).unwrap();

    let aozora = partner(&mut store, s, "あおぞら就労移行支援事業所", true);
    let izumi = partner(&mut store, s, "いずみ相談支援センター", true);
    partner(&mut store, s, "うみかぜ作業所", true);
    clients::link_partner(&mut store, s, &c, &aozora, "小川", None).unwrap();
    let consent = NewConsent {
        partner_id: aozora.clone(),
        given_on: d(2025, 6, 1),
        scope: "就労状況・通院状況".into(),
    };
    clients::add_consent(&mut store, s, &c, &consent).unwrap();

    let may_liaison = meeting(
        &mut store,
        s,
        MeetingKind::Liaison,
        d(2025, 5, 21),
        "第1回ほっと就労支援連絡会",
    );
    let attendance = Attendance {
        organizations: vec![
            OrganizationAttendance {
                partner_id: aozora.clone(),
                attendees: 2,
            },
            OrganizationAttendance {
                partner_id: izumi,
                attendees: 1,
            },
        ],
        clients: vec![],
        staff: vec![sato.clone(), tanaka.clone()],
    };
    meetings::set_attendance(&mut store, s, &may_liaison, &attendance).unwrap();
    let july_liaison = meeting(
        &mut store,
        s,
        MeetingKind::Liaison,
        d(2025, 7, 16),
        "第2回ほっと就労支援連絡会",
    );
    let meetup = meeting(
        &mut store,
        s,
        MeetingKind::Meetup,
        d(2025, 8, 23),
        "第1回就労者交流会",
    );
    let meetup_people = Attendance {
        organizations: vec![],
        clients: vec![a.clone(), c.clone()],
        staff: vec![suzuki.clone()],
    };
    meetings::set_attendance(&mut store, s, &meetup, &meetup_people).unwrap();
    let staff_meeting = meeting(
        &mut store,
        s,
        MeetingKind::StaffMeeting,
        d(2025, 6, 25),
        "6月職員会議",
    );

    let training = TrainingInput {
        staff_id: suzuki.clone(),
        title: "発達障害のある方への就労支援研修".into(),
        held_on: d(2025, 6, 10),
        online: true,
        report_meeting_id: Some(staff_meeting),
    };
    trainings::add_training(&mut store, s, &training).unwrap();

    let project = commissions::add_commission(
        &mut store,
        s,
        &CommissionInput {
            name: "小平市役所庁舎内実習".into(),
            commissioner: "小平市".into(),
            active: true,
        },
    )
    .unwrap();
    let trainees = commissions::add_metric(
        &mut store,
        s,
        &project,
        &MetricInput {
            name: "実習者数".into(),
            unit: "人".into(),
            sort: 1,
        },
    )
    .unwrap();
    for (y, m, n) in [(2024, 6, 2), (2024, 10, 3), (2025, 4, 1), (2025, 5, 2)] {
        commissions::set_commission_result(&mut store, s, &trainees, y, m, n).unwrap();
    }
    meetings::dropin::set_dropin_day(&mut store, s, d(2025, 6, 2), 5, "").unwrap();
    meetings::dropin::set_dropin_day(&mut store, s, d(2025, 6, 3), 7, "").unwrap();

    let fy = FiscalYear(2025);
    let line = |name: &str, sort, yen| BudgetLineInput {
        name: name.into(),
        sort,
        budget_yen: yen,
    };
    let wages = plan::add_budget_line(&mut store, s, fy, &line("人件費", 1, 30_000_000)).unwrap();
    let costs = plan::add_budget_line(&mut store, s, fy, &line("事業費", 2, 2_400_000)).unwrap();
    for (month, w, c) in [
        (4, 2_500_000, 150_000),
        (5, 2_500_000, 230_000),
        (6, 2_600_000, 180_000),
    ] {
        plan::set_budget_actual(&mut store, s, &wages, 2025, month, w).unwrap();
        plan::set_budget_actual(&mut store, s, &costs, 2025, month, c).unwrap();
    }

    Center {
        tmp,
        store: Some(store),
        session: director,
        c,
        may_liaison,
        july_liaison,
    }
}

fn audit_rows(c: &mut Center, action: &str, actor: &str) -> i64 {
    let session = c.session.clone();
    c.store()
        .read(&session, |conn| {
            Ok(conn
                .query_row(
                    "SELECT count(*) FROM audit_log WHERE action = ?1 AND actor_id = ?2",
                    [action, actor],
                    |r| r.get(0),
                )
                .unwrap())
        })
        .unwrap()
}

// ---- 事業計画書 ----

#[test]
fn the_plan_prints_the_seed_sections_with_the_numbers_the_data_gives() {
    let mut c = center();
    let params = PlanReportParams {
        fiscal_year: FiscalYear(2025),
        issued_on: issued(),
    };
    let bytes = c
        .print(|store, s| reports::plan_report(store, s, &params))
        .unwrap();
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("plan", &bytes);
    pdf.assert_sound();
    assert!(pdf.page(1).contains("令和7年度事業計画書"));
    pdf.assert_contains(&[
        "1 はじめに",
        "2 事業概要",
        "3 基本理念",
        "4 基本方針",
        "5 事業内容",
        "6 連携体制",
        "7 令和7年度重点課題・目標",
        "8 開所日及び開所時間",
        "9 今年度実績目標数",
        "10 防災計画",
        "11 資金計画",
        "官公庁や企業の法定雇用率順守",
        "施設名 小平市障害者就労・生活支援センター ほっと",
        // On 2024-12-31: A (registered 11/1) and F (7/1); only A is employed (since 12/1).
        "利用登録者数 2名（令和6年12月31日現在）",
        "継続就労者数 1名（令和6年12月31日現在）",
        // On 2025-04-01: 佐藤 1.0 + 田中 0.8 + 鈴木 1.0; 山田 holds no post.
        "職員 3名（令和7年4月1日現在） 常勤換算2.8名",
        "施設長 1名（就労支援コーディネーター兼務、常勤換算1.0名）",
        "就労支援コーディネーター 1名（市内障害者施設販売促進事業担当兼務、常勤換算0.8名）",
        "生活支援コーディネーター 1名（常勤換算1.0名）",
        "相談時間 10:00～19:00",
        "交流スペース 17:00～19:00",
        "相談時間 12:00～17:00",
        "休所日 国民の祝日、年末年始（12月29日～1月3日）",
        "会議・行事の年間計画",
        "ほっと就労支援連絡会 年5回",
        "5月 令和6年度のほっと実施事業の報告",
        "総指揮 建物防災責任者",
        "救助担当 生活支援コーディネーター",
        "通常の運営経費は、委託費でまかなう。",
        "令和8年4月10日発行",
    ]);
    pdf.assert_row(&["新規相談者数", "100名"]);
    pdf.assert_row(&["年度終了時点での継続就労者数", "450名"]);
    pdf.assert_row(&["人件費", "30,000,000"]);
    pdf.assert_row(&["合計", "32,400,000"]);
    // The seed's own numbers are not printed where the data gives others.
    let text = pdf.text();
    for stated in ["666名", "452名", "常勤換算8.4名", "職員10名"] {
        assert!(!text.contains(stated), "{stated} printed");
    }
    assert_eq!(pdf.pages(), 6);
    let last = pdf.pages();
    assert!(pdf.page(last).contains(&format!("{last}/{last}")));

    c.sign_in_as("tanaka");
    let refused = c.print(|store, s| reports::plan_report(store, s, &params));
    assert!(matches!(refused, Err(CoreError::PermissionDenied { .. })));
}

// ---- 実績報告書 ----

#[test]
fn the_results_report_shows_the_five_figures_against_targets_month_by_month() {
    let mut c = center();
    c.sign_in_as("tanaka");
    let params = ResultsParams {
        fiscal_year: FiscalYear(2025),
        as_of: None,
        issued_on: issued(),
    };
    let bytes = c
        .print(|store, s| reports::results_report(store, s, &params))
        .unwrap();
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("results", &bytes);
    pdf.assert_sound();
    assert!(pdf.page(1).contains("令和7年度実績報告書"));
    pdf.assert_contains(&[
        "対象期間 令和7年4月1日～令和8年3月31日",
        "1 実績目標数と実績",
        "2 月別の実績",
        "新規相談者数の累計と目標のペース",
        "新規就労者数の累計と目標のペース",
        "3 利用登録者の障害種別",
        "4 相談の状況",
        "5 支援の状況",
        "6 就職の状況",
        "7 離職の状況",
        "8 定着支援（フォロー）の実施状況",
        "9 会議・行事の開催状況",
        "10 委託事業の実績",
        "11 交流スペースの利用状況",
    ]);
    // New inquirers: B, C, D, E (A and F first came in FY2024).
    pdf.assert_row(&["新規相談者数", "100", "4", "4.0%", "-96"]);
    // Registered in the year: B (5/1), C (6/1), E (12/1).
    pdf.assert_row(&["うち新規登録者数", "50", "3", "6.0%", "-47"]);
    // Jobs started: B (6/2), C (7/1).
    pdf.assert_row(&["新規就労者数", "50", "2（2件）", "4.0%", "-48"]);
    // On 2026-03-31: A, F, B, C, E registered; A and C employed (B's job ended 9/30).
    pdf.assert_row(&["登録者数（年度終了時点）", "700", "5", "0.7%", "-695"]);
    pdf.assert_row(&["継続就労者数（年度終了時点）", "450", "2", "0.4%", "-448"]);
    // Month by month: new, running total, registered, jobs (starts), running total, and the
    // registered and continuing on the month's last day.
    pdf.assert_row(&["4月", "1", "1", "0", "0（0）", "0", "2", "1"]);
    pdf.assert_row(&["6月", "1", "3", "1", "1（1）", "1", "4", "2"]);
    pdf.assert_row(&["7月", "0", "3", "0", "1（1）", "2", "4", "3"]);
    pdf.assert_row(&["9月", "0", "3", "0", "0（0）", "2", "4", "2"]);
    pdf.assert_row(&["12月", "0", "4", "1", "0（0）", "2", "5", "2"]);
    pdf.assert_row(&["年度計", "4", "3", "2（2）", "5", "2"]);
    pdf.assert_row(&["目標", "100", "50", "50", "700", "450"]);
    // Every registered client has 精神 recorded.
    pdf.assert_row(&["精神", "5", "100.0%"]);
    // Consultations in FY2025: visits B 4/10, C 5/15; calls B 5/20, D 6/20, E 11/5.
    pdf.assert_row(&["来所", "2", "0", "0", "2"]);
    pdf.assert_row(&["電話", "2", "1", "0", "3"]);
    pdf.assert_row(&["計", "4", "1", "0", "5"]);
    // Support records: an accompanied interview, a workplace visit, a call.
    pdf.assert_row(&["同行", "1", "33.3%"]);
    pdf.assert_row(&["面接", "1", "100.0%"]);
    // Jobs by contract and weekly hours: B permanent 30 h, C fixed-term 25 h.
    pdf.assert_row(&["正社員・無期雇用", "0", "0", "0", "1", "1"]);
    pdf.assert_row(&["有期雇用（契約社員等）", "0", "0", "1", "0", "1"]);
    pdf.assert_contains(&[
        "就職件数 2件（うち障害者雇用 1件）",
        "就職から1年以内の離職 1件",
    ]);
    pdf.assert_row(&["体調", "1", "100.0%"]);
    // Two liaison meetings; the May one with 2 organizations (3 people) and 2 staff.
    pdf.assert_row(&["ほっと就労支援連絡会", "2", "2", "3", "0", "2"]);
    pdf.assert_row(&["就労者交流会", "1", "0", "0", "2", "1"]);
    pdf.assert_row(&["R7.5.21", "第1回ほっと就労支援連絡会"]);
    // The commission: 1 trainee in April, 2 in May.
    pdf.assert_contains(&["小平市役所庁舎内実習（小平市）"]);
    pdf.assert_row(&["5月", "2"]);
    pdf.assert_row(&["計", "3"]);
    // Drop-in: 5 and 7 visitors on two June days.
    pdf.assert_row(&["6月", "2", "12", "6.0"]);
    // The follow-ups line agrees with the figures module.
    let f = c
        .print(|store, s| {
            store.read(s, |conn| {
                hotto::figures::follow_ups(conn, FiscalYear(2025), d(2026, 3, 31))
            })
        })
        .unwrap();
    pdf.assert_row(&["予定日が年度内のフォロー", &f.due.to_string()]);
    pdf.assert_row(&["実施済み", &f.done.to_string()]);
    assert_eq!(pdf.pages(), 6);
}

#[test]
fn the_results_report_to_an_as_of_date_counts_up_to_that_day() {
    let mut c = center();
    let params = ResultsParams {
        fiscal_year: FiscalYear(2025),
        as_of: Some(d(2025, 7, 16)),
        issued_on: issued(),
    };
    let bytes = c
        .print(|store, s| reports::results_report(store, s, &params))
        .unwrap();
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("results-as-of", &bytes);
    pdf.assert_sound();
    pdf.assert_contains(&[
        "対象期間 令和7年4月1日～令和7年7月16日",
        "年度の途中（令和7年7月16日現在）の実績です。",
    ]);
    // To 7/16: B, C, D came; B and C registered and started work; on 7/16 A, F, B, C are
    // registered and A, B, C employed.
    pdf.assert_row(&["新規相談者数", "100", "3", "3.0%", "-97"]);
    pdf.assert_row(&["新規就労者数", "50", "2（2件）", "4.0%", "-48"]);
    pdf.assert_row(&["登録者数（R7.7.16現在）", "700", "4", "0.6%", "-696"]);
    pdf.assert_row(&["継続就労者数（R7.7.16現在）", "450", "3", "0.7%", "-447"]);
    // July counts to the 16th; August has not begun.
    pdf.assert_row(&["7月", "0", "3", "0", "1（1）", "2", "4", "3"]);
    assert!(pdf.layout_lines().iter().any(|l| l == "8月"));
}

#[test]
fn a_results_table_longer_than_a_page_repeats_its_header_on_the_next_page() {
    let (_tmp, _dir, mut store, director) = new_center();
    for i in 0..70u32 {
        let on = d(2025, 4, 1) + chrono::Days::new(u64::from(i) * 5);
        meeting(
            &mut store,
            &director,
            MeetingKind::Meetup,
            on,
            &format!("第{}回就労者交流会", i + 1),
        );
    }
    let params = ResultsParams {
        fiscal_year: FiscalYear(2025),
        as_of: None,
        issued_on: issued(),
    };
    let bytes = reports::results_report(&store, &director, &params).unwrap();
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("results-long", &bytes);
    pdf.assert_sound();
    let header = "開催日名称参加機関利用者職員";
    let pages: Vec<usize> = (1..=pdf.pages())
        .filter(|&n| pdf.page(n).contains(header))
        .collect();
    assert!(pages.len() >= 2, "the list's header on pages {pages:?}");
    let continued = pdf.page(pages[1]);
    assert!(!continued.contains("連絡会・交流会・防災訓練の開催記録"));
    assert!(continued.contains("就労者交流会"));
    assert!(pdf.text().contains("第70回就労者交流会"));
}

// ---- 連絡会資料 ----

#[test]
fn the_may_handout_carries_last_years_results_and_the_july_one_this_years() {
    let mut c = center();
    c.sign_in_as("suzuki");
    let may = HandoutParams {
        meeting_id: c.may_liaison.clone(),
        issued_on: d(2025, 5, 14),
    };
    let may_pdf = c
        .print(|store, s| reports::liaison_handout(store, s, &may))
        .unwrap();
    let on_date = c
        .print(|store, s| reports::liaison_meeting_on(store, s, d(2025, 7, 16)))
        .unwrap();
    assert_eq!(on_date, c.july_liaison);
    let july = HandoutParams {
        meeting_id: on_date,
        issued_on: d(2025, 7, 9),
    };
    let july_pdf = c
        .print(|store, s| reports::liaison_handout(store, s, &july))
        .unwrap();
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("handout-may", &may_pdf);
    pdf.assert_sound();
    // Front and back of one sheet.
    assert_eq!(pdf.pages(), 2);
    pdf.assert_contains(&[
        "第1回ほっと就労支援連絡会",
        "日時 令和7年5月21日（水）",
        "場所 ほっと 相談室",
        "令和6年度のほっと実施事業の報告",
        "登録者・就労者の状況",
        "相談の状況",
        "委託事業の実績",
    ]);
    // FY2024: A and F came, registered; A started work on 2024-12-01 and was still employed
    // and registered on 2025-03-31. FY2024 has no plan, so no targets.
    pdf.assert_row(&["新規相談者数", "2名"]);
    pdf.assert_row(&["新規就労者数", "1名（1件）"]);
    pdf.assert_row(&["登録者数（年度末）", "2名"]);
    pdf.assert_row(&["継続就労者数（年度末）", "1名"]);
    // FY2024's consultations: A's visit about work, F's visit about life.
    pdf.assert_row(&["来所", "2件", "就労", "1件"]);
    pdf.assert_row(&["電話", "0件", "生活", "1件"]);
    pdf.assert_row(&["計", "2件", "計", "2件"]);
    // The commission in FY2024: 2 trainees in June, 3 in October.
    pdf.assert_row(&["小平市役所庁舎内実習", "実習者数", "5人"]);
    pdf.assert_row(&[
        "あおぞら就労移行支援事業所",
        "2名",
        "いずみ相談支援センター",
        "1名",
    ]);
    pdf.assert_row(&["計 2か所", "3名"]);

    let pdf = Pdf::write("handout-july", &july_pdf);
    pdf.assert_sound();
    assert_eq!(pdf.pages(), 2);
    pdf.assert_contains(&[
        "第2回ほっと就労支援連絡会",
        // Printed a week before the meeting: this year's figures to the day of printing.
        "令和7年度の実績（令和7年7月9日現在）",
        "参加機関（連絡会の構成機関）",
        "構成機関 3か所。",
        "うみかぜ作業所",
    ]);
    pdf.assert_row(&["新規相談者数", "3名", "100名"]);
    // To 7/9: B, C, D came; on 7/9 A, B, C are employed (C since 7/1).
    pdf.assert_row(&["継続就労者数（R7.7.9現在）", "3名", "450名"]);
    // The commission to 7/9: 1 in April, 2 in May.
    pdf.assert_row(&["小平市役所庁舎内実習", "実習者数", "3人"]);
}

// ---- 職員配置表 ----

#[test]
fn the_fte_sheet_shows_posts_caseloads_and_the_plan_for_the_director_only() {
    let mut c = center();
    let params = FteSheetParams {
        date: d(2025, 12, 31),
        issued_on: issued(),
    };
    let bytes = c
        .print(|store, s| reports::fte_sheet(store, s, &params))
        .unwrap();
    c.sign_in_as("tanaka");
    let refused = c.print(|store, s| reports::fte_sheet(store, s, &params));
    assert!(matches!(refused, Err(CoreError::PermissionDenied { .. })));
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("fte", &bytes);
    pdf.assert_sound();
    assert_eq!(pdf.pages(), 1);
    pdf.assert_contains(&[
        "職員配置表（常勤換算） 令和7年12月31日現在",
        "職員数 3名（計画 10名）",
        // The plan's role lines add up to 8.2, whatever its text says.
        "常勤換算の合計 2.8名（計画 8.2名）",
        // Registered on 12/31: A, F, B, C, E; A has no main staff.
        "担当利用者数 4名",
        "主担当なしの利用者 1名",
        "職員別の配置と担当",
        "役割別の配置（計画との比較）",
    ]);
    // 田中: B and C as main staff on 0.8 FTE; 鈴木: E and F on 1.0.
    pdf.assert_row(&["田中 一郎", "就労支援コーディネーター", "0.8", "2", "2.5"]);
    pdf.assert_row(&["鈴木 花子", "生活支援コーディネーター", "1.0", "2", "2.0"]);
    pdf.assert_row(&["佐藤 施設長", "施設長", "1.0", "0", "0.0"]);
    pdf.assert_contains(&["就労支援コーディネーター兼務"]);
    pdf.assert_row(&["山田 次郎", "（配置なし）", "0.0"]);
    pdf.assert_row(&["施設長", "1", "1", "±0", "1.0", "1.0", "0.0"]);
    pdf.assert_row(&[
        "就労支援コーディネーター",
        "1",
        "4",
        "-3",
        "0.8",
        "3.2",
        "-2.4",
    ]);
    pdf.assert_row(&[
        "地域開拓促進コーディネーター",
        "0",
        "1",
        "-1",
        "0.0",
        "1.0",
        "-1.0",
    ]);
    pdf.assert_row(&["合計", "3", "10", "-7", "2.8", "8.2", "-5.4"]);
}

// ---- 職員会議資料 ----

#[test]
fn the_staff_meeting_sheet_has_the_trial_balance_trainings_follow_ups_and_figures() {
    let mut c = center();
    c.sign_in_as("yamada");
    let params = StaffMeetingParams {
        year: 2025,
        month: 6,
        issued_on: d(2025, 6, 24),
    };
    let bytes = c
        .print(|store, s| reports::staff_meeting_sheet(store, s, &params))
        .unwrap();
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("staff-meeting", &bytes);
    pdf.assert_sound();
    assert_eq!(pdf.pages(), 1);
    pdf.assert_contains(&[
        "職員会議資料（令和7年度 6月）",
        "開催日 令和7年6月25日 6月職員会議",
        "1 月次試算（6月分）",
        "2 研修報告",
        "3 定着フォローの実施状況（職員別）",
        "4 6月の実績",
        // 5 + 7 visitors on two June days.
        "来所者 延べ12名（記録 2日）",
    ]);
    // 人件費: 2.5 + 2.5 + 2.6 million to June against 30 million; a quarter of it is 7.5.
    pdf.assert_row(&[
        "人件費",
        "30,000,000",
        "2,600,000",
        "7,600,000",
        "22,400,000",
        "25.3%",
        "-100,000",
    ]);
    pdf.assert_row(&[
        "事業費",
        "2,400,000",
        "180,000",
        "560,000",
        "1,840,000",
        "23.3%",
        "+40,000",
    ]);
    pdf.assert_row(&[
        "合計",
        "32,400,000",
        "2,780,000",
        "8,160,000",
        "24,240,000",
        "25.1%",
        "-60,000",
    ]);
    pdf.assert_row(&[
        "R7.6.10",
        "鈴木 花子",
        "発達障害のある方への就労支援研修",
        "オンライン",
        "R7.6.25",
    ]);
    // B's first follow-up was done on 6/9 by his main staff member 田中.
    pdf.assert_row(&["田中 一郎", "1"]);
    // June: D came, C registered, B started work; to 6/30: B, C, D came, B and C registered,
    // B employed; on 6/30 A, F, B, C registered, A and B employed.
    pdf.assert_row(&["新規相談者数", "1", "3", "100", "-97"]);
    pdf.assert_row(&["うち新規登録者数", "1", "2", "50", "-48"]);
    pdf.assert_row(&["新規就労者数", "1", "1", "50", "-49"]);
    pdf.assert_row(&["登録者数（月末）", "4", "700", "-696"]);
    pdf.assert_row(&["継続就労者数（月末）", "2", "450", "-448"]);
}

// ---- 支援経過の概要 ----

#[test]
fn the_client_summary_is_refused_to_staff_who_are_not_the_clients() {
    let mut c = center();
    c.sign_in_as("yamada");
    let params = ClientSummaryParams {
        client_id: c.c.clone(),
        from: d(2025, 4, 1),
        to: d(2025, 9, 30),
        issued_on: issued(),
    };
    let refused = c
        .print(|store, s| reports::client_summary(store, s, &params))
        .unwrap_err();
    assert!(matches!(refused, CoreError::NotYourClient { .. }));
    assert_eq!(
        refused.message_ja(),
        "この操作は、この利用者の担当職員または施設長のみ行えます。"
    );
    let yamada = c.session.user_id().to_string();
    assert_eq!(audit_rows(&mut c, "report.client_summary", &yamada), 0);
    assert_eq!(audit_rows(&mut c, "client.read", &yamada), 0);

    let backwards = ClientSummaryParams {
        from: d(2025, 9, 30),
        to: d(2025, 4, 1),
        ..params
    };
    let refused = c
        .print(|store, s| reports::client_summary(store, s, &backwards))
        .unwrap_err();
    assert_eq!(
        refused.message_ja(),
        "期間の終わりは開始日以降の日付にしてください。"
    );
}

#[test]
fn the_client_summary_prints_for_the_main_and_sub_staff_and_is_audited() {
    let mut c = center();
    let params = ClientSummaryParams {
        client_id: c.c.clone(),
        from: d(2025, 4, 1),
        to: d(2025, 9, 30),
        issued_on: issued(),
    };
    c.sign_in_as("suzuki");
    c.print(|store, s| reports::client_summary(store, s, &params))
        .unwrap();
    c.sign_in_as("tanaka");
    let bytes = c
        .print(|store, s| reports::client_summary(store, s, &params))
        .unwrap();
    let tanaka = c.session.user_id().to_string();
    assert_eq!(audit_rows(&mut c, "report.client_summary", &tanaka), 1);
    let summary: String = {
        let session = c.session.clone();
        c.store()
            .read(&session, |conn| {
                Ok(conn
                    .query_row(
                        "SELECT summary FROM audit_log WHERE action = 'report.client_summary'
                         AND actor_id = ?1",
                        [&tanaka],
                        |r| r.get(0),
                    )
                    .unwrap())
            })
            .unwrap()
    };
    assert_eq!(
        summary,
        "support summary printed for 2025-04-01 to 2025-09-30"
    );
    if !tools_present() {
        return;
    }
    let pdf = Pdf::write("client-summary", &bytes);
    pdf.assert_sound();
    assert_eq!(pdf.pages(), 2);
    pdf.assert_contains(&[
        "支援経過の概要（ケース会議資料）",
        "対象期間 令和7年4月1日～令和7年9月30日",
        "要配慮個人情報",
        "氏名 千葉 智子",
        "生年月日 平成7年8月20日（30歳）",
        "状況 利用登録中・就労中",
        "利用登録 令和7年6月1日～",
        "障害種別 精神",
        "主担当 田中 一郎",
        "副担当 鈴木 花子",
        "関係機関と情報提供の同意",
        "同意あり（R7.6.1）",
        "範囲：就労状況・通院状況",
        "支援経過",
    ]);
    pdf.assert_row(&[
        "あおぞら就労移行支援事業所",
        "障害福祉サービス事業所",
        "小川",
    ]);
    pdf.assert_row(&[
        "株式会社みどり",
        "有期雇用（契約社員等）",
        "週25時間",
        "R7.7.1",
        "就労中",
    ]);
    // The period's records, oldest first: the first consultation, the accompanied interview.
    let text = pdf.text();
    let first = text.find("相談を受けた。").expect("consultation");
    let interview = text.find("面接に同行した。").expect("support record");
    assert!(first < interview);
    // Nobody else's records.
    assert!(!text.contains("馬場"));
    assert!(!text.contains("ひかり物流株式会社"));
}

// ---- hotto report … ----

fn hotto(c: &Center, login: &str, password: &str, args: &[&str]) -> std::process::Output {
    let data = c.tmp.path().join("data");
    Command::new(env!("CARGO_BIN_EXE_hotto"))
        .arg("--data-dir")
        .arg(&data)
        .args(["--user", login])
        .args(args)
        .env("HOTTO_PASSWORD", password)
        .output()
        .expect("run hotto")
}

#[test]
fn hotto_report_writes_each_pdf_and_a_missing_folder_leaves_no_file() {
    let mut c = center();
    let client = c.c.to_string();
    // The data folder takes one open store at a time.
    c.store = None;
    let out = tempfile::tempdir().unwrap();
    let file = |name: &str| out.path().join(name).to_string_lossy().into_owned();
    let runs: [(&str, &str, Vec<String>); 6] = [
        (
            DIRECTOR,
            DIRECTOR_PASSWORD,
            vec!["plan".into(), "--fy".into(), "令和7年度".into()],
        ),
        (
            "tanaka",
            "tanaka-pass-1",
            vec![
                "results".into(),
                "--fy".into(),
                "R7".into(),
                "--as-of".into(),
                "令和7年7月16日".into(),
            ],
        ),
        (
            "tanaka",
            "tanaka-pass-1",
            vec!["handout".into(), "--date".into(), "2025/5/21".into()],
        ),
        (
            DIRECTOR,
            DIRECTOR_PASSWORD,
            vec!["fte".into(), "--date".into(), "R7.12.31".into()],
        ),
        (
            "suzuki",
            "suzuki-pass-1",
            vec![
                "staff-meeting".into(),
                "--month".into(),
                "令和7年6月".into(),
            ],
        ),
        (
            "tanaka",
            "tanaka-pass-1",
            vec![
                "client".into(),
                "--client".into(),
                client.clone(),
                "--from".into(),
                "2025-04-01".into(),
                "--to".into(),
                "2025-09-30".into(),
            ],
        ),
    ];
    for (i, (login, password, args)) in runs.iter().enumerate() {
        let path = file(&format!("{i}.pdf"));
        let mut all: Vec<&str> = vec!["report"];
        all.extend(args.iter().map(String::as_str));
        all.extend(["-o", &path]);
        let run = hotto(&c, login, password, &all);
        assert!(
            run.status.success(),
            "hotto {all:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let pdf = std::fs::read(&path).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{args:?}");
    }

    let missing = out.path().join("no-such-folder").join("results.pdf");
    let missing_text = missing.to_string_lossy().into_owned();
    let run = hotto(
        &c,
        "tanaka",
        "tanaka-pass-1",
        &["report", "results", "--fy", "2025", "-o", &missing_text],
    );
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("no-such-folder"), "{stderr}");
    assert!(!missing.exists());

    // A staff member who is not the client's gets the refusal, and no file.
    let refused = file("refused.pdf");
    let run = hotto(
        &c,
        "yamada",
        "yamada-pass-1",
        &[
            "report",
            "client",
            "--client",
            &client,
            "--from",
            "2025-04-01",
            "--to",
            "2025-09-30",
            "-o",
            &refused,
        ],
    );
    assert!(!run.status.success());
    assert!(!std::path::Path::new(&refused).exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
