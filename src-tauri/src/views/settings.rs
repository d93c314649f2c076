//! The settings screen: idle lock, follow-up policy and check-in thresholds, backups.

use hotto::backup::{BackupInfo, BackupStatus};
use hotto::retention::{FollowUpMethod, FollowUpPolicy, Offset};
use serde::{Deserialize, Serialize};

use super::options::OptionView;

/// Check-in thresholds in days, by phase.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckInDaysView {
    /// 就労中.
    pub employed: u32,
    /// 職業準備支援.
    pub preparing: u32,
    /// 求職活動.
    pub seeking: u32,
    /// 休職中.
    pub on_leave: u32,
    /// 離職後.
    pub separated: u32,
    /// 段階未設定.
    pub unset: u32,
}

/// One early step of the schedule, as the editor shows and sends it.
#[derive(Clone, Debug, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpStepView {
    /// `weeks` or `months`.
    pub unit: String,
    /// How many weeks or months after the start (1 or more).
    pub count: u32,
    /// The method's value (`visit`, `phone`, …).
    pub method: String,
}

/// The schedule part of the policy as the director edits it (check-in days are separate).
#[derive(Clone, Debug, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpScheduleView {
    /// The early steps, in order.
    pub steps: Vec<FollowUpStepView>,
    /// Half-yearly follow-ups until this many years after the start.
    pub half_yearly_until_years: u32,
    /// Yearly follow-ups until this many years after the start.
    pub yearly_until_years: u32,
    /// The method of the half-yearly and yearly follow-ups.
    pub later_method: String,
}

/// The follow-up policy as text lines, and the check-in thresholds.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpPolicyView {
    /// The early steps: `1週間後（訪問）`.
    pub early_steps: Vec<String>,
    /// `3年後まで半年ごと（電話）、10年後まで1年ごと`.
    pub later: String,
    /// Check-in thresholds.
    pub check_in_days: CheckInDaysView,
    /// The schedule as the editor shows it.
    pub schedule: FollowUpScheduleView,
    /// The follow-up methods, for the selects.
    pub methods: Vec<OptionView>,
}

impl From<&FollowUpPolicy> for FollowUpPolicyView {
    fn from(p: &FollowUpPolicy) -> Self {
        let c = p.check_in_days;
        FollowUpPolicyView {
            early_steps: p
                .early
                .iter()
                .map(|s| {
                    let when = match s.offset {
                        Offset::Weeks(w) => format!("{w}週間後"),
                        Offset::Months(m) => format!("{m}か月後"),
                    };
                    format!("{when}（{}）", s.method.label_ja())
                })
                .collect(),
            later: format!(
                "その後{}年後まで半年ごと、{}年後まで1年ごと（{}）",
                p.half_yearly_until_years,
                p.yearly_until_years,
                p.later_method.label_ja()
            ),
            check_in_days: CheckInDaysView {
                employed: c.employed,
                preparing: c.preparing,
                seeking: c.seeking,
                on_leave: c.on_leave,
                separated: c.separated,
                unset: c.unset,
            },
            schedule: FollowUpScheduleView {
                steps: p
                    .early
                    .iter()
                    .map(|s| {
                        let (unit, count) = match s.offset {
                            Offset::Weeks(w) => ("weeks", w),
                            Offset::Months(m) => ("months", m),
                        };
                        FollowUpStepView {
                            unit: unit.to_string(),
                            count,
                            method: s.method.as_db().to_string(),
                        }
                    })
                    .collect(),
                half_yearly_until_years: p.half_yearly_until_years,
                yearly_until_years: p.yearly_until_years,
                later_method: p.later_method.as_db().to_string(),
            },
            methods: FollowUpMethod::ALL
                .iter()
                .map(|m| OptionView::new(m.as_db(), m.label_ja()))
                .collect(),
        }
    }
}

/// The newest backup file.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupFileView {
    /// File name.
    pub file_name: String,
    /// When it was made, on this PC's clock: `R7.11.25 18:02`.
    pub made_at: String,
    /// Size, `12.3 MB`.
    pub size: String,
}

/// The backup folder's state.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatusView {
    /// The chosen folder, if any.
    pub folder: Option<String>,
    /// The newest backup there.
    pub newest: Option<BackupFileView>,
    /// Why the folder cannot be used now, in Japanese.
    pub problem: Option<String>,
}

fn local_time(utc: chrono::NaiveDateTime) -> String {
    let local = utc.and_utc().with_timezone(&chrono::Local);
    format!(
        "{} {}",
        hotto::calendar::format_wareki_short(local.date_naive()),
        local.format("%H:%M")
    )
}

/// A size as people read it: `850 KB`, `12.3 MB`.
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB * KB {
        format!("{:.0} KB", (b / KB).ceil())
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

impl From<&BackupStatus> for BackupStatusView {
    fn from(s: &BackupStatus) -> Self {
        BackupStatusView {
            folder: s.folder.as_ref().map(|f| f.to_string_lossy().into_owned()),
            newest: s.newest.as_ref().map(|n| BackupFileView {
                file_name: n.file_name.clone(),
                made_at: local_time(n.made_at),
                size: size_text(n.bytes),
            }),
            problem: s.problem.as_ref().map(|e| e.message_ja()),
        }
    }
}

/// Everything the settings screen shows.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    /// Minutes without input before the app locks.
    pub idle_lock_minutes: u32,
    /// The follow-up policy.
    pub policy: FollowUpPolicyView,
    /// Backups.
    pub backup: BackupStatusView,
    /// Whether this user may change the settings (the core checks again).
    pub can_edit: bool,
}

/// How far the backup has got.
#[derive(Clone, Copy, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupProgressView {
    /// Share done, 0–1.
    pub fraction: f64,
}

/// A backup that was written and read back.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BackupResultView {
    /// File name.
    pub file_name: String,
    /// Size, `12.3 MB`.
    pub size: String,
    /// Always true: an unverified backup is an error and deleted.
    pub verified: bool,
    /// Tables checked by their row counts.
    pub tables_checked: u32,
}

impl From<&BackupInfo> for BackupResultView {
    fn from(i: &BackupInfo) -> Self {
        BackupResultView {
            file_name: i
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            size: size_text(i.bytes),
            verified: true,
            tables_checked: u32::try_from(i.row_counts.len()).unwrap_or(u32::MAX),
        }
    }
}
