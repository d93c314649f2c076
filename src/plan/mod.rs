//! 事業計画: the annual plan of a fiscal year — its five targets, the numbers its text states
//! (staff, FTE, registered and continuing clients), opening hours, staffing lines by role,
//! meeting programme, disaster duties, narrative sections and budget. The director writes it;
//! every signed-in user may read it. Stated numbers are kept as written so that
//! [`check::plan_check`] can show where they differ from the data.

pub mod budget;
pub mod check;
mod fy2025;
pub mod programme;
pub mod sections;
pub mod staffing;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::calendar::FiscalYear;
use crate::error::Problem;
use crate::ids::PlanId;
use crate::session::Session;
use crate::staff::{db, optional_line, plausible_date, Fte, StaffRole};
use crate::store::{Store, Tx};
use crate::{CoreError, Result};

pub use budget::{
    add_budget_line, budget_lines, set_budget_actual, trial_balance, update_budget_line,
    BudgetLine, BudgetLineInput, TrialBalance, TrialBalanceLine,
};
pub use check::{plan_check, PlanDifference};
pub use fy2025::seed_plan_fy2025;
pub use programme::{
    set_disaster_duties, set_meeting_programme, DisasterDuty, DisasterDutyKind, MeetingPlan,
    PlannedSession,
};
pub use sections::{set_section, PlanSection, SectionKey};
pub use staffing::{remove_staffing_line, set_staffing_line};

/// Input fields of the plan, with their Japanese labels.
pub mod fields {
    use crate::error::Field;
    /// 事業計画.
    pub const PLAN: Field = Field::new("plan", "事業計画");
    /// 新規相談者数.
    pub const NEW_INQUIRIES: Field = Field::new("new_inquiries", "新規相談者数");
    /// うち新規登録者数.
    pub const NEW_REGISTRATIONS: Field = Field::new("new_registrations", "うち新規登録者数");
    /// 新規就労者数.
    pub const NEW_EMPLOYED: Field = Field::new("new_employed", "新規就労者数");
    /// 年度末登録者数.
    pub const REGISTERED_END: Field = Field::new("registered_end", "年度末登録者数");
    /// 年度末継続就労者数.
    pub const CONTINUING_END: Field = Field::new("continuing_end", "年度末継続就労者数");
    /// 職員数.
    pub const STAFF_COUNT: Field = Field::new("staff_count", "職員数");
    /// 常勤換算の合計.
    pub const TOTAL_FTE: Field = Field::new("total_fte", "常勤換算の合計");
    /// 職員数の基準日.
    pub const STAFFING_AS_OF: Field = Field::new("staffing_as_of", "職員数の基準日");
    /// 登録者数の基準日.
    pub const FIGURES_AS_OF: Field = Field::new("figures_as_of", "登録者数の基準日");
    /// 利用登録者数.
    pub const REGISTERED: Field = Field::new("registered", "利用登録者数");
    /// 継続就労者数.
    pub const CONTINUING: Field = Field::new("continuing", "継続就労者数");
    /// 相談時間（平日）.
    pub const HOURS_WEEKDAY: Field = Field::new("hours_weekday", "相談時間（平日）");
    /// 相談時間（土曜日）.
    pub const HOURS_SATURDAY: Field = Field::new("hours_saturday", "相談時間（第2・第4土曜日）");
    /// 交流スペースの時間.
    pub const HOURS_DROPIN: Field = Field::new("hours_dropin", "交流スペースの時間");
    /// 役割.
    pub const ROLE: Field = Field::new("role", "役割");
    /// 人数.
    pub const HEAD_COUNT: Field = Field::new("head_count", "人数");
    /// 常勤換算.
    pub const LINE_FTE: Field = Field::new("fte", "常勤換算");
    /// 備考.
    pub const NOTE: Field = Field::new("note", "備考");
    /// 会議の種類.
    pub const MEETING_KIND: Field = Field::new("meeting_kind", "会議の種類");
    /// 年間回数.
    pub const PER_YEAR: Field = Field::new("per_year", "年間回数");
    /// 月.
    pub const MONTH: Field = Field::new("month", "月");
    /// 内容.
    pub const TOPIC: Field = Field::new("topic", "内容");
    /// 担当.
    pub const ASSIGNED_TO: Field = Field::new("assigned_to", "担当");
}

/// The five annual targets (実績目標数).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    /// 新規相談者数.
    pub new_inquiries: u32,
    /// うち新規登録者数.
    pub new_registrations: u32,
    /// 新規就労者数.
    pub new_employed: u32,
    /// 年度終了時点での登録者数.
    pub registered_end: u32,
    /// 年度終了時点での継続就労者数.
    pub continuing_end: u32,
}

/// Numbers as the plan's text states them, to be checked against the data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedNumbers {
    /// 職員 N名.
    pub staff_count: Option<u32>,
    /// 常勤換算 N名.
    pub total_fte: Option<Fte>,
    /// The day the staffing lines describe (令和7年4月1日現在).
    pub staffing_as_of: Option<NaiveDate>,
    /// The day of the registered and continuing counts (令和6年12月31日現在).
    pub figures_as_of: Option<NaiveDate>,
    /// 利用登録者数.
    pub registered: Option<u32>,
    /// 継続就労者数.
    pub continuing: Option<u32>,
}

/// 開所日及び開所時間 as the plan writes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// 月曜日～金曜日の相談時間.
    pub weekday: String,
    /// 第2・第4土曜日の相談時間.
    pub saturday: String,
    /// 交流スペース.
    pub dropin: String,
}

/// A staffing line of the plan: a role with its head count and FTE as stated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingLine {
    /// The role.
    pub role: StaffRole,
    /// 人数.
    pub head_count: u32,
    /// 常勤換算.
    pub fte: Fte,
    /// Note, e.g. 就労支援コーディネーター兼務.
    pub note: String,
}

/// A fiscal year's plan, whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Id.
    pub id: PlanId,
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// Its name in 和暦, e.g. 令和7年度.
    pub fiscal_year_name: String,
    /// 実績目標数.
    pub targets: Targets,
    /// Numbers as stated in the text.
    pub stated: StatedNumbers,
    /// Opening hours.
    pub hours: OpeningHours,
    /// Staffing lines, in role order.
    pub staffing: Vec<StaffingLine>,
    /// Meeting programme, in kind order.
    pub meetings: Vec<MeetingPlan>,
    /// Disaster duties, in duty order.
    pub disaster_duties: Vec<DisasterDuty>,
    /// The eleven sections in the plan's order (empty bodies for those not written yet).
    pub sections: Vec<PlanSection>,
}

/// The most anyone could mean for a count of people in a year.
const MAX_COUNT: u32 = 100_000;

pub(crate) fn check_count(field: crate::error::Field, value: u32, max: u32) -> Result<()> {
    if value > max {
        return Err(CoreError::invalid(
            field,
            Problem::OutOfRange {
                min: 0,
                max: i64::from(max),
            },
        ));
    }
    Ok(())
}

/// The id of the fiscal year's plan, or NotFound.
pub(crate) fn plan_id(conn: &Connection, fy: FiscalYear) -> Result<PlanId> {
    conn.query_row(
        "SELECT id FROM plans WHERE fiscal_year = ?1",
        [fy.year()],
        |r| r.get(0),
    )
    .optional()
    .map_err(db)?
    .ok_or(CoreError::NotFound { what: fields::PLAN })
}

/// Runs one director-only change of `fy`'s plan with its audit row.
pub(crate) fn write_plan<T>(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    action: &'static str,
    summary: &str,
    f: impl FnOnce(&Tx<'_>, &PlanId) -> Result<T>,
) -> Result<T> {
    actor.require_director("change the plan")?;
    store.write(actor, |tx| {
        let id = plan_id(tx.conn(), fy)?;
        let value = f(tx, &id)?;
        tx.audit(action, "plan", Some(id.as_str()), summary)?;
        Ok(value)
    })
}

/// Starts the plan of a fiscal year, empty (director only).
pub fn create_plan(store: &mut Store, actor: &Session, fy: FiscalYear) -> Result<PlanId> {
    actor.require_director("create a plan")?;
    store.write(actor, |tx| {
        let id = insert_plan(tx, fy)?;
        tx.audit(
            "plan.create",
            "plan",
            Some(id.as_str()),
            &format!("plan of fiscal year {} created", fy.year()),
        )?;
        Ok(id)
    })
}

pub(crate) fn insert_plan(tx: &Tx<'_>, fy: FiscalYear) -> Result<PlanId> {
    if plan_id(tx.conn(), fy).is_ok() {
        return Err(CoreError::Duplicate { what: fields::PLAN });
    }
    let id = PlanId::new();
    tx.conn()
        .execute(
            "INSERT INTO plans (id, fiscal_year, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)",
            params![id, fy.year(), tx.now(), tx.actor().user_id()],
        )
        .map_err(db)?;
    Ok(id)
}

/// Sets the five targets (director only).
pub fn set_targets(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    targets: &Targets,
) -> Result<()> {
    validate_targets(targets)?;
    write_plan(store, actor, fy, "plan.targets", "targets set", |tx, id| {
        write_targets(tx, id, targets)
    })
}

fn validate_targets(t: &Targets) -> Result<()> {
    check_count(fields::NEW_INQUIRIES, t.new_inquiries, MAX_COUNT)?;
    check_count(fields::NEW_REGISTRATIONS, t.new_registrations, MAX_COUNT)?;
    check_count(fields::NEW_EMPLOYED, t.new_employed, MAX_COUNT)?;
    check_count(fields::REGISTERED_END, t.registered_end, MAX_COUNT)?;
    check_count(fields::CONTINUING_END, t.continuing_end, MAX_COUNT)?;
    if t.new_registrations > t.new_inquiries {
        return Err(CoreError::rule(
            "new registrations are counted among new inquirers and cannot exceed them",
            "うち新規登録者数は新規相談者数の内数です。新規相談者数以下にしてください。",
        ));
    }
    Ok(())
}

pub(crate) fn write_targets(tx: &Tx<'_>, id: &PlanId, t: &Targets) -> Result<()> {
    validate_targets(t)?;
    tx.conn()
        .execute(
            "UPDATE plans SET target_new_inquiries = ?2, target_new_registrations = ?3,
                    target_new_employed = ?4, target_registered_end = ?5,
                    target_continuing_end = ?6, updated_at = ?7, updated_by = ?8
             WHERE id = ?1",
            params![
                id,
                t.new_inquiries,
                t.new_registrations,
                t.new_employed,
                t.registered_end,
                t.continuing_end,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(db)?;
    Ok(())
}

/// Sets the numbers as the plan's text states them (director only).
pub fn set_stated_numbers(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    stated: &StatedNumbers,
) -> Result<()> {
    validate_stated(stated)?;
    write_plan(
        store,
        actor,
        fy,
        "plan.stated_numbers",
        "stated numbers set",
        |tx, id| write_stated(tx, id, stated),
    )
}

fn validate_stated(s: &StatedNumbers) -> Result<()> {
    if let Some(n) = s.staff_count {
        check_count(fields::STAFF_COUNT, n, 1000)?;
    }
    if let Some(fte) = s.total_fte {
        check_count(fields::TOTAL_FTE, fte.milli(), 1_000_000)?;
    }
    if let Some(n) = s.registered {
        check_count(fields::REGISTERED, n, MAX_COUNT)?;
    }
    if let Some(n) = s.continuing {
        check_count(fields::CONTINUING, n, MAX_COUNT)?;
    }
    for (field, date) in [
        (fields::STAFFING_AS_OF, s.staffing_as_of),
        (fields::FIGURES_AS_OF, s.figures_as_of),
    ] {
        if let Some(date) = date {
            plausible_date(field, date)?;
        }
    }
    Ok(())
}

pub(crate) fn write_stated(tx: &Tx<'_>, id: &PlanId, s: &StatedNumbers) -> Result<()> {
    validate_stated(s)?;
    tx.conn()
        .execute(
            "UPDATE plans SET stated_staff_count = ?2, stated_total_fte_milli = ?3,
                    staffing_as_of = ?4, figures_as_of = ?5, stated_registered = ?6,
                    stated_continuing = ?7, updated_at = ?8, updated_by = ?9
             WHERE id = ?1",
            params![
                id,
                s.staff_count,
                s.total_fte.map(Fte::milli),
                s.staffing_as_of,
                s.figures_as_of,
                s.registered,
                s.continuing,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(db)?;
    Ok(())
}

/// Sets the opening hours as written in the plan (director only).
pub fn set_opening_hours(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    hours: &OpeningHours,
) -> Result<()> {
    let hours = validate_hours(hours)?;
    write_plan(
        store,
        actor,
        fy,
        "plan.hours",
        "opening hours set",
        |tx, id| write_hours(tx, id, &hours),
    )
}

fn validate_hours(h: &OpeningHours) -> Result<OpeningHours> {
    Ok(OpeningHours {
        weekday: crate::text::single_line(fields::HOURS_WEEKDAY, &h.weekday, 50)?,
        saturday: crate::text::single_line(fields::HOURS_SATURDAY, &h.saturday, 50)?,
        dropin: crate::text::single_line(fields::HOURS_DROPIN, &h.dropin, 50)?,
    })
}

pub(crate) fn write_hours(tx: &Tx<'_>, id: &PlanId, h: &OpeningHours) -> Result<()> {
    let h = validate_hours(h)?;
    tx.conn()
        .execute(
            "UPDATE plans SET hours_weekday = ?2, hours_saturday = ?3, hours_dropin = ?4,
                    updated_at = ?5, updated_by = ?6
             WHERE id = ?1",
            params![
                id,
                h.weekday,
                h.saturday,
                h.dropin,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(db)?;
    Ok(())
}

/// Replaces the staffing lines by role (director only).
pub fn set_staffing(
    store: &mut Store,
    actor: &Session,
    fy: FiscalYear,
    lines: &[StaffingLine],
) -> Result<()> {
    validate_staffing(lines)?;
    write_plan(
        store,
        actor,
        fy,
        "plan.staffing",
        &format!("{} staffing lines set", lines.len()),
        |tx, id| write_staffing(tx, id, lines),
    )
}

fn validate_staffing(lines: &[StaffingLine]) -> Result<Vec<StaffingLine>> {
    let mut seen = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if seen.contains(&line.role) {
            return Err(CoreError::Duplicate { what: fields::ROLE });
        }
        seen.push(line.role);
        check_count(fields::HEAD_COUNT, line.head_count, 1000)?;
        if u64::from(line.fte.milli()) > u64::from(line.head_count) * 1000 {
            return Err(CoreError::rule(
                "a role's FTE cannot exceed its head count",
                format!(
                    "{}の常勤換算（{}）が人数（{}名）を超えています。",
                    line.role.label_ja(),
                    line.fte,
                    line.head_count
                ),
            ));
        }
        out.push(StaffingLine {
            note: optional_line(fields::NOTE, &line.note, 200)?,
            ..line.clone()
        });
    }
    Ok(out)
}

pub(crate) fn write_staffing(tx: &Tx<'_>, id: &PlanId, lines: &[StaffingLine]) -> Result<()> {
    let lines = validate_staffing(lines)?;
    let conn = tx.conn();
    conn.execute("DELETE FROM plan_staffing WHERE plan_id = ?1", [id])
        .map_err(db)?;
    for line in &lines {
        conn.execute(
            "INSERT INTO plan_staffing (id, plan_id, role, head_count, fte_milli, note,
                    updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                crate::ids::new_id(),
                id,
                line.role,
                line.head_count,
                line.fte.milli(),
                line.note,
                tx.now(),
                tx.actor().user_id()
            ],
        )
        .map_err(db)?;
    }
    Ok(())
}

/// The fiscal years that have a plan, newest first (any signed-in user).
pub fn plan_years(store: &Store, actor: &Session) -> Result<Vec<FiscalYear>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare("SELECT fiscal_year FROM plans ORDER BY fiscal_year DESC")
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, i32>(0).map(FiscalYear))
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    })
}

/// A fiscal year's plan, whole (any signed-in user).
pub fn plan(store: &Store, actor: &Session, fy: FiscalYear) -> Result<Plan> {
    store.read(actor, |conn| load_plan(conn, fy))
}

pub(crate) fn load_plan(conn: &Connection, fy: FiscalYear) -> Result<Plan> {
    let (id, targets, stated, hours) = conn
        .query_row(
            "SELECT id, target_new_inquiries, target_new_registrations, target_new_employed,
                    target_registered_end, target_continuing_end, stated_staff_count,
                    stated_total_fte_milli, staffing_as_of, figures_as_of, stated_registered,
                    stated_continuing, hours_weekday, hours_saturday, hours_dropin
             FROM plans WHERE fiscal_year = ?1",
            [fy.year()],
            |r| {
                Ok((
                    r.get::<_, PlanId>(0)?,
                    Targets {
                        new_inquiries: r.get(1)?,
                        new_registrations: r.get(2)?,
                        new_employed: r.get(3)?,
                        registered_end: r.get(4)?,
                        continuing_end: r.get(5)?,
                    },
                    StatedNumbers {
                        staff_count: r.get(6)?,
                        total_fte: r.get::<_, Option<u32>>(7)?.map(Fte::from_milli),
                        staffing_as_of: r.get(8)?,
                        figures_as_of: r.get(9)?,
                        registered: r.get(10)?,
                        continuing: r.get(11)?,
                    },
                    OpeningHours {
                        weekday: r.get(12)?,
                        saturday: r.get(13)?,
                        dropin: r.get(14)?,
                    },
                ))
            },
        )
        .optional()
        .map_err(db)?
        .ok_or(CoreError::NotFound { what: fields::PLAN })?;
    Ok(Plan {
        staffing: load_staffing(conn, &id)?,
        meetings: programme::load_programme(conn, &id)?,
        disaster_duties: programme::load_duties(conn, &id)?,
        sections: sections::load_sections(conn, &id)?,
        id,
        fiscal_year: fy,
        fiscal_year_name: fy.name_wareki(),
        targets,
        stated,
        hours,
    })
}

pub(crate) fn load_staffing(conn: &Connection, id: &PlanId) -> Result<Vec<StaffingLine>> {
    let mut stmt = conn
        .prepare("SELECT role, head_count, fte_milli, note FROM plan_staffing WHERE plan_id = ?1")
        .map_err(db)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(StaffingLine {
                role: r.get(0)?,
                head_count: r.get(1)?,
                fte: Fte::from_milli(r.get(2)?),
                note: r.get(3)?,
            })
        })
        .map_err(db)?;
    let mut lines = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)?;
    lines.sort_by_key(|l| l.role);
    Ok(lines)
}
