//! The director's reading of the audit log: filtered pages of rows and the verification of
//! every device's hash chain. The log itself (append, chain, storage) lives in `store::audit`;
//! this module only adds who may read it and the Japanese verdict.

use crate::store::audit::{self, AuditEntry, AuditFilter, ChainReport};
use crate::store::Store;
use crate::{Result, Session};

/// Rows per page when the caller gives no limit.
pub const PAGE_SIZE: u32 = 50;

/// One page of the log.
#[derive(Clone, Debug)]
pub struct AuditPage {
    /// The rows, newest first.
    pub entries: Vec<AuditEntry>,
    /// Whether older matching rows follow this page.
    pub has_more: bool,
}

/// A page of the audit log matching `filter` (director only). `limit` is the page size
/// (default [`PAGE_SIZE`]) and `offset` how many newer rows to skip.
pub fn audit_page(store: &Store, actor: &Session, filter: &AuditFilter) -> Result<AuditPage> {
    actor.require_director("read the audit log")?;
    let limit = filter.limit.unwrap_or(PAGE_SIZE).clamp(1, 500);
    // One row more than asked tells whether another page follows.
    let probe = AuditFilter {
        limit: Some(limit + 1),
        ..filter.clone()
    };
    let mut entries = store.read(actor, |conn| Ok(audit::list(conn, &probe)?))?;
    let has_more = entries.len() > limit as usize;
    entries.truncate(limit as usize);
    Ok(AuditPage { entries, has_more })
}

/// The actions and record kinds that occur in the log, for filter lists (director only).
pub fn audit_choices(store: &Store, actor: &Session) -> Result<(Vec<String>, Vec<String>)> {
    actor.require_director("read the audit log")?;
    store.read(actor, |conn| Ok(audit::actions_and_kinds(conn)?))
}

/// The result of verifying every chain, with a sentence for the director.
#[derive(Clone, Debug)]
pub struct AuditVerification {
    /// One report per device.
    pub chains: Vec<ChainReport>,
    /// Whether every chain verifies.
    pub intact: bool,
    /// 「操作記録は改ざんされていません（3台・12,345件）。」 or where the first break is.
    pub message_ja: String,
}

/// Recomputes every device's chain (director only).
pub fn verify_audit_log(store: &Store, actor: &Session) -> Result<AuditVerification> {
    actor.require_director("verify the audit log")?;
    let chains = store.read(actor, |conn| Ok(audit::verify(conn)?))?;
    let rows: u64 = chains.iter().map(|c| c.rows).sum();
    let broken = chains.iter().find_map(|c| c.first_break.as_ref());
    let message_ja = match broken {
        None => format!(
            "操作記録に改ざんはありません（端末{}台・{}件を確認しました）。",
            chains.len(),
            crate::reports::number::integer(i64::try_from(rows).unwrap_or(i64::MAX))
        ),
        Some(b) => format!(
            "操作記録の{}件目で不整合が見つかりました（{}）。管理者に連絡してください。",
            b.seq,
            reason_ja(b.reason)
        ),
    };
    Ok(AuditVerification {
        intact: broken.is_none(),
        chains,
        message_ja,
    })
}

fn reason_ja(reason: &str) -> &'static str {
    match reason {
        "a row is missing before this one" => "直前の記録が欠けています",
        "it does not link to the previous row" => "直前の記録とつながっていません",
        _ => "記録後に内容が変更されています",
    }
}

/// The Japanese name of a kind of record in the log (`fte_allocation` → 職員配置); the stored
/// code itself when it is not known (a newer version may write kinds this one has no name for).
pub fn kind_label_ja(kind: &str) -> String {
    let label = match kind {
        "attachment" => "添付ファイル",
        "backup" => "バックアップ",
        "budget_line" => "予算科目",
        "center" => "センター",
        "client" => "利用者",
        "commission" | "commission_metric" => "委託事業",
        "consultation" => "相談",
        "dropin_day" => "交流スペース",
        "employer" => "企業",
        "employer_support" => "企業支援",
        "employment" => "就労",
        "flag_kind" => "注意事項の種類",
        "follow_up" => "定着フォロー",
        "fte_allocation" => "職員配置",
        "handover" => "支援引継ぎ",
        "meeting" => "会議・行事",
        "newsletter" => "通信",
        "partner" => "関係機関",
        "plan" => "事業計画",
        "prospect" => "開拓先",
        "settings" => "設定",
        "staff" => "職員",
        "support_record" => "支援記録",
        "training" => "研修",
        "user" => "利用アカウント",
        _ => return kind.to_string(),
    };
    label.to_string()
}

/// The Japanese name of an action (`fte_allocation.end` → 職員配置の終了), from its subject
/// and verb; the stored code itself when either is unknown.
pub fn action_label_ja(action: &str) -> String {
    let special = match action {
        "session.sign_in" => Some("ログイン"),
        "session.sign_out" => Some("ログアウト"),
        "recovery.sheet" => Some("復旧シートの印刷"),
        "recovery.reset_password" => Some("復旧コードによるパスワード再設定"),
        "center.rekey" => Some("暗号鍵の更新"),
        "export.full_json" => Some("全データの書き出し"),
        "demo.build" => Some("デモデータの作成"),
        "report.client_summary" => Some("利用者支援記録の印刷"),
        "settings.idle_lock" => Some("自動ロック時間の設定"),
        "settings.backup_folder" => Some("バックアップ先の設定"),
        "follow_up_policy.update" => Some("定着フォロー方針の変更"),
        "user.password" => Some("パスワードの変更"),
        "user.role" => Some("権限の変更"),
        "client.read" => Some("利用者記録の閲覧"),
        "client.staff" => Some("担当職員の変更"),
        "client.phase" => Some("支援段階の変更"),
        "client_flag.set" => Some("注意事項の設定"),
        "client_flag.clear" => Some("注意事項の解除"),
        "budget_actual.set" => Some("月別実績の入力"),
        "commission_result.set" => Some("委託事業実績の入力"),
        "dropin.set" => Some("交流スペース来所数の入力"),
        _ => None,
    };
    if let Some(label) = special {
        return label.to_string();
    }
    let Some((subject, verb)) = action.split_once('.') else {
        return action.to_string();
    };
    let verb = match verb {
        "add" | "create" => "追加",
        "update" | "change" | "correct" | "rename" => "変更",
        "remove" | "delete" => "削除",
        "end" => "終了",
        "close" => "登録終了",
        "register" => "利用登録",
        "reopen" => "再開",
        "complete" => "完了",
        "reassign" => "担当変更",
        "reschedule" => "日程変更",
        "open" => "閲覧",
        "arrive" => "受け入れ",
        "check" => "確認",
        "withdraw" => "撤回",
        "attendance" => "出席の記録",
        "restore" => "復元",
        "active" => "利用中・停止の切替",
        "contact" => "連絡の記録",
        "partner" => "関係機関の変更",
        "seed" => "初期登録",
        _ => return action.to_string(),
    };
    let subject = match subject {
        "consent" => "同意".to_string(),
        other => kind_label_ja(other),
    };
    if subject == action.split_once('.').map_or("", |(s, _)| s) {
        return action.to_string();
    }
    format!("{subject}の{verb}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_named_in_japanese_from_subject_and_verb() {
        assert_eq!(action_label_ja("fte_allocation.end"), "職員配置の終了");
        assert_eq!(action_label_ja("user.add"), "利用アカウントの追加");
        assert_eq!(action_label_ja("session.sign_in"), "ログイン");
        assert_eq!(action_label_ja("consent.withdraw"), "同意の撤回");
    }

    #[test]
    fn unknown_codes_are_shown_as_stored() {
        assert_eq!(action_label_ja("future_thing.add"), "future_thing.add");
        assert_eq!(action_label_ja("user.frobnicate"), "user.frobnicate");
        assert_eq!(kind_label_ja("future_kind"), "future_kind");
    }
}
