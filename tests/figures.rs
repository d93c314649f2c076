//! The plan's figures on small hand-made centers, each checked against an answer counted by hand
//! in the comments (DOMAIN.md › Definitions of the plan's figures).

mod common;

use chrono::NaiveDate;

use hotto::calendar::FiscalYear;
use hotto::figures::{self, HoursBand, NewEmployed};
use hotto::ids::new_id;
use hotto::{Session, Store};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

/// Rows written straight into a test center, as the services would leave them.
struct Center {
    _tmp: tempfile::TempDir,
    store: Store,
    director: Session,
    employer: String,
}

impl Center {
    fn new() -> Center {
        let (tmp, _dir, mut store, director) = common::new_center();
        let employer = new_id();
        exec(
            &mut store,
            &director,
            "INSERT INTO employers (id, name, updated_at) VALUES (?1, '見本商事株式会社', 'now')",
            &[&employer],
        );
        Center {
            _tmp: tmp,
            store,
            director,
            employer,
        }
    }

    fn exec(&mut self, sql: &str, values: &[&dyn rusqlite::ToSql]) {
        exec(&mut self.store, &self.director, sql, values);
    }

    /// A client whose first consultation is on `first`, with that consultation.
    fn client(&mut self, first: &str) -> String {
        let id = new_id();
        self.exec(
            "INSERT INTO clients (id, name, kana, search_key, first_contact_on, updated_at)
             VALUES (?1, '見本 太郎', 'ミホン タロウ', 'みほんたろう', ?2, 'now')",
            &[&id, &first],
        );
        self.consult(&id, first, "visit", "work");
        id
    }

    fn consult(&mut self, client: &str, on: &str, channel: &str, topic: &str) {
        self.exec(
            "INSERT INTO consultations (id, client_id, held_on, channel, topic, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'now')",
            &[&new_id(), &client, &on, &channel, &topic],
        );
    }

    fn register(&mut self, client: &str, from: &str, closed: Option<&str>) {
        self.exec(
            "INSERT INTO client_registrations (id, client_id, registered_on, closed_on, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'now')",
            &[&new_id(), &client, &from, &closed],
        );
    }

    fn employ(&mut self, client: &str, start: &str, end: Option<&str>) -> String {
        self.employ_as(client, start, end, "part_time", 1200)
    }

    fn employ_as(
        &mut self,
        client: &str,
        start: &str,
        end: Option<&str>,
        contract: &str,
        weekly_minutes: i64,
    ) -> String {
        let id = new_id();
        let reason = end.map(|_| "contract_end");
        let employer = self.employer.clone();
        self.exec(
            "INSERT INTO employments (id, client_id, employer_id, started_on, contract_type,
                weekly_minutes, route, ended_on, end_reason, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'job_centre', ?7, ?8, 'now')",
            &[
                &id,
                &client,
                &employer,
                &start,
                &contract,
                &weekly_minutes,
                &end,
                &reason,
            ],
        );
        id
    }

    fn read<T>(&self, f: impl FnOnce(&rusqlite::Connection) -> hotto::Result<T>) -> T {
        self.store.read(&self.director, f).expect("figures")
    }
}

fn exec(store: &mut Store, director: &Session, sql: &str, values: &[&dyn rusqlite::ToSql]) {
    store
        .write(director, |tx| {
            tx.conn()
                .execute(sql, values)
                .map_err(hotto::store::StoreError::from)?;
            Ok(())
        })
        .expect("test row");
}

/// The reference center of these tests. FY2024 runs 2024-04-01 … 2025-03-31.
///
/// | client | first contact | registrations                         | employments                          |
/// |--------|---------------|---------------------------------------|--------------------------------------|
/// | A      | 2023-06-01    | 2024-05-10 –                          | 2024-08-01 –                         |
/// | B      | 2024-04-01    | 2024-04-15 – 2024-09-30, 2024-11-01 – | none (registered, not yet employed)  |
/// | C      | 2024-03-31    | 2024-03-31 – 2024-06-30, 2025-04-01 – | 2024-05-01 –                         |
/// | D      | 2024-06-01    | 2024-06-10 –                          | 2024-07-01 –, 2024-09-01 – (2 jobs)  |
/// | E      | 2024-05-01    | 2024-05-20 –                          | 2024-06-01 – 2025-03-31              |
/// | F      | 2025-03-31    | none (inquiry)                        |                                      |
/// | G      | 2025-04-01    | none (inquiry)                        |                                      |
/// | H      | 2020-01-01    | 2020-02-01 – 2022-03-31, 2024-10-01 – | 2021-01-01 – 2022-03-31, 2024-12-01 –|
/// | I      | 2019-05-01    | 2019-06-01 –                          | none                                 |
/// | J      | 2018-01-10    | 2018-02-01 – 2024-12-31               | 2018-06-01 –                         |
fn reference_center() -> Center {
    let mut c = Center::new();
    let a = c.client("2023-06-01");
    c.register(&a, "2024-05-10", None);
    c.employ(&a, "2024-08-01", None);

    let b = c.client("2024-04-01");
    c.register(&b, "2024-04-15", Some("2024-09-30"));
    c.register(&b, "2024-11-01", None);

    let cc = c.client("2024-03-31");
    c.register(&cc, "2024-03-31", Some("2024-06-30"));
    c.register(&cc, "2025-04-01", None);
    c.employ(&cc, "2024-05-01", None);

    let dd = c.client("2024-06-01");
    c.register(&dd, "2024-06-10", None);
    c.employ(&dd, "2024-07-01", None);
    c.employ(&dd, "2024-09-01", None);

    let e = c.client("2024-05-01");
    c.register(&e, "2024-05-20", None);
    c.employ(&e, "2024-06-01", Some("2025-03-31"));

    c.client("2025-03-31");
    c.client("2025-04-01");

    let h = c.client("2020-01-01");
    c.register(&h, "2020-02-01", Some("2022-03-31"));
    c.register(&h, "2024-10-01", None);
    c.employ(&h, "2021-01-01", Some("2022-03-31"));
    c.employ(&h, "2024-12-01", None);

    let i = c.client("2019-05-01");
    c.register(&i, "2019-06-01", None);

    let j = c.client("2018-01-10");
    c.register(&j, "2018-02-01", Some("2024-12-31"));
    c.employ(&j, "2018-06-01", None);
    c
}

/// The tables that grow with the center's history: none may be read in full without an index.
const BIG_TABLES: &[&str] = &[
    "support_records",
    "consultations",
    "employments",
    "client_registrations",
    "clients",
    "follow_ups",
    "client_disabilities",
];

const FY2024: FiscalYear = FiscalYear(2024);

#[test]
fn new_inquiries_count_first_consultations_in_the_year_only() {
    let c = reference_center();
    // B (04-01, the first day), D, E and F (03-31, the last day). A consulted in FY2023 before
    // registering in FY2024, C on 2024-03-31 and G on 2025-04-01: none of them is new this year.
    let n = c.read(|conn| figures::new_inquiries(conn, FY2024, d("2025-03-31")));
    assert_eq!(n, 4);
    // As of 2024-12-31 F has not come yet: B, D, E.
    let n = c.read(|conn| figures::new_inquiries(conn, FY2024, d("2024-12-31")));
    assert_eq!(n, 3);
    // G is FY2025's.
    let n = c.read(|conn| figures::new_inquiries(conn, FiscalYear(2025), d("2025-04-01")));
    assert_eq!(n, 1);
}

#[test]
fn a_client_registered_twice_in_a_year_is_one_new_registration() {
    let c = reference_center();
    // A, B (twice, counted once), D, E and H (re-opened on 2024-10-01). C registered on
    // 2024-03-31 (FY2023) and again on 2025-04-01 (FY2025): not this year.
    let n = c.read(|conn| figures::new_registrations(conn, FY2024, d("2025-03-31")));
    assert_eq!(n, 5);
    let n = c.read(|conn| figures::new_registrations(conn, FiscalYear(2025), d("2025-04-01")));
    assert_eq!(n, 1, "C's re-registration counts in the later year");
    let n = c.read(|conn| figures::new_registrations(conn, FiscalYear(2023), d("2024-03-31")));
    assert_eq!(n, 1, "C's first registration on 2024-03-31 is FY2023's");
}

#[test]
fn two_jobs_at_once_make_one_new_employed_client_and_two_starts() {
    let c = reference_center();
    // A, C (employed while her registration was closed), D (two jobs), E, H (2024-12-01).
    let n = c.read(|conn| figures::new_employed(conn, FY2024, d("2025-03-31")));
    assert_eq!(
        n,
        NewEmployed {
            clients: 5,
            starts: 6
        }
    );
}

#[test]
fn registered_clients_exclude_those_closed_on_or_before_the_day() {
    let c = reference_center();
    // On 2025-03-31: A, B (re-registered), D, E, H (re-opened), I. C closed on 06-30 and came back
    // only on 04-01; J closed on 2024-12-31.
    let n = c.read(|conn| figures::registered_at(conn, d("2025-03-31")));
    assert_eq!(n, 6);
    // On 2024-12-31 J is closed that very day: still 6. The day before, J counts: 7.
    assert_eq!(
        c.read(|conn| figures::registered_at(conn, d("2024-12-31"))),
        6
    );
    assert_eq!(
        c.read(|conn| figures::registered_at(conn, d("2024-12-30"))),
        7
    );
    // B was closed on 2024-09-30: on that day she is not registered; on 09-29 she is.
    // 09-29: A, B, D, E, I, J = 6; 09-30: A, D, E, I, J = 5.
    assert_eq!(
        c.read(|conn| figures::registered_at(conn, d("2024-09-29"))),
        6
    );
    assert_eq!(
        c.read(|conn| figures::registered_at(conn, d("2024-09-30"))),
        5
    );
    // On 2025-04-01 C is back: A, B, C, D, E, H, I = 7.
    assert_eq!(
        c.read(|conn| figures::registered_at(conn, d("2025-04-01"))),
        7
    );
}

#[test]
fn continuing_employment_needs_a_registration_and_a_job_not_ended_by_the_day() {
    let c = reference_center();
    // On 2025-03-31: A, D (two jobs, once) and H. E's job ends that very day; B and I have no
    // job; C works but is not registered; J is closed.
    let n = c.read(|conn| figures::continuing_employed_at(conn, d("2025-03-31")));
    assert_eq!(n, 3);
    // The day before, E still counts.
    assert_eq!(
        c.read(|conn| figures::continuing_employed_at(conn, d("2025-03-30"))),
        4
    );
    // On 2024-12-31: A, D, E, H; J works but closed that day.
    assert_eq!(
        c.read(|conn| figures::continuing_employed_at(conn, d("2024-12-31"))),
        4
    );
    // On 2024-12-30 J is still registered: 5.
    assert_eq!(
        c.read(|conn| figures::continuing_employed_at(conn, d("2024-12-30"))),
        5
    );
    // On 2025-04-01 C is registered again and her job never ended: A, C, D, H.
    assert_eq!(
        c.read(|conn| figures::continuing_employed_at(conn, d("2025-04-01"))),
        4
    );
}

#[test]
fn the_year_end_figures_are_taken_on_the_as_of_date_while_the_year_runs() {
    let c = reference_center();
    let mid = d("2024-12-30");
    assert_eq!(
        c.read(|conn| figures::registered_at_end(conn, FY2024, mid)),
        7
    );
    assert_eq!(
        c.read(|conn| figures::continuing_employed_at_end(conn, FY2024, mid)),
        5
    );
    // A later as-of date is cut at March 31.
    let later = d("2025-11-25");
    assert_eq!(
        c.read(|conn| figures::registered_at_end(conn, FY2024, later)),
        6
    );
    assert_eq!(
        c.read(|conn| figures::continuing_employed_at_end(conn, FY2024, later)),
        3
    );
}

#[test]
fn five_figures_carry_the_plan_targets_of_their_year() {
    let mut c = reference_center();
    c.exec(
        "INSERT INTO plans (id, fiscal_year, target_new_inquiries, target_new_registrations,
            target_new_employed, target_registered_end, target_continuing_end, updated_at)
         VALUES (?1, 2024, 100, 50, 50, 700, 450, 'now')",
        &[&new_id()],
    );
    let five = c.read(|conn| figures::five_figures(conn, FY2024, d("2024-12-31")));
    assert_eq!(five.counted_to, d("2024-12-31"));
    let actual: Vec<u32> = five.rows().iter().map(|(_, f)| f.actual).collect();
    // B, D, E / A, B, D, E, H / A, C, D, E, H / 6 / 4 (see the reference center).
    assert_eq!(actual, vec![3, 5, 5, 6, 4]);
    assert_eq!(five.new_employment_starts, 6);
    let targets: Vec<Option<u32>> = five.rows().iter().map(|(_, f)| f.target).collect();
    assert_eq!(
        targets,
        vec![Some(100), Some(50), Some(50), Some(700), Some(450)]
    );
    let before = c.read(|conn| figures::five_figures(conn, FiscalYear(2023), d("2024-03-31")));
    assert_eq!(before.new_inquiries.target, None, "no plan for FY2023");
    let json = serde_json::to_value(&five).unwrap();
    assert_eq!(json["registered_end"]["actual"], 6);
    assert_eq!(json["fiscal_year"], 2024);
}

#[test]
fn an_as_of_date_before_the_year_gives_no_new_counts() {
    let c = reference_center();
    let five = c.read(|conn| figures::five_figures(conn, FY2024, d("2024-03-31")));
    assert_eq!(five.new_inquiries.actual, 0);
    assert_eq!(five.new_registrations.actual, 0);
    assert_eq!(five.new_employed.actual, 0);
    // The stock is taken on the as-of date: C and I and J are registered on 2024-03-31.
    assert_eq!(five.registered_end.actual, 3);
}

#[test]
fn the_monthly_series_counts_each_month_and_leaves_later_months_empty() {
    let c = reference_center();
    let series = c.read(|conn| figures::monthly(conn, FY2024, d("2024-12-31")));
    assert_eq!(series.months.len(), 12);
    assert_eq!((series.months[0].year, series.months[0].month), (2024, 4));
    assert_eq!((series.months[11].year, series.months[11].month), (2025, 3));
    let april = series.months[0].figures.expect("April counted");
    // April: B's first consultation and registration; registered at 04-30: B, C, I, J;
    // in continuing employment: J only (C starts on 05-01).
    assert_eq!(
        (
            april.new_inquiries,
            april.new_registrations,
            april.new_employed,
            april.registered,
            april.continuing
        ),
        (1, 1, 0, 4, 1)
    );
    let september = series.months[5].figures.expect("September counted");
    // September: D's second job (D is already employed: still one new employed client);
    // registered at 09-30: A, D, E, I, J (B closed that day); continuing: A, D, E, J.
    assert_eq!(
        (
            september.new_employed,
            september.new_employment_starts,
            september.registered,
            september.continuing
        ),
        (1, 1, 5, 4)
    );
    let december = series.months[8].figures.expect("December counted");
    assert_eq!(december.counted_to, d("2024-12-31"));
    assert_eq!((december.registered, december.continuing), (6, 4));
    assert!(series.months[9..].iter().all(|m| m.figures.is_none()));
}

#[test]
fn the_breakdowns_count_what_the_results_report_lists() {
    let mut c = reference_center();
    let x = c.client("2024-05-01");
    c.register(&x, "2024-05-02", None);
    c.exec(
        "INSERT INTO client_disabilities (id, client_id, category, updated_at)
         SELECT lower(hex(randomblob(16))), id, 'mental', 'now' FROM clients",
        &[],
    );
    c.exec(
        "INSERT INTO client_disabilities (id, client_id, category, updated_at) VALUES (?1, ?2, 'developmental', 'now')",
        &[&new_id(), &x],
    );
    // Hours bands at their edges: 599 minutes is under 10 hours, 600 is 10–20, 1800 is 30+.
    c.employ_as(&x, "2024-06-03", None, "permanent", 599);
    c.employ_as(&x, "2024-06-04", Some("2024-06-20"), "fixed_term", 600);
    c.employ_as(&x, "2024-06-05", None, "part_time", 1800);
    c.consult(&x, "2024-05-08", "phone", "life");
    c.consult(&x, "2023-05-08", "phone", "life");
    for (kind, purpose) in [
        ("interview", None),
        ("accompany", Some("job_centre")),
        ("accompany", Some("hospital")),
        ("workplace_visit", None),
    ] {
        c.exec(
            "INSERT INTO support_records (id, client_id, done_on, kind, purpose, updated_at)
             VALUES (?1, ?2, '2024-07-01', ?3, ?4, 'now')",
            &[&new_id(), &x, &kind, &purpose],
        );
    }
    let job = c.employ(&x, "2024-07-01", None);
    for (due, status, done) in [
        ("2024-07-08", "done", Some("2024-07-09")),
        ("2024-07-15", "open", None),
        ("2024-08-01", "cancelled", None),
        ("2025-07-01", "open", None),
    ] {
        c.exec(
            "INSERT INTO follow_ups (id, employment_id, client_id, kind, due_on, method, status, done_on, updated_at)
             VALUES (?1, ?2, ?3, 'scheduled', ?4, 'visit', ?5, ?6, 'now')",
            &[&new_id(), &job, &x, &due, &status, &done],
        );
    }
    let (liaison, meetup) = (new_id(), new_id());
    let (p1, p2) = (new_id(), new_id());
    for p in [&p1, &p2] {
        c.exec(
            "INSERT INTO partners (id, name, category, liaison_member, updated_at) VALUES (?1, '見本機関', 'job_centre', 1, 'now')",
            &[p],
        );
    }
    c.exec(
        "INSERT INTO meetings (id, kind, held_on, title, updated_at) VALUES (?1, 'liaison', '2024-05-16', '連絡会', 'now')",
        &[&liaison],
    );
    c.exec(
        "INSERT INTO meetings (id, kind, held_on, title, updated_at) VALUES (?1, 'meetup', '2024-06-08', '交流会', 'now')",
        &[&meetup],
    );
    c.exec(
        "INSERT INTO meeting_organizations (id, meeting_id, partner_id, attendees) VALUES (?1, ?2, ?3, 2)",
        &[&new_id(), &liaison, &p1],
    );
    c.exec(
        "INSERT INTO meeting_organizations (id, meeting_id, partner_id, attendees) VALUES (?1, ?2, ?3, 1)",
        &[&new_id(), &liaison, &p2],
    );
    c.exec(
        "INSERT INTO meeting_clients (id, meeting_id, client_id)
         SELECT lower(hex(randomblob(16))), ?1, client_id FROM employments WHERE ended_on IS NULL
         GROUP BY client_id LIMIT 3",
        &[&meetup],
    );
    for (day, visitors) in [("2024-05-07", 4), ("2024-05-08", 6), ("2024-06-03", 1)] {
        c.exec(
            "INSERT INTO dropin_days (id, day, visitors, updated_at) VALUES (?1, ?2, ?3, 'now')",
            &[&new_id(), &day, &visitors],
        );
    }
    let (commission, metric) = (new_id(), new_id());
    c.exec(
        "INSERT INTO commissions (id, name, commissioner, updated_at) VALUES (?1, '庁舎内実習', '見本市', 'now')",
        &[&commission],
    );
    c.exec(
        "INSERT INTO commission_metrics (id, commission_id, name, unit, updated_at) VALUES (?1, ?2, '実習者数', '人', 'now')",
        &[&metric, &commission],
    );
    for (month, value) in [("2024-04", 2), ("2024-05", 3), ("2025-01", 9)] {
        c.exec(
            "INSERT INTO commission_results (id, metric_id, month, value, updated_at) VALUES (?1, ?2, ?3, ?4, 'now')",
            &[&new_id(), &metric, &month, &value],
        );
    }
    c.exec(
        "INSERT INTO newsletters (id, number, issued_on, copies, updated_at) VALUES (?1, 71, '2024-07-15', 400, 'now')",
        &[&new_id()],
    );

    let b = c.read(|conn| figures::breakdowns(conn, FY2024, d("2024-12-31")));
    // Registered on 2024-12-31: A, B, D, E, H, I and X = 7, all 'mental'; X also developmental.
    assert_eq!(b.disabilities.registered, 7);
    let mental = b
        .disabilities
        .by_category
        .iter()
        .find(|k| k.key == "mental");
    assert_eq!(mental.map(|k| k.count), Some(7));
    let developmental = b
        .disabilities
        .by_category
        .iter()
        .find(|k| k.key == "developmental");
    assert_eq!(developmental.map(|k| k.count), Some(1));
    assert_eq!(b.disabilities.without_category, 0);
    // Consultations in FY2024 up to 12-31: the first ones of B, D, E and X (visit, work) and
    // X's phone call about life; the 2023 call is last year's.
    assert_eq!(b.consultations.total, 5);
    let phone_life = b
        .consultations
        .cells
        .iter()
        .find(|p| p.first == "phone" && p.second == "life");
    assert_eq!(phone_life.map(|p| p.count), Some(1));
    assert_eq!(b.support_records.total, 4);
    let accompany = &b.support_records.accompany_by_purpose;
    assert_eq!(accompany.iter().map(|k| k.count).sum::<u32>(), 2);
    // Employments started by 12-31: A, C, D×2, E, H (1200 minutes each, part time) and X's
    // four (599, 600, 1800, 1200).
    assert_eq!(b.employments_started.starts, 10);
    let band = |k: HoursBand| {
        b.employments_started
            .by_hours
            .iter()
            .find(|c| c.key == k.key())
            .map(|c| c.count)
    };
    assert_eq!(band(HoursBand::Under10), Some(1));
    assert_eq!(band(HoursBand::From10To20), Some(1));
    assert_eq!(band(HoursBand::From20To30), Some(7));
    assert_eq!(band(HoursBand::From30), Some(1));
    // Separations by 12-31: X's fixed-term job, within a year of its start.
    assert_eq!(b.separations.total, 1);
    assert_eq!(b.separations.within_one_year, 1);
    // Follow-ups due by 12-31: one done, one open (the 2025 one is not due yet), one cancelled.
    assert_eq!(
        (
            b.follow_ups.due,
            b.follow_ups.done,
            b.follow_ups.open,
            b.follow_ups.cancelled
        ),
        (2, 1, 1, 1)
    );
    let liaison = b.meetings.iter().find(|m| m.kind == "liaison").unwrap();
    assert_eq!(
        (
            liaison.held,
            liaison.organizations,
            liaison.organization_attendees
        ),
        (1, 2, 3)
    );
    let meetup = b.meetings.iter().find(|m| m.kind == "meetup").unwrap();
    assert_eq!((meetup.held, meetup.clients), (1, 3));
    // Drop-in: May 2 days, 10 visitors; June 1 day; months up to December listed.
    assert_eq!(b.dropin.len(), 9);
    assert_eq!((b.dropin[1].days, b.dropin[1].visitors), (2, 10));
    // The January result is after the as-of date.
    let results = &b.commissions[0].metrics[0];
    assert_eq!(results.months[0..2], [Some(2), Some(3)]);
    assert_eq!(results.months[9], None);
    assert_eq!(results.total, 5);
    assert_eq!(b.newsletters.len(), 1);
}

#[test]
fn every_figure_query_reads_its_tables_through_an_index() {
    let mut c = reference_center();
    let check = |c: &Center| {
        for plan in c.read(figures::query_plans) {
            let full: Vec<String> = plan
                .full_scans()
                .into_iter()
                .filter(|t| BIG_TABLES.contains(&t.as_str()))
                .collect();
            assert!(full.is_empty(), "{}: {:?}", plan.name, plan.lines);
        }
        let plans = c.read(figures::query_plans);
        let stock = |name: &str| {
            plans
                .iter()
                .find(|p| p.name == name)
                .unwrap()
                .lines
                .join(" ")
        };
        assert!(stock("registered_at").contains("COVERING INDEX client_registrations_period"));
        assert!(stock("continuing_employed_at").contains("COVERING INDEX employments_period"));
    };
    check(&c);
    // With the planner's statistics too.
    c.exec("ANALYZE", &[]);
    check(&c);
}

/// The one-pass monthly series and year to date of `fy` as of `as_of` against the reference:
/// each month by the yearly figures' own queries, the year to each month's end by
/// `five_figures`, and the five figures' stock by `registered_at` and `continuing_employed_at`.
fn assert_one_pass_matches_the_queries(
    conn: &rusqlite::Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
) {
    let by_month = figures::year_by_month(conn, fy, as_of).unwrap();
    let reference = figures::monthly_by_queries(conn, fy, as_of).unwrap();
    assert_eq!(by_month.monthly, reference, "{fy:?} as of {as_of}");
    assert_eq!(figures::monthly(conn, fy, as_of).unwrap(), reference);
    for (month, ytd) in by_month.monthly.months.iter().zip(&by_month.year_to_date) {
        let first = NaiveDate::from_ymd_opt(month.year, month.month, 1).unwrap();
        assert_eq!(
            month.figures.is_some(),
            first <= as_of,
            "{first} as of {as_of}"
        );
        assert_eq!(month.figures.is_some(), ytd.is_some());
        if let (Some(values), Some(ytd)) = (month.figures, ytd) {
            let five = figures::five_figures(conn, fy, values.counted_to).unwrap();
            assert_eq!(ytd, &five, "{fy:?} to {}", values.counted_to);
        }
    }
    let five = figures::five_figures(conn, fy, as_of).unwrap();
    let day = five.counted_to;
    assert_eq!(
        (five.registered_end.actual, five.continuing_end.actual),
        (
            figures::registered_at(conn, day).unwrap(),
            figures::continuing_employed_at(conn, day).unwrap()
        ),
        "stock on {day}"
    );
}

#[test]
fn the_one_pass_monthly_series_gives_each_month_s_own_queries_figures() {
    let c = reference_center();
    // Periods closing on a month's last day (B 09-30, C 06-30, J 12-31, E's job 03-31), starting
    // on a month's first day, as-of dates in mid-month, on a month's end, before the year and
    // after it.
    let as_of_dates = [
        "2023-03-31",
        "2024-03-31",
        "2024-04-01",
        "2024-06-15",
        "2024-06-30",
        "2024-07-01",
        "2024-09-30",
        "2024-12-31",
        "2025-01-01",
        "2025-03-30",
        "2025-03-31",
        "2025-11-25",
    ];
    for fy in [FiscalYear(2023), FY2024, FiscalYear(2025)] {
        for as_of in as_of_dates {
            c.read(|conn| {
                assert_one_pass_matches_the_queries(conn, fy, d(as_of));
                Ok(())
            });
        }
    }
    // A month's stock is taken on its last day. On 11-30: A, B, D, E, H, I, J registered, of
    // whom A, D, E, J employed (H's job starts 12-01, C is not registered). J's registration
    // closes on 12-31, so on 12-31 J is out and H is in.
    let series = c.read(|conn| figures::monthly(conn, FY2024, d("2025-03-31")));
    let stock = |i: usize| {
        let m = series.months[i].figures.unwrap();
        (m.registered, m.continuing)
    };
    assert_eq!(stock(7), (7, 4), "November");
    assert_eq!(stock(8), (6, 4), "December");
}
