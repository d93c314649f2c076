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
