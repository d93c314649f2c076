//! Employment rows: a job of a client already registered here (found by 氏名, ふりがな and
//! 生年月日) at an employer already here (企業名), with its start and, for a past job, its end.
//! Through `add_employment_in` and `end_employment_in`: the follow-up schedule and the
//! separation rules are those of the forms.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::columns::{Column, Row};
use super::employers::name_key;
use super::{row_error, RowDone};
use crate::clients::search_key;
use crate::employment::employments::{add_employment_in, end_employment_in};
use crate::employment::{fields, ContractType, EmploymentEnd, EndReason, NewEmployment, Route};
use crate::ids::{ClientId, EmployerId};
use crate::store::{StoreError, Tx};
use crate::Result;

const NAME: &str = "氏名";
const KANA: &str = "ふりがな";
const BIRTH: &str = "生年月日";
const EMPLOYER: &str = "企業名";
const STARTED: &str = "就職日";
const JOB_TITLE: &str = "職種";
const CONTRACT: &str = "雇用形態";
const HOURS: &str = "週所定労働時間";
const ROUTE: &str = "就職経路";
const DISABILITY_EMPLOYMENT: &str = "障害者雇用";
const ENDED: &str = "離職日";
const END_REASON: &str = "離職理由";
const END_NOTE: &str = "離職の補足";

/// The columns of an employment file.
pub(super) const COLUMNS: &[Column] = &[
    Column::new(NAME, &["利用者氏名", "名前"], true, &["client"]),
    Column::new(KANA, &["フリガナ", "よみがな", "ヨミガナ"], true, &[]),
    Column::new(BIRTH, &["誕生日"], false, &[]),
    Column::new(
        EMPLOYER,
        &["事業所名", "企業・事業所名", "就職先", "就労先", "会社名"],
        true,
        &["employer"],
    ),
    Column::new(
        STARTED,
        &["就労開始日", "入社日", "就職年月日"],
        true,
        &["started_on"],
    ),
    Column::new(JOB_TITLE, &["職務", "仕事内容"], false, &["job_title"]),
    Column::new(CONTRACT, &["雇用契約", "契約形態"], true, &[]),
    Column::new(
        HOURS,
        &[
            "週の所定労働時間",
            "週労働時間",
            "所定労働時間",
            "週所定労働時間(時間)",
        ],
        true,
        &["weekly_minutes"],
    ),
    Column::new(ROUTE, &["経路"], true, &[]),
    Column::new(
        DISABILITY_EMPLOYMENT,
        &["障害者雇用枠", "障害者枠"],
        true,
        &[],
    ),
    Column::new(ENDED, &["退職日"], false, &["ended_on"]),
    Column::new(END_REASON, &["退職理由"], false, &[]),
    Column::new(
        END_NOTE,
        &["離職理由の補足", "離職メモ"],
        false,
        &["end_note"],
    ),
];

const CONTRACT_CHOICES: &[(ContractType, &[&str])] = &[
    (
        ContractType::Permanent,
        &["正社員・無期雇用", "正社員", "無期雇用", "permanent"],
    ),
    (
        ContractType::FixedTerm,
        &[
            "有期雇用（契約社員等）",
            "有期雇用",
            "契約社員",
            "fixed_term",
        ],
    ),
    (
        ContractType::PartTime,
        &["パート・アルバイト", "パート", "アルバイト", "part_time"],
    ),
    (ContractType::Dispatched, &["派遣", "dispatched"]),
    (ContractType::Other, &["その他", "other"]),
];

const ROUTE_CHOICES: &[(Route, &[&str])] = &[
    (Route::JobCentre, &["ハローワーク", "job_centre"]),
    (Route::SpecialSchool, &["特別支援学校", "special_school"]),
    (Route::TrainingSchool, &["職業訓練校", "training_school"]),
    (
        Route::TransitionService,
        &["就労移行支援事業所", "就労移行支援", "transition_service"],
    ),
    (Route::Direct, &["直接応募", "direct"]),
    (Route::Other, &["その他", "other"]),
];

const END_REASON_CHOICES: &[(EndReason, &[&str])] = &[
    (EndReason::Personal, &["自己都合", "personal"]),
    (EndReason::Health, &["体調", "health"]),
    (EndReason::Workplace, &["職場環境", "workplace"]),
    (
        EndReason::ContractEnd,
        &["契約期間満了", "契約満了", "contract_end"],
    ),
    (EndReason::Dismissal, &["解雇", "dismissal"]),
    (EndReason::JobChange, &["転職", "job_change"]),
    (EndReason::Other, &["その他", "other"]),
];

/// Employers by name, loaded once per import.
pub(super) struct Context {
    employers: HashMap<String, Vec<EmployerId>>,
}

impl Context {
    pub(super) fn load(conn: &Connection) -> Result<Self> {
        let mut stmt = conn
            .prepare("SELECT id, name FROM employers")
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, EmployerId>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(StoreError::from)?;
        let mut employers: HashMap<String, Vec<EmployerId>> = HashMap::new();
        for row in rows {
            let (id, name) = row.map_err(StoreError::from)?;
            employers.entry(name_key(&name)).or_default().push(id);
        }
        Ok(Context { employers })
    }

    fn employer(&self, row: &mut Row<'_>) -> Option<EmployerId> {
        let name = row.text(EMPLOYER);
        if name.trim().is_empty() {
            row.problem(EMPLOYER, "企業名を入力してください。");
            return None;
        }
        match self.employers.get(&name_key(&name)).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            Some([_, _, ..]) => {
                row.problem(
                    EMPLOYER,
                    "同じ名前の企業・事業所が複数あります。企業の画面で名前を区別してください。",
                );
                None
            }
            _ => {
                row.problem(
                    EMPLOYER,
                    "この名前の企業・事業所が登録されていません。先に企業・事業所を取り込んでください。",
                );
                None
            }
        }
    }
}

/// The client of a row: the one whose name and kana (compared as in search) and birth date
/// match. A problem, and `None`, when there is no such client or more than one.
fn find_client(
    conn: &Connection,
    row: &mut Row<'_>,
    birth: Option<NaiveDate>,
) -> Result<Option<ClientId>> {
    let (name, kana) = (row.text(NAME), row.text(KANA));
    if name.trim().is_empty() || kana.trim().is_empty() {
        row.problem(NAME, "氏名とふりがなを入力してください。");
        return Ok(None);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT id FROM clients WHERE search_key = ?1 AND (?2 IS NULL OR birth_date = ?2)
             LIMIT 2",
        )
        .map_err(StoreError::from)?;
    let ids = stmt
        .query_map(params![search_key(&name, &kana), birth], |r| r.get(0))
        .map_err(StoreError::from)?
        .collect::<rusqlite::Result<Vec<ClientId>>>()
        .map_err(StoreError::from)?;
    Ok(match ids.as_slice() {
        [one] => Some(one.clone()),
        [] => {
            row.problem(
                NAME,
                "この氏名・ふりがな・生年月日の相談者が登録されていません。先に相談者を取り込んでください。",
            );
            None
        }
        _ => {
            row.problem(
                NAME,
                "同じ氏名・ふりがなの相談者が複数います。生年月日を入れて区別してください。",
            );
            None
        }
    })
}

/// Weekly hours as typed (`20`, `20.5`, `20時間`, `20:30`) in minutes; `None` with a problem
/// when unreadable.
fn weekly_minutes(row: &mut Row<'_>) -> Option<u32> {
    let text = crate::text::nfkc(&row.text(HOURS));
    let text = text.trim_end_matches("時間").trim();
    let minutes = if let Some((h, m)) = text.split_once(':') {
        match (h.trim().parse::<u32>(), m.trim().parse::<u32>()) {
            (Ok(h), Ok(m)) if m < 60 => h.checked_mul(60).and_then(|h| h.checked_add(m)),
            _ => None,
        }
    } else {
        text.parse::<f64>()
            .ok()
            .filter(|h| h.is_finite() && *h >= 0.0 && *h <= 1000.0)
            .map(|h| (h * 60.0).round() as u32)
    };
    if text.is_empty() {
        row.problem(
            HOURS,
            "週所定労働時間を時間で入力してください（例: 20、20.5、20:30）。",
        );
        return None;
    }
    if minutes.is_none() {
        row.problem(
            HOURS,
            "週所定労働時間は時間で入力してください（例: 20、20.5、20:30）。",
        );
    }
    minutes
}

/// Reads one employment row and records the job (and its end) inside `tx`.
pub(super) fn import_row(
    tx: &mut Tx<'_>,
    ctx: &Context,
    row: &mut Row<'_>,
) -> Result<Option<RowDone>> {
    let birth = row.date(BIRTH, crate::clients::fields::BIRTH_DATE);
    let started_on = row.date(STARTED, fields::STARTED_ON);
    let ended_on = row.date(ENDED, fields::ENDED_ON);
    let contract_type = row.choice(CONTRACT, CONTRACT_CHOICES);
    let route = row.choice(ROUTE, ROUTE_CHOICES);
    let reason = row.choice(END_REASON, END_REASON_CHOICES);
    let disability_employment = row.yes_no(DISABILITY_EMPLOYMENT);
    let weekly_minutes = weekly_minutes(row);
    let employer_id = ctx.employer(row);
    let client_id = find_client(tx.conn(), row, birth)?;
    for (label, missing) in [
        (
            STARTED,
            started_on.is_none() && row.text(STARTED).trim().is_empty(),
        ),
        (CONTRACT, row.text(CONTRACT).trim().is_empty()),
        (ROUTE, row.text(ROUTE).trim().is_empty()),
        (
            DISABILITY_EMPLOYMENT,
            row.text(DISABILITY_EMPLOYMENT).trim().is_empty(),
        ),
    ] {
        if missing {
            row.problem(label, format!("{label}を入力してください。"));
        }
    }
    let has_end = !row.text(ENDED).trim().is_empty();
    if has_end && reason.is_none() && row.text(END_REASON).trim().is_empty() {
        row.problem(END_REASON, "離職日があるときは離職理由も入力してください。");
    }
    if !has_end && reason.is_some() {
        row.problem(ENDED, "離職理由があるときは離職日も入力してください。");
    }
    let (
        Some(client_id),
        Some(employer_id),
        Some(started_on),
        Some(contract_type),
        Some(weekly_minutes),
        Some(route),
        Some(disability_employment),
    ) = (
        client_id,
        employer_id,
        started_on,
        contract_type,
        weekly_minutes,
        route,
        disability_employment,
    )
    else {
        return Ok(None);
    };
    if !row.problems.is_empty() {
        return Ok(None);
    }
    let new = NewEmployment {
        client_id,
        employer_id,
        started_on,
        job_title: row.text(JOB_TITLE),
        contract_type,
        weekly_minutes,
        route,
        disability_employment,
        handover: None,
    };
    let id = match add_employment_in(tx, &new) {
        Ok(id) => id,
        Err(e) => {
            row_error(row, e)?;
            return Ok(None);
        }
    };
    if let (Some(ended_on), Some(reason)) = (ended_on, reason) {
        let end = EmploymentEnd {
            ended_on,
            reason,
            note: row.text(END_NOTE),
        };
        if let Err(e) = end_employment_in(tx, &id, &end) {
            row_error(row, e)?;
            return Ok(None);
        }
    }
    Ok(Some(RowDone {
        id: id.to_string(),
        duplicates_of: Vec::new(),
    }))
}
