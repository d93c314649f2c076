//! Caution flags (注意フラグ) on a client, e.g. 体調不安定: set with a reason by a
//! named user on a date, cleared the same way, shown on the list and the record.
//! The list of kinds is the director's to edit.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{fields, require_client, today, Db};
use crate::ids::{ClientId, FlagId, FlagKindId};
use crate::session::Session;
use crate::store::{Store, Tx};
use crate::text::{multi_line, single_line};
use crate::{CoreError, Result};

/// The kinds every new center starts with.
pub const DEFAULT_FLAG_KINDS: &[&str] = &["体調不安定", "連絡注意", "金銭トラブル"];

/// A kind of flag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlagKind {
    /// Id.
    pub id: FlagKindId,
    /// Label, e.g. 連絡注意.
    pub label: String,
    /// False once retired: kept for old flags, not offered for new ones.
    pub active: bool,
}

/// An active flag on a client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientFlag {
    /// Id.
    pub id: FlagId,
    /// Kind.
    pub kind_id: FlagKindId,
    /// Kind's label.
    pub label: String,
    /// Why it was set.
    pub reason: String,
    /// When it was set.
    pub set_on: NaiveDate,
    /// Who set it (display name of the account).
    pub set_by: String,
}

/// The flag kinds, active ones only unless `include_retired`.
pub fn list_flag_kinds(
    store: &Store,
    actor: &Session,
    include_retired: bool,
) -> Result<Vec<FlagKind>> {
    store.read(actor, |conn| {
        let mut stmt = conn
            .prepare(
                "SELECT id, label, active FROM flag_kinds
                 WHERE active = 1 OR ?1 ORDER BY label",
            )
            .db()?;
        let rows = stmt
            .query_map([include_retired], |r| {
                Ok(FlagKind {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    active: r.get(2)?,
                })
            })
            .db()?;
        rows.collect::<rusqlite::Result<_>>().db()
    })
}

fn validate_label(label: &str) -> Result<String> {
    single_line(fields::FLAG_KIND, label, 30)
}

fn label_taken(conn: &Connection, label: &str, except: Option<&FlagKindId>) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM flag_kinds WHERE label = ?1 AND id IS NOT ?2)",
        params![label, except],
        |r| r.get(0),
    )
    .db()
}

/// Adds a flag kind (director only).
pub fn add_flag_kind(store: &mut Store, actor: &Session, label: &str) -> Result<FlagKindId> {
    actor.require_director("add a flag kind")?;
    let label = validate_label(label)?;
    store.write(actor, |tx| {
        if label_taken(tx.conn(), &label, None)? {
            return Err(CoreError::Duplicate {
                what: fields::FLAG_KIND,
            });
        }
        let id = insert_kind(tx, &label)?;
        tx.audit(
            "flag_kind.add",
            "flag_kind",
            Some(id.as_str()),
            "flag kind added",
        )?;
        Ok(id)
    })
}

fn insert_kind(tx: &Tx<'_>, label: &str) -> Result<FlagKindId> {
    let id = FlagKindId::new();
    tx.conn()
        .execute(
            "INSERT INTO flag_kinds (id, label, active, updated_at, updated_by)
             VALUES (?1, ?2, 1, ?3, ?4)",
            params![id, label, tx.now(), tx.actor().user_id()],
        )
        .db()?;
    Ok(id)
}

/// Renames a flag kind (director only); flags already set follow the new name.
pub fn rename_flag_kind(
    store: &mut Store,
    actor: &Session,
    id: &FlagKindId,
    label: &str,
) -> Result<()> {
    actor.require_director("rename a flag kind")?;
    let label = validate_label(label)?;
    store.write(actor, |tx| {
        if label_taken(tx.conn(), &label, Some(id))? {
            return Err(CoreError::Duplicate {
                what: fields::FLAG_KIND,
            });
        }
        let changed = tx
            .conn()
            .execute(
                "UPDATE flag_kinds SET label = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![id, label, tx.now(), tx.actor().user_id()],
            )
            .db()?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: fields::FLAG_KIND,
            });
        }
        tx.audit(
            "flag_kind.rename",
            "flag_kind",
            Some(id.as_str()),
            "flag kind renamed",
        )
    })
}

/// Retires or restores a flag kind (director only). Flags already set stay.
pub fn set_flag_kind_active(
    store: &mut Store,
    actor: &Session,
    id: &FlagKindId,
    active: bool,
) -> Result<()> {
    actor.require_director("retire a flag kind")?;
    store.write(actor, |tx| {
        let changed = tx
            .conn()
            .execute(
                "UPDATE flag_kinds SET active = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                params![id, active, tx.now(), tx.actor().user_id()],
            )
            .db()?;
        if changed == 0 {
            return Err(CoreError::NotFound {
                what: fields::FLAG_KIND,
            });
        }
        let summary = if active {
            "flag kind restored"
        } else {
            "flag kind retired"
        };
        tx.audit("flag_kind.active", "flag_kind", Some(id.as_str()), summary)
    })
}

/// Adds the default kinds (体調不安定, 連絡注意, 金銭トラブル) that are missing, inside
/// a write already under way (e.g. a new center's set-up). Returns how many were added.
pub fn seed_default_flag_kinds(tx: &mut Tx<'_>) -> Result<usize> {
    let mut added = 0;
    for label in DEFAULT_FLAG_KINDS {
        if !label_taken(tx.conn(), label, None)? {
            insert_kind(tx, label)?;
            added += 1;
        }
    }
    if added > 0 {
        tx.audit(
            "flag_kind.seed",
            "flag_kind",
            None,
            &format!("{added} default flag kind(s) added"),
        )?;
    }
    Ok(added)
}

/// Adds the default flag kinds that are missing (director only; safe to call again).
pub fn ensure_default_flag_kinds(store: &mut Store, actor: &Session) -> Result<usize> {
    actor.require_director("seed the flag kinds")?;
    store.write(actor, seed_default_flag_kinds)
}

/// Sets a flag on a client, with the reason; the acting user and today are recorded.
pub fn set_flag(
    store: &mut Store,
    actor: &Session,
    client_id: &ClientId,
    kind_id: &FlagKindId,
    reason: &str,
) -> Result<FlagId> {
    let reason = multi_line(fields::FLAG_REASON, reason, 1000)?;
    if reason.is_empty() {
        return Err(CoreError::invalid(
            fields::FLAG_REASON,
            crate::error::Problem::Empty,
        ));
    }
    store.write(actor, |tx| {
        require_client(tx.conn(), client_id)?;
        let active: Option<bool> = tx
            .conn()
            .query_row(
                "SELECT active FROM flag_kinds WHERE id = ?1",
                [kind_id],
                |r| r.get(0),
            )
            .optional()
            .db()?;
        match active {
            None => {
                return Err(CoreError::NotFound {
                    what: fields::FLAG_KIND,
                })
            }
            Some(false) => {
                return Err(CoreError::rule(
                    "the flag kind is retired",
                    "この種類の注意フラグは使用停止になっています。",
                ))
            }
            Some(true) => {}
        }
        let already: bool = tx
            .conn()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM client_flags
                                WHERE client_id = ?1 AND cleared_on IS NULL AND kind_id = ?2)",
                params![client_id, kind_id],
                |r| r.get(0),
            )
            .db()?;
        if already {
            return Err(CoreError::Duplicate { what: fields::FLAG });
        }
        let id = FlagId::new();
        tx.conn()
            .execute(
                "INSERT INTO client_flags (id, client_id, kind_id, reason, set_on, set_by, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
                params![id, client_id, kind_id, reason, today(), tx.actor().user_id(), tx.now()],
            )
            .db()?;
        tx.audit(
            "client_flag.set",
            "client",
            Some(client_id.as_str()),
            &format!("flag {id} set"),
        )?;
        Ok(id)
    })
}

/// Clears an active flag; who and when are recorded.
pub fn clear_flag(store: &mut Store, actor: &Session, flag_id: &FlagId) -> Result<()> {
    store.write(actor, |tx| {
        let client: Option<ClientId> = tx
            .conn()
            .query_row(
                "SELECT client_id FROM client_flags WHERE id = ?1 AND cleared_on IS NULL",
                [flag_id],
                |r| r.get(0),
            )
            .optional()
            .db()?;
        let client = client.ok_or(CoreError::NotFound { what: fields::FLAG })?;
        tx.conn()
            .execute(
                "UPDATE client_flags SET cleared_on = ?2, cleared_by = ?3, updated_at = ?4, updated_by = ?3
                 WHERE id = ?1",
                params![flag_id, today(), tx.actor().user_id(), tx.now()],
            )
            .db()?;
        tx.audit(
            "client_flag.clear",
            "client",
            Some(client.as_str()),
            &format!("flag {flag_id} cleared"),
        )
    })
}

/// A client's active flags, by label.
pub(super) fn active_flags(conn: &Connection, id: &ClientId) -> Result<Vec<ClientFlag>> {
    let mut stmt = conn
        .prepare(
            "SELECT f.id, f.kind_id, k.label, f.reason, f.set_on, coalesce(u.display_name, '')
             FROM client_flags f
             JOIN flag_kinds k ON k.id = f.kind_id
             LEFT JOIN users u ON u.id = f.set_by
             WHERE f.client_id = ?1 AND f.cleared_on IS NULL
             ORDER BY k.label",
        )
        .db()?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(ClientFlag {
                id: r.get(0)?,
                kind_id: r.get(1)?,
                label: r.get(2)?,
                reason: r.get(3)?,
                set_on: r.get(4)?,
                set_by: r.get(5)?,
            })
        })
        .db()?;
    rows.collect::<rusqlite::Result<_>>().db()
}
